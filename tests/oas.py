"""Validates API responses against the official OAS of the operation and status code.

Every API test passes its responses through ``assert_oas``. The OAS files are the
packaged copies of the official ones (for Zaken and Documenten the offline copies
whose Catalogi references are local). Objects may carry no properties the OAS does
not define, so an extra or misspelled field fails too.
"""

import copy
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID

import isodate
import jsonschema
import orjson
import yaml

from zaakgericht.api.oas import SPEC_FILES
from zaakgericht.api.urls import MOUNTS

SPECS_DIR = Path(__file__).parents[1] / "src" / "zaakgericht" / "api" / "specs"
OFFLINE_DIR = Path(__file__).parent / "oas"

# Known defects of the official files, each corrected as the standard's later releases or its
# reference implementation did. Catalogi 1.3.1 types two URL lists as a plain string; Catalogi 1.3.2 made them arrays of
# URLs again (as the reference implementation and every client always had them).
_URL_LIST = {"type": "array", "items": {"type": "string", "format": "uri"}, "readOnly": True}
# Autorisaties 1.0.0 types the answer of /applicaties/consumer as an array; the reference
# implementation, Open Zaak and the clients built on them answer one Applicatie, and a
# missing clientId is a 400 like any invalid filter (the OAS lists no 400 there).
_CONSUMER = ("paths", "/applicaties/consumer", "get", "responses")
# Zaken 1.5.1 answers POST /statussen with StatusRequestbody, which requires zaakinformatieobjecten
# without defining it: no body can satisfy it. The property is taken over from Status.
_STATUS_ZIO = ("components", "schemas", "StatusRequestbody", "properties", "zaakinformatieobjecten")
# EmptyObject ("returned when the field to expand is null") is an object without properties;
# left open it would match every expanded object too, and oneOf [StatusExpanded, EmptyObject] never holds.
_EMPTY_OBJECT = {"type": "object", "maxProperties": 0}
# Documenten 1.5.0: drc-008 demands a 400 for deleting a document that still has relations or is
# locked, and the objectinformatieobject's rules the same while its source relation exists; the OAS
# lists no 400 for these two DELETEs. The embedded informatieobjecttype is a Catalogi 1.3.1 one (see
# _URL_LIST). The informatieobject embedded in gebruiksrechten and verzendingen may carry its own
# _expand; the official (open) schema allows it, the closed copy only through the Expanded schema.
_FOUT = {
    "description": "Bad request",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ValidatieFout"}}},
}
_EIO_EXPANDED = {"$ref": "#/components/schemas/EnkelvoudigInformatieObjectExpanded"}
ERRATA = {
    "documenten": [
        (("paths", "/enkelvoudiginformatieobjecten/{uuid}", "delete", "responses", "400"), _FOUT),
        (("paths", "/objectinformatieobjecten/{uuid}", "delete", "responses", "400"), _FOUT),
        (("components", "schemas", "Catalogi_InformatieObjectType", "properties", "zaaktypen"), _URL_LIST),
        (("components", "schemas", "GebruiksrechtenEmbedded", "properties", "informatieobject"), _EIO_EXPANDED),
        (("components", "schemas", "VerzendingEmbedded", "properties", "informatieobject"), _EIO_EXPANDED),
    ],
    "zaken": [
        (_STATUS_ZIO, _URL_LIST),
        (("components", "schemas", "EmptyObject"), _EMPTY_OBJECT),
        (("components", "schemas", "Catalogi_ZaakType", "properties", "informatieobjecttypen"), _URL_LIST),
    ],
    "catalogi": [
        (("components", "schemas", "ZaakType", "properties", "informatieobjecttypen"), _URL_LIST),
        (("components", "schemas", "InformatieObjectType", "properties", "zaaktypen"), _URL_LIST),
    ],
    "autorisaties": [
        ((*_CONSUMER, "200", "content", "application/json", "schema"), {"$ref": "#/components/schemas/Applicatie"}),
        ((*_CONSUMER, "400"), _FOUT),
    ],
}


# Known defects of the official request schemas, for the tests that compare our validation with them
# (tests/api/test_oas_required.py, test_oas_minimal_bodies.py). Each entry: (keys, a function of the
# document and the node found there that gives the corrected node). Response validation keeps the
# official schemas.
def _required_without(*names: str):
    return lambda _document, required: [name for name in required if name not in names]


def _required_with(*names: str):
    return lambda _document, required: [*(required or []), *names]


def _partial(schema: str):
    """A PATCH body that requires nothing: the schema's properties, no required list."""

    def body(document, _node):
        without_required = {key: value for key, value in document["components"]["schemas"][schema].items()}
        without_required.pop("required", None)
        return {"content": {"application/json": {"schema": without_required}}, "required": True}

    return body


_JSON_BODY = ("requestBody", "content", "application/json", "schema")
REQUEST_ERRATA = {
    "catalogi": [
        # Catalogi 1.3.1 lists deelzaaktypen as required; its own resources table says "Verplicht: nee",
        # and 1.3.3 made it optional again "zodat deze versie weer backwards compatible is" (release notes).
        (("components", "schemas", "ZaakTypeCreate", "required"), _required_without("deelzaaktypen")),
        (("components", "schemas", "ZaakTypeUpdate", "required"), _required_without("deelzaaktypen")),
        # Catalogi 1.3.1 requires a resultaattype's besluittypen; its resources table says "Verplicht: nee",
        # and 1.3.2 made the field optional (release notes 1.3.2, issue 2467).
        (("components", "schemas", "ResultaatTypeCreate", "required"), _required_without("besluittypen")),
        # The generator lost the PUT body of an informatieobjecttype ("Unspecified request body"); a PUT
        # replaces the whole resource, as the InformatieObjectType schema of its POST describes it.
        (
            ("paths", "/informatieobjecttypen/{uuid}", "put", *_JSON_BODY),
            lambda _document, _node: {"$ref": "#/components/schemas/InformatieObjectType"},
        ),
    ],
    "documenten": [
        # drc-009: a partial update of a document too is refused without the document's lock; the
        # PATCH schema lists no required field (its PUT schema does require lock).
        (
            ("components", "schemas", "PatchedEnkelvoudigInformatieObjectWithLockRequest", "required"),
            _required_with("lock"),
        ),
    ],
    # These three describe their PATCH ("Werk een BESLUIT deels bij", "Werk (een deel van) de applicatie
    # bij", "Werk een ABONNEMENT deels bij") with the full schema and its required fields: a partial update
    # requires none of them.
    "besluiten": [(("paths", "/besluiten/{uuid}", "patch", "requestBody"), _partial("Besluit"))],
    "autorisaties": [(("paths", "/applicaties/{uuid}", "patch", "requestBody"), _partial("Applicatie"))],
    "notificaties": [(("paths", "/abonnement/{uuid}", "patch", "requestBody"), _partial("Abonnement"))],
}


# Status codes every operation of a kind answers, whatever its OAS lists (each as the reference
# implementation answers; the fuzz run, scripts/fuzz.py, sends every kind of request):
# - a GET answers 404 for a page past the last, and 400 for an unknown or invalid query parameter, also
#   where only lists list them; any operation below a parent that does not exist (the audittrail or the
#   zaakeigenschappen of an unknown zaak) answers 404, as does a _zoek for a page past the last;
# - a HEAD answers what its GET answers, without a body (HTTP: 404 for an unknown uuid, 401, 403, 406);
#   a GET or HEAD that takes If-None-Match answers 304 when the ETag matches (RFC 9110; no body);
# - Notificaties 1.0.0 lists only 200 for POST /notificaties, which validates and authorises like any
#   other POST (400, 401, 403).
_PROBLEM = {
    status: {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    for status, description, schema in (
        ("400", "Bad request", "ValidatieFout"),
        ("401", "Unauthorized", "Fout"),
        ("403", "Forbidden", "Fout"),
        ("404", "Not found", "Fout"),
    )
}
_ALWAYS = {"get": ("400", "404")}
_NOTIFICATIES_POST = ("400", "401", "403")
_METHODS = {"get", "head", "post", "put", "patch", "delete"}


def _add_general_statuses(api: str, document: dict) -> None:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in _METHODS:  # path-level "parameters"
                continue
            statuses = _ALWAYS.get(method, ())
            if "_uuid}" in path or path.endswith("/_zoek"):  # an unknown parent; a page past the last
                statuses = (*statuses, "404")
            if api == "notificaties" and (path, method) == ("/notificaties", "post"):
                statuses = _NOTIFICATIES_POST
            for status in statuses:
                operation["responses"].setdefault(status, _PROBLEM[status])
        for method in ("get", "head"):
            if method in item and "If-None-Match" in str(item[method].get("parameters", [])):
                item[method]["responses"].setdefault("304", {"description": "Not modified"})
        if "head" in item and "get" in item:
            for status, response in item["get"]["responses"].items():
                item["head"]["responses"].setdefault(status, response)


format_checker = jsonschema.FormatChecker(formats=())


def _check(name):
    def decorator(function):
        format_checker.checks(name, raises=(ValueError, TypeError, isodate.ISO8601Error))(function)
        return function

    return decorator


@_check("date")
def _is_date(value):
    return not isinstance(value, str) or bool(date.fromisoformat(value)) and len(value) == 10


@_check("date-time")
def _is_datetime(value):
    return not isinstance(value, str) or bool(datetime.fromisoformat(value))


@_check("uri")
def _is_uri(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@_check("duration")
def _is_duration(value):
    return not isinstance(value, str) or isodate.parse_duration(value) is not None


@_check("uuid")
def _is_uuid(value):
    return not isinstance(value, str) or bool(UUID(value))


def _strict(node, in_combination: bool = False, document: dict | None = None):
    """OpenAPI 3.0 schema -> JSON Schema: ``nullable`` and closed objects.

    ``allOf`` of several object schemas is merged into one closed object (``ZaakExpanded`` =
    ``Zaak`` + ``_expand``, ``Point`` = ``Geometry`` + coordinates), so composition stays strict.
    """
    if isinstance(node, list):
        return [_strict(item, in_combination, document) for item in node]
    if not isinstance(node, dict):
        return node
    merged = _merged_all_of(node, document) if document is not None else None
    if merged is not None:
        return _strict(merged, False, document)
    converted = {}
    for key, value in node.items():
        if key in ("allOf", "anyOf", "oneOf"):
            converted[key] = _strict(value, len(value) > 1, document)
        elif key in ("properties",):
            converted[key] = {name: _strict(prop, False, document) for name, prop in value.items()}
        elif key in ("nullable", "discriminator", "example", "readOnly", "writeOnly", "xml", "externalDocs"):
            continue
        else:
            converted[key] = _strict(value, False, document)
    # Objects are closed, except where composition or a discriminator adds properties elsewhere.
    polymorphic = "discriminator" in node
    if "properties" in converted and "additionalProperties" not in converted and not (in_combination or polymorphic):
        converted["additionalProperties"] = False
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def _flat_object(node: dict, document: dict) -> dict | None:
    """An object schema with its own properties, after following $refs and nested allOf; None otherwise."""
    while "$ref" in node:
        target = document
        for key in node["$ref"].removeprefix("#/").split("/"):
            target = target[key]
        node = target
    if "discriminator" in node or "oneOf" in node or "anyOf" in node:
        return None
    properties, required = dict(node.get("properties", {})), list(node.get("required", []))
    for member in node.get("allOf", []):
        flat = _flat_object(member, document)
        if flat is None:
            return None
        properties.update(flat["properties"])
        required += flat["required"]
    return {"properties": properties, "required": required}


def _merged_all_of(node: dict, document: dict) -> dict | None:
    members = node.get("allOf")
    if not members or len(members) < 2:
        return None
    flats = [_flat_object(member, document) for member in members]
    if any(flat is None for flat in flats):
        return None
    merged = {key: value for key, value in node.items() if key != "allOf"}
    merged["type"] = "object"
    merged["properties"] = {name: prop for flat in flats for name, prop in flat["properties"].items()}
    merged["required"] = sorted({name for flat in flats for name in flat["required"]})
    if not merged["required"]:
        del merged["required"]
    return merged


@lru_cache
def spec(api: str) -> dict:
    offline = OFFLINE_DIR / SPEC_FILES[api]
    path = offline if offline.exists() else SPECS_DIR / SPEC_FILES[api]
    document = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for keys, replacement in ERRATA.get(api, []):
        node = document
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = replacement
    _add_general_statuses(api, document)
    return document


@lru_cache
def request_spec(api: str) -> dict:
    """The OAS with the errata of its request schemas applied as well (see REQUEST_ERRATA)."""
    document = copy.deepcopy(spec(api))
    for keys, correction in REQUEST_ERRATA.get(api, []):
        node = document
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = correction(document, node.get(keys[-1]))
    return document


@lru_cache
def _components(api: str) -> dict:
    return _strict(spec(api).get("components", {}), document=spec(api))


@lru_cache
def _operations(api: str) -> list[tuple[re.Pattern, dict]]:
    operations = []
    for template, item in spec(api)["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^}]+\}", r"[^/]+", template) + "/?$")
        operations.append((pattern, item))
    # Literal paths before templated ones (``/zaken/_zoek`` before ``/zaken/{uuid}``).
    operations.sort(key=lambda op: op[0].pattern.count("[^/]+"))
    return operations


def _api_and_path(url_path: str) -> tuple[str, str]:
    for api, mount in MOUNTS.items():
        if url_path.startswith(mount + "/"):
            return api, url_path[len(mount) :]
    raise AssertionError(f"{url_path} is not under any API mount")


def _resolve(api: str, node: dict) -> dict:
    while "$ref" in node:
        keys = node["$ref"].removeprefix("#/").split("/")
        node = spec(api)
        for key in keys:
            node = node[key]
    return node


def assert_oas(response) -> None:
    """Fail unless the response's status and body are what the OAS defines for this operation."""
    request = response.request
    api, path = _api_and_path(request.url.path)
    method = request.method.lower()
    item = next((item for pattern, item in _operations(api) if pattern.match(path)), None)
    assert item is not None, f"{request.method} {path} is not an operation of the {api} OAS"
    operation = item.get(method)
    assert operation is not None, f"{request.method} {path} is not an operation of the {api} OAS"
    status = str(response.status_code)
    assert status in operation["responses"], (
        f"{request.method} {path} answered {status}, which the OAS does not define "
        f"(defined: {', '.join(operation['responses'])}); body: {response.text[:500]}"
    )
    definition = _resolve(api, operation["responses"][status])
    content = definition.get("content")
    if not content or method == "head" or status == "304":
        assert not response.content, f"{request.method} {path} {status} must have no body"
        return
    media_type = response.headers.get("content-type", "").split(";")[0]
    assert media_type in content, f"content type {media_type} not in {list(content)}"
    schema = dict(_strict(content[media_type]["schema"], document=spec(api)))
    schema["components"] = _components(api)
    body = orjson.loads(response.content)
    errors = sorted(
        jsonschema.Draft7Validator(schema, format_checker=format_checker).iter_errors(body),
        key=lambda e: list(e.absolute_path),
    )
    assert not errors, f"{request.method} {path} {status} does not match the OAS:\n" + "\n".join(
        f"  at {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message[:300]}" for error in errors[:10]
    )


def assert_matches_schema(api: str, name: str, body) -> None:
    """Fail unless ``body`` is a valid ``name`` of the OAS (strict, with the errata): for bodies not in a response."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": _components(api)}
    errors = sorted(
        jsonschema.Draft7Validator(schema, format_checker=format_checker).iter_errors(body),
        key=lambda e: list(e.absolute_path),
    )
    assert not errors, f"{name} does not match the OAS:\n" + "\n".join(
        f"  at {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message[:300]}" for error in errors[:10]
    )
