"""The zaakdossier's structure: a summary with the status steps, the termijnen and the next steps, beside tabs
that are pages of their own (no JavaScript needed), a history in sentences, and refused forms that come
back at their own tab."""

import re
from datetime import date, timedelta

from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal, logged_in, make_medewerker
from tests.zaken.factories import create_zaak, create_zaaktype_setup, set_status, zaken_post
from zaakgericht.web.behandelen.dossier_page import TABS, dagen_tekst
from zaakgericht.web.behandelen.geschiedenis import nederlandse_datumtijd

# Each tab by the id of the heading only it shows.
TAB_KOPPEN = {
    "": "gegevens",
    "documenten": "documenten",
    "betrokkenen": "betrokkenen",
    "besluiten": "besluiten",
    "relaties": "relaties",
    "taken": "notities",
    "geschiedenis": "geschiedenis",
}


def _pad(zaak: dict, tab: str) -> str:
    return f"/zaakdossier/{zaak['uuid']}/{tab}" if tab else f"/zaakdossier/{zaak['uuid']}"


async def _zaak(client, superuser, zaaktype, **velden) -> dict:
    zaak = await create_zaak(
        client,
        superuser,
        zaaktype.url,
        identificatie="ZAAK-TABS",
        omschrijving="Dakkapel Dorpsstraat 1",
        vertrouwelijkheidaanduiding="zaakvertrouwelijk",
        **velden,
    )
    for generiek, betrokkene_type, identificatie in (
        ("initiator", "natuurlijk_persoon", {"inpBsn": "999990019", "voornamen": "Anna", "geslachtsnaam": "Jansen"}),
        ("behandelaar", "medewerker", {"identificatie": "piet", "achternaam": "Pieters", "voorletters": "P."}),
    ):
        body = {
            "zaak": zaak["url"],
            "betrokkeneType": betrokkene_type,
            "roltype": zaaktype.roltypen[generiek],
            "roltoelichting": generiek,
            "betrokkeneIdentificatie": identificatie,
        }
        await zaken_post(client, superuser, "rollen", body)
    await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    return zaak


def _tab_nav(html: str) -> str:
    return html[html.index('aria-label="Onderdelen van de zaak"') : html.index("</nav>", html.index("Onderdelen van"))]


async def test_each_tab_is_a_page_of_its_own_showing_only_its_part(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await logged_in(client, "piet")

    for tab, label in TABS:
        page = await client.get(_pad(zaak, tab))
        assert page.status_code == 200, tab
        nav = _tab_nav(page.text)
        # Every tab is a plain link; the one shown is marked as the current page.
        assert len(re.findall(r'href="/zaakdossier/[^"]+"', nav)) == len(TABS)
        assert re.findall(r'href="([^"]+)" aria-current="page">([^<]+)<', nav) == [(_pad(zaak, tab), label)]
        koppen = [kop for kop in TAB_KOPPEN.values() if f'id="{kop}"' in page.text]
        assert koppen == [TAB_KOPPEN[tab]], (tab, koppen)
        # The summary is on every tab.
        assert 'id="samenvatting"' in page.text and "Anna Jansen" in page.text
    assert "999990019" in (await client.get(_pad(zaak, "betrokkenen"))).text
    assert "999990019" not in (await client.get(_pad(zaak, ""))).text  # the BSN only where it is needed


async def test_the_summary_shows_the_status_steps_termijnen_and_next_steps(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    over_vijf_dagen = (date.today() + timedelta(days=5)).isoformat()
    drie_dagen_geleden = (date.today() - timedelta(days=3)).isoformat()
    zaak = await _zaak(
        client, superuser, zaaktype, einddatumGepland=over_vijf_dagen, uiterlijkeEinddatumAfdoening=drie_dagen_geleden
    )
    await set_status(client, superuser, zaak["url"], zaaktype.statustypen[1], "2026-03-05T14:30:00+01:00")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await logged_in(client, "piet")

    html = (await client.get(_pad(zaak, "relaties"))).text
    samenvatting = html[html.index('id="samenvatting"') : html.index("</aside>")]
    gegevens = dict(
        (dt, " ".join(re.sub(r"<[^>]+>", " ", dd).split()))
        for dt, dd in re.findall(r"<dt>([^<]+)</dt>\s*<dd>(.*?)</dd>", samenvatting, re.S)
    )
    assert gegevens["Zaaknummer"] == "ZAAK-TABS" and gegevens["Zaaktype"] == "Omgevingsvergunning"
    assert gegevens["Status"] == "In behandeling"
    assert gegevens["Initiator"] == "Anna Jansen" and gegevens["Behandelaar"] == "P. Pieters"
    assert gegevens["Vertrouwelijkheid"] == "Zaakvertrouwelijk"
    vijf = date.today() + timedelta(days=5)
    assert gegevens["Servicenorm"] == f"{vijf:%d-%m-%Y} nog 5 dagen"
    drie = date.today() - timedelta(days=3)
    assert gegevens["Uiterste datum (wettelijke termijn)"] == f"{drie:%d-%m-%Y} 3 dagen over de termijn"

    stappen = re.findall(r'<li class="zg-stappen__stap zg-stappen__stap--(\w+)"( aria-current="step")?>', samenvatting)
    assert stappen == [("klaar", ""), ("huidig", ' aria-current="step"'), ("volgend", "")]
    assert re.search(
        r'aria-current="step">\s*<span class="zg-visually-hidden">Huidige status: </span>In behandeling', html
    )

    # Each next step is a link to the tab and the form that does it.
    acties = dict(
        (tekst, href) for href, tekst in re.findall(r'class="zg-volgende-stappen__actie" href="([^"]+)">([^<]+)<', html)
    )
    assert acties == {
        "Status zetten": f"{_pad(zaak, '')}#status-zetten",
        "Document toevoegen": f"{_pad(zaak, 'documenten')}#document-toevoegen",
        "Notitie maken": f"{_pad(zaak, 'taken')}#notities",
        "Zaak afsluiten": f"{_pad(zaak, '')}#afsluiten",
    }
    for href in acties.values():
        pad, sectie = href.split("#")
        assert f'id="{sectie}"' in (await client.get(pad)).text, href
    # A zaaktype without besluittypen offers no besluit (see test_dossier_besluiten for one with).
    assert "Besluit vastleggen" not in html


def test_days_left_in_dutch():
    today = date(2026, 3, 10)
    assert [dagen_tekst(today + timedelta(days=days), today) for days in (5, 1, 0, -1, -3)] == [
        "nog 5 dagen",
        "nog 1 dag",
        "vandaag",
        "1 dag over de termijn",
        "3 dagen over de termijn",
    ]
    assert dagen_tekst(None, today) == ""


async def test_the_history_reads_as_sentences_without_addresses(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser, verlengingMogelijk=True, verlengingstermijn="P30D")
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    statustype = zaaktype.statustypen[1].rsplit("/", 1)[1]
    await client.post(
        f"/zaakdossier/{zaak['uuid']}/status", data={"csrf_token": csrf, "statustype": statustype, "toelichting": ""}
    )
    await client.post(f"/zaakdossier/{zaak['uuid']}/notities", data={"csrf_token": csrf, "tekst": "Gebeld"})
    await client.post(
        f"/zaakdossier/{zaak['uuid']}/verlengen", data={"csrf_token": csrf, "dagen": "14", "reden": "Wacht op advies"}
    )

    html = (await client.get(_pad(zaak, "geschiedenis"))).text
    geschiedenis = html[html.index('id="geschiedenis"') : html.index("</ol>", html.index('id="geschiedenis"'))]
    zinnen = [
        re.sub(r"\s+", " ", zin)
        for zin in re.findall(r'class="utrecht-paragraph zg-geschiedenis__zin">([^<]+)<', geschiedenis)
    ]
    # The newest first; who did it by name; the API client without a person by its applicatie.
    assert zinnen[:3] == [
        "Termijn verlengd met 14 dagen door Piet Pieters.",
        "Notitie toegevoegd door Piet Pieters.",
        "Status gezet op &#39;In behandeling&#39; door Piet Pieters.",
    ]
    assert 'zg-geschiedenis__toelichting">Wacht op advies</p>' in geschiedenis
    assert "Betrokkene &#39;Anna Jansen&#39; toegevoegd als Aanvrager door" in geschiedenis
    assert zinnen[-1].startswith("Zaak aangemaakt door ")
    assert "http" not in geschiedenis and "999990019" not in geschiedenis
    # Dutch dates: "2 maart 2026, 09:00".
    momenten = re.findall(r'<time class="zg-geschiedenis__moment" datetime="[^"]+">([^<]+)</time>', geschiedenis)
    assert len(momenten) == len(zinnen)
    assert "2 maart 2026, 09:00" not in momenten  # the status's own date is not when it was recorded
    assert all(re.fullmatch(r"\d{1,2} [a-z]+ \d{4}, \d\d:\d\d", moment) for moment in momenten)


def test_dutch_date_and_time():
    from datetime import datetime

    assert nederlandse_datumtijd(datetime(2026, 3, 5, 14, 30)) == "5 maart 2026, 14:30"
    assert nederlandse_datumtijd(datetime(2026, 12, 31, 9, 5)) == "31 december 2026, 09:05"


async def test_a_form_returns_to_its_own_tab_refused_or_done(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    basis = f"/zaakdossier/{zaak['uuid']}"

    notitie = await client.post(f"{basis}/notities", data={"csrf_token": csrf, "tekst": ""})
    assert notitie.headers["location"] == f"{basis}/taken#notities"
    page = await after_refusal(client, notitie)
    assert 'id="foutsamenvatting-' in page.text and 'aria-current="page">Taken en notities<' in page.text
    # The objections are kept for that tab only, and shown once.
    assert 'role="alert"' not in (await client.get(f"{basis}/taken")).text

    status = await client.post(f"{basis}/status", data={"csrf_token": csrf, "statustype": "", "toelichting": ""})
    assert status.headers["location"] == f"{basis}#status-zetten"
    assert 'id="fout-status-statustype"' in (await after_refusal(client, status)).text

    betrokkene = {"csrf_token": csrf, "roltype": "", "soort": "natuurlijk_persoon", "nummer": "12", "naam": ""}
    refused = await client.post(f"{basis}/betrokkenen", data=betrokkene)
    assert refused.headers["location"] == f"{basis}/betrokkenen#betrokkene-toevoegen"
    assert 'id="fout-betrokkene-nummer"' in (await after_refusal(client, refused)).text

    done = await client.post(f"{basis}/notities", data={"csrf_token": csrf, "tekst": "Gebeld met de aanvrager"})
    assert done.headers["location"] == f"{basis}/taken?melding=notitie-toegevoegd"
    page = (await client.get(done.headers["location"])).text
    assert "De notitie is toegevoegd." in page and "Gebeld met de aanvrager" in page


async def test_every_tab_in_the_browser_passes_axe(page, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype, einddatumGepland=(date.today() + timedelta(days=5)).isoformat())
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await page.goto(_pad(zaak, ""))
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Zaak ZAAK-TABS").wait_for()
    tabs = page.get_by_role("navigation", name="Onderdelen van de zaak")
    for tab, label in TABS:
        await tabs.get_by_role("link", name=label, exact=True).click()
        await page.wait_for_url(f"**{_pad(zaak, tab)}")
        assert await tabs.locator('[aria-current="page"]').inner_text() == label
        await assert_accessible(page)

    # At 360 px wide nothing scrolls sideways: the summary comes first, tables become stacked rows.
    await page.set_viewport_size({"width": 360, "height": 800})
    for tab, _ in TABS:
        await page.goto(_pad(zaak, tab))
        breedte = await page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= 360, (tab, breedte)
    await page.set_viewport_size({"width": 1280, "height": 900})

    # A next step opens its tab at its form.
    await page.get_by_role("link", name="Document toevoegen").click()
    await page.wait_for_url(f"**{_pad(zaak, 'documenten')}#document-toevoegen")
    await page.get_by_role("heading", name="Document toevoegen").wait_for()
