"""Full-text search over zaken, their betrokkenen and their documents, inside the database.

``index`` keeps the ``zoek_index`` table in step with the zaken (called by the domain services in the
transaction of each change), ``tekst`` extracts the text of stored documents, ``queries`` searches within
a medewerker's autorisaties, ``raadplegingen`` records the lookups of a person.
"""
