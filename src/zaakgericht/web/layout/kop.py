"""The header's data for a logged-in medewerker: the one place where it is gathered.

Every page rendered for a medewerker gets the result as ``kop`` (``security.get_sessie`` calls this once
per request), so the header costs the same fixed number of queries on every page:

- ``signalen``: the number of unread signaleringen of this medewerker (the badge beside "Signaleringen"),
  one query;
- ``lijsten``: a count per navigation item, by the item's name (``navigatie.MenuItem.naam``), e.g.
  ``{"werkvoorraad": 12}``, shown as "Werkvoorraad (12)": the medewerker's own open zaken, one query, for
  the roles that have a werkvoorraad.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from ...accounts.models import Medewerker
from ...signalen.queries import signalen_aantal
from ..behandelen.werkvoorraad_queries import eigen_aantal

ROLLEN_MET_WERKVOORRAAD = frozenset({"behandelaar", "manager"})


async def kop_gegevens(db: AsyncSession, medewerker: Medewerker) -> dict:
    lijsten = {}
    if ROLLEN_MET_WERKVOORRAAD & set(medewerker.rollen):
        lijsten["werkvoorraad"] = await eigen_aantal(db, medewerker)
    return {"signalen": await signalen_aantal(db, medewerker), "lijsten": lijsten}
