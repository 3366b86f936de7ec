"""Reading one person's signals: the unread count of the header, the list of /signalen and the start page."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..accounts.models import Medewerker
from ..zaken.models import Zaak
from ..zaken.service import local_time
from .models import Signaal, SignaalVoorkeur

# The list shows this many of the newest signals; older ones are kept for the history only.
LIJST_MAX = 100


@dataclass(frozen=True)
class SignaalRegel:
    uuid: uuid.UUID
    soort: str
    tekst: str
    aangemaakt: datetime  # local time
    gelezen: bool
    zaak_uuid: uuid.UUID
    zaak_identificatie: str


async def signalen_aantal(db: AsyncSession, medewerker: Medewerker) -> int:
    """The number of the medewerker's unread signals (for the badge in the header): one query."""
    return (
        await db.scalar(
            select(func.count())
            .select_from(Signaal)
            .where(Signaal.ontvanger == medewerker.gebruikersnaam, Signaal.gelezen.is_(None))
        )
        or 0
    )


async def signalen(
    db: AsyncSession, medewerker: Medewerker, *, alleen_ongelezen: bool = False, limit: int = LIJST_MAX
) -> list[SignaalRegel]:
    """The medewerker's newest signals with their zaak, newest first: one query."""
    query = (
        select(
            Signaal.uuid,
            Signaal.soort,
            Signaal.tekst,
            Signaal.aangemaakt,
            Signaal.gelezen,
            Zaak.uuid,
            Zaak.identificatie,
        )
        .join(Zaak, Zaak.id == Signaal.zaak_id)
        .where(Signaal.ontvanger == medewerker.gebruikersnaam)
        .order_by(Signaal.aangemaakt.desc(), Signaal.id.desc())
        .limit(limit)
    )
    if alleen_ongelezen:
        query = query.where(Signaal.gelezen.is_(None))
    return [
        SignaalRegel(row[0], row[1], row[2], local_time(row[3]), row[4] is not None, row[5], row[6])
        for row in await db.execute(query)
    ]


async def wil_dagelijks_overzicht(db: AsyncSession, medewerker: Medewerker) -> bool:
    return bool(
        await db.scalar(
            select(SignaalVoorkeur.dagelijks_overzicht).where(SignaalVoorkeur.medewerker_id == medewerker.id)
        )
    )
