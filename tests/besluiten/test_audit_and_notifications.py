"""Every change of a besluit is recorded in its audit trail and notified on the ``besluiten`` kanaal."""

import uuid

from tests.besluiten.factories import BESLUITEN, RSIN, besluit_body, brc_client, create_besluit
from tests.helpers import outbox_payloads
from tests.oas import assert_oas


async def _trail(client, headers, besluit_url: str) -> list[dict]:
    response = await client.get(f"{besluit_url}/audittrail", headers=headers)
    assert_oas(response)
    assert response.status_code == 200
    return response.json()


async def test_create_update_and_patch_are_recorded_with_who_why_and_what(client, catalogue):
    headers = await brc_client(
        "behandelsysteem",
        ["besluiten.aanmaken", "besluiten.bijwerken", "audittrails.lezen"],
        [catalogue.besluittype],
        user="jan",
    )
    response = await client.post(
        f"{BESLUITEN}/besluiten",
        json=besluit_body(catalogue.besluittype, identificatie="B-1"),
        headers={**headers, "X-Audit-Toelichting": "Aanvraag behandeld"},
    )
    assert_oas(response)
    besluit = response.json()
    response = await client.put(
        besluit["url"], json=besluit_body(catalogue.besluittype, toelichting="Herzien"), headers=headers
    )
    assert_oas(response)
    updated = response.json()
    response = await client.patch(besluit["url"], json={"bestuursorgaan": "Raad"}, headers=headers)
    assert_oas(response)
    patched = response.json()

    create, update, patch = await _trail(client, headers, besluit["url"])
    assert create["bron"] == "brc"
    assert (create["applicatieId"], create["applicatieWeergave"]) == ("behandelsysteem", "Applicatie behandelsysteem")
    assert (create["gebruikersId"], create["gebruikersWeergave"]) == ("jan", "Jan")
    assert (create["actie"], create["resultaat"], create["toelichting"]) == ("create", 201, "Aanvraag behandeld")
    assert (create["hoofdObject"], create["resource"], create["resourceUrl"]) == (
        besluit["url"],
        "besluit",
        besluit["url"],
    )
    assert create["resourceWeergave"] == "B-1"
    assert create["wijzigingen"] == {"nieuw": besluit}  # the OAS allows no null "oud"
    assert (update["actie"], update["wijzigingen"]) == ("update", {"oud": besluit, "nieuw": updated})
    assert (patch["actie"], patch["wijzigingen"]) == ("partial_update", {"oud": updated, "nieuw": patched})

    response = await client.get(f"{besluit['url']}/audittrail/{patch['uuid']}", headers=headers)
    assert_oas(response)
    assert response.json() == patch


async def test_an_unknown_audit_trail_entry_is_a_404(client, superuser, catalogue):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    other = await create_besluit(client, superuser, catalogue.besluittype)
    [entry] = await _trail(client, superuser, other["url"])
    for url in (f"{besluit['url']}/audittrail/{uuid.uuid4()}", f"{besluit['url']}/audittrail/{entry['uuid']}"):
        response = await client.get(url, headers=superuser)
        assert_oas(response)
        assert response.status_code == 404
    # The trail of a besluit that does not exist is a 404, as for a zaak (the OAS lists no 404 for this list).
    response = await client.get(f"{BESLUITEN}/besluiten/{uuid.uuid4()}/audittrail", headers=superuser)
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


async def test_deleting_a_besluit_deletes_its_audit_trail_brc_009(client, superuser, catalogue):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    assert len(await _trail(client, superuser, besluit["url"])) == 1
    response = await client.delete(besluit["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    response = await client.get(f"{besluit['url']}/audittrail", headers=superuser)
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


async def test_every_change_is_notified_on_the_besluiten_kanaal_with_its_kenmerken(client, superuser, catalogue):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    for method, body in (
        ("PUT", besluit_body(catalogue.besluittype)),
        ("PATCH", {"toelichting": "x"}),
        ("DELETE", None),
    ):
        response = await client.request(method, besluit["url"], json=body, headers=superuser)
        assert_oas(response)
    messages = [m for m in await outbox_payloads() if m["kanaal"] == "besluiten"]
    assert [m["actie"] for m in messages] == ["create", "update", "partial_update", "destroy"]
    for message in messages:
        assert (message["hoofdObject"], message["resource"], message["resourceUrl"]) == (
            besluit["url"],
            "besluit",
            besluit["url"],
        )
        assert message["kenmerken"] == {"verantwoordelijke_organisatie": RSIN, "besluittype": catalogue.besluittype}


async def test_a_refused_change_leaves_no_trace(client, superuser, catalogue):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    before = await outbox_payloads()
    response = await client.patch(besluit["url"], json={"identificatie": "ANDERS"}, headers=superuser)
    assert_oas(response)
    assert response.status_code == 400
    assert await outbox_payloads() == before
    assert len(await _trail(client, superuser, besluit["url"])) == 1
