"""The werkvoorraad page: the three lists, filters, paging, termijn signals and who may see what."""

import re

from tests.conftest import BASE
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker
from tests.zaken.factories import create_zaak, create_zaaktype_setup, zaken_post
from zaakgericht.api.urls import reset_base_url, set_base_url
from zaakgericht.demo import DEMO_WACHTWOORD, load_demo

TEAM = "Vergunningen"


async def _zaak(client, headers, zaaktype, behandelaar: str | None, **fields) -> dict:
    zaak = await create_zaak(client, headers, zaaktype.url, **fields)
    if behandelaar:
        await zaken_post(
            client,
            headers,
            "rollen",
            {
                "zaak": zaak["url"],
                "betrokkeneType": "medewerker",
                "roltype": zaaktype.roltypen["behandelaar"],
                "roltoelichting": "Behandelaar",
                "betrokkeneIdentificatie": {"identificatie": behandelaar},
            },
        )
    return zaak


def _rows(html: str) -> list[str]:
    """The zaaknummers in the table, in order."""
    cell = r'<td class="utrecht-table__cell" data-label="Zaaknummer">'
    return re.findall(cell + r'<a class="utrecht-link" href="/zaakdossier/[^"]+">([^<]*)</a>', html)


async def test_the_three_lists_with_their_zaken_and_signals(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    # The default startdatum lies months back: the legal term of this zaak has passed.
    await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-ANNA")
    await _zaak(
        client,
        superuser,
        zaaktype,
        "bert",
        identificatie="ZAAK-BERT",
        uiterlijkeEinddatumAfdoening="2099-01-01",
        einddatumGepland="2099-01-01",
    )
    await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-NIEMAND")
    await logged_in(client, "anna")

    mijn = await client.get("/werkvoorraad")
    assert mijn.status_code == 200
    assert _rows(mijn.text) == ["ZAAK-ANNA"]
    assert "Mijn zaken: 1 zaak" in mijn.text and "Wettelijke termijn verstreken" in mijn.text
    team = await client.get("/werkvoorraad", params={"lijst": "team"})
    assert _rows(team.text) == ["ZAAK-ANNA", "ZAAK-BERT"]  # the most urgent first
    niemand = await client.get("/werkvoorraad", params={"lijst": "niet_toegewezen"})
    assert _rows(niemand.text) == ["ZAAK-NIEMAND"] and "Niet toegewezen" in niemand.text
    verlopen = await client.get("/werkvoorraad", params={"lijst": "team", "termijn": "verlopen"})
    assert _rows(verlopen.text) == ["ZAAK-ANNA"]


async def test_only_zaken_of_the_medewerkers_zaaktypen_are_listed(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    await make_medewerker("anna", autorisaties=[(other.url, "zeer_geheim")])
    await _zaak(client, superuser, zaaktype, None, identificatie="NIET-ZICHTBAAR")
    await _zaak(client, superuser, other, None, identificatie="ZICHTBAAR")
    await logged_in(client, "anna")

    page = await client.get("/werkvoorraad", params={"lijst": "niet_toegewezen"})
    assert _rows(page.text) == ["ZICHTBAAR"]
    assert zaaktype.url.rsplit("/", 1)[1] not in page.text  # not offered as a filter either


async def test_filters_paging_and_invalid_values(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", heeft_alle_autorisaties=True)
    for number in range(27):
        await _zaak(client, superuser, zaaktype, "anna", identificatie=f"ZAAK-{number:02}")
    await logged_in(client, "anna")

    first = await client.get("/werkvoorraad", params={"sortering": "identificatie"})
    assert len(_rows(first.text)) == 25 and "Pagina 1 van 2" in first.text
    next_url = re.search(r'rel="next" href="([^"]*)"', first.text)[1].replace("&amp;", "&")
    second = await client.get(next_url)
    assert _rows(second.text) == ["ZAAK-25", "ZAAK-26"]

    chosen = await client.get("/werkvoorraad", params={"zaaktype": zaaktype.url.rsplit("/", 1)[1]})
    assert 'id="filter-status"' in chosen.text and ">In behandeling</option>" in chosen.text

    wrong = await client.get("/werkvoorraad", params={"lijst": "alles", "zaaktype": "geen-uuid", "pagina": "-1"})
    assert wrong.status_code == 200
    assert "Een of meer filters in het adres waren ongeldig en zijn niet toegepast." in wrong.text
    assert len(_rows(wrong.text)) == 25


async def test_a_page_beyond_the_last_shows_the_last_page(client, superuser):
    """A page number too large for the database's OFFSET once gave a 500."""
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", heeft_alle_autorisaties=True)
    await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-1")
    await logged_in(client, "anna")
    for pagina in ("2", "400000000000000000"):
        response = await client.get("/werkvoorraad", params={"pagina": pagina})
        assert response.status_code == 200, response.text
        assert _rows(response.text) == ["ZAAK-1"]
        assert "Een of meer filters in het adres waren ongeldig en zijn niet toegepast." in response.text


async def test_only_behandelaars_and_managers_have_a_werkvoorraad(client):
    await make_medewerker("karin", rollen=("kcc",))
    anonymous = await client.get("/werkvoorraad")
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/inloggen?volgende=%2Fwerkvoorraad"
    await logged_in(client, "karin")
    refused = await client.get("/werkvoorraad")
    assert refused.status_code == 403 and "behandelaar of manager" in refused.text
    assert 'href="/werkvoorraad"' not in (await client.get("/")).text


async def test_a_behandelaar_finds_the_unassigned_zaken_in_the_browser(page, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", heeft_alle_autorisaties=True)
    await _zaak(client, superuser, zaaktype, "anna", identificatie="ZAAK-ANNA", omschrijving="Dakkapel")
    await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-NIEUW", omschrijving="Aanbouw")

    await page.goto("/inloggen")
    await page.get_by_label("Gebruikersnaam").fill("anna")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkvoorraad").click()
    await page.get_by_role("heading", name="Mijn zaken: 1 zaak").wait_for()
    assert await page.get_by_role("cell", name="Dakkapel").is_visible()
    await assert_accessible(page)

    await page.get_by_role("link", name="Niet toegewezen").click()
    await page.get_by_role("heading", name="Niet toegewezen: 1 zaak").wait_for()
    assert await page.get_by_role("cell", name="ZAAK-NIEUW", exact=True).is_visible()
    await page.get_by_label("Termijn").select_option("verlopen")
    await page.get_by_role("button", name="Filteren").click()
    await page.get_by_role("heading", name="Niet toegewezen: 1 zaak").wait_for()
    await assert_accessible(page)

    await page.get_by_text("Acties voor ZAAK-NIEUW").click()  # the row's action menu
    await page.get_by_role("button", name="Oppakken ZAAK-NIEUW").click()
    await page.get_by_text("U behandelt de zaak nu.").wait_for()
    await page.get_by_role("heading", name="Niet toegewezen: 0 zaken").wait_for()
    await assert_accessible(page)
    await page.get_by_role("link", name="Mijn zaken").click()
    await page.get_by_role("heading", name="Mijn zaken: 2 zaken").wait_for()


async def _audit_users(client, headers, zaak: dict) -> list[tuple[str, str, str]]:
    response = await client.get(f"{zaak['url']}/audittrail", headers=headers)
    assert response.status_code == 200
    return [(entry["resource"], entry["actie"], entry["gebruikersId"]) for entry in response.json()]


async def test_take_hand_back_and_assign_go_through_the_zaken_services(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("olga", naam="Olga Ander", afdeling="Openbare ruimte", heeft_alle_autorisaties=True)
    zaak = await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-1")
    action = f"/werkvoorraad/{zaak['uuid']}/behandelaar"
    csrf = await logged_in(client, "anna")

    async def post(**data) -> str:
        response = await client.post(action, data={"csrf_token": csrf, "terug": "/werkvoorraad", **data})
        assert response.status_code == 303, response.text
        return response.headers["location"]

    assert await post(actie="oppakken") == "/werkvoorraad?melding=opgepakt"
    assert _rows((await client.get("/werkvoorraad")).text) == ["ZAAK-1"]
    assert ("rol", "create", "anna") in await _audit_users(client, superuser, zaak)

    assert await post(actie="toewijzen", collega="olga") == "/werkvoorraad?melding=onbekende-collega"
    assert await post(actie="toewijzen", collega="bert") == "/werkvoorraad?melding=toegewezen"
    assert _rows((await client.get("/werkvoorraad")).text) == []
    team = await client.get("/werkvoorraad", params={"lijst": "team"})
    assert _rows(team.text) == ["ZAAK-1"] and "Bert Bos" in team.text
    # Not hers any more: anna can neither take it nor hand it back.
    assert await post(actie="oppakken") == "/werkvoorraad?melding=al-toegewezen"
    assert await post(actie="teruggeven") == "/werkvoorraad?melding=niet-uw-zaak"

    client.cookies.clear()
    csrf = await logged_in(client, "bert")
    assert await post(actie="teruggeven") == "/werkvoorraad?melding=teruggegeven"
    assert _rows((await client.get("/werkvoorraad", params={"lijst": "niet_toegewezen"})).text) == ["ZAAK-1"]
    assert [entry[2] for entry in await _audit_users(client, superuser, zaak) if entry[0] == "rol"] == [
        "anna",  # took it
        "anna",  # removed herself ...
        "anna",  # ... and made bert the behandelaar
        "bert",  # handed it back
    ]


async def test_assigning_is_refused_without_rights_csrf_or_sight_of_the_zaak(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    await make_medewerker("anna", autorisaties=[(other.url, "zeer_geheim")])
    hidden_zaak = await _zaak(client, superuser, zaaktype, None)
    action = f"/werkvoorraad/{hidden_zaak['uuid']}/behandelaar"

    csrf = await logged_in(client, "karin")
    refused = await client.post(action, data={"csrf_token": csrf, "actie": "oppakken"})
    assert refused.status_code == 403
    client.cookies.clear()
    csrf = await logged_in(client, "anna")
    without_csrf = await client.post(action, data={"actie": "oppakken"})
    assert without_csrf.status_code == 403
    unseen = await client.post(action, data={"csrf_token": csrf, "actie": "oppakken"})
    assert unseen.status_code == 404
    assert not [entry for entry in await _audit_users(client, superuser, hidden_zaak) if entry[0] == "rol"]


async def test_the_demo_behandelaar_has_a_werkvoorraad(client):
    token = set_base_url(BASE)  # the demo builds its URLs as the server it runs beside
    try:
        await load_demo()
    finally:
        reset_base_url(token)
    await logged_in(client, "behandelaar", DEMO_WACHTWOORD)
    mijn = await client.get("/werkvoorraad")
    assert mijn.status_code == 200 and len(_rows(mijn.text)) > 0
    team = await client.get("/werkvoorraad", params={"lijst": "team"})
    assert int(re.search(r"Zaken van mijn team: (\d+) zaken", team.text)[1]) > len(_rows(mijn.text))
    niemand = await client.get("/werkvoorraad", params={"lijst": "niet_toegewezen"})
    assert len(_rows(niemand.text)) > 0
