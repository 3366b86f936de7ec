"""Reads of the Besluiten API: authorisation by besluittype in SQL, list filters and JSON bodies;
and the besluiten of a zaak for the zaakdossier.

Bodies are built in bulk: a page of besluiten costs the page query plus one query for
the URLs of their besluittypen and zaken, whatever the page size.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.auth import AuthContext, limits_clause
from ..api.errors import NotFound
from ..catalogi.models import BesluitType, ZaakType
from ..zaken.models import Zaak
from .models import Besluit, BesluitInformatieObject
from .schemas import VERVALREDEN_WEERGAVE

API = "besluiten"
READ = ("besluiten.lezen",)


def url_of(resource: str, uuid_: uuid.UUID | str) -> str:
    return urls.build(API, resource, uuid_)


def besluittype_url(uuid_: uuid.UUID) -> str:
    return urls.build("catalogi", "besluittypen", uuid_)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def local_uuid(url: str, api: str, resource: str) -> uuid.UUID | None:
    """The uuid of a URL of this installation naming ``resource`` of ``api``; None otherwise."""
    ref = urls.resolve(url)
    if ref is None or ref.api != api or ref.resource != resource:
        return None
    return ref.uuid


# --- authorisation ---------------------------------------------------------------------------


def besluit_clause(auth: AuthContext, scopes: tuple[str, ...] = READ):
    """The SQL condition on ``Besluit`` for the besluiten a client may use; None for all."""
    limits = auth.type_limits("brc", scopes)
    if limits is None:
        return None
    return limits_clause(limits, Besluit.besluittype_id, BesluitType)


def readable(statement: Select, auth: AuthContext, *, via_besluit_id=None) -> Select:
    """``statement`` limited to besluiten (or their parts, joined through ``via_besluit_id``) the client may read."""
    clause = besluit_clause(auth)
    if clause is None:
        return statement
    if via_besluit_id is not None:
        statement = statement.join(Besluit, Besluit.id == via_besluit_id)
    return statement.where(clause)


async def get_by_uuid(session: AsyncSession, model, uuid_: uuid.UUID):
    obj = await session.scalar(select(model).where(model.uuid == uuid_))
    if obj is None:
        raise NotFound()
    return obj


async def find_readable_besluit(
    session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID, scopes: tuple[str, ...] = READ
) -> Besluit | None:
    """The besluit, or None when it does not exist or ``scopes`` are not granted for its besluittype."""
    statement = select(Besluit).where(Besluit.uuid == uuid_)
    clause = besluit_clause(auth, scopes)
    if clause is not None:
        statement = statement.where(clause)
    return await session.scalar(statement)


async def readable_besluit(
    session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID, scopes: tuple[str, ...] = READ
) -> Besluit:
    """The besluit, or 404 when it does not exist or the client may not see it (as if it did not exist)."""
    besluit = await find_readable_besluit(session, auth, uuid_, scopes)
    if besluit is None:
        raise NotFound()
    return besluit


# --- besluiten -------------------------------------------------------------------------------


def besluit_statement(params: dict[str, Any]) -> Select:
    statement = select(Besluit).order_by(Besluit.id)
    if "identificatie" in params:
        statement = statement.where(Besluit.identificatie == params["identificatie"])
    if "verantwoordelijkeOrganisatie" in params:
        statement = statement.where(Besluit.verantwoordelijke_organisatie == params["verantwoordelijkeOrganisatie"])
    if "besluittype" in params:
        besluittype_uuid = local_uuid(params["besluittype"], "catalogi", "besluittypen")
        statement = statement.where(
            Besluit.besluittype_id.in_(select(BesluitType.id).where(BesluitType.uuid == besluittype_uuid))
            if besluittype_uuid
            else false()
        )
    if "zaak" in params:
        statement = statement.where(zaak_condition(params["zaak"]))
    return statement


def zaak_condition(zaak_url: str):
    """Besluiten of this zaak: one of our Zaken API by its row, another installation's by its URL."""
    zaak_uuid = local_uuid(zaak_url, "zaken", "zaken")
    if zaak_uuid is not None:
        return Besluit.zaak_id.in_(select(Zaak.id).where(Zaak.uuid == zaak_uuid))
    if urls.is_local(zaak_url):
        return false()
    return Besluit.zaak_url == zaak_url


def _without_empty(body: dict, keys: tuple[str, ...]) -> dict:
    """Leave out optional fields without a value where the OAS allows neither "" nor null."""
    for key in keys:
        if body.get(key) in ("", None):
            del body[key]
    return body


async def besluit_bodies(session: AsyncSession, besluiten: Sequence[Besluit]) -> list[dict]:
    if not besluiten:
        return []
    refs = {
        besluit_id: (besluittype_uuid, zaak_uuid)
        for besluit_id, besluittype_uuid, zaak_uuid in await session.execute(
            select(Besluit.id, BesluitType.uuid, Zaak.uuid)
            .join(BesluitType, BesluitType.id == Besluit.besluittype_id)
            .outerjoin(Zaak, Zaak.id == Besluit.zaak_id)
            .where(Besluit.id.in_([besluit.id for besluit in besluiten]))
        )
    }
    return [_besluit_body(besluit, *refs[besluit.id]) for besluit in besluiten]


def zaak_url_of(besluit: Besluit, zaak_uuid: uuid.UUID | None) -> str:
    return urls.build("zaken", "zaken", zaak_uuid) if zaak_uuid else besluit.zaak_url


def _besluit_body(besluit: Besluit, besluittype_uuid: uuid.UUID, zaak_uuid: uuid.UUID | None) -> dict:
    body = {
        "url": url_of("besluiten", besluit.uuid),
        "identificatie": besluit.identificatie,
        "verantwoordelijkeOrganisatie": besluit.verantwoordelijke_organisatie,
        "besluittype": besluittype_url(besluittype_uuid),
        "zaak": zaak_url_of(besluit, zaak_uuid),
        "datum": _iso(besluit.datum),
        "toelichting": besluit.toelichting,
        "bestuursorgaan": besluit.bestuursorgaan,
        "ingangsdatum": _iso(besluit.ingangsdatum),
        "vervaldatum": _iso(besluit.vervaldatum),
        "vervalreden": besluit.vervalreden,
        "vervalredenWeergave": VERVALREDEN_WEERGAVE.get(besluit.vervalreden, ""),
        "publicatiedatum": _iso(besluit.publicatiedatum),
        "verzenddatum": _iso(besluit.verzenddatum),
        "uiterlijkeReactiedatum": _iso(besluit.uiterlijke_reactiedatum),
    }
    # A besluit without zaak or vervalreden: the OAS allows neither "" nor null there.
    return _without_empty(body, ("zaak", "vervalreden", "vervalredenWeergave"))


async def besluit_body(session: AsyncSession, besluit: Besluit) -> dict:
    return (await besluit_bodies(session, [besluit]))[0]


# --- besluitinformatieobjecten ---------------------------------------------------------------


def besluitinformatieobject_statement(params: dict[str, Any]) -> Select:
    statement = select(BesluitInformatieObject).order_by(BesluitInformatieObject.id)
    if "besluit" in params:
        besluit_uuid = local_uuid(params["besluit"], API, "besluiten")
        statement = statement.where(
            BesluitInformatieObject.besluit_id.in_(select(Besluit.id).where(Besluit.uuid == besluit_uuid))
            if besluit_uuid
            else false()
        )
    if "informatieobject" in params:
        statement = statement.where(BesluitInformatieObject.informatieobject == params["informatieobject"])
    return statement


async def readable_besluitinformatieobject(
    session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID
) -> BesluitInformatieObject:
    """The relation, or 404 when it does not exist or the client may not read its besluit."""
    statement = select(BesluitInformatieObject).where(BesluitInformatieObject.uuid == uuid_)
    relation = await session.scalar(readable(statement, auth, via_besluit_id=BesluitInformatieObject.besluit_id))
    if relation is None:
        raise NotFound()
    return relation


async def besluitinformatieobject_bodies(
    session: AsyncSession, relations: Sequence[BesluitInformatieObject]
) -> list[dict]:
    if not relations:
        return []
    besluit_uuids = dict(
        (
            await session.execute(
                select(Besluit.id, Besluit.uuid).where(Besluit.id.in_({relation.besluit_id for relation in relations}))
            )
        ).all()
    )
    return [
        {
            "url": url_of("besluitinformatieobjecten", relation.uuid),
            "informatieobject": relation.informatieobject,
            "besluit": url_of("besluiten", besluit_uuids[relation.besluit_id]),
        }
        for relation in relations
    ]


async def besluitinformatieobject_body(session: AsyncSession, relation: BesluitInformatieObject) -> dict:
    return (await besluitinformatieobject_bodies(session, [relation]))[0]


# --- the besluiten of a zaak, for the zaakdossier --------------------------------------------


@dataclass(frozen=True)
class BesluitRegel:
    identificatie: str
    besluittype: str  # its omschrijving
    datum: date
    ingangsdatum: date
    vervaldatum: date | None
    vervalreden: str  # tijdelijk, ingetrokken_overheid, ingetrokken_belanghebbende or ""
    toelichting: str
    documenten: list[str]  # the URLs of the documents that lay it down


async def besluiten_van_zaak(session: AsyncSession, auth: AuthContext, zaak_id: int) -> list[BesluitRegel]:
    """The besluiten of this zaak the reader may see, the oldest beslisdatum first, with their documents: two
    queries whatever their number."""
    rows = (
        await session.execute(
            readable(
                select(Besluit, BesluitType.omschrijving)
                .join(BesluitType, BesluitType.id == Besluit.besluittype_id)
                .where(Besluit.zaak_id == zaak_id)
                .order_by(Besluit.datum, Besluit.id),
                auth,
            )
        )
    ).all()
    if not rows:
        return []
    documenten: dict[int, list[str]] = {besluit.id: [] for besluit, _ in rows}
    for besluit_id, informatieobject in await session.execute(
        select(BesluitInformatieObject.besluit_id, BesluitInformatieObject.informatieobject)
        .where(BesluitInformatieObject.besluit_id.in_(documenten))
        .order_by(BesluitInformatieObject.id)
    ):
        documenten[besluit_id].append(informatieobject)
    return [
        BesluitRegel(
            identificatie=besluit.identificatie,
            besluittype=omschrijving,
            datum=besluit.datum,
            ingangsdatum=besluit.ingangsdatum,
            vervaldatum=besluit.vervaldatum,
            vervalreden=besluit.vervalreden,
            toelichting=besluit.toelichting,
            documenten=documenten[besluit.id],
        )
        for besluit, omschrijving in rows
    ]


@dataclass(frozen=True)
class BesluittypeKeuze:
    uuid: uuid.UUID
    omschrijving: str
    informatieobjecttypen: list[str]  # the omschrijvingen of the document types that may lay it down


async def besluittypen_van_zaaktype(session: AsyncSession, zaaktype: ZaakType, day: date) -> list[BesluittypeKeuze]:
    """The published besluittypen valid on ``day`` that the zaaktype names (by omschrijving, in its catalogus)."""
    if not zaaktype.besluittypen:
        return []
    rows = await session.scalars(
        select(BesluitType)
        .where(
            BesluitType.catalogus_id == zaaktype.catalogus_id,
            BesluitType.omschrijving.in_(zaaktype.besluittypen),
            BesluitType.concept.is_(False),
            or_(BesluitType.begin_geldigheid.is_(None), BesluitType.begin_geldigheid <= day),
            or_(BesluitType.einde_geldigheid.is_(None), BesluitType.einde_geldigheid >= day),
        )
        .order_by(BesluitType.omschrijving, BesluitType.id)
    )
    return [BesluittypeKeuze(row.uuid, row.omschrijving, list(row.informatieobjecttypen)) for row in rows]
