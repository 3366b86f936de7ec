"""A whole zaaktype built through the API, the way functioneel beheer does it."""

from tests.catalogi.factories import (
    CATALOGI,
    besluittype_body,
    create_catalogus,
    informatieobjecttype_body,
    post,
    publish,
    resultaattype_body,
    zaaktype_body,
)
from tests.oas import assert_oas


async def test_build_and_publish_a_zaaktype(client, superuser):
    catalogus = (await create_catalogus(client, superuser))["url"]
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    besluittype = await post(
        client, superuser, "besluittypen", besluittype_body(catalogus, informatieobjecttypen=["Aanvraagformulier"])
    )
    zaaktype = await post(client, superuser, "zaaktypen", zaaktype_body(catalogus, besluittypen=["Vergunningsbesluit"]))
    zt = zaaktype["url"]
    for volgnummer, omschrijving in enumerate(["Intake", "Behandelen", "Besluiten", "Leveren"], start=1):
        await post(
            client, superuser, "statustypen", {"zaaktype": zt, "omschrijving": omschrijving, "volgnummer": volgnummer}
        )
    await post(
        client,
        superuser,
        "roltypen",
        {"zaaktype": zt, "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"},
    )
    await post(client, superuser, "resultaattypen", resultaattype_body(zt, besluittypen=["Vergunningsbesluit"]))
    await post(
        client,
        superuser,
        "eigenschappen",
        {
            "zaaktype": zt,
            "naam": "Bouwkosten",
            "definitie": "Geraamde bouwkosten in euro",
            "specificatie": {"formaat": "getal", "lengte": "10", "kardinaliteit": "1"},
        },
    )
    await post(
        client,
        superuser,
        "zaaktype-informatieobjecttypen",
        {"zaaktype": zt, "informatieobjecttype": iot["url"], "volgnummer": 1, "richting": "inkomend"},
    )
    await post(
        client,
        superuser,
        "zaakobjecttypen",
        {
            "zaaktype": zt,
            "catalogus": catalogus,
            "anderObjecttype": False,
            "beginGeldigheid": "2026-01-01",
            "objecttype": "https://objecttypen.gemeente.nl/api/v2/objecttypes/bouwwerk",
            "relatieOmschrijving": "Het bouwwerk",
        },
    )
    await publish(client, superuser, iot["url"])
    await publish(client, superuser, besluittype["url"])
    published = await publish(client, superuser, zt)
    assert published["concept"] is False
    assert len(published["statustypen"]) == 4
    assert published["besluittypen"] == [besluittype["url"]]
    assert published["informatieobjecttypen"] == [iot["url"]]

    response = await client.get(f"{CATALOGI}/zaaktypen", headers=superuser)
    assert_oas(response)
    assert response.json()["count"] == 1
    for resource in [
        "statustypen",
        "roltypen",
        "resultaattypen",
        "eigenschappen",
        "zaaktype-informatieobjecttypen",
        "zaakobjecttypen",
        "informatieobjecttypen",
        "besluittypen",
        "catalogussen",
    ]:
        response = await client.get(f"{CATALOGI}/{resource}", headers=superuser)
        assert_oas(response)
        assert response.json()["count"] >= 1, resource
        detail = await client.get(response.json()["results"][0]["url"], headers=superuser)
        assert_oas(detail)
