"""Routes of the parts of a zaak in the Zaken API: rollen, zaakobjecten, zaakinformatieobjecten,
zaakeigenschappen, klantcontacten, zaakbesluiten, zaakcontactmomenten and zaakverzoeken.

Thin doors into ``parts``, with exactly the operations, scopes, filters and list forms
(paginated or a plain array) of the OAS. A client reads only parts of zaken it may read
(filtered in SQL; anything else is a 404); writes are judged by the zaak (403).
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, get_args

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import and_, false, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import filters, urls
from ..api.auth import AuthContext, require_scopes
from ..api.body import json_object
from ..api.errors import NotFound
from ..api.pagination import fetch_page, page_number, paginated
from ..api.responses import cached_detail, created, json_response
from ..catalogi.models import RolType
from ..db import read_session, write_session
from ..koppelingen import service as koppelingen
from . import parts, queries
from .models import (
    KlantContact,
    Rol,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakVerzoek,
)
from .parts_schemas import BETROKKENE_TYPE, OBJECT_TYPE
from .service import AANMAKEN, BIJWERKEN, GEFORCEERD_BIJWERKEN, VERWIJDEREN

router = APIRouter()

# The scopes of the OAS security blocks; the service then checks them for the zaak's zaaktype.
Lezen = Annotated[AuthContext, require_scopes("zaken.lezen")]
Bijwerken = Annotated[AuthContext, require_scopes(BIJWERKEN, GEFORCEERD_BIJWERKEN)]
AanmakenOfBijwerken = Annotated[AuthContext, require_scopes(AANMAKEN, BIJWERKEN, GEFORCEERD_BIJWERKEN)]
BijwerkenOfVerwijderen = Annotated[AuthContext, require_scopes(BIJWERKEN, GEFORCEERD_BIJWERKEN, VERWIJDEREN)]
# zaakbesluiten, zaakcontactmomenten and zaakverzoeken: the OAS names zaken.bijwerken alone.
AlleenBijwerken = Annotated[AuthContext, require_scopes(BIJWERKEN)]

Bodies = Callable[[AsyncSession, Any], Awaitable[list[dict]]]
Filterset = dict[str, tuple[filters.Filter, Callable[[Any], Any]]]


# --- filters -----------------------------------------------------------------------------------


def _by_url(column, target, api: str, resource: str):
    """A filter on a URL of ours: ``column`` holds the id of the row the URL names (other URLs match nothing)."""

    def condition(url: str):
        ref = urls.resolve(url)
        if ref is None or (ref.api, ref.resource) != (api, resource):
            return false()
        # Not correlated with the zaak that ``readable`` may join into the outer query.
        return column.in_(select(target.id).where(target.uuid == ref.uuid).correlate(None))

    return condition


def _equals(column):
    return lambda value: column == value


def _identificatie_of(betrokkene_type: str):
    # Medewerkers and organisatorische eenheden share the identificatie column.
    return lambda value: and_(Rol.identificatie == value, Rol.betrokkene_type == betrokkene_type)


def _zaak_filter(model) -> Filterset:
    return {"zaak": (filters.URI, _by_url(model.zaak_id, Zaak, "zaken", "zaken"))}


OMSCHRIJVING_GENERIEK = (
    "adviseur",
    "behandelaar",
    "belanghebbende",
    "beslisser",
    "initiator",
    "klantcontacter",
    "zaakcoordinator",
    "mede_initiator",
)
IDENTIFICATIE = "betrokkeneIdentificatie__"
ROL_FILTERS: Filterset = {
    **_zaak_filter(Rol),
    "betrokkene": (filters.URI, _equals(Rol.betrokkene)),
    "betrokkeneType": (filters.choice(get_args(BETROKKENE_TYPE)), _equals(Rol.betrokkene_type)),
    f"{IDENTIFICATIE}natuurlijkPersoon__inpBsn": (filters.TEXT, _equals(Rol.inp_bsn)),
    f"{IDENTIFICATIE}natuurlijkPersoon__anpIdentificatie": (filters.TEXT, _equals(Rol.anp_identificatie)),
    f"{IDENTIFICATIE}natuurlijkPersoon__inpA_nummer": (filters.TEXT, _equals(Rol.inp_a_nummer)),
    f"{IDENTIFICATIE}nietNatuurlijkPersoon__innNnpId": (filters.TEXT, _equals(Rol.inn_nnp_id)),
    f"{IDENTIFICATIE}nietNatuurlijkPersoon__annIdentificatie": (filters.TEXT, _equals(Rol.ann_identificatie)),
    f"{IDENTIFICATIE}vestiging__vestigingsNummer": (filters.TEXT, _equals(Rol.vestigings_nummer)),
    f"{IDENTIFICATIE}organisatorischeEenheid__identificatie": (
        filters.TEXT,
        _identificatie_of("organisatorische_eenheid"),
    ),
    f"{IDENTIFICATIE}medewerker__identificatie": (filters.TEXT, _identificatie_of("medewerker")),
    "roltype": (filters.URI, _by_url(Rol.roltype_id, RolType, "catalogi", "roltypen")),
    "omschrijving": (filters.TEXT, _equals(Rol.omschrijving)),
    "omschrijvingGeneriek": (filters.choice(OMSCHRIJVING_GENERIEK), _equals(Rol.omschrijving_generiek)),
}
ZAAKOBJECT_FILTERS: Filterset = {
    **_zaak_filter(ZaakObject),
    "object": (filters.URI, _equals(ZaakObject.object)),
    "objectType": (filters.choice(get_args(OBJECT_TYPE)), _equals(ZaakObject.object_type)),
}
ZAAKINFORMATIEOBJECT_FILTERS: Filterset = {
    **_zaak_filter(ZaakInformatieObject),
    "informatieobject": (filters.URI, _equals(ZaakInformatieObject.informatieobject)),
}
ZAAKCONTACTMOMENT_FILTERS: Filterset = {
    **_zaak_filter(ZaakContactMoment),
    "contactmoment": (filters.URI, _equals(ZaakContactMoment.contactmoment)),
}
ZAAKVERZOEK_FILTERS: Filterset = {
    **_zaak_filter(ZaakVerzoek),
    "verzoek": (filters.URI, _equals(ZaakVerzoek.verzoek)),
}


# --- top-level parts: one generic set of routes ------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A part of a zaak with its own collection (``/rollen``, ``/zaakobjecten``, ...)."""

    collection: str
    operation: str  # the prefix of the OAS operationIds: rol_list, rol_create, ...
    model: type
    bodies: Bodies
    filterset: Filterset
    paginated: bool
    etag: bool  # the OAS has HEAD (and so an ETag) on the detail


async def _readable(session: AsyncSession, auth: AuthContext, model, *conditions):
    """A part of a zaak the client may read; a 404 otherwise, as if it did not exist."""
    obj = await session.scalar(queries.readable(select(model).where(*conditions), auth, via_zaak_id=model.zaak_id))
    if obj is None:
        raise NotFound()
    return obj


async def _body(session: AsyncSession, bodies: Bodies, obj) -> dict:
    return (await bodies(session, [obj.id]))[0]


def add_list_route(part: Part) -> None:
    async def list_view(request: Request, auth: Lezen) -> Response:
        declared = {name: spec for name, (spec, _) in part.filterset.items()}
        params = filters.parse_filters(request.query_params, declared)
        statement = queries.readable(select(part.model.id), auth, via_zaak_id=part.model.zaak_id)
        statement = statement.where(*(part.filterset[name][1](value) for name, value in params.items()))
        async with read_session() as session:
            if not part.paginated:
                return json_response(await part.bodies(session, statement))
            page = page_number(request)
            count, ids = await fetch_page(session, statement.order_by(part.model.id), page)
            return json_response(paginated(request, page, count, await part.bodies(session, ids)))

    router.add_api_route(part.collection, list_view, methods=["GET"], name=f"{part.operation}_list")


def add_read_route(part: Part) -> None:
    async def read_view(request: Request, uuid: uuid.UUID, auth: Lezen) -> Response:
        async with read_session() as session:
            obj = await _readable(session, auth, part.model, part.model.uuid == uuid)
            body = await _body(session, part.bodies, obj)
        return cached_detail(request, body) if part.etag else json_response(body)

    methods = ["GET", "HEAD"] if part.etag else ["GET"]
    router.add_api_route(f"{part.collection}/{{uuid}}", read_view, methods=methods, name=f"{part.operation}_read")


def add_create_route(part: Part, create, auth_type) -> None:
    async def create_view(request: Request, auth: auth_type) -> Response:
        data = await json_object(request)
        async with write_session() as session:
            obj = await create(session, auth, data)
            body = await _body(session, part.bodies, obj)
        return created(body)

    router.add_api_route(part.collection, create_view, methods=["POST"], name=f"{part.operation}_create")


def add_update_routes(part: Part, save) -> None:
    async def update(request: Request, uuid: uuid.UUID, auth: AuthContext, partial: bool) -> Response:
        data = await json_object(request)
        async with write_session() as session:
            obj = await queries.get_by_uuid(session, part.model, uuid)
            obj = await save(session, auth, data, obj, partial=partial)
            body = await _body(session, part.bodies, obj)
        return json_response(body)

    async def put_view(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
        return await update(request, uuid, auth, partial=False)

    async def patch_view(request: Request, uuid: uuid.UUID, auth: Bijwerken) -> Response:
        return await update(request, uuid, auth, partial=True)

    path = f"{part.collection}/{{uuid}}"
    router.add_api_route(path, put_view, methods=["PUT"], name=f"{part.operation}_update")
    router.add_api_route(path, patch_view, methods=["PATCH"], name=f"{part.operation}_partial_update")


def add_delete_route(part: Part, delete, auth_type) -> None:
    async def delete_view(uuid: uuid.UUID, auth: auth_type) -> Response:
        async with write_session() as session:
            await delete(session, auth, await queries.get_by_uuid(session, part.model, uuid))
        return Response(status_code=204)

    router.add_api_route(
        f"{part.collection}/{{uuid}}", delete_view, methods=["DELETE"], name=f"{part.operation}_destroy"
    )


# rollen: list, create, read, delete (no update: delete and create anew).
ROLLEN = Part("/rollen", "rol", Rol, parts.rol_bodies, ROL_FILTERS, paginated=True, etag=True)
add_list_route(ROLLEN)
add_create_route(ROLLEN, parts.create_rol, Bijwerken)
add_read_route(ROLLEN)
add_delete_route(ROLLEN, parts.delete_rol, Bijwerken)

ZAAKOBJECTEN = Part(
    "/zaakobjecten", "zaakobject", ZaakObject, parts.zaakobject_bodies, ZAAKOBJECT_FILTERS, paginated=True, etag=True
)
add_list_route(ZAAKOBJECTEN)
add_create_route(ZAAKOBJECTEN, parts.save_zaakobject, AanmakenOfBijwerken)
add_read_route(ZAAKOBJECTEN)
add_update_routes(ZAAKOBJECTEN, parts.save_zaakobject)
add_delete_route(ZAAKOBJECTEN, parts.delete_zaakobject, BijwerkenOfVerwijderen)

# zaakinformatieobjecten: a plain array, however many documents a zaak has.
ZAAKINFORMATIEOBJECTEN = Part(
    "/zaakinformatieobjecten",
    "zaakinformatieobject",
    ZaakInformatieObject,
    parts.zaakinformatieobject_bodies,
    ZAAKINFORMATIEOBJECT_FILTERS,
    paginated=False,
    etag=True,
)
add_list_route(ZAAKINFORMATIEOBJECTEN)
add_create_route(ZAAKINFORMATIEOBJECTEN, parts.save_zaakinformatieobject, AanmakenOfBijwerken)
add_read_route(ZAAKINFORMATIEOBJECTEN)
add_update_routes(ZAAKINFORMATIEOBJECTEN, parts.save_zaakinformatieobject)
add_delete_route(ZAAKINFORMATIEOBJECTEN, parts.delete_zaakinformatieobject, BijwerkenOfVerwijderen)

# klantcontacten (deprecated since 1.1.0): list, create, read.
KLANTCONTACTEN = Part(
    "/klantcontacten",
    "klantcontact",
    KlantContact,
    parts.klantcontact_bodies,
    _zaak_filter(KlantContact),
    paginated=True,
    etag=False,
)
add_list_route(KLANTCONTACTEN)
add_create_route(KLANTCONTACTEN, parts.create_klantcontact, Bijwerken)
add_read_route(KLANTCONTACTEN)

ZAAKCONTACTMOMENTEN = Part(
    "/zaakcontactmomenten",
    "zaakcontactmoment",
    ZaakContactMoment,
    parts.zaakcontactmoment_bodies,
    ZAAKCONTACTMOMENT_FILTERS,
    paginated=False,
    etag=False,
)
ZAAKVERZOEKEN = Part(
    "/zaakverzoeken",
    "zaakverzoek",
    ZaakVerzoek,
    parts.zaakverzoek_bodies,
    ZAAKVERZOEK_FILTERS,
    paginated=False,
    etag=False,
)
for _part, _create, _delete in (
    (ZAAKCONTACTMOMENTEN, parts.create_zaakcontactmoment, parts.delete_zaakcontactmoment),
    (ZAAKVERZOEKEN, parts.create_zaakverzoek, parts.delete_zaakverzoek),
):
    add_list_route(_part)
    add_create_route(_part, _create, AlleenBijwerken)
    add_read_route(_part)
    add_delete_route(_part, _delete, AlleenBijwerken)


# --- parts nested under their zaak: zaakeigenschappen and besluiten ------------------------------
# Their lists are plain arrays without query parameters (the OAS defines no 400 for them).


def _in_zaak(model, zaak_uuid: uuid.UUID):
    return model.zaak_id.in_(select(Zaak.id).where(Zaak.uuid == zaak_uuid).correlate(None))


async def _zaak_parts(session: AsyncSession, auth: AuthContext, model, bodies: Bodies, zaak_uuid: uuid.UUID):
    """The parts of a zaak, if the client may read it: an unknown or unreadable zaak has none (the OAS
    defines no 404 for these lists)."""
    statement = select(model.id).where(_in_zaak(model, zaak_uuid))
    return await bodies(session, queries.readable(statement, auth, via_zaak_id=model.zaak_id))


async def _zaak_part(session: AsyncSession, auth: AuthContext, model, zaak_uuid: uuid.UUID, uuid_: uuid.UUID):
    return await _readable(session, auth, model, model.uuid == uuid_, _in_zaak(model, zaak_uuid))


async def _own_part(session: AsyncSession, model, zaak_uuid: uuid.UUID, uuid_: uuid.UUID):
    """For a write: the part of the zaak in the URL (404 otherwise); the service then checks the client."""
    obj = await session.scalar(
        select(model).join(Zaak, Zaak.id == model.zaak_id).where(model.uuid == uuid_, Zaak.uuid == zaak_uuid)
    )
    if obj is None:
        raise NotFound()
    return obj


EIGENSCHAPPEN = "/zaken/{zaak_uuid}/zaakeigenschappen"


@router.get(EIGENSCHAPPEN, name="zaakeigenschap_list")
async def zaakeigenschap_list(zaak_uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        return json_response(await _zaak_parts(session, auth, ZaakEigenschap, parts.zaakeigenschap_bodies, zaak_uuid))


@router.post(EIGENSCHAPPEN, name="zaakeigenschap_create")
async def zaakeigenschap_create(request: Request, zaak_uuid: uuid.UUID, auth: Bijwerken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        zaakeigenschap = await parts.save_zaakeigenschap(session, auth, zaak_uuid, data)
        body = await _body(session, parts.zaakeigenschap_bodies, zaakeigenschap)
    return created(body)


@router.api_route(EIGENSCHAPPEN + "/{uuid}", methods=["GET", "HEAD"], name="zaakeigenschap_read")
async def zaakeigenschap_read(request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        zaakeigenschap = await _zaak_part(session, auth, ZaakEigenschap, zaak_uuid, uuid)
        return cached_detail(request, await _body(session, parts.zaakeigenschap_bodies, zaakeigenschap))


async def _zaakeigenschap_update(
    request: Request, zaak_uuid: uuid.UUID, uuid_: uuid.UUID, auth: AuthContext, partial: bool
) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        zaakeigenschap = await _own_part(session, ZaakEigenschap, zaak_uuid, uuid_)
        await parts.save_zaakeigenschap(session, auth, zaak_uuid, data, zaakeigenschap, partial=partial)
        body = await _body(session, parts.zaakeigenschap_bodies, zaakeigenschap)
    return json_response(body)


@router.put(EIGENSCHAPPEN + "/{uuid}", name="zaakeigenschap_update")
async def zaakeigenschap_update(request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    return await _zaakeigenschap_update(request, zaak_uuid, uuid, auth, partial=False)


@router.patch(EIGENSCHAPPEN + "/{uuid}", name="zaakeigenschap_partial_update")
async def zaakeigenschap_partial_update(
    request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, auth: Bijwerken
) -> Response:
    return await _zaakeigenschap_update(request, zaak_uuid, uuid, auth, partial=True)


@router.delete(EIGENSCHAPPEN + "/{uuid}", name="zaakeigenschap_destroy")
async def zaakeigenschap_destroy(zaak_uuid: uuid.UUID, uuid: uuid.UUID, auth: Bijwerken) -> Response:
    async with write_session() as session:
        await parts.delete_zaakeigenschap(session, auth, await _own_part(session, ZaakEigenschap, zaak_uuid, uuid))
    return Response(status_code=204)


# zaakbesluiten are normally written by our Besluiten API (brc-006) through ``koppelingen.link_besluit``.
BESLUITEN = "/zaken/{zaak_uuid}/besluiten"


@router.get(BESLUITEN, name="zaakbesluit_list")
async def zaakbesluit_list(zaak_uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        return json_response(await _zaak_parts(session, auth, ZaakBesluit, koppelingen.zaakbesluit_bodies, zaak_uuid))


@router.post(BESLUITEN, name="zaakbesluit_create")
async def zaakbesluit_create(request: Request, zaak_uuid: uuid.UUID, auth: AlleenBijwerken) -> Response:
    data = await json_object(request)
    async with write_session() as session:
        zaakbesluit = await parts.create_zaakbesluit(session, auth, zaak_uuid, data)
        body = await _body(session, koppelingen.zaakbesluit_bodies, zaakbesluit)
    return created(body)


@router.get(BESLUITEN + "/{uuid}", name="zaakbesluit_read")
async def zaakbesluit_read(zaak_uuid: uuid.UUID, uuid: uuid.UUID, auth: Lezen) -> Response:
    async with read_session() as session:
        zaakbesluit = await _zaak_part(session, auth, ZaakBesluit, zaak_uuid, uuid)
        return json_response(await _body(session, koppelingen.zaakbesluit_bodies, zaakbesluit))


@router.delete(BESLUITEN + "/{uuid}", name="zaakbesluit_destroy")
async def zaakbesluit_destroy(zaak_uuid: uuid.UUID, uuid: uuid.UUID, auth: AlleenBijwerken) -> Response:
    async with write_session() as session:
        await parts.delete_zaakbesluit(session, auth, await _own_part(session, ZaakBesluit, zaak_uuid, uuid))
    return Response(status_code=204)
