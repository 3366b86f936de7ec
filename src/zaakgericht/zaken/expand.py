"""``expand`` of the Zaken API 1.5.1: embed the objects a zaak links to under ``_expand``.

Only fields of the ``*Embedded`` schemas are expandable, with objects of this Zaken API
or the Catalogi API (zrc-025), at most three levels deep (zrc-026; deeper paths are cut).
An unknown path is a 400 on ``expand``. Expanded zaken and their parts pass the same
authorisation as a direct read: what the client may not read is left out.
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.auth import AuthContext
from ..api.errors import ValidationError
from ..catalogi import queries as catalogi_queries
from ..catalogi.models import ResultaatType, RolType, StatusType, ZaakObjectType, ZaakType
from ..catalogi.service import SUBKINDS
from . import queries
from .models import Resultaat, Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject

MAX_DEPTH = 3


@dataclass(frozen=True)
class Field:
    target: str  # the kind of object the field's URL(s) point at
    many: bool = False


FIELDS: dict[str, dict[str, Field]] = {
    "zaak": {
        "zaaktype": Field("zaaktype"),
        "hoofdzaak": Field("zaak"),
        "deelzaken": Field("zaak", many=True),
        "relevanteAndereZaken": Field("zaak", many=True),
        "eigenschappen": Field("zaakeigenschap", many=True),
        "rollen": Field("rol", many=True),
        "status": Field("status"),
        "zaakobjecten": Field("zaakobject", many=True),
        "resultaat": Field("resultaat"),
    },
    "status": {
        "statustype": Field("statustype"),
        "gezetdoor": Field("rol"),
        "zaakinformatieobjecten": Field("zaakinformatieobject", many=True),
    },
    "rol": {"zaak": Field("zaak"), "roltype": Field("roltype"), "statussen": Field("status", many=True)},
    "resultaat": {"zaak": Field("zaak"), "resultaattype": Field("resultaattype")},
    "zaakobject": {"zaakobjecttype": Field("zaakobjecttype")},
    "zaakinformatieobject": {"status": Field("status")},
}

Tree = dict[str, "Tree"]


def parse(value: str | None, kind: str = "zaak") -> Tree:
    """The requested paths as a tree, validated against the embeddable fields; deeper than three levels is cut."""
    tree: Tree = {}
    for path in (part.strip() for part in (value or "").split(",")):
        if not path:
            continue
        node, current = tree, kind
        for depth, segment in enumerate(path.split(".")):
            field = FIELDS.get(current, {}).get(segment)
            if field is None:
                raise ValidationError.single("expand", "invalid", f"'{path}' kan niet worden geëxpandeerd.")
            if depth < MAX_DEPTH:
                node = node.setdefault(segment, {})
            current = field.target
    return tree


Fetch = Callable[[AsyncSession, AuthContext, list[uuid.UUID]], Awaitable[dict[uuid.UUID, dict]]]


def _readable_bodies(model, bodies, *, via_zaak: bool = True) -> Fetch:
    async def fetch(session: AsyncSession, auth: AuthContext, uuids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
        statement = select(model).where(model.uuid.in_(uuids))
        statement = queries.readable(statement, auth, via_zaak_id=model.zaak_id if via_zaak else None)
        objs = (await session.scalars(statement.order_by(model.id))).all()
        return {obj.uuid: body for obj, body in zip(objs, await bodies(session, objs), strict=True)}

    return fetch


def _catalogue_bodies(resource: str, model, bodies) -> Fetch:
    async def fetch(session: AsyncSession, auth: AuthContext, uuids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
        found = await catalogi_queries.cached_bodies(session, resource, model, bodies, uuids, date.today())
        return {uuid.UUID(body["url"].rsplit("/", 1)[-1]): body for body in found}

    return fetch


def by_ids(bodies):
    """Bodies of the parts are built from their ids, in id order."""

    async def of_objects(session: AsyncSession, objs) -> list[dict]:
        return await bodies(session, [obj.id for obj in objs])

    return of_objects


@cache
def _fetchers() -> dict[str, Fetch]:
    from . import parts

    return {
        "zaak": _readable_bodies(Zaak, queries.zaak_bodies, via_zaak=False),
        "status": _readable_bodies(Status, queries.status_bodies),
        "resultaat": _readable_bodies(Resultaat, queries.resultaat_bodies),
        "rol": _readable_bodies(Rol, by_ids(parts.rol_bodies)),
        "zaakeigenschap": _readable_bodies(ZaakEigenschap, by_ids(parts.zaakeigenschap_bodies)),
        "zaakobject": _readable_bodies(ZaakObject, by_ids(parts.zaakobject_bodies)),
        "zaakinformatieobject": _readable_bodies(ZaakInformatieObject, by_ids(parts.zaakinformatieobject_bodies)),
        "zaaktype": _catalogue_bodies("zaaktypen", ZaakType, catalogi_queries.zaaktype_bodies),
        "statustype": _catalogue_bodies("statustypen", StatusType, SUBKINDS["statustypen"].bodies),
        "roltype": _catalogue_bodies("roltypen", RolType, SUBKINDS["roltypen"].bodies),
        "resultaattype": _catalogue_bodies("resultaattypen", ResultaatType, SUBKINDS["resultaattypen"].bodies),
        "zaakobjecttype": _catalogue_bodies("zaakobjecttypen", ZaakObjectType, SUBKINDS["zaakobjecttypen"].bodies),
    }


def _linked_urls(body: dict, name: str) -> list[str]:
    value = body.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [item["url"] if isinstance(item, dict) else item for item in value]
    return [value]


def _uuid(url: str) -> uuid.UUID | None:
    ref = urls.resolve(url)
    return ref.uuid if ref else None


async def expand(session: AsyncSession, auth: AuthContext, kind: str, bodies: list[dict], tree: Tree) -> None:
    """Add ``_expand`` to each body, one query per expanded field and level for all bodies together."""
    if not tree or not bodies:
        return
    for body in bodies:
        body.setdefault("_expand", {})
    for name, subtree in tree.items():
        field = FIELDS[kind][name]
        wanted = {u for body in bodies for u in map(_uuid, _linked_urls(body, name)) if u}
        found = await _fetchers()[field.target](session, auth, list(wanted)) if wanted else {}
        # Each place gets its own copy: nested expansions differ per path.
        embedded_all: list[dict] = []
        for body in bodies:
            embedded = [dict(found[u]) for u in map(_uuid, _linked_urls(body, name)) if u in found]
            embedded_all += embedded
            body["_expand"][name] = embedded if field.many else (embedded[0] if embedded else {})
        await expand(session, auth, field.target, embedded_all, subtree)
