"""The rules of the zaaktypecatalogus: every change of a catalogue goes through here.

Each function validates, writes and queues the notification inside the caller's
transaction. Rules are named after the Catalogi 1.3.1 gedragsregels (ztc-0xx).
"""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import cache, urls
from ..api.auth import AuthContext
from ..api.body import validate
from ..api.errors import InvalidParam, ValidationError
from ..api.remote import RemoteError
from ..notificaties.service import queue_notificatie
from ..referentielijsten import service as selectielijst
from . import queries
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
from .schemas import (
    BesluitTypeIn,
    BrondatumArchiefprocedureIn,
    CatalogusIn,
    EigenschapIn,
    InformatieObjectTypeIn,
    ResultaatTypeIn,
    RolTypeIn,
    StatusTypeIn,
    SubTypeIn,
    ZaakObjectTypeIn,
    ZaakTypeIn,
    ZaakTypeInformatieObjectTypeIn,
)

FORCED_WRITE = "catalogi.geforceerd-schrijven"
FORCED_DELETE = "catalogi.geforceerd-verwijderen"

SINGULAR = {
    "catalogussen": "catalogus",
    "zaaktypen": "zaaktype",
    "statustypen": "statustype",
    "roltypen": "roltype",
    "resultaattypen": "resultaattype",
    "eigenschappen": "eigenschap",
    "zaakobjecttypen": "zaakobjecttype",
    "zaaktype-informatieobjecttypen": "zaaktype-informatieobjecttype",
    "informatieobjecttypen": "informatieobjecttype",
    "besluittypen": "besluittype",
}

# Fields a published type may still change without forced scope (ztc-009).
PUBLISHED_PATCHABLE = {"eindeGeldigheid"}


# --- references ------------------------------------------------------------------------------


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


async def _local(session: AsyncSession, url: str, resource: str, model, field: str):
    """The row a URL of this Catalogi API points at, or a 400 naming ``field``."""
    ref = urls.resolve(url)
    if ref is None:
        raise ValidationError.single(field, "bad-url", f"De URL {url} verwijst niet naar deze Catalogi API.")
    if ref.api != queries.API or ref.resource != resource:
        raise ValidationError.single(
            field, "invalid-resource", f"De URL {url} verwijst niet naar een {SINGULAR[resource]}."
        )
    obj = await session.scalar(select(model).where(model.uuid == ref.uuid))
    if obj is None:
        raise ValidationError.single(field, "does_not_exist", f"Ongeldige hyperlink - object {url} bestaat niet.")
    return obj


_NAMED = {
    "zaaktypen": (ZaakType, "identificatie"),
    "besluittypen": (BesluitType, "omschrijving"),
    "informatieobjecttypen": (InformatieObjectType, "omschrijving"),
}


async def _name(session: AsyncSession, catalogus_id: int, value: str, kind: str, field: str) -> str:
    """The version-independent name of a linked type, given as URL or as name (ztc-011a/b/c, ztc-013)."""
    model, attribute = _NAMED[kind]
    if _is_url(value):
        obj = await _local(session, value, kind, model, field)
        if obj.catalogus_id != catalogus_id:
            raise ValidationError.single(
                field, "relations-incorrect-catalogus", "Het object hoort bij een andere catalogus."
            )
        return getattr(obj, attribute)
    exists = await session.scalar(
        select(model.id).where(model.catalogus_id == catalogus_id, getattr(model, attribute) == value).limit(1)
    )
    if exists is None:
        raise ValidationError.single(
            field, "does_not_exist", f"Er bestaat geen {SINGULAR[kind]} '{value}' in deze catalogus."
        )
    return value


async def _names(
    session: AsyncSession, catalogus_id: int, values: Iterable[str | None], kind: str, field: str
) -> list[str]:
    names: list[str] = []
    for position, value in enumerate(values):
        if value is None:
            continue
        name = await _name(session, catalogus_id, value, kind, f"{field}.{position}")
        if name not in names:
            names.append(name)
    return names


async def _selectielijst(kind: str, url: str, field: str) -> dict[str, Any]:
    try:
        return await selectielijst.lookup(kind, url)
    except RemoteError as exc:
        raise ValidationError.single(field, exc.code, exc.reason) from None


# --- concept rules ---------------------------------------------------------------------------


def _ensure_changeable(obj, auth: AuthContext, changed: set[str] | None) -> None:
    """ztc-009: a published type changes only by correctie (forced scope) or in eindeGeldigheid alone."""
    if obj.concept or auth.has_scope(FORCED_WRITE):
        return
    if changed is not None and changed <= PUBLISHED_PATCHABLE:
        return
    raise ValidationError.single(
        "nonFieldErrors", "non-concept-object", "Het is niet toegestaan om een gepubliceerd object te wijzigen."
    )


def _ensure_deletable(obj, auth: AuthContext) -> None:
    if obj.concept or auth.has_scope(FORCED_DELETE):
        return
    raise ValidationError.single(
        "nonFieldErrors", "non-concept-object", "Het is niet toegestaan om een gepubliceerd object te verwijderen."
    )


def _ensure_zaaktype_concept(zaaktype: ZaakType, auth: AuthContext, forced_scope: str) -> None:
    """ztc-010: sub-types of a published zaaktype are not created, changed or deleted."""
    if zaaktype.concept or auth.has_scope(forced_scope):
        return
    raise ValidationError.single(
        "nonFieldErrors",
        "non-concept-zaaktype",
        "Het zaaktype is gepubliceerd; de onderliggende typen kunnen niet meer gewijzigd worden.",
    )


async def _ensure_no_overlap(session: AsyncSession, model, name_attribute: str, obj) -> None:
    """Versions of one type (same name in a catalogus) may not overlap in geldigheid."""
    name = getattr(obj, name_attribute)
    if not name:
        return
    # Serialise version changes per catalogus, so two concurrent requests cannot both pass.
    # FOR NO KEY UPDATE does not conflict with the key-share lock our own insert holds.
    await session.execute(select(Catalogus.id).where(Catalogus.id == obj.catalogus_id).with_for_update(key_share=True))
    others = (
        await session.execute(
            select(model.begin_geldigheid, model.einde_geldigheid).where(
                model.catalogus_id == obj.catalogus_id,
                getattr(model, name_attribute) == name,
                model.id != obj.id,
            )
        )
    ).all()
    for begin, einde in others:
        if begin <= (obj.einde_geldigheid or date.max) and obj.begin_geldigheid <= (einde or date.max):
            raise ValidationError.single(
                "beginGeldigheid",
                "overlap",
                f"Er bestaat al een versie met {name_attribute} '{name}' in deze catalogus "
                "waarvan de geldigheidsperiode overlapt.",
            )


# --- notifications ---------------------------------------------------------------------------


async def _notify(
    session: AsyncSession,
    kanaal: str,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    actie: str,
    catalogus_id: int,
) -> None:
    # Every change of the catalogue is notified, so this is also where cached bodies expire.
    await cache.bump(session, queries.CACHE_NAME)
    catalogus_uuid = await session.scalar(select(Catalogus.uuid).where(Catalogus.id == catalogus_id))
    queue_notificatie(
        session,
        kanaal=kanaal,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken={"catalogus": queries.url_of("catalogussen", catalogus_uuid)},
    )


async def _notify_main(session: AsyncSession, kanaal: str, resource: str, obj, actie: str) -> None:
    url = queries.url_of(kanaal, obj.uuid)
    await _notify(session, kanaal, url, resource, url, actie, obj.catalogus_id)


# --- validation of bodies --------------------------------------------------------------------


async def _current_body(session: AsyncSession, bodies: Callable[..., Awaitable[list[dict]]], obj) -> dict:
    return (await bodies(session, [obj]))[0]


async def validated_body(
    session: AsyncSession, schema, data: dict, obj=None, bodies: Callable[..., Awaitable[list[dict]]] | None = None
):
    """The request body validated by ``schema``; for a PATCH, merged over the current representation."""
    if obj is not None and bodies is not None:
        data = {**await _current_body(session, bodies, obj), **data}
    return validate(schema, data)


# --- catalogussen ----------------------------------------------------------------------------


async def create_catalogus(session: AsyncSession, data: dict) -> Catalogus:
    body = validate(CatalogusIn, data)
    duplicate = await session.scalar(
        select(Catalogus.id).where(Catalogus.domein == body.domein, Catalogus.rsin == body.rsin)
    )
    if duplicate is not None:
        raise ValidationError.single("nonFieldErrors", "unique", "Er bestaat al een catalogus met dit domein en RSIN.")
    catalogus = Catalogus(**body.model_dump())
    session.add(catalogus)
    await session.flush()
    await cache.bump(session, queries.CACHE_NAME)
    return catalogus


# --- zaaktypen, informatieobjecttypen and besluittypen ---------------------------------------


@dataclass(frozen=True)
class MainKind:
    """A type with its own concept state and versions, published and notified on its own kanaal."""

    kanaal: str  # also the collection name in URLs, e.g. "zaaktypen"
    resource: str  # e.g. "zaaktype"
    model: type
    schema: type
    bodies: Callable[..., Awaitable[list[dict]]]  # (session, objs, day)
    version_name: str  # what versions share: "identificatie" or "omschrijving"
    apply: Callable[..., Awaitable[None]]  # (session, obj, body, catalogus): validate and set the fields


def _actie(is_new: bool, partial: bool) -> str:
    return "create" if is_new else ("partial_update" if partial else "update")


async def save_type(
    session: AsyncSession, auth: AuthContext, kind: MainKind, data: dict, obj=None, *, partial: bool = False
):
    """Create (``obj`` None), replace or patch a zaaktype, informatieobjecttype or besluittype."""
    if obj is not None:
        _ensure_changeable(obj, auth, set(data) if partial else None)
    body = await validated_body(
        session, kind.schema, data, obj if partial else None, lambda s, objs: kind.bodies(s, objs, date.today())
    )
    catalogus = await _local(session, body.catalogus, "catalogussen", Catalogus, "catalogus")
    is_new = obj is None
    if obj is None:
        obj = kind.model(concept=True)
        session.add(obj)
    obj.catalogus_id = catalogus.id
    with session.no_autoflush:
        await kind.apply(session, obj, body, catalogus)
    await session.flush()
    await _ensure_no_overlap(session, kind.model, kind.version_name, obj)
    await _notify_main(session, kind.kanaal, kind.resource, obj, _actie(is_new, partial))
    return obj


async def _apply_zaaktype(session: AsyncSession, zaaktype: ZaakType, body: ZaakTypeIn, catalogus: Catalogus) -> None:
    if body.selectielijst_procestype:
        await _selectielijst(selectielijst.PROCESTYPEN, body.selectielijst_procestype, "selectielijstProcestype")
    zaaktype.besluittypen = await _names(session, catalogus.id, body.besluittypen, "besluittypen", "besluittypen")
    zaaktype.deelzaaktypen = await _names(session, catalogus.id, body.deelzaaktypen, "zaaktypen", "deelzaaktypen")
    gerelateerde = []
    for position, relatie in enumerate(body.gerelateerde_zaaktypen):
        field = f"gerelateerdeZaaktypen.{position}.zaaktype"
        name = await _name(session, catalogus.id, relatie.zaaktype, "zaaktypen", field)
        gerelateerde.append({"zaaktype": name, "aardRelatie": relatie.aard_relatie, "toelichting": relatie.toelichting})
    zaaktype.gerelateerde_zaaktypen = gerelateerde
    linked = {"catalogus", "referentieproces", "besluittypen", "deelzaaktypen", "gerelateerde_zaaktypen"}
    for attribute, value in body.model_dump(exclude=linked | {"broncatalogus", "bronzaaktype"}).items():
        setattr(zaaktype, attribute, value)
    zaaktype.referentieproces_naam = body.referentieproces.naam
    zaaktype.referentieproces_link = body.referentieproces.link
    zaaktype.broncatalogus = body.broncatalogus.model_dump() if body.broncatalogus else None
    zaaktype.bronzaaktype = body.bronzaaktype.model_dump() if body.bronzaaktype else None


async def _apply_informatieobjecttype(
    session: AsyncSession, iot: InformatieObjectType, body: InformatieObjectTypeIn, catalogus: Catalogus
) -> None:
    for attribute, value in body.model_dump(exclude={"catalogus", "omschrijving_generiek"}).items():
        setattr(iot, attribute, value)
    iot.omschrijving_generiek = (
        body.omschrijving_generiek.model_dump(by_alias=True) if body.omschrijving_generiek else None
    )


async def _apply_besluittype(
    session: AsyncSession, besluittype: BesluitType, body: BesluitTypeIn, catalogus: Catalogus
) -> None:
    besluittype.informatieobjecttypen = await _names(
        session, catalogus.id, body.informatieobjecttypen, "informatieobjecttypen", "informatieobjecttypen"
    )
    for attribute, value in body.model_dump(exclude={"catalogus", "informatieobjecttypen"}).items():
        setattr(besluittype, attribute, value)


ZAAKTYPE = MainKind(
    "zaaktypen", "zaaktype", ZaakType, ZaakTypeIn, queries.zaaktype_bodies, "identificatie", _apply_zaaktype
)
INFORMATIEOBJECTTYPE = MainKind(
    "informatieobjecttypen",
    "informatieobjecttype",
    InformatieObjectType,
    InformatieObjectTypeIn,
    queries.informatieobjecttype_bodies,
    "omschrijving",
    _apply_informatieobjecttype,
)
BESLUITTYPE = MainKind(
    "besluittypen",
    "besluittype",
    BesluitType,
    BesluitTypeIn,
    queries.besluittype_bodies,
    "omschrijving",
    _apply_besluittype,
)


async def _ensure_relations_published(session: AsyncSession, zaaktype: ZaakType) -> None:
    """ztc-012: a zaaktype is published only when its besluittypen and informatieobjecttypen are."""
    iot_names = (
        await session.scalars(
            select(ZaakTypeInformatieObjectType.informatieobjecttype).where(
                ZaakTypeInformatieObjectType.zaaktype_id == zaaktype.id
            )
        )
    ).all()
    errors = []
    for model, names, label in (
        (BesluitType, zaaktype.besluittypen, "besluittypen"),
        (InformatieObjectType, set(iot_names), "informatieobjecttypen"),
    ):
        for name in names:
            published = await session.scalar(
                select(model.id)
                .where(
                    model.catalogus_id == zaaktype.catalogus_id, model.omschrijving == name, model.concept.is_(False)
                )
                .limit(1)
            )
            if published is None:
                errors.append(
                    InvalidParam(
                        "nonFieldErrors",
                        "concept-relation",
                        f"Alle {label} moeten gepubliceerd zijn; '{name}' is nog een concept.",
                    )
                )
    if errors:
        raise ValidationError(errors)


async def publish_type(session: AsyncSession, kind: MainKind, obj):
    if kind is ZAAKTYPE:
        await _ensure_relations_published(session, obj)
    obj.concept = False
    await session.flush()
    await _notify_main(session, kind.kanaal, kind.resource, obj, "update")
    return obj


async def delete_type(session: AsyncSession, auth: AuthContext, kind: MainKind, obj) -> None:
    """Delete a type; a zaaktype takes its sub-types with it (the database cascades)."""
    _ensure_deletable(obj, auth)
    await _notify_main(session, kind.kanaal, kind.resource, obj, "destroy")
    await session.delete(obj)
    await session.flush()


# --- sub-types of a zaaktype -----------------------------------------------------------------


@dataclass(frozen=True)
class SubKind:
    resource: str  # collection name in URLs, e.g. "statustypen"
    notification_resource: str  # e.g. "statustype"
    model: type
    schema: type[SubTypeIn] | type[ZaakTypeInformatieObjectTypeIn]
    bodies: Callable[..., Awaitable[list[dict]]]  # (session, objs, day)
    apply: Callable[..., Awaitable[None]]


def _ensure_begin_geldigheid(body, zaaktype: ZaakType) -> None:
    """Sub-types share the geldigheid of their zaaktype; a given beginGeldigheid must match it."""
    begin = getattr(body, "begin_geldigheid", None)
    if begin is not None and begin != zaaktype.begin_geldigheid:
        raise ValidationError.single(
            "beginGeldigheid",
            "geldigheid-mismatch",
            "beginGeldigheid moet gelijk zijn aan de beginGeldigheid van het zaaktype "
            f"({zaaktype.begin_geldigheid.isoformat()}).",
        )


async def _ensure_catalogus(session: AsyncSession, url: str | None, zaaktype: ZaakType) -> None:
    if not url:
        return
    catalogus = await _local(session, url, "catalogussen", Catalogus, "catalogus")
    if catalogus.id != zaaktype.catalogus_id:
        raise ValidationError.single(
            "catalogus", "relations-incorrect-catalogus", "De catalogus moet die van het zaaktype zijn."
        )


async def _same_zaaktype(session: AsyncSession, url: str, resource: str, model, zaaktype: ZaakType, field: str):
    obj = await _local(session, url, resource, model, field)
    if obj.zaaktype_id != zaaktype.id:
        raise ValidationError.single(
            field, "zaaktype-mismatch", f"Het {SINGULAR[resource]} hoort bij een ander zaaktype."
        )
    return obj


async def _ensure_unique(session: AsyncSession, model, obj, zaaktype: ZaakType, **values) -> None:
    clauses = [getattr(model, name) == value for name, value in values.items()]
    statement = select(model.id).where(model.zaaktype_id == zaaktype.id, *clauses)
    if obj.id is not None:
        statement = statement.where(model.id != obj.id)
    if await session.scalar(statement.limit(1)) is not None:
        names = ", ".join(values)
        raise ValidationError.single("nonFieldErrors", "unique", f"De velden zaaktype, {names} moeten uniek zijn.")


async def _apply_statustype(session: AsyncSession, obj: StatusType, body: StatusTypeIn, zaaktype: ZaakType) -> None:
    await _ensure_unique(session, StatusType, obj, zaaktype, volgnummer=body.volgnummer)
    eigenschappen = [
        await _same_zaaktype(session, url, "eigenschappen", Eigenschap, zaaktype, f"eigenschappen.{i}")
        for i, url in enumerate(body.eigenschappen)
        if url
    ]
    for attribute, value in body.model_dump(exclude={"zaaktype", "begin_geldigheid", "eigenschappen"}).items():
        setattr(obj, attribute, value)
    obj.checklistitem_statustype = [item.model_dump(by_alias=True) for item in body.checklistitem_statustype]
    await session.flush()
    # StatusType.eigenschappen is the other side of Eigenschap.statustype: keep one truth.
    linked = (await session.scalars(select(Eigenschap).where(Eigenschap.statustype_id == obj.id))).all()
    for eigenschap in linked:
        if eigenschap not in eigenschappen:
            eigenschap.statustype_id = None
    for eigenschap in eigenschappen:
        eigenschap.statustype_id = obj.id


async def _apply_roltype(session: AsyncSession, obj: RolType, body: RolTypeIn, zaaktype: ZaakType) -> None:
    await _ensure_catalogus(session, body.catalogus, zaaktype)
    obj.omschrijving = body.omschrijving
    obj.omschrijving_generiek = body.omschrijving_generiek


def _brondatum_errors(body: ResultaatTypeIn, procestermijn: str) -> list[InvalidParam]:
    """ztc-003 .. ztc-008: which brondatumArchiefprocedure fields each afleidingswijze requires."""
    brondatum = body.brondatum_archiefprocedure
    wijze = brondatum.afleidingswijze
    prefix = "brondatumArchiefprocedure"
    errors = []
    required_wijze = {"nihil": "afgehandeld", "ingeschatte_bestaansduur_procesobject": "termijn"}.get(procestermijn)
    if required_wijze and wijze != required_wijze:
        errors.append(
            InvalidParam(
                f"{prefix}.afleidingswijze",
                "invalid-afleidingswijze-for-procestermijn",
                f"Bij procestermijn '{procestermijn}' van de selectielijstklasse moet de afleidingswijze "
                f"'{required_wijze}' zijn.",
            )
        )
    rules = (
        ("datumkenmerk", brondatum.datumkenmerk, {"eigenschap", "zaakobject", "ander_datumkenmerk"}),
        ("objecttype", brondatum.objecttype, {"zaakobject", "ander_datumkenmerk"}),
        ("registratie", brondatum.registratie, {"ander_datumkenmerk"}),
        ("procestermijn", brondatum.procestermijn, {"termijn"}),
    )
    for name, value, required_for in rules:
        if wijze in required_for and not value:
            errors.append(
                InvalidParam(f"{prefix}.{name}", "required", f"{name} is vereist bij afleidingswijze '{wijze}'.")
            )
        elif wijze not in required_for and value:
            errors.append(
                InvalidParam(
                    f"{prefix}.{name}", "must-be-empty", f"{name} moet leeg zijn bij afleidingswijze '{wijze}'."
                )
            )
    if wijze in ("afgehandeld", "termijn") and brondatum.einddatum_bekend:
        errors.append(
            InvalidParam(
                f"{prefix}.einddatumBekend",
                "must-be-empty",
                f"einddatumBekend moet leeg zijn bij afleidingswijze '{wijze}'.",
            )
        )
    return errors


async def _apply_resultaattype(
    session: AsyncSession, obj: ResultaatType, body: ResultaatTypeIn, zaaktype: ZaakType
) -> None:
    await _ensure_catalogus(session, body.catalogus, zaaktype)
    await _ensure_unique(session, ResultaatType, obj, zaaktype, omschrijving=body.omschrijving)
    # ztc-002: the generic omschrijving comes from the referentielijst ...
    omschrijving = await _selectielijst(
        selectielijst.RESULTAATTYPEOMSCHRIJVINGEN, body.resultaattypeomschrijving, "resultaattypeomschrijving"
    )
    # ... and the selectielijstklasse must belong to the zaaktype's procestype.
    klasse = await _selectielijst(selectielijst.RESULTATEN, body.selectielijstklasse, "selectielijstklasse")
    if not zaaktype.selectielijst_procestype or klasse["procesType"] != zaaktype.selectielijst_procestype:
        raise ValidationError.single(
            "selectielijstklasse",
            "procestype-mismatch",
            "De selectielijstklasse hoort niet bij het selectielijstProcestype van het zaaktype.",
        )
    if body.brondatum_archiefprocedure is None:
        # Not given: the brondatum is the day the zaak is closed, the common case.
        body.brondatum_archiefprocedure = BrondatumArchiefprocedureIn(afleidingswijze="afgehandeld")
    errors = _brondatum_errors(body, klasse.get("procestermijn") or "")
    if errors:
        raise ValidationError(errors)
    besluittypen = await _names(session, zaaktype.catalogus_id, body.besluittypen, "besluittypen", "besluittypen")
    informatieobjecttypen = await _names(
        session, zaaktype.catalogus_id, body.informatieobjecttypen, "informatieobjecttypen", "informatieobjecttypen"
    )
    brondatum = body.brondatum_archiefprocedure
    obj.omschrijving = body.omschrijving
    obj.resultaattypeomschrijving = body.resultaattypeomschrijving
    obj.omschrijving_generiek = omschrijving["omschrijving"]
    obj.selectielijstklasse = body.selectielijstklasse
    obj.toelichting = body.toelichting
    obj.archiefnominatie = body.archiefnominatie or klasse.get("waardering") or ""
    obj.archiefactietermijn = body.archiefactietermijn or klasse.get("bewaartermijn")
    obj.brondatum_afleidingswijze = brondatum.afleidingswijze
    obj.brondatum_datumkenmerk = brondatum.datumkenmerk
    obj.brondatum_einddatum_bekend = brondatum.einddatum_bekend
    obj.brondatum_objecttype = brondatum.objecttype
    obj.brondatum_registratie = brondatum.registratie
    obj.brondatum_procestermijn = brondatum.procestermijn
    obj.procesobjectaard = body.procesobjectaard
    obj.indicatie_specifiek = body.indicatie_specifiek
    obj.procestermijn = body.procestermijn
    obj.besluittypen = besluittypen
    obj.informatieobjecttypen = informatieobjecttypen


async def _apply_eigenschap(session: AsyncSession, obj: Eigenschap, body: EigenschapIn, zaaktype: ZaakType) -> None:
    await _ensure_unique(session, Eigenschap, obj, zaaktype, naam=body.naam)
    statustype = (
        await _same_zaaktype(session, body.statustype, "statustypen", StatusType, zaaktype, "statustype")
        if body.statustype
        else None
    )
    obj.naam = body.naam
    obj.definitie = body.definitie
    obj.toelichting = body.toelichting
    obj.specificatie_groep = body.specificatie.groep
    obj.specificatie_formaat = body.specificatie.formaat
    obj.specificatie_lengte = body.specificatie.lengte
    obj.specificatie_kardinaliteit = body.specificatie.kardinaliteit
    obj.specificatie_waardenverzameling = body.specificatie.waardenverzameling
    obj.statustype_id = statustype.id if statustype else None


async def _apply_zaakobjecttype(
    session: AsyncSession, obj: ZaakObjectType, body: ZaakObjectTypeIn, zaaktype: ZaakType
) -> None:
    await _ensure_catalogus(session, body.catalogus, zaaktype)
    obj.ander_objecttype = body.ander_objecttype
    obj.objecttype = body.objecttype
    obj.relatie_omschrijving = body.relatie_omschrijving


async def _apply_ztiot(
    session: AsyncSession, obj: ZaakTypeInformatieObjectType, body: ZaakTypeInformatieObjectTypeIn, zaaktype: ZaakType
) -> None:
    await _ensure_unique(
        session, ZaakTypeInformatieObjectType, obj, zaaktype, volgnummer=body.volgnummer, richting=body.richting
    )
    name = await _name(
        session, zaaktype.catalogus_id, body.informatieobjecttype, "informatieobjecttypen", "informatieobjecttype"
    )
    statustype = (
        await _same_zaaktype(session, body.statustype, "statustypen", StatusType, zaaktype, "statustype")
        if body.statustype
        else None
    )
    obj.informatieobjecttype = name
    obj.volgnummer = body.volgnummer
    obj.richting = body.richting
    obj.statustype_id = statustype.id if statustype else None


SUBKINDS = {
    kind.resource: kind
    for kind in (
        SubKind(
            "statustypen",
            "statustype",
            StatusType,
            StatusTypeIn,
            queries.without_day(queries.statustype_bodies),
            _apply_statustype,
        ),
        SubKind("roltypen", "roltype", RolType, RolTypeIn, queries.without_day(queries.roltype_bodies), _apply_roltype),
        SubKind(
            "resultaattypen",
            "resultaattype",
            ResultaatType,
            ResultaatTypeIn,
            queries.resultaattype_bodies,
            _apply_resultaattype,
        ),
        SubKind(
            "eigenschappen",
            "eigenschap",
            Eigenschap,
            EigenschapIn,
            queries.without_day(queries.eigenschap_bodies),
            _apply_eigenschap,
        ),
        SubKind(
            "zaakobjecttypen",
            "zaakobjecttype",
            ZaakObjectType,
            ZaakObjectTypeIn,
            queries.without_day(queries.zaakobjecttype_bodies),
            _apply_zaakobjecttype,
        ),
        SubKind(
            "zaaktype-informatieobjecttypen",
            "zaaktypeinformatieobjecttype",
            ZaakTypeInformatieObjectType,
            ZaakTypeInformatieObjectTypeIn,
            queries.ztiot_bodies,
            _apply_ztiot,
        ),
    )
}


async def _ensure_subtype_changeable(
    session: AsyncSession, kind: SubKind, obj, zaaktype: ZaakType, auth: AuthContext, forced_scope: str
) -> None:
    if kind.model is ZaakTypeInformatieObjectType:
        # ztc-010: for this relation the rule holds only when both ends are published.
        if zaaktype.concept or auth.has_scope(forced_scope):
            return
        published_iot = await session.scalar(
            select(InformatieObjectType.id)
            .where(
                InformatieObjectType.catalogus_id == zaaktype.catalogus_id,
                InformatieObjectType.omschrijving == obj.informatieobjecttype,
                InformatieObjectType.concept.is_(False),
            )
            .limit(1)
        )
        if published_iot is None:
            return
    _ensure_zaaktype_concept(zaaktype, auth, forced_scope)


async def save_subtype(
    session: AsyncSession, auth: AuthContext, kind: SubKind, data: dict, obj=None, *, partial: bool = False
):
    body = await validated_body(
        session, kind.schema, data, obj if partial else None, lambda s, objs: kind.bodies(s, objs, date.today())
    )
    zaaktype = await _local(session, body.zaaktype, "zaaktypen", ZaakType, "zaaktype")
    if obj is not None:
        old_zaaktype = await session.get(ZaakType, obj.zaaktype_id)
        await _ensure_subtype_changeable(session, kind, obj, old_zaaktype, auth, FORCED_WRITE)
    _ensure_begin_geldigheid(body, zaaktype)
    is_new = obj is None
    if obj is None:
        obj = kind.model()
        session.add(obj)
    obj.zaaktype_id = zaaktype.id
    with session.no_autoflush:
        await kind.apply(session, obj, body, zaaktype)
    await _ensure_subtype_changeable(session, kind, obj, zaaktype, auth, FORCED_WRITE)
    await session.flush()
    await _notify_subtype(session, kind, obj, zaaktype, _actie(is_new, partial))
    return obj


async def delete_subtype(session: AsyncSession, auth: AuthContext, kind: SubKind, obj) -> None:
    zaaktype = await session.get(ZaakType, obj.zaaktype_id)
    await _ensure_subtype_changeable(session, kind, obj, zaaktype, auth, FORCED_DELETE)
    await _notify_subtype(session, kind, obj, zaaktype, "destroy")
    await session.delete(obj)
    await session.flush()


async def _notify_subtype(session: AsyncSession, kind: SubKind, obj, zaaktype: ZaakType, actie: str) -> None:
    """A change of a sub-type changes its zaaktype: it is announced on the zaaktypen kanaal."""
    await _notify(
        session,
        "zaaktypen",
        queries.url_of("zaaktypen", zaaktype.uuid),
        kind.notification_resource,
        queries.url_of(kind.resource, obj.uuid),
        actie,
        zaaktype.catalogus_id,
    )
