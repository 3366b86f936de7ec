"""Signaleringen: made where a zaak changes (assigned, a citizen's document or message, a terugbelverzoek,
a termijn), listed on /signalen and marked read there, and the start page per role."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, hidden, logged_in, make_medewerker
from tests.web.test_werkvoorraad import _zaak
from tests.zaken.factories import create_zaaktype_setup, zaken_post
from zaakgericht import db
from zaakgericht.signalen.models import Signaal
from zaakgericht.signalen.service import markeer_alle_gelezen
from zaakgericht.signalen.taken import dagelijks
from zaakgericht.zaken.service import TIMEZONE

TEAM = "Vergunningen"


async def _signalen(ontvanger: str) -> list[Signaal]:
    async with db.read_session() as session:
        return list(
            (await session.scalars(select(Signaal).where(Signaal.ontvanger == ontvanger).order_by(Signaal.id))).all()
        )


def _teksten(html: str) -> list[str]:
    """The texts of the signals listed on /signalen, in order."""
    return re.findall(r'<li class="zg-signalering[^"]*">.*?<p class="utrecht-paragraph">([^<]*)</p>', html, re.S)


async def test_a_colleague_assigning_a_zaak_signals_the_new_behandelaar_but_taking_it_oneself_does_not(
    client, superuser
):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("anna", naam="Anna Aalders", afdeling=TEAM, heeft_alle_autorisaties=True)
    await make_medewerker("bert", naam="Bert Bos", afdeling=TEAM, heeft_alle_autorisaties=True)
    zaak = await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-1")
    csrf = await logged_in(client, "anna")
    action = f"/werkvoorraad/{zaak['uuid']}/behandelaar"

    await client.post(action, data={"csrf_token": csrf, "actie": "oppakken"})
    assert await _signalen("anna") == []
    await client.post(action, data={"csrf_token": csrf, "actie": "toewijzen", "collega": "bert"})

    [signaal] = await _signalen("bert")
    assert signaal.soort == "toegewezen" and signaal.gelezen is None
    assert signaal.tekst == "Zaak ZAAK-1 is aan u toegewezen door Anna Aalders."
    client.cookies.clear()
    await logged_in(client, "bert")
    page = await client.get("/signalen")
    assert _teksten(page.text) == ["Zaak ZAAK-1 is aan u toegewezen door Anna Aalders."]
    assert "U heeft 1 ongelezen signalering." in page.text
    assert f'href="/zaakdossier/{zaak["uuid"]}"' in page.text


async def test_a_behandelaar_set_through_the_api_is_signalled_too(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await _zaak(client, superuser, zaaktype, "piet", identificatie="ZAAK-API")
    [signaal] = await _signalen("piet")
    assert signaal.tekst.startswith("Zaak ZAAK-API is aan u toegewezen door ")


async def test_a_terugbelverzoek_signals_the_behandelaar_and_an_unassigned_zaak_signals_nobody(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype, "piet", identificatie="ZAAK-BEL")
    niemand = await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-NIEMAND")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await make_medewerker("karin", naam="Karin Klant", rollen=("kcc",), heeft_alle_autorisaties=True)
    await logged_in(client, "karin")
    for target in (zaak, niemand):
        page = await client.get(f"/kcc/zaken/{target['uuid']}")
        made = await client.post(
            f"/kcc/zaken/{target['uuid']}/terugbelverzoeken",
            data={
                "csrf_token": hidden(page.text),
                "verzoek_onderwerp": "Wanneer komt het besluit?",
                "telefoonnummer": "0201234567",
            },
        )
        assert made.status_code == 303

    signalen = [signaal for signaal in await _signalen("piet") if signaal.soort == "terugbelverzoek"]
    assert [signaal.tekst for signaal in signalen] == [
        "Karin Klant vraagt u de klant terug te bellen over zaak ZAAK-BEL: 'Wanneer komt het besluit?'."
    ]
    async with db.read_session() as session:
        assert await session.scalar(select(Signaal).where(Signaal.ontvanger == "")) is None


async def test_termijn_signals_once_per_zaak_per_day_replacing_the_unread_one_of_yesterday(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    now = datetime.now(TIMEZONE).replace(hour=10, minute=0)  # a few minutes later is still the same day
    today = now.date()
    soon = (today + timedelta(days=3)).isoformat()
    ver = {"uiterlijkeEinddatumAfdoening": "2099-01-01"}  # the default startdatum lies months back
    await _zaak(client, superuser, zaaktype, "piet", identificatie="ZAAK-SNEL", einddatumGepland=soon, **ver)
    await _zaak(
        client,
        superuser,
        zaaktype,
        "piet",
        identificatie="ZAAK-LATER",
        einddatumGepland="2099-01-01",
        uiterlijkeEinddatumAfdoening="2099-01-01",
    )
    await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-NIEMAND", einddatumGepland=soon)

    assert (await dagelijks(now))[0] == 1
    assert (await dagelijks(now + timedelta(minutes=5)))[0] == 0  # the same day: nothing new
    termijn = [signaal for signaal in await _signalen("piet") if signaal.soort == "termijn"]
    assert [signaal.tekst for signaal in termijn] == [
        f"De geplande einddatum van zaak ZAAK-SNEL is over 3 dagen ({today + timedelta(days=3):%d-%m-%Y})."
    ]

    assert (await dagelijks(now + timedelta(days=1)))[0] == 1
    termijn = [signaal for signaal in await _signalen("piet") if signaal.soort == "termijn"]
    assert [signaal.tekst for signaal in termijn] == [
        f"De geplande einddatum van zaak ZAAK-SNEL is over 2 dagen ({today + timedelta(days=3):%d-%m-%Y})."
    ]
    # A termijn signal that was read stays; the next day brings a new one.
    await logged_in_as_piet(client)
    page = await client.get("/signalen")
    assert f'action="/signalen/{termijn[0].uuid}/gelezen"' in page.text
    await client.post(f"/signalen/{termijn[0].uuid}/gelezen", data={"csrf_token": hidden(page.text)})
    await dagelijks(now + timedelta(days=5))
    termijn = [signaal for signaal in await _signalen("piet") if signaal.soort == "termijn"]
    assert [(signaal.gelezen is not None, signaal.tekst.split(" is ")[1]) for signaal in termijn] == [
        (True, f"over 2 dagen ({today + timedelta(days=3):%d-%m-%Y})."),
        (False, f"2 dagen verstreken ({today + timedelta(days=3):%d-%m-%Y})."),
    ]


async def logged_in_as_piet(client) -> str:
    await make_medewerker("piet", naam="Piet Pieters", afdeling=TEAM, heeft_alle_autorisaties=True)
    return await logged_in(client, "piet")


async def _maak_signalen(zaak_id: int, ontvanger: str, aantal: int, moment: datetime) -> None:
    from zaakgericht.signalen.service import nieuw_signaal

    async with db.write_session() as session:
        for number in range(aantal):
            session.add(nieuw_signaal(ontvanger, "toegewezen", zaak_id, f"Signaal {number}", moment))


async def _zaak_id(identificatie: str) -> int:
    from zaakgericht.zaken.models import Zaak

    async with db.read_session() as session:
        return await session.scalar(select(Zaak.id).where(Zaak.identificatie == identificatie))


async def test_the_list_groups_today_and_earlier_and_marks_one_or_all_read_in_a_fixed_number_of_queries(
    client, superuser
):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-LIJST")
    zaak_id = await _zaak_id("ZAAK-LIJST")
    csrf = await logged_in_as_piet(client)
    await _maak_signalen(zaak_id, "piet", 1, datetime.now(UTC) - timedelta(days=2))
    await _maak_signalen(zaak_id, "iemand-anders", 1, datetime.now(UTC))

    with count_queries() as few:
        page = await client.get("/signalen")
    assert _teksten(page.text) == ["Signaal 0"]
    assert "Vandaag zijn er nog geen signaleringen." in page.text
    await _maak_signalen(zaak_id, "piet", 6, datetime.now(UTC))
    with count_queries() as many:
        page = await client.get("/signalen")
    assert few[0] == many[0]
    assert "U heeft 7 ongelezen signaleringen." in page.text
    vandaag, eerder = page.text.split('id="signalen-eerder"')
    assert len(_teksten(vandaag)) == 6 and _teksten(eerder) == ["Signaal 0"]

    someone_elses = (await _signalen("iemand-anders"))[0].uuid
    refused = await client.post(f"/signalen/{someone_elses}/gelezen", data={"csrf_token": csrf})
    assert refused.status_code == 404
    assert (await _signalen("iemand-anders"))[0].gelezen is None
    done = await client.post("/signalen/gelezen", data={"csrf_token": csrf})
    assert done.headers["location"] == "/signalen?melding=alle-gelezen"
    page = await client.get(done.headers["location"])
    assert "U heeft geen ongelezen signaleringen." in page.text and "Alle signaleringen zijn gemarkeerd" in page.text
    assert 'class="zg-signalering__nieuw"' not in page.text
    assert all(signaal.gelezen is not None for signaal in await _signalen("piet"))


async def test_signalen_aantal_counts_the_unread_ones_in_one_query(client, superuser):
    from zaakgericht.accounts.models import Medewerker
    from zaakgericht.signalen.queries import signalen_aantal

    zaaktype = await create_zaaktype_setup(client, superuser)
    await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-TEL")
    await make_medewerker("piet")
    await _maak_signalen(await _zaak_id("ZAAK-TEL"), "piet", 3, datetime.now(UTC))
    async with db.read_session() as session:
        piet = await session.scalar(select(Medewerker).where(Medewerker.gebruikersnaam == "piet"))
        with count_queries() as counted:
            assert await signalen_aantal(session, piet) == 3
    assert counted[0] == 1


async def test_the_digest_choice_is_kept_per_person(client):
    csrf = await logged_in_as_piet(client)
    page = await client.get("/signalen")
    assert " checked>" not in page.text.split('id="dagelijks-overzicht"')[1][:200]
    on = await client.post("/signalen/instellingen", data={"csrf_token": csrf, "dagelijks_overzicht": "ja"})
    assert on.headers["location"] == "/signalen?melding=overzicht-aan"
    page = await client.get("/signalen")
    assert " checked>" in page.text.split('id="dagelijks-overzicht"')[1][:200]
    off = await client.post("/signalen/instellingen", data={"csrf_token": csrf})
    assert off.headers["location"] == "/signalen?melding=overzicht-uit"
    assert " checked>" not in (await client.get("/signalen")).text


async def test_a_citizens_upload_reaches_the_behandelaar_as_a_signal(page, client, superuser, monkeypatch):
    """The citizen adds a document on Mijn zaken; the behandelaar sees the signal on the start page and on
    /signalen, goes to the zaak from it, comes back and marks it read."""
    from tests.web.test_pip import _browser_zaken, _test_login
    from zaakgericht.settings import get_settings

    monkeypatch.setattr(get_settings(), "demo_login", True)
    zaaktype, _, zaken, _ = await _browser_zaken(client, superuser, monkeypatch)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await zaken_post(
        client,
        superuser,
        "rollen",
        {
            "zaak": zaken["open_a"]["url"],
            "betrokkeneType": "medewerker",
            "roltype": zaaktype.roltypen["behandelaar"],
            "roltoelichting": "Behandelaar",
            "betrokkeneIdentificatie": {"identificatie": "piet"},
        },
    )
    async with db.write_session() as session:  # piet has seen that the zaak is his
        await markeer_alle_gelezen(session, "piet", datetime.now(UTC))

    await _test_login(page, axe=False)
    await page.get_by_role("link", name="Dakkapel").click()
    await page.get_by_label("Bestand").set_input_files(
        files=[{"name": "loonstrook.pdf", "mimeType": "application/pdf", "buffer": b"%PDF loonstrook"}]
    )
    await page.get_by_label("Titel (niet verplicht)").fill("Loonstrook maart")
    await page.get_by_role("button", name="Document toevoegen").click()
    await page.get_by_text("Uw document is toegevoegd aan de zaak.").wait_for()
    await page.get_by_role("button", name="Uitloggen").click()
    await page.get_by_text("U bent uitgelogd.").wait_for()

    await page.goto("/")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Vandaag", level=1).wait_for()
    tekst = "Een betrokkene heeft het document 'Loonstrook maart' toegevoegd aan zaak ZAAK-A."
    blok = page.locator("section", has=page.get_by_role("heading", name="Mijn signaleringen"))
    assert "1 ongelezen signalering" in await blok.inner_text()
    assert await blok.get_by_role("link", name=tekst).is_visible()
    await assert_accessible(page)

    await blok.get_by_role("link", name="Alle signaleringen").click()
    await page.get_by_role("heading", name="Signaleringen", level=1).wait_for()
    assert await page.locator("#signalen-aantal").inner_text() == "U heeft 1 ongelezen signalering."
    vandaag = page.locator("section", has=page.get_by_role("heading", name="Vandaag"))
    assert await vandaag.get_by_text(tekst, exact=True).is_visible()
    await assert_accessible(page)
    await vandaag.get_by_role("link", name="Naar zaak ZAAK-A").first.click()
    await page.get_by_role("heading", name="Zaak ZAAK-A").wait_for()
    await page.get_by_role("link", name="Documenten", exact=True).click()
    assert await page.get_by_role("link", name="Loonstrook maart").is_visible()

    await page.get_by_role("link", name="Signaleringen", exact=False).first.click()
    await page.get_by_role("heading", name="Signaleringen", level=1).wait_for()
    signaal = vandaag.locator("li", has=page.get_by_text(tekst, exact=True))
    await signaal.get_by_role("button", name="Markeer als gelezen").click()
    await page.get_by_text("De signalering is gemarkeerd als gelezen.").wait_for()
    assert await page.locator("#signalen-aantal").inner_text() == "U heeft geen ongelezen signaleringen."
    assert not await signaal.get_by_role("button", name="Markeer als gelezen").count()
    await assert_accessible(page)


async def test_the_signalen_page_works_without_javascript(browser, live_server, client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await _zaak(client, superuser, zaaktype, "piet", identificatie="ZAAK-ZONDER-JS")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True, email="piet@voorbeeldstad.nl")
    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await page.goto("/signalen")
        await page.get_by_label("Gebruikersnaam").fill("piet")
        await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_role("heading", name="Signaleringen", level=1).wait_for()
        await page.get_by_label("Stuur mij dagelijks een overzicht per e-mail").check()
        await page.get_by_role("button", name="Opslaan").click()
        await page.get_by_text("U krijgt voortaan elke ochtend een overzicht").wait_for()
        assert await page.get_by_label("Stuur mij dagelijks een overzicht per e-mail").is_checked()
        await page.get_by_role("button", name="Alles markeren als gelezen").click()
        await page.get_by_text("Alle signaleringen zijn gemarkeerd als gelezen.").wait_for()
        assert await page.locator("#signalen-aantal").inner_text() == "U heeft geen ongelezen signaleringen."
    finally:
        await context.close()


async def test_the_header_counts_the_unread_signals_and_the_own_werkvoorraad(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await _zaak(client, superuser, zaaktype, "piet", identificatie="ZAAK-1")
    await _zaak(client, superuser, zaaktype, "piet", identificatie="ZAAK-2")
    await _zaak(client, superuser, zaaktype, None, identificatie="ZAAK-NIEMAND")  # not his own: not counted
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await logged_in(client, "piet")

    def tellers(html: str) -> dict[str, str]:
        teller = r'href="/(signalen|werkvoorraad)"[^>]*>[^<]*<span class="zg-teller">.*?</span>(\d+)<'
        return dict(re.findall(teller, html))

    assert tellers((await client.get("/help")).text) == {"signalen": "2", "werkvoorraad": "2"}
    async with db.write_session() as session:
        await markeer_alle_gelezen(session, "piet", datetime.now(UTC))
    assert tellers((await client.get("/help")).text) == {"werkvoorraad": "2"}  # no badge for nothing unread
