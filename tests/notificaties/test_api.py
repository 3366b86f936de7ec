"""The Notificaties API: kanalen, abonnementen and publishing messages."""

import pytest

from tests.conftest import make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas

BASE = "http://testserver/notificaties/api/v1"

MESSAGE = {
    "kanaal": "zaken",
    "hoofdObject": "https://zaken.elders.nl/api/v1/zaken/1",
    "resource": "status",
    "resourceUrl": "https://zaken.elders.nl/api/v1/statussen/1",
    "actie": "create",
    "aanmaakdatum": "2026-11-22T10:00:00Z",
    "kenmerken": {"bronorganisatie": "002220647", "zaaktype": "https://x.nl/zaaktypen/1"},
}


async def test_the_kanalen_of_our_own_apis_exist_from_the_start(client, superuser):
    response = await client.get(f"{BASE}/kanaal", headers=superuser)
    assert_oas(response)
    kanalen = {k["naam"]: k["filters"] for k in response.json()}
    assert kanalen["zaken"] == ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"]
    assert kanalen["documenten"] == ["bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"]
    assert kanalen["besluiten"] == ["verantwoordelijke_organisatie", "besluittype"]
    assert kanalen["zaaktypen"] == kanalen["informatieobjecttypen"] == kanalen["besluittypen"] == ["catalogus"]
    assert kanalen["autorisaties"] == []
    response = await client.get(f"{BASE}/kanaal", params={"naam": "zaken"}, headers=superuser)
    assert [k["naam"] for k in response.json()] == ["zaken"]


async def test_create_a_kanaal(client, superuser):
    body = {"naam": "meldingen", "documentatieLink": "https://meldingen.nl/docs", "filters": ["wijk"]}
    response = await client.post(f"{BASE}/kanaal", json=body, headers=superuser)
    assert_oas(response)
    assert response.status_code == 201
    detail = await client.get(response.json()["url"], headers=superuser)
    assert_oas(detail)
    assert detail.json()["filters"] == ["wijk"]
    response = await client.post(f"{BASE}/kanaal", json=body, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"naam": "unique"}


async def test_abonnement_crud(client, superuser):
    body = {
        "callbackUrl": "https://ontvanger.nl/callback",
        "auth": "Bearer geheim",
        "kanalen": [{"naam": "zaken", "filters": {"bronorganisatie": "002220647"}}],
    }
    response = await client.post(f"{BASE}/abonnement", json=body, headers=superuser)
    assert_oas(response)
    assert response.status_code == 201
    url = response.json()["url"]
    assert response.json()["kanalen"] == body["kanalen"]
    response = await client.patch(url, json={"auth": "Bearer nieuw"}, headers=superuser)
    assert_oas(response)
    assert response.json()["auth"] == "Bearer nieuw" and response.json()["kanalen"] == body["kanalen"]
    response = await client.put(url, json={**body, "kanalen": [{"naam": "documenten"}]}, headers=superuser)
    assert_oas(response)
    assert response.json()["kanalen"] == [{"naam": "documenten", "filters": {}}]
    response = await client.get(f"{BASE}/abonnement", headers=superuser)
    assert_oas(response)
    assert [a["url"] for a in response.json()] == [url]
    response = await client.delete(url, headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert (await client.get(url, headers=superuser)).status_code == 404


async def test_abonnement_on_an_unknown_kanaal_or_kenmerk_is_400(client, superuser):
    body = {"callbackUrl": "https://ontvanger.nl/callback", "auth": "Bearer x", "kanalen": [{"naam": "bestaat-niet"}]}
    response = await client.post(f"{BASE}/abonnement", json=body, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"kanalen.0.naam": "kanaal-naam"}
    body["kanalen"] = [{"naam": "zaken", "filters": {"kleur": "rood"}}]
    response = await client.post(f"{BASE}/abonnement", json=body, headers=superuser)
    assert invalid_params(response) == {"kanalen.0.filters": "kanaal-filters"}
    response = await client.post(f"{BASE}/abonnement", json={"auth": "", "kanalen": "zaken"}, headers=superuser)
    assert_oas(response)
    assert set(invalid_params(response)) == {"callbackUrl", "auth", "kanalen"}


async def test_publish_a_message_from_another_system(client, superuser):
    response = await client.post(f"{BASE}/notificaties", json=MESSAGE, headers=superuser)
    assert_oas(response)
    assert response.status_code == 200
    assert response.json() == MESSAGE
    assert await outbox_payloads() == [MESSAGE]


async def test_publish_on_an_unknown_kanaal_is_400(client, superuser):
    # The OAS documents only the 200 of this operation; errors are the standard's problem+json.
    response = await client.post(f"{BASE}/notificaties", json={**MESSAGE, "kanaal": "onbekend"}, headers=superuser)
    assert response.headers["content-type"] == "application/problem+json"
    assert invalid_params(response) == {"kanaal": "kanaal_naam"}
    response = await client.post(
        f"{BASE}/notificaties", json={**MESSAGE, "aanmaakdatum": "gisteren"}, headers=superuser
    )
    assert invalid_params(response) == {"aanmaakdatum": "invalid"}


async def test_scopes(client):
    consumer = await make_api_client("ontvanger", scopes=["notificaties.consumeren"])
    publisher = await make_api_client("bron", scopes=["notificaties.publiceren"])
    response = await client.post(f"{BASE}/notificaties", json=MESSAGE, headers=consumer)
    assert response.status_code == 403
    body = {"callbackUrl": "https://ontvanger.nl/callback", "auth": "Bearer x", "kanalen": [{"naam": "zaken"}]}
    assert (await client.post(f"{BASE}/abonnement", json=body, headers=publisher)).status_code == 403
    assert (await client.post(f"{BASE}/abonnement", json=body, headers=consumer)).status_code == 201
    assert (await client.get(f"{BASE}/kanaal", headers=consumer)).status_code == 200
    assert (await client.get(f"{BASE}/abonnement", headers=publisher)).status_code == 200


@pytest.mark.parametrize("auth", ["Bearer \u00f9", "Bearer a\r\nX-Extra: 1", " Bearer a"])
async def test_an_auth_that_cannot_be_sent_as_a_header_is_400(client, superuser, auth):
    body = {"callbackUrl": "https://ontvanger.nl/callback", "auth": auth, "kanalen": [{"naam": "zaken"}]}
    response = await client.post(f"{BASE}/abonnement", json=body, headers=superuser)
    assert_oas(response)
    assert response.headers["content-type"] == "application/problem+json"
    assert invalid_params(response) == {"auth": "invalid"}
    response = await client.post(f"{BASE}/abonnement", json={**body, "auth": "Bearer goed"}, headers=superuser)
    assert response.status_code == 201
    url = response.json()["url"]
    for method in (client.put, client.patch):
        response = await method(url, json={**body, "auth": auth}, headers=superuser)
        assert invalid_params(response) == {"auth": "invalid"}
    assert (await client.get(url, headers=superuser)).json()["auth"] == "Bearer goed"


async def test_a_callback_url_longer_than_the_oas_allows_is_400(client, superuser):
    callback = "https://ontvanger.nl/" + "x" * 180  # 201 characters; the OAS allows 200
    body = {"callbackUrl": callback, "auth": "Bearer x", "kanalen": [{"naam": "zaken"}]}
    response = await client.post(f"{BASE}/abonnement", json=body, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"callbackUrl": "max_length"}
    response = await client.post(f"{BASE}/abonnement", json={**body, "callbackUrl": callback[:200]}, headers=superuser)
    assert response.status_code == 201
    assert response.json()["callbackUrl"] == callback[:200]
