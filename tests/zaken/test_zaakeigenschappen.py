"""Zaakeigenschappen: values of the zaaktype's eigenschappen (zrc-018), nested under their zaak."""

import pytest

from tests.catalogi.factories import post, publish
from tests.conftest import make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from tests.zaken.factories import close_zaak, create_zaak, create_zaaktype_setup, get, zaken_post
from zaakgericht.catalogi.models import Eigenschap
from zaakgericht.zaken import parts

SPECIFICATIES = {
    "kenteken": {"formaat": "tekst", "lengte": "8"},
    "bedrag": {"formaat": "getal", "lengte": "6,2"},
    "aantal": {"formaat": "getal", "lengte": "3"},
    "vervaldag": {"formaat": "datum", "lengte": "8"},
    "tijdstip": {"formaat": "datum_tijd", "lengte": "14"},
    "kleur": {"formaat": "tekst", "lengte": "10", "waardenverzameling": ["rood", "groen"]},
}


@pytest.fixture
async def zaaktype(client, superuser):
    """A published zaaktype with an eigenschap of every formaat (and one with a waardenverzameling)."""
    setup = await create_zaaktype_setup(client, superuser, eigenschappen=(), publish_it=False)
    for naam, specificatie in SPECIFICATIES.items():
        eigenschap = await post(
            client,
            superuser,
            "eigenschappen",
            {
                "zaaktype": setup.url,
                "naam": naam,
                "definitie": naam,
                "specificatie": {"kardinaliteit": "1", "waardenverzameling": [], **specificatie},
            },
        )
        setup.eigenschappen[naam] = eigenschap["url"]
    await publish(client, superuser, setup.url)
    return setup


@pytest.fixture
async def zaak(client, superuser, zaaktype) -> dict:
    return await create_zaak(client, superuser, zaaktype.url)


def collection(zaak: dict) -> str:
    return f"{zaak['url']}/zaakeigenschappen"


async def create_eigenschap(client, headers, zaak: dict, eigenschap: str, waarde: str) -> dict:
    body = {"zaak": zaak["url"], "eigenschap": eigenschap, "waarde": waarde}
    return await zaken_post(client, headers, f"zaken/{zaak['uuid']}/zaakeigenschappen", body)


async def post_invalid(client, headers, zaak: dict, body: dict) -> dict[str, str]:
    response = await client.post(collection(zaak), headers=headers, json=body)
    assert_oas(response)
    assert response.status_code == 400, response.text
    return invalid_params(response)


async def test_create_copies_the_naam_and_lists_a_plain_array(client, superuser, zaaktype, zaak):
    zaakeigenschap = await create_eigenschap(client, superuser, zaak, zaaktype.eigenschappen["kenteken"], "AB-12-CD")
    assert zaakeigenschap["naam"] == "kenteken"
    assert zaakeigenschap["url"] == f"{collection(zaak)}/{zaakeigenschap['uuid']}"
    assert await get(client, superuser, collection(zaak)) == [zaakeigenschap]
    assert await get(client, superuser, zaakeigenschap["url"]) == zaakeigenschap
    assert (await get(client, superuser, zaak["url"]))["eigenschappen"] == [zaakeigenschap["url"]]
    other = await create_zaak(client, superuser, zaaktype.url)
    assert await get(client, superuser, collection(other)) == []


async def test_eigenschap_must_belong_to_the_zaaktype_zrc_018(client, superuser, zaaktype, zaak):
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-2")
    body = {"zaak": zaak["url"], "eigenschap": other.eigenschappen["datum_vervallen"], "waarde": "20260101"}
    assert await post_invalid(client, superuser, zaak, body) == {"nonFieldErrors": "zaaktype-mismatch"}


async def test_the_zaak_in_the_body_is_the_zaak_of_the_url(client, superuser, zaaktype, zaak):
    other = await create_zaak(client, superuser, zaaktype.url)
    body = {"zaak": other["url"], "eigenschap": zaaktype.eigenschappen["kenteken"], "waarde": "AB-12-CD"}
    assert await post_invalid(client, superuser, zaak, body) == {"zaak": "zaak-mismatch"}
    # The OAS defines no 404 here: a zaak in the URL that does not exist is not the zaak of the body.
    response = await client.post(
        f"{zaak['url'][:-36]}00000000-0000-0000-0000-000000000000/zaakeigenschappen",
        headers=superuser,
        json={**body, "zaak": zaak["url"]},
    )
    assert_oas(response)
    assert invalid_params(response) == {"zaak": "zaak-mismatch"}


@pytest.mark.parametrize(
    ("naam", "good", "bad", "code"),
    [
        ("kenteken", "AB-12-CD", "AB-12-CD-E", "max_length"),
        ("bedrag", "1234,50", "12,345", "max_length"),
        ("bedrag", "-0.5", "twaalf", "invalid-getal"),
        ("aantal", "999", "1000", "max_length"),
        ("vervaldag", "20260728", "20261332", "invalid-datum"),
        ("vervaldag", "2026-07-28", "28-07-2026", "invalid-datum"),
        ("tijdstip", "20260728134022", "202607281340", "invalid-datum-tijd"),
        ("tijdstip", "2026-07-28T13:40:22+02:00", "2026-07-28", "invalid-datum-tijd"),
        ("kleur", "rood", "blauw", "invalid_choice"),
    ],
)
async def test_the_api_stores_any_waarde_the_pages_check_the_specificatie(
    client, superuser, zaaktype, zaak, naam, good, bad, code
):
    """No rule of the standard ties a zaakeigenschap's waarde to the eigenschap's specificatie: the API stores
    it as given. The dossier and the e-formulier check it with ``parts.waarde_errors``."""
    eigenschap = zaaktype.eigenschappen[naam]
    assert (await create_eigenschap(client, superuser, zaak, eigenschap, bad))["waarde"] == bad
    specificatie = SPECIFICATIES[naam]
    row = Eigenschap(
        specificatie_formaat=specificatie["formaat"],
        specificatie_lengte=specificatie["lengte"],
        specificatie_waardenverzameling=specificatie.get("waardenverzameling", []),
    )
    assert [objection.code for objection in parts.waarde_errors(row, bad)] == [code]
    assert parts.waarde_errors(row, good) == []


async def test_only_the_waarde_changes(client, superuser, zaaktype, zaak):
    zaakeigenschap = await create_eigenschap(client, superuser, zaak, zaaktype.eigenschappen["kenteken"], "AB-12-CD")
    response = await client.patch(
        zaakeigenschap["url"], headers=superuser, json={"eigenschap": zaaktype.eigenschappen["kleur"]}
    )
    assert_oas(response)
    assert invalid_params(response) == {"eigenschap": "wijzigen-niet-toegelaten"}
    response = await client.patch(zaakeigenschap["url"], headers=superuser, json={"waarde": "XY-99-ZZ"})
    assert_oas(response)
    assert response.json() == {**zaakeigenschap, "waarde": "XY-99-ZZ"}
    body = {"zaak": zaak["url"], "eigenschap": zaaktype.eigenschappen["kenteken"], "waarde": "11-AA-22"}
    response = await client.put(zaakeigenschap["url"], headers=superuser, json=body)
    assert_oas(response)
    assert response.json()["waarde"] == "11-AA-22"


async def test_writes_are_notified_and_audited(client, superuser, zaaktype, zaak):
    zaakeigenschap = await create_eigenschap(client, superuser, zaak, zaaktype.eigenschappen["kenteken"], "AB-12-CD")
    await client.patch(zaakeigenschap["url"], headers=superuser, json={"waarde": "XY-99-ZZ"})
    response = await client.delete(zaakeigenschap["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert await get(client, superuser, collection(zaak)) == []
    messages = [m for m in await outbox_payloads() if m["resource"] == "zaakeigenschap"]
    assert [(m["actie"], m["resourceUrl"], m["hoofdObject"]) for m in messages] == [
        (actie, zaakeigenschap["url"], zaak["url"]) for actie in ("create", "partial_update", "destroy")
    ]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    entries = [e for e in trail if e["resource"] == "zaakeigenschap"]
    assert [(e["actie"], e["resourceWeergave"]) for e in entries] == [
        ("create", "kenteken"),
        ("partial_update", "kenteken"),
        ("destroy", "kenteken"),
    ]


async def test_detail_has_an_etag_and_head(client, superuser, zaaktype, zaak):
    zaakeigenschap = await create_eigenschap(client, superuser, zaak, zaaktype.eigenschappen["kenteken"], "AB-12-CD")
    response = await client.get(zaakeigenschap["url"], headers=superuser)
    head = await client.head(zaakeigenschap["url"], headers=superuser)
    assert_oas(head)
    assert head.headers["ETag"] == response.headers["ETag"] and not head.content
    other = await create_zaak(client, superuser, zaaktype.url)
    response = await client.get(f"{collection(other)}/{zaakeigenschap['uuid']}", headers=superuser)
    assert_oas(response)
    assert response.status_code == 404  # an eigenschap of another zaak


async def test_scopes_zrc_006_and_zrc_007(client, superuser, zaaktype, zaak):
    zaakeigenschap = await create_eigenschap(client, superuser, zaak, zaaktype.eigenschappen["kenteken"], "AB-12-CD")
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-2")
    stranger = await make_api_client("vreemde", scopes=["zaken.lezen", "zaken.bijwerken"], zaaktypen=[other.url])
    assert await get(client, stranger, collection(zaak)) == []  # the OAS defines no 404 for this list
    response = await client.get(zaakeigenschap["url"], headers=stranger)
    assert_oas(response)
    assert response.status_code == 404
    response = await client.patch(zaakeigenschap["url"], headers=stranger, json={"waarde": "x"})
    assert_oas(response)
    assert response.status_code == 403

    await close_zaak(client, superuser, zaaktype, zaak["url"])
    bijwerker = await make_api_client("bijwerker", scopes=["zaken.bijwerken"], zaaktypen=[zaaktype.url])
    assert (await client.delete(zaakeigenschap["url"], headers=bijwerker)).status_code == 403
    forceerder = await make_api_client("forceerder", scopes=["zaken.geforceerd-bijwerken"], zaaktypen=[zaaktype.url])
    assert (await client.delete(zaakeigenschap["url"], headers=forceerder)).status_code == 204


async def test_bad_input_never_fails_the_server(client, superuser, zaaktype, zaak):
    response = await client.post(collection(zaak), headers=superuser, json={"waarde": 12})
    assert_oas(response)
    assert invalid_params(response) == {"zaak": "required", "eigenschap": "required", "waarde": "invalid"}
    response = await client.post(
        collection(zaak), headers={**superuser, "Content-Type": "application/json"}, content=b"[1,"
    )
    assert_oas(response)
    assert response.status_code == 400
    # The OAS defines no query parameters (and no 400) for this list: they are ignored.
    response = await client.get(collection(zaak), headers=superuser, params={"onbekend": "1"})
    assert_oas(response)
    assert response.status_code == 200
