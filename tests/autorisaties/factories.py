"""Request bodies, helpers and OAS checks for the Autorisaties API tests."""

import jsonschema
import orjson

from tests.oas import _components, assert_oas, format_checker, spec

AUTORISATIES = "http://testserver/autorisaties/api/v1"
APPLICATIES = f"{AUTORISATIES}/applicaties"
CONSUMER = f"{APPLICATIES}/consumer"

ZAAKTYPE = "https://catalogi.example.com/catalogi/api/v1/zaaktypen/0b4f1f3a-1d3c-4a7e-9d2c-3f7b1c2d4e5f"
INFORMATIEOBJECTTYPE = (
    "https://catalogi.example.com/catalogi/api/v1/informatieobjecttypen/1c5a2b4c-2e4d-4b8f-8e3d-4a8c2d3e5f60"
)
BESLUITTYPE = "https://catalogi.example.com/catalogi/api/v1/besluittypen/2d6b3c5d-3f5e-4c90-9f4e-5b9d3e4f6071"

# Besides component, componentWeergave and scopes: the fields each component's autorisaties carry.
COMPONENT_FIELDS = {
    "zrc": {"zaaktype", "maxVertrouwelijkheidaanduiding"},
    "drc": {"informatieobjecttype", "maxVertrouwelijkheidaanduiding"},
    "brc": {"besluittype"},
}


def zrc(**overrides) -> dict:
    return {
        "component": "zrc",
        "scopes": ["zaken.lezen", "zaken.bijwerken"],
        "zaaktype": ZAAKTYPE,
        "maxVertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        **overrides,
    }


def drc(**overrides) -> dict:
    return {
        "component": "drc",
        "scopes": ["documenten.lezen"],
        "informatieobjecttype": INFORMATIEOBJECTTYPE,
        "maxVertrouwelijkheidaanduiding": "openbaar",
        **overrides,
    }


def brc(**overrides) -> dict:
    return {"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": BESLUITTYPE, **overrides}


def ztc(**overrides) -> dict:
    return {"component": "ztc", "scopes": ["catalogi.lezen"], **overrides}


def applicatie_body(**overrides) -> dict:
    return {
        "clientIds": ["zaakapp"],
        "label": "Zaakapplicatie",
        "heeftAlleAutorisaties": False,
        "autorisaties": [ztc(), zrc()],
        **overrides,
    }


def _validate(schema_name: str, instance, *, closed: bool = True) -> None:
    # The closed (strict) schemas close each part of an allOf on its own, which no object can satisfy;
    # the component schemas are checked against the open OAS and closed by hand below.
    components = _components("autorisaties") if closed else spec("autorisaties")["components"]
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": components}
    errors = list(jsonschema.Draft7Validator(schema, format_checker=format_checker).iter_errors(instance))
    assert not errors, f"not a valid {schema_name}: " + "; ".join(e.message[:200] for e in errors[:5])


def assert_autorisaties_fit_their_component(applicatie: dict) -> None:
    """The OAS's AutorisatieBase is polymorphic (discriminator ``component``), so the generic check
    cannot close it: validate each autorisatie against its component's schema, with no other fields."""
    for autorisatie in applicatie["autorisaties"]:
        _validate(autorisatie["component"], autorisatie, closed=False)
        allowed = {"component", "componentWeergave", "scopes"} | COMPONENT_FIELDS.get(autorisatie["component"], set())
        assert set(autorisatie) <= allowed, f"unexpected fields {set(autorisatie) - allowed}"


def assert_applicatie_oas(response) -> None:
    assert_oas(response)
    if response.status_code in (200, 201) and response.content:
        body = orjson.loads(response.content)
        for applicatie in body["results"] if "results" in body else [body]:
            assert_autorisaties_fit_their_component(applicatie)


async def create_applicatie(client, headers, **overrides) -> dict:
    response = await client.post(APPLICATIES, json=applicatie_body(**overrides), headers=headers)
    assert_applicatie_oas(response)
    assert response.status_code == 201, response.text
    return response.json()
