"""The internal work on a zaak: notities, checklists per statustype, and terugbelverzoeken from the KCC."""

import re

from tests.catalogi.factories import publish
from tests.conftest import count_queries
from tests.oas import assert_oas
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal, hidden, logged_in, make_medewerker
from tests.zaken.factories import close_zaak, create_zaak, create_zaaktype_setup, set_status, zaken_post

CHECKLIST = [
    {
        "itemnaam": "Legitimatie",
        "vraagstelling": "Heeft de aanvrager zich gelegitimeerd?",
        "toelichting": "Paspoort, identiteitskaart of rijbewijs.",
        "verplicht": True,
    },
    {"itemnaam": "Leges", "vraagstelling": "Zijn de leges betaald?", "verplicht": False},
]


async def _zaaktype(client, headers, **overrides):
    """A zaaktype whose second statustype (In behandeling) has a checklist with one required item."""
    zaaktype = await create_zaaktype_setup(client, headers, publish_it=False, **overrides)
    response = await client.patch(zaaktype.statustypen[1], json={"checklistitemStatustype": CHECKLIST}, headers=headers)
    assert_oas(response)
    assert response.status_code == 200, response.text
    await publish(client, headers, zaaktype.url)
    return zaaktype


async def _zaak(client, headers, zaaktype, behandelaar: str = "piet", identificatie: str = "ZAAK-WERK") -> dict:
    zaak = await create_zaak(client, headers, zaaktype.url, identificatie=identificatie)
    await set_status(client, headers, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    await zaken_post(
        client,
        headers,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "medewerker",
            "roltype": zaaktype.roltypen["behandelaar"],
            "roltoelichting": "Behandelaar",
            "betrokkeneIdentificatie": {"identificatie": behandelaar, "achternaam": behandelaar.capitalize()},
        },
    )
    return zaak


def _statustype(zaaktype, index: int) -> str:
    return zaaktype.statustypen[index].rsplit("/", 1)[1]


# --- notities --------------------------------------------------------------------------------------


async def test_notes_are_kept_with_the_zaak_and_never_shown_to_the_kcc(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await make_medewerker("karin", naam="Karin Klant", rollen=("kcc",), heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    action = f"/zaakdossier/{zaak['uuid']}/notities"

    empty = await client.post(action, data={"csrf_token": csrf, "tekst": "   "})
    empty = await after_refusal(client, empty)
    assert re.search(r'id="fout-notitie-tekst">Vul de notitie in.<', empty.text)
    too_long = await client.post(action, data={"csrf_token": csrf, "tekst": "x" * 4001})
    too_long = await after_refusal(client, too_long)
    assert "Een notitie heeft hoogstens 4000 tekens." in too_long.text
    assert "x" * 4001 in too_long.text  # what was typed is kept

    done = await client.post(action, data={"csrf_token": csrf, "tekst": "Buurman belde: bezwaar verwacht.\nBellen."})
    assert done.headers["location"] == f"/zaakdossier/{zaak['uuid']}/taken?melding=notitie-toegevoegd"
    page = (await client.get(done.headers["location"])).text
    assert "De notitie is toegevoegd." in page and "Buurman belde: bezwaar verwacht.\nBellen." in page
    assert "Piet Pieters, " in page

    client.cookies.clear()
    await logged_in(client, "karin")
    kcc = await client.get(f"/kcc/zaken/{zaak['uuid']}")
    assert kcc.status_code == 200 and "Buurman" not in kcc.text
    assert (await client.post(action, data={"csrf_token": hidden(kcc.text), "tekst": "KCC"})).status_code == 403


async def test_notes_need_sight_of_the_zaak_and_an_open_zaak(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    await make_medewerker("anna", autorisaties=[(other.url, "zeer_geheim")])
    csrf = await logged_in(client, "anna")
    refused = await client.post(f"/zaakdossier/{zaak['uuid']}/notities", data={"csrf_token": csrf, "tekst": "Hallo"})
    assert refused.status_code == 404

    await close_zaak(client, superuser, zaaktype, zaak["url"])
    client.cookies.clear()
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    page = await client.get(f"/zaakdossier/{zaak['uuid']}/taken")
    assert "Notities</h2>" in page.text and "Nieuwe notitie" not in page.text
    closed = await client.post(f"/zaakdossier/{zaak['uuid']}/notities", data={"csrf_token": csrf, "tekst": "Later"})
    assert closed.status_code == 403


# --- checklist -------------------------------------------------------------------------------------


async def test_the_required_checklist_items_come_before_the_status(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    dossier = f"/zaakdossier/{zaak['uuid']}"
    in_behandeling = _statustype(zaaktype, 1)

    page = (await client.get(f"{dossier}/taken")).text
    assert "Checklist voor In behandeling" in page and "Heeft de aanvrager zich gelegitimeerd? (verplicht)" in page
    refused = await client.post(f"{dossier}/status", data={"csrf_token": csrf, "statustype": in_behandeling})
    refused = await after_refusal(client, refused)
    assert re.search(
        r'id="fout-status-statustype">Beantwoord eerst de verplichte punten van de checklist voor In behandeling: '
        r"Legitimatie.<",
        refused.text,
    )

    checklist = f"{dossier}/checklist/{in_behandeling}"
    form = {"csrf_token": csrf, "itemnaam-0": "Legitimatie", "itemnaam-1": "Leges"}
    wrong = await client.post(checklist, data={**form, "antwoord-0": "misschien", "toelichting-1": "Via iDEAL"})
    wrong = await after_refusal(client, wrong)
    assert "Kies Ja, Nee of Niet van toepassing." in wrong.text
    assert "Kies een antwoord bij de toelichting." in wrong.text
    assert 'value="Via iDEAL"' in wrong.text
    saved = await client.post(checklist, data={**form, "antwoord-0": "ja", "toelichting-0": "Paspoort gezien"})
    assert saved.status_code == 303
    page = (await client.get(saved.headers["location"])).text
    assert "De antwoorden op de checklist zijn opgeslagen." in page and "Beantwoord door Piet Pieters op" in page
    assert 'value="Paspoort gezien"' in page

    done = await client.post(f"{dossier}/status", data={"csrf_token": csrf, "statustype": in_behandeling})
    assert done.status_code == 303


async def test_a_checklist_belongs_to_a_statustype_of_the_zaak(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    other = await _zaaktype(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    form = {"csrf_token": csrf, "itemnaam-0": "Legitimatie", "antwoord-0": "ja"}

    elsewhere = await client.post(f"/zaakdossier/{zaak['uuid']}/checklist/{_statustype(other, 1)}", data=form)
    assert elsewhere.status_code == 404
    unknown_item = {**form, "itemnaam-0": "Bestaat niet"}
    unknown = await client.post(f"/zaakdossier/{zaak['uuid']}/checklist/{_statustype(zaaktype, 1)}", data=unknown_item)
    unknown = await after_refusal(client, unknown)
    assert "Het punt Bestaat niet staat niet op de checklist." in unknown.text


# --- terugbelverzoeken -----------------------------------------------------------------------------


async def _kcc_form(client, zaak: dict) -> dict:
    page = await client.get(f"/kcc/zaken/{zaak['uuid']}")
    return {"csrf_token": hidden(page.text)}


async def test_a_terugbelverzoek_reaches_the_behandelaar_and_follows_the_zaak(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", afdeling="Vergunningen", heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling="Vergunningen", heeft_alle_autorisaties=True)
    await make_medewerker("karin", naam="Karin Klant", rollen=("kcc",), heeft_alle_autorisaties=True)
    await logged_in(client, "karin")
    action = f"/kcc/zaken/{zaak['uuid']}/terugbelverzoeken"

    form = await _kcc_form(client, zaak)
    empty = await client.post(action, data={**form, "verzoek_onderwerp": ""})
    assert empty.status_code == 400
    assert re.search(r'id="fout-verzoek_onderwerp">Vul in waarover de klant teruggebeld wil worden.<', empty.text)
    assert re.search(r'id="fout-telefoonnummer">Vul een telefoonnummer of e-mailadres in.<', empty.text)
    wrong = await client.post(
        action, data={**form, "verzoek_onderwerp": "Vraag", "telefoonnummer": "12", "emailadres": "geen-adres"}
    )
    assert "Vul een telefoonnummer in van 10 tot 15 cijfers" in wrong.text
    assert "Vul een geldig e-mailadres in" in wrong.text and 'value="geen-adres"' in wrong.text

    made = await client.post(
        action,
        data={
            **form,
            "verzoek_onderwerp": "Wanneer komt het besluit?",
            "verzoek_toelichting": "Wil graag voor vrijdag weten.",
            "contact_naam": "Anna Jansen",
            "telefoonnummer": "06-1234 5678",
        },
    )
    assert made.status_code == 303 and made.headers["location"].endswith("melding=terugbelverzoek")
    kcc = (await client.get(made.headers["location"])).text
    assert "Het terugbelverzoek staat bij de behandelaar van de zaak." in kcc
    assert "Wanneer komt het besluit?, staat open bij de behandelaar" in kcc

    client.cookies.clear()
    csrf = await logged_in(client, "piet")
    werkvoorraad = (await client.get("/werkvoorraad")).text
    assert "Wanneer komt het besluit? (Anna Jansen, 06-1234 5678, gevraagd" in werkvoorraad
    assert '<span class="zg-signaal">Terugbelverzoek</span>' in werkvoorraad
    # The summary names the open task on every tab; the task itself is on Taken en notities.
    assert "Er staat een terugbelverzoek open" in (await client.get(f"/zaakdossier/{zaak['uuid']}")).text
    dossier = (await client.get(f"/zaakdossier/{zaak['uuid']}/taken")).text
    assert "Er staat een terugbelverzoek open" in dossier and 'href="tel:06-12345678"' in dossier
    taak = re.search(r'action="(/zaakdossier/[^"]+/taken/[^"]+/afhandelen)"', dossier)[1]

    # Handed to a colleague, the zaak takes its task along.
    handed = await client.post(
        f"/werkvoorraad/{zaak['uuid']}/behandelaar", data={"csrf_token": csrf, "actie": "toewijzen", "collega": "bert"}
    )
    assert handed.status_code == 303
    assert "Terugbelverzoeken" not in (await client.get("/werkvoorraad")).text
    assert "Wanneer komt het besluit?" in (await client.get("/werkvoorraad?lijst=team")).text

    done = await client.post(taak, data={"csrf_token": csrf, "afhandeling": "Gebeld, besluit volgt maandag."})
    assert done.status_code == 303
    dossier = (await client.get(done.headers["location"])).text
    assert "De taak is afgehandeld." in dossier and "Gebeld, besluit volgt maandag." in dossier
    assert "Er staat een terugbelverzoek open" not in dossier
    again = await client.post(taak, data={"csrf_token": csrf, "afhandeling": ""})
    again = await after_refusal(client, again)
    assert "Deze taak is al afgehandeld." in again.text

    client.cookies.clear()
    await logged_in(client, "karin")
    kcc = (await client.get(f"/kcc/zaken/{zaak['uuid']}")).text
    assert "Wanneer komt het besluit?, afgehandeld op" in kcc
    assert "besluit volgt maandag" not in kcc  # how it was handled is internal


async def test_a_closed_zaak_takes_no_terugbelverzoek(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await close_zaak(client, superuser, zaaktype, zaak["url"])
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    await logged_in(client, "karin")
    form = await _kcc_form(client, zaak)
    assert "Terugbelverzoek maken" not in (await client.get(f"/kcc/zaken/{zaak['uuid']}")).text
    refused = await client.post(
        f"/kcc/zaken/{zaak['uuid']}/terugbelverzoeken",
        data={**form, "verzoek_onderwerp": "Vraag", "telefoonnummer": "0201234567"},
    )
    assert refused.status_code == 303 and refused.headers["location"].endswith("melding=afgesloten-terugbellen")


async def test_the_kcc_sees_earlier_klantcontacten(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    contacten = (("Eerste vraag", "2026-03-03T10:00:00+01:00"), ("Tweede vraag", "2026-03-04T11:15:00+01:00"))
    for onderwerp, moment in contacten:
        await zaken_post(
            client,
            superuser,
            "klantcontacten",
            {"zaak": zaak["url"], "datumtijd": moment, "kanaal": "Telefoon", "onderwerp": onderwerp},
        )
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    await logged_in(client, "karin")
    page = (await client.get(f"/kcc/zaken/{zaak['uuid']}")).text
    newest_first = page.index("04-03-2026 11:15 (Telefoon): Tweede vraag")
    assert newest_first < page.index("03-03-2026 10:00 (Telefoon): Eerste vraag")


async def test_the_werkvoorraad_costs_the_same_queries_with_terugbelverzoeken(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    counts, total = [], 0
    for index in range(2):
        for nummer in range(index * 3 + 1):
            zaak = await _zaak(client, superuser, zaaktype, identificatie=f"ZAAK-{index}-{nummer}")
            client.cookies.clear()
            await logged_in(client, "karin")
            data = {**await _kcc_form(client, zaak), "verzoek_onderwerp": "Vraag", "telefoonnummer": "0201234567"}
            assert (await client.post(f"/kcc/zaken/{zaak['uuid']}/terugbelverzoeken", data=data)).status_code == 303
            total += 1
        client.cookies.clear()
        await logged_in(client, "piet")
        with count_queries() as counted:
            page = await client.get("/werkvoorraad")
        assert page.text.count('<span class="zg-signaal">Terugbelverzoek</span>') == total
        counts.append(counted[0])
    assert counts[0] == counts[1]


# --- in the browser ------------------------------------------------------------------------------------


async def test_kcc_asks_a_callback_and_the_behandelaar_works_the_zaak_in_the_browser(page, client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await make_medewerker("karin", naam="Karin Klant", rollen=("kcc",), heeft_alle_autorisaties=True)

    async def login(gebruikersnaam: str, adres: str) -> None:
        await page.context.clear_cookies()
        await page.goto(adres)
        await page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
        await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await page.get_by_role("button", name="Inloggen").click()

    await login("karin", f"/kcc/zaken/{zaak['uuid']}")
    await page.get_by_role("heading", name="Terugbelverzoek maken").wait_for()
    await page.get_by_label("Vraag van de klant").fill("Wanneer komt het besluit?")
    await page.get_by_label("Naam van de klant (niet verplicht)").fill("Anna Jansen")
    await page.get_by_label("Telefoonnummer (niet verplicht)").fill("020 123 4567")
    await page.get_by_role("button", name="Terugbelverzoek maken").click()
    await page.get_by_text("Het terugbelverzoek staat bij de behandelaar van de zaak.").wait_for()
    await assert_accessible(page)

    await login("piet", "/werkvoorraad")
    await page.get_by_role("heading", name="Terugbelverzoeken").wait_for()
    await assert_accessible(page)
    await page.get_by_role("link", name="ZAAK-WERK").first.click()
    await page.get_by_role("heading", name="Zaak ZAAK-WERK").wait_for()
    await (
        page.get_by_role("navigation", name="Onderdelen van de zaak")
        .get_by_role("link", name="Taken en notities")
        .click()
    )
    await page.get_by_role("heading", name="Checklists").wait_for()
    await assert_accessible(page)

    await (
        page.get_by_role("group", name="Heeft de aanvrager zich gelegitimeerd? (verplicht)")
        .get_by_label("Ja", exact=True)
        .check()
    )
    await page.get_by_role("button", name="Checklist opslaan voor In behandeling").click()
    await page.get_by_text("De antwoorden op de checklist zijn opgeslagen.").wait_for()
    await page.get_by_label("Nieuwe notitie").fill("Aanvrager gebeld over het besluit.")
    await page.get_by_role("button", name="Notitie toevoegen").click()
    await page.get_by_text("De notitie is toegevoegd.").wait_for()
    await page.get_by_label("Hoe is het afgehandeld? (intern, niet verplicht)").fill("Teruggebeld.")
    await page.get_by_role("button", name="Afgehandeld terugbelverzoek Wanneer komt het besluit?").click()
    await page.get_by_text("De taak is afgehandeld.").wait_for()
    assert await page.get_by_text("Aanvrager gebeld over het besluit.").is_visible()
    await assert_accessible(page)
