"""/zoeken: one search box for every role that reads zaken, within its autorisaties; BSN searches logged."""

import logging
import re

from fpdf import FPDF
from sqlalchemy import select

from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker
from tests.web.test_documenten import zaaktype_met_documenttypen
from tests.zaken.factories import create_zaak, create_zaaktype_setup, zaken_post
from zaakgericht import db
from zaakgericht.zoeken.models import PersoonRaadpleging
from zaakgericht.zoeken.raadplegingen import ZOEKEN_DOEL

BSN = "999990019"


async def _initiator(client, headers, zaaktype, zaak: dict, **persoon) -> None:
    await zaken_post(
        client,
        headers,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": zaaktype.roltypen["initiator"],
            "roltoelichting": "aanvrager",
            "betrokkeneIdentificatie": persoon,
        },
    )


async def _zoeken(client, csrf: str, q: str):
    return await client.post("/zoeken", data={"csrf_token": csrf, "q": q})


def _zaaknummers(html: str) -> list[str]:
    return re.findall(r'<h3 class="utrecht-heading-3 zg-zoeken__titel">(?:<a [^>]*>)?([^<]+)<', html)


async def test_every_role_that_reads_zaken_has_the_page(client):
    for gebruikersnaam, rol in (("bea", "behandelaar"), ("kim", "kcc"), ("mo", "manager"), ("ad", "archivaris")):
        await make_medewerker(gebruikersnaam, rollen=(rol,), heeft_alle_autorisaties=True)
        await logged_in(client, gebruikersnaam)
        page = await client.get("/zoeken")
        assert page.status_code == 200, rol
        assert 'role="search"' in page.text and 'type="search"' in page.text
        client.cookies.clear()
    await make_medewerker("bert", rollen=("beheerder",))
    await logged_in(client, "bert")
    assert (await client.get("/zoeken")).status_code == 403


async def test_a_search_needs_a_session_and_its_csrf_token(client):
    response = await client.post("/zoeken", data={"q": "Jansen"})
    assert response.status_code in (303, 403)
    await make_medewerker("bea", heeft_alle_autorisaties=True)
    await logged_in(client, "bea")
    assert (await client.post("/zoeken", data={"q": "Jansen", "csrf_token": "fout"})).status_code == 403


async def test_an_empty_search_is_explained_beside_the_field_and_at_the_top(client):
    await make_medewerker("bea", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "bea")

    response = await _zoeken(client, csrf, "   ")

    assert response.status_code == 400
    assert 'href="#veld-q"' in response.text  # the summary links to the field
    assert 'id="fout-q"' in response.text and 'aria-invalid="true"' in response.text


async def test_results_within_the_autorisaties_with_where_they_matched(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-ZIEN", omschrijving="Dakkapel")
    await _initiator(client, superuser, zaaktype, zaak, inpBsn=BSN, voornamen="Anna", geslachtsnaam="Jansen")
    verborgen = await create_zaak(client, superuser, other.url, identificatie="ZAAK-VERBORGEN")
    await _initiator(client, superuser, other, verborgen, inpBsn=BSN, voornamen="Anna", geslachtsnaam="Jansen")
    geheim = await create_zaak(
        client, superuser, zaaktype.url, identificatie="ZAAK-GEHEIM", vertrouwelijkheidaanduiding="geheim"
    )
    await _initiator(client, superuser, zaaktype, geheim, inpBsn=BSN, voornamen="Anna", geslachtsnaam="Jansen")
    await make_medewerker("bea", autorisaties=[(zaaktype.url, "vertrouwelijk")])
    csrf = await logged_in(client, "bea")

    response = await _zoeken(client, csrf, "jansen")

    assert response.status_code == 200
    assert _zaaknummers(response.text) == ["ZAAK-ZIEN"]
    assert "1 zaak gevonden" in response.text
    assert "betrokkene &#39;Anna Jansen&#39;" in response.text
    assert f'href="/zaakdossier/{zaak["uuid"]}"' in response.text
    assert _zaaknummers((await _zoeken(client, csrf, "zaak-")).text) == ["ZAAK-ZIEN"]


async def test_the_kcc_opens_its_own_page_of_a_zaak(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-KCC", omschrijving="Dakkapel")
    await make_medewerker("kim", rollen=("kcc",), heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "kim")

    response = await _zoeken(client, csrf, "dakkapel")

    assert f'href="/kcc/zaken/{zaak["uuid"]}"' in response.text


async def test_a_bsn_search_is_a_logged_lookup_and_the_bsn_is_in_no_log_or_url(client, superuser, caplog):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-BSN")
    await _initiator(client, superuser, zaaktype, zaak, inpBsn=BSN, voornamen="Anna", geslachtsnaam="Jansen")
    await make_medewerker("bea", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "bea")

    # Everything our own code logs, and what libraries log at INFO and above (aiosqlite's DEBUG lines echo every
    # statement with its parameters, as database drivers do when debugging is asked for).
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="zaakgericht")
    response = await _zoeken(client, csrf, "9999 900 19")
    await _zoeken(client, csrf, "Jansen")  # a name is no lookup by number

    assert _zaaknummers(response.text) == ["ZAAK-BSN"]
    assert BSN not in str(response.url) and "999" not in str(response.url)
    assert BSN not in caplog.text
    assert BSN not in response.text.replace('value="9999 900 19"', "")  # only as typed, in the box
    async with db.read_session() as session:
        raadplegingen = list(await session.scalars(select(PersoonRaadpleging)))
    assert [(r.medewerker, r.soort, r.nummer, r.doel, r.toepassing) for r in raadplegingen] == [
        ("bea", "bsn", BSN, ZOEKEN_DOEL, "zoeken")
    ]


async def test_a_kvk_search_is_logged_too(client, superuser):
    await make_medewerker("bea", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "bea")

    await _zoeken(client, csrf, "12345678")

    async with db.read_session() as session:
        assert [(r.soort, r.nummer) for r in await session.scalars(select(PersoonRaadpleging))] == [("kvk", "12345678")]


async def test_the_search_costs_the_same_queries_for_one_or_many_results(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    for nummer in range(4):
        zaak = await create_zaak(client, superuser, zaaktype.url, identificatie=f"ZAAK-VEEL-{nummer}")
        await _initiator(client, superuser, zaaktype, zaak, voornamen="Piet", geslachtsnaam=f"Veel{nummer}")
    await make_medewerker("bea", autorisaties=[(zaaktype.url, "zeer_geheim")])
    csrf = await logged_in(client, "bea")

    with count_queries() as one:
        assert len(_zaaknummers((await _zoeken(client, csrf, "ZAAK-VEEL-1")).text)) == 1
    with count_queries() as many:
        assert len(_zaaknummers((await _zoeken(client, csrf, "zaak-veel")).text)) == 4
    with count_queries() as none:
        assert _zaaknummers((await _zoeken(client, csrf, "niets")).text) == []

    assert one[0] == many[0]
    # The header (the session with the medewerker, the huisstijl, the unread signals, the werkvoorraad's
    # count), the matching rows, the zaken with their zaaktype and status.
    assert many[0] <= 7
    assert none[0] == many[0] - 1  # no zaken to read


async def test_a_behandelaar_finds_a_zaak_by_number_name_and_a_word_inside_a_document(
    page, live_server, client, superuser
):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(
        client, superuser, zaaktype.url, identificatie="ZAAK-2026-0000000777", omschrijving="Aanbouw achtertuin"
    )
    await _initiator(client, superuser, zaaktype, zaak, inpBsn=BSN, voornamen="Anna", geslachtsnaam="Jansen")
    await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-2025-0000000001", omschrijving="Schutting")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, "De aanbouw komt tegen de erfgrens bij de walnotenboom van de buren.")

    await page.goto(f"/zaakdossier/{zaak['uuid']}")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Zaak ZAAK-2026-0000000777").wait_for()
    await page.get_by_role("link", name="Documenten", exact=True).click()
    await page.get_by_label("Bestand").set_input_files(
        files=[{"name": "Aanvraag.pdf", "mimeType": "application/pdf", "buffer": bytes(pdf.output())}]
    )
    await page.get_by_label("Documenttype").select_option(label="Aanvraagformulier (standaard zaakvertrouwelijk)")
    await page.get_by_role("button", name="Document toevoegen").click()
    await page.get_by_text("Het document is toegevoegd.").wait_for()

    await page.goto("/zoeken")
    await assert_accessible(page)
    results = page.locator(".zg-zoeken__resultaat")
    for zoekterm, gevonden_in in (
        ("2026-0000000777", "zaaknummer"),
        ("jansen", "betrokkene 'Anna Jansen'"),
        ("walnotenboom", "document 'Aanvraag.pdf'"),
    ):
        await page.get_by_label("Zoekopdracht").fill(zoekterm)
        await page.get_by_role("button", name="Zoeken").click()
        await page.get_by_role("heading", name="1 zaak gevonden").wait_for()
        assert await results.count() == 1
        assert await results.get_by_text(gevonden_in).is_visible()
        assert page.url == f"{live_server}/zoeken"  # nothing of the search in the address
    await assert_accessible(page)

    await results.get_by_role("link", name="ZAAK-2026-0000000777").click()
    await page.get_by_role("heading", name="Zaak ZAAK-2026-0000000777").wait_for()


async def test_the_page_has_no_horizontal_scroll_on_a_phone(browser, live_server, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await create_zaak(
        client, superuser, zaaktype.url, identificatie="ZAAK-2026-0000000123456789", omschrijving="X" * 80
    )
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    context = await browser.new_context(base_url=live_server, locale="nl-NL", viewport={"width": 360, "height": 700})
    try:
        page = await context.new_page()
        await page.goto("/zoeken")
        await page.get_by_label("Gebruikersnaam").fill("piet")
        await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_label("Zoekopdracht").fill("zaak-2026")
        await page.get_by_role("button", name="Zoeken").click()
        await page.get_by_role("heading", name="1 zaak gevonden").wait_for()
        wide = await page.evaluate(
            "[...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > 361)"
            ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 15)"
        )
        assert await page.evaluate("document.documentElement.scrollWidth") <= 360, wide
        await assert_accessible(page)
    finally:
        await context.close()
