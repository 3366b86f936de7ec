"""The Documenten API 1.5.0 at /documenten/api/v1: thin doors into ``service`` and ``queries``."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import select

from ..api import audit, filters
from ..api.auth import AuthContext, require_scopes
from ..api.body import json_object, validate
from ..api.component import create_api
from ..api.errors import NotFound, ValidationError
from ..api.pagination import fetch_page, page_number, paginated
from ..api.responses import cached_detail, content_disposition, created, json_response
from ..db import read_session, write_session
from . import queries, service, uploads
from .models import Gebruiksrechten, ObjectInformatieObject, Verzending
from .schemas import ZoekIn
from .storage import file_changes, get_storage

api = create_api("documenten")

Lezen = Annotated[AuthContext, require_scopes(queries.LEZEN)]
Aanmaken = Annotated[AuthContext, require_scopes(service.AANMAKEN)]
Bijwerken = Annotated[AuthContext, require_scopes(service.BIJWERKEN)]
BijwerkenOfGeforceerd = Annotated[AuthContext, require_scopes(*service.UPDATE_SCOPES)]
Verwijderen = Annotated[AuthContext, require_scopes(service.VERWIJDEREN)]
Locken = Annotated[AuthContext, require_scopes(service.LOCK)]
Unlocken = Annotated[AuthContext, require_scopes(service.LOCK, service.GEFORCEERD_UNLOCK)]


# --- enkelvoudiginformatieobjecten -----------------------------------------------------------


def _version_params(request: Request) -> dict[str, Any]:
    """``versie`` and ``registratieOp``; a value that names no version is a 404 (the OAS has no 400 here)."""
    params: dict[str, Any] = {}
    query = request.query_params
    try:
        if "versie" in query:
            params["versie"] = int(query["versie"])
            if not 1 <= params["versie"] < 2**31:
                raise ValueError(query["versie"])
        if "registratieOp" in query:
            params["registratieOp"] = queries.parse_moment(query["registratieOp"])
    except ValueError:
        raise NotFound("Deze versie bestaat niet.") from None
    return params


async def _readable_version(session, auth: AuthContext, uuid_: uuid.UUID, params: dict) -> queries.DocumentVersion:
    """The version asked for; a document the client may not read does not exist for it (404, as for zaken),
    an older version of a readable document above its vertrouwelijkheid is a 403."""
    found = await queries.version_at(session, uuid_, params)
    latest = found if found.is_latest else await queries.latest(session, uuid_)
    if not queries.allows(auth, queries.READ, latest):
        raise NotFound()
    queries.ensure_allowed(auth, queries.READ, found)
    return found


async def _document_results(session, found: list[queries.DocumentVersion], expand: set[str]) -> list[dict]:
    bodies = await queries.document_bodies(session, found)
    return await queries.expand_documents(session, found, bodies, expand)


async def _document_list(request: Request, auth: AuthContext, params: dict[str, Any], expand: set[str]) -> Response:
    page = page_number(request)
    async with read_session() as session:
        statement = queries.document_list_statement(params, auth)
        count, rows = await fetch_page(session, statement, page, rows=True)
        found = [queries.DocumentVersion(*row) for row in rows]
        results = await _document_results(session, found, expand)
    return json_response(paginated(request, page, count, results))


DOCUMENT_FILTERS = {
    "identificatie": filters.TEXT,
    "bronorganisatie": filters.TEXT,
    "trefwoorden": filters.CSV,
    "expand": filters.TEXT,
}


@api.get("/enkelvoudiginformatieobjecten", name="enkelvoudiginformatieobject_list")
async def document_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(
        request.query_params,
        {
            "identificatie": filters.TEXT,
            "bronorganisatie": filters.TEXT,
            "trefwoorden": filters.CSV,
            "expand": filters.TEXT,
        },
    )
    expand = queries.parse_expand(params.get("expand"), queries.DOCUMENT_EXPANDS, on_list=True)
    return await _document_list(request, auth, params, expand)


@api.post("/enkelvoudiginformatieobjecten/_zoek", name="enkelvoudiginformatieobject__zoek")
async def document_search(request: Request, auth: Lezen) -> Response:
    filters.parse_filters(request.query_params, {})
    body = validate(ZoekIn, await json_object(request))
    params = body.model_dump(by_alias=True, exclude_none=True)
    expand = queries.parse_expand(body.expand, queries.DOCUMENT_EXPANDS, on_list=True)
    return await _document_list(request, auth, params, expand)


@api.post("/enkelvoudiginformatieobjecten", name="enkelvoudiginformatieobject_create")
async def document_create(request: Request, auth: Aanmaken) -> Response:
    async with file_changes() as files:
        upload = await uploads.document_body(request, files)
        async with write_session() as session:
            found = await service.create_document(session, auth, upload, files)
            body = await queries.document_body(session, found)
    # The create answer carries the lock: set when the contents follow in bestandsdelen.
    return created({**body, "lock": found.document.lock})


@api.api_route(
    "/enkelvoudiginformatieobjecten/{uuid}", methods=["GET", "HEAD"], name="enkelvoudiginformatieobject_read"
)
async def document_read(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
    expand = queries.parse_expand(request.query_params.get("expand"), queries.DOCUMENT_EXPANDS, on_list=False)
    async with read_session() as session:
        found = await _readable_version(session, auth, uuid, _version_params(request))
        body = (await _document_results(session, [found], expand))[0]
    return cached_detail(request, body)


async def _document_update(request: Request, uuid_: uuid.UUID, auth: AuthContext, partial: bool) -> Response:
    async with file_changes() as files:
        upload = await uploads.document_body(request, files)
        async with write_session() as session:
            found = await service.update_document(session, auth, uuid_, upload, files, partial=partial)
            body = await queries.document_body(session, found)
    return json_response(body)


@api.put("/enkelvoudiginformatieobjecten/{uuid}", name="enkelvoudiginformatieobject_update")
async def document_put(request: Request, uuid: uuid.UUID, auth: BijwerkenOfGeforceerd) -> Response:
    return await _document_update(request, uuid, auth, partial=False)


@api.patch("/enkelvoudiginformatieobjecten/{uuid}", name="enkelvoudiginformatieobject_partial_update")
async def document_patch(request: Request, uuid: uuid.UUID, auth: BijwerkenOfGeforceerd) -> Response:
    return await _document_update(request, uuid, auth, partial=True)


@api.delete("/enkelvoudiginformatieobjecten/{uuid}", name="enkelvoudiginformatieobject_destroy")
async def document_delete(uuid: uuid.UUID, auth: Verwijderen) -> Response:
    async with file_changes() as files:
        async with write_session() as session:
            await service.delete_document(session, auth, uuid, files)
    return Response(status_code=204)


@api.get("/enkelvoudiginformatieobjecten/{uuid}/download", name="enkelvoudiginformatieobject_download")
async def document_download(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
    """The contents of the asked version, streamed from storage."""
    async with read_session() as session:
        found = await _readable_version(session, auth, uuid, _version_params(request))
    version = found.version
    if not version.inhoud:
        raise NotFound("Deze versie van het informatieobject heeft (nog) geen inhoud.")
    storage = get_storage()
    size = await storage.size(version.inhoud)
    headers = {
        "Content-Length": str(size),
        "Content-Disposition": content_disposition(version.bestandsnaam),
        "ETag": f'"{version.inhoud_sha256}"',
    }
    return StreamingResponse(storage.read(version.inhoud), media_type="application/octet-stream", headers=headers)


@api.post("/enkelvoudiginformatieobjecten/{uuid}/lock", name="enkelvoudiginformatieobject_lock")
async def document_lock(uuid: uuid.UUID, auth: Locken) -> Response:
    async with write_session() as session:
        lock = await service.lock_document(session, auth, uuid)
    return json_response({"lock": lock})


@api.post("/enkelvoudiginformatieobjecten/{uuid}/unlock", name="enkelvoudiginformatieobject_unlock")
async def document_unlock(request: Request, uuid: uuid.UUID, auth: Unlocken) -> Response:
    try:
        data = await json_object(request)
    except ValidationError as exc:
        raise service.plain(exc) from None
    async with file_changes() as files:
        async with read_session() as session:
            plan = await service.plan_unlock(session, auth, uuid, data)
        # Joining the parts of a large file takes a while: outside any transaction.
        joined = await service.assemble(plan, files)
        async with write_session() as session:
            await service.unlock_document(session, auth, uuid, data, plan, joined, files)
    return Response(status_code=204)


async def _ensure_trail_readable(session, auth: AuthContext, document_uuid: uuid.UUID) -> None:
    found = await queries.latest(session, document_uuid)
    queries.ensure_allowed(auth, ("audittrails.lezen", queries.LEZEN), found)


api.include_router(audit.trail_router("/enkelvoudiginformatieobjecten", "drc", _ensure_trail_readable))


# --- bestandsdelen ---------------------------------------------------------------------------


@api.put("/bestandsdelen/{uuid}", name="bestandsdeel_update")
async def bestandsdeel_update(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    async with file_changes() as files:
        async with read_session() as session:
            part = await service.part_for_upload(session, auth, uuid)
        upload = await uploads.part_body(request, files, part.omvang)
        async with write_session() as session:
            part = await service.save_part(session, auth, uuid, upload, files)
            body = queries.part_body(part)
    return json_response(body)


# --- gebruiksrechten -------------------------------------------------------------------------


def _datetime_filter(value: str) -> datetime:
    try:
        return queries.parse_moment(value)
    except ValueError:
        raise ValueError("Voer een geldige datum/tijd in (ISO 8601).") from None


DATETIME_FILTER = filters.Filter(_datetime_filter)


GEBRUIKSRECHTEN_FILTERS = {
    "informatieobject": filters.URI,
    **{f"{field}__{op}": DATETIME_FILTER for field in ("startdatum", "einddatum") for op in ("lt", "lte", "gt", "gte")},
    "expand": filters.TEXT,
}
_COMPARE = {"lt": "__lt__", "lte": "__le__", "gt": "__gt__", "gte": "__ge__"}


def _gebruiksrechten_statement(params: dict[str, Any], auth: AuthContext):
    statement = queries.readable_documents(select(Gebruiksrechten), auth, Gebruiksrechten.document_id)
    if "informatieobject" in params:
        statement = _by_document(statement, Gebruiksrechten.document_id, params["informatieobject"])
    for name, value in params.items():
        field, _, op = name.partition("__")
        if op in _COMPARE:
            column = getattr(Gebruiksrechten, field)
            statement = statement.where(getattr(column, _COMPARE[op])(value))
    return statement.order_by(Gebruiksrechten.id)


def _by_document(statement, column, url: str):
    document_id = queries.document_id_of_url(url)
    return statement.where(column == document_id) if document_id is not None else statement.where(column.is_(None))


async def _relation_results(session, rows: list, bodies_of, expand: set[str]) -> list[dict]:
    bodies = await bodies_of(session, rows)
    await queries.expand_relations(session, [row.document_id for row in rows], bodies, expand)
    return bodies


@api.get("/gebruiksrechten", name="gebruiksrechten_list")
async def gebruiksrechten_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, GEBRUIKSRECHTEN_FILTERS)
    expand = queries.parse_expand(params.get("expand"), queries.RELATION_EXPANDS, on_list=True)
    async with read_session() as session:
        rows = list(await session.scalars(_gebruiksrechten_statement(params, auth)))
        results = await _relation_results(session, rows, queries.gebruiksrechten_bodies, expand)
    return json_response(results)


async def _readable_relation(session, auth: AuthContext, model, uuid_: uuid.UUID):
    row = await queries.get_by_uuid(session, model, uuid_)
    found = (await queries.latest_by_ids(session, [row.document_id]))[row.document_id]
    queries.ensure_allowed(auth, queries.READ, found)
    return row


@api.api_route("/gebruiksrechten/{uuid}", methods=["GET", "HEAD"], name="gebruiksrechten_read")
async def gebruiksrechten_read(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
    expand = queries.parse_expand(request.query_params.get("expand"), queries.RELATION_EXPANDS, on_list=False)
    async with read_session() as session:
        row = await _readable_relation(session, auth, Gebruiksrechten, uuid)
        body = (await _relation_results(session, [row], queries.gebruiksrechten_bodies, expand))[0]
    return cached_detail(request, body)


@api.post("/gebruiksrechten", name="gebruiksrechten_create")
async def gebruiksrechten_create(request: Request, auth: Aanmaken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        rechten = await service.save_gebruiksrechten(session, auth, data)
        body = (await queries.gebruiksrechten_bodies(session, [rechten]))[0]
    return created(body)


async def _gebruiksrechten_update(request: Request, uuid_: uuid.UUID, auth: AuthContext, partial: bool) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        rechten = await queries.get_by_uuid(session, Gebruiksrechten, uuid_)
        rechten = await service.save_gebruiksrechten(session, auth, data, rechten, partial=partial)
        body = (await queries.gebruiksrechten_bodies(session, [rechten]))[0]
    return json_response(body)


@api.put("/gebruiksrechten/{uuid}", name="gebruiksrechten_update")
async def gebruiksrechten_put(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _gebruiksrechten_update(request, uuid, auth, partial=False)


@api.patch("/gebruiksrechten/{uuid}", name="gebruiksrechten_partial_update")
async def gebruiksrechten_patch(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _gebruiksrechten_update(request, uuid, auth, partial=True)


@api.delete("/gebruiksrechten/{uuid}", name="gebruiksrechten_destroy")
async def gebruiksrechten_delete(uuid: uuid.UUID, auth: Verwijderen) -> Response:
    async with write_session() as session:
        rechten = await queries.get_by_uuid(session, Gebruiksrechten, uuid)
        await service.delete_gebruiksrechten(session, auth, rechten)
    return Response(status_code=204)


# --- objectinformatieobjecten ----------------------------------------------------------------


@api.get("/objectinformatieobjecten", name="objectinformatieobject_list")
async def objectinformatieobject_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, {"object": filters.URI, "informatieobject": filters.URI})
    statement = queries.readable_documents(select(ObjectInformatieObject), auth, ObjectInformatieObject.document_id)
    if "object" in params:
        statement = statement.where(ObjectInformatieObject.object == params["object"])
    if "informatieobject" in params:
        statement = _by_document(statement, ObjectInformatieObject.document_id, params["informatieobject"])
    async with read_session() as session:
        rows = list(await session.scalars(statement.order_by(ObjectInformatieObject.id)))
        results = await queries.objectinformatieobject_bodies(session, rows)
    return json_response(results)


@api.api_route("/objectinformatieobjecten/{uuid}", methods=["GET", "HEAD"], name="objectinformatieobject_read")
async def objectinformatieobject_read(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        row = await _readable_relation(session, auth, ObjectInformatieObject, uuid)
        body = (await queries.objectinformatieobject_bodies(session, [row]))[0]
    return cached_detail(request, body)


@api.post("/objectinformatieobjecten", name="objectinformatieobject_create")
async def objectinformatieobject_create(request: Request, auth: Aanmaken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        link = await service.create_objectinformatieobject(session, auth, data)
        body = (await queries.objectinformatieobject_bodies(session, [link]))[0]
    return created(body)


@api.delete("/objectinformatieobjecten/{uuid}", name="objectinformatieobject_destroy")
async def objectinformatieobject_delete(uuid: uuid.UUID, auth: Verwijderen) -> Response:
    async with write_session() as session:
        link = await queries.get_by_uuid(session, ObjectInformatieObject, uuid)
        await service.delete_objectinformatieobject(session, auth, link)
    return Response(status_code=204)


# --- verzendingen (the OAS names no scopes; the document scopes apply, as in Open Zaak) ------

VERZENDING_FILTERS = {
    "aardRelatie": filters.choice(("afzender", "geadresseerde")),
    "informatieobject": filters.URI,
    "betrokkene": filters.URI,
    "expand": filters.TEXT,
}


@api.get("/verzendingen", name="verzending_list")
async def verzending_list(request: Request, auth: Lezen) -> Response:
    params = filters.parse_filters(request.query_params, VERZENDING_FILTERS)
    expand = queries.parse_expand(params.get("expand"), queries.RELATION_EXPANDS, on_list=True)
    page = page_number(request)
    statement = queries.readable_documents(select(Verzending), auth, Verzending.document_id)
    if "aardRelatie" in params:
        statement = statement.where(Verzending.aard_relatie == params["aardRelatie"])
    if "betrokkene" in params:
        statement = statement.where(Verzending.betrokkene == params["betrokkene"])
    if "informatieobject" in params:
        statement = _by_document(statement, Verzending.document_id, params["informatieobject"])
    async with read_session() as session:
        count, rows = await fetch_page(session, statement.order_by(Verzending.id), page)
        results = await _relation_results(session, list(rows), queries.verzending_bodies, expand)
    return json_response(paginated(request, page, count, results))


@api.api_route("/verzendingen/{uuid}", methods=["GET", "HEAD"], name="verzending_read")
async def verzending_read(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
    expand = queries.parse_expand(request.query_params.get("expand"), queries.RELATION_EXPANDS, on_list=False)
    async with read_session() as session:
        row = await _readable_relation(session, auth, Verzending, uuid)
        body = (await _relation_results(session, [row], queries.verzending_bodies, expand))[0]
    return cached_detail(request, body)


@api.post("/verzendingen", name="verzending_create")
async def verzending_create(request: Request, auth: Aanmaken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        verzending = await service.save_verzending(session, auth, data)
        body = (await queries.verzending_bodies(session, [verzending]))[0]
    return created(body)


async def _verzending_update(request: Request, uuid_: uuid.UUID, auth: AuthContext, partial: bool) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        verzending = await queries.get_by_uuid(session, Verzending, uuid_)
        verzending = await service.save_verzending(session, auth, data, verzending, partial=partial)
        body = (await queries.verzending_bodies(session, [verzending]))[0]
    return json_response(body)


@api.put("/verzendingen/{uuid}", name="verzending_update")
async def verzending_put(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _verzending_update(request, uuid, auth, partial=False)


@api.patch("/verzendingen/{uuid}", name="verzending_partial_update")
async def verzending_patch(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _verzending_update(request, uuid, auth, partial=True)


@api.delete("/verzendingen/{uuid}", name="verzending_destroy")
async def verzending_delete(uuid: uuid.UUID, auth: Verwijderen) -> Response:
    async with write_session() as session:
        verzending = await queries.get_by_uuid(session, Verzending, uuid)
        await service.delete_verzending(session, auth, verzending)
    return Response(status_code=204)
