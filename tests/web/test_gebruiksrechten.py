"""Gebruiksrechten of the documents the web applications create: none are recorded, so indicatieGebruiksrecht is
false (drc-006) and the zaak can be closed (zrc-021); the behandelaar records gebruiksrechten on the document page,
and the closing form says which documents still need a decision and how to give it."""

import re
import uuid

from sqlalchemy import select

from tests.conftest import BASE
from tests.documenten.factories import DOCUMENTEN, create_document, get_json
from tests.web import test_pip
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal
from tests.web.test_documenten import (
    INTAKE_TYPEN,
    PDF,
    behandelaar,
    documenten_van,
    field_error,
    intake_form,
    link,
    upload,
    uuid_of,
    zaaktype_met_documenttypen,
)
from tests.web.test_formulieren import demo_login, fill_in, online_zaaktype, start
from tests.web.test_pip import ingelogd
from tests.zaken.factories import ZAKEN, create_zaak, create_zaaktype_setup
from zaakgericht import db
from zaakgericht.settings import get_settings
from zaakgericht.zaken.models import Zaak

tweede = test_pip.tweede  # a second browser: the behandelaar beside the citizen
__all__ = ["demo_login"]  # the e-formulier's test login and empty storage, for every test here


async def afsluiten(client, csrf: str, zaak_uuid: str, resultaattype: str, *, bevestigd: bool = True):
    """The closing form sent from its confirmation page; ``bevestigd=False``: from the form (objections come
    back on it, as they would after the confirmation)."""
    return await client.post(
        f"/zaakdossier/{zaak_uuid}/afsluiten",
        data={"csrf_token": csrf, "resultaattype": uuid_of(resultaattype), "toelichting": ""}
        | ({"bevestigd": "ja"} if bevestigd else {}),
    )


def assert_closed(response, zaak_uuid: str) -> None:
    assert response.status_code == 303, re.sub(r"\s+", " ", response.text)[-3000:]
    assert response.headers["location"] == f"/zaakdossier/{zaak_uuid}?melding=afgesloten"


# --- documents from every source of the web ------------------------------------------------------


async def test_a_document_uploaded_in_the_dossier_has_no_gebruiksrechten_and_the_zaak_closes(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    assert (await upload(client, csrf, zaak, iots["Aanvraagformulier"])).status_code == 303

    [document] = await documenten_van(client, superuser, zaak)
    assert document["indicatieGebruiksrecht"] is False
    assert_closed(await afsluiten(client, csrf, zaak["uuid"], zaaktype.resultaattype), zaak["uuid"])


async def test_documents_of_a_new_zaak_have_no_gebruiksrechten_and_the_zaak_closes(client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser, typen=INTAKE_TYPEN)
    csrf = await behandelaar(client)
    response = await client.post(
        "/nieuwe-zaak",
        data=intake_form(csrf, zaaktype),
        files=[("documenten", ("formulier.pdf", PDF, "application/pdf"))],
    )
    assert response.status_code == 303, response.text
    zaak_uuid = response.headers["location"].split("/")[2].split("?")[0]

    [document] = await documenten_van(client, superuser, {"url": f"{ZAKEN}/zaken/{zaak_uuid}"})
    assert document["indicatieGebruiksrecht"] is False
    assert_closed(await afsluiten(client, csrf, zaak_uuid, zaaktype.resultaattype), zaak_uuid)


async def test_the_e_formulier_its_pdf_and_the_citizens_upload_have_no_gebruiksrechten(client, superuser, tweede):
    zaaktype = await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    samenvatting = await fill_in(client, csrf, await start(client))
    assert (await client.post(samenvatting, data={"csrf_token": csrf})).status_code == 303
    async with db.read_session() as session:
        zaak = await session.scalar(select(Zaak))
    response = await client.post(
        f"/mijn-zaken/{zaak.uuid}/documenten",
        data={"csrf_token": csrf, "titel": "Foto van de gevel"},
        files={"bestand": ("gevel.jpg", b"\xff\xd8\xff gevel", "image/jpeg")},
    )
    assert response.status_code == 303, response.text

    documenten = await documenten_van(client, superuser, {"url": f"{ZAKEN}/zaken/{zaak.uuid}"})
    assert sorted((d["titel"], d["indicatieGebruiksrecht"]) for d in documenten) == [
        ("Aanvraag Dakkapel plaatsen", False),  # the form's PDF
        ("Bouwtekening", False),  # the form's upload
        ("Foto van de gevel", False),  # added in Mijn zaken
    ]
    medewerker_csrf = await behandelaar(tweede)
    assert_closed(await afsluiten(tweede, medewerker_csrf, str(zaak.uuid), zaaktype.resultaattype), str(zaak.uuid))


# --- recording gebruiksrechten on the document page --------------------------------------------------


async def _zaak_met_document(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    assert (await upload(client, csrf, zaak, iots["Aanvraagformulier"], titel="Bouwtekening")).status_code == 303
    [document] = await documenten_van(client, superuser, zaak)
    pagina = f"/zaakdossier/{zaak['uuid']}/documenten/{uuid_of(document['url'])}"
    return zaaktype, zaak, csrf, document, pagina


async def _gebruiksrechten(client, superuser, document) -> list[dict]:
    return await get_json(client, superuser, f"{DOCUMENTEN}/gebruiksrechten", informatieobject=document["url"])


async def test_a_behandelaar_records_and_removes_gebruiksrechten(client, superuser):
    _, zaak, csrf, document, pagina = await _zaak_met_document(client, superuser)
    html = (await client.get(pagina)).text
    assert "Er gelden geen gebruiksrechten: het document mag zonder voorwaarden worden gebruikt." in html
    assert 'action="' + pagina + '/gebruiksrechten"' in html

    response = await client.post(
        f"{pagina}/gebruiksrechten",
        data={
            "csrf_token": csrf,
            "omschrijvingVoorwaarden": "Niet publiceren; auteursrecht bij de architect",
            "startdatum": "2026-03-02",
            "einddatum": "31-12-2030",
        },
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"{pagina}?melding=gebruiksrecht"
    html = (await client.get(response.headers["location"])).text
    assert "Het gebruiksrecht is vastgelegd." in html
    assert "Niet publiceren; auteursrecht bij de architect" in html and "02-03-2026" in html and "31-12-2030" in html

    # Through the same Documenten service as the API: the gebruiksrecht exists and the indicatie is true (drc-006).
    [recht] = await _gebruiksrechten(client, superuser, document)
    assert recht["omschrijvingVoorwaarden"] == "Niet publiceren; auteursrecht bij de architect"
    assert recht["startdatum"].startswith("2026-03-0") and recht["einddatum"].startswith("2030-12-3")
    assert (await get_json(client, superuser, document["url"]))["indicatieGebruiksrecht"] is True
    trail = await get_json(client, superuser, f"{document['url']}/audittrail")
    assert [(e["resource"], e["actie"], e["gebruikersId"]) for e in trail][-1] == ("gebruiksrechten", "create", "piet")

    verwijderen = f"{pagina}/gebruiksrechten/{uuid_of(recht['url'])}/verwijderen"
    response = await client.post(verwijderen, data={"csrf_token": csrf})
    assert response.status_code == 303, response.text
    html = (await client.get(response.headers["location"])).text
    assert "Het gebruiksrecht is verwijderd." in html and "mag zonder voorwaarden worden gebruikt" in html
    assert await _gebruiksrechten(client, superuser, document) == []
    # Without gebruiksrechten nothing applies any more: false, not unknown, so the zaak can still be closed.
    now = await get_json(client, superuser, document["url"])
    assert now["indicatieGebruiksrecht"] is False and now["locked"] is False


async def test_objections_to_a_gebruiksrecht_are_shown_beside_the_fields_with_a_summary(client, superuser):
    _, _, csrf, document, pagina = await _zaak_met_document(client, superuser)
    response = await client.post(
        f"{pagina}/gebruiksrechten",
        data={"csrf_token": csrf, "omschrijvingVoorwaarden": " ", "startdatum": "2026-13-45", "einddatum": ""},
    )
    assert response.status_code == 400
    html = response.text
    assert "Het gebruiksrecht is niet vastgelegd" in html
    assert field_error(html, "gebruiksrecht-omschrijvingVoorwaarden").startswith("Beschrijf de voorwaarden")
    assert field_error(html, "gebruiksrecht-startdatum").startswith("Vul de datum in")
    assert 'href="#gebruiksrecht-startdatum"' in html and 'href="#gebruiksrecht-omschrijvingVoorwaarden"' in html

    response = await client.post(
        f"{pagina}/gebruiksrechten",
        data={
            "csrf_token": csrf,
            "omschrijvingVoorwaarden": "Intern",
            "startdatum": "2026-03-02",
            "einddatum": "2026-03-01",
        },
    )
    assert response.status_code == 400
    assert field_error(response.text, "gebruiksrecht-einddatum").startswith("De einddatum ligt voor de startdatum")
    assert 'value="Intern"' not in response.text and ">Intern</textarea>" in response.text  # the values are kept
    assert await _gebruiksrechten(client, superuser, document) == []


# --- closing: what to do, not the rule --------------------------------------------------------------


async def test_closing_names_and_links_the_documents_whose_gebruiksrechten_are_unknown(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    # Another system added a document without saying whether gebruiksrechten apply (null).
    document = await create_document(client, superuser, iots["Aanvraagformulier"], titel="Brief van de buren")
    assert document["indicatieGebruiksrecht"] is None
    await link(client, superuser, zaak, document)
    csrf = await behandelaar(client)
    pagina = f"/zaakdossier/{zaak['uuid']}/documenten/{uuid_of(document['url'])}"

    dossier = (await client.get(f"/zaakdossier/{zaak['uuid']}")).text
    afsluiten_form = dossier[dossier.index('id="afsluiten"') :]
    assert f'href="{pagina}#gebruiksrechten">Brief van de buren</a>' in afsluiten_form

    response = await afsluiten(client, csrf, zaak["uuid"], zaaktype.resultaattype, bevestigd=False)
    response = await after_refusal(client, response)
    html = response.text
    assert "indicatieGebruiksrecht" not in html and "true of false" not in html  # no rule nobody can act on
    melding = field_error(html, "afsluiten-gebruiksrechten")
    assert "Open elk document en leg bij Gebruiksrechten de voorwaarden vast" in melding
    beside = html[html.index("fout-afsluiten-gebruiksrechten") :]
    assert f'href="{pagina}#gebruiksrechten">Brief van de buren</a>' in beside

    html = (await client.get(pagina)).text
    assert "Nog niet vastgelegd of er voorwaarden gelden" in html
    response = await client.post(f"{pagina}/geen-beperkingen", data={"csrf_token": csrf})
    assert response.status_code == 303, response.text
    html = (await client.get(response.headers["location"])).text
    assert "Vastgelegd: voor dit document gelden geen gebruiksrechten." in html
    now = await get_json(client, superuser, document["url"])
    assert (now["indicatieGebruiksrecht"], now["versie"], now["locked"]) == (False, 2, False)
    assert_closed(await afsluiten(client, csrf, zaak["uuid"], zaaktype.resultaattype), zaak["uuid"])


async def test_a_resultaat_of_another_zaaktype_is_refused_in_words(client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser)
    ander = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    for resultaattype in (ander.resultaattype, f"http://testserver/catalogi/api/v1/resultaattypen/{uuid.uuid4()}"):
        response = await afsluiten(client, csrf, zaak["uuid"], resultaattype)
        response = await after_refusal(client, response)
        melding = field_error(response.text, "afsluiten-resultaattype")
        assert melding.startswith("Kies een van de resultaten uit de lijst"), melding
        assert "http" not in melding


async def test_without_a_resultaat_closing_asks_for_one(client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    response = await client.post(
        f"/zaakdossier/{zaak['uuid']}/afsluiten", data={"csrf_token": csrf, "resultaattype": "", "toelichting": ""}
    )
    response = await after_refusal(client, response)
    assert field_error(response.text, "afsluiten-resultaattype") == "Kies het resultaat van de zaak."


async def test_gebruiksrechten_are_recorded_without_javascript_and_the_page_stays_accessible(
    browser, live_server, page, client, superuser, monkeypatch
):
    monkeypatch.setattr(get_settings(), "base_url", BASE)  # the live server names itself as the test client does
    _, _, _, document, pagina = await _zaak_met_document(client, superuser)

    async def refused_then_recorded(page, axe: bool) -> None:
        await page.goto(pagina)
        await page.get_by_label("Gebruikersnaam").fill("piet")
        await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_role("heading", name="Gebruiksrechten").wait_for()
        await page.get_by_label("Vanaf").fill("")
        await page.get_by_role("button", name="Gebruiksrecht vastleggen").click()
        await page.get_by_role("heading", name="Het gebruiksrecht is niet vastgelegd").wait_for()
        assert await page.get_by_role("link", name=re.compile("^Beschrijf de voorwaarden")).is_visible()
        if axe:
            await assert_accessible(page)
        await page.get_by_label("Voorwaarden").fill("Alleen intern gebruiken")
        await page.get_by_label("Vanaf").fill("2026-03-02")
        await page.get_by_role("button", name="Gebruiksrecht vastleggen").click()
        await page.get_by_text("Het gebruiksrecht is vastgelegd.").wait_for()
        assert await page.get_by_role("cell", name="Alleen intern gebruiken").first.is_visible()
        if axe:
            await assert_accessible(page)

    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        await refused_then_recorded(await context.new_page(), axe=False)  # axe-core itself needs JavaScript
    finally:
        await context.close()
    assert len(await _gebruiksrechten(client, superuser, document)) == 1
    await refused_then_recorded(page, axe=True)
    assert len(await _gebruiksrechten(client, superuser, document)) == 2
    assert (await get_json(client, superuser, document["url"]))["indicatieGebruiksrecht"] is True


async def test_in_the_browser_closing_leads_to_the_document_that_needs_attention(page, client, superuser, monkeypatch):
    monkeypatch.setattr(get_settings(), "base_url", BASE)
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-AFSLUITEN")
    document = await create_document(client, superuser, iots["Aanvraagformulier"], titel="Brief van de buren")
    await link(client, superuser, zaak, document)
    await behandelaar(client)

    await page.goto(f"/zaakdossier/{zaak['uuid']}")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Zaak ZAAK-AFSLUITEN").wait_for()
    await page.get_by_label("Resultaat", exact=True).select_option(index=1)
    await page.get_by_role("button", name="Zaak afsluiten").click()
    await (
        page.locator("#fout-afsluiten-gebruiksrechten")
        .get_by_text("Open elk document en leg bij Gebruiksrechten de voorwaarden vast")
        .wait_for()
    )
    await assert_accessible(page)

    await page.locator("#afsluiten-gebruiksrechten").get_by_role("link", name="Brief van de buren").click()
    await page.get_by_role("heading", name="Brief van de buren", level=1).wait_for()
    await page.get_by_role("button", name="Er gelden geen gebruiksrechten").click()
    await page.get_by_text("Vastgelegd: voor dit document gelden geen gebruiksrechten.").wait_for()
    await assert_accessible(page)
    await page.get_by_role("link", name="Terug naar zaak ZAAK-AFSLUITEN").click()
    # From the Documenten tab, the summary's next step leads to the closing form on the Overzicht.
    await page.get_by_role("link", name="Zaak afsluiten").click()
    await page.get_by_label("Resultaat", exact=True).select_option(index=1)
    await page.get_by_role("button", name="Zaak afsluiten").click()
    await page.get_by_role("button", name="Ja, zaak afsluiten").click()
    await page.get_by_text("De zaak is afgesloten; de archiefgegevens zijn afgeleid.").wait_for()
