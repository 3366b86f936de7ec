"""The Catalogi API 1.3.1 at /catalogi/api/v1: thin doors into ``service`` and ``queries``."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import Select

from ..api import filters
from ..api.auth import AuthContext, require_scopes
from ..api.body import json_object
from ..api.component import create_api
from ..api.errors import NotFound
from ..api.pagination import fetch_page, page_number, paginated
from ..api.responses import cached_detail, created, json_response
from ..db import read_session, write_session
from . import queries, service
from .models import BesluitType, Catalogus, InformatieObjectType, ZaakType

api = create_api("catalogi")

# ztc-014: clients reading zaken or documenten may read the catalogue.
Lezen = Annotated[AuthContext, require_scopes("catalogi.lezen", "zaken.lezen", "documenten.lezen")]
Schrijven = Annotated[AuthContext, require_scopes("catalogi.schrijven")]
SchrijvenOfCorrigeren = Annotated[AuthContext, require_scopes("catalogi.schrijven", service.FORCED_WRITE)]
Verwijderen = Annotated[AuthContext, require_scopes("catalogi.schrijven", service.FORCED_DELETE)]

STATUS = filters.choice(("alles", "concept", "definitief"))
SUBTYPE_FILTERS = {
    "zaaktype": filters.URI,
    "zaaktypeIdentificatie": filters.TEXT,
    "status": STATUS,
    "datumGeldigheid": filters.DATE,
}

Bodies = Callable[[Any, list, date], Awaitable[list[dict]]]


def _reference_day(params: dict[str, Any]) -> date:
    return params.get("datumGeldigheid") or params.get("datum_geldigheid") or date.today()


@dataclass(frozen=True)
class Resource:
    """Everything the generic routes of one resource need."""

    name: str
    model: type
    list_filters: dict[str, filters.Filter]
    statement: Callable[[dict[str, Any]], Select]
    bodies: Bodies


async def _body(session, resource: Resource, obj, day: date | None = None) -> dict:
    """The body of an object just written (never from the cache)."""
    return (await resource.bodies(session, [obj], day or date.today()))[0]


async def _cached_bodies(session, resource: Resource, uuids, day: date) -> list[dict]:
    return await queries.cached_bodies(session, resource.name, resource.model, resource.bodies, uuids, day)


async def _cached_body(session, resource: Resource, uuid_: uuid.UUID, day: date) -> dict:
    bodies = await _cached_bodies(session, resource, [uuid_], day)
    if not bodies:
        raise NotFound()
    return bodies[0]


def add_read_routes(resource: Resource, *, with_detail: bool = True) -> None:
    async def list_view(request: Request, auth: Lezen) -> Response:
        params = filters.parse_filters(request.query_params, resource.list_filters)
        page = page_number(request)
        statement = resource.statement(params).with_only_columns(resource.model.uuid)
        async with read_session() as session:
            count, uuids = await fetch_page(session, statement, page)
            results = await _cached_bodies(session, resource, uuids, _reference_day(params))
        return json_response(paginated(request, page, count, results))

    async def detail_view(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
        async with read_session() as session:
            return cached_detail(request, await _cached_body(session, resource, uuid, date.today()))

    api.add_api_route(f"/{resource.name}", list_view, methods=["GET"], name=f"{resource.name}_list")
    if with_detail:
        api.add_api_route(
            f"/{resource.name}/{{uuid}}", detail_view, methods=["GET", "HEAD"], name=f"{resource.name}_read"
        )


def add_write_routes(
    resource: Resource,
    save: Callable[..., Awaitable[Any]],
    delete: Callable[..., Awaitable[None]],
    *,
    create_auth=SchrijvenOfCorrigeren,
    create_status: int = 201,
    delete_status: int = 204,
) -> None:
    async def create_view(request: Request, auth: create_auth) -> Response:
        data = await json_object(request)
        async with write_session() as session:
            obj = await save(session, auth, data)
            body = await _body(session, resource, obj)
        return created(body, create_status)

    async def update(request: Request, uuid: uuid.UUID, auth: AuthContext, partial: bool) -> Response:
        data = await json_object(request)
        async with write_session() as session:
            obj = await queries.get_by_uuid(session, resource.model, uuid)
            obj = await save(session, auth, data, obj, partial=partial)
            body = await _body(session, resource, obj)
        return json_response(body)

    async def put_view(request: Request, uuid: uuid.UUID, auth: SchrijvenOfCorrigeren) -> Response:
        return await update(request, uuid, auth, partial=False)

    async def patch_view(request: Request, uuid: uuid.UUID, auth: SchrijvenOfCorrigeren) -> Response:
        return await update(request, uuid, auth, partial=True)

    async def delete_view(uuid: uuid.UUID, auth: Verwijderen) -> Response:
        async with write_session() as session:
            obj = await queries.get_by_uuid(session, resource.model, uuid)
            await delete(session, auth, obj)
        # The OAS gives the three main types a 200 with an (empty) object, the sub-types a 204.
        return json_response({}, 200) if delete_status == 200 else Response(status_code=204)

    path = f"/{resource.name}/{{uuid}}"
    api.add_api_route(f"/{resource.name}", create_view, methods=["POST"], name=f"{resource.name}_create")
    api.add_api_route(path, put_view, methods=["PUT"], name=f"{resource.name}_update")
    api.add_api_route(path, patch_view, methods=["PATCH"], name=f"{resource.name}_partial_update")
    api.add_api_route(path, delete_view, methods=["DELETE"], name=f"{resource.name}_destroy")


def add_publish_route(resource: Resource, publish: Callable[..., Awaitable[Any]]) -> None:
    async def publish_view(uuid: uuid.UUID, auth: Schrijven) -> Response:
        async with write_session() as session:
            obj = await queries.get_by_uuid(session, resource.model, uuid)
            obj = await publish(session, obj)
            body = await _body(session, resource, obj)
        return json_response(body)

    api.add_api_route(
        f"/{resource.name}/{{uuid}}/publish", publish_view, methods=["POST"], name=f"{resource.name}_publish"
    )


def add_main_type_routes(resource: Resource, kind: service.MainKind, *, create_status: int = 201) -> None:
    """Create, update, delete and publish of a zaaktype, informatieobjecttype or besluittype."""
    add_write_routes(
        resource,
        lambda session, auth, data, obj=None, *, partial=False: service.save_type(
            session, auth, kind, data, obj, partial=partial
        ),
        lambda session, auth, obj: service.delete_type(session, auth, kind, obj),
        create_auth=Schrijven,
        create_status=create_status,
        # The OAS gives the three main types a 200 with an (empty) object on delete.
        delete_status=200,
    )
    add_publish_route(resource, lambda session, obj: service.publish_type(session, kind, obj))


# --- catalogussen (list, create, read: the OAS has no update or delete) ----------------------

CATALOGUSSEN = Resource(
    "catalogussen",
    Catalogus,
    {"domein": filters.TEXT, "domein__in": filters.CSV, "rsin": filters.TEXT, "rsin__in": filters.CSV},
    queries.catalogus_statement,
    queries.without_day(queries.catalogus_bodies),
)
add_read_routes(CATALOGUSSEN)


@api.post("/catalogussen", name="catalogussen_create")
async def catalogus_create(request: Request, auth: Schrijven) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        catalogus = await service.create_catalogus(session, data)
        body = await _body(session, CATALOGUSSEN, catalogus)
    return created(body)


# --- zaaktypen -------------------------------------------------------------------------------

ZAAKTYPEN = Resource(
    "zaaktypen",
    ZaakType,
    {
        "catalogus": filters.URI,
        "identificatie": filters.TEXT,
        "trefwoorden": filters.CSV,
        "status": STATUS,
        "datumGeldigheid": filters.DATE,
    },
    queries.zaaktype_statement,
    queries.zaaktype_bodies,
)


@api.api_route("/zaaktypen/{uuid}", methods=["GET", "HEAD"], name="zaaktypen_read")
async def zaaktype_read(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, {"datumGeldigheid": filters.DATE})
    async with read_session() as session:
        if "datumGeldigheid" in params:
            zaaktype = await queries.get_by_uuid(session, ZaakType, uuid)
            uuid = (await queries.zaaktype_version_on(session, zaaktype, params["datumGeldigheid"])).uuid
        return cached_detail(request, await _cached_body(session, ZAAKTYPEN, uuid, _reference_day(params)))


add_read_routes(ZAAKTYPEN, with_detail=False)
add_main_type_routes(ZAAKTYPEN, service.ZAAKTYPE)


# --- informatieobjecttypen and besluittypen --------------------------------------------------

INFORMATIEOBJECTTYPEN = Resource(
    "informatieobjecttypen",
    InformatieObjectType,
    {"catalogus": filters.URI, "status": STATUS, "datumGeldigheid": filters.DATE, "omschrijving": filters.TEXT},
    queries.informatieobjecttype_statement,
    queries.informatieobjecttype_bodies,
)
add_read_routes(INFORMATIEOBJECTTYPEN)
# The 1.3.1 OAS answers a created informatieobjecttype with 200 (not 201).
add_main_type_routes(INFORMATIEOBJECTTYPEN, service.INFORMATIEOBJECTTYPE, create_status=200)

BESLUITTYPEN = Resource(
    "besluittypen",
    BesluitType,
    {
        "catalogus": filters.URI,
        "zaaktypen": filters.URI,
        "informatieobjecttypen": filters.URI,
        "status": STATUS,
        "omschrijving": filters.TEXT,
        "datumGeldigheid": filters.DATE,
    },
    queries.besluittype_statement,
    queries.besluittype_bodies,
)
add_read_routes(BESLUITTYPEN)
add_main_type_routes(BESLUITTYPEN, service.BESLUITTYPE)


# --- sub-types of a zaaktype -----------------------------------------------------------------

SUBTYPE_RESOURCES = {
    "statustypen": (SUBTYPE_FILTERS, lambda p: queries.subtype_statement(queries.StatusType, p)),
    "roltypen": ({**SUBTYPE_FILTERS, "omschrijvingGeneriek": filters.TEXT}, queries.roltype_statement),
    "resultaattypen": (
        {
            "zaaktype": filters.URI,
            "zaaktype_identificatie": filters.TEXT,
            "status": STATUS,
            "datum_geldigheid": filters.DATE,
        },
        lambda p: queries.subtype_statement(queries.ResultaatType, p, snake_case=True),
    ),
    "eigenschappen": (SUBTYPE_FILTERS, lambda p: queries.subtype_statement(queries.Eigenschap, p)),
    "zaakobjecttypen": (
        {
            "anderObjecttype": filters.BOOL,
            "catalogus": filters.URI,
            "datumBeginGeldigheid": filters.DATE,
            "datumEindeGeldigheid": filters.DATE,
            "datumGeldigheid": filters.DATE,
            "objecttype": filters.URI,
            "relatieOmschrijving": filters.TEXT,
            "zaaktype": filters.URI,
            "zaaktypeIdentificatie": filters.TEXT,
        },
        queries.zaakobjecttype_statement,
    ),
    "zaaktype-informatieobjecttypen": (
        {
            "zaaktype": filters.URI,
            "informatieobjecttype": filters.URI,
            "richting": filters.choice(("inkomend", "intern", "uitgaand")),
            "status": STATUS,
        },
        queries.ztiot_statement,
    ),
}

for _name, (_filters, _statement) in SUBTYPE_RESOURCES.items():
    _kind = service.SUBKINDS[_name]
    _resource = Resource(_name, _kind.model, _filters, _statement, _kind.bodies)
    add_read_routes(_resource)
    add_write_routes(
        _resource,
        lambda session, auth, data, obj=None, *, partial=False, k=_kind: service.save_subtype(
            session, auth, k, data, obj, partial=partial
        ),
        lambda session, auth, obj, k=_kind: service.delete_subtype(session, auth, k, obj),
    )
