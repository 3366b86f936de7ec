"""The Notificaties API 1.0.0 at /notificaties/api/v1: kanalen, abonnementen and publishing."""

import uuid
from typing import Annotated

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import select

from ..api import filters
from ..api.auth import AuthContext, require_scopes
from ..api.body import json_object
from ..api.component import create_api
from ..api.errors import NotFound
from ..api.responses import created, json_response
from ..db import read_session, write_session
from . import queries, service
from .models import Abonnement, Kanaal

api = create_api("notificaties")

Publiceren = Annotated[AuthContext, require_scopes("notificaties.publiceren")]
Consumeren = Annotated[AuthContext, require_scopes("notificaties.consumeren")]
Lezen = Annotated[AuthContext, require_scopes("notificaties.publiceren", "notificaties.consumeren")]


async def _get(session, model, uuid_: uuid.UUID):
    obj = await session.scalar(select(model).where(model.uuid == uuid_))
    if obj is None:
        raise NotFound()
    return obj


@api.get("/kanaal")
async def kanaal_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, {"naam": filters.TEXT})
    statement = select(Kanaal).order_by(Kanaal.naam)
    if "naam" in params:
        statement = statement.where(Kanaal.naam == params["naam"])
    async with read_session() as session:
        kanalen = (await session.scalars(statement)).all()
    return json_response([queries.kanaal_body(k) for k in kanalen])


@api.post("/kanaal")
async def kanaal_create(request: Request, auth: Publiceren) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        kanaal = await service.create_kanaal(session, data)
    return created(queries.kanaal_body(kanaal))


@api.get("/kanaal/{uuid}")
async def kanaal_read(uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        return json_response(queries.kanaal_body(await _get(session, Kanaal, uuid)))


@api.get("/abonnement")
async def abonnement_list(request: Request, auth: Lezen) -> Response:
    filters.parse_filters(request.query_params, {})
    async with read_session() as session:
        abonnementen = (await session.scalars(select(Abonnement).order_by(Abonnement.id))).all()
        return json_response(await queries.abonnement_bodies(session, abonnementen))


@api.post("/abonnement")
async def abonnement_create(request: Request, auth: Consumeren) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        abonnement = await service.save_abonnement(session, data)
        [body] = await queries.abonnement_bodies(session, [abonnement])
    return created(body)


@api.get("/abonnement/{uuid}")
async def abonnement_read(uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        [body] = await queries.abonnement_bodies(session, [await _get(session, Abonnement, uuid)])
    return json_response(body)


async def _update(request: Request, uuid_: uuid.UUID, *, partial: bool) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        abonnement = await _get(session, Abonnement, uuid_)
        current = (await queries.abonnement_bodies(session, [abonnement]))[0] if partial else None
        abonnement = await service.save_abonnement(session, data, abonnement, current=current)
        [body] = await queries.abonnement_bodies(session, [abonnement])
    return json_response(body)


@api.put("/abonnement/{uuid}")
async def abonnement_update(request: Request, uuid: uuid.UUID, auth: Consumeren) -> Response:
    return await _update(request, uuid, partial=False)


@api.patch("/abonnement/{uuid}")
async def abonnement_partial_update(request: Request, uuid: uuid.UUID, auth: Consumeren) -> Response:
    return await _update(request, uuid, partial=True)


@api.delete("/abonnement/{uuid}")
async def abonnement_delete(uuid: uuid.UUID, auth: Consumeren) -> Response:
    async with write_session() as session:
        await service.delete_abonnement(session, await _get(session, Abonnement, uuid))
    return Response(status_code=204)


@api.post("/notificaties")
async def notificaties_create(request: Request, auth: Publiceren) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        message = await service.publish(session, data)
    # The OAS answers a published message with 200, not 201.
    return json_response(message)
