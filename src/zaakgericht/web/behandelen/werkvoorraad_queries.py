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

from sqlalchemy import Select, and_, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from ...accounts import service as accounts
from ...accounts.models import Medewerker
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
    return count, await _regels(session, listed.limit(PAGE_SIZE).offset(offset), today)


async def export_regels(
    session: AsyncSession,
    filters: Filters,
    selectie: list[uuid.UUID],
    *,
    medewerker: str,
    team: list[str],
    limits: dict[str, int] | None,
    today: date,
) -> list[Regel]:
    """Every zaak of the filtered list (all pages), or only the selected ones of it, in the list's order:
    three queries whatever their number."""
    listed = statement(filters, medewerker, team, limits, today)
    if selectie:
        listed = listed.where(Zaak.uuid.in_(selectie))
    return await _regels(session, listed, today)


async def _regels(session: AsyncSession, listed: Select, today: date) -> list[Regel]:
    """The rows of ``listed`` with each zaak's current status and open taken: three queries."""
    rows = (await session.execute(listed)).all()
    # The zaken of the rows as a subquery rather than a list of ids, so an export of any size is one query.
    ids = select(listed.subquery().c.id)
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
    return [
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


# --- counts per list ----------------------------------------------------------------------------------


def _team_namen(medewerker: Medewerker):
    """The gebruikersnamen of the medewerker's team (as ``accounts.team``), as a subquery."""
    if not medewerker.afdeling:
        return select(Medewerker.gebruikersnaam).where(Medewerker.id == medewerker.id)
    return select(Medewerker.gebruikersnaam).where(
        Medewerker.organisatie == medewerker.organisatie,
        Medewerker.afdeling == medewerker.afdeling,
        Medewerker.actief.is_(True),
    )


def _binnen_autorisaties(query, medewerker: Medewerker):
    limits = accounts.type_limits(medewerker)
    if limits is None:
        return query
    return query.where(limits_clause(limits, Zaak.zaaktype_id, ZaakType, Zaak.vertrouwelijkheidaanduiding))


async def werkvoorraad_aantallen(db: AsyncSession, medewerker: Medewerker) -> dict[str, int]:
    """The number of open zaken in each list of the medewerker's werkvoorraad, within their autorisaties, in
    one query: ``mijn``, ``team`` and ``niet_toegewezen``. Only the three ranges of the open-behandelaar index
    are counted."""
    team = _team_namen(medewerker)
    query = (
        select(
            func.count().filter(Zaak.behandelaar == medewerker.gebruikersnaam),
            func.count().filter(Zaak.behandelaar.in_(team)),
            func.count().filter(Zaak.behandelaar == ""),
        )
        .select_from(Zaak)
        .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
        .where(
            Zaak.einddatum.is_(None),
            or_(Zaak.behandelaar == medewerker.gebruikersnaam, Zaak.behandelaar == "", Zaak.behandelaar.in_(team)),
        )
    )
    mijn, van_team, niemand = (await db.execute(_binnen_autorisaties(query, medewerker))).one()
    return {"mijn": mijn, "team": van_team, "niet_toegewezen": niemand}


async def eigen_aantal(db: AsyncSession, medewerker: Medewerker) -> int:
    """The medewerker's own open zaken within their autorisaties, for the count beside Werkvoorraad in the
    header of every page: one query over one range of the open-behandelaar index (the unassigned zaken of a
    whole city are not counted on every page)."""
    query = (
        select(func.count())
        .select_from(Zaak)
        .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
        .where(Zaak.einddatum.is_(None), Zaak.behandelaar == medewerker.gebruikersnaam)
    )
    return await db.scalar(_binnen_autorisaties(query, medewerker)) or 0


# --- a colleague's open work (overdragen) ---------------------------------------------------------------


@dataclass(frozen=True)
class OpenWerk:
    zaken: int  # open zaken of the medewerker that the manager may see
    taken: int  # open taken (terugbelverzoeken, berichten) of those zaken: they go with their zaak
    buiten_autorisaties: int  # open zaken of the medewerker the manager may not see (they stay)


def _open_van(gebruikersnaam: str):
    return and_(Zaak.einddatum.is_(None), Zaak.behandelaar == gebruikersnaam)


def _zichtbaar(limits: dict[str, int] | None):
    """The zaken a person with these limits may see (all for None)."""
    if limits is None:
        return true()
    return limits_clause(limits, Zaak.zaaktype_id, ZaakType, Zaak.vertrouwelijkheidaanduiding)


async def open_werk(session: AsyncSession, gebruikersnaam: str, limits: dict[str, int] | None) -> OpenWerk:
    """How much open work the medewerker has, as a manager with ``limits`` sees it: one query."""
    van, zichtbaar = _open_van(gebruikersnaam), _zichtbaar(limits)
    row = (
        await session.execute(
            select(
                select(func.count()).select_from(Zaak).where(van, zichtbaar).scalar_subquery(),
                select(func.count())
                .select_from(Taak)
                .join(Zaak, Zaak.id == Taak.zaak_id)
                .where(van, zichtbaar, _open_taak())
                .scalar_subquery(),
                select(func.count()).select_from(Zaak).where(van, ~zichtbaar).scalar_subquery(),
            )
        )
    ).one()
    return OpenWerk(*row)


async def open_zaken(session: AsyncSession, gebruikersnaam: str, limits: dict[str, int] | None) -> list[Zaak]:
    """The open zaken of the medewerker that a manager with ``limits`` may see, to hand them over."""
    query = select(Zaak).where(_open_van(gebruikersnaam), _zichtbaar(limits))
    return list(await session.scalars(query.order_by(Zaak.id)))
