"""Changes to and bodies of the parts of a zaak: rollen, zaakobjecten, zaakeigenschappen,
zaakinformatieobjecten, klantcontacten, zaakbesluiten, zaakcontactmomenten and zaakverzoeken.

Every write is validated against the zaak's zaaktype, authorised through the zaak
(zrc-006, zrc-007), written, and recorded in the zaak's audit trail with its notification
(where the standard names one) in the caller's transaction. Bodies are built in bulk: one
query (two for rollen) for any number of rows.
"""

import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from jsonschema import SchemaError
from jsonschema.validators import validator_for
from referencing.exceptions import Unresolvable
from sqlalchemy import Select, and_, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import audit, identificatie, moments, urls
from ..api.auth import AuthContext
from ..api.body import validate
from ..api.errors import InvalidParam, ValidationError
from ..api.remote import RemoteError, fetch_json
from ..besluiten.models import Besluit
from ..catalogi.models import (
    Eigenschap,
    InformatieObjectType,
    RolType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from ..koppelingen import service as koppelingen
from ..koppelingen.service import InformatieObjectFacts
from ..signalen import service as signalen
from ..zoeken import index as zoekindex
from . import queries, service
from .models import (
    KlantContact,
    Rol,
    Status,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakVerzoek,
)
from .parts_schemas import (
    KlantContactIn,
    RolIn,
    ZaakBesluitIn,
    ZaakContactMomentIn,
    ZaakEigenschapIn,
    ZaakInformatieObjectIn,
    ZaakObjectIn,
    ZaakVerzoekIn,
    checked_identificatie,
    identificatie_shape,
)
from .service import AANMAKEN, BIJWERKEN, VERWIJDEREN, ZaakRef

Ids = Sequence[int] | Select

# The resources and actions the standard notifies (zaken-1.5.1-notificaties); every other
# change is only written to the audit trail. (``koppelingen`` records the zaakbesluiten.)
NOTIFIED = {
    "rol": {"create", "destroy"},
    "zaakobject": {"create", "update", "partial_update", "destroy"},
    "zaakinformatieobject": {"create"},
    "zaakeigenschap": {"create", "update", "partial_update", "destroy"},
    "klantcontact": {"create"},
    "zaakcontactmoment": {"create"},
    "zaakverzoek": {"create"},
}

AARD_RELATIE_WEERGAVE = "Hoort bij, omgekeerd: kent"


def _record(
    session: AsyncSession,
    auth: AuthContext,
    ref: ZaakRef,
    resource: str,
    actie: str,
    oud: dict | None,
    nieuw: dict | None,
    weergave: str,
) -> None:
    service.record(
        session,
        auth,
        ref,
        resource=resource,
        resource_url=(nieuw or oud)["url"],
        actie=actie,
        oud=oud,
        nieuw=nieuw,
        weergave=weergave,
        notify=actie in NOTIFIED[resource],
    )


async def _zaak_ref(session: AsyncSession, zaak_id: int) -> ZaakRef:
    return await service.load(session, await session.get_one(Zaak, zaak_id))


def _utc(moment: datetime) -> datetime:
    """Stored in UTC (SQLite keeps no zone); a moment without zone is the municipality's local time."""
    return moments.utc(moment)


def _zaaktype_mismatch(field: str, what: str) -> ValidationError:
    """zrc-016..020: reported under nonFieldErrors, as the reference implementation does (``field`` names the type)."""
    return ValidationError.single(
        "nonFieldErrors", "zaaktype-mismatch", f"{what} ({field}) hoort niet bij het zaaktype van de zaak."
    )


def _immutable(field: str) -> InvalidParam:
    return InvalidParam(field, "wijzigen-niet-toegelaten", f"{field} mag niet gewijzigd worden.")


def _raise(errors: list[InvalidParam]) -> None:
    if errors:
        raise ValidationError(errors)


async def _one(bodies, session: AsyncSession, obj) -> dict:
    return (await bodies(session, [obj.id]))[0]


# --- URLs that must resolve --------------------------------------------------------------------


async def _remote_json(url: str, field: str) -> Any:
    try:
        return await fetch_json(url)
    except RemoteError as exc:
        raise ValidationError.single(field, exc.code, exc.reason) from None


def _local_model(ref: urls.LocalRef):
    """The table behind a URL of this installation, for the resources a part may point at."""
    models = {
        ("zaken", "zaken"): Zaak,
        ("zaken", "statussen"): Status,
        ("zaken", "rollen"): Rol,
        ("zaken", "zaakobjecten"): ZaakObject,
        ("zaken", "zaakinformatieobjecten"): ZaakInformatieObject,
        ("besluiten", "besluiten"): Besluit,
    }
    return models.get((ref.api, ref.resource))


async def _ensure_resolves(session: AsyncSession, url: str, field: str) -> None:
    """A URL must point at something that exists: ours looked up, another installation's fetched (200)."""
    if not urls.is_local(url):
        await _remote_json(url, field)
        return
    ref = urls.resolve(url)
    if ref is not None and (ref.api, ref.resource) == koppelingen.DOCUMENTS:
        if url in await koppelingen.informatieobject_facts(session, [url]):
            return
    elif ref is not None and (model := _local_model(ref)) is not None:
        if await session.scalar(select(exists().where(model.uuid == ref.uuid))):
            return
    raise ValidationError.single(field, "bad-url", f"De URL {url} verwijst niet naar een bestaand object.")


# --- rollen ------------------------------------------------------------------------------------

# betrokkeneIdentificatie keys copied to the columns the rol filters search.
SEARCH_COLUMNS = {
    "natuurlijk_persoon": {"inp_bsn": "inpBsn", "anp_identificatie": "anpIdentificatie", "inp_a_nummer": "inpA_nummer"},
    "niet_natuurlijk_persoon": {"inn_nnp_id": "innNnpId", "ann_identificatie": "annIdentificatie"},
    "vestiging": {"vestigings_nummer": "vestigingsNummer"},
    "organisatorische_eenheid": {"identificatie": "identificatie"},
    "medewerker": {"identificatie": "identificatie"},
}


async def rol_bodies(session: AsyncSession, ids: Ids) -> list[dict]:
    rows = (
        await session.execute(
            select(Rol, Zaak.uuid, RolType.uuid)
            .join(Zaak, Zaak.id == Rol.zaak_id)
            .join(RolType, RolType.id == Rol.roltype_id)
            .where(Rol.id.in_(ids))
            .order_by(Rol.id)
        )
    ).all()
    if not rows:
        return []
    statussen: dict[int, list[str]] = defaultdict(list)
    for rol_id, status_uuid in await session.execute(
        select(Status.gezetdoor_id, Status.uuid)
        .where(Status.gezetdoor_id.in_([row[0].id for row in rows]))
        .order_by(Status.id)
    ):
        statussen[rol_id].append(queries.url_of("statussen", status_uuid))
    return [_rol_body(rol, zaak_uuid, roltype_uuid, statussen[rol.id]) for rol, zaak_uuid, roltype_uuid in rows]


def _rol_body(rol: Rol, zaak_uuid: uuid.UUID, roltype_uuid: uuid.UUID, statussen: list[str]) -> dict:
    body = {
        "url": queries.url_of("rollen", rol.uuid),
        "uuid": str(rol.uuid),
        "zaak": queries.url_of("zaken", zaak_uuid),
        "betrokkene": rol.betrokkene,
        "betrokkeneType": rol.betrokkene_type,
        "afwijkendeNaamBetrokkene": rol.afwijkende_naam_betrokkene,
        "roltype": queries.catalogi_url("roltypen", roltype_uuid),
        "omschrijving": rol.omschrijving,
        "omschrijvingGeneriek": rol.omschrijving_generiek,
        "roltoelichting": rol.roltoelichting,
        "registratiedatum": queries.iso_datetime(rol.registratiedatum),
        "indicatieMachtiging": rol.indicatie_machtiging,
        "contactpersoonRol": rol.contactpersoon_rol,
        "statussen": statussen,
    }
    if not rol.betrokkene:
        del body["betrokkene"]  # a URI field: the OAS allows neither "" nor null
    if rol.betrokkene_identificatie is not None:
        body["betrokkeneIdentificatie"] = rol.betrokkene_identificatie
    return body


async def create_rol(session: AsyncSession, auth: AuthContext, data: dict) -> Rol:
    body = validate(RolIn, data)
    ref = await service.zaak_from_url(session, body.zaak)
    service.ensure_may_change(auth, ref)
    roltype = await service.local_object(session, body.roltype, "roltypen", RolType, "roltype", api="catalogi")
    if roltype.zaaktype_id != ref.zaak.zaaktype_id:
        raise _zaaktype_mismatch("roltype", "Het roltype")
    betrokkene_identificatie = None
    if body.betrokkene_identificatie is not None:
        shape = identificatie_shape("Rol", body.betrokkene_type)
        betrokkene_identificatie = checked_identificatie(shape.key, shape, body.betrokkene_identificatie)
    if not body.betrokkene and betrokkene_identificatie is None:
        raise ValidationError.single(
            "nonFieldErrors", "invalid-betrokkene", "Geef betrokkene (een URL) of betrokkeneIdentificatie op."
        )
    rol = Rol(
        zaak_id=ref.zaak.id,
        betrokkene=body.betrokkene,
        betrokkene_type=body.betrokkene_type,
        afwijkende_naam_betrokkene=body.afwijkende_naam_betrokkene,
        roltype_id=roltype.id,
        omschrijving=roltype.omschrijving,
        omschrijving_generiek=roltype.omschrijving_generiek,
        roltoelichting=body.roltoelichting,
        registratiedatum=datetime.now(UTC),
        indicatie_machtiging=body.indicatie_machtiging,
        contactpersoon_rol=body.contactpersoon_rol.model_dump(by_alias=True) if body.contactpersoon_rol else None,
        betrokkene_identificatie=betrokkene_identificatie,
    )
    for column, key in SEARCH_COLUMNS[body.betrokkene_type].items():
        setattr(rol, column, (betrokkene_identificatie or {}).get(key, ""))
    session.add(rol)
    await session.flush()
    await sync_behandelaar(session, auth, ref.zaak)
    _record(session, auth, ref, "rol", "create", None, await _one(rol_bodies, session, rol), rol.omschrijving)
    if rol.betrokkene_type in zoekindex.BETROKKENE_TYPES:
        await zoekindex.index_zaak(session, rol.zaak_id)
    return rol


async def delete_rol(session: AsyncSession, auth: AuthContext, rol: Rol) -> None:
    ref = await _zaak_ref(session, rol.zaak_id)
    service.ensure_may_change(auth, ref)
    current = await _one(rol_bodies, session, rol)
    await session.delete(rol)
    await session.flush()
    await sync_behandelaar(session, auth, ref.zaak)
    _record(session, auth, ref, "rol", "destroy", current, None, rol.omschrijving)
    if rol.betrokkene_type in zoekindex.BETROKKENE_TYPES:
        await zoekindex.index_zaak(session, rol.zaak_id)


def is_behandelaar_rol():
    """A rol that makes a medewerker the behandelaar of its zaak."""
    return and_(Rol.omschrijving_generiek == "behandelaar", Rol.betrokkene_type == "medewerker")


async def sync_behandelaar(session: AsyncSession, auth: AuthContext, zaak: Zaak) -> None:
    """Keep ``zaak.behandelaar``: the identificatie of the medewerker of its newest behandelaar rol; a new
    behandelaar gets a signal (unless they took the zaak themselves)."""
    newest = await session.scalar(
        select(Rol.identificatie).where(Rol.zaak_id == zaak.id, is_behandelaar_rol()).order_by(Rol.id.desc()).limit(1)
    )
    vorige, zaak.behandelaar = zaak.behandelaar, newest or ""
    signalen.zaak_toegewezen(
        session, zaak, vorige, auth.user_id, auth.user_representation or auth.applicatie_label or auth.client_id
    )


# --- zaakobjecten ------------------------------------------------------------------------------


async def zaakobject_bodies(session: AsyncSession, ids: Ids) -> list[dict]:
    rows = await session.execute(
        select(ZaakObject, Zaak.uuid, ZaakObjectType.uuid)
        .join(Zaak, Zaak.id == ZaakObject.zaak_id)
        .outerjoin(ZaakObjectType, ZaakObjectType.id == ZaakObject.zaakobjecttype_id)
        .where(ZaakObject.id.in_(ids))
        .order_by(ZaakObject.id)
    )
    return [_zaakobject_body(*row) for row in rows]


def _zaakobject_body(zaakobject: ZaakObject, zaak_uuid: uuid.UUID, zaakobjecttype_uuid: uuid.UUID | None) -> dict:
    body = {
        "url": queries.url_of("zaakobjecten", zaakobject.uuid),
        "uuid": str(zaakobject.uuid),
        "zaak": queries.url_of("zaken", zaak_uuid),
        "object": zaakobject.object,
        "zaakobjecttype": queries.catalogi_url("zaakobjecttypen", zaakobjecttype_uuid),
        "objectType": zaakobject.object_type,
        "objectTypeOverige": zaakobject.object_type_overige,
        "objectTypeOverigeDefinitie": zaakobject.object_type_overige_definitie,
        "relatieomschrijving": zaakobject.relatieomschrijving,
    }
    # Optional URIs and the patterned objectTypeOverige: the OAS allows neither "" nor null, so absent ones go.
    for key in ("object", "zaakobjecttype", "objectTypeOverige"):
        if not body[key]:
            del body[key]
    if zaakobject.object_identificatie is not None:
        body["objectIdentificatie"] = zaakobject.object_identificatie
        shape = identificatie_shape("ZaakObject", zaakobject.object_type)
        if shape and shape.key != "objectIdentificatie":
            # For persons, medewerkers, vestigingen and organisatorische eenheden the OAS names the
            # identificatie betrokkeneIdentificatie; the reference implementation objectIdentificatie.
            body[shape.key] = zaakobject.object_identificatie
    return body


def _zaakobject_input(data: dict, current: dict | None, partial: bool) -> dict:
    """The zaakobject to validate; ``betrokkeneIdentificatie`` (the OAS's name for persons) is read
    as ``objectIdentificatie``."""
    if "betrokkeneIdentificatie" in data and "objectIdentificatie" not in data:
        data = {**data, "objectIdentificatie": data["betrokkeneIdentificatie"]}
    return service.merged(current or {}, data, partial)


async def save_zaakobject(
    session: AsyncSession, auth: AuthContext, data: dict, zaakobject: ZaakObject | None = None, *, partial=False
) -> ZaakObject:
    current = await _one(zaakobject_bodies, session, zaakobject) if zaakobject else None
    body = validate(ZaakObjectIn, _zaakobject_input(data, current, partial))
    if zaakobject is None:
        ref = await service.zaak_from_url(session, body.zaak)
        service.ensure_may_change(auth, ref, (AANMAKEN, BIJWERKEN))
    else:
        ref = await _zaak_ref(session, zaakobject.zaak_id)
        service.ensure_may_change(auth, ref)
        _raise(_zaakobject_changes(current, body))
    zaakobjecttype_id = await _zaakobjecttype_id(session, body, ref)
    object_identificatie = _object_identificatie(body)
    await _check_object(session, body, object_identificatie)
    if zaakobject is None:
        zaakobject = ZaakObject(zaak_id=ref.zaak.id, object=body.object, object_type=body.object_type)
        session.add(zaakobject)
    zaakobject.zaakobjecttype_id = zaakobjecttype_id
    zaakobject.object_type_overige = body.object_type_overige
    definitie = body.object_type_overige_definitie
    zaakobject.object_type_overige_definitie = definitie.model_dump(by_alias=True) if definitie else None
    zaakobject.relatieomschrijving = body.relatieomschrijving
    zaakobject.object_identificatie = object_identificatie
    await session.flush()
    actie = "create" if current is None else audit.actie_of(partial)
    nieuw = await _one(zaakobject_bodies, session, zaakobject)
    _record(session, auth, ref, "zaakobject", actie, current, nieuw, _zaakobject_weergave(zaakobject))
    if zaakobject.object_type == "adres":
        await zoekindex.index_zaak(session, zaakobject.zaak_id)
    return zaakobject


def _zaakobject_weergave(zaakobject: ZaakObject) -> str:
    return zaakobject.relatieomschrijving or zaakobject.object_type_overige or zaakobject.object_type


def _zaakobject_changes(current: dict, body: ZaakObjectIn) -> list[InvalidParam]:
    """``zaak``, ``object`` and ``objectType`` of a zaakobject are fixed once it exists."""
    changed = [
        field
        for field, new in (("zaak", body.zaak), ("object", body.object), ("objectType", body.object_type))
        if current.get(field, "") != new
    ]
    return [_immutable(field) for field in changed]


async def _zaakobjecttype_id(session: AsyncSession, body: ZaakObjectIn, ref: ZaakRef) -> int | None:
    if body.zaakobjecttype is None:
        return None
    zaakobjecttype = await service.local_object(
        session, body.zaakobjecttype, "zaakobjecttypen", ZaakObjectType, "zaakobjecttype", api="catalogi"
    )
    if zaakobjecttype.zaaktype_id != ref.zaak.zaaktype_id:
        raise _zaaktype_mismatch("zaakobjecttype", "Het zaakobjecttype")
    return zaakobjecttype.id


def _object_identificatie(body: ZaakObjectIn) -> dict | None:
    shape = identificatie_shape("ZaakObject", body.object_type)
    if shape is None or body.object_identificatie is None:
        return None
    return checked_identificatie("objectIdentificatie", shape, body.object_identificatie)


async def _check_object(session: AsyncSession, body: ZaakObjectIn, object_identificatie: dict | None) -> None:
    """The object is given by URL (which must resolve) or by identificatie; ``overige`` objects say what they are."""
    overige = body.object_type == "overige"
    definitie = body.object_type_overige_definitie
    if overige and not (body.object_type_overige or definitie):
        raise ValidationError.single(
            "objectTypeOverige",
            "missing-object-type-overige",
            'Geef objectTypeOverige of objectTypeOverigeDefinitie bij objectType "overige".',
        )
    if not overige and (body.object_type_overige or definitie):
        raise ValidationError.single(
            "objectTypeOverige",
            "invalid-object-type-overige-usage",
            'objectTypeOverige en objectTypeOverigeDefinitie horen alleen bij objectType "overige".',
        )
    if definitie is not None:
        await _check_against_definitie(body, object_identificatie)
    elif body.object:
        await _ensure_resolves(session, body.object, "object")
    elif object_identificatie is None:
        raise ValidationError.single(
            "nonFieldErrors", "invalid-zaakobject", "Geef object (een URL) of objectIdentificatie op."
        )


# jq paths as the standard's examples use them (".jsonSchema", ".record.data"); nothing is executed.
_JQ_PATH = re.compile(r"^\.$|^(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def _jq_path(value: Any, expression: str, field: str) -> Any:
    if not _JQ_PATH.match(expression):
        raise ValidationError.single(
            field, "invalid", "Alleen eenvoudige jq-paden worden ondersteund, zoals .jsonSchema of .record.data."
        )
    for key in filter(None, expression.split(".")):
        if not isinstance(value, dict) or key not in value:
            raise ValidationError.single(field, "invalid-resource", f"Het pad {expression} bestaat niet.")
        value = value[key]
    return value


async def _check_against_definitie(body: ZaakObjectIn, object_identificatie: dict | None) -> None:
    """An ``overige`` object with a definitie: the object (fetched from its Objecten API) must satisfy the
    JSON schema of its objecttype."""
    definitie = body.object_type_overige_definitie
    if object_identificatie is not None:
        raise ValidationError.single(
            "objectIdentificatie", "invalid", "Met objectTypeOverigeDefinitie wordt het object alleen als URL gegeven."
        )
    if not body.object:
        raise ValidationError.single("object", "required", "Met objectTypeOverigeDefinitie is object vereist.")
    if urls.is_local(body.object):
        raise ValidationError.single("object", "invalid-resource", "Het object moet in een Objecten API staan.")
    objecttype = await _remote_json(definitie.url, "objectTypeOverigeDefinitie.url")
    schema = _jq_path(objecttype, definitie.schema_, "objectTypeOverigeDefinitie.schema")
    data = _jq_path(await _remote_json(body.object, "object"), definitie.object_data, "object")
    try:
        validator = validator_for(schema)
        validator.check_schema(schema)
        error = next(iter(validator(schema).iter_errors(data)), None)
    except (SchemaError, Unresolvable, re.error, TypeError, AttributeError, ValueError, RecursionError):
        # The schema comes from another system: whatever makes it unusable is the definitie's fault.
        raise ValidationError.single(
            "objectTypeOverigeDefinitie.schema", "invalid-schema", "Het objecttype heeft geen bruikbaar JSON-schema."
        ) from None
    if error is not None:
        raise ValidationError.single(
            "object", "invalid-resource", f"Het object voldoet niet aan het schema van het objecttype: {error.message}"
        )


async def delete_zaakobject(session: AsyncSession, auth: AuthContext, zaakobject: ZaakObject) -> None:
    ref = await _zaak_ref(session, zaakobject.zaak_id)
    service.ensure_may_change(auth, ref, (BIJWERKEN, VERWIJDEREN))
    current = await _one(zaakobject_bodies, session, zaakobject)
    await session.delete(zaakobject)
    await session.flush()
    _record(session, auth, ref, "zaakobject", "destroy", current, None, _zaakobject_weergave(zaakobject))
    if zaakobject.object_type == "adres":
        await zoekindex.index_zaak(session, zaakobject.zaak_id)


# --- zaakeigenschappen -------------------------------------------------------------------------


async def zaakeigenschap_bodies(session: AsyncSession, ids: Ids) -> list[dict]:
    rows = await session.execute(
        select(ZaakEigenschap, Zaak.uuid, Eigenschap.uuid)
        .join(Zaak, Zaak.id == ZaakEigenschap.zaak_id)
        .join(Eigenschap, Eigenschap.id == ZaakEigenschap.eigenschap_id)
        .where(ZaakEigenschap.id.in_(ids))
        .order_by(ZaakEigenschap.id)
    )
    return [
        {
            "url": queries.zaakeigenschap_url(zaak_uuid, zaakeigenschap.uuid),
            "uuid": str(zaakeigenschap.uuid),
            "zaak": queries.url_of("zaken", zaak_uuid),
            "eigenschap": queries.catalogi_url("eigenschappen", eigenschap_uuid),
            "naam": zaakeigenschap.naam,
            "waarde": zaakeigenschap.waarde,
        }
        for zaakeigenschap, zaak_uuid, eigenschap_uuid in rows
    ]


async def save_zaakeigenschap(
    session: AsyncSession,
    auth: AuthContext,
    zaak_uuid: uuid.UUID,
    data: dict,
    zaakeigenschap: ZaakEigenschap | None = None,
    *,
    partial: bool = False,
) -> ZaakEigenschap:
    """A zaakeigenschap of the zaak ``zaak_uuid`` (the one in the URL); once made only its ``waarde`` changes."""
    current = await _one(zaakeigenschap_bodies, session, zaakeigenschap) if zaakeigenschap else None
    body = validate(ZaakEigenschapIn, service.merged(current or {}, data, partial))
    if zaakeigenschap is None:
        ref = await service.zaak_from_url(session, body.zaak)
        if ref.zaak.uuid != zaak_uuid:
            raise ValidationError.single("zaak", "zaak-mismatch", "De zaak in het verzoek is niet de zaak uit de URL.")
    else:
        ref = await _zaak_ref(session, zaakeigenschap.zaak_id)
    service.ensure_may_change(auth, ref)
    if current is not None:
        _raise([_immutable(field) for field in ("zaak", "eigenschap") if getattr(body, field) != current[field]])
    eigenschap = await service.local_object(
        session, body.eigenschap, "eigenschappen", Eigenschap, "eigenschap", api="catalogi"
    )
    if eigenschap.zaaktype_id != ref.zaak.zaaktype_id:
        raise _zaaktype_mismatch("eigenschap", "De eigenschap")
    # No rule of the standard ties the waarde to the specificatie: the pages check it (waarde_errors).
    if zaakeigenschap is None:
        zaakeigenschap = ZaakEigenschap(zaak_id=ref.zaak.id, eigenschap_id=eigenschap.id, naam=eigenschap.naam)
        session.add(zaakeigenschap)
    zaakeigenschap.waarde = body.waarde
    await session.flush()
    actie = "create" if current is None else audit.actie_of(partial)
    nieuw = await _one(zaakeigenschap_bodies, session, zaakeigenschap)
    _record(session, auth, ref, "zaakeigenschap", actie, current, nieuw, zaakeigenschap.naam)
    return zaakeigenschap


def waarde_errors(eigenschap: Eigenschap, waarde: str) -> list[InvalidParam]:
    """The waarde must fit the eigenschap's specificatie: its formaat, lengte and waardenverzameling."""
    if eigenschap.specificatie_waardenverzameling and waarde not in eigenschap.specificatie_waardenverzameling:
        return [
            InvalidParam(
                "waarde",
                "invalid_choice",
                f"De waarde moet een van {', '.join(eigenschap.specificatie_waardenverzameling)} zijn.",
            )
        ]
    check = {"tekst": _tekst_errors, "getal": _getal_errors, "datum": _datum_errors, "datum_tijd": _datum_tijd_errors}
    return check.get(eigenschap.specificatie_formaat, _tekst_errors)(waarde, eigenschap.specificatie_lengte)


def _lengte(lengte: str) -> tuple[int | None, int]:
    """A specificatie lengte: "80" or, for numbers, "8,2" (digits, of which decimals)."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:[.,]\s*(\d+))?\s*", lengte or "")
    if not match:
        return None, 0
    return int(match[1]), int(match[2] or 0)


def _tekst_errors(waarde: str, lengte: str) -> list[InvalidParam]:
    maximum, _ = _lengte(lengte)
    if maximum is not None and len(waarde) > maximum:
        return [InvalidParam("waarde", "max_length", f"De waarde mag niet meer dan {maximum} tekens bevatten.")]
    return []


def _getal_errors(waarde: str, lengte: str) -> list[InvalidParam]:
    if not re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", waarde):
        return [InvalidParam("waarde", "invalid-getal", "De waarde moet een getal zijn, zoals 12 of 12,50.")]
    digits, decimals = _lengte(lengte)
    try:
        number = Decimal(waarde.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        return [InvalidParam("waarde", "invalid-getal", "De waarde moet een getal zijn.")]
    _, number_digits, exponent = number.as_tuple()
    number_decimals = max(0, -exponent)
    if digits is not None and (number_decimals > decimals or len(number_digits) - number_decimals > digits - decimals):
        return [
            InvalidParam(
                "waarde", "max_length", f"Het getal past niet in lengte {lengte} (cijfers, waarvan decimalen)."
            )
        ]
    return []


# ztc-015 prescribes the compact forms; ISO 8601 values are accepted as well.
DATUM_FORMS = {r"\d{8}": lambda value: datetime.strptime(value, "%Y%m%d"), r"\d{4}-\d{2}-\d{2}": date.fromisoformat}
DATUM_TIJD_FORMS = {
    r"\d{14}": lambda value: datetime.strptime(value, "%Y%m%d%H%M%S"),
    r"\d{4}-\d{2}-\d{2}T.+": datetime.fromisoformat,
}


def _has_form(waarde: str, forms: dict) -> bool:
    """Whether ``waarde`` has one of the forms (a pattern of exactly its characters) and parses in it."""
    for form, parse in forms.items():
        if re.fullmatch(form, waarde):
            try:
                parse(waarde)
                return True
            except ValueError:
                return False
    return False


def _datum_errors(waarde: str, lengte: str) -> list[InvalidParam]:
    if _has_form(waarde, DATUM_FORMS):
        return []
    return [InvalidParam("waarde", "invalid-datum", "De waarde moet een datum zijn: JJJJMMDD, bijvoorbeeld 20260728.")]


def _datum_tijd_errors(waarde: str, lengte: str) -> list[InvalidParam]:
    if _has_form(waarde, DATUM_TIJD_FORMS):
        return []
    return [
        InvalidParam(
            "waarde",
            "invalid-datum-tijd",
            "De waarde moet een datum en tijd zijn: JJJJMMDDuummss, bijvoorbeeld 20260728134022.",
        )
    ]


async def delete_zaakeigenschap(session: AsyncSession, auth: AuthContext, zaakeigenschap: ZaakEigenschap) -> None:
    ref = await _zaak_ref(session, zaakeigenschap.zaak_id)
    service.ensure_may_change(auth, ref)
    current = await _one(zaakeigenschap_bodies, session, zaakeigenschap)
    await session.delete(zaakeigenschap)
    await session.flush()
    _record(session, auth, ref, "zaakeigenschap", "destroy", current, None, zaakeigenschap.naam)


# --- zaakinformatieobjecten --------------------------------------------------------------------


async def zaakinformatieobject_bodies(session: AsyncSession, ids: Ids) -> list[dict]:
    rows = await session.execute(
        select(ZaakInformatieObject, Zaak.uuid, Status.uuid)
        .join(Zaak, Zaak.id == ZaakInformatieObject.zaak_id)
        .outerjoin(Status, Status.id == ZaakInformatieObject.status_id)
        .where(ZaakInformatieObject.id.in_(ids))
        .order_by(ZaakInformatieObject.id)
    )
    return [
        {
            "url": queries.url_of("zaakinformatieobjecten", zio.uuid),
            "uuid": str(zio.uuid),
            "informatieobject": zio.informatieobject,
            "zaak": queries.url_of("zaken", zaak_uuid),
            "aardRelatieWeergave": AARD_RELATIE_WEERGAVE,
            "titel": zio.titel,
            "beschrijving": zio.beschrijving,
            "registratiedatum": queries.iso_datetime(zio.registratiedatum),
            "vernietigingsdatum": queries.iso_datetime(zio.vernietigingsdatum),
            "status": queries.url_of("statussen", status_uuid) if status_uuid else None,
        }
        for zio, zaak_uuid, status_uuid in rows
    ]


async def save_zaakinformatieobject(
    session: AsyncSession,
    auth: AuthContext,
    data: dict,
    zio: ZaakInformatieObject | None = None,
    *,
    partial: bool = False,
) -> ZaakInformatieObject:
    current = await _one(zaakinformatieobject_bodies, session, zio) if zio else None
    body = validate(ZaakInformatieObjectIn, service.merged(current or {}, data, partial))
    if zio is None:
        ref = await service.zaak_from_url(session, body.zaak)
        service.ensure_may_change(auth, ref, (AANMAKEN, BIJWERKEN))
    else:
        ref = await _zaak_ref(session, zio.zaak_id)
        service.ensure_may_change(auth, ref)
        # zrc-004: the relation itself never changes.
        changed = [field for field in ("zaak", "informatieobject") if getattr(body, field) != current[field]]
        _raise([_immutable(field) for field in changed])
    # zaakinformatieobject_create (OAS): only while the zaak is nog_te_archiveren; an update may.
    if zio is None and ref.zaak.archiefstatus != "nog_te_archiveren":
        raise ValidationError.single(
            "nonFieldErrors",
            "zaak-archiefstatus",
            "De zaak is (deels) gearchiveerd; er kunnen geen documenten meer aan gekoppeld of gewijzigd worden.",
        )
    status_id = await _status_id(session, body.status, ref)
    document = None
    if zio is None:
        document = await _check_informatieobject(session, body.informatieobject, ref)
        zio = ZaakInformatieObject(
            zaak_id=ref.zaak.id, informatieobject=body.informatieobject, registratiedatum=datetime.now(UTC)
        )
    zio.titel = body.titel
    zio.beschrijving = body.beschrijving
    zio.vernietigingsdatum = _utc(body.vernietigingsdatum) if body.vernietigingsdatum else None
    zio.status_id = status_id
    if current is None:
        # zrc-005: written with its objectinformatieobject in our Documenten API.
        await koppelingen.add_zaakinformatieobject(session, zio, ref.url, document)
    else:
        await session.flush()
    actie = "create" if current is None else audit.actie_of(partial)
    nieuw = await _one(zaakinformatieobject_bodies, session, zio)
    _record(session, auth, ref, "zaakinformatieobject", actie, current, nieuw, zio.titel or zio.informatieobject)
    if current is None:
        await zoekindex.index_zaak(session, zio.zaak_id)
    return zio


async def _status_id(session: AsyncSession, url: str | None, ref: ZaakRef) -> int | None:
    if url is None:
        return None
    status = await service.local_object(session, url, "statussen", Status, "status")
    if status.zaak_id != ref.zaak.id:
        raise ValidationError.single("status", "zaak-mismatch", "De status hoort niet bij deze zaak.")
    return status.id


async def _check_informatieobject(session: AsyncSession, url: str, ref: ZaakRef) -> InformatieObjectFacts | None:
    """zrc-003: the document exists; zrc-017: its informatieobjecttype is one of the zaaktype's;
    and the zaak has it only once. The facts of the document when it is one of ours (for its mirror)."""
    document = await _local_document(session, url) if urls.is_local(url) else None
    type_url = document.informatieobjecttype_url if document else await _remote_informatieobjecttype_url(url)
    if not await _zaaktype_has_informatieobjecttype(session, ref.zaaktype, type_url):
        raise ValidationError.single(
            "nonFieldErrors",
            "missing-zaaktype-informatieobjecttype-relation",
            "Het informatieobjecttype van het informatieobject hoort niet bij het zaaktype van de zaak.",
        )
    duplicate = exists().where(
        ZaakInformatieObject.zaak_id == ref.zaak.id, ZaakInformatieObject.informatieobject == url
    )
    if await session.scalar(select(duplicate)):
        raise ValidationError.single("nonFieldErrors", "unique", "Dit informatieobject hoort al bij deze zaak.")
    return document


async def _local_document(session: AsyncSession, url: str) -> InformatieObjectFacts:
    """A document of our Documenten API; 400 ``bad-url`` when there is none."""
    facts = await koppelingen.informatieobject_facts(session, [url])
    if url not in facts:
        raise ValidationError.single(
            "informatieobject", "bad-url", f"Het informatieobject {url} bestaat niet in deze Documenten API."
        )
    return facts[url]


async def _remote_informatieobjecttype_url(url: str) -> str:
    """The informatieobjecttype of a document of another installation."""
    data = await _remote_json(url, "informatieobject")
    if not isinstance(data, dict) or not isinstance(data.get("informatieobjecttype"), str):
        raise ValidationError.single(
            "informatieobject", "invalid-resource", f"De URL {url} verwijst niet naar een informatieobject."
        )
    return data["informatieobjecttype"]


async def _zaaktype_has_informatieobjecttype(session: AsyncSession, zaaktype: ZaakType, type_url: str) -> bool:
    """The zaaktype names its informatieobjecttypen by omschrijving within its catalogus (Catalogi 1.3)."""
    ref = urls.resolve(type_url)
    if ref is None or (ref.api, ref.resource) != ("catalogi", "informatieobjecttypen"):
        return False
    linked = (
        select(ZaakTypeInformatieObjectType.id)
        .join(
            InformatieObjectType,
            InformatieObjectType.omschrijving == ZaakTypeInformatieObjectType.informatieobjecttype,
        )
        .where(
            ZaakTypeInformatieObjectType.zaaktype_id == zaaktype.id,
            InformatieObjectType.uuid == ref.uuid,
            InformatieObjectType.catalogus_id == zaaktype.catalogus_id,
        )
    )
    return await session.scalar(select(exists(linked))) or False


async def delete_zaakinformatieobject(session: AsyncSession, auth: AuthContext, zio: ZaakInformatieObject) -> None:
    ref = await _zaak_ref(session, zio.zaak_id)
    service.ensure_may_change(auth, ref, (BIJWERKEN, VERWIJDEREN))
    current = await _one(zaakinformatieobject_bodies, session, zio)
    await koppelingen.remove_zaakinformatieobject(session, zio, ref.url)
    _record(session, auth, ref, "zaakinformatieobject", "destroy", current, None, zio.titel or zio.informatieobject)
    await zoekindex.index_zaak(session, zio.zaak_id)


# --- klantcontacten ----------------------------------------------------------------------------


async def klantcontact_bodies(session: AsyncSession, ids: Ids) -> list[dict]:
    rows = await session.execute(
        select(KlantContact, Zaak.uuid)
        .join(Zaak, Zaak.id == KlantContact.zaak_id)
        .where(KlantContact.id.in_(ids))
        .order_by(KlantContact.id)
    )
    return [
        {
            "url": queries.url_of("klantcontacten", klantcontact.uuid),
            "uuid": str(klantcontact.uuid),
            "zaak": queries.url_of("zaken", zaak_uuid),
            "identificatie": klantcontact.identificatie,
            "datumtijd": queries.iso_datetime(klantcontact.datumtijd),
            "kanaal": klantcontact.kanaal,
            "onderwerp": klantcontact.onderwerp,
            "toelichting": klantcontact.toelichting,
        }
        for klantcontact, zaak_uuid in rows
    ]


async def create_klantcontact(session: AsyncSession, auth: AuthContext, data: dict) -> KlantContact:
    body = validate(KlantContactIn, data)
    ref = await service.zaak_from_url(session, body.zaak)
    service.ensure_may_change(auth, ref)
    klantcontact = KlantContact(
        zaak_id=ref.zaak.id,
        identificatie=body.identificatie or await _klantcontact_identificatie(session, ref.zaak.bronorganisatie),
        datumtijd=_utc(body.datumtijd),
        kanaal=body.kanaal,
        onderwerp=body.onderwerp,
        toelichting=body.toelichting,
    )
    session.add(klantcontact)
    await session.flush()
    nieuw = await _one(klantcontact_bodies, session, klantcontact)
    _record(session, auth, ref, "klantcontact", "create", None, nieuw, klantcontact.identificatie)
    return klantcontact


async def _klantcontact_identificatie(session: AsyncSession, bronorganisatie: str) -> str:
    """``KC-2026-000042``: unique within the bronorganisatie, 14 characters as the OAS allows."""

    async def taken(candidate: str) -> bool:
        used = (
            select(KlantContact.id)
            .join(Zaak, Zaak.id == KlantContact.zaak_id)
            .where(KlantContact.identificatie == candidate, Zaak.bronorganisatie == bronorganisatie)
        )
        return await session.scalar(select(exists(used))) or False

    return await identificatie.generate(session, "klantcontact", bronorganisatie, "KC", taken, digits=6)


# --- zaakbesluiten -----------------------------------------------------------------------------
# Written with the besluit's zaak through ``koppelingen`` (brc-006); these are the Zaken API's own doors.


async def create_zaakbesluit(session: AsyncSession, auth: AuthContext, zaak_uuid: uuid.UUID, data: dict) -> ZaakBesluit:
    """The endpoint's door (clients should leave this to the Besluiten API, brc-006): the besluit must exist."""
    body = validate(ZaakBesluitIn, data)
    zaak = await session.scalar(select(Zaak).where(Zaak.uuid == zaak_uuid))
    if zaak is None:  # the OAS defines no 404 here
        raise ValidationError.single("zaak", "does_not_exist", "De zaak uit de URL bestaat niet.")
    ref = await service.load(session, zaak)
    service.ensure_may_change(auth, ref)
    await _check_besluit(session, body.besluit, ref)
    if await koppelingen.zaakbesluit_of(session, ref, body.besluit) is not None:
        raise ValidationError.single("besluit", "unique", "Dit besluit hoort al bij deze zaak.")
    return await koppelingen.add_zaakbesluit(session, auth, ref, body.besluit)


async def _check_besluit(session: AsyncSession, url: str, ref: ZaakRef) -> None:
    local = urls.resolve(url)
    if local is None and not urls.is_local(url):
        data = await _remote_json(url, "besluit")
        if not isinstance(data, dict) or "besluittype" not in data:
            raise ValidationError.single("besluit", "invalid-resource", f"De URL {url} verwijst niet naar een besluit.")
        return
    if local is None or (local.api, local.resource) != ("besluiten", "besluiten"):
        raise ValidationError.single("besluit", "invalid-resource", f"De URL {url} verwijst niet naar een besluit.")
    besluit = await session.scalar(select(Besluit).where(Besluit.uuid == local.uuid))
    if besluit is None:
        raise ValidationError.single("besluit", "bad-url", f"Het besluit {url} bestaat niet.")
    if besluit.zaak_id != ref.zaak.id:
        raise ValidationError.single("besluit", "inconsistent-relation", "Het besluit hoort niet bij deze zaak.")


async def delete_zaakbesluit(session: AsyncSession, auth: AuthContext, zaakbesluit: ZaakBesluit) -> None:
    ref = await _zaak_ref(session, zaakbesluit.zaak_id)
    service.ensure_may_change(auth, ref)
    await koppelingen.remove_zaakbesluit(session, auth, ref, zaakbesluit)


# --- zaakcontactmomenten and zaakverzoeken -----------------------------------------------------


async def zaakcontactmoment_bodies(session: AsyncSession, ids: Ids) -> list[dict]:
    rows = await session.execute(
        select(ZaakContactMoment, Zaak.uuid)
        .join(Zaak, Zaak.id == ZaakContactMoment.zaak_id)
        .where(ZaakContactMoment.id.in_(ids))
        .order_by(ZaakContactMoment.id)
    )
    return [
        {
            "url": queries.url_of("zaakcontactmomenten", row.uuid),
            "uuid": str(row.uuid),
            "zaak": queries.url_of("zaken", zaak_uuid),
            "contactmoment": row.contactmoment,
        }
        for row, zaak_uuid in rows
    ]


async def zaakverzoek_bodies(session: AsyncSession, ids: Ids) -> list[dict]:
    rows = await session.execute(
        select(ZaakVerzoek, Zaak.uuid)
        .join(Zaak, Zaak.id == ZaakVerzoek.zaak_id)
        .where(ZaakVerzoek.id.in_(ids))
        .order_by(ZaakVerzoek.id)
    )
    return [
        {
            "url": queries.url_of("zaakverzoeken", row.uuid),
            "uuid": str(row.uuid),
            "zaak": queries.url_of("zaken", zaak_uuid),
            "verzoek": row.verzoek,
        }
        for row, zaak_uuid in rows
    ]


async def _ensure_elsewhere(url: str, field: str, what: str) -> None:
    """Contactmomenten and verzoeken live in APIs of other systems: the URL must answer 200 there
    (mirroring the relation there, zrc-024/zrc-025, is outside this installation)."""
    if urls.is_local(url):
        raise ValidationError.single(field, "bad-url", f"Deze installatie heeft geen {what}; {url} bestaat niet.")
    await _remote_json(url, field)


async def create_zaakcontactmoment(session: AsyncSession, auth: AuthContext, data: dict) -> ZaakContactMoment:
    body = validate(ZaakContactMomentIn, data)
    ref = await service.zaak_from_url(session, body.zaak)
    service.ensure_may_change(auth, ref)
    await _ensure_elsewhere(body.contactmoment, "contactmoment", "Contactmomenten API")
    row = ZaakContactMoment(zaak_id=ref.zaak.id, contactmoment=body.contactmoment)
    session.add(row)
    await session.flush()
    nieuw = await _one(zaakcontactmoment_bodies, session, row)
    _record(session, auth, ref, "zaakcontactmoment", "create", None, nieuw, body.contactmoment)
    return row


async def create_zaakverzoek(session: AsyncSession, auth: AuthContext, data: dict) -> ZaakVerzoek:
    body = validate(ZaakVerzoekIn, data)
    ref = await service.zaak_from_url(session, body.zaak)
    service.ensure_may_change(auth, ref)
    await _ensure_elsewhere(body.verzoek, "verzoek", "Verzoeken API")
    row = ZaakVerzoek(zaak_id=ref.zaak.id, verzoek=body.verzoek)
    session.add(row)
    await session.flush()
    nieuw = await _one(zaakverzoek_bodies, session, row)
    _record(session, auth, ref, "zaakverzoek", "create", None, nieuw, body.verzoek)
    return row


async def delete_zaakcontactmoment(session: AsyncSession, auth: AuthContext, row: ZaakContactMoment) -> None:
    ref = await _zaak_ref(session, row.zaak_id)
    service.ensure_may_change(auth, ref)
    current = await _one(zaakcontactmoment_bodies, session, row)
    await session.delete(row)
    await session.flush()
    _record(session, auth, ref, "zaakcontactmoment", "destroy", current, None, row.contactmoment)


async def delete_zaakverzoek(session: AsyncSession, auth: AuthContext, row: ZaakVerzoek) -> None:
    ref = await _zaak_ref(session, row.zaak_id)
    service.ensure_may_change(auth, ref)
    current = await _one(zaakverzoek_bodies, session, row)
    await session.delete(row)
    await session.flush()
    _record(session, auth, ref, "zaakverzoek", "destroy", current, None, row.verzoek)
