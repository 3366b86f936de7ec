"""The operator's commands, run as an operator runs them."""

import jwt

from tests.conftest import BASE
from tests.helpers import zaakgericht

CATALOGUSSEN = f"{BASE}/catalogi/api/v1/catalogussen"


async def test_applicatie_create_prints_a_working_token(client):
    result = zaakgericht(
        "applicatie", "create", "--client-id", "portaal", "--secret", "geheim", "--scope", "catalogi.lezen"
    )
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip().splitlines()[-1]
    assert jwt.decode(token, "geheim", algorithms=["HS256"])["client_id"] == "portaal"
    response = await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    response = await client.post(CATALOGUSSEN, json={}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


async def test_applicatie_create_refuses_an_existing_client_id():
    assert (
        zaakgericht("applicatie", "create", "--client-id", "dubbel", "--secret", "a", "--alle-autorisaties").returncode
        == 0
    )
    result = zaakgericht("applicatie", "create", "--client-id", "dubbel", "--secret", "b", "--alle-autorisaties")
    assert result.returncode == 1
    assert "bestaat al" in result.stdout


async def test_applicatie_secret_rotates_the_secret(client):
    zaakgericht("applicatie", "create", "--client-id", "roteren", "--secret", "oud", "--alle-autorisaties")
    result = zaakgericht("applicatie", "secret", "--client-id", "roteren", "--secret", "nieuw")
    assert result.returncode == 0, result.stderr
    old = zaakgericht("token", "--client-id", "roteren", "--secret", "oud").stdout.strip()
    new = zaakgericht("token", "--client-id", "roteren", "--secret", "nieuw").stdout.strip()
    assert (await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {old}"})).status_code == 401
    assert (await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {new}"})).status_code == 200


async def test_applicatie_secret_for_an_unknown_client_fails():
    result = zaakgericht("applicatie", "secret", "--client-id", "onbekend", "--secret", "x")
    assert result.returncode == 1
    assert "onbekend" in result.stdout


async def test_applicatie_create_needs_the_types_of_zaken_scopes():
    result = zaakgericht(
        "applicatie", "create", "--client-id", "zonder-type", "--secret", "x", "--scope", "zaken.lezen"
    )
    assert result.returncode != 0
    assert "--zaaktype" in result.stdout + result.stderr
