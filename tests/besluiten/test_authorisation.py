"""Authorisation by besluittype: what a client may not read does not exist for it; what it may not write is a 403."""

from tests.besluiten.factories import BESLUITEN, besluit_body, brc_client, create_besluit
from tests.conftest import make_api_client
from tests.oas import assert_oas

ALL_SCOPES = ["besluiten.lezen", "besluiten.aanmaken", "besluiten.bijwerken", "besluiten.verwijderen"]


async def test_lists_and_details_show_only_besluiten_of_readable_besluittypen(client, superuser, catalogue):
    mine = await create_besluit(client, superuser, catalogue.besluittype)
    other = await create_besluit(client, superuser, catalogue.other_besluittype)
    lezer = await make_api_client("lezer", scopes=["besluiten.lezen"], besluittypen=[catalogue.besluittype])

    response = await client.get(f"{BESLUITEN}/besluiten", headers=lezer)
    assert_oas(response)
    assert response.json()["count"] == 1
    assert [b["url"] for b in response.json()["results"]] == [mine["url"]]
    # Filtering for the other type does not reveal it either.
    response = await client.get(
        f"{BESLUITEN}/besluiten", params={"besluittype": catalogue.other_besluittype}, headers=lezer
    )
    assert_oas(response)
    assert response.json()["count"] == 0

    response = await client.get(mine["url"], headers=lezer)
    assert_oas(response)
    assert response.status_code == 200
    response = await client.get(other["url"], headers=lezer)
    assert_oas(response)
    assert response.status_code == 404


async def test_a_scope_for_another_component_or_type_does_not_count(client, superuser, catalogue):
    await create_besluit(client, superuser, catalogue.besluittype)
    # besluiten.aanmaken alone does not read; a scope of another besluittype reads nothing of this one.
    schrijver = await make_api_client("schrijver", scopes=["besluiten.aanmaken"], besluittypen=[catalogue.besluittype])
    response = await client.get(f"{BESLUITEN}/besluiten", headers=schrijver)
    assert_oas(response)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    ander = await make_api_client("ander", scopes=["besluiten.lezen"], besluittypen=[catalogue.other_besluittype])
    response = await client.get(f"{BESLUITEN}/besluiten", headers=ander)
    assert_oas(response)
    assert response.json()["count"] == 0


async def test_creating_needs_aanmaken_for_the_besluittype_of_the_new_besluit(client, catalogue):
    maker = await make_api_client("maker", scopes=["besluiten.aanmaken"], besluittypen=[catalogue.besluittype])
    response = await client.post(
        f"{BESLUITEN}/besluiten", json=besluit_body(catalogue.other_besluittype), headers=maker
    )
    assert_oas(response)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    response = await client.post(f"{BESLUITEN}/besluiten", json=besluit_body(catalogue.besluittype), headers=maker)
    assert_oas(response)
    assert response.status_code == 201


async def test_updating_and_deleting_need_their_scope_for_the_besluittype(client, superuser, catalogue):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    # Every scope, but for the other besluittype; and the read scope alone for this one.
    elsewhere = await make_api_client("elders", scopes=ALL_SCOPES, besluittypen=[catalogue.other_besluittype])
    lezer = await make_api_client("lezer", scopes=["besluiten.lezen"], besluittypen=[catalogue.besluittype])
    for headers in (elsewhere, lezer):
        for method, body in (
            ("PATCH", {"toelichting": "x"}),
            ("PUT", besluit_body(catalogue.besluittype)),
            ("DELETE", None),
        ):
            response = await client.request(method, besluit["url"], json=body, headers=headers)
            assert_oas(response)
            assert response.status_code == 403, (method, response.text)
    bewerker = await make_api_client("bewerker", scopes=ALL_SCOPES, besluittypen=[catalogue.besluittype])
    response = await client.patch(besluit["url"], json={"toelichting": "x"}, headers=bewerker)
    assert_oas(response)
    assert response.status_code == 200
    response = await client.delete(besluit["url"], headers=bewerker)
    assert_oas(response)
    assert response.status_code == 204


async def test_without_a_valid_token_nothing_is_answered(client, catalogue):
    for headers in ({}, {"Authorization": "Bearer niet-een-jwt"}):
        response = await client.get(f"{BESLUITEN}/besluiten", headers=headers)
        assert_oas(response)
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


async def test_the_audit_trail_needs_audittrails_lezen_for_the_besluittype(client, superuser, catalogue):
    mine = await create_besluit(client, superuser, catalogue.besluittype)
    other = await create_besluit(client, superuser, catalogue.other_besluittype)
    auditor = await brc_client("auditor", ["audittrails.lezen"], [catalogue.besluittype])
    response = await client.get(f"{mine['url']}/audittrail", headers=auditor)
    assert_oas(response)
    assert response.status_code == 200 and len(response.json()) == 1
    entry = response.json()[0]
    # The trail of a besluit the client may not read is a 404, like that of one that does not exist.
    response = await client.get(f"{other['url']}/audittrail", headers=auditor)
    assert response.status_code == 404
    response = await client.get(f"{other['url']}/audittrail", headers=superuser)
    assert_oas(response)
    other_entry = response.json()[0]
    response = await client.get(f"{other['url']}/audittrail/{other_entry['uuid']}", headers=auditor)
    assert_oas(response)
    assert response.status_code == 404
    response = await client.get(f"{mine['url']}/audittrail/{entry['uuid']}", headers=auditor)
    assert_oas(response)
    assert response.status_code == 200

    lezer = await brc_client("lezer", ["besluiten.lezen"], [catalogue.besluittype])
    response = await client.get(f"{mine['url']}/audittrail", headers=lezer)
    assert_oas(response)
    assert response.status_code == 403
