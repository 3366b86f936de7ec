"""Gebruiksrechten (drc-006, with ``indicatieGebruiksrecht`` kept in step) and verzendingen."""

from tests.conftest import count_queries
from tests.documenten.factories import DOCUMENTEN, create_document, get_json, lock, patch
from tests.helpers import invalid_params
from tests.oas import assert_oas

GEBRUIKSRECHTEN = f"{DOCUMENTEN}/gebruiksrechten"
VERZENDINGEN = f"{DOCUMENTEN}/verzendingen"


def rechten_body(document: str, **overrides) -> dict:
    return {
        "informatieobject": document,
        "startdatum": "2026-03-01T00:00:00Z",
        "omschrijvingVoorwaarden": "Alleen voor intern gebruik",
        **overrides,
    }


async def send(client, headers, method: str, url: str, body: dict | None = None, status: int = 201):
    response = await client.request(method, url, json=body, headers=headers)
    assert_oas(response)
    assert response.status_code == status, response.text
    return response.json() if response.content else None


async def test_gebruiksrechten_keep_indicatie_gebruiksrecht_in_step_drc_006(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    url = document["url"]
    first = await send(client, superuser, "POST", GEBRUIKSRECHTEN, rechten_body(url))
    assert (await get_json(client, superuser, url))["indicatieGebruiksrecht"] is True
    second = await send(client, superuser, "POST", GEBRUIKSRECHTEN, rechten_body(url, einddatum="2027-01-01T00:00:00Z"))
    assert (await get_json(client, superuser, url))["versie"] == 1  # no new version for it

    lock_id = await lock(client, superuser, url)
    for value in (False, None):
        response = await client.patch(url, json={"indicatieGebruiksrecht": value, "lock": lock_id}, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"indicatieGebruiksrecht": "existing-gebruiksrechten"}

    await send(client, superuser, "DELETE", first["url"], status=204)
    assert (await get_json(client, superuser, url))["indicatieGebruiksrecht"] is True
    await send(client, superuser, "DELETE", second["url"], status=204)
    assert (await get_json(client, superuser, url))["indicatieGebruiksrecht"] is None
    response = await client.patch(url, json={"indicatieGebruiksrecht": True, "lock": lock_id}, headers=superuser)
    assert invalid_params(response) == {"indicatieGebruiksrecht": "missing-gebruiksrechten"}
    assert (await patch(client, superuser, url, {"indicatieGebruiksrecht": False, "lock": lock_id}))[
        "indicatieGebruiksrecht"
    ] is False


async def test_gebruiksrechten_read_update_filter_and_expand(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    other = await create_document(client, superuser, iot)
    rechten = await send(client, superuser, "POST", GEBRUIKSRECHTEN, rechten_body(document["url"]))
    await send(
        client, superuser, "POST", GEBRUIKSRECHTEN, rechten_body(other["url"], startdatum="2026-06-01T00:00:00Z")
    )
    assert await get_json(client, superuser, rechten["url"]) == rechten

    changed = await send(
        client, superuser, "PATCH", rechten["url"], {"omschrijvingVoorwaarden": "Openbaar na 2030"}, status=200
    )
    assert changed["omschrijvingVoorwaarden"] == "Openbaar na 2030"
    replaced = await send(
        client, superuser, "PUT", rechten["url"], rechten_body(document["url"], einddatum=None), status=200
    )
    assert replaced["omschrijvingVoorwaarden"] == "Alleen voor intern gebruik"
    response = await client.patch(rechten["url"], json={"informatieobject": other["url"]}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"informatieobject": "wijzigen-niet-toegelaten"}

    for params, count in (
        ({"informatieobject": document["url"]}, 1),
        ({"startdatum__gt": "2026-04-01T00:00:00Z"}, 1),
        ({"startdatum__lte": "2026-03-01T00:00:00+00:00"}, 1),
        ({"startdatum__gte": "2026-03-01T00:00:00"}, 2),
        ({"einddatum__lt": "2030-01-01T00:00:00Z"}, 0),
        ({"informatieobject": f"{DOCUMENTEN}/enkelvoudiginformatieobjecten/onbekend"}, 0),
    ):
        assert len(await get_json(client, superuser, GEBRUIKSRECHTEN, **params)) == count, params
    for params, name in (
        ({"startdatum__lt": "morgen"}, "startdatum__lt"),
        ({"informatieobject": "x"}, "informatieobject"),
    ):
        response = await client.get(GEBRUIKSRECHTEN, params=params, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {name: "invalid"}

    listed = await get_json(client, superuser, GEBRUIKSRECHTEN, expand="informatieobject.informatieobjecttype")
    embedded = listed[0]["_expand"]["informatieobject"]
    assert embedded["url"] == document["url"]
    assert embedded["_expand"]["informatieobjecttype"]["url"] == iot
    detail = await get_json(client, superuser, rechten["url"], expand="informatieobject")
    assert detail["_expand"]["informatieobject"]["url"] == document["url"]
    response = await client.get(rechten["url"], params={"expand": "informatieobjecttype"}, headers=superuser)
    assert_oas(response)
    assert response.status_code == 404


async def test_gebruiksrechten_validation(client, superuser, iot):
    response = await client.post(GEBRUIKSRECHTEN, json={}, headers=superuser)
    assert_oas(response)
    assert set(invalid_params(response)) == {"informatieobject", "startdatum", "omschrijvingVoorwaarden"}
    for url, code in (
        (f"{DOCUMENTEN}/enkelvoudiginformatieobjecten/00000000-0000-0000-0000-000000000000", "bad-url"),
        (f"{DOCUMENTEN}/gebruiksrechten/00000000-0000-0000-0000-000000000000", "invalid-resource"),
        ("https://elders.nl/documenten/api/v1/enkelvoudiginformatieobjecten/1", "bad-url"),
    ):
        response = await client.post(GEBRUIKSRECHTEN, json=rechten_body(url), headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"informatieobject": code}


async def test_gebruiksrechten_list_costs_the_same_queries_for_1_and_50(client, superuser, iot):
    document = await create_document(client, superuser, iot)

    async def queries_for_list() -> int:
        with count_queries() as counted:
            response = await client.get(GEBRUIKSRECHTEN, params={"expand": "informatieobject"}, headers=superuser)
        assert response.status_code == 200
        return counted[0]

    await send(client, superuser, "POST", GEBRUIKSRECHTEN, rechten_body(document["url"]))
    one = await queries_for_list()
    for _ in range(49):
        other = await create_document(client, superuser, iot)
        await send(client, superuser, "POST", GEBRUIKSRECHTEN, rechten_body(other["url"]))
    assert await queries_for_list() == one


def verzending_body(document: str, **overrides) -> dict:
    return {
        "betrokkene": "https://klanten.gemeente.nl/api/v1/klanten/1",
        "informatieobject": document,
        "aardRelatie": "geadresseerde",
        "contactPersoon": "https://medewerkers.gemeente.nl/api/v1/medewerkers/7",
        "verzenddatum": "2026-03-05",
        "emailadres": "aanvrager@example.com",
        **overrides,
    }


async def test_verzendingen_have_one_address(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    url = document["url"]
    adres = {
        "huisnummer": 1,
        "naamOpenbareRuimte": "Dorpsstraat",
        "woonplaatsnaam": "Voorbeeldstad",
        "postcode": "1234AB",
    }
    for overrides in (
        {"emailadres": None},
        {"emailadres": None, "mijnOverheid": False},
        {"binnenlandsCorrespondentieadres": adres},
        {"telefoonnummer": "0201234567", "mijnOverheid": True},
    ):
        response = await client.post(VERZENDINGEN, json=verzending_body(url, **overrides), headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"nonFieldErrors": "invalid-address"}, overrides
    for overrides in (
        {},
        {"emailadres": None, "binnenlandsCorrespondentieadres": adres},
        {"emailadres": None, "mijnOverheid": True},
        {
            "emailadres": None,
            "correspondentiePostadres": {
                "postBusOfAntwoordnummer": 12,
                "postadresPostcode": "1234AB",
                "postadresType": "postbusnummer",
                "woonplaatsnaam": "Voorbeeldstad",
            },
        },
        {
            "emailadres": None,
            "aardRelatie": "afzender",
            "buitenlandsCorrespondentieadres": {
                "adresBuitenland1": "Rue de la Loi 1",
                "landPostadres": "https://landen.nl/be",
            },
        },
    ):
        created = await send(client, superuser, "POST", VERZENDINGEN, verzending_body(url, **overrides))
        assert created["informatieobject"] == url


async def test_verzendingen_read_update_delete_filter_and_paginate(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    other = await create_document(client, superuser, iot)
    verzending = await send(client, superuser, "POST", VERZENDINGEN, verzending_body(document["url"]))
    await send(client, superuser, "POST", VERZENDINGEN, verzending_body(other["url"], aardRelatie="afzender"))
    assert await get_json(client, superuser, verzending["url"]) == verzending
    changed = await send(client, superuser, "PATCH", verzending["url"], {"toelichting": "Per mail"}, status=200)
    assert changed["toelichting"] == "Per mail"
    moved = await send(client, superuser, "PATCH", verzending["url"], {"informatieobject": other["url"]}, status=200)
    assert moved["informatieobject"] == other["url"]
    replaced = await send(client, superuser, "PUT", verzending["url"], verzending_body(document["url"]), status=200)
    assert replaced["toelichting"] == ""

    listed = await get_json(client, superuser, VERZENDINGEN)
    assert (listed["count"], listed["next"]) == (2, None)
    for params, count in (
        ({"aardRelatie": "afzender"}, 1),
        ({"informatieobject": document["url"]}, 1),
        ({"betrokkene": "https://klanten.gemeente.nl/api/v1/klanten/1"}, 2),
        ({"betrokkene": "https://klanten.gemeente.nl/api/v1/klanten/2"}, 0),
    ):
        assert (await get_json(client, superuser, VERZENDINGEN, **params))["count"] == count, params
    response = await client.get(VERZENDINGEN, params={"aardRelatie": "ontvanger"}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"aardRelatie": "invalid_choice"}
    expanded = await get_json(client, superuser, verzending["url"], expand="informatieobject")
    assert expanded["_expand"]["informatieobject"]["url"] == document["url"]

    await send(client, superuser, "DELETE", verzending["url"], status=204)
    await get_json(client, superuser, verzending["url"], status=404)


async def test_moments_keep_their_zone(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    rechten = await send(
        client,
        superuser,
        "POST",
        GEBRUIKSRECHTEN,
        rechten_body(document["url"], startdatum="2026-03-01T00:30:00+01:00"),
    )
    assert rechten["startdatum"] == "2026-02-28T23:30:00Z"
    assert len(await get_json(client, superuser, GEBRUIKSRECHTEN, startdatum__lt="2026-03-01T00:00:00Z")) == 1
    # Without a zone: Dutch time.
    assert len(await get_json(client, superuser, GEBRUIKSRECHTEN, startdatum__lt="2026-03-01T00:30:00")) == 0
    assert len(await get_json(client, superuser, GEBRUIKSRECHTEN, startdatum__lt="2026-03-01T00:31:00")) == 1
