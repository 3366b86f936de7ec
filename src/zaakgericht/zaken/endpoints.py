"""The Zaken API 1.5.1 at /zaken/api/v1: zaken, statussen, resultaten and the audit trail.

The other parts of a zaak (rollen, zaakobjecten, ...) are routed in ``parts_endpoints``.
"""

import uuid
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from shapely.geometry import shape
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import aliased

from ..api import audit, filters
from ..api.auth import VERTROUWELIJKHEIDAANDUIDINGEN, AuthContext, require_scopes
from ..api.body import json_object, validate
from ..api.component import create_api
from ..api.errors import ApiError, NotFound, ValidationError
from ..api.pagination import PAGE_SIZE, fetch_page, page_number, paginated
from ..api.responses import cached_detail, created, json_response
from ..catalogi.models import ResultaatType, StatusType
from ..db import read_session, write_session
from . import expand, queries, service
from .models import Resultaat, Status, Zaak
from .parts_endpoints import router as parts_router
from .schemas import ZaakZoekGeometrie

api = create_api("zaken")

Lezen = Annotated[AuthContext, require_scopes("zaken.lezen")]
Aanmaken = Annotated[AuthContext, require_scopes(service.AANMAKEN)]
Bijwerken = Annotated[AuthContext, require_scopes(service.BIJWERKEN, service.GEFORCEERD_BIJWERKEN)]
Verwijderen = Annotated[AuthContext, require_scopes(service.VERWIJDEREN)]
StatusToevoegen = Annotated[
    AuthContext,
    require_scopes(service.AANMAKEN, service.STATUSSEN_TOEVOEGEN, service.HEROPENEN, service.GEFORCEERD_BIJWERKEN),
]


# --- coordinates: Accept-Crs / Content-Crs ---------------------------------------------------

CRS = "EPSG:4326"
CRS_HEADERS = {"Content-Crs": CRS}


class PreconditionFailed(ApiError):
    status = 412
    code = "precondition_failed"
    title = "Precondition failed"
    type_name = "PreconditionFailed"


class NotAcceptable(ApiError):
    status = 406
    code = "not_acceptable"
    title = "Crs not acceptable"
    type_name = "NotAcceptable"


def check_crs(request: Request) -> None:
    """Geometry is WGS84 only. A body needs ``Content-Crs``; a given ``Accept-Crs`` must be WGS84 too."""
    if request.method in ("POST", "PUT", "PATCH"):
        content_crs = request.headers.get("content-crs")
        if content_crs is None:
            raise PreconditionFailed("'Content-Crs' header ontbreekt.")
        if content_crs != CRS:
            raise NotAcceptable(f"CRS '{content_crs}' is niet ondersteund; gebruik {CRS}.")
    accept_crs = request.headers.get("accept-crs")
    if accept_crs is not None and accept_crs != CRS:
        raise NotAcceptable(f"CRS '{accept_crs}' is niet ondersteund; gebruik {CRS}.")


Crs = Depends(check_crs)


def with_crs(response: Response) -> Response:
    response.headers.update(CRS_HEADERS)
    return response


# --- zaken -----------------------------------------------------------------------------------

DATE_LOOKUPS = ("", "__gt", "__gte", "__lt", "__lte")
ZAAK_FILTERS: dict[str, filters.Filter] = {
    "identificatie": filters.TEXT,
    "bronorganisatie": filters.TEXT,
    "bronorganisatie__in": filters.CSV,
    "zaaktype": filters.URI,
    "archiefnominatie": filters.choice(("blijvend_bewaren", "vernietigen")),
    "archiefnominatie__in": filters.CSV,
    "archiefactiedatum": filters.DATE,
    "archiefactiedatum__isnull": filters.BOOL,
    "archiefactiedatum__lt": filters.DATE,
    "archiefactiedatum__gt": filters.DATE,
    "archiefstatus": filters.choice(
        ("nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen")
    ),
    "archiefstatus__in": filters.CSV,
    **{f"startdatum{lookup}": filters.DATE for lookup in DATE_LOOKUPS},
    **{f"registratiedatum{lookup}": filters.DATE for lookup in ("", "__gt", "__lt")},
    **{f"einddatum{lookup}": filters.DATE for lookup in ("", "__gt", "__lt")},
    "einddatum__isnull": filters.BOOL,
    **{f"einddatumGepland{lookup}": filters.DATE for lookup in ("", "__gt", "__lt")},
    **{f"uiterlijkeEinddatumAfdoening{lookup}": filters.DATE for lookup in ("", "__gt", "__lt")},
    "rol__betrokkeneType": filters.choice(
        ("natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "organisatorische_eenheid", "medewerker")
    ),
    "rol__betrokkene": filters.URI,
    "rol__omschrijvingGeneriek": filters.choice(
        (
            "adviseur",
            "behandelaar",
            "belanghebbende",
            "beslisser",
            "initiator",
            "klantcontacter",
            "zaakcoordinator",
            "mede_initiator",
        )
    ),
    "maximaleVertrouwelijkheidaanduiding": filters.choice(VERTROUWELIJKHEIDAANDUIDINGEN),
    **{name: filters.TEXT for name in queries.ROL_FILTERS if name.startswith("rol__betrokkeneIdentificatie")},
    "expand": filters.TEXT,
    "ordering": filters.CSV,
}
# _zoek takes the same filters in its JSON body, and these.
ZOEK_FILTERS = {**ZAAK_FILTERS, "uuid__in": filters.CSV, "zaaktype__in": filters.CSV}
ORDERING_VALUES = {prefix + name for name in queries.ORDERING_FIELDS for prefix in ("", "-")}


def _check_ordering(params: dict[str, Any]) -> None:
    wrong = [value for value in params.get("ordering", []) if value not in ORDERING_VALUES]
    if wrong:
        raise ValidationError.single(
            "ordering", "invalid_choice", f"Selecteer een geldige keuze. {', '.join(wrong)} is geen beschikbare keuze."
        )


async def _zaken_page(request: Request, auth: AuthContext, params: dict[str, Any], within: dict | None) -> Response:
    _check_ordering(params)
    tree = expand.parse(params.get("expand"))
    page = page_number(request)
    statement = queries.zaak_statement(params, auth)
    async with read_session() as session:
        if within is None:
            # Plain rows of the zaak table: a page of bodies is built faster than from ORM objects.
            count, zaken = await fetch_page(session, statement.with_only_columns(*Zaak.__table__.c), page, rows=True)
        else:
            count, zaken = await _within_page(session, statement, page, within)
        bodies = await queries.zaak_bodies(session, zaken)
        await expand.expand(session, auth, "zaak", bodies, tree)
    return with_crs(json_response(paginated(request, page, count, bodies)))


async def _within_page(session, statement, page: int, within: dict) -> tuple[int, list[Zaak]]:
    """Zaken whose geometry lies within the area: a bounding-box prefilter in SQL, then the exact test."""
    area = shape(within)
    min_x, min_y, max_x, max_y = area.bounds
    candidates = statement.where(
        Zaak.geometrie_min_x >= min_x,
        Zaak.geometrie_min_y >= min_y,
        Zaak.geometrie_max_x <= max_x,
        Zaak.geometrie_max_y <= max_y,
    )
    rows = (await session.execute(candidates.with_only_columns(Zaak.id, Zaak.zaakgeometrie))).all()
    ids = [zaak_id for zaak_id, geometrie in rows if shape(geometrie).within(area)]
    if page > 1 and (page - 1) * PAGE_SIZE >= len(ids):
        raise NotFound("Ongeldige pagina.")
    page_ids = ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    found = {zaak.id: zaak for zaak in await session.scalars(select(Zaak).where(Zaak.id.in_(page_ids)))}
    return len(ids), [found[zaak_id] for zaak_id in page_ids]


@api.get("/zaken", name="zaak_list")
async def zaak_list(request: Request, auth: Lezen, _crs: None = Crs) -> Response:
    params = filters.parse_filters(request.query_params, ZAAK_FILTERS)
    return await _zaken_page(request, auth, params, None)


def _zoek_query(data: dict) -> dict[str, str]:
    """The _zoek body as query parameters: lists become comma lists, booleans true/false."""
    query = {}
    for name, value in data.items():
        if name == "zaakgeometrie":
            continue
        if isinstance(value, list):
            value = ",".join(str(item) for item in value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif not isinstance(value, str):
            raise ValidationError.single(name, "invalid", "Ongeldige waarde.")
        query[name] = value
    return query


@api.post("/zaken/_zoek", name="zaak__zoek")
async def zaak_zoek(request: Request, auth: Lezen, _crs: None = Crs) -> Response:
    data = await json_object(request)
    params = filters.parse_filters(_zoek_query(data), ZOEK_FILTERS)
    geometrie = validate(ZaakZoekGeometrie, {"zaakgeometrie": data.get("zaakgeometrie")}).zaakgeometrie
    return await _zaken_page(request, auth, params, geometrie.within if geometrie else None)


@api.api_route("/zaken/{uuid}", methods=["GET", "HEAD"], name="zaak_read")
async def zaak_read(request: Request, uuid: uuid.UUID, auth: Lezen, _crs: None = Crs) -> Response:
    params = filters.parse_filters(request.query_params, {"expand": filters.TEXT})
    tree = expand.parse(params.get("expand"))
    async with read_session() as session:
        zaak = await queries.readable_zaak(session, auth, uuid)
        body = await queries.zaak_body(session, zaak)
        await expand.expand(session, auth, "zaak", [body], tree)
    return with_crs(cached_detail(request, body))


@api.post("/zaken", name="zaak_create")
async def zaak_create(request: Request, auth: Aanmaken, _crs: None = Crs) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        _zaak, body = await service.create_zaak(session, auth, data)
    return with_crs(created(body))


async def _zaak_update(request: Request, uuid: uuid.UUID, auth: AuthContext, partial: bool) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        zaak = await queries.get_by_uuid(session, Zaak, uuid)
        await service.update_zaak(session, auth, zaak, data, partial=partial)
        body = await queries.zaak_body(session, zaak)
    return with_crs(json_response(body))


@api.put("/zaken/{uuid}", name="zaak_update")
async def zaak_update(request: Request, uuid: uuid.UUID, auth: Bijwerken, _crs: None = Crs) -> Response:
    return await _zaak_update(request, uuid, auth, partial=False)


@api.patch("/zaken/{uuid}", name="zaak_partial_update")
async def zaak_partial_update(request: Request, uuid: uuid.UUID, auth: Bijwerken, _crs: None = Crs) -> Response:
    return await _zaak_update(request, uuid, auth, partial=True)


@api.delete("/zaken/{uuid}", name="zaak_destroy")
async def zaak_destroy(uuid: uuid.UUID, auth: Verwijderen, _crs: None = Crs) -> Response:
    async with write_session() as session:
        zaak = await queries.get_by_uuid(session, Zaak, uuid)
        await service.delete_zaak(session, auth, zaak)
    return with_crs(Response(status_code=204))


# --- statussen -------------------------------------------------------------------------------


def _latest_status_clause(wanted: bool):
    later = aliased(Status)
    is_latest = ~exists().where(
        later.zaak_id == Status.zaak_id,
        or_(
            later.datum_status_gezet > Status.datum_status_gezet,
            and_(later.datum_status_gezet == Status.datum_status_gezet, later.id > Status.id),
        ),
    )
    return is_latest if wanted else ~is_latest


def _zaak_filter(model, url: str):
    ref = queries.urls.resolve(url)
    return model.zaak_id.in_(select(Zaak.id).where(Zaak.uuid == (ref.uuid if ref else None)))


def _type_filter(column, type_model, url: str):
    ref = queries.urls.resolve(url)
    return column.in_(select(type_model.id).where(type_model.uuid == (ref.uuid if ref else None)))


@api.get("/statussen", name="status_list")
async def status_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(
        request.query_params,
        {"zaak": filters.URI, "statustype": filters.URI, "indicatieLaatstGezetteStatus": filters.BOOL},
    )
    statement = queries.readable(select(Status), auth, via_zaak_id=Status.zaak_id)
    if "zaak" in params:
        statement = statement.where(_zaak_filter(Status, params["zaak"]))
    if "statustype" in params:
        statement = statement.where(_type_filter(Status.statustype_id, StatusType, params["statustype"]))
    if "indicatieLaatstGezetteStatus" in params:
        statement = statement.where(_latest_status_clause(params["indicatieLaatstGezetteStatus"]))
    page = page_number(request)
    async with read_session() as session:
        count, statussen = await fetch_page(session, statement.order_by(Status.id), page)
        bodies = await queries.status_bodies(session, statussen)
    return json_response(paginated(request, page, count, bodies))


async def _readable_part(session, auth: AuthContext, model, uuid_: uuid.UUID):
    obj = await session.scalar(
        queries.readable(select(model).where(model.uuid == uuid_), auth, via_zaak_id=model.zaak_id)
    )
    if obj is None:
        raise NotFound()
    return obj


@api.api_route("/statussen/{uuid}", methods=["GET", "HEAD"], name="status_read")
async def status_read(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        status = await _readable_part(session, auth, Status, uuid)
        body = (await queries.status_bodies(session, [status]))[0]
    return cached_detail(request, body)


@api.post("/statussen", name="status_create")
async def status_create(request: Request, auth: StatusToevoegen) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        _status, body = await service.create_status(session, auth, data)
    return created(body)


# --- resultaten ------------------------------------------------------------------------------


@api.get("/resultaten", name="resultaat_list")
async def resultaat_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, {"zaak": filters.URI, "resultaattype": filters.URI})
    statement = queries.readable(select(Resultaat), auth, via_zaak_id=Resultaat.zaak_id)
    if "zaak" in params:
        statement = statement.where(_zaak_filter(Resultaat, params["zaak"]))
    if "resultaattype" in params:
        statement = statement.where(_type_filter(Resultaat.resultaattype_id, ResultaatType, params["resultaattype"]))
    page = page_number(request)
    async with read_session() as session:
        count, resultaten = await fetch_page(session, statement.order_by(Resultaat.id), page)
        bodies = await queries.resultaat_bodies(session, resultaten)
    return json_response(paginated(request, page, count, bodies))


@api.api_route("/resultaten/{uuid}", methods=["GET", "HEAD"], name="resultaat_read")
async def resultaat_read(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        resultaat = await _readable_part(session, auth, Resultaat, uuid)
        body = (await queries.resultaat_bodies(session, [resultaat]))[0]
    return cached_detail(request, body)


@api.post("/resultaten", name="resultaat_create")
async def resultaat_create(request: Request, auth: Bijwerken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        resultaat = await service.save_resultaat(session, auth, data)
        body = (await queries.resultaat_bodies(session, [resultaat]))[0]
    return created(body)


async def _resultaat_update(request: Request, uuid: uuid.UUID, auth: AuthContext, partial: bool) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        resultaat = await queries.get_by_uuid(session, Resultaat, uuid)
        await service.save_resultaat(session, auth, data, resultaat, partial=partial)
        body = (await queries.resultaat_bodies(session, [resultaat]))[0]
    return json_response(body)


@api.put("/resultaten/{uuid}", name="resultaat_update")
async def resultaat_update(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _resultaat_update(request, uuid, auth, partial=False)


@api.patch("/resultaten/{uuid}", name="resultaat_partial_update")
async def resultaat_partial_update(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _resultaat_update(request, uuid, auth, partial=True)


@api.delete("/resultaten/{uuid}", name="resultaat_destroy")
async def resultaat_destroy(uuid: uuid.UUID, auth: Bijwerken) -> Response:
    async with write_session() as session:
        resultaat = await queries.get_by_uuid(session, Resultaat, uuid)
        await service.delete_resultaat(session, auth, resultaat)
    return Response(status_code=204)


# --- audit trail -----------------------------------------------------------------------------


async def _ensure_trail_readable(session, auth: AuthContext, zaak_uuid: uuid.UUID) -> None:
    await queries.readable_zaak(session, auth, zaak_uuid, scopes=("audittrails.lezen",))


api.include_router(audit.trail_router("/zaken", "zrc", _ensure_trail_readable))
api.include_router(parts_router)
