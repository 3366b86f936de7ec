"""Beheer: pages for administrators (role beheerder)."""
