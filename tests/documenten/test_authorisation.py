"""Authorisation per informatieobjecttype and maximum vertrouwelijkheidaanduiding, applied in SQL for lists."""

from tests.conftest import count_queries, make_api_client
from tests.documenten.factories import (
    DOCUMENTEN,
    EIO,
    b64,
    create_document,
    create_informatieobjecttype,
    document_body,
    download,
    get_json,
)
from tests.oas import assert_oas


async def _types(client, superuser) -> tuple[str, str]:
    first = await create_informatieobjecttype(client, superuser)
    second = await create_informatieobjecttype(client, superuser, first["catalogus"], omschrijving="Brief")
    return first["url"], second["url"]


async def test_lists_show_only_documents_of_allowed_types_up_to_the_maximum(client, superuser):
    allowed, other = await _types(client, superuser)
    visible = await create_document(client, superuser, allowed, vertrouwelijkheidaanduiding="intern")
    too_secret = await create_document(client, superuser, allowed, vertrouwelijkheidaanduiding="geheim")
    other_type = await create_document(client, superuser, other, vertrouwelijkheidaanduiding="openbaar")
    for document in (visible, too_secret, other_type):
        await client.post(
            f"{DOCUMENTEN}/gebruiksrechten",
            json={
                "informatieobject": document["url"],
                "startdatum": "2026-03-01T00:00:00Z",
                "omschrijvingVoorwaarden": "Intern",
            },
            headers=superuser,
        )
    reader = await make_api_client(
        "lezer",
        scopes=["documenten.lezen"],
        informatieobjecttypen=[allowed],
        max_vertrouwelijkheidaanduiding="vertrouwelijk",
    )
    listed = await get_json(client, reader, EIO)
    assert (listed["count"], [d["url"] for d in listed["results"]]) == (1, [visible["url"]])
    uuids = [d["url"].rsplit("/", 1)[1] for d in (visible, too_secret, other_type)]
    response = await client.post(f"{EIO}/_zoek", json={"uuid__in": uuids}, headers=reader)
    assert [d["url"] for d in response.json()["results"]] == [visible["url"]]
    rechten = await get_json(client, reader, f"{DOCUMENTEN}/gebruiksrechten")
    assert [r["informatieobject"] for r in rechten] == [visible["url"]]

    await get_json(client, reader, visible["url"])
    for document in (too_secret, other_type):
        response = await client.get(document["url"], headers=reader)
        assert_oas(response)
        assert response.status_code == 404
        await download(client, reader, document["url"], status=404)


async def test_an_older_version_is_read_with_its_own_vertrouwelijkheid(client, superuser, iot):
    document = await create_document(
        client, superuser, iot, inhoud=b64(b"geheim"), vertrouwelijkheidaanduiding="geheim"
    )
    lock_id = (await client.post(f"{document['url']}/lock", headers=superuser)).json()["lock"]
    response = await client.patch(
        document["url"], json={"vertrouwelijkheidaanduiding": "openbaar", "lock": lock_id}, headers=superuser
    )
    assert response.status_code == 200
    reader = await make_api_client(
        "lezer", scopes=["documenten.lezen"], informatieobjecttypen=[iot], max_vertrouwelijkheidaanduiding="openbaar"
    )
    await get_json(client, reader, document["url"])
    await get_json(client, reader, document["url"], status=403, versie=1)
    await download(client, reader, document["url"], status=403, versie=1)


async def test_creating_needs_aanmaken_for_the_type_and_vertrouwelijkheid(client, superuser):
    allowed, other = await _types(client, superuser)
    maker = await make_api_client(
        "maker",
        scopes=["documenten.aanmaken"],
        informatieobjecttypen=[allowed],
        max_vertrouwelijkheidaanduiding="zaakvertrouwelijk",
    )
    await create_document(client, maker, allowed)
    for iot, aanduiding in ((other, "openbaar"), (allowed, "geheim")):
        response = await client.post(
            EIO, json=document_body(iot, vertrouwelijkheidaanduiding=aanduiding), headers=maker
        )
        assert_oas(response)
        assert response.status_code == 403


async def test_the_restricted_list_costs_the_same_queries_for_1_and_50(client, superuser, iot):
    reader = await make_api_client("lezer", scopes=["documenten.lezen"], informatieobjecttypen=[iot])

    async def queries_for_list() -> int:
        with count_queries() as counted:
            response = await client.get(EIO, headers=reader)
        assert response.status_code == 200
        return counted[0]

    await create_document(client, superuser, iot)
    one = await queries_for_list()
    for _ in range(49):
        await create_document(client, superuser, iot)
    assert await queries_for_list() == one


async def test_without_token_or_scope(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    response = await client.get(EIO)
    assert_oas(response)
    assert response.status_code == 401
    other = await make_api_client("zaken", scopes=["zaken.lezen"], zaaktypen=["http://testserver/x"])
    for method, url in (("GET", EIO), ("GET", document["url"]), ("DELETE", document["url"])):
        response = await client.request(method, url, headers=other)
        assert_oas(response)
        assert response.status_code == 403
    response = await client.get(f"{document['url']}/audittrail", headers=other)
    assert_oas(response)
    assert response.status_code == 403
