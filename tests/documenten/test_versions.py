"""Versions: every PUT/PATCH makes a new version; older versions stay readable (``?versie=``, ``?registratieOp=``)
and their download returns their own bytes; a version without new contents shares the stored file."""

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.documenten.factories import b64, create_document, document_body, download, get_json, lock, patch
from tests.helpers import invalid_params
from tests.oas import assert_oas
from zaakgericht import db
from zaakgericht.documenten.models import InformatieObjectVersie


async def test_every_update_makes_a_version_and_older_ones_stay_readable(client, superuser, iot):
    document = await create_document(client, superuser, iot, inhoud=b64(b"eerste"), titel="Eerste")
    url = document["url"]
    lock_id = await lock(client, superuser, url)
    second = await patch(client, superuser, url, {"titel": "Tweede", "lock": lock_id})
    body = document_body(iot, titel="Derde", inhoud=b64(b"derde inhoud"), lock=lock_id)
    response = await client.put(url, json=body, headers=superuser)
    assert_oas(response)
    third = response.json()

    assert [document["versie"], second["versie"], third["versie"]] == [1, 2, 3]
    assert third["inhoud"] == f"{url}/download?versie=3"
    assert second["inhoud"] == f"{url}/download?versie=2"
    assert (await get_json(client, superuser, url))["titel"] == "Derde"
    for versie, titel, contents in ((1, "Eerste", b"eerste"), (2, "Tweede", b"eerste"), (3, "Derde", b"derde inhoud")):
        read = await get_json(client, superuser, url, versie=versie)
        assert (read["versie"], read["titel"]) == (versie, titel)
        assert await download(client, superuser, url, versie=versie) == contents
    assert await download(client, superuser, url) == b"derde inhoud"
    assert datetime.fromisoformat(third["beginRegistratie"]) >= datetime.fromisoformat(document["beginRegistratie"])


async def test_registratie_op_selects_the_version_registered_last_before_it(client, superuser, iot):
    document = await create_document(client, superuser, iot, inhoud=b64(b"een"))
    url = document["url"]
    lock_id = await lock(client, superuser, url)
    await asyncio.sleep(0.01)
    second = await patch(client, superuser, url, {"inhoud": b64(b"twee"), "lock": lock_id})

    first_moment = datetime.fromisoformat(document["beginRegistratie"])
    second_moment = datetime.fromisoformat(second["beginRegistratie"])
    between = first_moment + (second_moment - first_moment) / 2
    for moment, versie, contents in (
        (first_moment, 1, b"een"),
        (between, 1, b"een"),
        (second_moment, 2, b"twee"),
        (second_moment + timedelta(days=1), 2, b"twee"),
    ):
        text = moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
        assert (await get_json(client, superuser, url, registratieOp=text))["versie"] == versie
        assert await download(client, superuser, url, registratieOp=text) == contents
    # Without a zone the moment is Dutch time.
    dutch = (second_moment + timedelta(hours=3)).astimezone(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None)
    assert (await get_json(client, superuser, url, registratieOp=dutch.isoformat()))["versie"] == 2

    before = (first_moment - timedelta(seconds=1)).isoformat()
    await get_json(client, superuser, url, status=404, registratieOp=before)


async def test_unknown_or_malformed_versions_are_404(client, superuser, iot):
    document = await create_document(client, superuser, iot, inhoud=b64(b"inhoud"))
    for params in ({"versie": 2}, {"versie": "twee"}, {"versie": "9" * 30}, {"registratieOp": "gisteren"}):
        await get_json(client, superuser, document["url"], status=404, **params)
        await download(client, superuser, document["url"], status=404, **params)


async def test_a_version_without_new_contents_shares_the_file(client, superuser, iot):
    document = await create_document(client, superuser, iot, inhoud=b64(b"gedeeld"))
    url = document["url"]
    lock_id = await lock(client, superuser, url)
    await patch(client, superuser, url, {"titel": "Alleen metadata", "lock": lock_id})
    # A client sending back the download URL it read keeps the contents too.
    read = await get_json(client, superuser, url)
    body = {**document_body(iot), "inhoud": read["inhoud"], "lock": lock_id}
    response = await client.put(url, json=body, headers=superuser)
    assert_oas(response)
    assert response.status_code == 200
    async with db.read_session() as session:
        keys = list(
            await session.scalars(select(InformatieObjectVersie.inhoud).order_by(InformatieObjectVersie.versie))
        )
    assert len(keys) == 3 and len(set(keys)) == 1 and keys[0]
    assert await download(client, superuser, url, versie=3) == b"gedeeld"


async def test_another_documents_download_url_is_not_contents(client, superuser, iot):
    other = await create_document(client, superuser, iot, inhoud=b64(b"ander"))
    document = await create_document(client, superuser, iot, inhoud=b64(b"eigen"))
    lock_id = await lock(client, superuser, document["url"])
    response = await client.patch(document["url"], json={"inhoud": other["inhoud"], "lock": lock_id}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"inhoud": "invalid"}


async def test_new_contents_without_size_take_their_own_size_and_a_kept_file_keeps_its_size(client, superuser, iot):
    document = await create_document(client, superuser, iot, inhoud=b64(b"vier"))
    lock_id = await lock(client, superuser, document["url"])
    updated = await patch(client, superuser, document["url"], {"inhoud": b64(b"acht byt"), "lock": lock_id})
    assert updated["bestandsomvang"] == 8
    response = await client.patch(document["url"], json={"bestandsomvang": 5, "lock": lock_id}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"bestandsomvang": "file-size"}
    cleared = await patch(client, superuser, document["url"], {"inhoud": None, "bestandsomvang": 0, "lock": lock_id})
    assert (cleared["inhoud"], cleared["bestandsomvang"], cleared["bestandsdelen"]) == (None, 0, [])
    assert await download(client, superuser, document["url"], versie=2) == b"acht byt"


async def test_identificatie_and_bronorganisatie_name_the_document_across_versions(client, superuser, iot):
    document = await create_document(client, superuser, iot, identificatie="VAST-1")
    lock_id = await lock(client, superuser, document["url"])
    for change, name in (
        ({"identificatie": "ANDERS"}, "identificatie"),
        ({"bronorganisatie": "000000000"}, "bronorganisatie"),
    ):
        response = await client.patch(document["url"], json={**change, "lock": lock_id}, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {name: "wijzigen-niet-toegelaten"}
    # PUT may leave the identificatie out.
    body = {**document_body(iot), "lock": lock_id}
    response = await client.put(document["url"], json=body, headers=superuser)
    assert_oas(response)
    assert response.json()["identificatie"] == "VAST-1"
