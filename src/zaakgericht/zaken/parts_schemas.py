"""Request bodies of the parts of a zaak (rollen, zaakobjecten, zaakeigenschappen, ...), mirroring the OAS.

The identificaties nested in a rol (``betrokkeneIdentificatie`` per ``betrokkeneType``) and
a zaakobject (``objectIdentificatie`` per ``objectType``) come in some thirty shapes. They
are checked against the component schemas of the packaged OAS itself, so the shapes are
exactly the standard's, and answered filled out to the shape the OAS gives them.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal

import email_validator
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError as SchemaViolation
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from ..api import oas
from ..api.errors import InvalidParam, ValidationError
from ..api.moments import Moment
from ..api.schemas import Body, Url
from .schemas import OptionalUrl

# --- the OAS component schemas ---------------------------------------------------------------


@lru_cache
def _schemas() -> dict[str, dict]:
    return oas.load_spec("zaken")["components"]["schemas"]


def _enum(name: str) -> tuple[str, ...]:
    return tuple(_schemas()[name]["enum"])


# Literal types built from the OAS enums, so the choices are exactly the standard's.
BETROKKENE_TYPE = Literal[_enum("BetrokkeneTypeEnum")]  # type: ignore[valid-type]
OBJECT_TYPE = Literal[_enum("ObjectTypeEnum")]  # type: ignore[valid-type]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _deref(node: dict) -> tuple[dict, bool]:
    """The schema a node stands for (through ``$ref`` and one-element ``allOf``) and whether it is nullable."""
    nullable = bool(node.get("nullable"))
    while True:
        if "$ref" in node:
            node = _schemas()[_ref_name(node["$ref"])]
        elif len(node.get("allOf", [])) == 1 and "properties" not in node:
            node = node["allOf"][0]
        else:
            return node, nullable
        nullable = nullable or bool(node.get("nullable"))


@dataclass(frozen=True, slots=True)
class Shape:
    """Where the identificatie of one betrokkeneType / objectType lives: its key and its component schema."""

    key: str
    schema: str


@lru_cache
def identificatie_shape(resource: str, kind: str) -> Shape | None:
    """The identificatie shape the OAS discriminator of ``resource`` (Rol, ZaakObject) gives ``kind``.

    None for kinds without one (a zaakobject of type besluit, status or enkelvoudig_document).
    """
    mapping = _schemas()[resource]["discriminator"]["mapping"]
    variant = _schemas()[_ref_name(mapping[kind])]
    for part in variant["allOf"][1:]:
        ((key, prop),) = _schemas()[_ref_name(part["$ref"])]["properties"].items()
        return Shape(key, _ref_name(prop["allOf"][0]["$ref"]))
    return None


# --- checking an identificatie -----------------------------------------------------------------


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0 -> JSON Schema: ``nullable`` becomes a null alternative; documentation keys go."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {}
    for key, value in node.items():
        if key == "properties":
            converted[key] = {name: _json_schema(prop) for name, prop in value.items()}
        elif key not in ("nullable", "discriminator", "example", "readOnly", "writeOnly", "description", "title"):
            converted[key] = _json_schema(value)
    return {"anyOf": [converted, {"type": "null"}]} if node.get("nullable") else converted


@lru_cache
def _validator(schema: str) -> Draft7Validator:
    root = {"$ref": f"#/components/schemas/{schema}", "components": {"schemas": _json_schema(_schemas())}}
    return Draft7Validator(root)


def _without_blanks(value: Any) -> Any:
    """Empty strings mean "not given" (as in the reference implementation), also where a pattern forbids them."""
    if isinstance(value, dict):
        return {key: _without_blanks(item) for key, item in value.items() if item != ""}
    if isinstance(value, list):
        return [_without_blanks(item) if isinstance(item, dict) else item for item in value]
    return value


def _is_alternative_for_blank_or_null(error: SchemaViolation) -> bool:
    return (error.validator == "type" and error.validator_value == "null") or (
        error.validator == "enum" and error.validator_value == [""]
    )


def _leaf_errors(error: SchemaViolation) -> Iterator[SchemaViolation]:
    """The errors that say what is wrong, looking inside ``anyOf``/``oneOf`` (nullable objects, blank enums)."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        yield error
        return
    branches = [branch for branch in error.context if not _is_alternative_for_blank_or_null(branch)]
    if not branches or all(branch.validator == "enum" for branch in branches):
        yield branches[0] if branches else error
        return
    for branch in branches:
        yield from _leaf_errors(branch)


def _invalid_param(field: str, error: SchemaViolation) -> InvalidParam:
    path = [field, *map(str, error.absolute_path)]
    value = error.validator_value
    if error.validator == "required":
        missing = next(name for name in value if name not in error.instance and error.message.startswith(repr(name)))
        return InvalidParam(".".join([*path, missing]), "required", "Dit veld is vereist.")
    name = ".".join(path)
    if error.validator == "maxLength":
        return InvalidParam(name, "max_length", f"Zorg ervoor dat dit veld niet meer dan {value} tekens bevat.")
    if error.validator == "enum":
        return InvalidParam(
            name, "invalid_choice", f"Selecteer een geldige keuze. {error.instance!r} is geen beschikbare keuze."
        )
    if error.validator == "maximum":
        return InvalidParam(name, "max_value", f"Zorg ervoor dat deze waarde kleiner of gelijk is aan {value}.")
    if error.validator == "minimum":
        return InvalidParam(name, "min_value", f"Zorg ervoor dat deze waarde groter of gelijk is aan {value}.")
    if error.validator == "type" and error.instance is None:
        return InvalidParam(name, "null", "Dit veld mag niet leeg zijn.")
    if error.validator == "type":
        return InvalidParam(name, "invalid", f"Ongeldig type; verwacht: {value}.")
    if error.validator == "pattern":
        return InvalidParam(name, "invalid", f"Deze waarde voldoet niet aan het patroon {value}.")
    return InvalidParam(name, "invalid", "Ongeldige waarde.")


def checked_identificatie(field: str, shape: Shape, value: Any) -> dict:
    """``value`` checked against its OAS schema (400 with ``invalidParams`` otherwise), filled out to the
    response shape. Keys the schema does not know are dropped."""
    value = _without_blanks(value)
    params = [
        _invalid_param(field, leaf)
        for error in _validator(shape.schema).iter_errors(value)
        for leaf in _leaf_errors(error)
    ]
    if params:
        raise ValidationError(list(dict.fromkeys(params)))
    return filled(shape.schema, value)


# --- filling out to the response shape ---------------------------------------------------------

_ABSENT = object()


def _empty(prop: dict) -> Any:
    """What an absent property is answered as: null, "" or [] where the OAS allows that; else it is left out."""
    node, nullable = _deref(prop)
    if nullable:
        return None
    if any(_deref(option)[0].get("enum") == [""] for option in node.get("oneOf", [])):
        return ""
    if node.get("type") == "array":
        return []
    if node.get("type") == "string" and not any(key in node for key in ("pattern", "format", "minLength", "enum")):
        return ""
    return _ABSENT


def _filled(node: dict, value: Any) -> Any:
    node, _ = _deref(node)
    if isinstance(value, dict) and "properties" in node:
        result = {}
        for name, prop in node["properties"].items():
            item = value[name] if name in value else _empty(prop)
            if item is not _ABSENT:
                result[name] = _filled(prop, item) if name in value else item
        return result
    if isinstance(value, list) and node.get("type") == "array":
        return [_filled(node.get("items", {}), item) for item in value]
    return value


def filled(schema: str, value: dict) -> dict:
    return _filled(_schemas()[schema], value)


# --- field types -------------------------------------------------------------------------------


def _blank_is_none(value: Any) -> Any:
    return None if value == "" else value


def _email_or_blank(value: str) -> str:
    if value:
        try:
            email_validator.validate_email(value, check_deliverability=False)
        except email_validator.EmailNotValidError:
            raise PydanticCustomError("invalid", "Voer een geldig e-mailadres in.") from None
    return value


def _overige_pattern(value: str) -> str:
    # The OAS pattern [a-z\_]+ is unanchored, as JSON Schema patterns are.
    if value and not re.search(r"[a-z\_]+", value):
        raise PydanticCustomError("invalid", "Gebruik kleine letters en underscores, bijvoorbeeld: boom.")
    return value


EmailOrBlank = Annotated[str, Field(max_length=254), AfterValidator(_email_or_blank)]
OptionalTypeUrl = Annotated[Url | None, BeforeValidator(_blank_is_none)]


# --- bodies ------------------------------------------------------------------------------------


class ContactPersoonRolIn(Body):
    emailadres: EmailOrBlank = ""
    functie: str = Field("", max_length=50)
    telefoonnummer: str = Field("", max_length=20)
    naam: str = Field(max_length=40)


class RolIn(Body):
    zaak: Url
    betrokkene: OptionalUrl = ""
    betrokkene_type: BETROKKENE_TYPE
    afwijkende_naam_betrokkene: str = Field("", max_length=625)
    roltype: Url
    roltoelichting: str = Field(max_length=1000)
    indicatie_machtiging: Literal["", "gemachtigde", "machtiginggever"] = ""
    contactpersoon_rol: ContactPersoonRolIn | None = None
    betrokkene_identificatie: dict[str, Any] | None = None


class ObjectTypeOverigeDefinitieIn(Body):
    url: Url
    schema_: str = Field(alias="schema", max_length=100)
    object_data: str = Field(max_length=100)


class ZaakObjectIn(Body):
    zaak: Url
    object: OptionalUrl = ""
    zaakobjecttype: OptionalTypeUrl = None
    object_type: OBJECT_TYPE
    object_type_overige: Annotated[str, Field(max_length=100), AfterValidator(_overige_pattern)] = ""
    object_type_overige_definitie: ObjectTypeOverigeDefinitieIn | None = None
    relatieomschrijving: str = Field("", max_length=80)
    object_identificatie: dict[str, Any] | None = None


class ZaakEigenschapIn(Body):
    zaak: Url
    eigenschap: Url
    waarde: str


class ZaakInformatieObjectIn(Body):
    informatieobject: Url
    zaak: Url
    titel: str = Field("", max_length=200)
    beschrijving: str = ""
    vernietigingsdatum: Moment | None = None
    status: OptionalTypeUrl = None


class KlantContactIn(Body):
    zaak: Url
    identificatie: str = Field("", max_length=14)
    datumtijd: Moment
    kanaal: str = Field("", max_length=20)
    onderwerp: str = Field("", max_length=200)
    toelichting: str = Field("", max_length=1000)


class ZaakBesluitIn(Body):
    besluit: Url


class ZaakContactMomentIn(Body):
    zaak: Url
    contactmoment: Url


class ZaakVerzoekIn(Body):
    zaak: Url
    verzoek: Url
