"""Each tab of the zaakdossier costs a fixed number of queries, whatever the number of eigenschappen, besluiten,
documents, related zaken and history."""

from tests.besluiten.factories import create_besluit
from tests.catalogi.factories import besluittype_body, create_catalogus, informatieobjecttype_body, post, publish
from tests.conftest import count_queries
from tests.documenten.factories import create_document
from tests.oas import assert_oas
from tests.web.accounts_fixtures import logged_in, make_medewerker
from tests.zaken.factories import CRS, create_zaak, create_zaaktype_setup, zaken_post
from zaakgericht.web.behandelen.dossier_page import TABS

BESLUITEN = "http://testserver/besluiten/api/v1"


async def _zaaktype(client, superuser):
    catalogus = (await create_catalogus(client, superuser))["url"]
    iot = (await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), 200))["url"]
    await publish(client, superuser, iot)
    body = besluittype_body(catalogus, informatieobjecttypen=["Aanvraagformulier"])
    besluittype = (await post(client, superuser, "besluittypen", body))["url"]
    await publish(client, superuser, besluittype)
    deel = await create_zaaktype_setup(client, superuser, catalogus=catalogus, identificatie="DEEL")
    setup = await create_zaaktype_setup(
        client,
        superuser,
        catalogus=catalogus,
        identificatie="HOOFD",
        eigenschappen=("datum_een", "datum_twee", "datum_drie"),
        besluittypen=["Vergunningsbesluit"],
        deelzaaktypen=["DEEL"],
        publish_it=False,
    )
    ztiot = {
        "zaaktype": setup.url,
        "informatieobjecttype": "Aanvraagformulier",
        "volgnummer": 1,
        "richting": "inkomend",
    }
    await post(client, superuser, "zaaktype-informatieobjecttypen", ztiot)
    await publish(client, superuser, setup.url)
    return setup, deel, iot, besluittype


async def _zaak_met(client, superuser, opzet, aantal: int, identificatie: str) -> dict:
    """A zaak with ``aantal`` eigenschap values, besluiten (each with a document), related zaken and deelzaken."""
    setup, deel, iot, besluittype = opzet
    zaak = await create_zaak(client, superuser, setup.url, identificatie=identificatie)
    relaties = []
    for nummer, naam in enumerate(list(setup.eigenschappen)[:aantal], start=1):
        body = {"zaak": zaak["url"], "eigenschap": setup.eigenschappen[naam], "waarde": "20260728"}
        await zaken_post(client, superuser, f"zaken/{zaak['uuid']}/zaakeigenschappen", body)
        document = await create_document(client, superuser, iot, titel=f"Brief {nummer}")
        await zaken_post(
            client, superuser, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]}
        )
        besluit = await create_besluit(client, superuser, besluittype, zaak=zaak["url"])
        response = await client.post(
            f"{BESLUITEN}/besluitinformatieobjecten",
            json={"besluit": besluit["url"], "informatieobject": document["url"]},
            headers=superuser,
        )
        assert_oas(response)
        assert response.status_code == 201, response.text
        await create_zaak(
            client, superuser, deel.url, identificatie=f"{identificatie}-DEEL-{nummer}", hoofdzaak=zaak["url"]
        )
        andere = await create_zaak(client, superuser, setup.url, identificatie=f"{identificatie}-ANDERE-{nummer}")
        relaties.append({"url": andere["url"], "aardRelatie": "onderwerp"})
    response = await client.patch(zaak["url"], json={"relevanteAndereZaken": relaties}, headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 200, response.text
    return zaak


async def _queries(client, zaak: dict) -> dict[str, int]:
    """The queries of each tab of the zaak's dossier."""
    counts = {}
    for tab, _ in TABS:
        with count_queries() as counted:
            page = await client.get(f"/zaakdossier/{zaak['uuid']}/{tab}" if tab else f"/zaakdossier/{zaak['uuid']}")
        assert page.status_code == 200
        counts[tab] = counted[0]
    relaties = (await client.get(f"/zaakdossier/{zaak['uuid']}/relaties")).text
    besluiten = (await client.get(f"/zaakdossier/{zaak['uuid']}/besluiten")).text
    assert f"{zaak['identificatie']}-DEEL-1" in relaties and "Brief 1" in besluiten
    geschiedenis = (await client.get(f"/zaakdossier/{zaak['uuid']}/geschiedenis")).text
    # A document linked without a title is not named by its address.
    assert "Besluit &#39;" in geschiedenis and "Document toegevoegd door" in geschiedenis
    assert "/documenten/api/" not in geschiedenis and "/besluiten/api/" not in geschiedenis
    return counts


async def test_the_sections_cost_a_fixed_number_of_queries(client, superuser):
    opzet = await _zaaktype(client, superuser)
    een = await _zaak_met(client, superuser, opzet, 1, "ZAAK-EEN")
    drie = await _zaak_met(client, superuser, opzet, 3, "ZAAK-DRIE")
    # Autorisaties per zaaktype: the rights on documents and besluiten are derived with queries of their own.
    autorisaties = [(opzet[0].url, "zeer_geheim"), (opzet[1].url, "zeer_geheim")]
    await make_medewerker("piet", autorisaties=autorisaties)
    await logged_in(client, "piet")

    assert await _queries(client, een) == await _queries(client, drie)
