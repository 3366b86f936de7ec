"""Sub-types of a zaaktype: statustypen, roltypen, eigenschappen, zaakobjecttypen and
zaaktype-informatieobjecttypen follow their zaaktype (ztc-010, ztc-013, geldigheid)."""

import pytest

from tests.catalogi.factories import (
    CATALOGI,
    create_catalogus,
    create_zaaktype,
    informatieobjecttype_body,
    post,
    publish,
)
from tests.conftest import make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas


@pytest.fixture
async def zaaktype(client, superuser, catalogus) -> dict:
    return await create_zaaktype(client, superuser, catalogus)


@pytest.fixture
async def writer():
    return await make_api_client("beheer", scopes=["catalogi.lezen", "catalogi.schrijven"])


def statustype(zaaktype: str, volgnummer: int, **extra) -> dict:
    return {"zaaktype": zaaktype, "omschrijving": f"Status {volgnummer}", "volgnummer": volgnummer, **extra}


async def test_the_highest_volgnummer_is_the_eindstatus(client, superuser, zaaktype):
    first = await post(client, superuser, "statustypen", statustype(zaaktype["url"], 1))
    last = await post(client, superuser, "statustypen", statustype(zaaktype["url"], 9))
    assert last["isEindstatus"] is True
    response = await client.get(first["url"], headers=superuser)
    assert_oas(response)
    assert response.json()["isEindstatus"] is False
    assert response.json()["zaaktypeIdentificatie"] == zaaktype["identificatie"]


async def test_volgnummer_is_unique_within_a_zaaktype(client, superuser, zaaktype):
    await post(client, superuser, "statustypen", statustype(zaaktype["url"], 1))
    response = await client.post(f"{CATALOGI}/statustypen", json=statustype(zaaktype["url"], 1), headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "unique"}


async def test_sub_types_take_the_geldigheid_of_their_zaaktype(client, superuser, zaaktype):
    created = await post(
        client,
        superuser,
        "roltypen",
        {"zaaktype": zaaktype["url"], "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"},
    )
    assert created["beginGeldigheid"] == zaaktype["beginGeldigheid"]
    response = await client.post(
        f"{CATALOGI}/roltypen",
        json={
            "zaaktype": zaaktype["url"],
            "omschrijving": "X",
            "omschrijvingGeneriek": "initiator",
            "beginGeldigheid": "2030-01-01",
        },
        headers=superuser,
    )
    assert invalid_params(response) == {"beginGeldigheid": "geldigheid-mismatch"}
    await client.patch(zaaktype["url"], json={"eindeGeldigheid": "2026-12-31"}, headers=superuser)
    assert (await client.get(created["url"], headers=superuser)).json()["eindeGeldigheid"] == "2026-12-31"


async def test_sub_types_of_a_published_zaaktype_are_frozen_ztc_010(client, superuser, zaaktype, writer):
    existing = await post(client, superuser, "statustypen", statustype(zaaktype["url"], 1))
    await publish(client, superuser, zaaktype["url"])
    response = await client.post(f"{CATALOGI}/statustypen", json=statustype(zaaktype["url"], 2), headers=writer)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-zaaktype"}
    response = await client.patch(existing["url"], json={"omschrijving": "Anders"}, headers=writer)
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-zaaktype"}
    response = await client.delete(existing["url"], headers=writer)
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-zaaktype"}


async def test_correctie_adds_a_statustype_to_a_published_zaaktype(client, superuser, zaaktype):
    await publish(client, superuser, zaaktype["url"])
    corrector = await make_api_client("corrector", scopes=["catalogi.geforceerd-schrijven"])
    response = await client.post(f"{CATALOGI}/statustypen", json=statustype(zaaktype["url"], 1), headers=corrector)
    assert_oas(response)
    assert response.status_code == 201


async def test_sub_type_lists_follow_the_concept_state_of_the_zaaktype(client, superuser, catalogus, zaaktype):
    await post(client, superuser, "statustypen", statustype(zaaktype["url"], 1))
    response = await client.get(f"{CATALOGI}/statustypen", headers=superuser)
    assert_oas(response)
    assert response.json()["count"] == 0
    response = await client.get(
        f"{CATALOGI}/statustypen", params={"status": "concept", "zaaktype": zaaktype["url"]}, headers=superuser
    )
    assert response.json()["count"] == 1
    await publish(client, superuser, zaaktype["url"])
    response = await client.get(
        f"{CATALOGI}/statustypen",
        params={"zaaktypeIdentificatie": zaaktype["identificatie"], "datumGeldigheid": "2026-05-01"},
        headers=superuser,
    )
    assert response.json()["count"] == 1
    response = await client.get(f"{CATALOGI}/statustypen", params={"datumGeldigheid": "2025-05-01"}, headers=superuser)
    assert response.json()["count"] == 0


async def test_roltypen_filter_on_omschrijving_generiek(client, superuser, zaaktype):
    for generiek in ("initiator", "behandelaar"):
        await post(
            client,
            superuser,
            "roltypen",
            {"zaaktype": zaaktype["url"], "omschrijving": generiek, "omschrijvingGeneriek": generiek},
        )
    response = await client.get(
        f"{CATALOGI}/roltypen", params={"status": "alles", "omschrijvingGeneriek": "behandelaar"}, headers=superuser
    )
    assert_oas(response)
    assert [r["omschrijving"] for r in response.json()["results"]] == ["behandelaar"]


async def test_eigenschap_and_statustype_link_both_ways(client, superuser, zaaktype):
    eigenschap = await post(
        client,
        superuser,
        "eigenschappen",
        {
            "zaaktype": zaaktype["url"],
            "naam": "bouwkosten",
            "definitie": "Bouwkosten",
            "specificatie": {"formaat": "getal", "lengte": "9", "kardinaliteit": "1"},
        },
    )
    status = await post(
        client, superuser, "statustypen", statustype(zaaktype["url"], 1, eigenschappen=[eigenschap["url"]])
    )
    assert status["eigenschappen"] == [eigenschap["url"]]
    response = await client.get(eigenschap["url"], headers=superuser)
    assert_oas(response)
    assert response.json()["statustype"] == status["url"]
    await client.patch(status["url"], json={"eigenschappen": []}, headers=superuser)
    assert (await client.get(eigenschap["url"], headers=superuser)).json()["statustype"] is None


async def test_links_to_sub_types_of_another_zaaktype_are_refused(client, superuser, catalogus, zaaktype):
    other = await create_zaaktype(client, superuser, catalogus, identificatie="ANDER")
    foreign_status = await post(client, superuser, "statustypen", statustype(other["url"], 1))
    response = await client.post(
        f"{CATALOGI}/eigenschappen",
        json={
            "zaaktype": zaaktype["url"],
            "naam": "x",
            "definitie": "x",
            "specificatie": {"formaat": "tekst", "lengte": "10", "kardinaliteit": "1"},
            "statustype": foreign_status["url"],
        },
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"statustype": "zaaktype-mismatch"}


async def test_eigenschap_specificatie_is_validated(client, superuser, zaaktype):
    response = await client.post(
        f"{CATALOGI}/eigenschappen",
        json={
            "zaaktype": zaaktype["url"],
            "naam": "x",
            "definitie": "x",
            "specificatie": {"formaat": "kleur", "lengte": "10"},
        },
        headers=superuser,
    )
    assert_oas(response)
    errors = invalid_params(response)
    assert errors["specificatie.formaat"] == "invalid_choice"
    assert errors["specificatie.kardinaliteit"] == "required"


async def test_roltype_catalogus_must_be_the_zaaktypes(client, superuser, zaaktype):
    other = (await create_catalogus(client, superuser, domein="ANDER"))["url"]
    response = await client.post(
        f"{CATALOGI}/roltypen",
        json={
            "zaaktype": zaaktype["url"],
            "omschrijving": "x",
            "omschrijvingGeneriek": "initiator",
            "catalogus": other,
        },
        headers=superuser,
    )
    assert invalid_params(response) == {"catalogus": "relations-incorrect-catalogus"}


async def test_zaakobjecttypen(client, superuser, catalogus, zaaktype):
    body = {
        "zaaktype": zaaktype["url"],
        "catalogus": catalogus,
        "anderObjecttype": False,
        "beginGeldigheid": "2026-01-01",
        "objecttype": "https://objecttypen.gemeente.nl/api/v2/objecttypes/boom",
        "relatieOmschrijving": "De boom",
    }
    created = await post(client, superuser, "zaakobjecttypen", body)
    assert created["statustypen"] == [] and created["resultaattypen"] == []
    response = await client.get(
        f"{CATALOGI}/zaakobjecttypen",
        params={"objecttype": body["objecttype"], "anderObjecttype": "false", "relatieOmschrijving": "De boom"},
        headers=superuser,
    )
    assert_oas(response)
    assert response.json()["count"] == 1
    response = await client.get(f"{CATALOGI}/zaakobjecttypen", params={"anderObjecttype": "true"}, headers=superuser)
    assert response.json()["count"] == 0
    other = (await create_catalogus(client, superuser, domein="ANDER"))["url"]
    response = await client.post(f"{CATALOGI}/zaakobjecttypen", json={**body, "catalogus": other}, headers=superuser)
    assert invalid_params(response) == {"catalogus": "relations-incorrect-catalogus"}


async def test_zaaktype_informatieobjecttype_links_by_omschrijving(client, superuser, catalogus, zaaktype):
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    link = await post(
        client,
        superuser,
        "zaaktype-informatieobjecttypen",
        {
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": "Aanvraagformulier",
            "volgnummer": 1,
            "richting": "inkomend",
        },
    )
    assert link["informatieobjecttype"] == iot["url"]
    response = await client.get(
        f"{CATALOGI}/zaaktype-informatieobjecttypen",
        params={"status": "alles", "informatieobjecttype": iot["url"], "richting": "inkomend"},
        headers=superuser,
    )
    assert_oas(response)
    assert [r["url"] for r in response.json()["results"]] == [link["url"]]
    response = await client.get(
        f"{CATALOGI}/zaaktype-informatieobjecttypen", params={"richting": "zijwaarts"}, headers=superuser
    )
    assert invalid_params(response) == {"richting": "invalid_choice"}


async def test_zaaktype_informatieobjecttype_across_catalogi_is_refused(client, superuser, zaaktype):
    other = (await create_catalogus(client, superuser, domein="ANDER"))["url"]
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(other), status=200)
    response = await client.post(
        f"{CATALOGI}/zaaktype-informatieobjecttypen",
        json={"zaaktype": zaaktype["url"], "informatieobjecttype": iot["url"], "volgnummer": 1, "richting": "inkomend"},
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"informatieobjecttype": "relations-incorrect-catalogus"}


async def test_zaaktype_informatieobjecttype_is_frozen_only_when_both_ends_are_published(
    client, superuser, catalogus, zaaktype, writer
):
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    await post(
        client,
        superuser,
        "zaaktype-informatieobjecttypen",
        {
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": "Aanvraagformulier",
            "volgnummer": 1,
            "richting": "inkomend",
        },
    )
    await publish(client, superuser, iot["url"])
    await publish(client, superuser, zaaktype["url"])
    concept_iot = await post(
        client,
        superuser,
        "informatieobjecttypen",
        informatieobjecttype_body(catalogus, omschrijving="Bijlage"),
        status=200,
    )
    # The zaaktype is published but this informatieobjecttype is not: the relation may still be made.
    response = await client.post(
        f"{CATALOGI}/zaaktype-informatieobjecttypen",
        json={
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": concept_iot["url"],
            "volgnummer": 2,
            "richting": "inkomend",
        },
        headers=writer,
    )
    assert response.status_code == 201, response.text
    # Both published: frozen.
    response = await client.post(
        f"{CATALOGI}/zaaktype-informatieobjecttypen",
        json={"zaaktype": zaaktype["url"], "informatieobjecttype": iot["url"], "volgnummer": 3, "richting": "uitgaand"},
        headers=writer,
    )
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-zaaktype"}


async def test_sub_type_changes_are_notified_on_the_zaaktypen_kanaal(client, superuser, catalogus, zaaktype):
    created = await post(client, superuser, "statustypen", statustype(zaaktype["url"], 1))
    response = await client.delete(created["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    messages = [m for m in await outbox_payloads() if m["resource"] == "statustype"]
    assert [m["actie"] for m in messages] == ["create", "destroy"]
    assert all(m["kanaal"] == "zaaktypen" and m["hoofdObject"] == zaaktype["url"] for m in messages)
    assert messages[0]["resourceUrl"] == created["url"]
    assert messages[0]["kenmerken"] == {"catalogus": catalogus}


async def test_put_replaces_and_patch_merges(client, superuser, zaaktype):
    created = await post(
        client, superuser, "statustypen", statustype(zaaktype["url"], 1, statustekst="Ontvangen", informeren=True)
    )
    response = await client.patch(created["url"], json={"omschrijving": "Intake"}, headers=superuser)
    assert_oas(response)
    assert response.json()["statustekst"] == "Ontvangen" and response.json()["omschrijving"] == "Intake"
    response = await client.put(created["url"], json=statustype(zaaktype["url"], 1), headers=superuser)
    assert_oas(response)
    assert response.json()["statustekst"] == "" and response.json()["informeren"] is False
    response = await client.put(created["url"], json={"omschrijving": "x"}, headers=superuser)
    assert_oas(response)
    assert set(invalid_params(response)) == {"zaaktype", "volgnummer"}


async def test_sub_type_with_unknown_zaaktype_is_400(client, superuser):
    response = await client.post(
        f"{CATALOGI}/statustypen",
        json=statustype(f"{CATALOGI}/zaaktypen/00000000-0000-0000-0000-000000000001", 1),
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"zaaktype": "does_not_exist"}
