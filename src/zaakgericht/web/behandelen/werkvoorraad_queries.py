"""The werkvoorraad: the open zaken a medewerker works on, a page at a time, in a fixed number of queries.

Three lists: the zaken whose behandelaar is the medewerker ("mijn"), whose behandelaar is one
of a set of colleagues ("team"), and those without a behandelaar ("niet_toegewezen"). A
behandelaar is a rol with omschrijvingGeneriek ``behandelaar`` of a medewerker, identified by
the medewerker's identificatie (the account's gebruikersnaam). Filters on zaaktype, current
statustype and termijn; the authorisation limits apply in SQL as in the Zaken API.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ...api.auth import limits_clause
from ...behandeling.models import BERICHT, TERUGBELVERZOEK, Taak
from ...catalogi.models import StatusType, ZaakType
from ...zaken.models import Status, Zaak
from ...zaken.queries import BIJNA_DAGEN, newest_status, signaal
from ...zaken.service import local_time

PAGE_SIZE = 25

Lijst = Literal["mijn", "team", "niet_toegewezen"]
Termijn = Literal["", "verlopen", "bijna"]
SORTERINGEN = {
    "uiterlijke_einddatum": (Zaak.uiterlijke_einddatum_afdoening.asc().nulls_last(),),
    "einddatum_gepland": (Zaak.einddatum_gepland.asc().nulls_last(),),
    "startdatum": (Zaak.startdatum.asc(),),
    "-startdatum": (Zaak.startdatum.desc(),),
    "identificatie": (Zaak.identificatie.asc(),),
}


@dataclass(frozen=True)
class Filters:
    lijst: Lijst = "mijn"
    zaaktype: uuid.UUID | None = None
    statustype: uuid.UUID | None = None
    termijn: Termijn = ""
    sortering: str = "uiterlijke_einddatum"
    pagina: int = 1


@dataclass(frozen=True)
class Regel:
    """One zaak of the werkvoorraad, as a list shows it."""

    uuid: uuid.UUID
    identificatie: str
    omschrijving: str
    zaaktype: str
    status: str
    behandelaar: str  # identificatie of the medewerker, "" when not assigned
    startdatum: date
    einddatum_gepland: date | None
    uiterlijke_einddatum_afdoening: date | None
    signaal: Literal["", "termijn_verstreken", "servicenorm_verstreken", "bijna"]
    terugbellen: bool  # an open terugbelverzoek waits
    bericht: bool = False  # an open message of a betrokkene (from the PIP) waits


def _any_before(day: date):
    """The servicenorm or the legal term of the zaak ends before ``day`` (an unset date never does)."""
    return or_(
        and_(Zaak.uiterlijke_einddatum_afdoening.is_not(None), Zaak.uiterlijke_einddatum_afdoening < day),
        and_(Zaak.einddatum_gepland.is_not(None), Zaak.einddatum_gepland < day),
    )


def statement(filters: Filters, medewerker: str, team: list[str], limits: dict[str, int] | None, today: date) -> Select:
    """The open zaken of one list with the filters applied, ordered, not yet paged."""
    query = (
        select(
            Zaak.id,
            Zaak.uuid,
            Zaak.identificatie,
            Zaak.omschrijving,
            ZaakType.omschrijving,
            Zaak.startdatum,
            Zaak.einddatum_gepland,
            Zaak.uiterlijke_einddatum_afdoening,
            Zaak.behandelaar,
        )
        .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
        .where(Zaak.einddatum.is_(None))
    )
    if filters.lijst == "mijn":
        query = query.where(Zaak.behandelaar == medewerker)
    elif filters.lijst == "team":
        query = query.where(Zaak.behandelaar.in_(team))
    else:
        query = query.where(Zaak.behandelaar == "")
    if limits is not None:
        query = query.where(limits_clause(limits, Zaak.zaaktype_id, ZaakType, Zaak.vertrouwelijkheidaanduiding))
    if filters.zaaktype is not None:
        query = query.where(ZaakType.uuid == filters.zaaktype)
    if filters.statustype is not None:
        current = (
            select(Status.zaak_id)
            .join(StatusType, StatusType.id == Status.statustype_id)
            .where(StatusType.uuid == filters.statustype, newest_status())
        )
        query = query.where(Zaak.id.in_(current))
    if filters.termijn == "verlopen":
        query = query.where(_any_before(today))
    elif filters.termijn == "bijna":
        query = query.where(~_any_before(today), _any_before(today + timedelta(days=BIJNA_DAGEN + 1)))
    order = SORTERINGEN.get(filters.sortering, SORTERINGEN["uiterlijke_einddatum"])
    return query.order_by(*order, Zaak.id)


def last_page(count: int) -> int:
    return max(1, -(-count // PAGE_SIZE))


async def werkvoorraad(
    session: AsyncSession,
    filters: Filters,
    *,
    medewerker: str,
    team: list[str],
    limits: dict[str, int] | None,
    today: date,
) -> tuple[int, list[Regel]]:
    """The number of zaken in the list and the rows of the asked page (the last one for a page beyond it):
    four queries for any page."""
    listed = statement(filters, medewerker, team, limits, today)
    count = await session.scalar(select(func.count()).select_from(listed.order_by(None).subquery())) or 0
    offset = (min(max(filters.pagina, 1), last_page(count)) - 1) * PAGE_SIZE
    rows = (await session.execute(listed.limit(PAGE_SIZE).offset(offset))).all()
    ids = [row[0] for row in rows]
    statussen = dict(
        (
            await session.execute(
                select(Status.zaak_id, StatusType.omschrijving)
                .join(StatusType, StatusType.id == Status.statustype_id)
                .where(Status.zaak_id.in_(ids), newest_status())
            )
        ).all()
    )
    open_taken = set(
        (await session.execute(select(Taak.zaak_id, Taak.soort).where(Taak.zaak_id.in_(ids), _open_taak()))).all()
    )
    return count, [
        _regel(
            row,
            statussen.get(row[0], ""),
            (row[0], TERUGBELVERZOEK) in open_taken,
            today,
            bericht=(row[0], BERICHT) in open_taken,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class Terugbelverzoek:
    zaak: uuid.UUID
    identificatie: str
    onderwerp: str
    contact_naam: str
    telefoonnummer: str
    aangemaakt: datetime
    soort: str = TERUGBELVERZOEK  # or BERICHT


MAX_TERUGBELVERZOEKEN = 20


async def terugbelverzoeken(
    session: AsyncSession,
    filters: Filters,
    *,
    medewerker: str,
    team: list[str],
    limits: dict[str, int] | None,
    today: date,
) -> list[Terugbelverzoek]:
    """The open terugbelverzoeken and berichten of the zaken in the list (the oldest first, at most
    MAX_TERUGBELVERZOEKEN): a task follows its zaak, so it is with whoever handles the zaak now."""
    # Driven by the few open taken, each checked against the list's conditions on its zaak.
    listed = statement(filters, medewerker, team, limits, today).join(Taak, Taak.zaak_id == Zaak.id)
    rows = await session.execute(
        listed.where(_open_taak())
        .with_only_columns(
            Zaak.uuid,
            Zaak.identificatie,
            Taak.onderwerp,
            Taak.contact_naam,
            Taak.telefoonnummer,
            Taak.aangemaakt,
            Taak.soort,
        )
        .order_by(None)
        .order_by(Taak.aangemaakt, Taak.id)
        .limit(MAX_TERUGBELVERZOEKEN)
    )
    return [Terugbelverzoek(*row[:5], local_time(row[5]), row[6]) for row in rows]


def _open_taak():
    return and_(Taak.soort.in_((TERUGBELVERZOEK, BERICHT)), Taak.afgehandeld.is_(None))


def _regel(row, status: str, terugbellen: bool, today: date, *, bericht: bool = False) -> Regel:
    _, zaak_uuid, identificatie, omschrijving, zaaktype, startdatum, gepland, uiterlijk, behandelaar = row
    return Regel(
        uuid=zaak_uuid,
        identificatie=identificatie,
        omschrijving=omschrijving,
        zaaktype=zaaktype,
        status=status,
        behandelaar=behandelaar,
        startdatum=startdatum,
        einddatum_gepland=gepland,
        uiterlijke_einddatum_afdoening=uiterlijk,
        signaal=signaal(gepland, uiterlijk, today),
        terugbellen=terugbellen,
        bericht=bericht,
    )


async def statustypen(session: AsyncSession, zaaktype: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """The statustypen of a zaaktype in order, to filter the werkvoorraad on."""
    rows = await session.execute(
        select(StatusType.uuid, StatusType.omschrijving)
        .join(ZaakType, ZaakType.id == StatusType.zaaktype_id)
        .where(ZaakType.uuid == zaaktype)
        .order_by(StatusType.volgnummer)
    )
    return [(row[0], row[1]) for row in rows]
