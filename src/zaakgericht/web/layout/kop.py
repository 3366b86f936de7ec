"""The header's data for a logged-in medewerker: the one place where it is gathered.

Every page rendered for a medewerker gets the result as ``kop`` (``security.get_sessie`` calls this once
per request), so the header costs the same fixed number of queries on every page:

- ``signalen``: the number of signaleringen of this medewerker (the badge beside "Signaleringen");
- ``lijsten``: a count per navigation item, by the item's name (``navigatie.MenuItem.naam``), e.g.
  ``{"werkvoorraad": 12}``, shown as "Werkvoorraad (12)".
"""

from sqlalchemy.ext.asyncio import AsyncSession

from ...accounts.models import Medewerker


async def kop_gegevens(db: AsyncSession, medewerker: Medewerker) -> dict:
    # No domain keeps signaleringen or list counts yet: the header shows none rather than made-up numbers.
    return {"signalen": 0, "lijsten": {}}
