"""Reads of the Catalogi API: list filters and the JSON bodies of every resource.

Bodies are built in bulk: a page of any size costs a fixed number of queries (the
page, one query per kind of related row, and the version index below).

Links between zaaktypen, besluittypen and informatieobjecttypen are stored by
name (omschrijving / identificatie). They are resolved to the URL of one version
with ``pick_version``: the published version valid on the reference date
(``datumGeldigheid`` or today), else any version valid then, else the newest.
"""

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import JSON, Select, String, and_, cast, func, literal, null, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.cache import BodyCache
from ..api.errors import NotFound
from .models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)

API = "catalogi"
CACHE_NAME = "catalogi"

# Bodies of catalogue resources, per process; see api.cache for how they stay correct.
body_cache = BodyCache(CACHE_NAME)


def url_of(resource: str, uuid_: uuid.UUID) -> str:
    return urls.build(API, resource, uuid_)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _without_empty(body: dict, keys: Iterable[str] | None = None) -> dict:
    """Leave out optional fields without a value where the OAS allows neither "" nor null."""
    for key in list(keys if keys is not None else body):
        if body.get(key) in ("", None):
            del body[key]
    return body


# --- version index ---------------------------------------------------------------------------


@dataclass(slots=True)
class Version:
    id: int
    uuid: uuid.UUID
    catalogus_id: int
    name: str
    concept: bool
    begin: date | None
    einde: date | None
    # zaaktype: besluittype omschrijvingen; besluittype: informatieobjecttype omschrijvingen
    links: list[str] = field(default_factory=list)

    def valid_on(self, day: date) -> bool:
        return (self.begin is None or self.begin <= day) and (self.einde is None or self.einde >= day)


def pick_version(versions: Sequence[Version], day: date) -> Version | None:
    if not versions:
        return None
    newest_first = sorted(versions, key=lambda v: (v.begin or date.min, v.id), reverse=True)
    for accept in (lambda v: not v.concept and v.valid_on(day), lambda v: v.valid_on(day)):
        match = next((v for v in newest_first if accept(v)), None)
        if match:
            return match
    return newest_first[0]


_INDEX_SOURCES = {
    "zaaktypen": (ZaakType, ZaakType.identificatie, ZaakType.besluittypen),
    "besluittypen": (BesluitType, BesluitType.omschrijving, BesluitType.informatieobjecttypen),
    "informatieobjecttypen": (InformatieObjectType, InformatieObjectType.omschrijving, None),
}


class TypeIndex:
    """All versions of some kinds of type in some catalogi, grouped by (catalogus, name)."""

    def __init__(self, day: date) -> None:
        self.day = day
        self._groups: dict[str, dict[tuple[int, str], list[Version]]] = {}

    async def load(self, session: AsyncSession, catalogus_ids: Iterable[int], kinds: Iterable[str]) -> "TypeIndex":
        """Loads the versions of ``kinds`` (in one query) in the given catalogi."""
        ids = set(catalogus_ids)
        wanted = [kind for kind in kinds if kind not in self._groups]
        for kind in wanted:
            self._groups[kind] = defaultdict(list)
        if not ids or not wanted:
            return self
        parts = []
        for kind in sorted(wanted, key=lambda k: _INDEX_SOURCES[k][2] is None):  # a JSON links column first
            model, name_column, links_column = _INDEX_SOURCES[kind]
            links = links_column if links_column is not None else cast(null(), JSON)
            parts.append(
                select(
                    literal(kind).label("kind"),
                    model.id,
                    model.uuid,
                    model.catalogus_id,
                    name_column.label("name"),
                    model.concept,
                    model.begin_geldigheid,
                    model.einde_geldigheid,
                    links.label("links"),
                ).where(model.catalogus_id.in_(ids))
            )
        for kind, *fields, links in (await session.execute(union_all(*parts))).all():
            version = Version(*fields, links=list(links or []))
            self._groups[kind][(version.catalogus_id, version.name)].append(version)
        return self

    def pick(self, kind: str, catalogus_id: int, name: str) -> Version | None:
        return pick_version(self._groups[kind].get((catalogus_id, name), []), self.day)

    def url(self, kind: str, catalogus_id: int, name: str) -> str | None:
        version = self.pick(kind, catalogus_id, name)
        return url_of(kind, version.uuid) if version else None

    def urls(self, kind: str, catalogus_id: int, names: Iterable[str]) -> list[str]:
        return [url for url in (self.url(kind, catalogus_id, name) for name in names) if url]

    def current_versions(self, kind: str, catalogus_id: int) -> list[Version]:
        """The picked version of every name of ``kind`` in the catalogus."""
        picked = (
            pick_version(group, self.day) for (cat, _), group in self._groups[kind].items() if cat == catalogus_id
        )
        return [version for version in picked if version]


# --- filters ---------------------------------------------------------------------------------


def concept_clause(column, status: str | None):
    """The ``status`` filter: ``definitief`` (the default), ``concept`` or ``alles``."""
    if status == "alles":
        return None
    if status == "concept":
        return column.is_(True)
    return column.is_(False)


def geldig_op(begin_column, einde_column, day: date):
    return and_(
        or_(begin_column.is_(None), begin_column <= day),
        or_(einde_column.is_(None), einde_column >= day),
    )


def json_contains(column, value: str):
    """Whether a JSON list of strings contains ``value`` (portable across SQLite and PostgreSQL)."""
    escaped = json.dumps(value, ensure_ascii=False).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(column, String).like(f"%{escaped}%", escape="\\")


def ref_uuid(url: str, resource: str) -> uuid.UUID | None:
    """The uuid a filter URL names, or None when it names nothing here (the filter then matches nothing)."""
    ref = urls.resolve(url)
    if ref is None or ref.api != API or ref.resource != resource:
        return None
    return ref.uuid


NO_MATCH = uuid.UUID(int=0)


def _where(statement: Select, *clauses) -> Select:
    for clause in clauses:
        if clause is not None:
            statement = statement.where(clause)
    return statement


def catalogus_statement(params: dict[str, Any]) -> Select:
    statement = select(Catalogus).order_by(Catalogus.id)
    return _where(
        statement,
        Catalogus.domein == params["domein"] if "domein" in params else None,
        Catalogus.domein.in_(params["domein__in"]) if "domein__in" in params else None,
        Catalogus.rsin == params["rsin"] if "rsin" in params else None,
        Catalogus.rsin.in_(params["rsin__in"]) if "rsin__in" in params else None,
    )


def zaaktype_statement(params: dict[str, Any]) -> Select:
    statement = select(ZaakType).order_by(ZaakType.id)
    if "catalogus" in params:
        catalogus = ref_uuid(params["catalogus"], "catalogussen") or NO_MATCH
        statement = statement.where(
            ZaakType.catalogus_id == select(Catalogus.id).where(Catalogus.uuid == catalogus).scalar_subquery()
        )
    for trefwoord in params.get("trefwoorden", []):
        statement = statement.where(json_contains(ZaakType.trefwoorden, trefwoord))
    return _where(
        statement,
        ZaakType.identificatie == params["identificatie"] if "identificatie" in params else None,
        concept_clause(ZaakType.concept, params.get("status")),
        geldig_op(ZaakType.begin_geldigheid, ZaakType.einde_geldigheid, params["datumGeldigheid"])
        if "datumGeldigheid" in params
        else None,
    )


def subtype_statement(model, params: dict[str, Any], *, snake_case: bool = False, with_status: bool = True) -> Select:
    """Filters shared by the sub-types of a zaaktype; resultaattypen spell them in snake_case."""
    identificatie = "zaaktype_identificatie" if snake_case else "zaaktypeIdentificatie"
    datum = "datum_geldigheid" if snake_case else "datumGeldigheid"
    statement = select(model).join(ZaakType, ZaakType.id == model.zaaktype_id).order_by(model.id)
    if "zaaktype" in params:
        statement = statement.where(ZaakType.uuid == (ref_uuid(params["zaaktype"], "zaaktypen") or NO_MATCH))
    return _where(
        statement,
        ZaakType.identificatie == params[identificatie] if identificatie in params else None,
        concept_clause(ZaakType.concept, params.get("status")) if with_status else None,
        geldig_op(ZaakType.begin_geldigheid, ZaakType.einde_geldigheid, params[datum]) if datum in params else None,
    )


def roltype_statement(params: dict[str, Any]) -> Select:
    statement = subtype_statement(RolType, params)
    if "omschrijvingGeneriek" in params:
        statement = statement.where(RolType.omschrijving_generiek == params["omschrijvingGeneriek"])
    return statement


def zaakobjecttype_statement(params: dict[str, Any]) -> Select:
    # The OAS gives zaakobjecttypen no status filter: concepts are listed too.
    statement = subtype_statement(ZaakObjectType, params, with_status=False)
    if "catalogus" in params:
        catalogus = ref_uuid(params["catalogus"], "catalogussen") or NO_MATCH
        statement = statement.where(
            ZaakType.catalogus_id == select(Catalogus.id).where(Catalogus.uuid == catalogus).scalar_subquery()
        )
    return _where(
        statement,
        ZaakObjectType.ander_objecttype.is_(params["anderObjecttype"]) if "anderObjecttype" in params else None,
        ZaakType.begin_geldigheid == params["datumBeginGeldigheid"] if "datumBeginGeldigheid" in params else None,
        ZaakType.einde_geldigheid == params["datumEindeGeldigheid"] if "datumEindeGeldigheid" in params else None,
        ZaakObjectType.objecttype == params["objecttype"] if "objecttype" in params else None,
        ZaakObjectType.relatie_omschrijving == params["relatieOmschrijving"]
        if "relatieOmschrijving" in params
        else None,
    )


def ztiot_statement(params: dict[str, Any]) -> Select:
    statement = subtype_statement(ZaakTypeInformatieObjectType, params)
    if "informatieobjecttype" in params:
        iot_uuid = ref_uuid(params["informatieobjecttype"], "informatieobjecttypen") or NO_MATCH
        iot = select(InformatieObjectType.catalogus_id, InformatieObjectType.omschrijving).where(
            InformatieObjectType.uuid == iot_uuid
        )
        statement = statement.where(
            ZaakType.catalogus_id == iot.with_only_columns(InformatieObjectType.catalogus_id).scalar_subquery(),
            ZaakTypeInformatieObjectType.informatieobjecttype
            == iot.with_only_columns(InformatieObjectType.omschrijving).scalar_subquery(),
        )
    if "richting" in params:
        statement = statement.where(ZaakTypeInformatieObjectType.richting == params["richting"])
    return statement


def _catalogus_filter(model, params: dict[str, Any]):
    if "catalogus" not in params:
        return None
    catalogus = ref_uuid(params["catalogus"], "catalogussen") or NO_MATCH
    return model.catalogus_id == select(Catalogus.id).where(Catalogus.uuid == catalogus).scalar_subquery()


def informatieobjecttype_statement(params: dict[str, Any]) -> Select:
    model = InformatieObjectType
    return _where(
        select(model).order_by(model.id),
        _catalogus_filter(model, params),
        concept_clause(model.concept, params.get("status")),
        model.omschrijving == params["omschrijving"] if "omschrijving" in params else None,
        geldig_op(model.begin_geldigheid, model.einde_geldigheid, params["datumGeldigheid"])
        if "datumGeldigheid" in params
        else None,
    )


def besluittype_statement(params: dict[str, Any]) -> Select:
    model = BesluitType
    statement = _where(
        select(model).order_by(model.id),
        _catalogus_filter(model, params),
        concept_clause(model.concept, params.get("status")),
        model.omschrijving == params["omschrijving"] if "omschrijving" in params else None,
        geldig_op(model.begin_geldigheid, model.einde_geldigheid, params["datumGeldigheid"])
        if "datumGeldigheid" in params
        else None,
    )
    if "zaaktypen" in params:
        zaaktype_uuid = ref_uuid(params["zaaktypen"], "zaaktypen") or NO_MATCH
        # The zaaktype names its besluittypen by omschrijving in its JSON list; match that text.
        statement = statement.where(
            select(ZaakType.id)
            .where(
                ZaakType.uuid == zaaktype_uuid,
                ZaakType.catalogus_id == model.catalogus_id,
                cast(ZaakType.besluittypen, String).like(literal('%"') + model.omschrijving + literal('"%')),
            )
            .exists()
        )
    if "informatieobjecttypen" in params:
        iot_uuid = ref_uuid(params["informatieobjecttypen"], "informatieobjecttypen") or NO_MATCH
        statement = statement.where(
            select(InformatieObjectType.id)
            .where(
                InformatieObjectType.uuid == iot_uuid,
                InformatieObjectType.catalogus_id == model.catalogus_id,
                cast(model.informatieobjecttypen, String).like(
                    literal('%"') + InformatieObjectType.omschrijving + literal('"%')
                ),
            )
            .exists()
        )
    return statement


# --- bodies ----------------------------------------------------------------------------------


def without_day(bodies):
    """Adapts a body builder that needs no reference date to the (session, objs, day) signature."""
    return lambda session, objs, day: bodies(session, objs)


async def _catalogus_uuids(session: AsyncSession, ids: Iterable[int]) -> dict[int, uuid.UUID]:
    ids = set(ids)
    if not ids:
        return {}
    rows = await session.execute(select(Catalogus.id, Catalogus.uuid).where(Catalogus.id.in_(ids)))
    return dict(rows.all())


_CHILDREN = (
    ("statustypen", StatusType, StatusType.volgnummer),
    ("resultaattypen", ResultaatType, ResultaatType.id),
    ("eigenschappen", Eigenschap, Eigenschap.id),
    ("roltypen", RolType, RolType.id),
    ("zaakobjecttypen", ZaakObjectType, ZaakObjectType.id),
)


async def _children(session: AsyncSession, zaaktype_ids: set[int]) -> dict[str, dict[int, list[uuid.UUID]]]:
    """The uuids of every kind of sub-type of the zaaktypen, in order, in one query."""
    children: dict[str, dict[int, list[uuid.UUID]]] = {name: defaultdict(list) for name, _, _ in _CHILDREN}
    if zaaktype_ids:
        parts = [
            select(literal(name).label("kind"), model.zaaktype_id, model.uuid, order.label("position")).where(
                model.zaaktype_id.in_(zaaktype_ids)
            )
            for name, model, order in _CHILDREN
        ]
        rows = await session.execute(union_all(*parts).order_by("kind", "zaaktype_id", "position"))
        for kind, zaaktype_id, child_uuid, _ in rows.all():
            children[kind][zaaktype_id].append(child_uuid)
    return children


async def catalogus_bodies(session: AsyncSession, catalogi: Sequence[Catalogus]) -> list[dict]:
    ids = {c.id for c in catalogi}
    members: dict[tuple[str, int], list[str]] = defaultdict(list)
    if ids:
        for resource, model in (
            ("zaaktypen", ZaakType),
            ("besluittypen", BesluitType),
            ("informatieobjecttypen", InformatieObjectType),
        ):
            rows = await session.execute(
                select(model.catalogus_id, model.uuid).where(model.catalogus_id.in_(ids)).order_by(model.id)
            )
            for catalogus_id, member_uuid in rows.all():
                members[(resource, catalogus_id)].append(url_of(resource, member_uuid))
    return [
        {
            "url": url_of("catalogussen", c.uuid),
            "domein": c.domein,
            "rsin": c.rsin,
            "contactpersoonBeheerNaam": c.contactpersoon_beheer_naam,
            "contactpersoonBeheerTelefoonnummer": c.contactpersoon_beheer_telefoonnummer,
            "contactpersoonBeheerEmailadres": c.contactpersoon_beheer_emailadres,
            "zaaktypen": members[("zaaktypen", c.id)],
            "besluittypen": members[("besluittypen", c.id)],
            "informatieobjecttypen": members[("informatieobjecttypen", c.id)],
            "naam": c.naam,
            "versie": c.versie,
            "begindatumVersie": _iso(c.begindatum_versie),
        }
        for c in catalogi
    ]


async def zaaktype_bodies(session: AsyncSession, zaaktypen: Sequence[ZaakType], day: date) -> list[dict]:
    ids = {z.id for z in zaaktypen}
    catalogus_uuids = await _catalogus_uuids(session, (z.catalogus_id for z in zaaktypen))
    children = await _children(session, ids)
    statustypen, resultaattypen = children["statustypen"], children["resultaattypen"]
    eigenschappen, roltypen = children["eigenschappen"], children["roltypen"]
    zaakobjecttypen = children["zaakobjecttypen"]
    iot_names: dict[int, list[str]] = defaultdict(list)
    if ids:
        rows = await session.execute(
            select(ZaakTypeInformatieObjectType.zaaktype_id, ZaakTypeInformatieObjectType.informatieobjecttype)
            .where(ZaakTypeInformatieObjectType.zaaktype_id.in_(ids))
            .order_by(ZaakTypeInformatieObjectType.volgnummer)
        )
        for zaaktype_id, name in rows.all():
            if name not in iot_names[zaaktype_id]:
                iot_names[zaaktype_id].append(name)
    kinds = ["besluittypen", "informatieobjecttypen"]
    if any(z.deelzaaktypen or z.gerelateerde_zaaktypen for z in zaaktypen):
        kinds.append("zaaktypen")
    index = await TypeIndex(day).load(session, catalogus_uuids, kinds)
    bodies = []
    for z in zaaktypen:
        cat = z.catalogus_id
        bodies.append(
            _without_empty(
                {
                    "url": url_of("zaaktypen", z.uuid),
                    "identificatie": z.identificatie,
                    "omschrijving": z.omschrijving,
                    "omschrijvingGeneriek": z.omschrijving_generiek,
                    "vertrouwelijkheidaanduiding": z.vertrouwelijkheidaanduiding,
                    "doel": z.doel,
                    "aanleiding": z.aanleiding,
                    "toelichting": z.toelichting,
                    "indicatieInternOfExtern": z.indicatie_intern_of_extern,
                    "handelingInitiator": z.handeling_initiator,
                    "onderwerp": z.onderwerp,
                    "handelingBehandelaar": z.handeling_behandelaar,
                    "doorlooptijd": z.doorlooptijd,
                    "servicenorm": z.servicenorm,
                    "opschortingEnAanhoudingMogelijk": z.opschorting_en_aanhouding_mogelijk,
                    "verlengingMogelijk": z.verlenging_mogelijk,
                    "verlengingstermijn": z.verlengingstermijn,
                    "trefwoorden": z.trefwoorden,
                    "publicatieIndicatie": z.publicatie_indicatie,
                    "publicatietekst": z.publicatietekst,
                    "verantwoordingsrelatie": z.verantwoordingsrelatie,
                    "productenOfDiensten": z.producten_of_diensten,
                    "selectielijstProcestype": z.selectielijst_procestype,
                    "referentieproces": _without_empty(
                        {"naam": z.referentieproces_naam, "link": z.referentieproces_link}
                    ),
                    "verantwoordelijke": z.verantwoordelijke,
                    "zaakobjecttypen": [url_of("zaakobjecttypen", u) for u in zaakobjecttypen[z.id]],
                    "broncatalogus": z.broncatalogus,
                    "bronzaaktype": z.bronzaaktype,
                    "catalogus": url_of("catalogussen", catalogus_uuids[cat]),
                    "statustypen": [url_of("statustypen", u) for u in statustypen[z.id]],
                    "resultaattypen": [url_of("resultaattypen", u) for u in resultaattypen[z.id]],
                    "eigenschappen": [url_of("eigenschappen", u) for u in eigenschappen[z.id]],
                    "informatieobjecttypen": index.urls("informatieobjecttypen", cat, iot_names[z.id]),
                    "roltypen": [url_of("roltypen", u) for u in roltypen[z.id]],
                    "besluittypen": index.urls("besluittypen", cat, z.besluittypen),
                    "deelzaaktypen": index.urls("zaaktypen", cat, z.deelzaaktypen) if z.deelzaaktypen else [],
                    "gerelateerdeZaaktypen": [
                        {
                            "zaaktype": index.url("zaaktypen", cat, relatie["zaaktype"]),
                            "aardRelatie": relatie["aardRelatie"],
                            "toelichting": relatie.get("toelichting", ""),
                        }
                        for relatie in z.gerelateerde_zaaktypen
                        if index.url("zaaktypen", cat, relatie["zaaktype"])
                    ],
                    "beginGeldigheid": _iso(z.begin_geldigheid),
                    "eindeGeldigheid": _iso(z.einde_geldigheid),
                    "beginObject": _iso(z.begin_object),
                    "eindeObject": _iso(z.einde_object),
                    "versiedatum": _iso(z.versiedatum),
                    "concept": z.concept,
                },
                ("selectielijstProcestype", "broncatalogus", "bronzaaktype"),
            )
        )
    return bodies


@dataclass(slots=True)
class ParentInfo:
    """What a sub-type's body needs of its zaaktype."""

    uuid: uuid.UUID
    identificatie: str
    catalogus_id: int
    catalogus_uuid: uuid.UUID
    begin: date | None
    einde: date | None
    begin_object: date | None
    einde_object: date | None


async def _parents(session: AsyncSession, zaaktype_ids: Iterable[int]) -> dict[int, ParentInfo]:
    ids = set(zaaktype_ids)
    if not ids:
        return {}
    rows = await session.execute(
        select(
            ZaakType.id,
            ZaakType.uuid,
            ZaakType.identificatie,
            ZaakType.catalogus_id,
            Catalogus.uuid,
            ZaakType.begin_geldigheid,
            ZaakType.einde_geldigheid,
            ZaakType.begin_object,
            ZaakType.einde_object,
        )
        .join(Catalogus, Catalogus.id == ZaakType.catalogus_id)
        .where(ZaakType.id.in_(ids))
    )
    return {row[0]: ParentInfo(*row[1:]) for row in rows.all()}


def _parent_fields(parent: ParentInfo, *, catalogus: bool = True, geldigheid: bool = True) -> dict:
    fields: dict[str, Any] = {
        "zaaktype": url_of("zaaktypen", parent.uuid),
        "zaaktypeIdentificatie": parent.identificatie,
    }
    if catalogus:
        fields["catalogus"] = url_of("catalogussen", parent.catalogus_uuid)
    if geldigheid:
        fields.update(
            beginGeldigheid=_iso(parent.begin),
            eindeGeldigheid=_iso(parent.einde),
            beginObject=_iso(parent.begin_object),
            eindeObject=_iso(parent.einde_object),
        )
    return fields


async def _uuids_by_id(session: AsyncSession, model, ids: Iterable[int | None]) -> dict[int, uuid.UUID]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict((await session.execute(select(model.id, model.uuid).where(model.id.in_(wanted)))).all())


async def statustype_bodies(session: AsyncSession, statustypen: Sequence[StatusType]) -> list[dict]:
    parents = await _parents(session, (s.zaaktype_id for s in statustypen))
    last_volgnummer: dict[int, int] = {}
    eigenschappen: dict[int, list[uuid.UUID]] = defaultdict(list)
    if statustypen:
        rows = await session.execute(
            select(StatusType.zaaktype_id, func.max(StatusType.volgnummer))
            .where(StatusType.zaaktype_id.in_(parents))
            .group_by(StatusType.zaaktype_id)
        )
        last_volgnummer = dict(rows.all())
        rows = await session.execute(
            select(Eigenschap.statustype_id, Eigenschap.uuid)
            .where(Eigenschap.statustype_id.in_([s.id for s in statustypen]))
            .order_by(Eigenschap.id)
        )
        for statustype_id, eigenschap_uuid in rows.all():
            eigenschappen[statustype_id].append(eigenschap_uuid)
    return [
        {
            "url": url_of("statustypen", s.uuid),
            "omschrijving": s.omschrijving,
            "omschrijvingGeneriek": s.omschrijving_generiek,
            "statustekst": s.statustekst,
            **_parent_fields(parents[s.zaaktype_id]),
            "volgnummer": s.volgnummer,
            "isEindstatus": s.volgnummer == last_volgnummer.get(s.zaaktype_id),
            "informeren": s.informeren,
            "doorlooptijd": s.doorlooptijd,
            "toelichting": s.toelichting,
            "checklistitemStatustype": s.checklistitem_statustype,
            "eigenschappen": [url_of("eigenschappen", u) for u in eigenschappen[s.id]],
        }
        for s in statustypen
    ]


async def roltype_bodies(session: AsyncSession, roltypen: Sequence[RolType]) -> list[dict]:
    parents = await _parents(session, (r.zaaktype_id for r in roltypen))
    return [
        {
            "url": url_of("roltypen", r.uuid),
            "omschrijving": r.omschrijving,
            "omschrijvingGeneriek": r.omschrijving_generiek,
            **_parent_fields(parents[r.zaaktype_id]),
        }
        for r in roltypen
    ]


async def resultaattype_bodies(session: AsyncSession, resultaattypen: Sequence[ResultaatType], day: date) -> list[dict]:
    parents = await _parents(session, (r.zaaktype_id for r in resultaattypen))
    index = await TypeIndex(day).load(
        session, {p.catalogus_id for p in parents.values()}, ["besluittypen", "informatieobjecttypen"]
    )
    bodies = []
    for r in resultaattypen:
        parent = parents[r.zaaktype_id]
        bodies.append(
            {
                "url": url_of("resultaattypen", r.uuid),
                **_parent_fields(parent),
                "omschrijving": r.omschrijving,
                "resultaattypeomschrijving": r.resultaattypeomschrijving,
                "omschrijvingGeneriek": r.omschrijving_generiek,
                "selectielijstklasse": r.selectielijstklasse,
                "toelichting": r.toelichting,
                "archiefnominatie": r.archiefnominatie,
                "archiefactietermijn": r.archiefactietermijn,
                "brondatumArchiefprocedure": {
                    "afleidingswijze": r.brondatum_afleidingswijze,
                    "datumkenmerk": r.brondatum_datumkenmerk,
                    "einddatumBekend": r.brondatum_einddatum_bekend,
                    "objecttype": r.brondatum_objecttype,
                    "registratie": r.brondatum_registratie,
                    "procestermijn": r.brondatum_procestermijn,
                },
                "procesobjectaard": r.procesobjectaard,
                "indicatieSpecifiek": r.indicatie_specifiek,
                "procestermijn": r.procestermijn,
                "besluittypen": index.urls("besluittypen", parent.catalogus_id, r.besluittypen),
                "besluittypeOmschrijving": r.besluittypen,
                "informatieobjecttypen": index.urls(
                    "informatieobjecttypen", parent.catalogus_id, r.informatieobjecttypen
                ),
                "informatieobjecttypeOmschrijving": r.informatieobjecttypen,
            }
        )
    return bodies


async def eigenschap_bodies(session: AsyncSession, eigenschappen: Sequence[Eigenschap]) -> list[dict]:
    parents = await _parents(session, (e.zaaktype_id for e in eigenschappen))
    statustypen = await _uuids_by_id(session, StatusType, (e.statustype_id for e in eigenschappen))
    return [
        {
            "url": url_of("eigenschappen", e.uuid),
            "naam": e.naam,
            "definitie": e.definitie,
            "specificatie": {
                "groep": e.specificatie_groep,
                "formaat": e.specificatie_formaat,
                "lengte": e.specificatie_lengte,
                "kardinaliteit": e.specificatie_kardinaliteit,
                "waardenverzameling": e.specificatie_waardenverzameling,
            },
            "toelichting": e.toelichting,
            **_parent_fields(parents[e.zaaktype_id]),
            "statustype": url_of("statustypen", statustypen[e.statustype_id]) if e.statustype_id else None,
        }
        for e in eigenschappen
    ]


async def zaakobjecttype_bodies(session: AsyncSession, zaakobjecttypen: Sequence[ZaakObjectType]) -> list[dict]:
    parents = await _parents(session, (z.zaaktype_id for z in zaakobjecttypen))
    return [
        {
            "url": url_of("zaakobjecttypen", z.uuid),
            "anderObjecttype": z.ander_objecttype,
            **_parent_fields(parents[z.zaaktype_id]),
            "objecttype": z.objecttype,
            "relatieOmschrijving": z.relatie_omschrijving,
            # Catalogi 1.3.1 has no link from statustype or resultaattype to a zaakobjecttype.
            "resultaattypen": [],
            "statustypen": [],
        }
        for z in zaakobjecttypen
    ]


async def ztiot_bodies(session: AsyncSession, ztiots: Sequence[ZaakTypeInformatieObjectType], day: date) -> list[dict]:
    parents = await _parents(session, (z.zaaktype_id for z in ztiots))
    statustypen = await _uuids_by_id(session, StatusType, (z.statustype_id for z in ztiots))
    index = await TypeIndex(day).load(session, {p.catalogus_id for p in parents.values()}, ["informatieobjecttypen"])
    bodies = []
    for z in ztiots:
        parent = parents[z.zaaktype_id]
        bodies.append(
            {
                "url": url_of("zaaktype-informatieobjecttypen", z.uuid),
                **_parent_fields(parent, geldigheid=False),
                "informatieobjecttype": index.url("informatieobjecttypen", parent.catalogus_id, z.informatieobjecttype)
                or z.informatieobjecttype,
                "volgnummer": z.volgnummer,
                "richting": z.richting,
                "statustype": url_of("statustypen", statustypen[z.statustype_id]) if z.statustype_id else None,
            }
        )
    return bodies


async def informatieobjecttype_bodies(
    session: AsyncSession, iots: Sequence[InformatieObjectType], day: date
) -> list[dict]:
    catalogus_uuids = await _catalogus_uuids(session, (i.catalogus_id for i in iots))
    index = await TypeIndex(day).load(session, catalogus_uuids, ["zaaktypen", "besluittypen"])
    # Which zaaktype versions name which informatieobjecttype omschrijvingen.
    zaaktypen_by_name: dict[tuple[int, str], set[int]] = defaultdict(set)
    if iots:
        rows = await session.execute(
            select(ZaakType.catalogus_id, ZaakTypeInformatieObjectType.informatieobjecttype, ZaakType.id)
            .join(ZaakType, ZaakType.id == ZaakTypeInformatieObjectType.zaaktype_id)
            .where(
                ZaakType.catalogus_id.in_(catalogus_uuids),
                ZaakTypeInformatieObjectType.informatieobjecttype.in_({i.omschrijving for i in iots}),
            )
        )
        for catalogus_id, name, zaaktype_id in rows.all():
            zaaktypen_by_name[(catalogus_id, name)].add(zaaktype_id)
    bodies = []
    for i in iots:
        cat = i.catalogus_id
        linked_zaaktypen = zaaktypen_by_name[(cat, i.omschrijving)]
        zaaktype_urls = [
            url_of("zaaktypen", v.uuid) for v in index.current_versions("zaaktypen", cat) if v.id in linked_zaaktypen
        ]
        besluittype_urls = [
            url_of("besluittypen", v.uuid)
            for v in index.current_versions("besluittypen", cat)
            if i.omschrijving in v.links
        ]
        bodies.append(
            {
                "url": url_of("informatieobjecttypen", i.uuid),
                "catalogus": url_of("catalogussen", catalogus_uuids[cat]),
                "omschrijving": i.omschrijving,
                "vertrouwelijkheidaanduiding": i.vertrouwelijkheidaanduiding,
                "beginGeldigheid": _iso(i.begin_geldigheid),
                "eindeGeldigheid": _iso(i.einde_geldigheid),
                "beginObject": _iso(i.begin_object),
                "eindeObject": _iso(i.einde_object),
                "concept": i.concept,
                "zaaktypen": zaaktype_urls,
                "besluittypen": besluittype_urls,
                "informatieobjectcategorie": i.informatieobjectcategorie,
                "trefwoord": i.trefwoord,
                "omschrijvingGeneriek": i.omschrijving_generiek
                or {
                    "informatieobjecttypeOmschrijvingGeneriek": "",
                    "definitieInformatieobjecttypeOmschrijvingGeneriek": "",
                    "herkomstInformatieobjecttypeOmschrijvingGeneriek": "",
                    "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "",
                    "opmerkingInformatieobjecttypeOmschrijvingGeneriek": None,
                },
            }
        )
    return bodies


async def besluittype_bodies(session: AsyncSession, besluittypen: Sequence[BesluitType], day: date) -> list[dict]:
    catalogus_uuids = await _catalogus_uuids(session, (b.catalogus_id for b in besluittypen))
    index = await TypeIndex(day).load(session, catalogus_uuids, ["zaaktypen", "informatieobjecttypen"])
    # Resultaattypen of the current zaaktype versions, with the besluittypen they name.
    resultaattypen: dict[int, list[tuple[uuid.UUID, str, list[str]]]] = defaultdict(list)
    current_zaaktypen = {v.id: v for cat in catalogus_uuids for v in index.current_versions("zaaktypen", cat)}
    if current_zaaktypen:
        rows = await session.execute(
            select(
                ResultaatType.zaaktype_id, ResultaatType.uuid, ResultaatType.omschrijving, ResultaatType.besluittypen
            )
            .where(ResultaatType.zaaktype_id.in_(current_zaaktypen))
            .order_by(ResultaatType.id)
        )
        for zaaktype_id, resultaattype_uuid, omschrijving, names in rows.all():
            resultaattypen[current_zaaktypen[zaaktype_id].catalogus_id].append(
                (resultaattype_uuid, omschrijving, names)
            )
    bodies = []
    for b in besluittypen:
        cat = b.catalogus_id
        linked_resultaattypen = [r for r in resultaattypen[cat] if b.omschrijving and b.omschrijving in r[2]]
        bodies.append(
            {
                "url": url_of("besluittypen", b.uuid),
                "catalogus": url_of("catalogussen", catalogus_uuids[cat]),
                "zaaktypen": [
                    url_of("zaaktypen", v.uuid)
                    for v in index.current_versions("zaaktypen", cat)
                    if b.omschrijving and b.omschrijving in v.links
                ],
                "omschrijving": b.omschrijving,
                "omschrijvingGeneriek": b.omschrijving_generiek,
                "besluitcategorie": b.besluitcategorie,
                "reactietermijn": b.reactietermijn,
                "publicatieIndicatie": b.publicatie_indicatie,
                "publicatietekst": b.publicatietekst,
                "publicatietermijn": b.publicatietermijn,
                "toelichting": b.toelichting,
                "informatieobjecttypen": index.urls("informatieobjecttypen", cat, b.informatieobjecttypen),
                "beginGeldigheid": _iso(b.begin_geldigheid),
                "eindeGeldigheid": _iso(b.einde_geldigheid),
                "beginObject": _iso(b.begin_object),
                "eindeObject": _iso(b.einde_object),
                "concept": b.concept,
                "resultaattypen": [url_of("resultaattypen", r[0]) for r in linked_resultaattypen],
                "resultaattypenOmschrijving": [r[1] for r in linked_resultaattypen],
                "vastgelegdIn": b.informatieobjecttypen,
            }
        )
    return bodies


async def cached_bodies(
    session: AsyncSession, resource: str, model, bodies, uuids: Sequence[uuid.UUID], day: date
) -> list[dict]:
    """Bodies of the given objects in order, from the cache where possible; unknown uuids are left out."""
    prefix = (urls.base_url(), resource, day)

    async def build(keys: list) -> dict:
        objs = (await session.scalars(select(model).where(model.uuid.in_([key[-1] for key in keys])))).all()
        return {(*prefix, obj.uuid): body for obj, body in zip(objs, await bodies(session, objs, day), strict=True)}

    return await body_cache.bodies(session, [(*prefix, u) for u in uuids], build)


async def get_by_uuid(session: AsyncSession, model, uuid_: uuid.UUID):
    obj = await session.scalar(select(model).where(model.uuid == uuid_))
    if obj is None:
        raise NotFound()
    return obj


async def zaaktype_version_on(session: AsyncSession, zaaktype: ZaakType, day: date) -> ZaakType:
    """The version of ``zaaktype`` (same catalogus and identificatie) valid on ``day``."""
    versions = (
        await session.scalars(
            select(ZaakType).where(
                ZaakType.catalogus_id == zaaktype.catalogus_id,
                ZaakType.identificatie == zaaktype.identificatie,
                geldig_op(ZaakType.begin_geldigheid, ZaakType.einde_geldigheid, day),
            )
        )
    ).all()
    if not versions:
        raise NotFound(f"Er is geen versie van dit zaaktype geldig op {day.isoformat()}.")
    published = [v for v in versions if not v.concept] or list(versions)
    return max(published, key=lambda v: (v.begin_geldigheid or date.min, v.id))
