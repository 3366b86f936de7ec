"""The audit trail of a document (bron drc) and the notifications on the ``documenten`` kanaal."""

from tests.conftest import make_api_client
from tests.documenten.factories import DOCUMENTEN, b64, create_document, drc_client, get_json, lock, patch
from tests.helpers import outbox_payloads
from tests.oas import assert_oas
from zaakgericht.api.auth import make_token


async def test_changes_are_recorded_in_the_audit_trail(client, iot):
    from zaakgericht.autorisaties import service as autorisaties

    await autorisaties.create_applicatie_with_secret(
        client_id="dms", secret="dms-secret", label="Het DMS", heeft_alle_autorisaties=True, autorisaties=[]
    )
    headers = {
        "Authorization": f"Bearer {make_token('dms', 'dms-secret', user_id='u1', user_representation='Jan')}",
        "X-Audit-Toelichting": "Aanvraag ontvangen",
    }
    document = await create_document(client, headers, iot, inhoud=b64(b"inhoud"))
    lock_id = await lock(client, headers, document["url"])
    changed = await patch(client, headers, document["url"], {"titel": "Nieuwe titel", "lock": lock_id})
    rechten = await client.post(
        f"{DOCUMENTEN}/gebruiksrechten",
        json={
            "informatieobject": document["url"],
            "startdatum": "2026-03-01T00:00:00Z",
            "omschrijvingVoorwaarden": "x",
        },
        headers=headers,
    )

    trail = await get_json(client, headers, f"{document['url']}/audittrail")
    assert [(e["resource"], e["actie"], e["resultaat"]) for e in trail] == [
        ("enkelvoudiginformatieobject", "create", 201),
        ("enkelvoudiginformatieobject", "partial_update", 200),
        ("gebruiksrechten", "create", 201),
    ]
    first, second, third = trail
    assert (first["bron"], first["applicatieId"], first["applicatieWeergave"]) == ("drc", "dms", "Het DMS")
    assert (first["gebruikersId"], first["gebruikersWeergave"], first["toelichting"]) == (
        "u1",
        "Jan",
        "Aanvraag ontvangen",
    )
    assert first["hoofdObject"] == document["url"] and first["resourceWeergave"] == document["identificatie"]
    assert "oud" not in first["wijzigingen"] and first["wijzigingen"]["nieuw"]["titel"] == document["titel"]
    assert second["wijzigingen"]["oud"]["versie"] == 1 and second["wijzigingen"]["nieuw"] == changed
    assert third["resourceUrl"] == rechten.json()["url"]
    assert await get_json(client, headers, f"{document['url']}/audittrail/{second['uuid']}") == second
    await get_json(client, headers, f"{document['url']}/audittrail/{document['url'].rsplit('/', 1)[1]}", status=404)


async def test_audittrail_needs_audittrails_lezen(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    reader = await make_api_client("lezer", scopes=["documenten.lezen"], informatieobjecttypen=[iot])
    response = await client.get(f"{document['url']}/audittrail", headers=reader)
    assert_oas(response)
    assert response.status_code == 403
    auditor = await drc_client("auditor", ["audittrails.lezen"], [iot])
    assert len(await get_json(client, auditor, f"{document['url']}/audittrail")) == 1


async def test_notifications_on_the_documenten_kanaal(client, superuser, iot):
    document = await create_document(client, superuser, iot, vertrouwelijkheidaanduiding="intern")
    lock_id = await lock(client, superuser, document["url"])
    await patch(client, superuser, document["url"], {"titel": "Anders", "lock": lock_id})
    response = await client.put(
        document["url"],
        json={**{k: v for k, v in document.items() if k in _WRITABLE}, "lock": lock_id},
        headers=superuser,
    )
    assert response.status_code == 200, response.text
    rechten = (
        await client.post(
            f"{DOCUMENTEN}/gebruiksrechten",
            json={
                "informatieobject": document["url"],
                "startdatum": "2026-03-01T00:00:00Z",
                "omschrijvingVoorwaarden": "x",
            },
            headers=superuser,
        )
    ).json()
    await client.patch(rechten["url"], json={"omschrijvingVoorwaarden": "y"}, headers=superuser)
    await client.delete(rechten["url"], headers=superuser)
    await client.post(f"{document['url']}/unlock", json={"lock": lock_id}, headers=superuser)
    await client.delete(document["url"], headers=superuser)

    messages = [m for m in await outbox_payloads() if m["kanaal"] == "documenten"]
    assert [(m["resource"], m["actie"]) for m in messages] == [
        ("enkelvoudiginformatieobject", "create"),
        ("enkelvoudiginformatieobject", "partial_update"),
        ("enkelvoudiginformatieobject", "update"),
        ("gebruiksrechten", "create"),
        ("gebruiksrechten", "partial_update"),
        ("gebruiksrechten", "destroy"),
        ("enkelvoudiginformatieobject", "destroy"),
    ]
    assert all(m["hoofdObject"] == document["url"] for m in messages)
    assert messages[0]["kenmerken"] == {
        "bronorganisatie": document["bronorganisatie"],
        "informatieobjecttype": iot,
        "vertrouwelijkheidaanduiding": "intern",
    }
    assert messages[3]["resourceUrl"] == rechten["url"]


_WRITABLE = {
    "bronorganisatie",
    "creatiedatum",
    "titel",
    "vertrouwelijkheidaanduiding",
    "auteur",
    "taal",
    "informatieobjecttype",
}
