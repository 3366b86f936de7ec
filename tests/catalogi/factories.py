"""Request bodies and helpers to build a catalogue through the Catalogi API in tests."""

from tests.oas import assert_oas

CATALOGI = "http://testserver/catalogi/api/v1"
SELECTIELIJST = "http://testserver/referentielijsten/api/v1"

# Selectielijst 2020, procestype 6 "Verzoeken behandelen", and some of its resultaten.
PROCESTYPE_VERZOEKEN = f"{SELECTIELIJST}/procestypen/6d85b4dc-381c-413e-af3c-1e9668f4ea97"
KLASSE_INGEWILLIGD_NIHIL = f"{SELECTIELIJST}/resultaten/968dee12-73d3-4b38-933f-5b25005d4ded"  # 6.1, P5Y
KLASSE_INGEWILLIGD_BLIJVEND = f"{SELECTIELIJST}/resultaten/4999b308-0bf6-464b-9480-fcd00c54fc27"  # 6.1.4
KLASSE_INGEWILLIGD_BESTAANSDUUR = f"{SELECTIELIJST}/resultaten/56e888dc-d9eb-4fe5-87b5-e328c101c518"  # 6.1.8
# Procestype 5 "Producten en diensten leveren".
PROCESTYPE_LEVEREN = f"{SELECTIELIJST}/procestypen/651a1b5b-f84f-4c73-9151-4d485c7dcb99"
KLASSE_GELEVERD = f"{SELECTIELIJST}/resultaten/ceb821a2-3b5e-421a-ac49-ebc63d15dc29"  # 5.1
# Procestype 15, 15.1.1 has procestermijn "ingeschatte_bestaansduur_procesobject".
KLASSE_INGESCHATTE_BESTAANSDUUR = f"{SELECTIELIJST}/resultaten/59596a33-c8db-4aa7-bb81-140cb29bb42a"
OMSCHRIJVING_TOEGEKEND = f"{SELECTIELIJST}/resultaattypeomschrijvingen/fb65d251-1518-4185-865f-b8bdcfad07b1"


def catalogus_body(**overrides) -> dict:
    return {
        "domein": "GEM",
        "rsin": "002220647",
        "contactpersoonBeheerNaam": "Functioneel beheer",
        "contactpersoonBeheerEmailadres": "beheer@gemeente.nl",
        **overrides,
    }


def zaaktype_body(catalogus: str, **overrides) -> dict:
    return {
        "identificatie": "ZT-VERGUNNING",
        "omschrijving": "Omgevingsvergunning",
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "doel": "Een besluit nemen op een aanvraag omgevingsvergunning.",
        "aanleiding": "Een aanvraag van een burger of bedrijf.",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "Aanvragen",
        "onderwerp": "Omgevingsvergunning",
        "handelingBehandelaar": "Behandelen",
        "doorlooptijd": "P8W",
        "opschortingEnAanhoudingMogelijk": True,
        "verlengingMogelijk": True,
        "verlengingstermijn": "P6W",
        "publicatieIndicatie": False,
        "productenOfDiensten": ["https://producten.gemeente.nl/omgevingsvergunning"],
        "selectielijstProcestype": PROCESTYPE_VERZOEKEN,
        "referentieproces": {"naam": "Verzoek behandelen"},
        "verantwoordelijke": "Team Vergunningen",
        "catalogus": catalogus,
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2026-01-01",
        "versiedatum": "2026-01-01",
        **overrides,
    }


def informatieobjecttype_body(catalogus: str, **overrides) -> dict:
    return {
        "catalogus": catalogus,
        "omschrijving": "Aanvraagformulier",
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "beginGeldigheid": "2026-01-01",
        "informatieobjectcategorie": "Aanvraag",
        **overrides,
    }


def besluittype_body(catalogus: str, **overrides) -> dict:
    return {
        "catalogus": catalogus,
        "omschrijving": "Vergunningsbesluit",
        "publicatieIndicatie": False,
        "informatieobjecttypen": [],
        "beginGeldigheid": "2026-01-01",
        **overrides,
    }


def resultaattype_body(zaaktype: str, **overrides) -> dict:
    return {
        "zaaktype": zaaktype,
        "omschrijving": "Verleend",
        "resultaattypeomschrijving": OMSCHRIJVING_TOEGEKEND,
        "selectielijstklasse": KLASSE_INGEWILLIGD_NIHIL,
        "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        **overrides,
    }


async def post(client, headers, resource: str, body: dict, status: int = 201) -> dict:
    response = await client.post(f"{CATALOGI}/{resource}", json=body, headers=headers)
    assert_oas(response)
    assert response.status_code == status, response.text
    return response.json()


async def create_catalogus(client, headers, **overrides) -> dict:
    return await post(client, headers, "catalogussen", catalogus_body(**overrides))


async def create_zaaktype(client, headers, catalogus: str | None = None, **overrides) -> dict:
    catalogus = catalogus or (await create_catalogus(client, headers))["url"]
    return await post(client, headers, "zaaktypen", zaaktype_body(catalogus, **overrides))


async def publish(client, headers, url: str) -> dict:
    response = await client.post(f"{url}/publish", headers=headers)
    assert_oas(response)
    assert response.status_code == 200, response.text
    return response.json()
