"""Zaakbesluiten: the besluiten of a zaak, kept in step by the Besluiten API (brc-006), nested under the zaak."""

import pytest

from tests.besluiten.factories import BESLUITEN, create_besluit, create_catalogue
from tests.besluiten.factories import create_zaak as create_besluit_zaak
from tests.conftest import make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from tests.zaken.factories import close_zaak, create_zaak, get
from tests.zaken.test_zaakinformatieobjecten import RemoteJson
from zaakgericht import db
from zaakgericht.api import urls
from zaakgericht.api.auth import AuthContext
from zaakgericht.koppelingen import service as koppelingen
from zaakgericht.zaken import service


@pytest.fixture
async def catalogue(client, superuser):
    return await create_catalogue(client, superuser)


@pytest.fixture
async def zaak(client, superuser, catalogue) -> dict:
    return await create_besluit_zaak(client, superuser, catalogue.zaaktype)


@pytest.fixture
def remote():
    with RemoteJson() as server:
        yield server


def collection(zaak: dict) -> str:
    return f"{zaak['url']}/besluiten"


async def post_zaakbesluit(client, headers, zaak: dict, besluit: str):
    response = await client.post(collection(zaak), headers=headers, json={"besluit": besluit})
    assert_oas(response)
    return response


async def test_a_besluit_naming_the_zaak_makes_the_zaakbesluit_brc_006(client, superuser, catalogue, zaak):
    besluit = await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak["url"])
    zaakbesluiten = await get(client, superuser, collection(zaak))
    assert [z["besluit"] for z in zaakbesluiten] == [besluit["url"]]
    zaakbesluit = zaakbesluiten[0]
    assert zaakbesluit["url"] == f"{collection(zaak)}/{zaakbesluit['uuid']}"
    assert await get(client, superuser, zaakbesluit["url"]) == zaakbesluit

    messages = [m for m in await outbox_payloads() if m["resource"] == "zaakbesluit"]
    assert [(m["actie"], m["resourceUrl"], m["hoofdObject"]) for m in messages] == [
        ("create", zaakbesluit["url"], zaak["url"])
    ]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [(e["actie"], e["resourceWeergave"]) for e in trail if e["resource"] == "zaakbesluit"] == [
        ("create", besluit["url"])
    ]


async def test_destroying_the_besluit_removes_the_zaakbesluit(client, superuser, catalogue, zaak):
    besluit = await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak["url"])
    assert (await client.delete(besluit["url"], headers=superuser)).status_code == 204
    assert await get(client, superuser, collection(zaak)) == []

    # Only the create is notified (zaken-1.5.1-notificaties); the removal is in the audit trail.
    assert [m["actie"] for m in await outbox_payloads() if m["resource"] == "zaakbesluit"] == ["create"]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [e["actie"] for e in trail if e["resource"] == "zaakbesluit"] == ["create", "destroy"]


async def test_create_through_the_zaken_api_checks_the_besluit(client, superuser, catalogue, zaak, remote):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)  # names no zaak
    response = await post_zaakbesluit(client, superuser, zaak, besluit["url"])
    assert invalid_params(response) == {"besluit": "inconsistent-relation"}

    unknown = f"{BESLUITEN}/besluiten/00000000-0000-0000-0000-000000000000"
    for url, code in (
        (unknown, "bad-url"),
        (zaak["url"], "invalid-resource"),
        (f"{remote.base}/besluiten/1", "bad-url"),
        (remote.add("/iets", {"naam": "geen besluit"}), "invalid-resource"),
    ):
        response = await post_zaakbesluit(client, superuser, zaak, url)
        assert invalid_params(response) == {"besluit": code}, url

    elsewhere = remote.add("/besluiten/api/v1/besluiten/2", {"besluittype": "https://elders.nl/besluittypen/1"})
    response = await post_zaakbesluit(client, superuser, zaak, elsewhere)
    assert response.status_code == 201
    assert response.json()["besluit"] == elsewhere
    response = await post_zaakbesluit(client, superuser, zaak, elsewhere)
    assert invalid_params(response) == {"besluit": "unique"}

    missing_zaak = {"url": zaak["url"][:-36] + "00000000-0000-0000-0000-000000000000"}
    response = await post_zaakbesluit(client, superuser, missing_zaak, elsewhere)
    assert invalid_params(response) == {"zaak": "does_not_exist"}


async def test_delete_through_the_zaken_api(client, superuser, catalogue, zaak, remote):
    elsewhere = remote.add("/besluiten/1", {"besluittype": "https://elders.nl/besluittypen/1"})
    zaakbesluit = (await post_zaakbesluit(client, superuser, zaak, elsewhere)).json()
    response = await client.delete(zaakbesluit["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert await get(client, superuser, collection(zaak)) == []
    response = await client.delete(zaakbesluit["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 404


async def test_reading_is_limited_to_zaken_the_client_may_read(client, superuser, catalogue, zaak):
    await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak["url"])
    zaakbesluit = (await get(client, superuser, collection(zaak)))[0]
    other = await create_besluit_zaak(client, superuser, catalogue.zaaktype)
    response = await client.get(f"{collection(other)}/{zaakbesluit['uuid']}", headers=superuser)
    assert_oas(response)
    assert response.status_code == 404  # not a besluit of that zaak

    stranger = await make_api_client("vreemde", scopes=["zaken.lezen"], zaaktypen=["http://testserver/x"])
    assert await get(client, stranger, collection(zaak)) == []
    response = await client.get(zaakbesluit["url"], headers=stranger)
    assert_oas(response)
    assert response.status_code == 404
    reader = await make_api_client("lezer", scopes=["zaken.lezen"], zaaktypen=[catalogue.zaaktype])
    assert await get(client, reader, collection(zaak)) == [zaakbesluit]


async def test_writes_need_zaken_bijwerken_and_for_a_closed_zaak_also_geforceerd(client, superuser, zaaktype, remote):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    elsewhere = remote.add("/besluiten/1", {"besluittype": "https://elders.nl/besluittypen/1"})
    forceerder = await make_api_client("forceerder", scopes=["zaken.geforceerd-bijwerken"], zaaktypen=[zaaktype.url])
    response = await post_zaakbesluit(client, forceerder, zaak, elsewhere)
    assert response.status_code == 403  # the OAS asks zaken.bijwerken here, without alternative
    bijwerker = await make_api_client("bijwerker", scopes=["zaken.bijwerken"], zaaktypen=[zaaktype.url])
    zaakbesluit = (await post_zaakbesluit(client, bijwerker, zaak, elsewhere)).json()

    await close_zaak(client, superuser, zaaktype, zaak["url"])
    response = await client.delete(zaakbesluit["url"], headers=bijwerker)
    assert_oas(response)
    assert response.status_code == 403
    both = await make_api_client(
        "beide", scopes=["zaken.bijwerken", "zaken.geforceerd-bijwerken"], zaaktypen=[zaaktype.url]
    )
    assert (await client.delete(zaakbesluit["url"], headers=both)).status_code == 204


async def test_link_besluit_is_idempotent_and_unlink_tolerates_absence(client, superuser, catalogue, zaak):
    auth = AuthContext(client_id="besluiten", applicatie_label="Besluiten API", heeft_alle_autorisaties=True)
    besluit = "https://elders.nl/besluiten/1"
    token = urls.set_base_url("http://testserver")
    try:
        async with db.write_session() as session:
            ref = await service.zaak_from_url(session, zaak["url"])
            first = await koppelingen.link_besluit(session, auth, ref, besluit)
            assert (await koppelingen.link_besluit(session, auth, ref, besluit)).id == first.id
            await koppelingen.unlink_besluit(session, auth, ref, "https://elders.nl/besluiten/2")
    finally:
        urls.reset_base_url(token)
    assert [z["besluit"] for z in await get(client, superuser, collection(zaak))] == [besluit]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [e["actie"] for e in trail if e["resource"] == "zaakbesluit"] == ["create"]
