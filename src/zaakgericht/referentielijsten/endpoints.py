"""The read-only Selectielijst API at /referentielijsten/api/v1 (no authorisation, as its OAS says)."""

import uuid

from fastapi import Request
from fastapi.responses import Response

from ..api import filters
from ..api.component import create_api
from ..api.errors import NotFound
from ..api.pagination import PAGE_SIZE, page_number, paginated
from ..api.responses import json_response
from . import service

api = create_api("referentielijsten")

PROCESTYPE_FILTERS = {"jaar": filters.INT}
RESULTAAT_FILTERS = {"procesType": filters.URI, "proces_type": filters.URI}


def _detail(name: str, uuid_: uuid.UUID) -> Response:
    item = service.get_item(name, uuid_)
    if item is None:
        raise NotFound()
    return json_response(item)


@api.get("/procestypen")
async def procestype_list(request: Request) -> Response:
    params = filters.parse_filters(request.query_params, PROCESTYPE_FILTERS)
    return json_response(service.procestypen(params.get("jaar")))


@api.get("/procestypen/{uuid}")
async def procestype_read(uuid: uuid.UUID) -> Response:
    return _detail(service.PROCESTYPEN, uuid)


@api.get("/resultaten")
async def resultaat_list(request: Request) -> Response:
    params = filters.parse_filters(request.query_params, RESULTAAT_FILTERS)
    page = page_number(request)
    items = service.resultaten(params.get("procesType") or params.get("proces_type"))
    if page > 1 and (page - 1) * PAGE_SIZE >= len(items):
        raise NotFound("Ongeldige pagina.")
    results = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return json_response(paginated(request, page, len(items), results))


@api.get("/resultaten/{uuid}")
async def resultaat_read(uuid: uuid.UUID) -> Response:
    return _detail(service.RESULTATEN, uuid)


@api.get("/resultaattypeomschrijvingen")
async def resultaattypeomschrijving_list() -> Response:
    return json_response(service.list_items(service.RESULTAATTYPEOMSCHRIJVINGEN))


@api.get("/resultaattypeomschrijvingen/{uuid}")
async def resultaattypeomschrijving_read(uuid: uuid.UUID) -> Response:
    return _detail(service.RESULTAATTYPEOMSCHRIJVINGEN, uuid)
