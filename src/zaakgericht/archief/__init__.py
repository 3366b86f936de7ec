"""Archiving: deriving archive data from the resultaattype when a zaak closes."""
