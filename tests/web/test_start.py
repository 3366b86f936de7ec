"""The start page per role: what needs attention today, in a fixed number of queries, axe-core clean and
fitting a phone."""

import re
from datetime import datetime, timedelta

from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, hidden, logged_in, make_medewerker
from tests.web.test_werkvoorraad import _zaak
from tests.zaken.factories import create_zaaktype_setup
from zaakgericht.zaken.service import TIMEZONE

TEAM = "Vergunningen"
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def _section(html: str, kop: str) -> str:
    start = html.index(f'id="{kop}"')
    end = html.find("</section>", start)
    return html[start:end]


async def _werk(client, superuser, zaaktype=None, *, verlopen: int = 1, niemand: int = 1, nr: str = ""):
    """Zaken of anna: some past their termijn, one near it, one far off; one of bert; and unassigned ones."""
    zaaktype = zaaktype or await create_zaaktype_setup(client, superuser)
    today = datetime.now(TIMEZONE).date()
    ver = {"uiterlijkeEinddatumAfdoening": "2099-01-01", "einddatumGepland": "2099-01-01"}
    for number in range(verlopen):
        # The default startdatum lies months back: the legal term has passed.
        await _zaak(client, superuser, zaaktype, "anna", identificatie=f"ZAAK-OUD{nr}-{number}")
    soon = {**ver, "einddatumGepland": (today + timedelta(days=2)).isoformat()}
    await _zaak(client, superuser, zaaktype, "anna", identificatie=f"ZAAK-BIJNA{nr}", omschrijving="Dakkapel", **soon)
    await _zaak(client, superuser, zaaktype, "anna", identificatie=f"ZAAK-VER{nr}", **ver)
    await _zaak(client, superuser, zaaktype, "bert", identificatie=f"ZAAK-BERT{nr}", **ver)
    for number in range(niemand):
        await _zaak(client, superuser, zaaktype, None, identificatie=f"ZAAK-NIEMAND{nr}-{number}", **ver)
    return zaaktype


async def test_a_behandelaar_sees_signals_zaken_near_their_termijn_and_the_unassigned_work(client, superuser):
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await _werk(client, superuser, verlopen=4, niemand=2)
    await logged_in(client, "anna")

    page = (await client.get("/")).text
    signalen = _section(page, "start-signalen")
    # The six zaken the API assigned to her, the newest five listed.
    assert "6 ongelezen signaleringen, de nieuwste 5:" in signalen
    assert len(re.findall(r'class="zg-signalering ', signalen)) == 5
    assert 'href="/signalen"' in signalen
    termijn = _section(page, "start-termijn")
    assert re.findall(r'href="/zaakdossier/[^"]+">([^<]+)</a>', termijn) == [
        *(f"ZAAK-OUD-{number}" for number in range(4)),
        "ZAAK-BIJNA",
    ]
    assert "wettelijke termijn verstreken" in termijn and "termijn bijna verstreken" in termijn
    bijna = f"termijn bijna verstreken</span>\n      ({datetime.now(TIMEZONE).date() + timedelta(days=2):%d-%m-%Y})"
    assert bijna in termijn  # the nearer of its two termijnen
    assert "5 zaken, de meest dringende eerst" in termijn
    niemand = _section(page, "start-niet-toegewezen")
    assert "2 zaken zijn niet toegewezen." in niemand
    assert 'href="/werkvoorraad?lijst=niet_toegewezen"' in niemand
    assert 'id="start-team"' not in page and 'id="start-kcc"' not in page and 'id="start-beheer"' not in page


async def test_the_start_page_takes_a_fixed_number_of_queries_per_role(client, superuser):
    await make_medewerker(
        "anna",
        naam="Anna Aalders",
        afdeling=TEAM,
        rollen=("behandelaar", "manager", "kcc", "beheerder"),
        heeft_alle_autorisaties=True,
    )
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    zaaktype = await _werk(client, superuser, verlopen=1, niemand=1)
    await logged_in(client, "anna")
    with count_queries() as few:
        assert (await client.get("/")).status_code == 200
    await _werk(client, superuser, zaaktype, verlopen=6, niemand=4, nr="2")
    with count_queries() as many:
        page = (await client.get("/")).text
    assert few[0] == many[0]
    team = _section(page, "start-team")
    cells = re.findall(r'scope="row">([^<]+)</th>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\d+)</td>', team)
    assert cells == [("Anna Aalders", "11", "7"), ("Bert Bos", "2", "0")]


async def test_a_kcc_medewerker_sees_their_terugbelverzoeken_and_a_beheerder_the_beheer_tasks(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype, "piet", identificatie="ZAAK-BEL")
    await make_medewerker("karin", naam="Karin Klant", rollen=("kcc",), heeft_alle_autorisaties=True)
    await make_medewerker("bea", naam="Bea Beheer", rollen=("beheerder",))
    await logged_in(client, "karin")
    page = await client.get(f"/kcc/zaken/{zaak['uuid']}")
    await client.post(
        f"/kcc/zaken/{zaak['uuid']}/terugbelverzoeken",
        data={
            "csrf_token": hidden(page.text),
            "verzoek_onderwerp": "Vraag over de termijn",
            "telefoonnummer": "0201234567",
        },
    )

    start = (await client.get("/")).text
    kcc = _section(start, "start-kcc")
    assert f'href="/kcc/zaken/{zaak["uuid"]}">ZAAK-BEL</a>: Vraag over de termijn' in kcc
    assert ", open)" in kcc and 'href="/kcc"' in kcc
    assert 'id="start-termijn"' not in start and 'id="start-niet-toegewezen"' not in start
    client.cookies.clear()
    await logged_in(client, "bea")
    beheer = _section((await client.get("/")).text, "start-beheer")
    assert 'href="/beheer/medewerkers"' in beheer and 'href="/beheer/e-mail"' in beheer


async def test_the_start_page_of_every_role_is_accessible_and_fits_a_phone(browser, live_server, client, superuser):
    await make_medewerker(
        "anna",
        naam="Anna Aalders",
        afdeling=TEAM,
        rollen=("behandelaar", "manager", "kcc", "beheerder"),
        heeft_alle_autorisaties=True,
    )
    await _werk(client, superuser)
    context = await browser.new_context(base_url=live_server, locale="nl-NL", viewport={"width": 360, "height": 740})
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await page.goto("/inloggen")
        await page.get_by_label("Gebruikersnaam").fill("anna")
        await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_role("heading", name="Vandaag", level=1).wait_for()
        for kop in ("Mijn signaleringen", "Mijn zaken met een termijn die (bijna) verstreken is", "Mijn team"):
            assert await page.get_by_role("heading", name=kop).is_visible()
        assert await page.evaluate(FITS)
        await assert_accessible(page)
        await page.get_by_role("link", name="Naar de niet-toegewezen zaken").click()
        await page.get_by_role("heading", name="Werkvoorraad").wait_for()
        assert "lijst=niet_toegewezen" in page.url
    finally:
        await context.close()
