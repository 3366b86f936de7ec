"""The ZGW plumbing every API shares: tokens, errors, headers, the served OAS."""

import time

import jwt
import yaml

from tests.conftest import make_api_client
from tests.oas import assert_oas

CATALOGUSSEN = "/catalogi/api/v1/catalogussen"


async def test_missing_token_is_401_problem(client):
    response = await client.get(CATALOGUSSEN)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"
    assert_oas(response)


async def test_token_with_wrong_secret_is_refused(client, superuser):
    token = jwt.encode({"client_id": "superuser", "iat": int(time.time())}, "wrong", algorithm="HS256")
    response = await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


async def test_unsigned_token_is_refused(client, superuser):
    token = jwt.encode({"client_id": "superuser", "iat": int(time.time())}, None, algorithm="none")
    response = await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


async def test_expired_token_is_refused(client, superuser):
    token = jwt.encode(
        {"client_id": "superuser", "iat": int(time.time()) - 7200}, "superuser-secret", algorithm="HS256"
    )
    response = await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert "verlopen" in response.json()["detail"]


async def test_token_without_iat_is_refused(client, superuser):
    token = jwt.encode({"client_id": "superuser"}, "superuser-secret", algorithm="HS256")
    response = await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


async def test_token_within_leeway_of_the_future_is_accepted(client, superuser):
    token = jwt.encode({"client_id": "superuser", "iat": int(time.time()) + 2}, "superuser-secret", algorithm="HS256")
    response = await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


async def test_unknown_client_id_is_refused(client):
    token = jwt.encode({"client_id": "nobody", "iat": int(time.time())}, "x", algorithm="HS256")
    response = await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


async def test_missing_scope_is_403_permission_denied(client):
    headers = await make_api_client("reader-of-zaken-only", scopes=["notificaties.consumeren"])
    response = await client.get(CATALOGUSSEN, headers=headers)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert_oas(response)


async def test_every_response_carries_the_api_version(client, superuser):
    response = await client.get(CATALOGUSSEN, headers=superuser)
    assert response.headers["API-version"] == "1.3.1"
    response = await client.get(CATALOGUSSEN)
    assert response.headers["API-version"] == "1.3.1"


async def test_unknown_query_parameter_is_400(client, superuser):
    response = await client.get(CATALOGUSSEN, params={"onbekend": "x"}, headers=superuser)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "unknown-parameters"
    assert_oas(response)


async def test_malformed_json_is_400_parse_error(client, superuser):
    response = await client.post(
        CATALOGUSSEN, content=b'{"domein": ', headers={**superuser, "Content-Type": "application/json"}
    )
    assert_oas(response)
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["invalidParams"][0]["code"] == "parse_error"


async def test_json_that_is_not_an_object_is_400(client, superuser):
    response = await client.post(CATALOGUSSEN, json=["a"], headers=superuser)
    assert response.status_code == 400
    assert_oas(response)


async def test_wrong_content_type_is_415(client, superuser):
    response = await client.post(
        CATALOGUSSEN, content=b"domein=x", headers={**superuser, "Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 415
    assert_oas(response)


async def test_unknown_resource_is_404_problem(client, superuser):
    response = await client.get(f"{CATALOGUSSEN}/00000000-0000-0000-0000-000000000000", headers=superuser)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert_oas(response)


async def test_malformed_uuid_is_404(client, superuser):
    response = await client.get(f"{CATALOGUSSEN}/niet-een-uuid", headers=superuser)
    assert response.status_code == 404


async def test_page_beyond_the_end_is_404(client, superuser):
    response = await client.get(CATALOGUSSEN, params={"page": 2}, headers=superuser)
    assert response.status_code == 404


async def test_the_official_oas_is_served_with_our_server(client):
    response = await client.get("/catalogi/api/v1/schema/openapi.yaml")
    assert response.status_code == 200
    document = yaml.safe_load(response.text)
    assert document["info"]["version"] == "1.3.1"
    assert document["servers"] == [{"url": "http://testserver/catalogi/api/v1"}]
    assert "/zaaktypen/{uuid}/publish" in document["paths"]
    response = await client.get("/catalogi/api/v1/schema/openapi.json")
    assert response.json()["info"]["title"] == document["info"]["title"]
