"""What the klantcontactcentrum (KCC) sees of zaken: find them for a caller and say where they stand.

A search by zaaknummer (the identificatie without regard to case; for the generated ones
``ZAAK-2026-0000000146`` also ``2026-146`` or just the number ``146``: the input is turned into the
identificaties it can mean, so the search stays an indexed lookup), by BSN (a natuurlijk persoon in any
rol), by KvK-nummer (a vestiging in any rol; the number is only kept inside ``betrokkeneIdentificatie``,
so it is read from the JSON, without an index) or by postcode and huisnummer (the verblijfsadres of a
betrokkene or a zaakobject of type adres, also from the JSON). The reader's autorisaties apply in SQL as
in the Zaken API. Three queries for any number of results: the zaken, their current status, their
behandelaar with the medewerker's afdeling and e-mail. Nothing internal (notes, toelichtingen) is shown.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ...accounts.models import Medewerker
from ...api.auth import limits_clause
from ...api.identificatie import IdentificatieTeller
from ...catalogi.models import StatusType, ZaakType
from ...zaken.models import KlantContact, Rol, Status, Zaak, ZaakObject
from ...zaken.queries import newest_status
from ...zaken.service import local_time

# A search that matches more zaken shows the newest this many (and says so).
MAX_RESULTATEN = 50

Soort = Literal["zaaknummer", "bsn", "kvk", "postcode"]

# A generated zaaknummer (``zaken.service``: ZAAK-<year>-<10 digits>), or the part of it a caller reads out.
_ZAAKNUMMER = re.compile(r"^(?:ZAAK)?[-\s]*(?:(?P<jaar>\d{4})[-\s]+)?0*(?P<nummer>\d{1,10})$", re.IGNORECASE)


@dataclass(frozen=True)
class Behandelaar:
    naam: str
    team: str  # the medewerker's afdeling; "" when the behandelaar is no known medewerker
    email: str


@dataclass(frozen=True)
class ZaakInfo:
    """A zaak as the KCC tells a caller about it."""

    id: int
    uuid: uuid.UUID
    identificatie: str
    zaaktype: str
    omschrijving: str
    status: str  # the statustype's statustekst (for the citizen), else its omschrijving
    startdatum: date
    einddatum: date | None
    einddatum_gepland: date | None
    behandelaar: Behandelaar | None

    @property
    def open(self) -> bool:
        return self.einddatum is None


def _postcode(value):
    """A postcode without spaces, in capitals, for comparing ``1234 ab`` with ``1234AB``."""
    return func.upper(func.replace(value, " ", ""))


async def zaaknummers(session: AsyncSession, zoekterm: str) -> set[str]:
    """The identificaties ``zoekterm`` can mean (compared in lower case): as typed, and as a generated zaaknummer of the
    year it names or of every year zaaknummers were generated in (one query, only for a bare number)."""
    kandidaten = {zoekterm}
    if generated := _ZAAKNUMMER.match(zoekterm):
        nummer = int(generated["nummer"])
        jaren = [int(generated["jaar"])] if generated["jaar"] else await _zaak_jaren(session)
        kandidaten.update(f"ZAAK-{jaar}-{nummer:010d}" for jaar in jaren)
    return kandidaten


async def _zaak_jaren(session: AsyncSession) -> list[int]:
    return list(
        await session.scalars(select(IdentificatieTeller.jaar).where(IdentificatieTeller.soort == "zaak").distinct())
    )


def _matching(soort: Soort, waarde: str | set[str], huisnummer: int | None):
    """The condition on Zaak for a search (``waarde`` is already checked and normalised; for a zaaknummer the
    identificaties it can mean)."""
    if soort == "zaaknummer":
        return func.lower(Zaak.identificatie).in_(sorted({kandidaat.lower() for kandidaat in waarde}))
    if soort == "bsn":
        rollen = select(Rol.zaak_id).where(Rol.betrokkene_type == "natuurlijk_persoon", Rol.inp_bsn == waarde)
        return Zaak.id.in_(rollen)
    if soort == "kvk":
        kvk = Rol.betrokkene_identificatie["kvkNummer"].as_string()
        return Zaak.id.in_(select(Rol.zaak_id).where(Rol.betrokkene_type == "vestiging", kvk == waarde))
    adres = Rol.betrokkene_identificatie["verblijfsadres"]
    rollen = select(Rol.zaak_id).where(
        Rol.betrokkene_type.in_(("natuurlijk_persoon", "vestiging")),
        _postcode(adres["aoaPostcode"].as_string()) == waarde,
        adres["aoaHuisnummer"].as_integer() == huisnummer,
    )
    objecten = select(ZaakObject.zaak_id).where(
        ZaakObject.object_type == "adres",
        _postcode(ZaakObject.object_identificatie["postcode"].as_string()) == waarde,
        ZaakObject.object_identificatie["huisnummer"].as_integer() == huisnummer,
    )
    return or_(Zaak.id.in_(rollen), Zaak.id.in_(objecten))


def _statement(condition, limits: dict[str, int] | None) -> Select:
    query = (
        select(
            Zaak.id,
            Zaak.uuid,
            Zaak.identificatie,
            ZaakType.omschrijving,
            Zaak.omschrijving,
            Zaak.startdatum,
            Zaak.einddatum,
            Zaak.einddatum_gepland,
        )
        .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
        .where(condition)
    )
    if limits is not None:
        query = query.where(limits_clause(limits, Zaak.zaaktype_id, ZaakType, Zaak.vertrouwelijkheidaanduiding))
    return query.order_by(Zaak.startdatum.desc(), Zaak.id.desc())


async def _infos(session: AsyncSession, rows) -> list[ZaakInfo]:
    """The zaken of ``rows`` with their current status and behandelaar: two queries."""
    ids = [row[0] for row in rows]
    statussen = dict(
        (
            await session.execute(
                select(Status.zaak_id, func.coalesce(func.nullif(StatusType.statustekst, ""), StatusType.omschrijving))
                .join(StatusType, StatusType.id == Status.statustype_id)
                .where(Status.zaak_id.in_(ids), newest_status())
            )
        ).all()
    )
    behandelaars: dict[int, Behandelaar] = {}
    for zaak_id, rol, naam, afdeling, email in await session.execute(
        select(Rol.zaak_id, Rol, Medewerker.naam, Medewerker.afdeling, Medewerker.email)
        .outerjoin(Medewerker, (Medewerker.gebruikersnaam == Rol.identificatie) & (Rol.betrokkene_type == "medewerker"))
        .where(Rol.zaak_id.in_(ids), Rol.omschrijving_generiek == "behandelaar")
        .order_by(Rol.id)
    ):
        # The newest behandelaar rol wins.
        behandelaars[zaak_id] = Behandelaar(naam=naam or _rol_naam(rol), team=afdeling or "", email=email or "")
    return [
        ZaakInfo(
            id=row[0],
            uuid=row[1],
            identificatie=row[2],
            zaaktype=row[3],
            omschrijving=row[4],
            status=statussen.get(row[0], ""),
            startdatum=row[5],
            einddatum=row[6],
            einddatum_gepland=row[7],
            behandelaar=behandelaars.get(row[0]),
        )
        for row in rows
    ]


def _rol_naam(rol: Rol) -> str:
    gegevens = rol.betrokkene_identificatie or {}
    parts = [gegevens.get(key) or "" for key in ("voorletters", "voorvoegselAchternaam", "achternaam", "naam")]
    return " ".join(part for part in parts if part) or rol.afwijkende_naam_betrokkene or rol.identificatie


async def zoek(
    session: AsyncSession,
    soort: Soort,
    waarde: str,
    *,
    huisnummer: int | None = None,
    limits: dict[str, int] | None,
) -> tuple[list[ZaakInfo], bool]:
    """The zaken found (newest first, at most MAX_RESULTATEN) and whether there were more."""
    gezocht = await zaaknummers(session, waarde) if soort == "zaaknummer" else waarde
    rows = (
        await session.execute(_statement(_matching(soort, gezocht, huisnummer), limits).limit(MAX_RESULTATEN + 1))
    ).all()
    return await _infos(session, rows[:MAX_RESULTATEN]), len(rows) > MAX_RESULTATEN


async def zaak(session: AsyncSession, zaak_uuid: uuid.UUID, *, limits: dict[str, int] | None) -> ZaakInfo | None:
    """One zaak for the KCC; None when it does not exist or is outside the reader's autorisaties."""
    rows = (await session.execute(_statement(Zaak.uuid == zaak_uuid, limits))).all()
    found = await _infos(session, rows)
    return found[0] if found else None


@dataclass(frozen=True)
class Contact:
    """An earlier klantcontact on the zaak."""

    datumtijd: datetime
    kanaal: str
    onderwerp: str
    toelichting: str


async def klantcontacten(session: AsyncSession, zaak_id: int) -> list[Contact]:
    """The zaak's klantcontacten, the newest first."""
    rows = await session.execute(
        select(KlantContact.datumtijd, KlantContact.kanaal, KlantContact.onderwerp, KlantContact.toelichting)
        .where(KlantContact.zaak_id == zaak_id)
        .order_by(KlantContact.datumtijd.desc(), KlantContact.id.desc())
    )
    return [Contact(local_time(moment), *rest) for moment, *rest in rows]
