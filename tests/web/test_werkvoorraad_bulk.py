"""The werkvoorraad's work on many zaken at once: the selection (toewijzen, oppakken, teruggeven, CSV export),
saved filters, the counts per list, a colleague's work handed over by a manager, and the list on a phone."""

import csv
import io
import re
import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker
from tests.zaken.factories import create_zaak, create_zaaktype_setup, zaken_post
from zaakgericht import db
from zaakgericht.accounts import service as accounts
from zaakgericht.behandeling import service as behandeling
from zaakgericht.behandeling.models import Notitie
from zaakgericht.zaken.models import Zaak

TEAM = "Vergunningen"
BSN = "999993653"


async def _zaak(client, headers, zaaktype, behandelaar: str | None = None, **fields) -> dict:
    zaak = await create_zaak(client, headers, zaaktype.url, **fields)
    if behandelaar:
        await _rol(client, headers, zaaktype, zaak, "behandelaar", "medewerker", {"identificatie": behandelaar})
    return zaak


async def _rol(client, headers, zaaktype, zaak: dict, generiek: str, soort: str, identificatie: dict) -> None:
    await zaken_post(
        client,
        headers,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": soort,
            "roltype": zaaktype.roltypen[generiek],
            "roltoelichting": generiek,
            "betrokkeneIdentificatie": identificatie,
        },
    )


async def _behandelaars() -> dict[str, str]:
    async with db.read_session() as session:
        return dict((await session.execute(select(Zaak.identificatie, Zaak.behandelaar))).all())


async def _log_in(page, gebruikersnaam: str, adres: str = "/werkvoorraad") -> None:
    await page.context.clear_cookies()
    await page.goto(adres)
    await page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()


async def _zaak_uuid(identificatie: str) -> str:
    async with db.read_session() as session:
        return str(await session.scalar(select(Zaak.uuid).where(Zaak.identificatie == identificatie)))


async def _no_sideways_scroll(page) -> None:
    breedte = await page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 360, f"the page is {breedte} px wide at 360 px"


async def test_bulk_oppakken_toewijzen_and_teruggeven_in_the_browser(page, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    for nummer in range(1, 4):
        await _zaak(client, superuser, zaaktype, identificatie=f"ZAAK-{nummer}", omschrijving=f"Aanvraag {nummer}")
    await _zaak(client, superuser, zaaktype, "bert", identificatie="ZAAK-BERT", omschrijving="Al van Bert")
    await _zaak(client, superuser, zaaktype, identificatie="ZAAK-BLIJFT", omschrijving="Niet gekozen")

    await _log_in(page, "anna", "/werkvoorraad?lijst=niet_toegewezen")
    await page.get_by_role("heading", name="Niet toegewezen: 4 zaken").wait_for()
    for nummer in ("ZAAK-1", "ZAAK-2", "ZAAK-3"):
        await page.get_by_label(f"Kies {nummer}", exact=True).check()
    await page.get_by_label("Actie").select_option("oppakken")
    await page.get_by_role("button", name="Uitvoeren").click()
    await page.get_by_text("3 zaken opgepakt: u behandelt ze nu.").wait_for()
    await page.get_by_role("heading", name="Niet toegewezen: 1 zaak").wait_for()
    await assert_accessible(page)

    # Bert's own zaak is not Anna's to give away: it stays, the reason beside its number.
    await page.get_by_role("link", name="Zaken van mijn team").click()
    await page.get_by_role("heading", name="Zaken van mijn team: 4 zaken").wait_for()
    for nummer in ("ZAAK-1", "ZAAK-2", "ZAAK-3", "ZAAK-BERT"):
        await page.get_by_label(f"Kies {nummer}", exact=True).check()
    await page.get_by_label("Actie").select_option("toewijzen")
    await page.get_by_label("Collega (bij toewijzen)").select_option(label="Bert Bos")
    await page.get_by_role("button", name="Uitvoeren").click()
    await page.get_by_text("3 zaken toegewezen aan Bert Bos.").wait_for()
    await page.get_by_text("ZAAK-BERT: Alleen de behandelaar van de zaak of een manager").wait_for()
    await assert_accessible(page)
    assert await _behandelaars() == {
        "ZAAK-1": "bert",
        "ZAAK-2": "bert",
        "ZAAK-3": "bert",
        "ZAAK-BERT": "bert",
        "ZAAK-BLIJFT": "",
    }

    # Nothing chosen: the form says so, at the top and beside the field.
    await page.get_by_label("Actie").select_option("teruggeven")
    await page.get_by_role("button", name="Uitvoeren").click()
    await page.get_by_role("heading", name="Dit formulier is niet verwerkt").wait_for()
    assert await page.get_by_role("link", name="Kies een of meer zaken in de lijst.").is_visible()

    await _log_in(page, "bert")
    await page.get_by_role("heading", name="Mijn zaken: 4 zaken").wait_for()
    for nummer in ("ZAAK-1", "ZAAK-2"):
        await page.get_by_label(f"Kies {nummer}", exact=True).check()
    await page.get_by_label("Actie").select_option("teruggeven")
    await page.get_by_role("button", name="Uitvoeren").click()
    await page.get_by_text("2 zaken teruggegeven aan het team.").wait_for()
    await page.get_by_role("heading", name="Mijn zaken: 2 zaken").wait_for()
    assert (await _behandelaars())["ZAAK-1"] == "" and (await _behandelaars())["ZAAK-3"] == "bert"


async def test_a_bulk_change_goes_through_the_zaken_services_in_one_path(client, superuser):
    """Every change is a rol in the audit trail, as for one zaak; the ones refused stay as they were."""
    zaaktype = await create_zaaktype_setup(client, superuser)
    ander = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, autorisaties=[(zaaktype.url, "zeer_geheim")])
    await make_medewerker("olga", naam="Olga Ander", afdeling="Openbare ruimte", heeft_alle_autorisaties=True)
    geheim = await _zaak(client, superuser, ander, "anna", identificatie="GEHEIM")
    vrij = await _zaak(client, superuser, zaaktype, identificatie="VRIJ")
    bezet = await _zaak(client, superuser, zaaktype, "bert", identificatie="BEZET")
    csrf = await logged_in(client, "anna")
    data = {"csrf_token": csrf, "bulkactie": "oppakken", "zaak": [vrij["uuid"], bezet["uuid"], str(uuid.uuid4())]}
    response = await client.post("/werkvoorraad/selectie", data=data)
    assert response.status_code == 303 and response.headers["location"] == "/werkvoorraad?lijst=mijn"
    page = (await client.get(response.headers["location"])).text
    assert "1 zaak opgepakt" in page
    assert "BEZET: Deze zaak heeft al een behandelaar" in page
    assert "1 gekozen zaak is niet gevonden of niet voor u toegankelijk." in page
    assert "1 zaak opgepakt" not in (await client.get("/werkvoorraad")).text  # shown once
    assert await _behandelaars() == {"GEHEIM": "anna", "VRIJ": "anna", "BEZET": "bert"}

    # Bert may not see zaken of the other zaaktype: that one stays with Anna, the reason beside its number.
    data = {
        "csrf_token": csrf,
        "bulkactie": "toewijzen",
        "bulk_collega": "bert",
        "zaak": [vrij["uuid"], geheim["uuid"]],
    }
    page = (await client.get((await client.post("/werkvoorraad/selectie", data=data)).headers["location"])).text
    assert "1 zaak toegewezen aan Bert Bos." in page
    assert "GEHEIM: De gekozen collega mag deze zaak niet inzien (zaaktype of vertrouwelijkheid)." in page
    assert await _behandelaars() == {"GEHEIM": "anna", "VRIJ": "bert", "BEZET": "bert"}
    trail = (await client.get(f"{vrij['url']}/audittrail", headers=superuser)).json()
    assert [(e["resource"], e["actie"], e["gebruikersId"]) for e in trail if e["resource"] == "rol"] == [
        ("rol", "create", "anna"),  # took it
        ("rol", "destroy", "anna"),  # ... and gave it to bert
        ("rol", "create", "anna"),
    ]
    # Only colleagues of the team, and only a known action.
    olga = {**data, "bulk_collega": "olga", "zaak": [geheim["uuid"]]}
    page = (await client.get((await client.post("/werkvoorraad/selectie", data=olga)).headers["location"])).text
    assert "Kies de collega aan wie u de zaken toewijst." in page
    onbekend = {**data, "bulkactie": "weggooien"}
    page = (await client.get((await client.post("/werkvoorraad/selectie", data=onbekend)).headers["location"])).text
    assert "Kies wat u met de gekozen zaken wilt doen." in page
    assert await _behandelaars() == {"GEHEIM": "anna", "VRIJ": "bert", "BEZET": "bert"}


async def test_the_csv_export_of_the_selection_or_the_whole_filtered_list(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    eerste = await _zaak(
        client,
        superuser,
        zaaktype,
        "anna",
        identificatie="ZAAK-1",
        omschrijving="=Dakkapel; café",
        startdatum="2026-01-05",
    )
    await _rol(client, superuser, zaaktype, eerste, "initiator", "natuurlijk_persoon", {"inpBsn": BSN})
    for nummer in range(2, 31):  # more than one page of the list
        await _zaak(client, superuser, zaaktype, "anna", identificatie=f"ZAAK-{nummer:02}")
    await _zaak(client, superuser, zaaktype, None, identificatie="NIET-VAN-MIJ")
    csrf = await logged_in(client, "anna")

    def rows(response) -> list[list[str]]:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert re.fullmatch(
            r'attachment; filename="werkvoorraad-\d{4}-\d\d-\d\d\.csv"', response.headers["content-disposition"]
        )
        assert response.content.startswith("\ufeff".encode())  # the BOM, so Excel reads UTF-8
        assert BSN not in response.text
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))

    alles = rows(
        await client.post(
            "/werkvoorraad/selectie", data={"csrf_token": csrf, "bulkactie": "export", "sortering": "identificatie"}
        )
    )
    assert alles[0] == [
        "Zaaknummer",
        "Omschrijving",
        "Zaaktype",
        "Status",
        "Behandelaar",
        "Startdatum",
        "Servicenorm",
        "Uiterste einddatum",
        "Signaal",
        "Open taken",
    ]
    assert [row[0] for row in alles[1:]] == sorted(["ZAAK-1", *(f"ZAAK-{n:02}" for n in range(2, 31))])
    eerste_rij = next(row for row in alles if row[0] == "ZAAK-1")
    assert eerste_rij[1] == "'=Dakkapel; café"  # no formula for Excel, and the ; stays inside the field
    assert eerste_rij[2:6] == ["Omgevingsvergunning", "", "Anna Aalders", "05-01-2026"]
    assert eerste_rij[8] == "Wettelijke termijn verstreken"

    gekozen = rows(
        await client.post(
            "/werkvoorraad/selectie",
            data={"csrf_token": csrf, "bulkactie": "export", "zaak": [eerste["uuid"]]},
        )
    )
    assert [row[0] for row in gekozen] == ["Zaaknummer", "ZAAK-1"]

    # The same queries for a selection of one or of five zaken, and for the whole list.
    counts = []
    for selectie in (alles[1:2], alles[1:6], []):
        data = {"csrf_token": csrf, "bulkactie": "export", "zaak": [await _zaak_uuid(row[0]) for row in selectie]}
        with count_queries() as counted:
            assert (await client.post("/werkvoorraad/selectie", data=data)).status_code == 200
        counts.append(counted[0])
    assert counts[0] == counts[1] == counts[2]
    andere_lijst = rows(
        await client.post(
            "/werkvoorraad/selectie", data={"csrf_token": csrf, "bulkactie": "export", "lijst": "niet_toegewezen"}
        )
    )
    assert [row[0] for row in andere_lijst] == ["Zaaknummer", "NIET-VAN-MIJ"]


async def test_the_csv_export_is_a_download_in_the_browser(page, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", heeft_alle_autorisaties=True)
    await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-1", omschrijving="Dakkapel")
    await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-2", omschrijving="Aanbouw")
    await _log_in(page, "anna")
    await page.get_by_label("Kies ZAAK-2", exact=True).check()
    await page.get_by_label("Actie").select_option("export")
    async with page.expect_download() as info:
        await page.get_by_role("button", name="Uitvoeren").click()
    download = await info.value
    assert re.fullmatch(r"werkvoorraad-\d{4}-\d\d-\d\d\.csv", download.suggested_filename)
    with open(await download.path(), encoding="utf-8-sig") as bestand:
        regels = list(csv.reader(bestand, delimiter=";"))
    assert [regel[:2] for regel in regels] == [["Zaaknummer", "Omschrijving"], ["ZAAK-2", "Aanbouw"]]


async def test_saved_filters_are_saved_applied_and_deleted_in_the_browser(page, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    await _zaak(client, superuser, zaaktype, "bert", identificatie="ZAAK-VERLOPEN")
    await _zaak(
        client,
        superuser,
        zaaktype,
        "bert",
        identificatie="ZAAK-OP-TIJD",
        uiterlijkeEinddatumAfdoening="2099-01-01",
        einddatumGepland="2099-01-01",
    )
    await _log_in(page, "anna")
    await page.get_by_role("link", name="Zaken van mijn team").click()
    await page.get_by_label("Termijn").select_option("verlopen")
    await page.get_by_role("button", name="Filteren").click()
    await page.get_by_role("heading", name="Zaken van mijn team: 1 zaak").wait_for()

    await page.get_by_role("button", name="Filter opslaan").click()  # without a name
    await page.get_by_role("heading", name="Dit formulier is niet verwerkt").wait_for()
    assert await page.get_by_text("Geef het filter een naam.").first.is_visible()
    await assert_accessible(page)
    await page.get_by_label("Deze filters opslaan als").fill("Team, verlopen")
    await page.get_by_role("button", name="Filter opslaan").click()
    await page.get_by_text("Het filter is opgeslagen.").wait_for()
    await assert_accessible(page)

    await page.get_by_role("link", name="Mijn zaken").click()
    await page.get_by_role("heading", name="Mijn zaken: 0 zaken").wait_for()
    await page.get_by_role("link", name="Team, verlopen").click()
    await page.get_by_role("heading", name="Zaken van mijn team: 1 zaak").wait_for()
    assert await page.get_by_label("Termijn").input_value() == "verlopen"
    assert await page.get_by_role("link", name="ZAAK-VERLOPEN", exact=True).is_visible()

    # Another person sees only their own saved filters.
    async with db.read_session() as session:
        bert = await accounts.get_by_gebruikersnaam(session, "bert")
        assert await accounts.opgeslagen_filters(session, bert) == []

    await page.get_by_role("button", name="Verwijderen filter Team, verlopen").click()
    await page.get_by_text("Het filter is verwijderd.").wait_for()
    assert not await page.get_by_role("link", name="Team, verlopen").count()


async def test_a_saved_filter_of_someone_else_cannot_be_deleted(client, superuser):
    await make_medewerker("anna", heeft_alle_autorisaties=True)
    bert = await make_medewerker("bert", heeft_alle_autorisaties=True)
    async with db.write_session() as session:
        opgeslagen = await accounts.filter_opslaan(session, bert, "Mijn filter", {"lijst": "team"})
    csrf = await logged_in(client, "anna")
    response = await client.post(f"/werkvoorraad/filters/{opgeslagen.uuid}/verwijderen", data={"csrf_token": csrf})
    assert response.status_code == 404
    async with db.read_session() as session:
        assert [f.naam for f in await accounts.opgeslagen_filters(session, bert)] == ["Mijn filter"]


async def test_the_counts_per_list_and_a_fixed_number_of_queries(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "anna")
    counts = []
    for ronde in range(2):
        for nummer in range(ronde * 4 + 1):
            await _zaak(client, superuser, zaaktype, "anna", identificatie=f"MIJN-{ronde}-{nummer}")
        await _zaak(client, superuser, zaaktype, "bert", identificatie=f"BERT-{ronde}")
        await _zaak(client, superuser, zaaktype, None, identificatie=f"NIEMAND-{ronde}")
        await client.post("/werkvoorraad/filters", data={"csrf_token": csrf, "filternaam": f"Filter {ronde}"})
        with count_queries() as counted:
            page = await client.get("/werkvoorraad")
        counts.append(counted[0])
    assert counts[0] == counts[1]
    tabs = re.findall(r'<span class="zg-wv-aantal">(\d+)<span class="zg-visually-hidden"> zaken?</span>', page.text)
    assert tabs == ["6", "8", "2"]  # 1 + 5 of anna's; with bert's 2 the team's 8; 2 unassigned

    from zaakgericht.web.behandelen.werkvoorraad_queries import eigen_aantal, werkvoorraad_aantallen

    async with db.read_session() as session:
        anna = await accounts.get_by_gebruikersnaam(session, "anna")
        with count_queries() as counted:
            aantallen = await werkvoorraad_aantallen(session, anna)
        assert counted[0] == 1
        assert aantallen == {"mijn": 6, "team": 8, "niet_toegewezen": 2}
        with count_queries() as counted:
            assert await eigen_aantal(session, anna) == 6  # the header's count beside Werkvoorraad
        assert counted[0] == 1


async def test_the_action_menu_works_without_javascript(browser, live_server, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    await _zaak(client, superuser, zaaktype, identificatie="ZAAK-NIEUW")
    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await _log_in(page, "anna", "/werkvoorraad?lijst=niet_toegewezen")
        await page.get_by_text("Acties voor ZAAK-NIEUW").click()
        await page.get_by_role("button", name="Oppakken ZAAK-NIEUW").click()
        await page.get_by_text("U behandelt de zaak nu.").wait_for()
        await page.get_by_role("link", name="Mijn zaken").click()
        await page.get_by_text("Acties voor ZAAK-NIEUW").click()
        await page.get_by_role("link", name="Toewijzen aan… ZAAK-NIEUW").click()
        await page.get_by_role("heading", name="ZAAK-NIEUW toewijzen").wait_for()
        await page.get_by_label("Collega").select_option(label="Bert Bos")
        await page.get_by_role("button", name="Toewijzen").click()
        await page.get_by_text("De zaak is toegewezen.").wait_for()
        await page.get_by_role("heading", name="Mijn zaken: 0 zaken").wait_for()
    finally:
        await context.close()
    assert (await _behandelaars())["ZAAK-NIEUW"] == "bert"


async def test_the_list_on_a_phone_has_no_sideways_scroll(page, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    await _zaak(
        client,
        superuser,
        zaaktype,
        "anna",
        identificatie="ZAAK-2026-0000000001",
        omschrijving="Een erg lange omschrijving: omgevingsvergunningaanvraagformulierbijlagen",
    )
    await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-2026-0000000002")
    await page.set_viewport_size({"width": 360, "height": 740})
    await _log_in(page, "anna")
    await page.get_by_role("heading", name="Mijn zaken: 2 zaken").wait_for()
    await _no_sideways_scroll(page)
    await page.get_by_text("Acties voor ZAAK-2026-0000000001").click()
    assert await page.get_by_role("button", name="Teruggeven ZAAK-2026-0000000001").is_visible()
    await _no_sideways_scroll(page)
    await assert_accessible(page)
    await page.goto(f"/werkvoorraad/{(await _zaak_uuid('ZAAK-2026-0000000002'))}/toewijzen")
    await _no_sideways_scroll(page)


# --- overdragen -----------------------------------------------------------------------------------------


async def test_a_manager_hands_over_a_colleagues_work_in_the_browser(page, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("mia", naam="Mia Manager", rollen=("manager",), afdeling=TEAM, heeft_alle_autorisaties=True)
    een = await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-1")
    await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-2")
    await _zaak(client, superuser, zaaktype, "bert", identificatie="ZAAK-BERT")
    async with db.write_session() as session:
        zaak = await session.scalar(select(Zaak).where(Zaak.uuid == uuid.UUID(een["uuid"])))
        anna = await accounts.get_by_gebruikersnaam(session, "anna")
        gegevens = {
            "onderwerp": "Bel terug",
            "toelichting": "",
            "contact_naam": "",
            "telefoonnummer": "0201234567",
            "emailadres": "",
        }
        await behandeling.create_terugbelverzoek(
            session, accounts.auth_context(anna), zaak, gegevens, datetime.now(UTC)
        )

    await _log_in(page, "mia")
    await page.get_by_role("link", name="Werk van een collega overdragen").click()
    await page.get_by_label("Medewerker").select_option(label=f"Anna Aalders ({TEAM})")
    await page.get_by_role("button", name="Open werk tonen").click()
    await page.get_by_text("2 open zaken en 1 open taak.").wait_for()
    await assert_accessible(page)

    await page.get_by_label("Overdragen aan").select_option(label=f"Bert Bos ({TEAM})")
    await page.get_by_role("button", name="Verder naar controleren").click()  # without a reason
    await page.get_by_role("heading", name="Dit formulier is niet verwerkt").wait_for()
    await page.get_by_label("Reden").fill("Ziek tot 1 maart")
    await page.get_by_role("button", name="Verder naar controleren").click()
    await page.get_by_role("heading", name="Controleer de overdracht").wait_for()
    assert await page.get_by_text("Dit kan niet in één keer ongedaan worden gemaakt").is_visible()
    assert await _behandelaars() == {"ZAAK-1": "anna", "ZAAK-2": "anna", "ZAAK-BERT": "bert"}
    await assert_accessible(page)
    await page.get_by_role("button", name="Ja, draag het werk over").click()
    await page.get_by_text("2 zaken van Anna Aalders overgedragen aan Bert Bos.").wait_for()
    await page.get_by_text("0 open zaken en 0 open taken.").wait_for()
    await assert_accessible(page)

    assert await _behandelaars() == {"ZAAK-1": "bert", "ZAAK-2": "bert", "ZAAK-BERT": "bert"}
    async with db.read_session() as session:
        notities = (await session.execute(select(Zaak.identificatie, Notitie.tekst, Notitie.auteur).join(Zaak))).all()
    tekst = "Overgedragen van Anna Aalders aan Bert Bos door manager Mia Manager: Ziek tot 1 maart"
    assert sorted(notities) == [("ZAAK-1", tekst, "mia"), ("ZAAK-2", tekst, "mia")]

    # The terugbelverzoek went with its zaak: Bert sees it in his werkvoorraad, with the note in the dossier.
    await _log_in(page, "bert")
    await page.get_by_role("heading", name="Mijn zaken: 3 zaken").wait_for()
    assert await page.get_by_text("Bel terug").is_visible()
    await page.get_by_role("table").get_by_role("link", name="ZAAK-1", exact=True).click()
    tabs = page.get_by_role("navigation", name="Onderdelen van de zaak")
    await tabs.get_by_role("link", name="Taken en notities").click()
    await page.get_by_text(tekst).wait_for()


async def test_overdragen_to_the_team_and_who_may_reach_it(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    ander = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("mia", naam="Mia Manager", rollen=("manager",), autorisaties=[(zaaktype.url, "zeer_geheim")])
    await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-1")
    await _zaak(client, superuser, ander, "anna", identificatie="ZAAK-BUITEN")  # Mia may not see it

    csrf = await logged_in(client, "anna")
    assert (await client.get("/werkvoorraad/overdragen")).status_code == 403
    refused = await client.post(
        "/werkvoorraad/overdragen",
        data={"csrf_token": csrf, "van": "anna", "naar": "team", "reden": "Verlof", "bevestigd": "ja"},
    )
    assert refused.status_code == 403 and (await _behandelaars())["ZAAK-1"] == "anna"
    assert "Werk van een collega overdragen" not in (await client.get("/werkvoorraad")).text

    client.cookies.clear()
    csrf = await logged_in(client, "mia")
    data = {"csrf_token": csrf, "van": "anna", "naar": "team", "reden": "Verlof"}
    overzicht = await client.get("/werkvoorraad/overdragen", params={"van": "anna"})
    assert "1 open zaak en 0 open taken." in overzicht.text
    assert "1 open zaak valt buiten uw autorisaties en blijft staan." in overzicht.text
    check = await client.post("/werkvoorraad/overdragen", data=data)
    assert check.status_code == 200 and "Controleer de overdracht" in check.text
    assert (await _behandelaars())["ZAAK-1"] == "anna"  # nothing moved before the confirmation
    done = await client.post("/werkvoorraad/overdragen", data={**data, "bevestigd": "ja"})
    assert done.status_code == 303 and done.headers["location"] == "/werkvoorraad/overdragen?van=anna"
    assert (
        "1 zaak van Anna Aalders overgedragen aan het team (niet toegewezen)."
        in (await client.get(done.headers["location"])).text
    )
    assert await _behandelaars() == {"ZAAK-1": "", "ZAAK-BUITEN": "anna"}
    same = await client.post("/werkvoorraad/overdragen", data={**data, "naar": "anna"})
    assert same.status_code == 400 and "Kies een andere medewerker" in same.text


async def test_a_single_assignment_to_a_colleague_who_may_not_see_the_zaak_is_refused(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    ander = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    await make_medewerker("anna", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", afdeling=TEAM, autorisaties=[(ander.url, "zeer_geheim")])
    zaak = await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-1")
    csrf = await logged_in(client, "anna")
    response = await client.post(
        f"/werkvoorraad/{zaak['uuid']}/behandelaar",
        data={"csrf_token": csrf, "actie": "toewijzen", "collega": "bert", "terug": "/werkvoorraad"},
    )
    assert response.headers["location"] == "/werkvoorraad?melding=geen-toegang"
    assert "De gekozen collega mag deze zaak niet inzien" in (await client.get(response.headers["location"])).text
    assert (await _behandelaars())["ZAAK-1"] == "anna"
