"""Locking (drc-009, drc-010): a lock id to update with, unlock by the holder, forced unlock only with
``documenten.geforceerd-unlock``."""

from tests.conftest import make_api_client
from tests.documenten.factories import create_document, document_body, lock, patch, unlock
from tests.helpers import invalid_params
from tests.oas import assert_oas


async def test_lock_answers_an_unguessable_id_and_a_second_lock_is_refused(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    lock_id = await lock(client, superuser, document["url"])
    assert len(lock_id) >= 32
    response = await client.get(document["url"], headers=superuser)
    assert response.json()["locked"] is True
    response = await client.post(f"{document['url']}/lock", headers=superuser)
    assert_oas(response)
    assert (response.status_code, response.json()["code"]) == (400, "existing-lock")
    await unlock(client, superuser, document["url"], lock_id)
    assert await lock(client, superuser, document["url"]) != lock_id


async def test_updates_need_the_lock_drc_009(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    url = document["url"]
    response = await client.patch(url, json={"titel": "Nieuw"}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "unlocked"}
    lock_id = await lock(client, superuser, url)
    for body, code in (
        ({"titel": "Nieuw"}, "missing-lock-id"),
        ({"titel": "Nieuw", "lock": "verkeerd"}, "incorrect-lock-id"),
    ):
        response = await client.patch(url, json=body, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"lock": code}
        response = await client.put(url, json={**document_body(iot), **body}, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"lock": code}
    assert (await patch(client, superuser, url, {"titel": "Nieuw", "lock": lock_id}))["titel"] == "Nieuw"
    # The document stays locked until it is unlocked.
    assert (await patch(client, superuser, url, {"titel": "Nog nieuwer", "lock": lock_id}))["versie"] == 3
    await unlock(client, superuser, url, lock_id)
    response = await client.patch(url, json={"titel": "Te laat", "lock": lock_id}, headers=superuser)
    assert invalid_params(response) == {"nonFieldErrors": "unlocked"}


async def test_unlock_by_the_holder_with_the_right_lock(client, superuser, iot):
    holder = await make_api_client("houder", scopes=["documenten.lock"], informatieobjecttypen=[iot])
    document = await create_document(client, superuser, iot)
    lock_id = await lock(client, holder, document["url"])
    response = await unlock(client, holder, document["url"], "verkeerd", status=400)
    assert response.json()["code"] == "incorrect-lock-id"
    response = await unlock(client, holder, document["url"], None, status=400)
    assert response.json()["code"] == "missing-lock-id"
    response = await client.post(
        f"{document['url']}/unlock", content=b"{", headers={**holder, "Content-Type": "application/json"}
    )
    assert_oas(response)
    assert (response.status_code, response.json()["code"]) == (400, "parse_error")
    await unlock(client, holder, document["url"], lock_id)
    # Unlocking an unlocked document changes nothing.
    await unlock(client, holder, document["url"], None)


async def test_forced_unlock_only_with_geforceerd_unlock_drc_009(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    lock_id = await lock(client, superuser, document["url"])
    holder = await make_api_client("houder", scopes=["documenten.lock"], informatieobjecttypen=[iot])
    response = await unlock(client, holder, document["url"], None, status=400)
    assert response.json()["code"] == "missing-lock-id"
    beheerder = await make_api_client("beheerder", scopes=["documenten.geforceerd-unlock"], informatieobjecttypen=[iot])
    await unlock(client, beheerder, document["url"], None)
    assert (await client.get(document["url"], headers=superuser)).json()["locked"] is False
    assert lock_id


async def test_lock_and_unlock_need_their_scopes(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    reader = await make_api_client("lezer", scopes=["documenten.lezen"], informatieobjecttypen=[iot])
    for action in ("lock", "unlock"):
        response = await client.post(f"{document['url']}/{action}", json={}, headers=reader)
        assert_oas(response)
        assert response.status_code == 403
    # documenten.lock for another informatieobjecttype does not count.
    other = await make_api_client(
        "ander", scopes=["documenten.lock"], informatieobjecttypen=["http://testserver/catalogi/api/v1/x/1"]
    )
    response = await client.post(f"{document['url']}/lock", headers=other)
    assert_oas(response)
    assert response.status_code == 403


async def test_updating_needs_bijwerken_or_geforceerd_bijwerken(client, superuser, iot):
    document = await create_document(client, superuser, iot, status="definitief")
    lock_id = await lock(client, superuser, document["url"])
    for scopes, status in (
        (["documenten.lezen"], 403),
        (["documenten.bijwerken"], 200),
        (["documenten.geforceerd-bijwerken"], 200),
    ):
        headers = await make_api_client("-".join(scopes), scopes=scopes, informatieobjecttypen=[iot])
        response = await client.patch(document["url"], json={"titel": "Bijgewerkt", "lock": lock_id}, headers=headers)
        assert_oas(response)
        assert response.status_code == status, scopes
