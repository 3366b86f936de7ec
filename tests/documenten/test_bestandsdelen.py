"""Bestandsdelen (large files, Documenten 1.1+): create with ``bestandsomvang`` and no ``inhoud``, upload each part
with the lock, unlock to join them; sizes, locks, missing parts and checksums are checked."""

import os
from urllib.parse import quote_from_bytes

import pytest
from sqlalchemy import select

from tests.conftest import make_api_client
from tests.documenten.factories import (
    EIO,
    b64,
    create_document,
    document_body,
    download,
    get_json,
    lock,
    multipart,
    patch,
    sha256,
    unlock,
    upload_part,
)
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from zaakgericht import db
from zaakgericht.documenten.models import Bestandsdeel
from zaakgericht.settings import get_settings

PART = 1000


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    monkeypatch.setattr(get_settings(), "documenten_chunk_size", PART)


def contents(size: int) -> bytes:
    """Bytes whose every part differs, so a part in the wrong place shows."""
    return bytes(n % 251 for n in range(size))


def split(data: bytes) -> list[bytes]:
    return [data[i : i + PART] for i in range(0, len(data), PART)]


async def test_a_large_file_is_created_in_parts_and_joined_on_unlock(client, superuser, iot):
    data = contents(2 * PART + 345)
    document = await create_document(client, superuser, iot, bestandsomvang=len(data), inhoud=None)
    assert document["locked"] is True and document["lock"]
    assert [(p["volgnummer"], p["omvang"], p["voltooid"]) for p in document["bestandsdelen"]] == [
        (1, PART, False),
        (2, PART, False),
        (3, 345, False),
    ]
    assert all(p["lock"] == document["lock"] for p in document["bestandsdelen"])
    assert document["inhoud"] is None

    # Parts may arrive in any order.
    pieces = split(data)
    for part, piece in reversed(list(zip(document["bestandsdelen"], pieces, strict=True))):
        answered = await upload_part(client, superuser, part["url"], piece, document["lock"])
        assert (answered["url"], answered["voltooid"], answered["volgnummer"]) == (
            part["url"],
            True,
            part["volgnummer"],
        )
    read = await get_json(client, superuser, document["url"])
    assert [p["voltooid"] for p in read["bestandsdelen"]] == [True, True, True]

    await unlock(client, superuser, document["url"], document["lock"])
    joined = await get_json(client, superuser, document["url"])
    assert (joined["locked"], joined["bestandsdelen"], joined["bestandsomvang"]) == (False, [], len(data))
    assert joined["inhoud"] == f"{document['url']}/download?versie=1"
    assert await download(client, superuser, document["url"]) == data
    async with db.read_session() as session:
        assert (await session.scalars(select(Bestandsdeel))).all() == []
    # The arrival of the contents is an update of the document.
    messages = [m for m in await outbox_payloads() if m["resource"] == "enkelvoudiginformatieobject"]
    assert [m["actie"] for m in messages] == ["create", "update"]


async def test_a_part_must_have_exactly_its_size(client, superuser, iot):
    document = await create_document(client, superuser, iot, bestandsomvang=PART + 10)
    first, last = document["bestandsdelen"]
    for part, data in ((first, b"x" * (PART - 1)), (first, b"x" * (PART + 1)), (last, b"x" * 11), (last, b"")):
        response = await upload_part(client, superuser, part["url"], data, document["lock"], status=400)
        assert invalid_params_of(response) == {"inhoud": "file-size"}
    read = await get_json(client, superuser, document["url"])
    assert [p["voltooid"] for p in read["bestandsdelen"]] == [False, False]


async def test_a_part_needs_the_lock_and_without_inhoud_stays_as_it_was(client, superuser, iot):
    document = await create_document(client, superuser, iot, bestandsomvang=10)
    part = document["bestandsdelen"][0]["url"]
    response = await upload_part(client, superuser, part, b"0123456789", "verkeerd", status=400)
    assert invalid_params_of(response) == {"lock": "incorrect-lock-id"}
    body, content_type = multipart([("inhoud", b"0123456789")])
    response = await client.put(part, content=body, headers={**superuser, "Content-Type": content_type})
    assert_oas(response)
    assert invalid_params(response) == {"lock": "required"}
    # The OAS requires only the lock (BestandsDeelRequest), as the reference implementation does.
    body, content_type = multipart([("lock", document["lock"].encode())])
    response = await client.put(part, content=body, headers={**superuser, "Content-Type": content_type})
    assert_oas(response)
    assert response.status_code == 200
    assert response.json()["voltooid"] is False
    response = await client.put(part, json={"lock": document["lock"], "inhoud": "x"}, headers=superuser)
    assert_oas(response)
    assert response.status_code == 415
    body, content_type = multipart([("lock", document["lock"].encode()), ("inhoud", b"0123456789")])
    response = await client.put(part, content=body[:-10], headers={**superuser, "Content-Type": content_type})
    assert_oas(response)
    assert response.status_code == 400


async def test_a_part_may_be_uploaded_again_and_the_last_one_counts(client, superuser, iot):
    document = await create_document(client, superuser, iot, bestandsomvang=4)
    part = document["bestandsdelen"][0]["url"]
    await upload_part(client, superuser, part, b"oud!", document["lock"])
    await upload_part(client, superuser, part, b"nieu", document["lock"])
    await unlock(client, superuser, document["url"], document["lock"])
    assert await download(client, superuser, document["url"]) == b"nieu"
    root = get_settings().data_dir / "files"
    assert len([p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "tmp"]) == 1


async def test_form_urlencoded_parts_are_accepted(client, superuser, iot):
    data = bytes(range(256))
    document = await create_document(client, superuser, iot, bestandsomvang=len(data))
    body = f"lock={document['lock']}&inhoud={quote_from_bytes(data)}".encode()
    response = await client.put(
        document["bestandsdelen"][0]["url"],
        content=body,
        headers={**superuser, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_oas(response)
    assert response.status_code == 200, response.text
    await unlock(client, superuser, document["url"], document["lock"])
    assert await download(client, superuser, document["url"]) == data


async def test_unlock_waits_for_all_parts_but_a_forced_unlock_abandons_them(client, superuser, iot):
    holder = await make_api_client(
        "houder", scopes=["documenten.aanmaken", "documenten.bijwerken", "documenten.lock"], informatieobjecttypen=[iot]
    )
    document = await create_document(client, holder, iot, bestandsomvang=PART + 1)
    await upload_part(client, holder, document["bestandsdelen"][1]["url"], b"z", document["lock"])
    response = await unlock(client, holder, document["url"], document["lock"], status=400)
    assert response.json()["code"] == "incomplete-upload"
    assert "1" in response.json()["detail"]

    beheerder = await make_api_client("beheerder", scopes=["documenten.geforceerd-unlock"], informatieobjecttypen=[iot])
    await unlock(client, beheerder, document["url"], None)
    read = await get_json(client, superuser, document["url"])
    assert (read["locked"], read["bestandsdelen"], read["inhoud"]) == (False, [], None)


async def test_an_integriteit_is_stored_as_given_never_checked(client, superuser, iot):
    """No rule of the standard refuses contents whose checksum differs from the integriteit stated."""
    data = contents(PART + 50)
    wrong = {"algoritme": "sha_256", "waarde": sha256(b"iets anders"), "datum": "2026-03-01"}
    document = await create_document(client, superuser, iot, bestandsomvang=len(data), integriteit=wrong)
    for part, piece in zip(document["bestandsdelen"], split(data), strict=True):
        await upload_part(client, superuser, part["url"], piece, document["lock"])
    await unlock(client, superuser, document["url"], document["lock"])
    assert await download(client, superuser, document["url"]) == data

    integriteit = {"algoritme": "sha_1", "waarde": "0" * 40, "datum": "2026-03-01"}
    response = await client.post(
        EIO,
        json={**document_body(iot), "inhoud": b64(b"inhoud"), "integriteit": integriteit},
        headers=superuser,
    )
    assert_oas(response)
    assert response.status_code == 201, response.text
    assert response.json()["integriteit"] == integriteit


async def test_a_damaged_part_is_found_when_joining(client, superuser, iot):
    document = await create_document(client, superuser, iot, bestandsomvang=8)
    await upload_part(client, superuser, document["bestandsdelen"][0]["url"], b"12345678", document["lock"])
    async with db.read_session() as session:
        key = await session.scalar(select(Bestandsdeel.inhoud))
    path = get_settings().data_dir / "files" / key[:2] / key[2:4] / key
    path.write_bytes(b"12345679")
    response = await unlock(client, superuser, document["url"], document["lock"], status=400)
    assert response.json()["code"] == "incomplete-upload"
    os.remove(path)
    response = await unlock(client, superuser, document["url"], document["lock"], status=400)
    assert response.json()["code"] == "incomplete-upload"
    # Uploading the part again repairs it.
    await upload_part(client, superuser, document["bestandsdelen"][0]["url"], b"12345678", document["lock"])
    await unlock(client, superuser, document["url"], document["lock"])
    assert await download(client, superuser, document["url"]) == b"12345678"


async def test_contents_of_an_existing_document_are_replaced_through_parts(client, superuser, iot):
    document = await create_document(client, superuser, iot, inhoud=b64(b"klein begin"))
    lock_id = await lock(client, superuser, document["url"])
    data = contents(PART + 1)
    updated = await patch(
        client, superuser, document["url"], {"inhoud": None, "bestandsomvang": len(data), "lock": lock_id}
    )
    assert (updated["versie"], updated["inhoud"], len(updated["bestandsdelen"])) == (2, None, 2)
    assert all(p["lock"] == lock_id for p in updated["bestandsdelen"])
    # A change of metadata during the upload keeps the parts.
    await upload_part(client, superuser, updated["bestandsdelen"][0]["url"], data[:PART], lock_id)
    during = await patch(client, superuser, document["url"], {"titel": "Tijdens upload", "lock": lock_id})
    assert [p["url"] for p in during["bestandsdelen"]] == [p["url"] for p in updated["bestandsdelen"]]
    await upload_part(client, superuser, updated["bestandsdelen"][1]["url"], data[PART:], lock_id)
    await unlock(client, superuser, document["url"], lock_id)

    assert await download(client, superuser, document["url"]) == data
    assert await download(client, superuser, document["url"], versie=1) == b"klein begin"


async def test_an_impossible_size_is_refused(client, superuser, iot):
    response = await client.post(EIO, json={**document_body(iot), "bestandsomvang": PART * 10_001}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"bestandsomvang": "max_value"}


async def test_uploading_parts_needs_bijwerken(client, superuser, iot):
    document = await create_document(client, superuser, iot, bestandsomvang=4)
    reader = await make_api_client("lezer", scopes=["documenten.lezen"], informatieobjecttypen=[iot])
    response = await upload_part(client, reader, document["bestandsdelen"][0]["url"], b"1234", document["lock"], 403)
    assert response["code"] == "permission_denied"


def invalid_params_of(body: dict) -> dict:
    return {p["name"]: p["code"] for p in body["invalidParams"]}
