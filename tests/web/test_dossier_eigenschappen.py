"""The zaakdossier's eigenschappen: a form generated from the zaaktype's eigenschappen, saved as zaakeigenschappen
through the Zaken services in one transaction, with the service's objections beside the field."""

import re
from dataclasses import dataclass

from tests.catalogi.factories import post, publish
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal, logged_in, make_medewerker
from tests.zaken.factories import ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, get, zaken_post
from zaakgericht.web.behandelen.onderdelen import leesbare_naam

EIGENSCHAPPEN = {
    "kenmerk": ("tekst", "10", "1", []),
    "bouwkosten": ("getal", "8,2", "1", []),
    "datum_schouw": ("datum", "8", "1", []),
    "tijdstip_melding": ("datum_tijd", "14", "1", []),
    "bouwlaag": ("tekst", "20", "1", ["kelder", "begane grond", "verdieping"]),
    "perceel": ("tekst", "20", "N", []),
}
# The label people read (the definitie) and the help text under it (the toelichting) of each eigenschap.
LABELS = {
    "kenmerk": ("Kenmerk van de aanvrager", "Het kenmerk dat de aanvrager in zijn brief noemt."),
    "bouwkosten": ("Geraamde bouwkosten", "De kosten die de aanvrager opgeeft, in euro."),
    "datum_schouw": ("Datum van de schouw", ""),
    "tijdstip_melding": ("Tijdstip van de melding", ""),
    "bouwlaag": ("Bouwlaag van de verbouwing", ""),
    "perceel": ("Kadastraal perceel", "Gemeente, sectie en nummer."),
}


@dataclass
class Opzet:
    setup: object
    eigenschappen: dict[str, str]  # naam -> URL
    zaak: dict

    def veld(self, naam: str, index: int = 0) -> str:
        """The id (and error key) of a value's field in the form."""
        return f"eigenschap-{self.eigenschappen[naam].rsplit('/', 1)[1]}-{index}"

    def naam(self, naam: str) -> str:
        """The form field name of an eigenschap's values."""
        return f"eigenschap-{self.eigenschappen[naam].rsplit('/', 1)[1]}"


async def _opzet(client, superuser, **zaak_overrides) -> Opzet:
    setup = await create_zaaktype_setup(client, superuser, eigenschappen=(), publish_it=False)
    eigenschappen = {}
    for naam, (formaat, lengte, kardinaliteit, waardenverzameling) in EIGENSCHAPPEN.items():
        specificatie = {
            "formaat": formaat,
            "lengte": lengte,
            "kardinaliteit": kardinaliteit,
            "waardenverzameling": waardenverzameling,
        }
        definitie, toelichting = LABELS[naam]
        body = {
            "zaaktype": setup.url,
            "naam": naam,
            "definitie": definitie,
            "toelichting": toelichting,
            "specificatie": specificatie,
        }
        eigenschappen[naam] = (await post(client, superuser, "eigenschappen", body))["url"]
    await publish(client, superuser, setup.url)
    zaak = await create_zaak(client, superuser, setup.url, identificatie="ZAAK-EIG", **zaak_overrides)
    return Opzet(setup, eigenschappen, zaak)


async def _waarde(client, superuser, opzet: Opzet, naam: str, waarde: str) -> dict:
    return await zaken_post(
        client,
        superuser,
        f"zaken/{opzet.zaak['uuid']}/zaakeigenschappen",
        {"zaak": opzet.zaak["url"], "eigenschap": opzet.eigenschappen[naam], "waarde": waarde},
    )


async def _zaakeigenschappen(client, superuser, opzet: Opzet) -> dict[str, list[str]]:
    found = await get(client, superuser, f"{ZAKEN}/zaken/{opzet.zaak['uuid']}/zaakeigenschappen")
    waarden: dict[str, list[str]] = {}
    for zaakeigenschap in found:
        waarden.setdefault(zaakeigenschap["naam"], []).append(zaakeigenschap["waarde"])
    return waarden


def _input(page: str, veld: str) -> str:
    match = re.search(rf'<(?:input|select)[^>]*id="{veld}"[^>]*>', page)
    assert match, f"no field {veld}"
    return match[0]


async def _behandelaar(client, gebruikersnaam: str = "piet", **fields) -> str:
    await make_medewerker(gebruikersnaam, naam="Piet Pieters", heeft_alle_autorisaties=True, **fields)
    return await logged_in(client, gebruikersnaam)


async def test_the_form_follows_the_eigenschappen_of_the_zaaktype(client, superuser):
    opzet = await _opzet(client, superuser)
    await _waarde(client, superuser, opzet, "datum_schouw", "20260728")
    await _waarde(client, superuser, opzet, "tijdstip_melding", "20260728134022")
    await _waarde(client, superuser, opzet, "perceel", "A 1234")
    await _behandelaar(client)

    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}")).text
    assert '<h2 class="utrecht-heading-2" id="eigenschappen">Eigenschappen</h2>' in page
    assert page.index('id="eigenschappen"') < page.index('id="status-zetten"')  # right after the overview
    kenmerk = _input(page, opzet.veld("kenmerk"))
    assert 'type="text"' in kenmerk and 'maxlength="10"' in kenmerk
    # Each eigenschap is labelled with its definitie; its toelichting is the help text the field names.
    assert f'<label class="utrecht-form-label" for="{opzet.veld("kenmerk")}">Kenmerk van de aanvrager</label>' in page
    assert f'aria-describedby="hint-{opzet.veld("kenmerk")}"' in kenmerk
    assert f'id="hint-{opzet.veld("kenmerk")}">Het kenmerk dat de aanvrager in zijn brief noemt.</div>' in page
    assert ">kenmerk<" not in page and ">datum_schouw<" not in page  # never the technical name
    assert f'<label class="utrecht-form-label" for="{opzet.veld("perceel", 0)}">Kadastraal perceel, waarde 1<' in page
    assert "Gemeente, sectie en nummer. Deze eigenschap kan meer waarden hebben" in page
    assert "hint-" + opzet.veld("datum_schouw") not in page  # no toelichting, no help text
    assert 'inputmode="decimal"' in _input(page, opzet.veld("bouwkosten"))
    # Dates in the compact form of ztc-015 are shown in the browser's date fields.
    assert 'type="date"' in _input(page, opzet.veld("datum_schouw"))
    assert 'value="2026-07-28"' in _input(page, opzet.veld("datum_schouw"))
    tijdstip = _input(page, opzet.veld("tijdstip_melding"))
    assert 'type="datetime-local"' in tijdstip and 'value="2026-07-28T13:40:22"' in tijdstip and 'step="1"' in tijdstip
    bouwlaag = page[page.index(f'id="{opzet.veld("bouwlaag")}"') :]
    assert "<select" in _input(page, opzet.veld("bouwlaag"))
    assert bouwlaag.index('<option value="kelder">') < bouwlaag.index('<option value="verdieping">')
    # Kardinaliteit N: a field per value and an empty one for the next.
    assert "<legend" in page and 'value="A 1234"' in _input(page, opzet.veld("perceel", 0))
    assert 'value=""' in _input(page, opzet.veld("perceel", 1))
    assert opzet.veld("perceel", 2) not in page


async def test_saving_creates_changes_and_removes_zaakeigenschappen(client, superuser):
    opzet = await _opzet(client, superuser)
    await _waarde(client, superuser, opzet, "kenmerk", "OUD")
    await _waarde(client, superuser, opzet, "datum_schouw", "2026-07-28")
    for perceel in ("A 1", "B 2"):
        await _waarde(client, superuser, opzet, "perceel", perceel)
    csrf = await _behandelaar(client)

    saved = await client.post(
        f"/zaakdossier/{opzet.zaak['uuid']}/eigenschappen",
        data={
            "csrf_token": csrf,
            opzet.naam("kenmerk"): "",  # emptied: removed
            opzet.naam("bouwkosten"): "12,50",
            opzet.naam("datum_schouw"): "2026-07-28",  # unchanged, though stored in ISO form
            opzet.naam("tijdstip_melding"): "2026-08-01T09:30",
            opzet.naam("bouwlaag"): "kelder",
            opzet.naam("perceel"): ["A 1", "", "C 3"],
        },
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?melding=eigenschappen-opgeslagen")
    assert await _zaakeigenschappen(client, superuser, opzet) == {
        "bouwkosten": ["12.50"],  # as the Zaken API keeps a number
        "datum_schouw": ["2026-07-28"],
        "tijdstip_melding": ["20260801093000"],
        "bouwlaag": ["kelder"],
        "perceel": ["A 1", "C 3"],
    }
    trail = await get(client, superuser, f"{opzet.zaak['url']}/audittrail")
    by_piet = sorted((entry["actie"], entry["resourceWeergave"]) for entry in trail if entry["gebruikersId"] == "piet")
    assert by_piet == [
        ("create", "bouwkosten"),
        ("create", "bouwlaag"),
        ("create", "perceel"),
        ("create", "tijdstip_melding"),
        ("destroy", "kenmerk"),
        ("destroy", "perceel"),
    ]
    page = (await client.get(saved.headers["location"])).text
    assert "De eigenschappen zijn opgeslagen." in page
    # The Geschiedenis names the eigenschappen as the form does.
    geschiedenis = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}/geschiedenis")).text
    assert "Eigenschap &#39;Geraamde bouwkosten&#39; ingevuld door Piet Pieters." in geschiedenis
    assert "Eigenschap &#39;Kenmerk van de aanvrager&#39; verwijderd door Piet Pieters." in geschiedenis
    assert 'value="C 3"' in _input(page, opzet.veld("perceel", 1)) and 'value=""' in _input(
        page, opzet.veld("perceel", 2)
    )


async def test_a_number_in_dutch_notation_is_saved_as_the_zaken_api_keeps_it(client, superuser):
    opzet = await _opzet(client, superuser)
    csrf = await _behandelaar(client)
    action = f"/zaakdossier/{opzet.zaak['uuid']}/eigenschappen"

    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}")).text
    # The hint says what the field takes: a lengte of 8,2 allows two decimals.
    assert "Een getal met hoogstens 2 decimalen, bijvoorbeeld 25.000,50." in page
    for typed, stored, shown in (
        ("€ 25.000,50", "25000.50", "25.000,50"),
        ("25000,50", "25000.50", "25.000,50"),
        ("€ 25000", "25000", "25.000"),
        ("€\u00a025.000", "25000", "25.000"),
        ("12,50", "12.50", "12,50"),
        ("1.5", "1.5", "1,5"),
        ("1.500", "1500", "1.500"),
    ):
        saved = await client.post(action, data={"csrf_token": csrf, opzet.naam("bouwkosten"): typed})
        assert saved.status_code == 303 and saved.headers["location"].endswith("?melding=eigenschappen-opgeslagen")
        assert (await _zaakeigenschappen(client, superuser, opzet))["bouwkosten"] == [stored], typed
        page = (await client.get(saved.headers["location"])).text
        assert f'value="{shown}"' in _input(page, opzet.veld("bouwkosten")), typed
    too_precise = await after_refusal(
        client, await client.post(action, data={"csrf_token": csrf, opzet.naam("bouwkosten"): "1.234,567"})
    )
    veld = opzet.veld("bouwkosten")
    assert f'id="fout-{veld}">Vul hoogstens 2 cijfers achter de komma in.</div>' in too_precise.text
    too_large = await after_refusal(
        client, await client.post(action, data={"csrf_token": csrf, opzet.naam("bouwkosten"): "€ 1.234.567"})
    )
    assert f'id="fout-{veld}">Dit getal is te groot: hoogstens 6 cijfers voor de komma.</div>' in too_large.text
    assert (await _zaakeigenschappen(client, superuser, opzet))["bouwkosten"] == ["1500"]  # the last one saved


async def test_objections_appear_beside_their_field_and_nothing_is_saved(client, superuser):
    opzet = await _opzet(client, superuser)
    csrf = await _behandelaar(client)

    refused = await client.post(
        f"/zaakdossier/{opzet.zaak['uuid']}/eigenschappen",
        data={
            "csrf_token": csrf,
            opzet.naam("kenmerk"): "ELF-TEKENS!",
            opzet.naam("bouwkosten"): "twaalf",
            opzet.naam("datum_schouw"): "31-02-2026",
            opzet.naam("bouwlaag"): "zolder",
            opzet.naam("perceel"): "A 1",  # valid, but not saved without the others
        },
    )
    refused = await after_refusal(client, refused)
    page = refused.text
    for naam, melding in (
        ("kenmerk", "De waarde mag niet meer dan 10 tekens bevatten."),
        ("bouwkosten", "Vul een bedrag of getal in, bijvoorbeeld 25.000,50."),
        ("datum_schouw", "Vul een datum in, bijvoorbeeld 28-07-2026."),
        ("bouwlaag", "De waarde moet een van kelder, begane grond, verdieping zijn."),
    ):
        veld = opzet.veld(naam)
        assert f'id="fout-{veld}">{melding}</div>' in page
        assert 'aria-invalid="true"' in _input(page, veld) and f"fout-{veld}" in _input(page, veld)
    assert 'value="twaalf"' in _input(page, opzet.veld("bouwkosten"))  # what was typed stays
    assert await _zaakeigenschappen(client, superuser, opzet) == {}


async def test_a_closed_zaak_shows_its_eigenschappen_to_read_and_refuses_changes(client, superuser):
    opzet = await _opzet(client, superuser)
    await _waarde(client, superuser, opzet, "datum_schouw", "20260728")
    await _waarde(client, superuser, opzet, "tijdstip_melding", "2026-07-28T13:40:00+02:00")
    await _waarde(client, superuser, opzet, "bouwkosten", "25000.50")
    await close_zaak(client, superuser, opzet.setup, opzet.zaak["url"])
    csrf = await _behandelaar(client)

    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}")).text
    assert "Eigenschappen opslaan" not in page
    assert "<dt>Datum van de schouw</dt>\n  <dd>28-07-2026</dd>" in page
    assert "<dt>Tijdstip van de melding</dt>\n  <dd>28-07-2026 13:40</dd>" in page
    assert "<dt>Kenmerk van de aanvrager</dt>\n  <dd>Niet ingevuld</dd>" in page
    assert "<dt>Geraamde bouwkosten</dt>\n  <dd>25.000,50</dd>" in page  # in Dutch notation
    refused = await client.post(
        f"/zaakdossier/{opzet.zaak['uuid']}/eigenschappen", data={"csrf_token": csrf, opzet.naam("kenmerk"): "X"}
    )
    assert refused.status_code == 403


async def test_who_may_change_eigenschappen(client, superuser):
    opzet = await _opzet(client, superuser)
    other = await create_zaaktype_setup(client, superuser, catalogus=opzet.setup.catalogus, identificatie="ANDER")
    await make_medewerker("anna", autorisaties=[(other.url, "zeer_geheim")])
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    action = f"/zaakdossier/{opzet.zaak['uuid']}/eigenschappen"

    csrf = await logged_in(client, "anna")
    assert (await client.post(action, data={"csrf_token": csrf, opzet.naam("kenmerk"): "X"})).status_code == 404
    client.cookies.clear()
    csrf = await logged_in(client, "karin")
    assert (await client.post(action, data={"csrf_token": csrf, opzet.naam("kenmerk"): "X"})).status_code == 403
    # A manager may change a zaak (zaken.bijwerken), so also its eigenschappen.
    client.cookies.clear()
    csrf = await logged_in(client, "mila")
    assert "Eigenschappen opslaan" in (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}")).text
    assert (await client.post(action, data={"csrf_token": csrf, opzet.naam("kenmerk"): "X"})).status_code == 303
    assert await _zaakeigenschappen(client, superuser, opzet) == {"kenmerk": ["X"]}


async def test_a_behandelaar_fills_in_the_eigenschappen(page, client, superuser):
    opzet = await _opzet(client, superuser)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await page.goto(f"/zaakdossier/{opzet.zaak['uuid']}")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Eigenschappen").wait_for()
    await assert_accessible(page)

    # The labels are the definities; the help text under a field is its toelichting.
    bouwkosten = page.get_by_label("Geraamde bouwkosten", exact=True)
    assert await page.get_by_text("De kosten die de aanvrager opgeeft, in euro.").is_visible()
    assert await bouwkosten.get_attribute("inputmode") == "decimal"
    beschreven = await bouwkosten.get_attribute("aria-describedby")
    assert "De kosten die de aanvrager opgeeft, in euro." in await page.locator(f"#{beschreven}").inner_text()

    await page.get_by_label("Kenmerk van de aanvrager", exact=True).fill("BOUW-7")
    await bouwkosten.fill("veel")
    await page.get_by_label("Datum van de schouw", exact=True).fill("2026-07-28")
    await page.get_by_label("Bouwlaag van de verbouwing", exact=True).select_option("begane grond")
    await page.get_by_label("Kadastraal perceel, waarde 1").fill("A 1234")
    await page.get_by_role("button", name="Eigenschappen opslaan").click()
    error = page.locator(f"#fout-{opzet.veld('bouwkosten')}")
    await error.wait_for()
    assert await error.inner_text() == "Vul een bedrag of getal in, bijvoorbeeld 25.000,50."
    # The summary at the top of the form links to the field.
    summary = page.get_by_role("alert").filter(has_text="Dit formulier is niet verwerkt")
    await summary.get_by_role("link", name="Vul een bedrag of getal in, bijvoorbeeld 25.000,50.").click()
    assert await bouwkosten.evaluate("element => element === document.activeElement")
    assert await page.get_by_label("Kenmerk van de aanvrager", exact=True).input_value() == "BOUW-7"
    await assert_accessible(page)

    await bouwkosten.fill("€ 25.000,50")
    await page.get_by_role("button", name="Eigenschappen opslaan").click()
    await page.get_by_text("De eigenschappen zijn opgeslagen.").wait_for()
    assert await bouwkosten.input_value() == "25.000,50"  # shown back in Dutch notation
    assert await page.get_by_label("Datum van de schouw", exact=True).input_value() == "2026-07-28"
    assert await page.get_by_label("Kadastraal perceel, waarde 2").input_value() == ""
    await assert_accessible(page)
    stored = await _zaakeigenschappen(client, superuser, opzet)
    assert stored["bouwkosten"] == ["25000.50"] and stored["datum_schouw"] == ["20260728"]


def test_a_technical_name_made_readable_labels_an_eigenschap_without_definitie():
    assert leesbare_naam("datum_schouw") == "Datum schouw"
    assert leesbare_naam("datumSchouw") == "Datum schouw"
    assert leesbare_naam("BAG_id") == "BAG id"
    assert leesbare_naam("bouw-kosten") == "Bouw kosten"
