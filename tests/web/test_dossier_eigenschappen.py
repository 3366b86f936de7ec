"""The zaakdossier's eigenschappen: a form generated from the zaaktype's eigenschappen, saved as zaakeigenschappen
through the Zaken services in one transaction, with the service's objections beside the field."""

import re
from dataclasses import dataclass

from tests.catalogi.factories import post, publish
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker, after_refusal
from tests.zaken.factories import ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, get, zaken_post

EIGENSCHAPPEN = {
    "kenmerk": ("tekst", "10", "1", []),
    "oppervlakte": ("getal", "8,2", "1", []),
    "datum_schouw": ("datum", "8", "1", []),
    "tijdstip_melding": ("datum_tijd", "14", "1", []),
    "bouwlaag": ("tekst", "20", "1", ["kelder", "begane grond", "verdieping"]),
    "perceel": ("tekst", "20", "N", []),
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
        body = {
            "zaaktype": setup.url,
            "naam": naam,
            "definitie": f"De {naam} van de aanvraag",
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
    assert f'aria-describedby="hint-{opzet.veld("kenmerk")}"' in kenmerk and "De kenmerk van de aanvraag" in page
    assert 'inputmode="decimal"' in _input(page, opzet.veld("oppervlakte"))
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
            opzet.naam("oppervlakte"): "12,50",
            opzet.naam("datum_schouw"): "2026-07-28",  # unchanged, though stored in ISO form
            opzet.naam("tijdstip_melding"): "2026-08-01T09:30",
            opzet.naam("bouwlaag"): "kelder",
            opzet.naam("perceel"): ["A 1", "", "C 3"],
        },
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?melding=eigenschappen-opgeslagen")
    assert await _zaakeigenschappen(client, superuser, opzet) == {
        "oppervlakte": ["12.50"],  # as the Zaken API keeps a number
        "datum_schouw": ["2026-07-28"],
        "tijdstip_melding": ["20260801093000"],
        "bouwlaag": ["kelder"],
        "perceel": ["A 1", "C 3"],
    }
    trail = await get(client, superuser, f"{opzet.zaak['url']}/audittrail")
    by_piet = sorted((entry["actie"], entry["resourceWeergave"]) for entry in trail if entry["gebruikersId"] == "piet")
    assert by_piet == [
        ("create", "bouwlaag"),
        ("create", "oppervlakte"),
        ("create", "perceel"),
        ("create", "tijdstip_melding"),
        ("destroy", "kenmerk"),
        ("destroy", "perceel"),
    ]
    page = (await client.get(saved.headers["location"])).text
    assert "De eigenschappen zijn opgeslagen." in page
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
        ("25.000,50", "25000.50", "25000,50"),
        ("€ 25000", "25000", "25000"),
        ("12,50", "12.50", "12,50"),
        ("1.5", "1.5", "1,5"),
    ):
        saved = await client.post(action, data={"csrf_token": csrf, opzet.naam("oppervlakte"): typed})
        assert saved.status_code == 303 and saved.headers["location"].endswith("?melding=eigenschappen-opgeslagen")
        assert (await _zaakeigenschappen(client, superuser, opzet))["oppervlakte"] == [stored], typed
        page = (await client.get(saved.headers["location"])).text
        assert f'value="{shown}"' in _input(page, opzet.veld("oppervlakte")), typed
    too_precise = await after_refusal(
        client, await client.post(action, data={"csrf_token": csrf, opzet.naam("oppervlakte"): "1.234,567"})
    )
    veld = opzet.veld("oppervlakte")
    assert f'id="fout-{veld}">Het getal past niet in lengte 8,2 (cijfers, waarvan decimalen).</div>' in too_precise.text


async def test_objections_appear_beside_their_field_and_nothing_is_saved(client, superuser):
    opzet = await _opzet(client, superuser)
    csrf = await _behandelaar(client)

    refused = await client.post(
        f"/zaakdossier/{opzet.zaak['uuid']}/eigenschappen",
        data={
            "csrf_token": csrf,
            opzet.naam("kenmerk"): "ELF-TEKENS!",
            opzet.naam("oppervlakte"): "twaalf",
            opzet.naam("datum_schouw"): "31-02-2026",
            opzet.naam("bouwlaag"): "zolder",
            opzet.naam("perceel"): "A 1",  # valid, but not saved without the others
        },
    )
    refused = await after_refusal(client, refused)
    page = refused.text
    for naam, melding in (
        ("kenmerk", "De waarde mag niet meer dan 10 tekens bevatten."),
        ("oppervlakte", "Vul een getal in, bijvoorbeeld 25000 of 25.000,50."),
        ("datum_schouw", "Vul een datum in, bijvoorbeeld 28-07-2026."),
        ("bouwlaag", "De waarde moet een van kelder, begane grond, verdieping zijn."),
    ):
        veld = opzet.veld(naam)
        assert f'id="fout-{veld}">{melding}</div>' in page
        assert 'aria-invalid="true"' in _input(page, veld) and f"fout-{veld}" in _input(page, veld)
    assert 'value="twaalf"' in _input(page, opzet.veld("oppervlakte"))  # what was typed stays
    assert await _zaakeigenschappen(client, superuser, opzet) == {}


async def test_a_closed_zaak_shows_its_eigenschappen_to_read_and_refuses_changes(client, superuser):
    opzet = await _opzet(client, superuser)
    await _waarde(client, superuser, opzet, "datum_schouw", "20260728")
    await _waarde(client, superuser, opzet, "tijdstip_melding", "2026-07-28T13:40:00+02:00")
    await close_zaak(client, superuser, opzet.setup, opzet.zaak["url"])
    csrf = await _behandelaar(client)

    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}")).text
    assert "Eigenschappen opslaan" not in page
    assert "<dt>datum_schouw</dt>\n  <dd>28-07-2026</dd>" in page
    assert "<dt>tijdstip_melding</dt>\n  <dd>28-07-2026 13:40</dd>" in page
    assert "<dt>kenmerk</dt>\n  <dd>Niet ingevuld</dd>" in page
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

    await page.get_by_label("kenmerk", exact=True).fill("BOUW-7")
    await page.get_by_label("oppervlakte", exact=True).fill("veel")
    await page.get_by_label("datum_schouw", exact=True).fill("2026-07-28")
    await page.get_by_label("bouwlaag", exact=True).select_option("begane grond")
    await page.get_by_label("perceel, waarde 1").fill("A 1234")
    await page.get_by_role("button", name="Eigenschappen opslaan").click()
    error = page.locator(f"#fout-{opzet.veld('oppervlakte')}")
    await error.wait_for()
    assert await error.inner_text() == "Vul een getal in, bijvoorbeeld 25000 of 25.000,50."
    assert await page.get_by_label("kenmerk", exact=True).input_value() == "BOUW-7"
    await assert_accessible(page)

    await page.get_by_label("oppervlakte", exact=True).fill("42,5")
    await page.get_by_role("button", name="Eigenschappen opslaan").click()
    await page.get_by_text("De eigenschappen zijn opgeslagen.").wait_for()
    assert await page.get_by_label("datum_schouw", exact=True).input_value() == "2026-07-28"
    assert await page.get_by_label("perceel, waarde 2").input_value() == ""
    await assert_accessible(page)
    assert (await _zaakeigenschappen(client, superuser, opzet))["datum_schouw"] == ["20260728"]
