"""Rollen: betrokkenen of a zaak (zrc-019), their identificaties per betrokkeneType, filters and authorisation."""

import jsonschema
import pytest

from tests.conftest import count_queries, make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import _components, assert_oas, format_checker
from tests.zaken.factories import ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, get, zaken_post

ROLLEN = f"{ZAKEN}/rollen"


def assert_shape(value, schema: str) -> None:
    """``value`` is exactly the OAS component ``schema`` (closed objects, nullable as the OAS says).

    The response validator leaves objects with a discriminator open, so the nested identificaties
    of rollen and zaakobjecten are checked here against their own component schema."""
    root = {"$ref": f"#/components/schemas/{schema}", "components": _components("zaken")}
    errors = list(jsonschema.Draft7Validator(root, format_checker=format_checker).iter_errors(value))
    assert not errors, [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors]


def assert_contains(actual: dict, expected: dict) -> None:
    """Every key of ``expected`` is in ``actual`` with that value (nested objects may have more keys)."""
    for key, value in expected.items():
        if isinstance(value, dict):
            assert_contains(actual[key], value)
        else:
            assert actual[key] == value, key


def rol_body(zaak: str, roltype: str, **overrides) -> dict:
    return {
        "zaak": zaak,
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": roltype,
        "roltoelichting": "Aanvrager van de vergunning",
        "betrokkeneIdentificatie": {"inpBsn": "123456782", "geslachtsnaam": "Jansen"},
        **overrides,
    }


async def create_rol(client, headers, zaak: str, roltype: str, status: int = 201, **overrides) -> dict:
    return await zaken_post(client, headers, "rollen", rol_body(zaak, roltype, **overrides), status)


async def other_zaaktype(client, headers, zaaktype):
    """A second published zaaktype in the same catalogus."""
    return await create_zaaktype_setup(client, headers, catalogus=zaaktype.catalogus, identificatie="ZT-ANDER")


@pytest.fixture
async def zaak(client, superuser, zaaktype) -> dict:
    return await create_zaak(client, superuser, zaaktype.url)


async def test_create_rol_copies_the_roltype_and_answers_the_full_identificatie(client, superuser, zaaktype, zaak):
    rol = await create_rol(
        client,
        superuser,
        zaak["url"],
        zaaktype.roltypen["initiator"],
        betrokkeneIdentificatie={
            "inpBsn": "123456782",
            "inpA_nummer": "",
            "geslachtsnaam": "Jansen",
            "verblijfsadres": {
                "aoaIdentificatie": "0518200000000001",
                "wplWoonplaatsNaam": "Voorbeeldstad",
                "gorOpenbareRuimteNaam": "Dorpsstraat",
                "aoaHuisnummer": 1,
            },
            "onbekendVeld": "wordt genegeerd",
        },
        contactpersoonRol={"naam": "P. Jansen", "emailadres": "p.jansen@example.nl"},
    )

    assert (rol["omschrijving"], rol["omschrijvingGeneriek"]) == ("Aanvrager", "initiator")
    assert rol["registratiedatum"].endswith("Z") and rol["statussen"] == []
    assert "betrokkene" not in rol  # a URI field without a value: neither "" nor null is allowed
    assert_shape(rol["betrokkeneIdentificatie"], "RolNatuurlijkPersoon")
    assert rol["betrokkeneIdentificatie"]["verblijfsadres"]["aoaHuisletter"] == ""
    assert rol["betrokkeneIdentificatie"]["subVerblijfBuitenland"] is None
    assert "inpA_nummer" not in rol["betrokkeneIdentificatie"]  # "" does not match its pattern
    assert "onbekendVeld" not in rol["betrokkeneIdentificatie"]
    assert_shape(rol["contactpersoonRol"], "ContactPersoonRol")
    assert rol["url"] in (await get(client, superuser, zaak["url"]))["rollen"]
    assert await get(client, superuser, rol["url"]) == rol


@pytest.mark.parametrize(
    ("betrokkene_type", "identificatie", "schema"),
    [
        ("natuurlijk_persoon", {"anpIdentificatie": "A1", "inpA_nummer": "1234567890"}, "RolNatuurlijkPersoon"),
        (
            "niet_natuurlijk_persoon",
            {"innNnpId": "123456782", "statutaireNaam": "Bakkerij BV", "innRechtsvorm": "besloten_vennootschap"},
            "RolNietNatuurlijkPersoon",
        ),
        (
            "vestiging",
            {
                "vestigingsNummer": "000012345678",
                "handelsnaam": ["Bakkerij"],
                "subVerblijfBuitenland": {"lndLandcode": "BE", "lndLandnaam": "België"},
            },
            "RolVestiging",
        ),
        ("organisatorische_eenheid", {"identificatie": "VERG", "naam": "Vergunningen"}, "RolOrganisatorischeEenheid"),
        ("medewerker", {"identificatie": "m.devries", "achternaam": "De Vries"}, "RolMedewerker"),
    ],
)
async def test_betrokkene_type_selects_the_shape_of_the_identificatie(
    client, superuser, zaaktype, zaak, betrokkene_type, identificatie, schema
):
    rol = await create_rol(
        client,
        superuser,
        zaak["url"],
        zaaktype.roltypen["behandelaar"],
        betrokkeneType=betrokkene_type,
        betrokkeneIdentificatie=identificatie,
    )
    assert_shape(rol["betrokkeneIdentificatie"], schema)
    assert_contains(rol["betrokkeneIdentificatie"], identificatie)


async def test_identificatie_is_validated_against_the_oas_schema_of_its_type(client, superuser, zaaktype, zaak):
    response = await client.post(
        ROLLEN,
        headers=superuser,
        json=rol_body(
            zaak["url"],
            zaaktype.roltypen["initiator"],
            betrokkeneIdentificatie={
                "inpBsn": "1234567890",
                "geslachtsaanduiding": "x",
                "verblijfsadres": {"aoaHuisnummer": "een"},
            },
        ),
    )
    assert_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {
        "betrokkeneIdentificatie.inpBsn": "max_length",
        "betrokkeneIdentificatie.geslachtsaanduiding": "invalid_choice",
        "betrokkeneIdentificatie.verblijfsadres.aoaHuisnummer": "invalid",
        "betrokkeneIdentificatie.verblijfsadres.aoaIdentificatie": "required",
        "betrokkeneIdentificatie.verblijfsadres.gorOpenbareRuimteNaam": "required",
        "betrokkeneIdentificatie.verblijfsadres.wplWoonplaatsNaam": "required",
    }

    # The shape follows betrokkeneType: a vestigingsNummer is not a field of a natuurlijk persoon.
    response = await client.post(
        ROLLEN,
        headers=superuser,
        json=rol_body(
            zaak["url"], zaaktype.roltypen["initiator"], betrokkeneType="vestiging", betrokkeneIdentificatie=[]
        ),
    )
    assert_oas(response)
    assert invalid_params(response) == {"betrokkeneIdentificatie": "invalid"}


async def test_betrokkene_url_or_identificatie_is_required(client, superuser, zaaktype, zaak):
    body = rol_body(zaak["url"], zaaktype.roltypen["initiator"], betrokkeneIdentificatie=None)
    response = await client.post(ROLLEN, headers=superuser, json=body)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "invalid-betrokkene"}

    rol = await create_rol(
        client,
        superuser,
        zaak["url"],
        zaaktype.roltypen["initiator"],
        betrokkene="https://brp.example.nl/ingeschrevenpersonen/123456782",
        betrokkeneIdentificatie=None,
    )
    assert rol["betrokkene"] == "https://brp.example.nl/ingeschrevenpersonen/123456782"
    assert "betrokkeneIdentificatie" not in rol


async def test_roltype_must_belong_to_the_zaaktype_zrc_019(client, superuser, zaaktype, zaak):
    other = await other_zaaktype(client, superuser, zaaktype)
    response = await client.post(ROLLEN, headers=superuser, json=rol_body(zaak["url"], other.roltypen["initiator"]))
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "zaaktype-mismatch"}


async def test_bad_input_is_a_400_with_the_standards_codes(client, superuser, zaaktype, zaak):
    response = await client.post(
        ROLLEN, headers={**superuser, "Content-Type": "application/json"}, content=b'{"zaak": '
    )
    assert_oas(response)
    assert response.json()["code"] == "parse_error"

    response = await client.post(
        ROLLEN,
        headers=superuser,
        json={"zaak": 12, "betrokkeneType": "robot", "roltype": "geen-url", "contactpersoonRol": {"emailadres": "x"}},
    )
    assert_oas(response)
    assert invalid_params(response) == {
        "zaak": "invalid",
        "betrokkeneType": "invalid_choice",
        "roltype": "invalid",
        "roltoelichting": "required",
        "contactpersoonRol.emailadres": "invalid",
        "contactpersoonRol.naam": "required",
    }

    unknown_zaak = f"{ZAKEN}/zaken/00000000-0000-0000-0000-000000000000"
    response = await client.post(ROLLEN, headers=superuser, json=rol_body(unknown_zaak, zaaktype.roltypen["initiator"]))
    assert_oas(response)
    assert invalid_params(response) == {"zaak": "bad-url"}


async def test_rollen_have_no_update(client, superuser, zaaktype, zaak):
    rol = await create_rol(client, superuser, zaak["url"], zaaktype.roltypen["initiator"])
    for method in ("PUT", "PATCH"):
        response = await client.request(method, rol["url"], headers=superuser, json=rol)
        assert response.status_code == 405


async def test_create_and_delete_are_notified_and_in_the_audit_trail(client, superuser, zaaktype, zaak):
    rol = await create_rol(client, superuser, zaak["url"], zaaktype.roltypen["initiator"])
    response = await client.delete(rol["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert (await client.get(rol["url"], headers=superuser)).status_code == 404

    rol_messages = [m for m in await outbox_payloads() if m["resource"] == "rol"]
    assert [(m["actie"], m["resourceUrl"], m["hoofdObject"]) for m in rol_messages] == [
        ("create", rol["url"], zaak["url"]),
        ("destroy", rol["url"], zaak["url"]),
    ]
    assert rol_messages[0]["kenmerken"] == {
        "bronorganisatie": zaak["bronorganisatie"],
        "zaaktype": zaaktype.url,
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
    }
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    entries = [entry for entry in trail if entry["resource"] == "rol"]
    assert [(e["actie"], e["resourceWeergave"]) for e in entries] == [("create", "Aanvrager"), ("destroy", "Aanvrager")]
    assert entries[0]["wijzigingen"] == {"nieuw": rol}
    assert entries[1]["wijzigingen"] == {"oud": rol}


async def test_statussen_set_by_a_rol_are_listed_on_it(client, superuser, zaaktype, zaak):
    rol = await create_rol(client, superuser, zaak["url"], zaaktype.roltypen["behandelaar"])
    status = await zaken_post(
        client,
        superuser,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": zaaktype.statustypen[0],
            "datumStatusGezet": "2026-03-03T09:00:00+01:00",
            "gezetdoor": rol["url"],
        },
    )
    assert (await get(client, superuser, rol["url"]))["statussen"] == [status["url"]]


async def test_detail_has_an_etag_head_and_304(client, superuser, zaaktype, zaak):
    rol = await create_rol(client, superuser, zaak["url"], zaaktype.roltypen["initiator"])
    response = await client.get(rol["url"], headers=superuser)
    assert_oas(response)
    etag = response.headers["ETag"]
    head = await client.head(rol["url"], headers=superuser)
    assert_oas(head)
    assert head.status_code == 200 and head.headers["ETag"] == etag and not head.content
    cached = await client.get(rol["url"], headers={**superuser, "If-None-Match": etag})
    assert cached.status_code == 304 and not cached.content


async def test_every_filter_of_the_oas(client, superuser, zaaktype, zaak):
    other_zaak = await create_zaak(client, superuser, zaaktype.url)
    initiator, behandelaar = zaaktype.roltypen["initiator"], zaaktype.roltypen["behandelaar"]
    persoon = await create_rol(
        client,
        superuser,
        zaak["url"],
        initiator,
        betrokkene="https://brp.example.nl/personen/1",
        betrokkeneIdentificatie={"inpBsn": "123456782", "anpIdentificatie": "ANP1", "inpA_nummer": "1234567890"},
    )
    bedrijf = await create_rol(
        client,
        superuser,
        other_zaak["url"],
        initiator,
        betrokkeneType="niet_natuurlijk_persoon",
        betrokkeneIdentificatie={"innNnpId": "111222333", "annIdentificatie": "ANN1"},
    )
    vestiging = await create_rol(
        client,
        superuser,
        zaak["url"],
        behandelaar,
        betrokkeneType="vestiging",
        betrokkeneIdentificatie={"vestigingsNummer": "V1"},
    )
    eenheid = await create_rol(
        client,
        superuser,
        zaak["url"],
        behandelaar,
        betrokkeneType="organisatorische_eenheid",
        betrokkeneIdentificatie={"identificatie": "X1"},
    )
    medewerker = await create_rol(
        client,
        superuser,
        zaak["url"],
        behandelaar,
        betrokkeneType="medewerker",
        betrokkeneIdentificatie={"identificatie": "X1"},
    )
    identificatie = "betrokkeneIdentificatie__"
    expectations = {
        "zaak": (other_zaak["url"], [bedrijf]),
        "betrokkene": ("https://brp.example.nl/personen/1", [persoon]),
        "betrokkeneType": ("vestiging", [vestiging]),
        f"{identificatie}natuurlijkPersoon__inpBsn": ("123456782", [persoon]),
        f"{identificatie}natuurlijkPersoon__anpIdentificatie": ("ANP1", [persoon]),
        f"{identificatie}natuurlijkPersoon__inpA_nummer": ("1234567890", [persoon]),
        f"{identificatie}nietNatuurlijkPersoon__innNnpId": ("111222333", [bedrijf]),
        f"{identificatie}nietNatuurlijkPersoon__annIdentificatie": ("ANN1", [bedrijf]),
        f"{identificatie}vestiging__vestigingsNummer": ("V1", [vestiging]),
        f"{identificatie}organisatorischeEenheid__identificatie": ("X1", [eenheid]),
        f"{identificatie}medewerker__identificatie": ("X1", [medewerker]),
        "roltype": (behandelaar, [vestiging, eenheid, medewerker]),
        "omschrijving": ("Aanvrager", [persoon, bedrijf]),
        "omschrijvingGeneriek": ("behandelaar", [vestiging, eenheid, medewerker]),
    }
    for name, (value, expected) in expectations.items():
        page = await get(client, superuser, ROLLEN, **{name: value})
        assert [rol["url"] for rol in page["results"]] == [rol["url"] for rol in expected], name
        assert page["count"] == len(expected)

    for params, code in (({"onbekend": "x"}, "unknown-parameters"), ({"betrokkeneType": "robot"}, "invalid_choice")):
        response = await client.get(ROLLEN, headers=superuser, params=params)
        assert_oas(response)
        assert response.status_code == 400 and response.json()["invalidParams"][0]["code"] == code
    response = await client.get(ROLLEN, headers=superuser, params={"zaak": "geen-url"})
    assert_oas(response)
    assert invalid_params(response) == {"zaak": "invalid"}


async def test_a_list_costs_the_same_queries_for_1_and_50_rollen(client, superuser, zaaktype, zaak):
    await create_rol(client, superuser, zaak["url"], zaaktype.roltypen["initiator"])

    async def list_queries() -> int:
        with count_queries() as counted:
            page = await get(client, superuser, ROLLEN)
        return counted[0], page["count"]

    one = await list_queries()
    for _ in range(49):
        await create_rol(client, superuser, zaak["url"], zaaktype.roltypen["behandelaar"])
    fifty = await list_queries()
    assert (one[1], fifty[1]) == (1, 50)
    assert one[0] == fifty[0]


async def test_clients_see_only_rollen_of_zaken_they_may_read_zrc_006(client, superuser, zaaktype, zaak):
    rol = await create_rol(client, superuser, zaak["url"], zaaktype.roltypen["initiator"])
    other = await other_zaaktype(client, superuser, zaaktype)
    stranger = await make_api_client("vreemde", scopes=["zaken.lezen", "zaken.bijwerken"], zaaktypen=[other.url])
    assert (await get(client, stranger, ROLLEN))["count"] == 0
    response = await client.get(rol["url"], headers=stranger)
    assert_oas(response)
    assert response.status_code == 404

    for response in (
        await client.post(ROLLEN, headers=stranger, json=rol_body(zaak["url"], zaaktype.roltypen["initiator"])),
        await client.delete(rol["url"], headers=stranger),
    ):
        assert_oas(response)
        assert response.status_code == 403

    reader = await make_api_client("lezer", scopes=["zaken.lezen"], zaaktypen=[zaaktype.url])
    assert (await get(client, reader, ROLLEN))["count"] == 1
    other_zaak = await create_zaak(client, superuser, zaaktype.url)
    assert (await get(client, reader, ROLLEN, zaak=zaak["url"]))["count"] == 1
    assert (await get(client, reader, ROLLEN, zaak=other_zaak["url"]))["count"] == 0
    response = await client.post(ROLLEN, headers=reader, json=rol_body(zaak["url"], zaaktype.roltypen["initiator"]))
    assert_oas(response)
    assert response.status_code == 403  # the OAS asks zaken.bijwerken


async def test_a_closed_zaak_takes_rollen_only_with_geforceerd_bijwerken_zrc_007(client, superuser, zaaktype, zaak):
    await close_zaak(client, superuser, zaaktype, zaak["url"])
    bijwerker = await make_api_client("bijwerker", scopes=["zaken.bijwerken"], zaaktypen=[zaaktype.url])
    body = rol_body(zaak["url"], zaaktype.roltypen["initiator"])
    response = await client.post(ROLLEN, headers=bijwerker, json=body)
    assert_oas(response)
    assert response.status_code == 403

    forceerder = await make_api_client("forceerder", scopes=["zaken.geforceerd-bijwerken"], zaaktypen=[zaaktype.url])
    rol = await create_rol(client, forceerder, zaak["url"], zaaktype.roltypen["initiator"])
    assert (await client.delete(rol["url"], headers=bijwerker)).status_code == 403
    assert (await client.delete(rol["url"], headers=forceerder)).status_code == 204


async def test_deleting_a_rol_that_set_a_status_keeps_the_status(client, superuser, zaaktype, zaak):
    rol = await create_rol(client, superuser, zaak["url"], zaaktype.roltypen["behandelaar"])
    status = await zaken_post(
        client,
        superuser,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": zaaktype.statustypen[0],
            "datumStatusGezet": "2026-03-03T09:00:00+01:00",
            "gezetdoor": rol["url"],
        },
    )
    assert (await client.delete(rol["url"], headers=superuser)).status_code == 204
    assert (await get(client, superuser, status["url"])).get("gezetdoor", "") == ""
