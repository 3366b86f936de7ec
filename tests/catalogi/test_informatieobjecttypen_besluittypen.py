"""Informatieobjecttypen and besluittypen: their own versions, publish and the links by omschrijving."""

from tests.catalogi.factories import (
    CATALOGI,
    besluittype_body,
    create_zaaktype,
    informatieobjecttype_body,
    post,
    publish,
    resultaattype_body,
)
from tests.conftest import make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas


async def test_informatieobjecttype_create_answers_200_as_the_oas_says(client, superuser, catalogus):
    iot = await post(
        client,
        superuser,
        "informatieobjecttypen",
        informatieobjecttype_body(
            catalogus,
            trefwoord=["aanvraag"],
            omschrijvingGeneriek={
                "informatieobjecttypeOmschrijvingGeneriek": "Aanvraag",
                "definitieInformatieobjecttypeOmschrijvingGeneriek": "Een verzoek",
                "herkomstInformatieobjecttypeOmschrijvingGeneriek": "Extern",
                "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "Aanvraag",
            },
        ),
        status=200,
    )
    assert iot["concept"] is True and iot["trefwoord"] == ["aanvraag"]
    assert iot["omschrijvingGeneriek"]["informatieobjecttypeOmschrijvingGeneriek"] == "Aanvraag"
    [message] = await outbox_payloads()
    assert (message["kanaal"], message["resource"], message["actie"]) == (
        "informatieobjecttypen",
        "informatieobjecttype",
        "create",
    )
    assert message["kenmerken"] == {"catalogus": catalogus}


async def test_informatieobjecttype_versions_may_not_overlap(client, superuser, catalogus):
    first = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    response = await client.post(
        f"{CATALOGI}/informatieobjecttypen",
        json=informatieobjecttype_body(catalogus, beginGeldigheid="2026-06-01"),
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"beginGeldigheid": "overlap"}
    await client.patch(first["url"], json={"eindeGeldigheid": "2026-05-31"}, headers=superuser)
    await post(
        client,
        superuser,
        "informatieobjecttypen",
        informatieobjecttype_body(catalogus, beginGeldigheid="2026-06-01"),
        status=200,
    )
    for params, count in (
        ({"omschrijving": "Aanvraagformulier"}, 2),
        ({"datumGeldigheid": "2026-07-01"}, 1),
        ({"catalogus": catalogus}, 2),
    ):
        response = await client.get(
            f"{CATALOGI}/informatieobjecttypen", params={"status": "alles", **params}, headers=superuser
        )
        assert_oas(response)
        assert response.json()["count"] == count, params


async def test_published_informatieobjecttype_rules_ztc_009(client, superuser, catalogus):
    iot = await publish(
        client,
        superuser,
        (await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200))[
            "url"
        ],
    )
    writer = await make_api_client("beheer", scopes=["catalogi.lezen", "catalogi.schrijven"])
    response = await client.patch(iot["url"], json={"informatieobjectcategorie": "Anders"}, headers=writer)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-object"}
    response = await client.delete(iot["url"], headers=writer)
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-object"}
    response = await client.patch(iot["url"], json={"eindeGeldigheid": "2027-01-01"}, headers=writer)
    assert response.status_code == 200


async def test_delete_concept_informatieobjecttype(client, superuser, catalogus):
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    response = await client.delete(iot["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 200
    assert (await client.get(iot["url"], headers=superuser)).status_code == 404


async def test_besluittype_links_informatieobjecttypen_by_omschrijving(client, superuser, catalogus):
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    besluittype = await post(
        client, superuser, "besluittypen", besluittype_body(catalogus, informatieobjecttypen=[iot["url"]])
    )
    assert besluittype["informatieobjecttypen"] == [iot["url"]]
    assert besluittype["vastgelegdIn"] == ["Aanvraagformulier"]
    response = await client.get(iot["url"], headers=superuser)
    assert_oas(response)
    assert response.json()["besluittypen"] == [besluittype["url"]]
    response = await client.post(
        f"{CATALOGI}/besluittypen",
        json=besluittype_body(catalogus, omschrijving="X", informatieobjecttypen=["Onbekend"]),
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"informatieobjecttypen.0": "does_not_exist"}


async def test_besluittype_knows_its_zaaktypen_and_resultaattypen(client, superuser, catalogus):
    besluittype = await publish(
        client, superuser, (await post(client, superuser, "besluittypen", besluittype_body(catalogus)))["url"]
    )
    zaaktype = await create_zaaktype(client, superuser, catalogus, besluittypen=["Vergunningsbesluit"])
    resultaattype = await post(
        client, superuser, "resultaattypen", resultaattype_body(zaaktype["url"], besluittypen=["Vergunningsbesluit"])
    )
    await publish(client, superuser, zaaktype["url"])
    response = await client.get(besluittype["url"], headers=superuser)
    assert_oas(response)
    assert response.json()["zaaktypen"] == [zaaktype["url"]]
    assert response.json()["resultaattypen"] == [resultaattype["url"]]
    for params, count in (
        ({"zaaktypen": zaaktype["url"]}, 1),
        ({"zaaktypen": f"{CATALOGI}/zaaktypen/00000000-0000-0000-0000-000000000000"}, 0),
        ({"omschrijving": "Vergunningsbesluit"}, 1),
    ):
        response = await client.get(f"{CATALOGI}/besluittypen", params=params, headers=superuser)
        assert_oas(response)
        assert response.json()["count"] == count, params


async def test_besluittypen_filter_on_informatieobjecttype(client, superuser, catalogus):
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    await post(
        client, superuser, "besluittypen", besluittype_body(catalogus, informatieobjecttypen=["Aanvraagformulier"])
    )
    await post(client, superuser, "besluittypen", besluittype_body(catalogus, omschrijving="Ander besluit"))
    response = await client.get(
        f"{CATALOGI}/besluittypen", params={"status": "alles", "informatieobjecttypen": iot["url"]}, headers=superuser
    )
    assert_oas(response)
    assert [b["omschrijving"] for b in response.json()["results"]] == ["Vergunningsbesluit"]


async def test_informatieobjecttype_knows_its_zaaktypen(client, superuser, catalogus):
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    await post(
        client,
        superuser,
        "zaaktype-informatieobjecttypen",
        {"zaaktype": zaaktype["url"], "informatieobjecttype": iot["url"], "volgnummer": 1, "richting": "inkomend"},
    )
    response = await client.get(iot["url"], headers=superuser)
    assert_oas(response)
    assert response.json()["zaaktypen"] == [zaaktype["url"]]


async def test_besluittype_publish_and_delete_rules(client, superuser, catalogus):
    besluittype = await post(client, superuser, "besluittypen", besluittype_body(catalogus))
    published = await publish(client, superuser, besluittype["url"])
    assert published["concept"] is False
    writer = await make_api_client("beheer", scopes=["catalogi.lezen", "catalogi.schrijven"])
    response = await client.put(besluittype["url"], json=besluittype_body(catalogus, toelichting="x"), headers=writer)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-object"}
    response = await client.delete(besluittype["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 200
    kinds = [(m["kanaal"], m["actie"]) for m in await outbox_payloads()]
    assert kinds == [("besluittypen", "create"), ("besluittypen", "update"), ("besluittypen", "destroy")]


async def test_besluittype_requires_its_fields(client, superuser, catalogus):
    response = await client.post(
        f"{CATALOGI}/besluittypen", json={"catalogus": catalogus, "reactietermijn": "zes weken"}, headers=superuser
    )
    assert_oas(response)
    errors = invalid_params(response)
    assert errors["publicatieIndicatie"] == "required"
    assert errors["informatieobjecttypen"] == "required"
    assert errors["beginGeldigheid"] == "required"
    assert errors["reactietermijn"] == "invalid"
