"""What the Autorisaties API changes takes effect on the client's next request; secrets stay provider-side."""

from sqlalchemy import select

from tests.autorisaties.factories import APPLICATIES, CONSUMER, applicatie_body, assert_applicatie_oas, ztc
from tests.conftest import make_api_client
from tests.oas import assert_oas
from zaakgericht import db
from zaakgericht.api.auth import make_token
from zaakgericht.autorisaties.models import ApplicatieClient

CATALOGUSSEN = "http://testserver/catalogi/api/v1/catalogussen"


async def _applicatie_of(client, headers, client_id: str) -> dict:
    response = await client.get(CONSUMER, params={"clientId": client_id}, headers=headers)
    assert_applicatie_oas(response)
    return response.json()


async def _secrets() -> dict[str, str | None]:
    async with db.read_session() as session:
        rows = await session.execute(select(ApplicatieClient.client_id, ApplicatieClient.secret))
        return dict(rows.all())


async def test_changed_and_deleted_autorisaties_hold_from_the_next_request(client):
    lezer = await make_api_client("lezer", scopes=["catalogi.lezen"])
    beheerder = await make_api_client("beheerder", scopes=["autorisaties.lezen", "autorisaties.bijwerken"])
    response = await client.get(CATALOGUSSEN, headers=lezer)
    assert_oas(response)
    assert response.status_code == 200

    applicatie = await _applicatie_of(client, beheerder, "lezer")
    body = applicatie_body(clientIds=["lezer"], autorisaties=[ztc(scopes=["catalogi.schrijven"])])
    response = await client.put(applicatie["url"], json=body, headers=beheerder)
    assert response.status_code == 200
    # The same token, verified before: the new autorisaties decide.
    response = await client.get(CATALOGUSSEN, headers=lezer)
    assert_oas(response)
    assert response.status_code == 403

    await client.patch(applicatie["url"], json={"autorisaties": [ztc()]}, headers=beheerder)
    assert (await client.get(CATALOGUSSEN, headers=lezer)).status_code == 200

    response = await client.delete(applicatie["url"], headers=beheerder)
    assert response.status_code == 204
    response = await client.get(CATALOGUSSEN, headers=lezer)
    assert_oas(response)
    assert response.status_code == 401


async def test_heeft_alle_autorisaties_takes_effect_at_once(client):
    lezer = await make_api_client("lezer", scopes=["autorisaties.lezen"])
    beheerder = await make_api_client("beheerder", scopes=["autorisaties.lezen", "autorisaties.bijwerken"])
    assert (await client.get(CATALOGUSSEN, headers=lezer)).status_code == 403
    applicatie = await _applicatie_of(client, beheerder, "lezer")
    await client.patch(applicatie["url"], json={"heeftAlleAutorisaties": True, "autorisaties": []}, headers=beheerder)
    assert (await client.get(CATALOGUSSEN, headers=lezer)).status_code == 200


async def test_client_ids_that_stay_keep_their_secret_new_ones_have_none(client, superuser):
    app = await make_api_client("app", scopes=["autorisaties.lezen"])
    applicatie = await _applicatie_of(client, superuser, "app")

    body = applicatie_body(
        clientIds=["app", "app-nieuw"], autorisaties=[{"component": "ac", "scopes": ["autorisaties.lezen"]}]
    )
    response = await client.put(applicatie["url"], json=body, headers=superuser)
    assert response.status_code == 200
    assert response.json()["clientIds"] == ["app", "app-nieuw"]
    secrets = await _secrets()
    assert secrets["app"] == "app-secret"
    assert secrets["app-nieuw"] is None
    # The kept client id still works; the new one cannot sign in until an operator sets its secret.
    assert (await client.get(APPLICATIES, headers=app)).status_code == 200
    nieuw = {"Authorization": f"Bearer {make_token('app-nieuw', 'geraden')}"}
    assert (await client.get(APPLICATIES, headers=nieuw)).status_code == 401

    response = await client.patch(applicatie["url"], json={"clientIds": ["app-nieuw"]}, headers=superuser)
    assert response.status_code == 200
    assert "app" not in await _secrets()
    assert (await client.get(APPLICATIES, headers=app)).status_code == 401
