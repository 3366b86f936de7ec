"""The one layout of every application: the header (organisation, person, roles, navigation per role, search
box, signaleringen, help), breadcrumbs, the huisstijl the beheerder sets, error summaries and the help pages."""

import re
import struct
import zlib

import httpx
import pytest
from sqlalchemy import select

from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, hidden, logged_in, make_medewerker
from zaakgericht import db
from zaakgericht.huisstijl import service as huisstijl
from zaakgericht.huisstijl.models import Huisstijl


def png(breedte: int = 4, hoogte: int = 4, kleur: tuple[int, int, int] = (0x1A, 0x4B, 0x7A)) -> bytes:
    """A real PNG image of one colour."""

    def chunk(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    rij = b"\x00" + bytes(kleur) * breedte
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", breedte, hoogte, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rij * hoogte))
        + chunk(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1a4b7a"/></svg>'


async def _huisstijl(naam: str = "Gemeente Proefdorp", primair: str = "#1a4b7a", logo: bytes | None = None) -> None:
    async with db.write_session() as session:
        await huisstijl.opslaan(
            session, huisstijl.Wijziging(naam=naam, kleur_primair=primair, kleur_accent="#00568b", logo=logo)
        )


def _nav(html: str) -> list[str]:
    menu = re.search(r'<nav class="zg-nav" aria-label="Hoofdmenu">(.*?)</nav>', html, re.S)
    if not menu:
        return []
    return [label.strip() for label in re.findall(r'class="zg-nav__link" href="[^"]*"[^>]*>([^<]+)', menu[1])]


# --- the header ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rollen", "menu", "zoeken"),
    [
        (("behandelaar",), ["Start", "Werkvoorraad", "Nieuwe zaak"], True),
        (("manager",), ["Start", "Werkvoorraad"], True),
        (("kcc",), ["Start", "KCC"], True),
        (("beheerder",), ["Start", "Beheer"], False),
        (("archivaris",), ["Start"], True),
        (("kcc", "beheerder"), ["Start", "KCC", "Beheer"], True),
    ],
)
async def test_the_header_has_the_navigation_of_the_persons_roles(client, rollen, menu, zoeken):
    await make_medewerker("piet", rollen=rollen, naam="Piet Proef", afdeling="Burgerzaken")
    await logged_in(client)
    page = (await client.get("/help")).text
    assert _nav(page) == menu
    assert ('role="search"' in page) is zoeken
    assert "Piet Proef" in page and "Burgerzaken" in page
    assert 'href="/signalen"' in page and 'href="/help"' in page and 'action="/uitloggen"' in page


async def test_the_header_shows_the_organisations_name_and_logo_once_set(client):
    await make_medewerker("piet")
    await logged_in(client)
    voor = (await client.get("/help")).text
    assert "<title>Help - Zaakgericht</title>" in voor and "/huisstijl/logo" not in voor
    assert "/huisstijl.css" not in voor  # the vendored theme's colours until a beheerder sets them

    await _huisstijl(logo=png())
    na = (await client.get("/help")).text
    assert "<title>Help - Gemeente Proefdorp</title>" in na
    assert re.search(r'<span class="zg-merk__naam">Gemeente Proefdorp</span>', na)
    assert re.search(r'<img class="zg-merk__logo" src="/huisstijl/logo\?v=1"', na)
    assert re.search(r'<link rel="stylesheet" href="/huisstijl.css\?v=1">', na)


async def test_the_header_costs_the_same_queries_on_every_page(client):
    await make_medewerker("piet", rollen=("behandelaar", "beheerder"))
    await logged_in(client)
    with count_queries() as zonder:
        assert (await client.get("/help")).status_code == 200
    await _huisstijl(logo=png())
    with count_queries() as met:
        assert (await client.get("/help")).status_code == 200
    # The session (with its autorisaties), the huisstijl (without the logo's bytes), the unread signals and
    # the count of the werkvoorraad.
    assert zonder[0] == met[0] == 5


async def test_the_header_in_the_browser_is_landmarks_with_a_search_box(page):
    await make_medewerker("piet", rollen=("behandelaar",), naam="Piet Proef")
    await _huisstijl(logo=SVG)
    await page.goto("/inloggen")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url("**/")

    banner = page.get_by_role("banner")
    assert await banner.get_by_role("link", name="Gemeente Proefdorp").is_visible()
    assert await banner.get_by_text("Piet Proef").is_visible() and await banner.get_by_text("Behandelaar").is_visible()
    assert await page.evaluate("document.querySelector('.zg-merk__logo').naturalWidth") > 0
    search = page.get_by_role("search")
    box = search.get_by_role("searchbox", name="Zoek zaken")
    assert await box.is_visible()
    assert await box.get_attribute("type") == "search" and await box.get_attribute("name") == "q"
    form = page.locator("form[role=search]")
    assert await form.get_attribute("method") == "post" and await form.get_attribute("action") == "/zoeken"
    assert await form.locator("input[name=csrf_token]").count() == 1
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert await menu.get_by_role("link", name="Werkvoorraad").is_visible()
    assert await banner.get_by_role("link", name="Signaleringen").get_attribute("href") == "/signalen"
    await banner.get_by_role("link", name="Help").click()
    await page.get_by_role("heading", name="Help bij Zaakgericht", level=1).wait_for()
    font = await page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith('"Source Sans 3"')
    await page.evaluate("document.fonts.ready")
    assert await page.evaluate("document.fonts.check('700 16px \"Source Sans 3\"')")
    await assert_accessible(page)


async def test_breadcrumbs_name_the_way_to_the_page(page):
    await make_medewerker("beheer", rollen=("beheerder",))
    await page.goto("/inloggen?volgende=/beheer/e-mail")
    await page.get_by_label("Gebruikersnaam").fill("beheer")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    kruimelpad = page.get_by_role("navigation", name="Kruimelpad")
    await kruimelpad.wait_for()
    assert await kruimelpad.get_by_role("listitem").all_inner_texts() == ["Beheer", "E-mail"]
    assert await kruimelpad.locator("[aria-current=page]").inner_text() == "E-mail"
    await kruimelpad.get_by_role("link", name="Beheer").click()
    await page.get_by_role("heading", name="Medewerkers", level=1).wait_for()


# --- the huisstijl ------------------------------------------------------------------------------


async def _beheerder_in_browser(page, volgende: str = "/beheer/huisstijl") -> None:
    await make_medewerker("beheer", rollen=("beheerder",), naam="Bea Beheer")
    await page.goto(f"/inloggen?volgende={volgende}")
    await page.get_by_label("Gebruikersnaam").fill("beheer")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()


async def test_the_beheerder_sets_the_colour_and_logo_and_every_page_shows_them(page):
    await _beheerder_in_browser(page, "/beheer/medewerkers")
    await page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Huisstijl").click()
    await page.get_by_role("heading", name="Huisstijl", level=1).wait_for()
    await assert_accessible(page)
    await page.get_by_label("Naam van de organisatie").fill("Gemeente Proefdorp")
    await page.get_by_label("Hoofdkleur").fill("#1a4b7a")
    await page.get_by_label("Kleur van links").fill("#00568b")
    await page.get_by_label("Logo (niet verplicht)").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png()}]
    )
    await page.get_by_role("button", name="Huisstijl opslaan").click()
    await page.get_by_text("De huisstijl is opgeslagen.").wait_for()

    await page.get_by_role("link", name="Start", exact=True).click()
    balk = await page.evaluate("getComputedStyle(document.querySelector('.zg-kop__balk')).backgroundColor")
    assert balk == "rgb(26, 75, 122)"
    knop = await page.evaluate(
        "getComputedStyle(document.querySelector('.utrecht-button--primary-action') || document.body)"
        ".getPropertyValue('--basis-color-action-1-inverse-bg-default').trim()"
    )
    assert knop == "#1a4b7a"
    assert await page.get_by_role("banner").get_by_text("Gemeente Proefdorp").is_visible()
    assert await page.evaluate("document.querySelector('.zg-merk__logo').naturalWidth") == 4
    await assert_accessible(page)


async def test_a_colour_white_text_cannot_be_read_on_is_refused_beside_the_field(page):
    await _huisstijl()
    await _beheerder_in_browser(page)
    await page.get_by_label("Hoofdkleur").fill("#ffcc00")
    await page.get_by_role("button", name="Huisstijl opslaan").click()

    summary = page.get_by_role("alert").filter(has_text="Het formulier is niet verwerkt")
    await summary.wait_for()
    assert await page.evaluate("document.activeElement.classList.contains('zg-foutsamenvatting')")
    melding = (
        "Witte tekst is op deze kleur slecht te lezen (contrast 1,5 : 1, minimaal 4,5 : 1). Kies een donkerdere kleur."
    )
    link = summary.get_by_role("link", name=melding)
    assert await link.get_attribute("href") == "#veld-kleur_primair"
    veld = page.get_by_label("Hoofdkleur")
    assert await veld.get_attribute("aria-invalid") == "true" and await veld.input_value() == "#ffcc00"
    assert await page.locator("#fout-kleur_primair").inner_text() == melding
    await assert_accessible(page)
    await link.click()
    assert await page.evaluate("location.hash") == "#veld-kleur_primair"

    async with db.read_session() as session:
        stored = await session.scalar(select(Huisstijl))
    assert stored.kleur_primair == "#1a4b7a"  # nothing of the refused form was stored


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"kleur_primair": "1a4b7a"}, ("kleur_primair", "Vul een kleur in als #")),
        ({"kleur_accent": "#bbbbbb"}, ("kleur_accent", "Witte tekst is op deze kleur slecht te lezen")),
        ({"organisatie_naam": " "}, ("organisatie_naam", "Vul de naam van de organisatie in.")),
    ],
)
async def test_the_huisstijl_form_refuses_what_does_not_fit(client, velden, fout):
    await make_medewerker("beheer", rollen=("beheerder",))
    csrf = await logged_in(client, "beheer")
    data = {"csrf_token": csrf, "organisatie_naam": "Proefdorp", "kleur_primair": "#1a4b7a", "kleur_accent": "#00568b"}
    response = await client.post("/beheer/huisstijl", data={**data, **velden})
    assert response.status_code == 400
    veld, melding = fout
    assert f'id="fout-{veld}">{melding}' in response.text
    assert f'href="#veld-{veld}">{melding}' in response.text
    async with db.read_session() as session:
        assert await session.scalar(select(Huisstijl)) is None


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"GIF89a not a png", "Kies een logo als PNG- of SVG-bestand."),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "x">]><svg xmlns="http://www.w3.org/2000/svg"/>', "Kies"),
        (b"<html><body>geen svg</body></html>", "Kies een logo als PNG- of SVG-bestand."),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * huisstijl.LOGO_MAX_BYTES, "Het logo is te groot"),
    ],
)
async def test_a_logo_must_be_a_png_or_svg_of_limited_size(client, inhoud, melding):
    await make_medewerker("beheer", rollen=("beheerder",))
    csrf = await logged_in(client, "beheer")
    data = {"csrf_token": csrf, "organisatie_naam": "Proefdorp", "kleur_primair": "#1a4b7a", "kleur_accent": "#00568b"}
    response = await client.post("/beheer/huisstijl", data=data, files={"logo": ("logo.png", inhoud, "image/png")})
    assert response.status_code == 400
    assert f'id="fout-logo">{melding}' in response.text


async def test_the_stylesheet_and_logo_are_served_cacheable_and_the_svg_runs_nothing(client):
    assert (await client.get("/huisstijl/logo")).status_code == 404
    await _huisstijl(logo=SVG)
    css = await client.get("/huisstijl.css?v=1")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "--basis-color-accent-1-inverse-bg-default: #1a4b7a;" in css.text
    assert "no-store" not in css.headers["cache-control"]
    again = await client.get("/huisstijl.css", headers={"If-None-Match": css.headers["etag"]})
    assert again.status_code == 304

    logo = await client.get("/huisstijl/logo")
    assert logo.status_code == 200 and logo.headers["content-type"] == "image/svg+xml" and logo.content == SVG
    policy = logo.headers["content-security-policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy and "script" not in policy
    assert logo.headers["x-content-type-options"] == "nosniff"
    assert (await client.get("/huisstijl/logo", headers={"If-None-Match": logo.headers["etag"]})).status_code == 304

    await _huisstijl(primair="#003e65")
    changed = await client.get("/huisstijl.css", headers={"If-None-Match": css.headers["etag"]})
    assert changed.status_code == 200 and "#003e65" in changed.text


async def test_only_a_beheerder_sets_the_huisstijl(client):
    await make_medewerker("piet", rollen=("behandelaar",))
    csrf = await logged_in(client)
    assert (await client.get("/beheer/huisstijl")).status_code == 403
    data = {"csrf_token": csrf, "organisatie_naam": "X", "kleur_primair": "#1a4b7a", "kleur_accent": "#00568b"}
    assert (await client.post("/beheer/huisstijl", data=data)).status_code == 403
    async with db.read_session() as session:
        assert await session.scalar(select(Huisstijl)) is None


def test_the_contrast_is_computed_as_wcag_says():
    assert round(huisstijl.contrast_met_wit("#000000"), 1) == 21.0
    assert round(huisstijl.contrast_met_wit("#767676"), 2) == 4.54  # the lightest grey that passes
    assert huisstijl.kleur_fout("#767676") == ""
    assert huisstijl.kleur_fout("#777777").startswith("Witte tekst")


# --- error summaries and confirmations ------------------------------------------------------------


async def test_a_failed_form_has_its_summary_focused_with_links_to_the_fields(page):
    piet = await make_medewerker("piet", rollen=("behandelaar",), naam="Piet Proef")
    await _beheerder_in_browser(page, f"/beheer/medewerkers/{piet.uuid}/wachtwoord")
    await page.get_by_label("Nieuw wachtwoord", exact=True).fill("kort")
    await page.get_by_label("Nieuw wachtwoord nogmaals").fill("anders")
    await page.get_by_role("button", name="Wachtwoord instellen").click()

    summary = page.locator("#wachtwoord-formulier > .zg-foutsamenvatting")  # at the top of the form sent
    await summary.wait_for()
    assert await page.evaluate("document.activeElement.id") == "foutmelding"
    links = summary.get_by_role("link")
    assert await links.evaluate_all("links => links.map(link => link.getAttribute('href'))") == [
        "#veld-wachtwoord_herhaling"
    ]
    await links.first.click()
    assert await page.evaluate("document.activeElement.id") == "veld-wachtwoord_herhaling"
    await assert_accessible(page)


async def test_deactivating_an_account_asks_for_confirmation_first(page):
    piet = await make_medewerker("piet", rollen=("behandelaar",), naam="Piet Proef")
    await _beheerder_in_browser(page, f"/beheer/medewerkers/{piet.uuid}")
    bevestigen = page.get_by_role("button", name="Ja, deactiveer Piet Proef")
    assert not await bevestigen.is_visible()
    await page.get_by_text("Deactiveren", exact=True).click()
    assert await page.get_by_text("Piet Proef kan dan niet meer inloggen").is_visible()
    await assert_accessible(page)
    await bevestigen.click()
    await page.get_by_text("Het account is gedeactiveerd").wait_for()


# --- help --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pad", "kop"),
    [
        ("/help", "Help bij Zaakgericht"),
        ("/help/behandelaar", "Zaken behandelen"),
        ("/help/kcc", "Klantcontactcentrum (KCC)"),
        ("/help/beheerder", "Functioneel beheer"),
        ("/help/manager", "Werk verdelen als manager"),
        ("/help/archivaris", "Archiveren"),
    ],
)
async def test_the_help_pages_are_there_for_every_role(client, pad, kop):
    assert (await client.get(pad)).status_code == 303  # after logging in
    await make_medewerker("piet", rollen=("kcc",))
    await logged_in(client)
    response = await client.get(pad)
    assert response.status_code == 200
    assert f'<h1 class="utrecht-heading-1">{kop}</h1>' in response.text
    assert 'aria-label="Handleidingen"' in response.text
    assert '<nav class="zg-kruimelpad" aria-label="Kruimelpad">' in response.text


async def test_the_help_overview_points_to_the_persons_own_manual_and_an_unknown_one_is_not_found(client):
    await make_medewerker("piet", rollen=("kcc",))
    await logged_in(client)
    overzicht = (await client.get("/help")).text
    assert 'href="/help/kcc">Klantcontactcentrum (KCC)</a> (u heeft de rol kcc-medewerker)' in overzicht
    assert (await client.get("/help/onbekend")).status_code == 404


async def test_the_help_pages_read_well_in_the_browser(page):
    await make_medewerker("piet", rollen=("behandelaar",))
    await page.goto("/inloggen?volgende=/help")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    handleidingen = page.get_by_role("navigation", name="Handleidingen")
    await handleidingen.get_by_role("link", name="Zaken behandelen").click()
    await page.get_by_role("heading", name="De werkvoorraad").wait_for()
    assert await handleidingen.get_by_role("link", name="Zaken behandelen").get_attribute("aria-current") == "page"
    await assert_accessible(page)


async def test_a_logged_out_page_has_the_organisation_but_no_menu(client):
    await _huisstijl()
    page = await client.get("/inloggen")
    assert "Gemeente Proefdorp" in page.text and 'aria-label="Hoofdmenu"' not in page.text
    assert 'role="search"' not in page.text
    pip = await client.get("/mijn-zaken/inloggen")
    assert '<span class="zg-merk__naam">Gemeente Proefdorp</span>' in pip.text


async def test_the_login_form_refused_says_why_at_its_top(client: httpx.AsyncClient):
    await make_medewerker("piet")
    page = await client.get("/inloggen")
    response = await client.post(
        "/inloggen", data={"csrf_token": hidden(page.text), "gebruikersnaam": "piet", "wachtwoord": "fout"}
    )
    assert response.status_code == 400
    form = response.text.split('id="inloggen-formulier">', 1)[1]
    assert form.lstrip().startswith('<div class="utrecht-alert utrecht-alert--error zg-foutsamenvatting"')
    assert "autofocus" in form.split(">", 1)[0]
