"""For every request body of the six APIs, the fields our validation requires are the ones the OAS requires,
and no field takes a longer text than the OAS allows.

Generated from the OAS: every POST, PUT and PATCH with a request body is a case, and so is every nested
object schema of it that our validation models as an object of its own. The OAS's required fields are
its ``required`` list less the read-only properties (a server sets those). Ours are the required fields
of the Pydantic model the operation validates with; a PATCH lays the body over the current
representation (docs/architecture.md, "Requests, sessions and errors"), so at its top level it requires
nothing. The only exceptions are the documented errata of the official files in ``tests/oas.py``.
"""

import types
import typing
from dataclasses import dataclass, field

import pytest
from pydantic import BaseModel

from tests.oas import request_spec as spec
from zaakgericht.autorisaties import schemas as ac
from zaakgericht.besluiten import schemas as brc
from zaakgericht.catalogi import schemas as ztc
from zaakgericht.documenten import schemas as drc
from zaakgericht.notificaties import schemas as nrc
from zaakgericht.zaken import parts_schemas as zrc_parts
from zaakgericht.zaken import schemas as zrc

APIS = ("catalogi", "zaken", "documenten", "besluiten", "autorisaties", "notificaties")


@dataclass(frozen=True)
class Validation:
    """How one operation validates its body: the model, and what the service requires beyond it."""

    model: type[BaseModel] | None
    # Checked by the service rather than the model (named with where).
    also_required: frozenset[str] = field(default_factory=frozenset)


def _v(model, *also_required: str) -> Validation:
    return Validation(model, frozenset(also_required))


_LOCK = "lock"  # drc-009, checked in documenten.service (the document's lock must be given)
_NO_BODY = Validation(None)  # the body is not read

# (api, METHOD, path) -> how its body is validated; every operation of the OAS with a body must be here.
VALIDATIONS: dict[tuple[str, str, str], Validation] = {
    **{
        ("catalogi", method, path): _v(model)
        for prefix, model in (
            ("/besluittypen", ztc.BesluitTypeIn),
            ("/eigenschappen", ztc.EigenschapIn),
            ("/informatieobjecttypen", ztc.InformatieObjectTypeIn),
            ("/resultaattypen", ztc.ResultaatTypeIn),
            ("/roltypen", ztc.RolTypeIn),
            ("/statustypen", ztc.StatusTypeIn),
            ("/zaakobjecttypen", ztc.ZaakObjectTypeIn),
            ("/zaaktype-informatieobjecttypen", ztc.ZaakTypeInformatieObjectTypeIn),
            ("/zaaktypen", ztc.ZaakTypeIn),
        )
        for method, path in (("POST", prefix), ("PUT", prefix + "/{uuid}"), ("PATCH", prefix + "/{uuid}"))
    },
    ("catalogi", "POST", "/catalogussen"): _v(ztc.CatalogusIn),
    ("catalogi", "POST", "/zaaktypen/{uuid}/publish"): _NO_BODY,
    ("zaken", "POST", "/klantcontacten"): _v(zrc_parts.KlantContactIn),
    ("zaken", "POST", "/resultaten"): _v(zrc.ResultaatIn),
    ("zaken", "PUT", "/resultaten/{uuid}"): _v(zrc.ResultaatIn),
    ("zaken", "PATCH", "/resultaten/{uuid}"): _v(zrc.ResultaatIn),
    ("zaken", "POST", "/rollen"): _v(zrc_parts.RolIn),
    ("zaken", "POST", "/statussen"): _v(zrc.StatusIn),
    ("zaken", "POST", "/zaakcontactmomenten"): _v(zrc_parts.ZaakContactMomentIn),
    ("zaken", "POST", "/zaakinformatieobjecten"): _v(zrc_parts.ZaakInformatieObjectIn),
    ("zaken", "PUT", "/zaakinformatieobjecten/{uuid}"): _v(zrc_parts.ZaakInformatieObjectIn),
    ("zaken", "PATCH", "/zaakinformatieobjecten/{uuid}"): _v(zrc_parts.ZaakInformatieObjectIn),
    ("zaken", "POST", "/zaakobjecten"): _v(zrc_parts.ZaakObjectIn),
    ("zaken", "PUT", "/zaakobjecten/{uuid}"): _v(zrc_parts.ZaakObjectIn),
    ("zaken", "PATCH", "/zaakobjecten/{uuid}"): _v(zrc_parts.ZaakObjectIn),
    ("zaken", "POST", "/zaakverzoeken"): _v(zrc_parts.ZaakVerzoekIn),
    ("zaken", "POST", "/zaken"): _v(zrc.ZaakIn),
    ("zaken", "PUT", "/zaken/{uuid}"): _v(zrc.ZaakIn),
    ("zaken", "PATCH", "/zaken/{uuid}"): _v(zrc.ZaakIn),
    ("zaken", "POST", "/zaken/{zaak_uuid}/besluiten"): _v(zrc_parts.ZaakBesluitIn),
    ("zaken", "POST", "/zaken/{zaak_uuid}/zaakeigenschappen"): _v(zrc_parts.ZaakEigenschapIn),
    ("zaken", "PUT", "/zaken/{zaak_uuid}/zaakeigenschappen/{uuid}"): _v(zrc_parts.ZaakEigenschapIn),
    ("zaken", "PATCH", "/zaken/{zaak_uuid}/zaakeigenschappen/{uuid}"): _v(zrc_parts.ZaakEigenschapIn),
    ("zaken", "POST", "/zaken/_zoek"): _v(zrc.ZaakZoekGeometrie),
    # A multipart body, read by documenten.uploads.part_body; documenten.service.save_part requires the lock.
    ("documenten", "PUT", "/bestandsdelen/{uuid}"): _v(None, _LOCK),
    ("documenten", "POST", "/enkelvoudiginformatieobjecten"): _v(drc.DocumentIn),
    ("documenten", "PUT", "/enkelvoudiginformatieobjecten/{uuid}"): _v(drc.DocumentIn, _LOCK),
    ("documenten", "PATCH", "/enkelvoudiginformatieobjecten/{uuid}"): _v(drc.DocumentIn, _LOCK),
    ("documenten", "POST", "/enkelvoudiginformatieobjecten/{uuid}/unlock"): _v(drc.UnlockIn),
    ("documenten", "POST", "/enkelvoudiginformatieobjecten/_zoek"): _v(drc.ZoekIn),
    ("documenten", "POST", "/gebruiksrechten"): _v(drc.GebruiksrechtenIn),
    ("documenten", "PUT", "/gebruiksrechten/{uuid}"): _v(drc.GebruiksrechtenIn),
    ("documenten", "PATCH", "/gebruiksrechten/{uuid}"): _v(drc.GebruiksrechtenIn),
    ("documenten", "POST", "/objectinformatieobjecten"): _v(drc.ObjectInformatieObjectIn),
    ("documenten", "POST", "/verzendingen"): _v(drc.VerzendingIn),
    ("documenten", "PUT", "/verzendingen/{uuid}"): _v(drc.VerzendingIn),
    ("documenten", "PATCH", "/verzendingen/{uuid}"): _v(drc.VerzendingIn),
    ("besluiten", "POST", "/besluiten"): _v(brc.BesluitIn),
    ("besluiten", "PUT", "/besluiten/{uuid}"): _v(brc.BesluitIn),
    ("besluiten", "PATCH", "/besluiten/{uuid}"): _v(brc.BesluitIn),
    ("besluiten", "POST", "/besluitinformatieobjecten"): _v(brc.BesluitInformatieObjectIn),
    ("autorisaties", "POST", "/applicaties"): _v(ac.ApplicatieIn),
    ("autorisaties", "PUT", "/applicaties/{uuid}"): _v(ac.ApplicatieIn),
    ("autorisaties", "PATCH", "/applicaties/{uuid}"): _v(ac.ApplicatieIn),
    ("notificaties", "POST", "/abonnement"): _v(nrc.AbonnementIn),
    ("notificaties", "PUT", "/abonnement/{uuid}"): _v(nrc.AbonnementIn),
    ("notificaties", "PATCH", "/abonnement/{uuid}"): _v(nrc.AbonnementIn),
    ("notificaties", "POST", "/kanaal"): _v(nrc.KanaalIn),
    ("notificaties", "POST", "/notificaties"): _v(nrc.MessageIn),
}


# --- the OAS side ------------------------------------------------------------------------------


def _deref(api: str, node: dict) -> dict:
    """The schema a node stands for, through ``$ref`` and one-member ``allOf``."""
    while True:
        if "$ref" in node:
            target = spec(api)
            for key in node["$ref"].removeprefix("#/").split("/"):
                target = target[key]
            node = target
        elif len(node.get("allOf", [])) == 1 and "properties" not in node:
            node = node["allOf"][0]
        else:
            return node


def _object_schema(api: str, node: dict) -> dict | None:
    """The object schema of a property (itself, or the items of an array); None for other values."""
    node = _deref(api, node)
    if node.get("type") == "array":
        node = _deref(api, node.get("items", {}))
    return node if "properties" in node else None


def oas_required(api: str, schema: dict) -> set[str]:
    properties = schema.get("properties", {})
    return {name for name in schema.get("required", []) if not properties.get(name, {}).get("readOnly")}


def request_bodies() -> list[tuple[str, str, str, str, dict]]:
    """(api, METHOD, path, media type, schema) of every operation with a request body."""
    bodies = []
    for api in APIS:
        for path, item in spec(api)["paths"].items():
            for method in ("post", "put", "patch"):
                body = item.get(method, {}).get("requestBody")
                if body is None:
                    continue
                for media_type, content in _deref(api, body)["content"].items():
                    bodies.append((api, method.upper(), path, media_type, _deref(api, content["schema"])))
    return bodies


# --- our side ----------------------------------------------------------------------------------


def _nested_model(annotation) -> type[BaseModel] | None:
    """The model inside ``X | None``, ``list[X]`` or ``Annotated[X, ...]``; None if there is none."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _nested_model(argument)
            if found is not None:
                return found
    return None


def _fields(model: type[BaseModel]) -> dict[str, typing.Any]:
    return {info.alias or name: info for name, info in model.model_fields.items()}


def our_required(model: type[BaseModel]) -> set[str]:
    return {name for name, info in _fields(model).items() if info.is_required()}


# --- the cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    api: str
    method: str
    path: str
    where: str  # the schema within the body: "" for the body itself, else the dotted property path
    schema: dict
    model: type[BaseModel] | None
    also_required: frozenset[str]
    partial: bool

    @property
    def id(self) -> str:
        return f"{self.api} {self.method} {self.path} {self.where or '(body)'}"


def _nested_cases(case: Case) -> list[Case]:
    cases = []
    our_fields = _fields(case.model)
    for name, prop in case.schema.get("properties", {}).items():
        nested_schema = _object_schema(case.api, prop)
        nested_model = _nested_model(our_fields[name].annotation) if name in our_fields else None
        if nested_schema is None or nested_model is None or prop.get("readOnly"):
            continue
        where = f"{case.where}.{name}" if case.where else name
        nested = Case(case.api, case.method, case.path, where, nested_schema, nested_model, frozenset(), False)
        cases += [nested, *_nested_cases(nested)]
    return cases


def cases() -> list[Case]:
    result = []
    for api, method, path, _media_type, schema in request_bodies():
        validation = VALIDATIONS.get((api, method, path))
        if validation is None:
            continue  # test_every_operation_with_a_body_is_known fails for it
        case = Case(api, method, path, "", schema, validation.model, validation.also_required, method == "PATCH")
        if case in result:
            continue  # the same schema under a second media type
        result.append(case)
        if validation.model is not None:
            result += _nested_cases(case)
    return result


CASES = cases()


@pytest.fixture(autouse=True)
def clean_tables():
    """These cases read the OAS and our models only: no table to empty (overrides the conftest's)."""
    yield


def test_every_operation_with_a_body_is_known():
    operations = {(api, method, path) for api, method, path, _media_type, _schema in request_bodies()}
    assert operations - VALIDATIONS.keys() == set(), "add these operations to VALIDATIONS"
    assert VALIDATIONS.keys() - operations == set(), "these operations have no request body in the OAS"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_we_require_what_the_oas_requires(case: Case):
    required = set(case.also_required)
    if case.model is not None and not case.partial:
        required |= our_required(case.model)
    expected = oas_required(case.api, case.schema)
    assert required == expected, (
        f"we require {sorted(required - expected)} that the OAS does not; "
        f"the OAS requires {sorted(expected - required)} that we do not"
    )


def _too_long(schema: dict, length: int) -> str:
    """A value one character longer than ``length``, in the property's format where it has one."""
    if schema.get("format") == "uri":
        return "https://example.nl/" + "x" * (length + 1 - len("https://example.nl/"))
    return "x" * (length + 1)


LENGTH_CASES = [
    (case, name, prop)
    for case in CASES
    if case.model is not None
    for name, prop in case.schema.get("properties", {}).items()
    if not prop.get("readOnly") and _deref(case.api, prop).get("maxLength") and name in _fields(case.model)
]


@pytest.mark.parametrize(
    ("case", "name", "prop"), LENGTH_CASES, ids=[f"{case.id} {name}" for case, name, _prop in LENGTH_CASES]
)
def test_we_refuse_what_is_longer_than_the_oas_allows(case: Case, name: str, prop: dict):
    """A field's own limit beside a shared type's (``Url``, at most 1000) was once silently ignored."""
    schema = _deref(case.api, prop)
    try:
        case.model.model_validate({name: _too_long(schema, schema["maxLength"])})
    except ValueError as exc:
        refused = {error["loc"][0] for error in exc.errors()}
    else:
        refused = set()
    assert name in refused, f"{name} accepts more than the OAS's {schema['maxLength']} characters"
