"""Reads of the Zaken API: authorisation in SQL, list filters and the JSON bodies of zaken.

Bodies are built in bulk: a page of zaken costs the page query plus one query for all
the URLs of their statussen, rollen, resultaten and other parts, whatever the page size.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, and_, bindparam, exists, literal, null, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from ..api import urls
from ..api.auth import AuthContext, limits_clause
from ..api.errors import NotFound
from ..catalogi.models import ZaakType
from .models import Resultaat, Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject

API = "zaken"
READ = ("zaken.lezen",)

BETALINGSINDICATIE_WEERGAVE = {
    "": "",
    "nvt": "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
    "nog_niet": "De met de zaak gemoeide kosten zijn (nog) niet betaald.",
    "gedeeltelijk": "De met de zaak gemoeide kosten zijn gedeeltelijk betaald.",
    "geheel": "De met de zaak gemoeide kosten zijn geheel betaald.",
}


def url_of(resource: str, uuid_: uuid.UUID | str) -> str:
    return urls.build(API, resource, uuid_)


def zaakeigenschap_url(zaak_uuid: uuid.UUID, uuid_: uuid.UUID) -> str:
    return f"{url_of('zaken', zaak_uuid)}/zaakeigenschappen/{uuid_}"


def catalogi_url(resource: str, uuid_: uuid.UUID | None) -> str | None:
    return urls.build("catalogi", resource, uuid_) if uuid_ else None


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def iso_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite gives naive datetimes back; they were written in UTC.
        value = value.replace(tzinfo=UTC)
    return value.isoformat().replace("+00:00", "Z")


# --- authorisation ---------------------------------------------------------------------------


def zaak_clause(auth: AuthContext, scopes: tuple[str, ...] = READ):
    """The SQL condition on ``Zaak`` for the zaken a client may use (zrc-006); None for all."""
    limits = auth.type_limits("zrc", scopes)
    if limits is None:
        return None
    return limits_clause(limits, Zaak.zaaktype_id, ZaakType, Zaak.vertrouwelijkheidaanduiding)


def readable(statement: Select, auth: AuthContext, *, via_zaak_id=None, scopes: tuple[str, ...] = READ) -> Select:
    """``statement`` limited to zaken (or parts of zaken, joined through ``via_zaak_id``) the client may read."""
    clause = zaak_clause(auth, scopes)
    if clause is None:
        return statement
    if via_zaak_id is not None:
        statement = statement.join(Zaak, Zaak.id == via_zaak_id)
    return statement.where(clause)


async def get_by_uuid(session: AsyncSession, model, uuid_: uuid.UUID):
    obj = await session.scalar(select(model).where(model.uuid == uuid_))
    if obj is None:
        raise NotFound()
    return obj


async def readable_zaak(
    session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID, scopes: tuple[str, ...] = READ
) -> Zaak:
    """The zaak, or 404 when it does not exist or the client may not see it (as if it did not exist)."""
    zaak = await session.scalar(readable(select(Zaak).where(Zaak.uuid == uuid_), auth, scopes=scopes))
    if zaak is None:
        raise NotFound()
    return zaak


# --- zaak bodies -----------------------------------------------------------------------------


IDS = bindparam("ids", expanding=True)


def _parts_statement():
    """The uuids of every part of a set of zaken, in one query (built once; ``ids`` is bound per call)."""
    parts = [
        select(Status.zaak_id, literal("status"), Status.uuid, Status.datum_status_gezet, Status.id).where(
            Status.zaak_id.in_(IDS)
        )
    ]
    for kind, model in (
        ("rol", Rol),
        ("resultaat", Resultaat),
        ("eigenschap", ZaakEigenschap),
        ("zaakinformatieobject", ZaakInformatieObject),
        ("zaakobject", ZaakObject),
    ):
        parts.append(select(model.zaak_id, literal(kind), model.uuid, null(), model.id).where(model.zaak_id.in_(IDS)))
    deelzaak = aliased(Zaak)
    parts.append(
        select(deelzaak.hoofdzaak_id, literal("deelzaak"), deelzaak.uuid, null(), deelzaak.id).where(
            deelzaak.hoofdzaak_id.in_(IDS)
        )
    )
    return union_all(*parts).order_by("id")


def _refs_statement():
    """Per zaak the uuids of its zaaktype and hoofdzaak."""
    hoofdzaak = aliased(Zaak)
    return (
        select(Zaak.id, ZaakType.uuid, hoofdzaak.uuid)
        .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
        .outerjoin(hoofdzaak, hoofdzaak.id == Zaak.hoofdzaak_id)
        .where(Zaak.id.in_(IDS))
    )


PARTS = _parts_statement()
REFS = _refs_statement()


def _newest_status(rows: list) -> uuid.UUID | None:
    """The status set last (by datumStatusGezet; of equal ones the last registered)."""
    if not rows:
        return None
    return max(rows, key=lambda row: (aware(row[3]), row[4]))[2]


def aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def zaak_bodies(session: AsyncSession, zaken: Sequence[Zaak]) -> list[dict]:
    """Bodies of zaken (ORM objects or rows of the zaak table): two queries for any number."""
    if not zaken:
        return []
    ids = [zaak.id for zaak in zaken]
    zaaktype_uuids, hoofdzaak_uuids = {}, {}
    for zaak_id, zaaktype_uuid, hoofdzaak_uuid in await session.execute(REFS, {"ids": ids}):
        zaaktype_uuids[zaak_id] = zaaktype_uuid
        hoofdzaak_uuids[zaak_id] = hoofdzaak_uuid
    parts: dict[tuple[int, str], list] = defaultdict(list)
    for row in await session.execute(PARTS, {"ids": ids}):
        parts[(row[0], row[1])].append(row)
    return [_zaak_body(zaak, zaaktype_uuids[zaak.id], hoofdzaak_uuids[zaak.id], parts) for zaak in zaken]


def new_zaak_body(zaak: Zaak, zaaktype_uuid: uuid.UUID, hoofdzaak_url: str | None) -> dict:
    """The body of a zaak just created: it has no parts yet, so no queries are needed."""
    hoofdzaak = urls.resolve(hoofdzaak_url) if hoofdzaak_url else None
    return _zaak_body(zaak, zaaktype_uuid, hoofdzaak.uuid if hoofdzaak else None, {})


def _uuids(parts: dict, zaak_id: int, kind: str) -> list[uuid.UUID]:
    return [row[2] for row in parts.get((zaak_id, kind), [])]


def _zaak_body(zaak: Zaak, zaaktype_uuid: uuid.UUID, hoofdzaak_uuid: uuid.UUID | None, parts: dict) -> dict:
    status_uuid = _newest_status(parts.get((zaak.id, "status"), []))
    resultaat = _uuids(parts, zaak.id, "resultaat")
    verlenging = (
        {"reden": zaak.verlenging_reden, "duur": zaak.verlenging_duur} if zaak.verlenging_duur is not None else None
    )
    body = {
        "url": url_of("zaken", zaak.uuid),
        "uuid": str(zaak.uuid),
        "identificatie": zaak.identificatie,
        "bronorganisatie": zaak.bronorganisatie,
        "omschrijving": zaak.omschrijving,
        "toelichting": zaak.toelichting,
        "zaaktype": catalogi_url("zaaktypen", zaaktype_uuid),
        "registratiedatum": iso_date(zaak.registratiedatum),
        "verantwoordelijkeOrganisatie": zaak.verantwoordelijke_organisatie,
        "startdatum": iso_date(zaak.startdatum),
        "einddatum": iso_date(zaak.einddatum),
        "einddatumGepland": iso_date(zaak.einddatum_gepland),
        "uiterlijkeEinddatumAfdoening": iso_date(zaak.uiterlijke_einddatum_afdoening),
        "publicatiedatum": iso_date(zaak.publicatiedatum),
        "communicatiekanaal": zaak.communicatiekanaal,
        "productenOfDiensten": zaak.producten_of_diensten,
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
        "betalingsindicatie": zaak.betalingsindicatie,
        "betalingsindicatieWeergave": BETALINGSINDICATIE_WEERGAVE.get(zaak.betalingsindicatie, ""),
        "laatsteBetaaldatum": iso_datetime(zaak.laatste_betaaldatum),
        "zaakgeometrie": zaak.zaakgeometrie,
        "verlenging": verlenging,
        "opschorting": {"indicatie": zaak.opschorting_indicatie, "reden": zaak.opschorting_reden},
        "selectielijstklasse": zaak.selectielijstklasse,
        "hoofdzaak": url_of("zaken", hoofdzaak_uuid) if hoofdzaak_uuid else None,
        "deelzaken": [url_of("zaken", u) for u in _uuids(parts, zaak.id, "deelzaak")],
        "relevanteAndereZaken": zaak.relevante_andere_zaken,
        "eigenschappen": [zaakeigenschap_url(zaak.uuid, u) for u in _uuids(parts, zaak.id, "eigenschap")],
        "rollen": [url_of("rollen", u) for u in _uuids(parts, zaak.id, "rol")],
        "status": url_of("statussen", status_uuid) if status_uuid else None,
        "zaakinformatieobjecten": [
            url_of("zaakinformatieobjecten", u) for u in _uuids(parts, zaak.id, "zaakinformatieobject")
        ],
        "zaakobjecten": [url_of("zaakobjecten", u) for u in _uuids(parts, zaak.id, "zaakobject")],
        "kenmerken": zaak.kenmerken,
        "archiefnominatie": zaak.archiefnominatie,
        "archiefstatus": zaak.archiefstatus,
        "archiefactiedatum": iso_date(zaak.archiefactiedatum),
        "resultaat": url_of("resultaten", resultaat[0]) if resultaat else None,
        "opdrachtgevendeOrganisatie": zaak.opdrachtgevende_organisatie,
        "processobjectaard": zaak.processobjectaard,
        "startdatumBewaartermijn": iso_date(zaak.startdatum_bewaartermijn),
        "processobject": zaak.processobject,
    }
    return without_empty(body, URL_FIELDS)


# Optional URLs the OAS allows neither empty nor null: left out when there is none.
URL_FIELDS = ("communicatiekanaal", "selectielijstklasse")


def without_empty(body: dict, keys) -> dict:
    for key in keys:
        if body.get(key) in ("", None):
            del body[key]
    return body


async def zaak_body(session: AsyncSession, zaak: Zaak) -> dict:
    return (await zaak_bodies(session, [zaak]))[0]


# --- statussen and resultaten ----------------------------------------------------------------


async def status_bodies(session: AsyncSession, statussen: Sequence[Status]) -> list[dict]:
    if not statussen:
        return []
    from ..catalogi.models import StatusType

    ids = [status.id for status in statussen]
    refs = {
        row[0]: row[1:]
        for row in await session.execute(
            select(Status.id, Zaak.uuid, StatusType.uuid, Rol.uuid)
            .join(Zaak, Zaak.id == Status.zaak_id)
            .join(StatusType, StatusType.id == Status.statustype_id)
            .outerjoin(Rol, Rol.id == Status.gezetdoor_id)
            .where(Status.id.in_(ids))
        )
    }
    newest = await _newest_status_ids(session, {status.zaak_id for status in statussen})
    documents: dict[int, list[uuid.UUID]] = defaultdict(list)
    for status_id, zio_uuid in await session.execute(
        select(ZaakInformatieObject.status_id, ZaakInformatieObject.uuid)
        .where(ZaakInformatieObject.status_id.in_(ids))
        .order_by(ZaakInformatieObject.id)
    ):
        documents[status_id].append(zio_uuid)
    bodies = []
    for status in statussen:
        zaak_uuid, statustype_uuid, rol_uuid = refs[status.id]
        bodies.append(
            {
                "url": url_of("statussen", status.uuid),
                "uuid": str(status.uuid),
                "zaak": url_of("zaken", zaak_uuid),
                "statustype": catalogi_url("statustypen", statustype_uuid),
                "datumStatusGezet": iso_datetime(status.datum_status_gezet),
                "statustoelichting": status.statustoelichting,
                "indicatieLaatstGezetteStatus": newest.get(status.zaak_id) == status.id,
                "gezetdoor": url_of("rollen", rol_uuid) if rol_uuid else None,
                "zaakinformatieobjecten": [url_of("zaakinformatieobjecten", u) for u in documents[status.id]],
            }
        )
        without_empty(bodies[-1], ("gezetdoor",))
    return bodies


def new_status_body(
    status: Status, zaak_uuid: uuid.UUID, statustype_uuid: uuid.UUID, rol_uuid: uuid.UUID | None, is_latest: bool
) -> dict:
    """The body of a status just set: what it links to is known, and no document points at it yet."""
    body = {
        "url": url_of("statussen", status.uuid),
        "uuid": str(status.uuid),
        "zaak": url_of("zaken", zaak_uuid),
        "statustype": catalogi_url("statustypen", statustype_uuid),
        "datumStatusGezet": iso_datetime(status.datum_status_gezet),
        "statustoelichting": status.statustoelichting,
        "indicatieLaatstGezetteStatus": is_latest,
        "gezetdoor": url_of("rollen", rol_uuid) if rol_uuid else None,
        "zaakinformatieobjecten": [],
    }
    return without_empty(body, ("gezetdoor",))


async def _newest_status_ids(session: AsyncSession, zaak_ids: set[int]) -> dict[int, int]:
    """Per zaak, the id of the status set last."""
    rows: dict[int, list] = defaultdict(list)
    for zaak_id, status_id, moment in await session.execute(
        select(Status.zaak_id, Status.id, Status.datum_status_gezet).where(Status.zaak_id.in_(zaak_ids))
    ):
        rows[zaak_id].append((aware(moment), status_id))
    return {zaak_id: max(values)[1] for zaak_id, values in rows.items()}


async def resultaat_bodies(session: AsyncSession, resultaten: Sequence[Resultaat]) -> list[dict]:
    if not resultaten:
        return []
    from ..catalogi.models import ResultaatType

    refs = {
        row[0]: row[1:]
        for row in await session.execute(
            select(Resultaat.id, Zaak.uuid, ResultaatType.uuid)
            .join(Zaak, Zaak.id == Resultaat.zaak_id)
            .join(ResultaatType, ResultaatType.id == Resultaat.resultaattype_id)
            .where(Resultaat.id.in_([resultaat.id for resultaat in resultaten]))
        )
    }
    return [
        {
            "url": url_of("resultaten", resultaat.uuid),
            "uuid": str(resultaat.uuid),
            "zaak": url_of("zaken", refs[resultaat.id][0]),
            "resultaattype": catalogi_url("resultaattypen", refs[resultaat.id][1]),
            "toelichting": resultaat.toelichting,
        }
        for resultaat in resultaten
    ]


# --- the zaken list and _zoek ----------------------------------------------------------------

ORDERING_FIELDS = {
    "startdatum": Zaak.startdatum,
    "einddatum": Zaak.einddatum,
    "publicatiedatum": Zaak.publicatiedatum,
    "archiefactiedatum": Zaak.archiefactiedatum,
    "registratiedatum": Zaak.registratiedatum,
    "identificatie": Zaak.identificatie,
}

# Filters on a zaak's rollen: parameter -> column of Rol.
ROL_FILTERS = {
    "rol__betrokkeneType": Rol.betrokkene_type,
    "rol__betrokkene": Rol.betrokkene,
    "rol__omschrijvingGeneriek": Rol.omschrijving_generiek,
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": Rol.inp_bsn,
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie": Rol.anp_identificatie,
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": Rol.inp_a_nummer,
    "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": Rol.inn_nnp_id,
    "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie": Rol.ann_identificatie,
    "rol__betrokkeneIdentificatie__vestiging__vestigingsNummer": Rol.vestigings_nummer,
    "rol__betrokkeneIdentificatie__medewerker__identificatie": Rol.identificatie,
    "rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie": Rol.identificatie,
}

# The betrokkeneType an identificatie filter implies (medewerker and organisatorische eenheid share a column).
_ROL_FILTER_TYPES = {
    "rol__betrokkeneIdentificatie__medewerker__identificatie": "medewerker",
    "rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie": "organisatorische_eenheid",
}


def _zaaktype_ids(zaaktype_urls: list[str]):
    uuids = [ref.uuid for ref in map(urls.resolve, zaaktype_urls) if ref and ref.resource == "zaaktypen"]
    return select(ZaakType.id).where(ZaakType.uuid.in_(uuids))


def _parse_uuids(values: list[str]) -> list[uuid.UUID]:
    result = []
    for value in values:
        try:
            result.append(uuid.UUID(value))
        except ValueError:
            continue
    return result


def zaak_statement(params: dict, auth: AuthContext) -> Select:
    """The zaken matching the filters of GET /zaken (and POST /zaken/_zoek) that the client may read."""
    from ..api.auth import vertrouwelijkheid_level, vertrouwelijkheid_level_sql

    statement = readable(select(Zaak), auth)
    conditions = []
    simple = {
        "identificatie": Zaak.identificatie,
        "bronorganisatie": Zaak.bronorganisatie,
        "archiefnominatie": Zaak.archiefnominatie,
        "archiefactiedatum": Zaak.archiefactiedatum,
        "archiefstatus": Zaak.archiefstatus,
        "startdatum": Zaak.startdatum,
        "registratiedatum": Zaak.registratiedatum,
        "einddatum": Zaak.einddatum,
        "einddatumGepland": Zaak.einddatum_gepland,
        "uiterlijkeEinddatumAfdoening": Zaak.uiterlijke_einddatum_afdoening,
    }
    for name, column in simple.items():
        if name in params:
            conditions.append(column == params[name])
        for suffix, compare in (("__gt", "__gt__"), ("__gte", "__ge__"), ("__lt", "__lt__"), ("__lte", "__le__")):
            if name + suffix in params:
                conditions.append(getattr(column, compare)(params[name + suffix]))
        if name + "__in" in params:
            conditions.append(column.in_(params[name + "__in"]))
        if name + "__isnull" in params:
            conditions.append(column.is_(None) if params[name + "__isnull"] else column.is_not(None))
    if "uuid__in" in params:
        conditions.append(Zaak.uuid.in_(_parse_uuids(params["uuid__in"])))
    if "zaaktype" in params:
        conditions.append(Zaak.zaaktype_id.in_(_zaaktype_ids([params["zaaktype"]])))
    if "zaaktype__in" in params:
        conditions.append(Zaak.zaaktype_id.in_(_zaaktype_ids(params["zaaktype__in"])))
    if "maximaleVertrouwelijkheidaanduiding" in params:
        level = vertrouwelijkheid_level(params["maximaleVertrouwelijkheidaanduiding"])
        conditions.append(vertrouwelijkheid_level_sql(Zaak.vertrouwelijkheidaanduiding) <= level)
    rol_conditions = []
    for name, column in ROL_FILTERS.items():
        if name in params:
            rol_conditions.append(column == params[name])
            if name in _ROL_FILTER_TYPES:
                rol_conditions.append(Rol.betrokkene_type == _ROL_FILTER_TYPES[name])
    if rol_conditions:
        conditions.append(Zaak.id.in_(select(Rol.zaak_id).where(*rol_conditions)))
    if conditions:
        statement = statement.where(*conditions)
    return statement.order_by(*_ordering(params.get("ordering", [])), Zaak.id)


def _ordering(fields: list[str]) -> list:
    order = []
    for field in fields:
        column = ORDERING_FIELDS[field.removeprefix("-")]
        order.append(column.desc() if field.startswith("-") else column.asc())
    return order


# --- shared by the applications' reads (werkvoorraad, dossier, KCC, Mijn zaken) -------------------------

# A zaak is "bijna verlopen" when its servicenorm or legal term ends within this many days.
BIJNA_DAGEN = 7


def newest_status():
    """Status rows that are the newest of their zaak (by datumStatusGezet, then registration)."""
    later = aliased(Status)
    return ~exists().where(
        later.zaak_id == Status.zaak_id,
        or_(
            later.datum_status_gezet > Status.datum_status_gezet,
            and_(later.datum_status_gezet == Status.datum_status_gezet, later.id > Status.id),
        ),
    )


def signaal(einddatum_gepland: date | None, uiterlijke_einddatum: date | None, today: date) -> str:
    """How urgent an open zaak is: past its legal term, past its servicenorm, near either, or not."""
    if uiterlijke_einddatum is not None and uiterlijke_einddatum < today:
        return "termijn_verstreken"
    if einddatum_gepland is not None and einddatum_gepland < today:
        return "servicenorm_verstreken"
    soon = today + timedelta(days=BIJNA_DAGEN)
    if any(day is not None and day <= soon for day in (einddatum_gepland, uiterlijke_einddatum)):
        return "bijna"
    return ""
