"""The whole day of a zaak in the browser, through the web only, with documents from every source the web has.

A citizen's e-formulier (with an upload, and its PDF) or a behandelaar's Nieuwe zaak at the counter starts the
zaak; the citizen adds a document in Mijn zaken; a behandelaar finds it in the werkvoorraad, takes it, fills in
its eigenschappen and checklist, sets a status, uploads a document, edits it under a lock into a new version with
a gebruiksrecht, records a besluit with it, and closes the zaak with a resultaat; the citizen then sees the
besluit in Mijn zaken. Only the catalogue is set up through the APIs beforehand, as beheer would have done.
"""

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tests.catalogi.factories import besluittype_body, create_catalogus, informatieobjecttype_body, post, publish
from tests.conftest import BASE
from tests.documenten.factories import get_json
from tests.oas import assert_oas
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, make_medewerker
from tests.web.test_formulieren import demo_login
from tests.web.test_pip import BSN_A
from tests.zaken.factories import ZAKEN, create_zaaktype_setup, get
from zaakgericht import db
from zaakgericht.catalogi.models import ZaakType
from zaakgericht.formulieren import service as formulieren
from zaakgericht.settings import get_settings
from zaakgericht.zaken.models import Zaak

__all__ = ["demo_login"]  # the citizens' test login and empty storage, for every test here

PDF = b"%PDF-1.4 bouwtekening " * 50
CHECKLIST = [
    {"itemnaam": "Legitimatie", "vraagstelling": "Heeft de aanvrager zich gelegitimeerd?", "verplicht": True},
]


@dataclass
class Catalogus:
    zaaktype: str
    informatieobjecttypen: dict[str, str]  # omschrijving -> uuid


def _uuid(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


async def catalogus(client, superuser) -> Catalogus:
    """Dakkapel plaatsen, online: a date eigenschap for the form and a text one for the behandelaar, a checklist
    before In behandeling, a required Bouwtekening, the Aanvraagformulier for the PDF, an uitgaande Besluitbrief
    that lays down the Vergunningsbesluit, and a resultaat with archive data."""
    catalogus_url = (await create_catalogus(client, superuser))["url"]
    iots = {}
    for omschrijving in ("Bouwtekening", "Aanvraagformulier", "Besluitbrief"):
        body = informatieobjecttype_body(catalogus_url, omschrijving=omschrijving)
        iots[omschrijving] = (await post(client, superuser, "informatieobjecttypen", body, 200))["url"]
        await publish(client, superuser, iots[omschrijving])
    body = besluittype_body(catalogus_url, omschrijving="Vergunningsbesluit", informatieobjecttypen=["Besluitbrief"])
    besluittype = (await post(client, superuser, "besluittypen", body))["url"]
    await publish(client, superuser, besluittype)
    zaaktype = await create_zaaktype_setup(
        client,
        superuser,
        catalogus=catalogus_url,
        publish_it=False,
        identificatie="DAKKAPEL",
        omschrijving="Dakkapel plaatsen",
        besluittypen=["Vergunningsbesluit"],
    )
    kenmerk = {
        "zaaktype": zaaktype.url,
        "naam": "kenmerk",
        "definitie": "Het kenmerk van de bouwaanvraag",
        "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1", "waardenverzameling": []},
        "statustype": zaaktype.statustypen[1],  # the behandelaar's, not asked in the form
    }
    await post(client, superuser, "eigenschappen", kenmerk)
    response = await client.patch(
        zaaktype.statustypen[1], json={"checklistitemStatustype": CHECKLIST}, headers=superuser
    )
    assert_oas(response)
    assert response.status_code == 200, response.text
    for volgnummer, (omschrijving, richting, statustype) in enumerate(
        (
            ("Bouwtekening", "inkomend", zaaktype.statustypen[0]),
            ("Aanvraagformulier", "inkomend", None),
            ("Besluitbrief", "uitgaand", None),
        ),
        start=1,
    ):
        ztiot = {"zaaktype": zaaktype.url, "informatieobjecttype": omschrijving, "volgnummer": volgnummer}
        if statustype:
            ztiot["statustype"] = statustype
        await post(client, superuser, "zaaktype-informatieobjecttypen", {**ztiot, "richting": richting})
    await publish(client, superuser, zaaktype.url)
    async with db.write_session() as session:
        catalogus_id = await session.scalar(select(ZaakType.catalogus_id).where(ZaakType.identificatie == "DAKKAPEL"))
        await formulieren.zet_online(session, catalogus_id, "DAKKAPEL", True, "Vraag hier een vergunning aan.")
    return Catalogus(zaaktype.url, {omschrijving: _uuid(url) for omschrijving, url in iots.items()})


async def medewerker_login(page, adres: str) -> None:
    await page.context.clear_cookies()
    await page.goto(adres)
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()


async def burger_login(page, adres: str) -> None:
    await page.context.clear_cookies()
    await page.goto(adres)
    await page.get_by_role("link", name="Inloggen met de testlogin").click()
    await page.get_by_label("Inwoner, met BSN").check()
    await page.get_by_label("BSN of KvK-nummer").fill(BSN_A)
    await page.get_by_role("button", name="Inloggen").click()


async def citizen_adds_a_document(page, zaak_uuid: str) -> None:
    await burger_login(page, f"/mijn-zaken/{zaak_uuid}")
    await page.get_by_role("heading", name="Verloop").wait_for()
    await page.get_by_label("Bestand").set_input_files(
        files=[{"name": "gevel.png", "mimeType": "image/png", "buffer": b"\x89PNG gevel " * 40}]
    )
    await page.get_by_role("button", name="Document toevoegen").click()
    await page.get_by_text("Uw document is toegevoegd aan de zaak.").wait_for()


async def behandelaar_works_and_closes(page, client, superuser, opzet: Catalogus, zaak: Zaak) -> None:
    """From the werkvoorraad to the closed zaak, as the behandelaar does it in the browser."""
    nummer = zaak.identificatie
    await medewerker_login(page, "/werkvoorraad")
    await page.get_by_role("link", name="Niet toegewezen").click()
    await page.get_by_role("heading", name="Niet toegewezen: 1 zaak").wait_for()
    await assert_accessible(page)
    await page.get_by_text(f"Acties voor {nummer}").click()  # the row's action menu
    await page.get_by_role("button", name=f"Oppakken {nummer}").click()
    await page.get_by_text("U behandelt de zaak nu.").wait_for()
    await page.get_by_role("link", name="Mijn zaken").click()
    await page.get_by_role("link", name=nummer, exact=True).click()
    await page.get_by_role("heading", name=f"Zaak {nummer}").wait_for()
    # No document holds back closing; the documents from the citizen and the intake are on their tab.
    assert not await page.get_by_text("nog niet vastgelegd of er gebruiksrechten gelden").count()
    await page.get_by_label("Het kenmerk van de bouwaanvraag", exact=True).fill("BOUW-7")
    await page.get_by_role("button", name="Eigenschappen opslaan").click()
    await page.get_by_text("De eigenschappen zijn opgeslagen.").wait_for()
    await page.get_by_role("link", name="Documenten", exact=True).click()
    assert await page.get_by_role("link", name="gevel.png").count()

    await (
        page.get_by_role("navigation", name="Onderdelen van de zaak")
        .get_by_role("link", name="Taken en notities")
        .click()
    )
    await (
        page.get_by_role("group", name="Heeft de aanvrager zich gelegitimeerd? (verplicht)")
        .get_by_label("Ja", exact=True)
        .check()
    )
    await page.get_by_role("button", name="Checklist opslaan voor In behandeling").click()
    await page.get_by_text("De antwoorden op de checklist zijn opgeslagen.").wait_for()
    await page.get_by_role("link", name="Status zetten").click()
    await page.get_by_label("Nieuwe status").select_option(label="In behandeling")
    await page.get_by_role("button", name="Status zetten").click()
    await page.get_by_text("De status is gezet.").wait_for()

    # A document of the behandelaar's own, edited under a lock into a new version, with a gebruiksrecht.
    await page.get_by_role("link", name="Document toevoegen").click()
    await page.locator("#document-bestand").set_input_files(
        files=[{"name": "besluitbrief.txt", "mimeType": "text/plain", "buffer": b"Concept besluitbrief"}]
    )
    await page.get_by_label("Titel (niet verplicht)").fill("Besluitbrief dakkapel")
    await page.get_by_label("Documenttype").select_option(value=opzet.informatieobjecttypen["Besluitbrief"])
    await page.get_by_role("button", name="Document toevoegen").click()
    await page.get_by_text("Het document is toegevoegd.").wait_for()
    await page.get_by_role("link", name="Besluitbrief dakkapel").click()
    await page.get_by_role("heading", name="Besluitbrief dakkapel", level=1).wait_for()
    await page.get_by_role("button", name="Bewerken").click()
    await page.get_by_text("U heeft het document in bewerking").wait_for()
    document_url = await _document_url(client, superuser, zaak, "Besluitbrief dakkapel")
    assert (await get_json(client, superuser, document_url))["locked"] is True
    await page.get_by_label("Status").select_option(label="Definitief")
    await page.get_by_label("Nieuw bestand (niet verplicht)").set_input_files(
        files=[{"name": "besluitbrief-v2.txt", "mimeType": "text/plain", "buffer": b"Besluitbrief, definitief"}]
    )
    await page.get_by_role("button", name="Opslaan").click()
    await page.get_by_text("De wijzigingen zijn opgeslagen als nieuwe versie.").wait_for()
    document = await get_json(client, superuser, document_url)
    assert (document["versie"], document["locked"], document["status"]) == (2, False, "definitief")
    await page.get_by_label("Voorwaarden").fill("Niet publiceren voordat het besluit bekend is gemaakt.")
    await page.get_by_role("button", name="Gebruiksrecht vastleggen").click()
    await page.get_by_text("Het gebruiksrecht is vastgelegd.").wait_for()
    assert (await get_json(client, superuser, document_url))["indicatieGebruiksrecht"] is True
    await assert_accessible(page)

    # The besluit, laid down by that document; then the resultaat closes the zaak.
    await page.get_by_role("link", name=f"Terug naar zaak {nummer}").click()
    await page.get_by_role("link", name="Besluit vastleggen").click()
    await page.get_by_label("Ingangsdatum").fill(date.today().isoformat())
    await page.locator("#besluit-toelichting").fill("Vergunning verleend")
    await page.get_by_label("Besluitbrief dakkapel (Besluitbrief)").check()
    await page.get_by_role("button", name="Besluit vastleggen").click()
    await page.get_by_text("Het besluit is vastgelegd.").wait_for()
    await page.get_by_role("link", name="Zaak afsluiten").click()
    await page.get_by_label("Resultaat", exact=True).select_option(label="Verleend")
    await page.get_by_role("button", name="Zaak afsluiten").click()
    await page.get_by_role("heading", name=f"Weet u zeker dat u zaak {nummer} wilt afsluiten?").wait_for()
    await page.get_by_role("button", name="Ja, zaak afsluiten").click()
    await page.get_by_text("De zaak is afgesloten; de archiefgegevens zijn afgeleid.").wait_for()
    await assert_accessible(page)
    closed = await get(client, superuser, f"{ZAKEN}/zaken/{zaak.uuid}")
    assert closed["einddatum"] == date.today().isoformat()
    assert (closed["archiefnominatie"], closed["archiefactiedatum"]) == (
        "vernietigen",
        date.today().replace(year=date.today().year + 10).isoformat(),
    )


async def _document_url(client, superuser, zaak: Zaak, titel: str) -> str:
    links = await get_json(client, superuser, f"{ZAKEN}/zaakinformatieobjecten", zaak=f"{ZAKEN}/zaken/{zaak.uuid}")
    return next(link["informatieobject"] for link in links if link["titel"] == titel)


async def citizen_sees_the_besluit(page, zaak: Zaak) -> None:
    await burger_login(page, f"/mijn-zaken/{zaak.uuid}")
    await page.get_by_role("heading", name="Besluiten").wait_for()
    besluit = f"Vergunningsbesluit, genomen op {date.today():%d-%m-%Y}"
    assert await page.get_by_text(re.compile(re.escape(besluit))).is_visible()
    await assert_accessible(page)


async def the_zaak() -> Zaak:
    async with db.read_session() as session:
        return await session.scalar(select(Zaak))


async def test_an_e_formulier_zaak_from_the_citizen_to_the_besluit(page, client, superuser, monkeypatch):
    monkeypatch.setattr(get_settings(), "base_url", BASE)  # the live server names itself as the test client does
    opzet = await catalogus(client, superuser)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await burger_login(page, "/formulieren/DAKKAPEL")
    await page.get_by_role("button", name="Formulier starten").click()
    await page.get_by_label("Waar gaat uw aanvraag over?").fill("Dakkapel aan de voorkant")
    await page.get_by_role("button", name="Volgende").click()
    await page.get_by_label("datum_vervallen").fill("2026-07-28")
    await page.get_by_role("button", name="Volgende").click()
    await page.get_by_label("Bouwtekening").set_input_files(
        files=[{"name": "tekening.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    await page.get_by_role("button", name="Volgende").click()
    await page.get_by_label("E-mailadres").fill("j.jansen@example.nl")
    await page.get_by_role("button", name="Volgende").click()
    await page.get_by_role("button", name="Versturen").click()
    await page.get_by_role("heading", name="Wij hebben uw aanvraag ontvangen").wait_for()
    zaak = await the_zaak()
    await citizen_adds_a_document(page, str(zaak.uuid))

    await behandelaar_works_and_closes(page, client, superuser, opzet, zaak)
    titels = sorted(link["titel"] for link in await _links(client, superuser, zaak))
    assert titels == ["Aanvraag Dakkapel plaatsen", "Besluitbrief dakkapel", "Bouwtekening", "gevel.png"]
    await citizen_sees_the_besluit(page, zaak)


async def test_a_zaak_from_nieuwe_zaak_to_the_besluit(page, client, superuser, monkeypatch):
    monkeypatch.setattr(get_settings(), "base_url", BASE)
    opzet = await catalogus(client, superuser)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await medewerker_login(page, "/nieuwe-zaak")
    await page.get_by_role("heading", name="Nieuwe zaak").wait_for()
    await page.get_by_label("Zaaktype").select_option(index=1)
    await page.get_by_label("Omschrijving").fill("Dakkapel aan de achterkant")
    await page.get_by_label("Binnengekomen via").select_option("Balie")
    await page.locator("#veld-bsn").fill(BSN_A)
    await page.locator("#veld-geslachtsnaam").fill("Jansen")
    await page.get_by_label("Documenten (niet verplicht)").set_input_files(
        files=[{"name": "tekening.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    await page.get_by_role("button", name="Zaak aanmaken").click()
    await page.get_by_text("De zaak is aangemaakt.").wait_for()
    zaak = await the_zaak()
    await citizen_adds_a_document(page, str(zaak.uuid))

    await behandelaar_works_and_closes(page, client, superuser, opzet, zaak)
    titels = sorted(link["titel"] for link in await _links(client, superuser, zaak))
    assert titels == ["Besluitbrief dakkapel", "gevel.png", "tekening.pdf"]
    await citizen_sees_the_besluit(page, zaak)


async def _links(client, superuser, zaak: Zaak) -> list[dict]:
    return await get_json(client, superuser, f"{ZAKEN}/zaakinformatieobjecten", zaak=f"{ZAKEN}/zaken/{zaak.uuid}")
