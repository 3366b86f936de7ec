"""Klantcontacten (deprecated, still in the OAS), zaakcontactmomenten and zaakverzoeken."""

from datetime import date

import pytest

from tests.conftest import make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from tests.zaken.factories import OTHER_RSIN, ZAKEN, close_zaak, create_zaak, get, zaken_post
from tests.zaken.test_zaakinformatieobjecten import RemoteJson

KLANTCONTACTEN = f"{ZAKEN}/klantcontacten"


@pytest.fixture
def remote():
    with RemoteJson() as server:
        yield server


@pytest.fixture
async def zaak(client, superuser, zaaktype) -> dict:
    return await create_zaak(client, superuser, zaaktype.url)


# --- klantcontacten ----------------------------------------------------------------------------


async def create_klantcontact(client, headers, zaak: str, **fields) -> dict:
    body = {"zaak": zaak, "datumtijd": "2026-03-03T10:00:00+01:00", **fields}
    return await zaken_post(client, headers, "klantcontacten", body)


async def test_identificatie_is_generated_per_bronorganisatie_in_14_characters(client, superuser, zaaktype, zaak):
    year = date.today().year
    first = await create_klantcontact(client, superuser, zaak["url"], kanaal="telefoon", onderwerp="Vraag")
    second = await create_klantcontact(client, superuser, zaak["url"])
    given = await create_klantcontact(client, superuser, zaak["url"], identificatie="EIGEN-1")
    other_organisation = await create_zaak(client, superuser, zaaktype.url, bronorganisatie=OTHER_RSIN)
    elsewhere = await create_klantcontact(client, superuser, other_organisation["url"])

    assert [first["identificatie"], second["identificatie"]] == [f"KC-{year}-000001", f"KC-{year}-000002"]
    assert len(first["identificatie"]) == 14
    assert given["identificatie"] == "EIGEN-1"
    assert elsewhere["identificatie"] == f"KC-{year}-000001"
    assert (first["kanaal"], first["onderwerp"], first["datumtijd"]) == (
        "telefoon",
        "Vraag",
        "2026-03-03T09:00:00Z",
    )
    assert await get(client, superuser, first["url"]) == first


async def test_klantcontact_list_read_and_no_other_operations(client, superuser, zaaktype, zaak):
    other = await create_zaak(client, superuser, zaaktype.url)
    mine = await create_klantcontact(client, superuser, zaak["url"])
    await create_klantcontact(client, superuser, other["url"])
    page = await get(client, superuser, KLANTCONTACTEN, zaak=zaak["url"])
    assert (page["count"], page["results"]) == (1, [mine])
    assert (await get(client, superuser, KLANTCONTACTEN))["count"] == 2
    response = await client.get(KLANTCONTACTEN, headers=superuser, params={"kanaal": "telefoon"})
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "unknown-parameters"}
    for method in ("PUT", "PATCH", "DELETE", "HEAD"):
        assert (await client.request(method, mine["url"], headers=superuser)).status_code == 405


async def test_klantcontact_is_notified_and_audited(client, superuser, zaak):
    klantcontact = await create_klantcontact(client, superuser, zaak["url"])
    messages = [m for m in await outbox_payloads() if m["resource"] == "klantcontact"]
    assert [(m["actie"], m["resourceUrl"], m["hoofdObject"]) for m in messages] == [
        ("create", klantcontact["url"], zaak["url"])
    ]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [(e["actie"], e["resourceWeergave"]) for e in trail if e["resource"] == "klantcontact"] == [
        ("create", klantcontact["identificatie"])
    ]


async def test_klantcontact_bad_input(client, superuser, zaak):
    response = await client.post(
        KLANTCONTACTEN,
        headers=superuser,
        json={"zaak": zaak["url"], "datumtijd": "gisteren", "identificatie": "X" * 15, "kanaal": 3},
    )
    assert_oas(response)
    assert invalid_params(response) == {"datumtijd": "invalid", "identificatie": "max_length", "kanaal": "invalid"}


async def test_klantcontact_on_a_closed_zaak_needs_geforceerd_bijwerken(client, superuser, zaaktype, zaak):
    await close_zaak(client, superuser, zaaktype, zaak["url"])
    bijwerker = await make_api_client("bijwerker", scopes=["zaken.bijwerken"], zaaktypen=[zaaktype.url])
    response = await client.post(
        KLANTCONTACTEN, headers=bijwerker, json={"zaak": zaak["url"], "datumtijd": "2026-03-03T10:00:00Z"}
    )
    assert_oas(response)
    assert response.status_code == 403
    forceerder = await make_api_client("forceerder", scopes=["zaken.geforceerd-bijwerken"], zaaktypen=[zaaktype.url])
    await create_klantcontact(client, forceerder, zaak["url"])


# --- zaakcontactmomenten and zaakverzoeken -----------------------------------------------------

LINKS = [("zaakcontactmomenten", "contactmoment", "zaakcontactmoment"), ("zaakverzoeken", "verzoek", "zaakverzoek")]


@pytest.mark.parametrize(("collection", "field", "resource"), LINKS)
async def test_link_must_resolve_and_is_listed_as_a_plain_array(
    client, superuser, zaaktype, zaak, remote, collection, field, resource
):
    url = f"{ZAKEN}/{collection}"
    target = remote.add(f"/{field}en/1", {"url": "x"})
    link = await zaken_post(client, superuser, collection, {"zaak": zaak["url"], field: target})
    assert (link["zaak"], link[field]) == (zaak["url"], target)
    assert await get(client, superuser, link["url"]) == link
    other = await create_zaak(client, superuser, zaaktype.url)
    second = await zaken_post(client, superuser, collection, {"zaak": other["url"], field: target})
    assert await get(client, superuser, url) == [link, second]
    assert await get(client, superuser, url, zaak=other["url"]) == [second]
    assert await get(client, superuser, url, **{field: target}) == [link, second]
    assert await get(client, superuser, url, **{field: f"{remote.base}/anders"}) == []

    for bad in (f"{remote.base}/{field}en/2", "http://127.0.0.1:9/x", f"{ZAKEN}/{collection}/{zaak['uuid']}"):
        response = await client.post(url, headers=superuser, json={"zaak": zaak["url"], field: bad})
        assert_oas(response)
        assert invalid_params(response) == {field: "bad-url"}, bad
    response = await client.get(url, headers=superuser, params={"page": "1"})
    assert_oas(response)
    assert response.status_code == 200


@pytest.mark.parametrize(("collection", "field", "resource"), LINKS)
async def test_link_create_is_notified_delete_only_audited(
    client, superuser, zaak, remote, collection, field, resource
):
    target = remote.add("/doel/1", {})
    link = await zaken_post(client, superuser, collection, {"zaak": zaak["url"], field: target})
    response = await client.delete(link["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert await get(client, superuser, f"{ZAKEN}/{collection}") == []
    messages = [m for m in await outbox_payloads() if m["resource"] == resource]
    assert [(m["actie"], m["resourceUrl"]) for m in messages] == [("create", link["url"])]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [e["actie"] for e in trail if e["resource"] == resource] == ["create", "destroy"]
    for method in ("PUT", "PATCH", "HEAD"):
        assert (await client.request(method, link["url"], headers=superuser)).status_code == 405


@pytest.mark.parametrize(("collection", "field", "resource"), LINKS)
async def test_link_scopes(client, superuser, zaaktype, zaak, remote, collection, field, resource):
    target = remote.add("/doel/1", {})
    link = await zaken_post(client, superuser, collection, {"zaak": zaak["url"], field: target})
    stranger = await make_api_client("vreemde", scopes=["zaken.lezen", "zaken.bijwerken"], zaaktypen=["http://x/1"])
    assert await get(client, stranger, f"{ZAKEN}/{collection}") == []
    assert (await client.get(link["url"], headers=stranger)).status_code == 404
    response = await client.post(f"{ZAKEN}/{collection}", headers=stranger, json={"zaak": zaak["url"], field: target})
    assert_oas(response)
    assert response.status_code == 403
    aanmaker = await make_api_client("aanmaker", scopes=["zaken.aanmaken"], zaaktypen=[zaaktype.url])
    response = await client.delete(link["url"], headers=aanmaker)
    assert_oas(response)
    assert response.status_code == 403  # the OAS asks zaken.bijwerken
