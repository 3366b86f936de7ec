"""What cannot be undone asks first, on a page of its own: closing a zaak and removing a document; and the way
back the standard allows: a manager reopens a closed zaak (zrc-008, the scope zaken.heropenen) with a reason."""

import re
import uuid
from datetime import date

from sqlalchemy import func, select, update

from tests.conftest import BASE
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal, hidden, logged_in, make_medewerker
from tests.web.test_documenten import _uploaded, behandelaar, documenten_van, zaaktype_met_documenttypen
from tests.web.test_responsive import SCROLLEN_OPZIJ, VIEWPORT
from tests.zaken.factories import close_zaak, create_zaak, create_zaaktype_setup, get, set_status, zaken_post
from zaakgericht import db
from zaakgericht.api.audit import AuditTrail
from zaakgericht.catalogi.models import StatusType
from zaakgericht.notificaties.models import OutboxMessage
from zaakgericht.settings import get_settings
from zaakgericht.zaken.models import Resultaat, Status, Zaak

REDEN = "Bezwaar gegrond verklaard; de aanvraag wordt opnieuw beoordeeld."


def _uuid(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


async def _open_zaak(client, superuser, identificatie: str):
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie=identificatie)
    await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    return zaaktype, zaak


async def _closed_zaak(client, superuser, identificatie: str):
    zaaktype, zaak = await _open_zaak(client, superuser, identificatie)
    await close_zaak(client, superuser, zaaktype, zaak["url"])
    return zaaktype, zaak


async def _log_in(page, path: str, gebruikersnaam: str) -> None:
    await page.goto(path)
    await page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()


async def _fits_a_phone(page) -> None:
    await page.set_viewport_size(VIEWPORT)
    assert await page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    assert await page.evaluate(SCROLLEN_OPZIJ) == []
    await page.set_viewport_size({"width": 1280, "height": 720})


async def _emails() -> int:
    async with db.read_session() as session:
        emails = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "email")
        return await session.scalar(emails)


# --- zaak afsluiten --------------------------------------------------------------------------------------


async def test_closing_asks_first_no_leaves_the_zaak_open_and_yes_closes_it(page, client, superuser):
    zaaktype, zaak = await _open_zaak(client, superuser, "ZAAK-BEVESTIGEN")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    vraag = "Weet u zeker dat u zaak ZAAK-BEVESTIGEN wilt afsluiten?"

    await _log_in(page, f"/zaakdossier/{zaak['uuid']}", "piet")
    await page.get_by_role("heading", name="Zaak ZAAK-BEVESTIGEN", level=1).wait_for()
    await page.get_by_label("Resultaat", exact=True).select_option(index=1)
    await page.locator("#afsluiten-toelichting").fill("Vergunning verleend")
    await page.get_by_role("button", name="Zaak afsluiten").click()
    await page.get_by_role("heading", name=vraag, level=1).wait_for()
    gevolgen = await page.get_by_role("list", name="Wat er gebeurt").inner_text()
    assert "de eindstatus 'Afgehandeld'" in gevolgen
    assert f"De einddatum wordt vandaag, {date.today():%d-%m-%Y}" in gevolgen
    assert "Vergunning verleend" in gevolgen and "De aanvrager krijgt hierover geen e-mail." in gevolgen
    await assert_accessible(page)
    await _fits_a_phone(page)

    await page.get_by_role("link", name="Nee, terug naar de zaak").click()
    await page.get_by_role("heading", name="Zaak afsluiten").wait_for()
    assert (await get(client, superuser, zaak["url"]))["einddatum"] is None
    async with db.read_session() as session:  # the confirmation's trial left nothing behind
        assert await session.scalar(select(func.count()).select_from(Resultaat)) == 0
        assert await session.scalar(select(func.count()).select_from(Status)) == 1

    await page.get_by_label("Resultaat", exact=True).select_option(index=1)
    await page.locator("#afsluiten-toelichting").fill("Vergunning verleend")
    await page.get_by_role("button", name="Zaak afsluiten").click()
    await page.get_by_role("heading", name=vraag, level=1).wait_for()
    await page.get_by_role("button", name="Ja, zaak afsluiten").click()
    await page.get_by_text("De zaak is afgesloten; de archiefgegevens zijn afgeleid.").wait_for()
    closed = await get(client, superuser, zaak["url"])
    assert closed["einddatum"] == date.today().isoformat() and closed["archiefnominatie"] == "vernietigen"
    statussen = await get(client, superuser, f"{zaak['url'].rsplit('/zaken/', 1)[0]}/statussen", zaak=zaak["url"])
    [eind] = [status for status in statussen["results"] if status["statustype"] == zaaktype.statustypen[-1]]
    assert eind["statustoelichting"] == "Vergunning verleend"  # the toelichting came through the confirmation


async def test_the_confirmation_says_the_citizen_is_mailed_and_only_yes_mails(client, superuser):
    zaaktype, zaak = await _open_zaak(client, superuser, "ZAAK-MAIL")
    async with db.write_session() as session:
        await session.execute(
            update(StatusType).where(StatusType.omschrijving == "Afgehandeld").values(informeren=True)
        )
    await zaken_post(
        client,
        superuser,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": zaaktype.roltypen["initiator"],
            "roltoelichting": "Aanvrager",
            "betrokkeneIdentificatie": {"inpBsn": "123456782", "geslachtsnaam": "Jansen"},
            "contactpersoonRol": {"naam": "J. Jansen", "emailadres": "j.jansen@example.nl"},
        },
    )
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    async with db.read_session() as session:
        trail = await session.scalar(select(func.count()).select_from(AuditTrail))
    action = f"/zaakdossier/{zaak['uuid']}/afsluiten"
    formulier = {"csrf_token": csrf, "resultaattype": _uuid(zaaktype.resultaattype), "toelichting": "Klaar"}

    vraag = await client.post(action, data=formulier)
    assert vraag.status_code == 200
    assert "Weet u zeker dat u zaak ZAAK-MAIL wilt afsluiten?" in vraag.text
    assert "De aanvrager krijgt een e-mail over de nieuwe status." in vraag.text
    assert hidden(vraag.text, "bevestigd") == "ja" and hidden(vraag.text, "toelichting") == "Klaar"
    assert await _emails() == 0 and (await get(client, superuser, zaak["url"]))["einddatum"] is None
    async with db.read_session() as session:
        assert await session.scalar(select(func.count()).select_from(AuditTrail)) == trail

    done = await client.post(action, data={**formulier, "bevestigd": "ja"})
    assert done.status_code == 303 and done.headers["location"].endswith("?melding=afgesloten")
    assert await _emails() == 1


async def test_what_the_form_misses_comes_back_on_the_form_before_any_confirmation(client, superuser):
    _, zaak = await _open_zaak(client, superuser, "ZAAK-FOUT")
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    refused = await client.post(
        f"/zaakdossier/{zaak['uuid']}/afsluiten", data={"csrf_token": csrf, "resultaattype": "", "toelichting": ""}
    )
    page = await after_refusal(client, refused)
    assert "Kies het resultaat van de zaak." in page.text and "Weet u zeker" not in page.text
    assert 'id="foutsamenvatting-afsluiten-"' in page.text


# --- document verwijderen --------------------------------------------------------------------------------


async def test_a_document_is_removed_only_after_its_confirmation(page, client, superuser, monkeypatch):
    monkeypatch.setattr(get_settings(), "base_url", BASE)  # the live server names itself as the test client does
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-DOCUMENT")
    csrf = await behandelaar(client)
    document = await _uploaded(client, superuser, csrf, zaak, iots["Aanvraagformulier"], titel="Oude aanvraag")
    pagina = f"/zaakdossier/{zaak['uuid']}/documenten/{document}"

    # A removal that was not confirmed leads to the question, and nothing is removed.
    unconfirmed = await client.post(f"{pagina}/verwijderen", data={"csrf_token": csrf})
    assert unconfirmed.status_code == 303 and unconfirmed.headers["location"] == f"{pagina}/verwijderen"
    assert len(await documenten_van(client, superuser, zaak)) == 1

    vraag = "Weet u zeker dat u het document 'Oude aanvraag' wilt verwijderen?"
    await _log_in(page, pagina, "piet")
    await page.get_by_role("heading", name="Oude aanvraag", level=1).wait_for()
    await page.get_by_role("link", name="Verwijderen", exact=True).click()
    await page.get_by_role("heading", name=vraag, level=1).wait_for()
    gevolgen = await page.get_by_role("list", name="Wat er gebeurt").inner_text()
    assert "wordt uit zaak ZAAK-DOCUMENT verwijderd" in gevolgen and "niet ongedaan" in gevolgen
    await assert_accessible(page)
    await page.get_by_role("link", name="Nee, terug naar het document").click()
    await page.get_by_role("heading", name="Oude aanvraag", level=1).wait_for()
    assert len(await documenten_van(client, superuser, zaak)) == 1

    await page.get_by_role("link", name="Verwijderen", exact=True).click()
    await page.get_by_role("button", name="Ja, verwijder het document").click()
    await page.get_by_text("Het document is uit de zaak verwijderd.").wait_for()
    assert await documenten_van(client, superuser, zaak) == []


async def test_a_document_that_cannot_be_removed_asks_nothing(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    document = await _uploaded(client, superuser, csrf, zaak, iots["Aanvraagformulier"])
    pagina = f"/zaakdossier/{zaak['uuid']}/documenten/{document}"
    assert (await client.post(f"{pagina}/bewerken", data={"csrf_token": csrf})).status_code == 303
    in_bewerking = await client.get(f"{pagina}/verwijderen")
    assert in_bewerking.status_code == 303 and in_bewerking.headers["location"] == pagina


# --- heropenen -------------------------------------------------------------------------------------------


async def test_a_manager_reopens_a_closed_zaak_with_a_reason(page, client, superuser):
    zaaktype, zaak = await _closed_zaak(client, superuser, "ZAAK-HEROPENEN")
    await make_medewerker("mila", naam="Mila Manager", rollen=("manager",), heeft_alle_autorisaties=True)
    vraag = "Weet u zeker dat u zaak ZAAK-HEROPENEN wilt heropenen?"

    await _log_in(page, f"/zaakdossier/{zaak['uuid']}", "mila")
    await page.get_by_role("heading", name="Zaak ZAAK-HEROPENEN", level=1).wait_for()
    await page.get_by_role("link", name="Zaak heropenen").click()  # the next step in the summary
    status = page.get_by_label("Terug naar de status")
    assert await status.input_value() == _uuid(zaaktype.statustypen[1])  # the last one before the eindstatus
    assert await status.locator("option").all_inner_texts() == ["Ontvangen", "In behandeling"]
    await page.get_by_label("Reden van het heropenen").fill(REDEN)
    await assert_accessible(page)
    await page.get_by_role("button", name="Zaak heropenen").click()
    await page.get_by_role("heading", name=vraag, level=1).wait_for()
    gevolgen = await page.get_by_role("list", name="Wat er gebeurt").inner_text()
    assert "De zaak krijgt weer de status 'In behandeling'" in gevolgen and REDEN in gevolgen
    await assert_accessible(page)
    await _fits_a_phone(page)
    assert (await get(client, superuser, zaak["url"]))["einddatum"] is not None  # not yet

    await page.get_by_role("button", name="Ja, zaak heropenen").click()
    await page.get_by_text("De zaak is heropend").wait_for()
    reopened = await get(client, superuser, zaak["url"])
    assert (reopened["einddatum"], reopened["archiefnominatie"], reopened["archiefactiedatum"]) == (None, None, None)
    assert not await page.get_by_role("heading", name="Zaak heropenen").count()

    await page.get_by_role("navigation", name="Onderdelen van de zaak").get_by_role("link", name="Geschiedenis").click()
    nieuwste = page.locator(".zg-geschiedenis__item").first
    assert "Zaak heropend met de status 'In behandeling' door Mila Manager." in await nieuwste.inner_text()
    assert REDEN in await nieuwste.inner_text()


async def test_a_manager_reopens_without_javascript(browser, live_server, client, superuser):
    _, zaak = await _closed_zaak(client, superuser, "ZAAK-ZONDER-JS")
    await make_medewerker("mila", naam="Mila Manager", rollen=("manager",), heeft_alle_autorisaties=True)
    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await _log_in(page, f"/zaakdossier/{zaak['uuid']}", "mila")
        await page.get_by_label("Terug naar de status").select_option(label="Ontvangen")
        await page.get_by_label("Reden van het heropenen").fill(REDEN)
        await page.get_by_role("button", name="Zaak heropenen").click()
        await page.get_by_role("heading", name="Weet u zeker dat u zaak ZAAK-ZONDER-JS wilt heropenen?").wait_for()
        await page.get_by_role("button", name="Ja, zaak heropenen").click()
        await page.get_by_text("De zaak is heropend").wait_for()
        assert await page.get_by_text(REDEN).is_visible()  # in the statusverloop
    finally:
        await context.close()
    assert (await get(client, superuser, zaak["url"]))["einddatum"] is None


async def test_a_behandelaar_does_not_see_heropenen_and_may_not_post_it(client, superuser):
    zaaktype, zaak = await _closed_zaak(client, superuser, "ZAAK-DICHT")
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    dossier = await client.get(f"/zaakdossier/{zaak['uuid']}")
    assert dossier.status_code == 200 and "Zaak heropenen" not in dossier.text and "/heropenen" not in dossier.text
    for data in ({}, {"bevestigd": "ja"}):
        refused = await client.post(
            f"/zaakdossier/{zaak['uuid']}/heropenen",
            data={"csrf_token": csrf, "statustype": _uuid(zaaktype.statustypen[1]), "toelichting": REDEN, **data},
        )
        assert refused.status_code == 403 and "Alleen een manager kan een afgesloten zaak heropenen." in refused.text
    assert (await get(client, superuser, zaak["url"]))["einddatum"] is not None


async def test_reopening_needs_a_reason_and_a_status_before_the_eindstatus(client, superuser):
    zaaktype, zaak = await _closed_zaak(client, superuser, "ZAAK-REDEN")
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "mila")
    action = f"/zaakdossier/{zaak['uuid']}/heropenen"
    for statustype, toelichting, fout in (
        (_uuid(zaaktype.statustypen[1]), "  ", "Vul de reden in waarom de zaak weer opengaat."),
        (_uuid(zaaktype.statustypen[-1]), REDEN, "Kies een status voor de eindstatus"),
        (str(uuid.uuid4()), REDEN, "Kies een van de statussen uit de lijst."),
    ):
        data = {"csrf_token": csrf, "statustype": statustype, "toelichting": toelichting, "bevestigd": "ja"}
        page = await after_refusal(client, await client.post(action, data=data))
        assert re.search(rf'id="fout-heropenen-statustype">{fout}|id="fout-heropenen-toelichting">{fout}', page.text)
        assert 'id="foutsamenvatting-heropenen-"' in page.text
    assert (await get(client, superuser, zaak["url"]))["einddatum"] is not None
    async with db.read_session() as session:
        assert (await session.scalar(select(Zaak.einddatum))) is not None
