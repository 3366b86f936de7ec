"""Every writable resource of the six APIs accepts the smallest body its OAS allows, and null where it allows null.

Generated from the OAS (with the request errata of ``tests/oas.py``): for every POST to a collection and
every PUT and PATCH of a resource, a body of only the required fields, each in valid form (a URL of an
existing resource, an enum value, a date, ...), must succeed with a response the OAS describes. A PATCH
sends nothing at all. Then every optional field the OAS marks ``nullable`` is sent as null, one at a time.

The resources the bodies refer to (a catalogus, a published zaaktype, a document, ...) are made once for
the module; a case that needs a parent of its own (a zaak for its one resultaat) makes that one.
"""

import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from tests.api.test_oas_required import APIS, VALIDATIONS, _deref, oas_required
from tests.besluiten.factories import besluit_body
from tests.catalogi.factories import (
    KLASSE_INGEWILLIGD_NIHIL,
    OMSCHRIJVING_TOEGEKEND,
    besluittype_body,
    create_catalogus,
    post,
    publish,
    zaaktype_body,
)
from tests.conftest import BASE, empty_database, make_api_client
from tests.documenten.factories import create_document, create_informatieobjecttype, lock
from tests.oas import assert_oas, request_spec
from tests.zaken.factories import CRS, RSIN, ZaakTypeSetup, create_zaak, create_zaaktype_setup
from tests.zaken.test_zaakinformatieobjecten import RemoteJson
from zaakgericht.api.urls import MOUNTS

ORGANISATIES = {"bronorganisatie", "verantwoordelijkeOrganisatie", "rsin"}
_counter = itertools.count(1)


# --- the world the bodies refer to -------------------------------------------------------------


@dataclass
class World:
    client: httpx.AsyncClient
    headers: dict
    catalogus: str
    zaaktype: ZaakTypeSetup  # published, with statustypen, roltypen, a resultaattype, eigenschappen
    concept_zaaktype: str  # for the catalogi's sub-types, which only a concept takes
    informatieobjecttype: dict
    besluittype: dict
    zaak: str
    document: str
    besluit: str
    remote: RemoteJson

    async def new_zaak(self) -> str:
        return (await create_zaak(self.client, self.headers, self.zaaktype.url))["url"]

    async def new_document(self) -> str:
        return (await create_document(self.client, self.headers, self.informatieobjecttype["url"]))["url"]

    async def new_besluit(self) -> str:
        response = await self.client.post(
            f"{BASE}/besluiten/api/v1/besluiten", json=besluit_body(self.besluittype["url"]), headers=self.headers
        )
        assert response.status_code == 201, response.text
        return response.json()["url"]


@pytest.fixture(scope="module", autouse=True)
async def clean_tables():
    """The world lives for the module (overrides the per-test cleaning), and is gone after it."""
    yield
    await empty_database()


@pytest.fixture(scope="module")
async def world(app) -> World:
    await empty_database()
    headers = await make_api_client("conformance", alle=True)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)
    catalogus = (await create_catalogus(client, headers))["url"]
    iot = await create_informatieobjecttype(client, headers, catalogus)
    besluittype = await post(
        client, headers, "besluittypen", besluittype_body(catalogus, informatieobjecttypen=[iot["omschrijving"]])
    )
    besluittype = await publish(client, headers, besluittype["url"])
    setup = await create_zaaktype_setup(
        client, headers, catalogus=catalogus, publish_it=False, besluittypen=[besluittype["omschrijving"]]
    )
    await post(
        client,
        headers,
        "zaaktype-informatieobjecttypen",
        {"zaaktype": setup.url, "informatieobjecttype": iot["omschrijving"], "volgnummer": 1, "richting": "inkomend"},
    )
    await publish(client, headers, setup.url)
    concept = await post(client, headers, "zaaktypen", zaaktype_body(catalogus, identificatie="ZT-CONCEPT"))
    with RemoteJson() as remote:
        world = World(client, headers, catalogus, setup, concept["url"], iot, besluittype, "", "", "", remote)
        world.zaak = await world.new_zaak()
        world.document = await world.new_document()
        world.besluit = await world.new_besluit()
        yield world
    await client.aclose()


# --- valid values ------------------------------------------------------------------------------

Value = Callable[[World], Awaitable[Any]]


def _const(value) -> Value:
    async def make(_world: World):
        return value

    return make


def _world(attribute: str) -> Value:
    async def make(world: World):
        value = world
        for part in attribute.split("."):
            if isinstance(value, list):
                value = value[int(part)]
            elif isinstance(value, dict):
                value = value[part]
            else:
                value = getattr(value, part)
        return value

    return make


def _fresh(method: str) -> Value:
    async def make(world: World):
        return await getattr(world, method)()

    return make


def _remote(template: str, document: dict) -> Value:
    """A new resource of another installation (served over HTTP on 127.0.0.1)."""

    async def make(world: World):
        return world.remote.add(template.format(next(_counter)), document)

    return make


def _unique(template: str, convert: Callable[[str], Any] = str) -> Value:
    async def make(_world: World):
        return convert(template.format(next(_counter)))

    return make


# Values of required fields that the form alone does not give: references to existing resources, and
# values that must be unique. Keyed by (api, path of the collection, field), or (api, "*", field).
VALUES: dict[tuple[str, str, str], Value] = {
    ("catalogi", "*", "catalogus"): _world("catalogus"),
    ("catalogi", "*", "zaaktype"): _world("concept_zaaktype"),
    ("catalogi", "*", "informatieobjecttype"): _world("informatieobjecttype.omschrijving"),
    ("catalogi", "*", "identificatie"): _unique("ZT-{}"),
    ("catalogi", "*", "omschrijving"): _unique("Omschrijving {}"),
    ("catalogi", "*", "volgnummer"): _unique("{}", int),
    ("catalogi", "*", "naam"): _unique("naam{}"),
    # A sub-type's geldigheid is the zaaktype's (tests.catalogi.factories.zaaktype_body).
    ("catalogi", "*", "beginGeldigheid"): _const("2026-01-01"),
    ("catalogi", "/catalogussen", "domein"): _unique("D{}"),
    ("catalogi", "/resultaattypen", "resultaattypeomschrijving"): _const(OMSCHRIJVING_TOEGEKEND),
    ("catalogi", "/resultaattypen", "selectielijstklasse"): _const(KLASSE_INGEWILLIGD_NIHIL),
    ("catalogi", "/resultaattypen", "omschrijving"): _unique("Resultaat {}"),
    ("catalogi", "/zaakobjecttypen", "objecttype"): _const("https://objecttypen.nl/boom"),
    ("catalogi", "/zaaktypen", "productenOfDiensten"): _const([]),
    ("zaken", "*", "zaaktype"): _world("zaaktype.url"),
    ("zaken", "*", "zaak"): _world("zaak"),
    ("zaken", "*", "statustype"): _world("zaaktype.statustypen.0"),
    ("zaken", "*", "roltype"): _world("zaaktype.roltypen.behandelaar"),
    ("zaken", "*", "resultaattype"): _world("zaaktype.resultaattype"),
    ("zaken", "*", "eigenschap"): _world("zaaktype.eigenschappen.datum_vervallen"),
    ("zaken", "*", "waarde"): _const("20260302"),
    ("zaken", "*", "informatieobject"): _fresh("new_document"),
    # A besluit of this installation names its zaak itself (brc-006); one elsewhere is told to us.
    ("zaken", "*", "besluit"): _remote("/besluiten/api/v1/besluiten/{}", {"besluittype": "https://elders.nl/bt/1"}),
    ("zaken", "*", "contactmoment"): _remote("/contactmomenten/api/v1/contactmomenten/{}", {"url": "x"}),
    ("zaken", "*", "verzoek"): _remote("/verzoeken/api/v1/verzoeken/{}", {"url": "x"}),
    ("zaken", "/resultaten", "zaak"): _fresh("new_zaak"),
    ("documenten", "*", "informatieobjecttype"): _world("informatieobjecttype.url"),
    ("documenten", "*", "informatieobject"): _world("document"),
    ("documenten", "*", "taal"): _const("dut"),
    ("documenten", "/verzendingen", "betrokkene"): _const("https://klanten.nl/api/v1/klanten/1"),
    ("documenten", "/verzendingen", "contactPersoon"): _const("https://medewerkers.nl/api/v1/medewerkers/1"),
    ("besluiten", "*", "besluittype"): _world("besluittype.url"),
    ("besluiten", "*", "besluit"): _fresh("new_besluit"),
    ("besluiten", "*", "informatieobject"): _fresh("new_document"),
    ("autorisaties", "*", "clientIds"): _unique("client-{}", lambda client_id: [client_id]),
    ("notificaties", "*", "naam"): _unique("kanaal-{}"),
    ("notificaties", "/notificaties", "kanaal"): _const("zaken"),
    ("notificaties", "*", "callbackUrl"): _const("https://ontvanger.nl/callback"),
    ("notificaties", "*", "hoofdObject"): _const("https://zaken.nl/api/v1/zaken/1"),
    ("notificaties", "*", "resourceUrl"): _const("https://zaken.nl/api/v1/zaken/1"),
}


async def _objectinformatieobject(world: World) -> dict:
    """drc-002..004: the object (here a zaak elsewhere) has the zaakinformatieobject this one mirrors."""
    document = await world.new_document()
    zaak = world.remote.add(f"/zaken/api/v1/zaken/{next(_counter)}", {"url": "x"})
    query = urlencode({"zaak": zaak, "informatieobject": document})
    world.remote.add(f"/zaken/api/v1/zaakinformatieobjecten?{query}", [{"zaak": zaak, "informatieobject": document}])
    return {"informatieobject": document, "object": zaak, "objectType": "zaak"}


# What the standard's behaviour rules (and the reference implementation's, where named) add to the OAS's
# smallest body, by (api, collection).
RULES: dict[tuple[str, str], Callable[[World], Awaitable[dict]]] = {
    # Documenten 1.5.0, "Verzending": a verzending is always to exactly one adres.
    ("documenten", "/verzendingen"): _const({"mijnOverheid": True}),
    ("documenten", "/objectinformatieobjecten"): _objectinformatieobject,
    # ac-002: autorisaties, or heeftAlleAutorisaties.
    ("autorisaties", "/applicaties"): _const({"heeftAlleAutorisaties": True}),
    # The reference implementation's invalid-betrokkene: a betrokkene or its betrokkeneIdentificatie.
    ("zaken", "/rollen"): _const({"betrokkene": "https://klanten.nl/api/v1/klanten/1"}),
    # Likewise a zaakobject's object or its objectIdentificatie.
    ("zaken", "/zaakobjecten"): lambda world: _fields(object=_remote("/panden/{}", {"url": "x"})(world)),
}


async def _fields(**values: Awaitable[Any]) -> dict:
    return {name: await value for name, value in values.items()}


async def smallest_body(world: World, api: str, collection: str, schema: dict) -> dict:
    """The OAS's required fields, in valid form, with what the behaviour rules add."""
    rules = RULES.get((api, collection))
    added = await rules(world) if rules else {}
    return {**await minimal_object(world, api, collection, schema, skip=set(added)), **added}


def _value_source(api: str, collection: str, name: str) -> Value | None:
    return VALUES.get((api, collection, name)) or VALUES.get((api, "*", name))


async def valid_value(world: World, api: str, collection: str, name: str, node: dict) -> Any:
    """A valid value for a required field: from VALUES, else made from its schema."""
    source = _value_source(api, collection, name)
    if source is not None:
        return await source(world)
    schema = _deref(api, node)
    if "oneOf" in schema:
        schema = _deref(api, schema["oneOf"][0])
    if name in ORGANISATIES:
        return RSIN
    if schema.get("enum"):
        return next(choice for choice in schema["enum"] if choice not in ("", None))
    kind, form = schema.get("type"), schema.get("format")
    if kind == "object" or "properties" in schema:
        return await minimal_object(world, api, collection, schema)
    if kind == "array":
        return []
    if kind == "boolean":
        return False
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if form == "uri":
        raise AssertionError(f"no existing resource for {api} {collection} {name}: add it to VALUES")
    if form == "date":
        return "2026-03-02"
    if form == "date-time":
        return "2026-03-02T10:00:00+01:00"
    if form == "duration":
        return "P1D"
    return "x" * max(schema.get("minLength", 1), 1)


async def minimal_object(world: World, api: str, collection: str, schema: dict, skip: set = frozenset()) -> dict:
    properties = schema.get("properties", {})
    return {
        name: await valid_value(world, api, collection, name, properties[name])
        for name in sorted(oas_required(api, schema) - skip)
    }


def _nullable(api: str, node: dict) -> bool:
    """``nullable: true`` on the property or what it refers to, or a ``oneOf`` with a null enum."""
    while True:
        if node.get("nullable"):
            return True
        if any(_deref(api, option).get("enum") == [None] for option in node.get("oneOf", [])):
            return True
        if "$ref" in node or (len(node.get("allOf", [])) == 1 and "properties" not in node):
            next_node = _deref(api, {"$ref": node["$ref"]} if "$ref" in node else node["allOf"][0])
            if next_node is node:
                return False
            node = next_node
        else:
            return False


# --- the cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    api: str
    method: str
    path: str  # the path in the OAS
    schema: dict
    null_field: str | None = None

    @property
    def collection(self) -> str:
        return self.path.removesuffix("/{uuid}")

    @property
    def id(self) -> str:
        return f"{self.api} {self.method} {self.path}" + (f" {self.null_field}=null" if self.null_field else "")


# Operations with a body that do not write a resource of their own, tested in their own files.
NOT_A_RESOURCE = {
    ("catalogi", "POST", "/zaaktypen/{uuid}/publish"),  # no body is read
    ("zaken", "POST", "/zaken/_zoek"),
    ("documenten", "POST", "/enkelvoudiginformatieobjecten/_zoek"),
    ("documenten", "POST", "/enkelvoudiginformatieobjecten/{uuid}/unlock"),
    ("documenten", "PUT", "/bestandsdelen/{uuid}"),  # multipart: tests/documenten/test_bestandsdelen.py
}


def _cases() -> list[Case]:
    cases = []
    for api in APIS:
        for path, item in request_spec(api)["paths"].items():
            for method in ("post", "put", "patch"):
                body = item.get(method, {}).get("requestBody")
                if body is None or (api, method.upper(), path) in NOT_A_RESOURCE:
                    continue
                schema = _deref(api, _deref(api, body)["content"]["application/json"]["schema"])
                case = Case(api, method.upper(), path, schema)
                cases.append(case)
                if method == "patch":
                    continue
                cases += [Case(api, method.upper(), path, schema, name) for name in _nullable_fields(api, schema)]
    return cases


def _nullable_fields(api: str, schema: dict, prefix: str = "") -> list[str]:
    """The optional fields that may be null, and those of the objects in the body ("parent.field")."""
    fields = []
    required = oas_required(api, schema)
    for name, prop in schema.get("properties", {}).items():
        if prop.get("readOnly"):
            continue
        if name not in required and _nullable(api, prop):
            fields.append(prefix + name)
        nested = _deref(api, prop)
        if "properties" in nested and not prefix:
            fields += _nullable_fields(api, nested, f"{name}.")
    return fields


CASES = _cases()


def _url(api: str, path: str) -> str:
    return f"{BASE}{MOUNTS[api]}{path}"


async def _create(world: World, case: Case) -> dict:
    """A resource made with the smallest body its POST takes."""
    post_schema = _deref(api := case.api, request_spec(api)["paths"][case.collection]["post"]["requestBody"])
    schema = _deref(api, post_schema["content"]["application/json"]["schema"])
    body = await smallest_body(world, api, case.collection, schema)
    url = _url(api, _resource_path(case, world))
    response = await world.client.post(url, json=body, headers={**world.headers, **CRS})
    assert response.is_success, f"POST {url} {body}: {response.text}"
    return response.json()


def _resource_path(case: Case, world: World) -> str:
    """The collection path with the zaak filled in, for the sub-resources of a zaak."""
    return case.collection.replace("{zaak_uuid}", world.zaak.rsplit("/", 1)[-1])


async def _set_null(world: World, case: Case, body: dict) -> None:
    """The case's field null; a field of an object in the body goes in that object's smallest form."""
    if "." not in case.null_field:
        body[case.null_field] = None
        return
    parent, name = case.null_field.split(".")
    schema = _deref(case.api, case.schema["properties"][parent])
    body[parent] = {**await minimal_object(world, case.api, case.collection, schema), name: None}


def test_every_operation_with_a_body_is_a_case_or_tested_elsewhere():
    operations = {(case.api, case.method, case.path) for case in CASES} | NOT_A_RESOURCE
    assert operations == set(VALIDATIONS), "an operation is neither generated nor named in NOT_A_RESOURCE"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_the_smallest_body_is_accepted(world: World, case: Case):
    api = case.api
    body = {} if case.method == "PATCH" else await smallest_body(world, api, case.collection, case.schema)
    if case.method == "POST":
        url = _url(api, _resource_path(case, world))
    else:
        created = await _create(world, case)
        url = created["url"]
        # A PUT sends the resource's own values back, as fields that may not change must keep them.
        body = {name: created.get(name, value) for name, value in body.items()}
        if api == "documenten" and case.collection == "/enkelvoudiginformatieobjecten":
            body["lock"] = await lock(world.client, world.headers, url)
    if case.null_field:
        await _set_null(world, case, body)
    response = await world.client.request(case.method, url, json=body, headers={**world.headers, **CRS})
    assert_oas(response)
    assert response.is_success, f"{case.method} {url} {body}: {response.status_code} {response.text}"
