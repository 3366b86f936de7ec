"""The KCC: find a caller's zaken by zaaknummer, BSN, KvK-nummer or address, see one at a glance, register a contact."""

import re
import uuid

from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker
from tests.zaken.factories import ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, get, set_status, zaken_post
from zaakgericht.api.schemas import passes_elfproef

BSN = "999990019"
ANDER_BSN = "111222333"
KVK = "12345678"
ADRES = {
    "aoaIdentificatie": "0518200000000001",
    "wplWoonplaatsNaam": "Voorbeeldstad",
    "gorOpenbareRuimteNaam": "Dorpsstraat",
    "aoaPostcode": "1234 AB",
    "aoaHuisnummer": 12,
}


async def _rol(client, headers, zaaktype, zaak: dict, generiek: str, betrokkene_type: str, identificatie: dict) -> None:
    await zaken_post(
        client,
        headers,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": betrokkene_type,
            "roltype": zaaktype.roltypen[generiek],
            "roltoelichting": generiek,
            "betrokkeneIdentificatie": identificatie,
        },
    )


async def _zaken(client, headers, *, alle: bool = False):
    """Zaken of a zaaktype the KCC may see, and one of a zaaktype it may not; karin works in the KCC.

    ``alle``: karin may see every zaaktype (in the browser tests, whose server names zaaktypen by another URL).
    """
    zaaktype = await create_zaaktype_setup(client, headers)
    other = await create_zaaktype_setup(client, headers, catalogus=zaaktype.catalogus, identificatie="ANDER")
    autorisaties = {"heeft_alle_autorisaties": True} if alle else {"autorisaties": [(zaaktype.url, "zeer_geheim")]}
    await make_medewerker("karin", naam="Karin Klant", rollen=("kcc",), **autorisaties)
    await make_medewerker("bert", naam="Bert Bos", afdeling="Vergunningen", email="bert@example.nl")

    bsn = await create_zaak(client, headers, zaaktype.url, identificatie="ZAAK-BSN", einddatumGepland="2099-06-30")
    persoon = {"inpBsn": BSN, "voornamen": "Anna", "geslachtsnaam": "Jansen", "verblijfsadres": ADRES}
    await _rol(client, headers, zaaktype, bsn, "initiator", "natuurlijk_persoon", persoon)
    await _rol(client, headers, zaaktype, bsn, "behandelaar", "medewerker", {"identificatie": "bert"})
    await set_status(client, headers, bsn["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    await set_status(client, headers, bsn["url"], zaaktype.statustypen[1], "2026-03-05T14:30:00+01:00")

    ander = await create_zaak(client, headers, zaaktype.url, identificatie="ZAAK-ANDER-BSN")
    await _rol(client, headers, zaaktype, ander, "initiator", "natuurlijk_persoon", {"inpBsn": ANDER_BSN})

    kvk = await create_zaak(client, headers, zaaktype.url, identificatie="ZAAK-KVK")
    vestiging = {"vestigingsNummer": "000012345678", "kvkNummer": KVK, "handelsnaam": ["Bakkerij Bol"]}
    await _rol(client, headers, zaaktype, kvk, "initiator", "vestiging", vestiging)
    await _rol(client, headers, zaaktype, kvk, "behandelaar", "medewerker", {"identificatie": "extern01"})

    adres = await create_zaak(client, headers, zaaktype.url, identificatie="ZAAK-ADRES")
    await zaken_post(
        client,
        headers,
        "zaakobjecten",
        {
            "zaak": adres["url"],
            "objectType": "adres",
            "objectIdentificatie": {
                "identificatie": "0518200000000002",
                "wplWoonplaatsNaam": "Voorbeeldstad",
                "gorOpenbareRuimteNaam": "Kerkstraat",
                "huisnummer": 3,
                "postcode": "5678CD",
            },
        },
    )

    verborgen = await create_zaak(client, headers, other.url, identificatie="ZAAK-VERBORGEN")
    await _rol(client, headers, other, verborgen, "initiator", "natuurlijk_persoon", {"inpBsn": BSN})
    return zaaktype, {"bsn": bsn, "ander": ander, "kvk": kvk, "adres": adres, "verborgen": verborgen}


def _rows(html: str) -> list[str]:
    """The zaaknummers in the results table, in order."""
    return re.findall(r'<a class="utrecht-link" href="/kcc/zaken/[^"]+">([^<]*)</a>', html)


async def _zoek(client, csrf: str, soort: str, zoekterm: str, huisnummer: str = ""):
    """A search as the form sends it: a POST, answered with the results (no redirect)."""
    data = {"csrf_token": csrf, "soort": soort, "zoekterm": zoekterm, "huisnummer": huisnummer}
    return await client.post("/kcc", data=data)


def test_the_elfproef_of_a_bsn():
    assert passes_elfproef(BSN) and passes_elfproef(ANDER_BSN)
    assert not passes_elfproef("123456789") and not passes_elfproef("12345678") and not passes_elfproef("12345678a")


async def test_search_by_zaaknummer_bsn_kvk_and_address(client, superuser):
    await _zaken(client, superuser)
    csrf = await logged_in(client, "karin")

    assert _rows((await _zoek(client, csrf, "zaaknummer", "ZAAK-KVK")).text) == ["ZAAK-KVK"]
    assert _rows((await _zoek(client, csrf, "zaaknummer", "ZAAK")).text) == []  # exact, not a part
    found = await _zoek(client, csrf, "bsn", "9999.90.019")
    assert found.status_code == 200 and _rows(found.text) == ["ZAAK-BSN"]
    text = found.text
    assert "1 zaak gevonden" in text and "In behandeling (lopend)" in text and "30-06-2099" in text
    assert "Bert Bos (Vergunningen)" in text
    assert _rows((await _zoek(client, csrf, "bsn", ANDER_BSN)).text) == ["ZAAK-ANDER-BSN"]
    kvk = await _zoek(client, csrf, "kvk", KVK)
    assert _rows(kvk.text) == ["ZAAK-KVK"] and "extern01" in kvk.text  # not a medewerker: the rol's name
    assert _rows((await _zoek(client, csrf, "kvk", "87654321")).text) == []
    assert _rows((await _zoek(client, csrf, "postcode", "1234ab", "12")).text) == ["ZAAK-BSN"]  # a betrokkene's address
    assert _rows((await _zoek(client, csrf, "postcode", "5678 CD", "3")).text) == ["ZAAK-ADRES"]  # a zaakobject adres
    assert _rows((await _zoek(client, csrf, "postcode", "5678 CD", "4")).text) == []
    nothing = await _zoek(client, csrf, "zaaknummer", "ZAAK-ONBEKEND")
    assert "0 zaken gevonden" in nothing.text and "Er is geen zaak gevonden" in nothing.text


async def test_a_zaaknummer_is_found_whatever_its_case_and_by_its_number_alone(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    generated = []
    for _ in range(3):
        generated.append((await create_zaak(client, superuser, zaaktype.url))["identificatie"])
    await create_zaak(client, superuser, zaaktype.url, identificatie="Aanvraag-12")
    csrf = await logged_in(client, "karin")
    identificatie = generated[1]  # ZAAK-<year>-0000000002
    jaar, nummer = identificatie.split("-")[1], identificatie.rsplit("-", 1)[1].lstrip("0")

    for typed in (
        identificatie.lower(),
        identificatie,
        nummer,
        f"{jaar}-{nummer}",
        f"zaak-{jaar}-{nummer}",
        f" {nummer} ",
    ):
        assert _rows((await _zoek(client, csrf, "zaaknummer", typed)).text) == [identificatie], typed
    assert _rows((await _zoek(client, csrf, "zaaknummer", "AANVRAAG-12")).text) == ["Aanvraag-12"]
    assert _rows((await _zoek(client, csrf, "zaaknummer", "Aanvraag-12")).text) == ["Aanvraag-12"]
    assert _rows((await _zoek(client, csrf, "zaaknummer", "99")).text) == []
    with count_queries() as by_number:
        await _zoek(client, csrf, "zaaknummer", nummer)
    with count_queries() as by_identificatie:
        await _zoek(client, csrf, "zaaknummer", identificatie)
    assert by_number[0] <= by_identificatie[0] + 1


async def test_invalid_search_values_get_a_dutch_error_beside_the_field(client, superuser):
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "karin")

    wrong = await _zoek(client, csrf, "bsn", "123456789")
    assert wrong.status_code == 400
    assert '<div class="utrecht-form-field-error-message" id="fout-zoekterm">' in wrong.text
    assert "Dit BSN voldoet niet aan de elfproef." in wrong.text
    assert 'aria-invalid="true"' in wrong.text and 'aria-describedby="hint-zoekterm fout-zoekterm"' in wrong.text
    assert "gevonden" not in wrong.text
    assert "precies 9 cijfers" in (await _zoek(client, csrf, "bsn", "1234")).text
    assert "precies 8 cijfers" in (await _zoek(client, csrf, "kvk", "1234567")).text
    address = await _zoek(client, csrf, "postcode", "1234", "")
    assert 'id="fout-zoekterm"' in address.text and 'id="fout-huisnummer"' in address.text
    assert (await client.get("/kcc")).status_code == 200  # the empty form is no error


async def test_autorisaties_limit_what_the_kcc_finds(client, superuser):
    _, zaken = await _zaken(client, superuser)
    csrf = await logged_in(client, "karin")

    assert _rows((await _zoek(client, csrf, "bsn", BSN)).text) == ["ZAAK-BSN"]  # not ZAAK-VERBORGEN
    assert _rows((await _zoek(client, csrf, "zaaknummer", "ZAAK-VERBORGEN")).text) == []
    hidden = await client.get(f"/kcc/zaken/{zaken['verborgen']['uuid']}")
    assert hidden.status_code == 404 and "Pagina niet gevonden" in hidden.text
    assert (await client.get(f"/kcc/zaken/{uuid.uuid4()}")).status_code == 404


async def test_the_zaak_at_a_glance(client, superuser):
    _, zaken = await _zaken(client, superuser)
    await logged_in(client, "karin")

    page = await client.get(f"/kcc/zaken/{zaken['bsn']['uuid']}")
    assert page.status_code == 200
    text = page.text
    assert '<h1 class="utrecht-heading-1">Zaak ZAAK-BSN</h1>' in text
    assert "<dd>In behandeling</dd>" in text and "<dd>30-06-2099</dd>" in text
    assert "<dd>Bert Bos</dd>" in text and "<dd>Vergunningen</dd>" in text and "mailto:bert@example.nl" in text
    assert text.index("Ontvangen</strong> &middot; 02-03-2026") < text.index("In behandeling</strong> &middot; 05-03")
    assert 'href="/kcc" aria-current="page"' in text or '<a class="utrecht-link" href="/kcc" aria-current' in text


async def test_registering_a_klantcontact_goes_through_the_zaken_services(client, superuser):
    _, zaken = await _zaken(client, superuser)
    zaak = zaken["bsn"]
    csrf = await logged_in(client, "karin")
    action = f"/kcc/zaken/{zaak['uuid']}/klantcontacten"

    invalid = await client.post(action, data={"csrf_token": csrf, "kanaal": "Duif", "onderwerp": ""})
    assert invalid.status_code == 400
    assert 'id="fout-kanaal"' in invalid.text and 'id="fout-onderwerp"' in invalid.text
    assert (await client.post(action, data={"kanaal": "Telefoon", "onderwerp": "Vraag"})).status_code == 403  # no CSRF

    response = await client.post(
        action,
        data={"csrf_token": csrf, "kanaal": "Telefoon", "onderwerp": "Vraag naar de stand", "toelichting": "Belt"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/kcc/zaken/{zaak['uuid']}?melding=klantcontact"
    confirmed = await client.get(response.headers["location"])
    assert "Het klantcontact is vastgelegd bij de zaak." in confirmed.text

    klantcontacten = (await get(client, superuser, f"{ZAKEN}/klantcontacten", zaak=zaak["url"]))["results"]
    assert [(kc["kanaal"], kc["onderwerp"], kc["toelichting"]) for kc in klantcontacten] == [
        ("Telefoon", "Vraag naar de stand", "Belt")
    ]
    audit = (await client.get(f"{zaak['url']}/audittrail", headers=superuser)).json()
    assert [(entry["actie"], entry["gebruikersId"]) for entry in audit if entry["resource"] == "klantcontact"] == [
        ("create", "karin")
    ]

    hidden = f"/kcc/zaken/{zaken['verborgen']['uuid']}/klantcontacten"
    refused = await client.post(hidden, data={"csrf_token": csrf, "kanaal": "Telefoon", "onderwerp": "Vraag"})
    assert refused.status_code == 404
    assert (await get(client, superuser, f"{ZAKEN}/klantcontacten", zaak=zaken["verborgen"]["url"]))["count"] == 0


async def test_a_closed_zaak_shows_as_such_and_takes_no_klantcontact(client, superuser):
    zaaktype, zaken = await _zaken(client, superuser)
    await close_zaak(client, superuser, zaaktype, zaken["kvk"]["url"])
    csrf = await logged_in(client, "karin")

    found = await _zoek(client, csrf, "kvk", KVK)
    assert "Afgehandeld (afgehandeld op 01-04-2026)" in found.text
    action = f"/kcc/zaken/{zaken['kvk']['uuid']}/klantcontacten"
    response = await client.post(action, data={"csrf_token": csrf, "kanaal": "Post", "onderwerp": "Bezwaar"})
    assert response.headers["location"].endswith("?melding=afgesloten")
    assert "omdat de zaak is afgehandeld" in (await client.get(response.headers["location"])).text
    assert (await get(client, superuser, f"{ZAKEN}/klantcontacten", zaak=zaken["kvk"]["url"]))["count"] == 0


async def test_a_search_is_a_post_and_a_query_string_searches_nothing(client, superuser):
    await _zaken(client, superuser)
    csrf = await logged_in(client, "karin")
    found = await _zoek(client, csrf, "bsn", BSN)
    assert found.status_code == 200 and _rows(found.text) == ["ZAAK-BSN"]  # answered in place, no redirect
    assert '<form method="post" action="/kcc"' in found.text
    # The old address with the BSN in it no longer searches.
    ignored = await client.get("/kcc", params={"soort": "bsn", "zoekterm": BSN})
    assert ignored.status_code == 200 and _rows(ignored.text) == [] and "gevonden" not in ignored.text
    assert BSN not in ignored.text
    # Without the session's CSRF token the form is refused.
    refused = await client.post("/kcc", data={"soort": "bsn", "zoekterm": BSN})
    assert refused.status_code == 403 and BSN not in refused.text


async def test_the_search_results_fit_a_phone(browser, live_server, client, superuser):
    await _zaken(client, superuser, alle=True)
    context = await browser.new_context(base_url=live_server, locale="nl-NL", viewport={"width": 360, "height": 740})
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await page.goto("/inloggen?volgende=/kcc")
        await page.get_by_label("Gebruikersnaam").fill("karin")
        await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_role("heading", name="Zaken zoeken voor een klant").wait_for()
        await page.get_by_label("Zoeken op").select_option("bsn")
        await page.get_by_label("Zoekterm").fill(BSN)
        await page.get_by_role("button", name="Zoeken").click()
        await page.get_by_role("heading", name="2 zaken gevonden").wait_for()
        assert BSN not in page.url
        assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        await assert_accessible(page)
    finally:
        await context.close()


async def test_only_kcc_behandelaars_and_managers_use_the_kcc(client):
    await make_medewerker("berta", rollen=("beheerder",), heeft_alle_autorisaties=True)
    anonymous = await client.get("/kcc")
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/inloggen?volgende=%2Fkcc"
    await logged_in(client, "berta")
    refused = await client.get("/kcc")
    assert refused.status_code == 403 and "kcc-medewerker of behandelaar of manager" in refused.text
    assert 'href="/kcc"' not in (await client.get("/")).text


async def test_a_search_takes_the_same_number_of_queries_for_1_or_20_zaken(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("karin", rollen=("kcc",), autorisaties=[(zaaktype.url, "zeer_geheim")])
    await make_medewerker("bert", naam="Bert Bos", afdeling="Vergunningen")
    for number in range(21):
        zaak = await create_zaak(client, superuser, zaaktype.url, identificatie=f"ZAAK-{number:02}")
        persoon = {"inpBsn": BSN if number else ANDER_BSN}
        await _rol(client, superuser, zaaktype, zaak, "initiator", "natuurlijk_persoon", persoon)
        await _rol(client, superuser, zaaktype, zaak, "behandelaar", "medewerker", {"identificatie": "bert"})
        await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0])
    csrf = await logged_in(client, "karin")

    counts = []
    for bsn, expected in ((ANDER_BSN, 1), (BSN, 20)):
        with count_queries() as counted:
            page = await _zoek(client, csrf, "bsn", bsn)
        assert len(_rows(page.text)) == expected
        counts.append(counted[0])
    assert counts[0] == counts[1]


async def test_a_kcc_medewerker_registers_a_contact_in_the_browser(page, client, superuser):
    await _zaken(client, superuser, alle=True)

    await page.goto("/inloggen")
    await page.get_by_label("Gebruikersnaam").fill("karin")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("link", name="KCC", exact=True).click()
    await page.get_by_role("heading", name="Zaken zoeken voor een klant").wait_for()
    await assert_accessible(page)

    await page.get_by_label("Zoeken op").select_option("bsn")
    await page.get_by_label("Zoekterm").fill(BSN)
    await page.get_by_role("button", name="Zoeken").click()
    await page.get_by_role("heading", name="2 zaken gevonden").wait_for()
    assert page.url.endswith("/kcc") and BSN not in page.url  # the search was a POST
    await assert_accessible(page)

    await page.get_by_role("link", name="ZAAK-BSN").click()
    await page.get_by_role("heading", name="Zaak ZAAK-BSN").wait_for()
    await assert_accessible(page)

    await page.get_by_label("Kanaal").select_option("Balie")
    await page.get_by_label("Onderwerp").fill("Vraag naar de stand van zaken")
    await page.get_by_label("Toelichting (niet verplicht)", exact=True).fill("Klant komt volgende week terug.")
    await page.get_by_role("button", name="Klantcontact vastleggen").click()
    await page.get_by_text("Het klantcontact is vastgelegd bij de zaak.").wait_for()
    await assert_accessible(page)
