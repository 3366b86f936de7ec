"""The link tables the Zaken, Documenten and Besluiten APIs hold in mirror, kept in step in one place."""
