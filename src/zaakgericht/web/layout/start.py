"""The reads of the start page: what needs a medewerker's attention today, per role, in a fixed number of
queries: their unread signals (2) for everyone, and per role: behandelaar 3, manager 2 (3 without the
behandelaar role), KCC 1.

Built on the werkvoorraad's list statement, so the counts here are the counts its lists show.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...behandeling.models import TERUGBELVERZOEK, Taak
from ...signalen import queries as signalen
from ...zaken.models import Zaak
from ...zaken.service import local_time
from ..behandelen import werkvoorraad_queries as werkvoorraad

SIGNALEN_MAX = 5
TERMIJN_MAX = 10
TERUGBEL_MAX = 5


@dataclass(frozen=True)
class TermijnZaak:
    uuid: uuid.UUID
    identificatie: str
    omschrijving: str
    zaaktype: str
    einddatum_gepland: date | None
    uiterlijke_einddatum_afdoening: date | None
    signaal: str  # as the werkvoorraad names it: termijn_verstreken, servicenorm_verstreken or bijna

    @property
    def einde(self) -> date:
        """The nearer of the two termijnen (the one that put the zaak on the list)."""
        return min(day for day in (self.einddatum_gepland, self.uiterlijke_einddatum_afdoening) if day is not None)


@dataclass(frozen=True)
class TeamLid:
    gebruikersnaam: str
    naam: str
    open: int
    verlopen: int


@dataclass(frozen=True)
class Verzoek:
    zaak_uuid: uuid.UUID
    zaak_identificatie: str
    onderwerp: str
    aangemaakt: datetime
    afgehandeld: bool


@dataclass
class Start:
    signalen_aantal: int = 0
    signalen: list = field(default_factory=list)
    termijn_aantal: int = 0
    termijn_zaken: list[TermijnZaak] = field(default_factory=list)
    niet_toegewezen: int = 0
    team: list[TeamLid] = field(default_factory=list)
    terugbelverzoeken: list[Verzoek] = field(default_factory=list)


def _near(today: date):
    """The servicenorm or the legal term ends within the werkvoorraad's BIJNA_DAGEN days, or has passed."""
    grens = today + timedelta(days=werkvoorraad.BIJNA_DAGEN + 1)
    return or_(
        and_(Zaak.uiterlijke_einddatum_afdoening.is_not(None), Zaak.uiterlijke_einddatum_afdoening < grens),
        and_(Zaak.einddatum_gepland.is_not(None), Zaak.einddatum_gepland < grens),
    )


async def _count(session: AsyncSession, statement) -> int:
    return await session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0


async def _behandelaar(session: AsyncSession, medewerker: Medewerker, start: Start, today: date) -> None:
    limits = accounts.type_limits(medewerker)
    mijn = werkvoorraad.statement(werkvoorraad.Filters(lijst="mijn"), medewerker.gebruikersnaam, [], limits, today)
    mijn = mijn.where(_near(today))
    start.termijn_aantal = await _count(session, mijn)
    rows = await session.execute(mijn.limit(TERMIJN_MAX))
    start.termijn_zaken = [
        TermijnZaak(*row[1:5], gepland, uiterlijk, werkvoorraad.signaal(gepland, uiterlijk, today))
        for row in rows
        for gepland, uiterlijk in [(row[6], row[7])]
    ]
    niemand = werkvoorraad.Filters(lijst="niet_toegewezen")
    start.niet_toegewezen = await _count(
        session, werkvoorraad.statement(niemand, medewerker.gebruikersnaam, [], limits, today)
    )


async def _manager(session: AsyncSession, medewerker: Medewerker, start: Start, today: date) -> None:
    """Per colleague of the team: their open zaken and how many of those are past a termijn."""
    limits = accounts.type_limits(medewerker)
    team = await accounts.team(session, medewerker)
    lijst = werkvoorraad.statement(
        werkvoorraad.Filters(lijst="team"), medewerker.gebruikersnaam, [naam for naam, _ in team], limits, today
    ).subquery()
    rows = await session.execute(
        select(
            lijst.c.behandelaar,
            func.count(),
            func.sum(
                case(
                    (
                        or_(
                            lijst.c.uiterlijke_einddatum_afdoening < today,
                            lijst.c.einddatum_gepland < today,
                        ),
                        1,
                    ),
                    else_=0,
                )
            ),
        ).group_by(lijst.c.behandelaar)
    )
    tellingen = {row[0]: (row[1], row[2] or 0) for row in rows}
    start.team = [
        TeamLid(gebruikersnaam, naam, *tellingen.get(gebruikersnaam, (0, 0))) for gebruikersnaam, naam in team
    ]
    if "behandelaar" not in medewerker.rollen:
        niemand = werkvoorraad.Filters(lijst="niet_toegewezen")
        start.niet_toegewezen = await _count(
            session, werkvoorraad.statement(niemand, medewerker.gebruikersnaam, [], limits, today)
        )


async def _kcc(session: AsyncSession, medewerker: Medewerker, start: Start) -> None:
    """The terugbelverzoeken this KCC medewerker made last, and whether they were handled."""
    rows = await session.execute(
        select(Zaak.uuid, Zaak.identificatie, Taak.onderwerp, Taak.aangemaakt, Taak.afgehandeld)
        .join(Zaak, Zaak.id == Taak.zaak_id)
        .where(Taak.soort == TERUGBELVERZOEK, Taak.aangemaakt_door == medewerker.gebruikersnaam)
        .order_by(Taak.aangemaakt.desc(), Taak.id.desc())
        .limit(TERUGBEL_MAX)
    )
    start.terugbelverzoeken = [Verzoek(row[0], row[1], row[2], local_time(row[3]), row[4] is not None) for row in rows]


def zaak_url(medewerker, zaak_uuid: uuid.UUID) -> str:
    """Where a signal's zaak opens for this medewerker: the dossier, or the KCC's view of the zaak."""
    if "behandelaar" in medewerker.rollen or "manager" in medewerker.rollen or "kcc" not in medewerker.rollen:
        return f"/zaakdossier/{zaak_uuid}"
    return f"/kcc/zaken/{zaak_uuid}"


async def start_gegevens(session: AsyncSession, medewerker: Medewerker, today: date) -> Start:
    start = Start(
        signalen_aantal=await signalen.signalen_aantal(session, medewerker),
        signalen=await signalen.signalen(session, medewerker, alleen_ongelezen=True, limit=SIGNALEN_MAX),
    )
    if "behandelaar" in medewerker.rollen:
        await _behandelaar(session, medewerker, start, today)
    if "manager" in medewerker.rollen:
        await _manager(session, medewerker, start, today)
    if "kcc" in medewerker.rollen:
        await _kcc(session, medewerker, start)
    return start
