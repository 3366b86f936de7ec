"""The Besluiten API 1.0.2 at /besluiten/api/v1: thin doors into ``service`` and ``queries``.

The 1.0.2 OAS has no HEAD operations and so no ETags (those came with 1.1.0).
"""

import uuid
from typing import Annotated

from fastapi import Request
from fastapi.responses import Response

from ..api import audit, filters
from ..api.auth import AuthContext, require_scopes
from ..api.body import json_object
from ..api.component import create_api
from ..api.pagination import fetch_page, page_number, paginated
from ..api.responses import created, json_response
from ..db import read_session, write_session
from . import queries, service
from .models import Besluit, BesluitInformatieObject

api = create_api("besluiten")

AUDITTRAILS_LEZEN = "audittrails.lezen"

Lezen = Annotated[AuthContext, require_scopes(*queries.READ)]
Aanmaken = Annotated[AuthContext, require_scopes(service.AANMAKEN)]
Bijwerken = Annotated[AuthContext, require_scopes(service.BIJWERKEN)]
Verwijderen = Annotated[AuthContext, require_scopes(service.VERWIJDEREN)]

BESLUIT_FILTERS = {
    "identificatie": filters.TEXT,
    "verantwoordelijkeOrganisatie": filters.TEXT,
    "besluittype": filters.URI,
    "zaak": filters.URI,
}
BESLUITINFORMATIEOBJECT_FILTERS = {"besluit": filters.URI, "informatieobject": filters.URI}


# --- besluiten -------------------------------------------------------------------------------


@api.get("/besluiten", name="besluit_list")
async def besluit_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, BESLUIT_FILTERS)
    page = page_number(request)
    async with read_session() as session:
        statement = queries.readable(queries.besluit_statement(params), auth)
        count, besluiten = await fetch_page(session, statement, page)
        results = await queries.besluit_bodies(session, besluiten)
    return json_response(paginated(request, page, count, results))


@api.post("/besluiten", name="besluit_create")
async def besluit_create(request: Request, auth: Aanmaken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        besluit = await service.create_besluit(session, auth, data)
        body = await queries.besluit_body(session, besluit)
    return created(body)


@api.get("/besluiten/{uuid}", name="besluit_read")
async def besluit_read(uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        besluit = await queries.readable_besluit(session, auth, uuid)
        return json_response(await queries.besluit_body(session, besluit))


async def _update(request: Request, uuid_: uuid.UUID, auth: AuthContext, *, partial: bool) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        besluit = await queries.get_by_uuid(session, Besluit, uuid_)
        besluit = await service.update_besluit(session, auth, besluit, data, partial=partial)
        body = await queries.besluit_body(session, besluit)
    return json_response(body)


@api.put("/besluiten/{uuid}", name="besluit_update")
async def besluit_update(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _update(request, uuid, auth, partial=False)


@api.patch("/besluiten/{uuid}", name="besluit_partial_update")
async def besluit_partial_update(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _update(request, uuid, auth, partial=True)


@api.delete("/besluiten/{uuid}", name="besluit_delete")
async def besluit_delete(uuid: uuid.UUID, auth: Verwijderen) -> Response:
    async with write_session() as session:
        besluit = await queries.get_by_uuid(session, Besluit, uuid)
        await service.delete_besluit(session, auth, besluit)
    return Response(status_code=204)


# --- audit trail -----------------------------------------------------------------------------


async def _ensure_trail_readable(session, auth: AuthContext, besluit_uuid: uuid.UUID) -> None:
    await queries.readable_besluit(session, auth, besluit_uuid, (AUDITTRAILS_LEZEN,))


api.include_router(audit.trail_router("/besluiten", "brc", _ensure_trail_readable))


# --- besluitinformatieobjecten (an unpaginated list) -----------------------------------------


@api.get("/besluitinformatieobjecten", name="besluitinformatieobject_list")
async def besluitinformatieobject_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, BESLUITINFORMATIEOBJECT_FILTERS)
    statement = queries.besluitinformatieobject_statement(params)
    statement = queries.readable(statement, auth, via_besluit_id=BesluitInformatieObject.besluit_id)
    async with read_session() as session:
        relations = (await session.scalars(statement)).all()
        return json_response(await queries.besluitinformatieobject_bodies(session, relations))


@api.post("/besluitinformatieobjecten", name="besluitinformatieobject_create")
async def besluitinformatieobject_create(request: Request, auth: Aanmaken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        relation = await service.create_besluitinformatieobject(session, auth, data)
        body = await queries.besluitinformatieobject_body(session, relation)
    return created(body)


@api.get("/besluitinformatieobjecten/{uuid}", name="besluitinformatieobject_read")
async def besluitinformatieobject_read(uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        relation = await queries.readable_besluitinformatieobject(session, auth, uuid)
        return json_response(await queries.besluitinformatieobject_body(session, relation))


@api.delete("/besluitinformatieobjecten/{uuid}", name="besluitinformatieobject_delete")
async def besluitinformatieobject_delete(uuid: uuid.UUID, auth: Verwijderen) -> Response:
    async with write_session() as session:
        relation = await queries.get_by_uuid(session, BesluitInformatieObject, uuid)
        await service.delete_besluitinformatieobject(session, auth, relation)
    return Response(status_code=204)
