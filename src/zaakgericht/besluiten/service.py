"""Changes to besluiten and their besluitinformatieobjecten: validation, mirrors, audit trail, notifications.

Every change goes through here, validated, written, mirrored in the Zaken API
(zaakbesluit, brc-006) and the Documenten API (objectinformatieobject, brc-005)
through ``koppelingen``, recorded in the besluit's audit trail and queued as a
notification on the ``besluiten`` kanaal, all in one transaction. Rules are named
after the Besluiten 1.0.2 gedragsregels (brc-0xx).
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import audit, identificatie, urls
from ..api.auth import AuthContext
from ..api.body import validate
from ..api.errors import InvalidParam, PermissionDenied, ValidationError
from ..api.moments import TIMEZONE
from ..api.remote import RemoteError, fetch_json
from ..catalogi.models import BesluitType, InformatieObjectType, ZaakType
from ..koppelingen import service as koppelingen
from ..koppelingen.service import InformatieObjectFacts
from ..notificaties.service import queue_notificatie
from ..zaken.ref import ZaakRef, local_object, zaak_from_url
from . import queries
from .models import Besluit, BesluitInformatieObject
from .schemas import BesluitIn, BesluitInformatieObjectIn

AANMAKEN = "besluiten.aanmaken"
BIJWERKEN = "besluiten.bijwerken"
VERWIJDEREN = "besluiten.verwijderen"


# --- who may, and what is recorded -----------------------------------------------------------


def ensure_allowed(auth: AuthContext, besluittype: BesluitType, scope: str) -> None:
    """403 unless ``scope`` is granted for this besluittype."""
    if not auth.allows("brc", (scope,), queries.besluittype_url(besluittype.uuid)):
        raise PermissionDenied("Niet de juiste autorisaties beschikbaar voor dit besluittype.")


def record(
    session: AsyncSession,
    auth: AuthContext,
    besluit: Besluit,
    besluittype: BesluitType,
    *,
    resource: str,
    resource_url: str,
    actie: str,
    oud: dict | None,
    nieuw: dict | None,
    weergave: str,
) -> None:
    """The audit trail entry and the notification of a change of a besluit or one of its parts."""
    besluit_url = queries.url_of("besluiten", besluit.uuid)
    audit.record(
        session,
        auth,
        bron="brc",
        actie=actie,
        hoofd_object_uuid=besluit.uuid,
        hoofd_object=besluit_url,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=weergave,
        oud=oud,
        nieuw=nieuw,
    )
    notify_change(session, besluit, besluittype, resource, resource_url, actie)


def notify_change(
    session: AsyncSession, besluit: Besluit, besluittype: BesluitType, resource: str, resource_url: str, actie: str
) -> None:
    queue_notificatie(
        session,
        kanaal="besluiten",
        hoofd_object=queries.url_of("besluiten", besluit.uuid),
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken={
            "verantwoordelijke_organisatie": besluit.verantwoordelijke_organisatie,
            "besluittype": queries.besluittype_url(besluittype.uuid),
        },
    )


def today() -> date:
    return datetime.now(TIMEZONE).date()


# --- the zaak of a besluit (brc-006, brc-007) ------------------------------------------------


@dataclass(slots=True)
class ZaakLink:
    """The zaak a besluit is the outcome of: one of our Zaken API (``ref``) or another installation's."""

    url: str
    zaaktype_url: str
    ref: ZaakRef | None = None


async def _zaak_link(session: AsyncSession, url: str) -> ZaakLink:
    """Our zaak by its row; a zaak of another installation must answer 200 with the shape of a zaak."""
    if urls.is_local(url):
        ref = await zaak_from_url(session, url, "zaak")
        return ZaakLink(ref.url, ref.zaaktype_url, ref)
    data = await _fetch(url, "zaak")
    if not isinstance(data, dict) or not all(isinstance(data.get(key), str) for key in ("url", "zaaktype")):
        raise ValidationError.single("zaak", "invalid-resource", f"De URL {url} verwijst niet naar een zaak.")
    return ZaakLink(url, data["zaaktype"])


async def _fetch(url: str, field: str):
    try:
        return await fetch_json(url)
    except RemoteError as exc:
        raise ValidationError.single(field, exc.code, exc.reason) from None


async def _zaaktype_allows(session: AsyncSession, zaaktype_url: str, besluittype: BesluitType) -> bool:
    """brc-007: whether the zaaktype names this besluittype (ours by omschrijving, another's by URL)."""
    zaaktype_uuid = queries.local_uuid(zaaktype_url, "catalogi", "zaaktypen")
    if zaaktype_uuid is not None:
        zaaktype = await session.scalar(select(ZaakType).where(ZaakType.uuid == zaaktype_uuid))
        return (
            zaaktype is not None
            and zaaktype.catalogus_id == besluittype.catalogus_id
            and besluittype.omschrijving in zaaktype.besluittypen
        )
    data = await _fetch(zaaktype_url, "zaak")
    besluittypen = data.get("besluittypen") if isinstance(data, dict) else None
    return isinstance(besluittypen, list) and queries.besluittype_url(besluittype.uuid) in besluittypen


async def _checked_zaak(session: AsyncSession, url: str | None, besluittype: BesluitType) -> ZaakLink | None:
    if url is None:
        return None
    link = await _zaak_link(session, url)
    if not await _zaaktype_allows(session, link.zaaktype_url, besluittype):
        raise ValidationError.single(
            "nonFieldErrors", "zaaktype-mismatch", "Het besluittype hoort niet bij het zaaktype van de zaak."
        )
    return link


# --- besluiten -------------------------------------------------------------------------------


async def _besluittype(session: AsyncSession, url: str) -> BesluitType:
    """brc-001: a published besluittype of this catalogue."""
    besluittype = await local_object(session, url, "besluittypen", BesluitType, "besluittype", api="catalogi")
    if besluittype.concept:
        raise ValidationError.single("besluittype", "not-published", "Het besluittype is nog niet gepubliceerd.")
    return besluittype


def _date_errors(body: BesluitIn) -> list[InvalidParam]:
    if body.datum > today():
        return [InvalidParam("datum", "future_not_allowed", "De beslisdatum mag niet in de toekomst liggen.")]
    return []


async def _identificatie(session: AsyncSession, body: BesluitIn) -> str:
    """brc-002: the client's identificatie, unique within the verantwoordelijke organisatie, or a generated one."""

    async def taken(value: str) -> bool:
        return await identificatie.is_taken(
            session,
            Besluit.identificatie,
            Besluit.verantwoordelijke_organisatie,
            body.verantwoordelijke_organisatie,
            value,
        )

    if body.identificatie:
        if await taken(body.identificatie):
            raise ValidationError.single(
                "identificatie",
                "identificatie-niet-uniek",
                "Deze identificatie bestaat al voor deze verantwoordelijke organisatie.",
            )
        return body.identificatie
    return await identificatie.generate(session, "besluit", body.verantwoordelijke_organisatie, "BESLUIT", taken)


def _apply(besluit: Besluit, body: BesluitIn) -> None:
    besluit.datum = body.datum
    besluit.toelichting = body.toelichting
    besluit.bestuursorgaan = body.bestuursorgaan
    besluit.ingangsdatum = body.ingangsdatum
    besluit.vervaldatum = body.vervaldatum
    besluit.vervalreden = body.vervalreden or ""
    besluit.publicatiedatum = body.publicatiedatum
    besluit.verzenddatum = body.verzenddatum
    besluit.uiterlijke_reactiedatum = body.uiterlijke_reactiedatum


async def create_besluit(session: AsyncSession, auth: AuthContext, data: dict) -> Besluit:
    body = validate(BesluitIn, data)
    besluittype = await _besluittype(session, body.besluittype)
    ensure_allowed(auth, besluittype, AANMAKEN)
    if errors := _date_errors(body):
        raise ValidationError(errors)
    zaak = await _checked_zaak(session, body.zaak, besluittype)
    besluit = Besluit(
        besluittype_id=besluittype.id,
        verantwoordelijke_organisatie=body.verantwoordelijke_organisatie,
        identificatie=await _identificatie(session, body),
        zaak_id=zaak.ref.zaak.id if zaak and zaak.ref else None,
        zaak_url=zaak.url if zaak and not zaak.ref else "",
    )
    _apply(besluit, body)
    session.add(besluit)
    await session.flush()
    besluit_url = queries.url_of("besluiten", besluit.uuid)
    # brc-006: a zaak of another installation gets no zaakbesluit (we hold no credentials for its Zaken API).
    if zaak is not None and zaak.ref is not None:
        await koppelingen.link_besluit(session, auth, zaak.ref, besluit_url)
    record(
        session,
        auth,
        besluit,
        besluittype,
        resource="besluit",
        resource_url=besluit_url,
        actie="create",
        oud=None,
        nieuw=await queries.besluit_body(session, besluit),
        weergave=besluit.identificatie,
    )
    return besluit


def _same_zaak(old: str | None, new: str | None) -> bool:
    if not old or not new:
        return not old and not new
    old_uuid = queries.local_uuid(old, "zaken", "zaken")
    new_uuid = queries.local_uuid(new, "zaken", "zaken")
    if old_uuid or new_uuid:
        return old_uuid == new_uuid
    return old == new


def _immutable_errors(besluit: Besluit, besluittype: BesluitType, current: dict, body: BesluitIn) -> list[InvalidParam]:
    """brc-001, brc-002, brc-006: besluittype, identificatie, verantwoordelijkeOrganisatie and zaak stay as created."""
    changed = []
    if queries.local_uuid(body.besluittype, "catalogi", "besluittypen") != besluittype.uuid:
        changed.append(("besluittype", "Het besluittype"))
    if body.identificatie and body.identificatie != besluit.identificatie:
        changed.append(("identificatie", "De identificatie"))
    if body.verantwoordelijke_organisatie != besluit.verantwoordelijke_organisatie:
        changed.append(("verantwoordelijkeOrganisatie", "De verantwoordelijke organisatie"))
    if not _same_zaak(current.get("zaak"), body.zaak):
        changed.append(("zaak", "De zaak"))
    return [
        InvalidParam(name, "wijzigen-niet-toegelaten", f"{what} van een besluit kan niet worden gewijzigd.")
        for name, what in changed
    ]


async def update_besluit(
    session: AsyncSession, auth: AuthContext, besluit: Besluit, data: dict, *, partial: bool
) -> Besluit:
    besluittype = await session.get_one(BesluitType, besluit.besluittype_id)
    ensure_allowed(auth, besluittype, BIJWERKEN)
    current = await queries.besluit_body(session, besluit)
    body = validate(BesluitIn, {**current, **data} if partial else data)
    if errors := _immutable_errors(besluit, besluittype, current, body) + _date_errors(body):
        raise ValidationError(errors)
    # The zaak stays the one checked and mirrored when the besluit was made (brc-006).
    _apply(besluit, body)
    await session.flush()
    record(
        session,
        auth,
        besluit,
        besluittype,
        resource="besluit",
        resource_url=current["url"],
        actie=audit.actie_of(partial),
        oud=current,
        nieuw=await queries.besluit_body(session, besluit),
        weergave=besluit.identificatie,
    )
    return besluit


async def delete_besluit(session: AsyncSession, auth: AuthContext, besluit: Besluit) -> None:
    """brc-009: the besluit goes with its besluitinformatieobjecten (and their mirrors), its zaakbesluit
    and its audit trail; nothing is kept hidden."""
    besluittype = await session.get_one(BesluitType, besluit.besluittype_id)
    ensure_allowed(auth, besluittype, VERWIJDEREN)
    besluit_url = queries.url_of("besluiten", besluit.uuid)
    await koppelingen.remove_besluit(session, auth, besluit)
    await audit.delete_trail(session, "brc", besluit.uuid)
    notify_change(session, besluit, besluittype, "besluit", besluit_url, "destroy")
    await session.delete(besluit)
    await session.flush()


# --- besluitinformatieobjecten ---------------------------------------------------------------


async def _informatieobjecttype_allowed(session: AsyncSession, informatieobjecttype_url: str, besluittype) -> bool:
    """brc-008: the document's informatieobjecttype is one the besluittype names (by omschrijving)."""
    uuid_ = queries.local_uuid(informatieobjecttype_url, "catalogi", "informatieobjecttypen")
    if uuid_ is None:
        return False
    informatieobjecttype = await session.scalar(select(InformatieObjectType).where(InformatieObjectType.uuid == uuid_))
    return (
        informatieobjecttype is not None
        and informatieobjecttype.catalogus_id == besluittype.catalogus_id
        and informatieobjecttype.omschrijving in besluittype.informatieobjecttypen
    )


async def _check_informatieobject(session: AsyncSession, url: str, besluittype: BesluitType) -> InformatieObjectFacts:
    """brc-003 and brc-008: the document exists (its facts) and its type belongs to the besluittype."""
    facts = (await koppelingen.informatieobject_facts(session, [url])).get(url)
    if facts is None:
        raise ValidationError.single("informatieobject", "bad-url", f"Het informatieobject {url} bestaat niet.")
    if not await _informatieobjecttype_allowed(session, facts.informatieobjecttype_url, besluittype):
        raise ValidationError.single(
            "nonFieldErrors",
            "missing-besluittype-informatieobjecttype-relation",
            "Het informatieobjecttype van het informatieobject hoort niet bij het besluittype van het besluit.",
        )
    return facts


async def create_besluitinformatieobject(
    session: AsyncSession, auth: AuthContext, data: dict
) -> BesluitInformatieObject:
    body = validate(BesluitInformatieObjectIn, data)
    besluit = await local_object(session, body.besluit, "besluiten", Besluit, "besluit", api=queries.API)
    besluittype = await session.get_one(BesluitType, besluit.besluittype_id)
    ensure_allowed(auth, besluittype, AANMAKEN)
    duplicate = exists().where(
        BesluitInformatieObject.besluit_id == besluit.id,
        BesluitInformatieObject.informatieobject == body.informatieobject,
    )
    if await session.scalar(select(duplicate)):
        raise ValidationError.single(
            "nonFieldErrors", "unique", "Dit informatieobject is al aan dit besluit gekoppeld."
        )
    document = await _check_informatieobject(session, body.informatieobject, besluittype)
    relation = BesluitInformatieObject(besluit_id=besluit.id, informatieobject=body.informatieobject)
    # brc-005: written with its objectinformatieobject in our Documenten API.
    await koppelingen.add_besluitinformatieobject(
        session, relation, queries.url_of("besluiten", besluit.uuid), document
    )
    nieuw = await queries.besluitinformatieobject_body(session, relation)
    record(
        session,
        auth,
        besluit,
        besluittype,
        resource="besluitinformatieobject",
        resource_url=nieuw["url"],
        actie="create",
        oud=None,
        nieuw=nieuw,
        weergave=_weergave(besluit, relation),
    )
    return relation


def _weergave(besluit: Besluit, relation: BesluitInformatieObject) -> str:
    return f"{besluit.identificatie} - {relation.informatieobject}"


async def delete_besluitinformatieobject(
    session: AsyncSession, auth: AuthContext, relation: BesluitInformatieObject
) -> None:
    besluit = await session.get_one(Besluit, relation.besluit_id)
    besluittype = await session.get_one(BesluitType, besluit.besluittype_id)
    ensure_allowed(auth, besluittype, VERWIJDEREN)
    oud = await queries.besluitinformatieobject_body(session, relation)
    # brc-005: the mirror goes too, after the relation, so the Documenten API sees it gone.
    await koppelingen.remove_besluitinformatieobject(session, relation, oud["besluit"])
    record(
        session,
        auth,
        besluit,
        besluittype,
        resource="besluitinformatieobject",
        resource_url=oud["url"],
        actie="destroy",
        oud=oud,
        nieuw=None,
        weergave=_weergave(besluit, relation),
    )
