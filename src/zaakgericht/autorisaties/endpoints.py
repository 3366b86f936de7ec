"""The Autorisaties API 1.0.0 at /autorisaties/api/v1: thin doors into ``service`` and ``queries``.

Changes take effect on a client's next request: authentication reads the applicatie
and its autorisaties per request (``api.auth``).
"""

import uuid
from typing import Annotated

from fastapi import Request
from fastapi.responses import Response

from ..api import filters
from ..api.auth import AuthContext, require_scopes
from ..api.body import json_object
from ..api.component import create_api
from ..api.errors import ValidationError
from ..api.pagination import fetch_page, page_number, paginated
from ..api.responses import created, json_response
from ..db import read_session, write_session
from . import queries, service

api = create_api("autorisaties")

Lezen = Annotated[AuthContext, require_scopes("autorisaties.lezen")]
Bijwerken = Annotated[AuthContext, require_scopes("autorisaties.bijwerken")]

LIST_FILTERS = {"clientIds": filters.CSV}
CONSUMER_FILTERS = {"clientId": filters.TEXT}


async def _body(session, applicatie) -> dict:
    return (await queries.applicatie_bodies(session, [applicatie]))[0]


@api.get("/applicaties", name="applicatie_list")
async def applicatie_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, LIST_FILTERS)
    page = page_number(request)
    async with read_session() as session:
        count, applicaties = await fetch_page(session, queries.applicatie_statement(params), page)
        results = await queries.applicatie_bodies(session, applicaties)
    return json_response(paginated(request, page, count, results))


@api.post("/applicaties", name="applicatie_create")
async def applicatie_create(request: Request, auth: Bijwerken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        applicatie = await service.save_applicatie(session, data)
        body = await _body(session, applicatie)
    return created(body)


# Before /applicaties/{uuid}, which would otherwise take "consumer" for a uuid.
@api.get("/applicaties/consumer", name="applicatie_consumer")
async def applicatie_consumer(request: Request, auth: Lezen) -> Response:
    """The applicatie of one client id, as an object (as the reference implementation answers;
    the OAS's array is an artefact of its generator)."""
    params = filters.parse_filters(request.query_params, CONSUMER_FILTERS)
    client_id = params.get("clientId")
    if not client_id:
        raise ValidationError.single("clientId", "required", "Geef de query parameter clientId op.")
    async with read_session() as session:
        applicatie = await queries.get_by_client_id(session, client_id)
        body = await _body(session, applicatie)
    return json_response(body)


@api.get("/applicaties/{uuid}", name="applicatie_read")
async def applicatie_read(uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        applicatie = await queries.get_by_uuid(session, uuid)
        body = await _body(session, applicatie)
    return json_response(body)


async def _update(request: Request, uuid_: uuid.UUID, partial: bool) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        applicatie = await queries.get_by_uuid(session, uuid_)
        applicatie = await service.save_applicatie(session, data, applicatie, partial=partial)
        body = await _body(session, applicatie)
    return json_response(body)


@api.put("/applicaties/{uuid}", name="applicatie_update")
async def applicatie_update(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _update(request, uuid, partial=False)


@api.patch("/applicaties/{uuid}", name="applicatie_partial_update")
async def applicatie_partial_update(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _update(request, uuid, partial=True)


@api.delete("/applicaties/{uuid}", name="applicatie_delete")
async def applicatie_delete(uuid: uuid.UUID, auth: Bijwerken) -> Response:
    async with write_session() as session:
        applicatie = await queries.get_by_uuid(session, uuid)
        await service.delete_applicatie(session, applicatie)
    return Response(status_code=204)
