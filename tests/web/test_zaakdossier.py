"""The zaakdossier's overview: header, deadlines with days left, status timeline, betrokkenen; 404 when out of sight."""

import uuid
from datetime import date, timedelta

from playwright.async_api import expect

from tests.catalogi.factories import informatieobjecttype_body, post, publish
from tests.documenten.factories import create_document
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal, logged_in, make_medewerker
from tests.zaken.factories import create_zaak, create_zaaktype_setup, set_status, zaken_post


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


async def _open_zaak(client, headers, zaaktype) -> dict:
    over_tien_dagen = (date.today() + timedelta(days=10)).isoformat()
    zaak = await create_zaak(
        client,
        headers,
        zaaktype.url,
        identificatie="ZAAK-DOSSIER",
        omschrijving="Dakkapel Dorpsstraat 1",
        einddatumGepland=over_tien_dagen,
        uiterlijkeEinddatumAfdoening="2099-12-31",
        vertrouwelijkheidaanduiding="zaakvertrouwelijk",
    )
    identificatie = {"inpBsn": "999990019", "voornamen": "Anna", "geslachtsnaam": "Jansen"}
    await _rol(client, headers, zaaktype, zaak, "initiator", "natuurlijk_persoon", identificatie)
    await _rol(
        client, headers, zaaktype, zaak, "behandelaar", "medewerker", {"identificatie": "piet", "achternaam": "Pieters"}
    )
    await set_status(client, headers, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    await set_status(client, headers, zaak["url"], zaaktype.statustypen[1], "2026-03-05T14:30:00+01:00")
    return zaak


async def test_the_overview_of_an_open_zaak(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await _open_zaak(client, superuser, zaaktype)
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    await logged_in(client, "piet")

    page = await client.get(f"/zaakdossier/{zaak['uuid']}")
    assert page.status_code == 200
    text = page.text
    assert '<h1 class="utrecht-heading-1">Zaak ZAAK-DOSSIER</h1>' in text
    assert "Omgevingsvergunning: Dakkapel Dorpsstraat 1" in text
    assert "Anna Jansen" in text and "Pieters" in text
    assert "nog 10 dagen</span>" in text and "Zaakvertrouwelijk" in text
    # In Dutch time, as set (09:00+01:00), whatever the database hands back.
    assert text.index("Ontvangen</strong> &middot; 02-03-2026 09:00") < text.index(
        "In behandeling</strong> &middot; 05-03-2026 14:30"
    )
    assert "<dd>In behandeling</dd>" in text
    # The identificaties of the betrokkenen (a BSN among them) only on their own tab.
    assert (
        "999990019" not in text and "999990019" in (await client.get(f"/zaakdossier/{zaak['uuid']}/betrokkenen")).text
    )


async def test_a_closed_zaak_shows_its_resultaat_and_no_days_left(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await _open_zaak(client, superuser, zaaktype)
    await zaken_post(client, superuser, "resultaten", {"zaak": zaak["url"], "resultaattype": zaaktype.resultaattype})
    await set_status(client, superuser, zaak["url"], zaaktype.statustypen[-1], "2026-03-10T10:00:00+01:00")
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    await logged_in(client, "piet")

    text = (await client.get(f"/zaakdossier/{zaak['uuid']}")).text
    assert "Afgehandeld (afgehandeld op 10-03-2026)" in text
    assert "<dt>Resultaat</dt>" in text and "dagen" not in text


async def test_a_zaak_out_of_sight_does_not_exist_and_other_roles_are_refused(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    zaak = await _open_zaak(client, superuser, zaaktype)
    await make_medewerker("anna", autorisaties=[(other.url, "zeer_geheim")])
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)

    await logged_in(client, "anna")
    hidden = await client.get(f"/zaakdossier/{zaak['uuid']}")
    assert hidden.status_code == 404 and "Pagina niet gevonden" in hidden.text
    assert (await client.get(f"/zaakdossier/{uuid.uuid4()}")).status_code == 404
    client.cookies.clear()
    await logged_in(client, "karin")
    assert (await client.get(f"/zaakdossier/{zaak['uuid']}")).status_code == 403


async def test_a_behandelaar_opens_a_zaak_from_the_werkvoorraad(page, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await _open_zaak(client, superuser, zaaktype)
    await make_medewerker("piet", heeft_alle_autorisaties=True)

    await page.goto("/werkvoorraad")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("link", name="ZAAK-DOSSIER").click()
    await page.get_by_role("heading", name="Zaak ZAAK-DOSSIER").wait_for()
    assert await page.get_by_text("Anna Jansen").first.is_visible()
    await assert_accessible(page)

    await page.get_by_role("navigation", name="Onderdelen van de zaak").get_by_role("link", name="Betrokkenen").click()

    await page.get_by_label("Rol").select_option(label="Aanvrager")
    await page.get_by_label("Soort betrokkene").select_option("natuurlijk_persoon")
    await page.get_by_label("Nummer", exact=True).fill("999990020")
    await page.get_by_label("Naam (niet verplicht)").fill("de Vries")
    await page.get_by_role("button", name="Betrokkene toevoegen").click()
    await page.get_by_text("De betrokkene is toegevoegd.").wait_for()
    assert await page.get_by_role("cell", name="999990020").is_visible()
    await assert_accessible(page)


async def test_a_refused_form_comes_back_at_its_section_with_an_error_summary_without_javascript(
    browser, live_server, page, client, superuser
):
    """Post/Redirect/Get: the address is the dossier's with the form's section, the summary links to the field."""
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await _open_zaak(client, superuser, zaaktype)
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    page_with_js = page
    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await page.goto(f"/zaakdossier/{zaak['uuid']}")
        await page.get_by_label("Gebruikersnaam").fill("piet")
        await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_role("heading", name="Zaak ZAAK-DOSSIER").wait_for()
        # A plain link to the tab: no JavaScript needed.
        await page.get_by_role("link", name="Betrokkenen", exact=True).click()

        await page.get_by_label("Rol").select_option(label="Aanvrager")
        await page.get_by_label("Soort betrokkene").select_option("natuurlijk_persoon")
        await page.get_by_label("Nummer", exact=True).fill("123456789")
        await page.get_by_role("button", name="Betrokkene toevoegen").click()

        summary = page.get_by_role("alert").filter(has_text="Dit formulier is niet verwerkt")
        await summary.wait_for()
        assert page.url == f"{live_server}/zaakdossier/{zaak['uuid']}/betrokkenen#betrokkene-toevoegen"
        await expect(summary).to_be_in_viewport()
        field_error = page.locator("#fout-betrokkene-nummer")
        await expect(field_error).to_be_in_viewport()
        assert "voldoet aan de elfproef" in await field_error.inner_text()
        assert await page.get_by_label("Nummer", exact=True).input_value() == "123456789"  # what was typed stays
        link = summary.get_by_role("link", name="Een BSN of RSIN bestaat uit 9 cijfers")
        assert await link.get_attribute("href") == "#betrokkene-nummer"

        # Shown once: the tab opened again has no objections left.
        await page.goto(f"/zaakdossier/{zaak['uuid']}/betrokkenen")
        assert await page.locator("#fout-betrokkene-nummer").count() == 0
    finally:
        await context.close()

    # The page with the summary passes axe (which needs JavaScript to run).
    await page_with_js.goto(f"/zaakdossier/{zaak['uuid']}/betrokkenen")
    await page_with_js.get_by_label("Gebruikersnaam").fill("piet")
    await page_with_js.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page_with_js.get_by_role("button", name="Inloggen").click()
    await page_with_js.get_by_label("Rol").select_option(label="Aanvrager")
    await page_with_js.get_by_label("Soort betrokkene").select_option("natuurlijk_persoon")
    await page_with_js.get_by_label("Nummer", exact=True).fill("123456789")
    await page_with_js.get_by_role("button", name="Betrokkene toevoegen").click()
    await page_with_js.locator("#fout-betrokkene-nummer").wait_for()
    assert page_with_js.url.endswith("/betrokkenen#betrokkene-toevoegen")
    await assert_accessible(page_with_js)


async def _logged_in_behandelaar(client) -> str:
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    return await logged_in(client, "piet")


async def test_setting_a_status_through_the_zaken_services(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    csrf = await _logged_in_behandelaar(client)
    action = f"/zaakdossier/{zaak['uuid']}/status"
    statustype = zaaktype.statustypen[1].rsplit("/", 1)[1]

    missing = await client.post(action, data={"csrf_token": csrf, "toelichting": "x"})
    missing = await after_refusal(client, missing)
    assert 'id="fout-status-statustype">Kies de nieuwe status.' in missing.text
    too_long = await client.post(action, data={"csrf_token": csrf, "statustype": statustype, "toelichting": "x" * 1001})
    too_long = await after_refusal(client, too_long)
    assert "Een toelichting heeft hoogstens 1000 tekens." in too_long.text
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    wrong = await client.post(
        action, data={"csrf_token": csrf, "statustype": other.statustypen[1].rsplit("/", 1)[1], "toelichting": ""}
    )
    wrong = await after_refusal(client, wrong)
    assert "Het statustype hoort niet bij het zaaktype van de zaak." in wrong.text

    done = await client.post(
        action, data={"csrf_token": csrf, "statustype": statustype, "toelichting": "Advies gevraagd"}
    )
    assert done.status_code == 303 and done.headers["location"] == f"/zaakdossier/{zaak['uuid']}?melding=status-gezet"
    page = (await client.get(done.headers["location"])).text
    assert "De status is gezet." in page and "<dd>In behandeling</dd>" in page and "Advies gevraagd" in page
    # The history reads the audit trail: the newest first, in words, with who did it.
    page = (await client.get(f"/zaakdossier/{zaak['uuid']}/geschiedenis")).text
    history = page[page.index('id="geschiedenis"') :]
    assert "Status gezet op &#39;In behandeling&#39; door Piet Pieters." in history
    assert history.index("Status gezet op &#39;In behandeling&#39;") < history.index("Zaak aangemaakt")
    statussen = (
        await client.get(
            f"{zaak['url'].rsplit('/zaken/', 1)[0]}/statussen", params={"zaak": zaak["url"]}, headers=superuser
        )
    ).json()
    assert len(statussen["results"]) == 2  # the refused attempts left nothing behind
    trail = (await client.get(f"{zaak['url']}/audittrail", headers=superuser)).json()
    assert [(entry["resource"], entry["gebruikersId"], entry["gebruikersWeergave"]) for entry in trail][-1] == (
        "status",
        "piet",
        "Piet Pieters",
    )


async def test_closing_a_zaak_sets_its_resultaat_eindstatus_and_archive_data(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    csrf = await _logged_in_behandelaar(client)
    action = f"/zaakdossier/{zaak['uuid']}/afsluiten"

    missing = await client.post(action, data={"csrf_token": csrf, "toelichting": ""})
    missing = await after_refusal(client, missing)
    assert "Kies het resultaat van de zaak." in missing.text
    resultaattype = zaaktype.resultaattype.rsplit("/", 1)[1]
    formulier = {"csrf_token": csrf, "resultaattype": resultaattype, "toelichting": "Verleend"}
    vraag = await client.post(action, data=formulier)  # first the confirmation page; nothing is closed yet
    assert vraag.status_code == 200 and "Ja, zaak afsluiten" in vraag.text
    assert (await client.get(zaak["url"], headers=superuser)).json()["einddatum"] is None
    done = await client.post(action, data={**formulier, "bevestigd": "ja"})
    assert done.status_code == 303
    page = (await client.get(done.headers["location"])).text
    today = date.today()
    assert f"Afgehandeld (afgehandeld op {today:%d-%m-%Y})" in page
    assert "<dd>Vernietigen</dd>" in page and f"{today.replace(year=today.year + 10):%d-%m-%Y}" in page
    assert 'action="/zaakdossier/' not in page  # a closed zaak offers no status or closing forms
    closed = (await client.get(zaak["url"], headers={**superuser, "Accept-Crs": "EPSG:4326"})).json()
    assert closed["einddatum"] == today.isoformat() and closed["archiefnominatie"] == "vernietigen"


async def test_a_manager_may_not_set_statussen(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "mila")
    page = await client.get(f"/zaakdossier/{zaak['uuid']}")
    assert page.status_code == 200 and "Status zetten" not in page.text
    refused = await client.post(
        f"/zaakdossier/{zaak['uuid']}/status",
        data={"csrf_token": csrf, "statustype": zaaktype.statustypen[0].rsplit("/", 1)[1], "toelichting": ""},
    )
    assert refused.status_code == 403


async def test_a_behandelaar_sets_a_status_and_closes_the_zaak_without_javascript(
    browser, live_server, client, superuser
):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-ZONDER-JS")
    await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await page.goto(f"/zaakdossier/{zaak['uuid']}")
        await page.get_by_label("Gebruikersnaam").fill("piet")
        await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_role("heading", name="Zaak ZAAK-ZONDER-JS").wait_for()

        await page.get_by_label("Nieuwe status").select_option(label="In behandeling")
        await page.locator("#status-toelichting").fill("Stukken compleet")
        await page.get_by_role("button", name="Status zetten").click()
        await page.get_by_text("De status is gezet.").wait_for()
        assert await page.get_by_text("Stukken compleet").is_visible()

        await page.get_by_label("Resultaat").select_option(index=1)
        await page.get_by_role("button", name="Zaak afsluiten").click()
        await page.get_by_role("heading", name="Weet u zeker dat u zaak ZAAK-ZONDER-JS wilt afsluiten?").wait_for()
        await page.get_by_role("button", name="Ja, zaak afsluiten").click()
        await page.get_by_text("De zaak is afgesloten; de archiefgegevens zijn afgeleid.").wait_for()
        assert await page.get_by_text("Archiefactiedatum").is_visible()
    finally:
        await context.close()


async def test_closing_warns_of_expected_documents_the_zaak_lacks(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser, publish_it=False)
    iots = {}
    for volgnummer, omschrijving in enumerate(("Aanvraagformulier", "Bouwtekening"), start=1):
        body = informatieobjecttype_body(zaaktype.catalogus, omschrijving=omschrijving)
        iots[omschrijving] = (await post(client, superuser, "informatieobjecttypen", body, 200))["url"]
        await publish(client, superuser, iots[omschrijving])
        ztiot = {"zaaktype": zaaktype.url, "informatieobjecttype": omschrijving, "volgnummer": volgnummer}
        await post(client, superuser, "zaaktype-informatieobjecttypen", {**ztiot, "richting": "inkomend"})
    await publish(client, superuser, zaaktype.url)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    document = await create_document(client, superuser, iots["Aanvraagformulier"])
    await zaken_post(
        client, superuser, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]}
    )
    await _logged_in_behandelaar(client)

    page = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")).text
    assert "Aanvraagformulier (inkomend): aanwezig" in page and "Bouwtekening (inkomend): ontbreekt" in page
    # The closing form (on the Overzicht) warns.
    page = (await client.get(f"/zaakdossier/{zaak['uuid']}")).text
    assert "ontbreken nog documenten van het type Bouwtekening." in page


async def _zaak_met_termijnen(client, superuser, **zaaktype_overrides) -> tuple[object, dict]:
    zaaktype = await create_zaaktype_setup(client, superuser, **zaaktype_overrides)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    return zaaktype, zaak


async def _zaak_api(client, superuser, zaak: dict) -> dict:
    return (await client.get(zaak["url"], headers={**superuser, "Accept-Crs": "EPSG:4326"})).json()


async def test_suspending_and_resuming_a_zaak(client, superuser):
    _, zaak = await _zaak_met_termijnen(client, superuser, opschortingEnAanhoudingMogelijk=True)
    csrf = await _logged_in_behandelaar(client)
    action = f"/zaakdossier/{zaak['uuid']}/opschorten"

    missing = await after_refusal(
        client, await client.post(action, data={"csrf_token": csrf, "actie": "opschorten", "reden": ""})
    )
    assert 'id="fout-opschorten-reden">Vul de reden van de opschorting in.' in missing.text
    done = await client.post(action, data={"csrf_token": csrf, "actie": "opschorten", "reden": "Wacht op advies"})
    assert done.status_code == 303
    page = (await client.get(done.headers["location"])).text
    assert "De zaak is opgeschort." in page and "<dd>Ja: Wacht op advies</dd>" in page
    assert (await _zaak_api(client, superuser, zaak))["opschorting"] == {"indicatie": True, "reden": "Wacht op advies"}

    resumed = await client.post(action, data={"csrf_token": csrf, "actie": "opheffen"})
    assert resumed.status_code == 303 and resumed.headers["location"].endswith("?melding=hervat")
    assert (await _zaak_api(client, superuser, zaak))["opschorting"]["indicatie"] is False


async def test_extending_within_the_verlengingstermijn_moves_the_legal_end_date(client, superuser):
    _, zaak = await _zaak_met_termijnen(client, superuser, verlengingMogelijk=True, verlengingstermijn="P30D")
    before = date.fromisoformat((await _zaak_api(client, superuser, zaak))["uiterlijkeEinddatumAfdoening"])
    csrf = await _logged_in_behandelaar(client)
    action = f"/zaakdossier/{zaak['uuid']}/verlengen"

    too_long = await client.post(action, data={"csrf_token": csrf, "dagen": "40", "reden": "Extra onderzoek"})
    too_long = await after_refusal(client, too_long)
    assert (
        'id="fout-verlengen-dagen">De verlenging is langer dan de verlengingstermijn van het zaaktype' in too_long.text
    )
    not_a_number = await after_refusal(
        client, await client.post(action, data={"csrf_token": csrf, "dagen": "twee", "reden": ""})
    )
    assert "Vul het aantal dagen in, een heel getal vanaf 1." in not_a_number.text
    assert "Vul de reden van de verlenging in." in not_a_number.text

    done = await client.post(action, data={"csrf_token": csrf, "dagen": "14", "reden": "Extra onderzoek"})
    assert done.status_code == 303
    page = (await client.get(done.headers["location"])).text
    assert "<dd>14 dagen: Extra onderzoek</dd>" in page and "ten hoogste 30 dagen" in page
    after = await _zaak_api(client, superuser, zaak)
    assert date.fromisoformat(after["uiterlijkeEinddatumAfdoening"]) == before + timedelta(days=14)
    assert after["verlenging"] == {"reden": "Extra onderzoek", "duur": "P14D"}


async def test_a_zaaktype_that_allows_neither_offers_neither_and_refuses_both(client, superuser):
    _, zaak = await _zaak_met_termijnen(
        client, superuser, opschortingEnAanhoudingMogelijk=False, verlengingMogelijk=False, verlengingstermijn=None
    )
    csrf = await _logged_in_behandelaar(client)
    page = (await client.get(f"/zaakdossier/{zaak['uuid']}")).text
    assert "Opschorten" not in page and "Termijn verlengen" not in page

    refused = await client.post(
        f"/zaakdossier/{zaak['uuid']}/opschorten", data={"csrf_token": csrf, "actie": "opschorten", "reden": "Advies"}
    )
    refused = await after_refusal(client, refused)
    assert "Dit zaaktype staat opschorten niet toe." in refused.text
    refused = await client.post(
        f"/zaakdossier/{zaak['uuid']}/verlengen", data={"csrf_token": csrf, "dagen": "7", "reden": "Advies"}
    )
    refused = await after_refusal(client, refused)
    assert "Dit zaaktype staat verlengen niet toe." in refused.text
    after = await _zaak_api(client, superuser, zaak)
    assert after["opschorting"]["indicatie"] is False and after["verlenging"] is None


async def test_adding_and_removing_betrokkenen_of_every_kind(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    other = await create_zaak(client, superuser, zaaktype.url)
    csrf = await _logged_in_behandelaar(client)
    action = f"/zaakdossier/{zaak['uuid']}/betrokkenen"
    roltype = zaaktype.roltypen["initiator"].rsplit("/", 1)[1]

    wrong = await client.post(
        action, data={"csrf_token": csrf, "roltype": roltype, "soort": "natuurlijk_persoon", "nummer": "123456789"}
    )
    wrong = await after_refusal(client, wrong)
    assert 'id="fout-betrokkene-nummer">Een BSN of RSIN bestaat uit 9 cijfers en voldoet aan de elfproef.' in wrong.text
    for soort, nummer, naam in (
        ("natuurlijk_persoon", "999990019", "Jansen"),
        ("niet_natuurlijk_persoon", "002220647", "Stichting Buurtbelang"),
        ("vestiging", "12345678", "Bakkerij De Korenaar"),
        ("medewerker", "piet", "Pieters"),
        ("organisatorische_eenheid", "VERG", "Vergunningen"),
    ):
        response = await client.post(
            action, data={"csrf_token": csrf, "roltype": roltype, "soort": soort, "nummer": nummer, "naam": naam}
        )
        assert response.status_code == 303, (soort, response.text)
        assert response.headers["location"] == f"{action}?melding=betrokkene-toegevoegd"
    page = (await client.get(action)).text
    for naam, nummer in (("Jansen", "999990019"), ("Stichting Buurtbelang", "002220647"), ("Pieters", "piet")):
        assert f">{naam}</td>" in page and f">{nummer}</td>" in page
    assert ">Bakkerij De Korenaar</td>" in page and ">Vergunningen</td>" in page

    rollen = (await client.get("/zaken/api/v1/rollen", params={"zaak": zaak["url"]}, headers=superuser)).json()
    assert sorted(rol["betrokkeneType"] for rol in rollen["results"]) == [
        "medewerker",
        "natuurlijk_persoon",
        "niet_natuurlijk_persoon",
        "organisatorische_eenheid",
        "vestiging",
    ]
    first = rollen["results"][0]["uuid"]
    elsewhere = await client.post(
        f"/zaakdossier/{other['uuid']}/betrokkenen/{first}/verwijderen", data={"csrf_token": csrf}
    )
    assert elsewhere.status_code == 404
    removed = await client.post(f"{action}/{first}/verwijderen", data={"csrf_token": csrf})
    assert removed.status_code == 303 and removed.headers["location"] == f"{action}?melding=betrokkene-verwijderd"
    assert (await client.get("/zaken/api/v1/rollen", params={"zaak": zaak["url"]}, headers=superuser)).json()[
        "count"
    ] == 4
