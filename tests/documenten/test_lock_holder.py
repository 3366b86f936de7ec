"""Who holds a document's lock: the client id and the user of its token are kept with the lock and cleared by
every unlock (by the holder, forced, or by joining bestandsdelen); the API never shows them."""

import uuid

from sqlalchemy import select

from tests.conftest import make_api_client
from tests.documenten.factories import create_document, get_json, lock, unlock, upload_part
from zaakgericht import db
from zaakgericht.api.auth import make_token
from zaakgericht.documenten.models import EnkelvoudigInformatieObject
from zaakgericht.settings import get_settings


async def _holder(url: str) -> tuple[str, str, bool]:
    uuid_ = uuid.UUID(url.rsplit("/", 1)[1])
    async with db.read_session() as session:
        document = await session.scalar(
            select(EnkelvoudigInformatieObject).where(EnkelvoudigInformatieObject.uuid == uuid_)
        )
    return document.lock_client_id, document.lock_user_id, bool(document.lock)


async def _client_with_user(client_id: str, user_id: str, iot: str, scopes: list[str]) -> dict:
    await make_api_client(client_id, scopes=scopes, informatieobjecttypen=[iot])
    return {"Authorization": f"Bearer {make_token(client_id, f'{client_id}-secret', user_id=user_id)}"}


async def test_lock_remembers_the_client_and_user_and_unlock_forgets_them(client, superuser, iot):
    holder = await _client_with_user("dms", "j.jansen", iot, ["documenten.lezen", "documenten.lock"])
    document = await create_document(client, superuser, iot)
    assert await _holder(document["url"]) == ("", "", False)

    lock_id = await lock(client, holder, document["url"])
    assert await _holder(document["url"]) == ("dms", "j.jansen", True)
    body = await get_json(client, holder, document["url"])
    assert body["locked"] is True
    assert not {"lock", "lockClientId", "lockUserId", "lock_client_id", "lock_user_id"} & set(body)
    assert "j.jansen" not in str(body) and "dms" not in str(body)

    await unlock(client, holder, document["url"], lock_id)
    assert await _holder(document["url"]) == ("", "", False)


async def test_a_forced_unlock_forgets_the_holder(client, superuser, iot):
    holder = await _client_with_user("dms", "j.jansen", iot, ["documenten.lock"])
    beheer = await make_api_client("beheer", scopes=["documenten.geforceerd-unlock"], informatieobjecttypen=[iot])
    document = await create_document(client, superuser, iot)
    await lock(client, holder, document["url"])

    await unlock(client, beheer, document["url"], None)
    assert await _holder(document["url"]) == ("", "", False)


async def test_an_upload_in_parts_is_held_by_its_creator_until_the_parts_are_joined(
    client, superuser, iot, monkeypatch
):
    monkeypatch.setattr(get_settings(), "documenten_chunk_size", 10)
    maker = await _client_with_user(
        "scanstraat",
        "scanner-1",
        iot,
        ["documenten.lezen", "documenten.aanmaken", "documenten.bijwerken", "documenten.lock"],
    )
    data = b"0123456789abcde"
    document = await create_document(client, maker, iot, bestandsomvang=len(data), inhoud=None)
    assert await _holder(document["url"]) == ("scanstraat", "scanner-1", True)

    for part, chunk in zip(document["bestandsdelen"], (data[:10], data[10:]), strict=True):
        await upload_part(client, maker, part["url"], chunk, document["lock"])
    await unlock(client, maker, document["url"], document["lock"])
    assert await _holder(document["url"]) == ("", "", False)


async def test_a_refused_lock_leaves_the_holder_as_it_was(client, superuser, iot):
    first = await _client_with_user("eerste", "anna", iot, ["documenten.lock"])
    second = await _client_with_user("tweede", "bert", iot, ["documenten.lock"])
    document = await create_document(client, superuser, iot)
    await lock(client, first, document["url"])
    response = await client.post(f"{document['url']}/lock", headers=second)
    assert (response.status_code, response.json()["code"]) == (400, "existing-lock")
    assert await _holder(document["url"]) == ("eerste", "anna", True)
