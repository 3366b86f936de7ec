"""The log of lookups of a person or company: every search by BSN or KvK-nummer is one row, with who
did it, when, and why (the doelbinding), in the same transaction as the search itself.

A table, not a log file: the number is personal data, which no log file may hold, and a person has the
right to learn who looked them up and why.
"""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PersoonRaadpleging

ZOEKEN_DOEL = "Zaken van een betrokkene opzoeken om die zaken te behandelen of erover te informeren"


def vastleggen(session: AsyncSession, gebruikersnaam: str, soort: str, nummer: str, doel: str, toepassing: str) -> None:
    """Record one lookup (flushed with the session's transaction)."""
    session.add(
        PersoonRaadpleging(
            moment=datetime.now(UTC),
            medewerker=gebruikersnaam,
            soort=soort,
            nummer=nummer,
            doel=doel,
            toepassing=toepassing,
        )
    )


async def van_persoon(session: AsyncSession, nummer: str) -> list[PersoonRaadpleging]:
    """Every lookup of this BSN or KvK-nummer, the newest first (an AVG inzageverzoek)."""
    return list(
        await session.scalars(
            select(PersoonRaadpleging)
            .where(PersoonRaadpleging.nummer == nummer)
            .order_by(PersoonRaadpleging.moment.desc(), PersoonRaadpleging.id.desc())
        )
    )
