"""zrc-006: a client sees and changes only zaken of its zaaktypen, up to its maximum vertrouwelijkheid."""

from tests.conftest import make_api_client
from tests.oas import assert_oas
from tests.zaken.factories import CRS, ZAKEN, create_zaak, create_zaaktype_setup, get, set_status, zaak_body


async def test_lists_details_and_parts_follow_the_autorisaties(client, superuser, zaaktype):
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-ANDER")
    visible = await create_zaak(client, superuser, zaaktype.url, vertrouwelijkheidaanduiding="intern")
    too_secret = await create_zaak(client, superuser, zaaktype.url, vertrouwelijkheidaanduiding="geheim")
    other_type = await create_zaak(client, superuser, other.url, vertrouwelijkheidaanduiding="openbaar")
    for zaak, setup in ((visible, zaaktype), (too_secret, zaaktype), (other_type, other)):
        await set_status(client, superuser, zaak["url"], setup.statustypen[0])
    headers = await make_api_client(
        "kcc", scopes=["zaken.lezen"], zaaktypen=[zaaktype.url], max_vertrouwelijkheidaanduiding="vertrouwelijk"
    )

    listed = await get(client, headers, f"{ZAKEN}/zaken")
    assert [zaak["url"] for zaak in listed["results"]] == [visible["url"]]
    response = await client.post(f"{ZAKEN}/zaken/_zoek", json={}, headers={**headers, **CRS})
    assert [zaak["url"] for zaak in response.json()["results"]] == [visible["url"]]
    for hidden in (too_secret, other_type):
        response = await client.get(hidden["url"], headers={**headers, **CRS})
        assert_oas(response)
        assert response.status_code == 404
    statussen = await get(client, headers, f"{ZAKEN}/statussen")
    assert [status["zaak"] for status in statussen["results"]] == [visible["url"]]
    hidden_status = (await get(client, superuser, too_secret["url"]))["status"]
    response = await client.get(hidden_status, headers=headers)
    assert response.status_code == 404


async def test_expand_hides_what_the_client_may_not_read(client, superuser, zaaktype):
    deel = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-DEEL")
    hoofd = await create_zaaktype_setup(
        client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-HOOFD", deelzaaktypen=[deel.url]
    )
    hoofdzaak = await create_zaak(client, superuser, hoofd.url)
    deelzaak = await create_zaak(client, superuser, deel.url, hoofdzaak=hoofdzaak["url"])
    headers = await make_api_client("deel", scopes=["zaken.lezen"], zaaktypen=[deel.url])
    body = await get(client, headers, deelzaak["url"], expand="hoofdzaak")
    assert body["hoofdzaak"] == hoofdzaak["url"] and body["_expand"]["hoofdzaak"] == {}


async def test_writes_need_the_scope_for_the_zaaktype(client, superuser, zaaktype):
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-ANDER")
    headers = await make_api_client(
        "intake",
        scopes=["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken"],
        zaaktypen=[zaaktype.url],
        max_vertrouwelijkheidaanduiding="zaakvertrouwelijk",
    )
    response = await client.post(f"{ZAKEN}/zaken", json=zaak_body(other.url), headers={**headers, **CRS})
    assert_oas(response)
    assert response.status_code == 403
    response = await client.post(
        f"{ZAKEN}/zaken", json=zaak_body(zaaktype.url, vertrouwelijkheidaanduiding="geheim"), headers={**headers, **CRS}
    )
    assert response.status_code == 403
    zaak = await create_zaak(client, headers, zaaktype.url)
    response = await client.patch(
        zaak["url"], json={"vertrouwelijkheidaanduiding": "geheim"}, headers={**headers, **CRS}
    )
    assert_oas(response)
    assert response.status_code == 403
    other_zaak = await create_zaak(client, superuser, other.url)
    response = await client.patch(other_zaak["url"], json={"omschrijving": "x"}, headers={**headers, **CRS})
    assert response.status_code == 403


async def test_scopes_per_operation(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    lezer = await make_api_client("lezer", scopes=["zaken.lezen"], zaaktypen=[zaaktype.url])
    response = await client.post(f"{ZAKEN}/zaken", json=zaak_body(zaaktype.url), headers={**lezer, **CRS})
    assert_oas(response)
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    response = await client.get(f"{zaak['url']}/audittrail", headers=lezer)
    assert_oas(response)
    assert response.status_code == 403
    response = await client.get(f"{ZAKEN}/zaken", headers=CRS)
    assert_oas(response)
    assert response.status_code == 401
