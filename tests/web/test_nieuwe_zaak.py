"""Starting a zaak by hand: the zaak, its initiator and first status in one go, objections beside the field."""

import re
from types import SimpleNamespace

from tests.catalogi.factories import create_catalogus, post, publish, zaaktype_body
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker
from tests.zaken.factories import create_zaaktype_setup


def _form(csrf: str, setup, **overrides) -> dict:
    return {
        "csrf_token": csrf,
        "zaaktype": setup.url.rsplit("/", 1)[1],
        "omschrijving": "Melding losliggende stoeptegel",
        "toelichting": "Voor huisnummer 12",
        "kanaal": "Telefoon",
        "bsn": "999990019",
        "voornamen": "Anna",
        "geslachtsnaam": "Jansen",
        **overrides,
    }


async def test_a_zaak_started_by_hand_has_its_initiator_and_first_status(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")

    response = await client.post("/nieuwe-zaak", data=_form(csrf, zaaktype))
    assert response.status_code == 303, response.text
    assert re.fullmatch(r"/zaakdossier/[0-9a-f-]{36}\?melding=aangemaakt", response.headers["location"])
    page = (await client.get(response.headers["location"])).text
    assert "De zaak is aangemaakt." in page and "Anna Jansen" in page and "<dd>Ontvangen</dd>" in page

    zaak_uuid = response.headers["location"].split("/")[2].split("?")[0]
    zaak = (
        await client.get(f"/zaken/api/v1/zaken/{zaak_uuid}", headers={**superuser, "Accept-Crs": "EPSG:4326"})
    ).json()
    assert zaak["omschrijving"] == "Melding losliggende stoeptegel" and zaak["status"]
    assert zaak["kenmerken"] == [{"kenmerk": "Telefoon", "bron": "Binnengekomen via"}]
    trail = (await client.get(f"{zaak['url']}/audittrail", headers=superuser)).json()
    assert [(entry["resource"], entry["gebruikersId"]) for entry in trail] == [
        ("zaak", "piet"),
        ("rol", "piet"),
        ("status", "piet"),
    ]


async def test_an_initiator_known_only_by_bsn_is_shown_without_the_bsn(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")

    response = await client.post("/nieuwe-zaak", data=_form(csrf, zaaktype, voornamen="", geslachtsnaam=""))
    assert response.status_code == 303, response.text
    page = (await client.get(response.headers["location"])).text
    assert re.search(r"<dt>Initiator</dt>\s*<dd>Burger \(BSN bekend\)</dd>", page)
    assert "BSN 999990019" not in page


async def test_objections_are_shown_beside_the_fields_and_nothing_is_made(client, superuser):
    zaaktype = await create_zaaktype_setup(client, superuser)
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")

    response = await client.post(
        "/nieuwe-zaak", data=_form(csrf, zaaktype, omschrijving="", kanaal="Duif", bsn="123456789", zaaktype="x")
    )
    assert response.status_code == 400
    for field, message in (
        ("zaaktype", "Kies het zaaktype."),
        ("omschrijving", "Vul een omschrijving in."),
        ("kanaal", "Kies hoe de aanvraag binnenkwam."),
        ("bsn", "Een BSN bestaat uit 9 cijfers en voldoet aan de elfproef."),
    ):
        assert f'id="fout-{field}">{message}' in response.text
    assert 'value="Anna"' in response.text  # what was typed stays
    listed = (await client.get("/zaken/api/v1/zaken", headers={**superuser, "Accept-Crs": "EPSG:4326"})).json()
    assert listed["count"] == 0


async def test_only_behandelaars_start_zaken(client):
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    await logged_in(client, "mila")
    assert (await client.get("/nieuwe-zaak")).status_code == 403


async def test_a_behandelaar_starts_a_zaak_in_the_browser(page, client, superuser):
    await create_zaaktype_setup(client, superuser)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await page.goto("/inloggen")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("link", name="Nieuwe zaak").click()
    await assert_accessible(page)

    await page.get_by_role("button", name="Zaak aanmaken").click()
    await page.locator("#fout-omschrijving").get_by_text("Vul een omschrijving in.").wait_for()
    await assert_accessible(page)
    await page.get_by_label("Zaaktype").select_option(index=1)
    await page.get_by_label("Omschrijving").fill("Kapotte lantaarnpaal")
    await page.get_by_label("Binnengekomen via").select_option("Balie")
    await page.get_by_label("BSN").fill("999990020")
    await page.get_by_label("Achternaam").fill("de Vries")
    await page.get_by_role("button", name="Zaak aanmaken").click()
    await page.get_by_text("De zaak is aangemaakt.").wait_for()
    assert await page.get_by_text("de Vries").first.is_visible()
    await assert_accessible(page)


async def test_a_zaaktype_without_initiator_roltype_is_explained_and_nothing_is_made(client, superuser):
    catalogus = (await create_catalogus(client, superuser))["url"]
    zaaktype = await post(client, superuser, "zaaktypen", zaaktype_body(catalogus))
    await post(
        client, superuser, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen", "volgnummer": 1}
    )
    await publish(client, superuser, zaaktype["url"])
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")

    response = await client.post("/nieuwe-zaak", data=_form(csrf, SimpleNamespace(url=zaaktype["url"])))
    assert response.status_code == 400 and "Het zaaktype kent geen rol initiator." in response.text
    listed = (await client.get("/zaken/api/v1/zaken", headers={**superuser, "Accept-Crs": "EPSG:4326"})).json()
    assert listed["count"] == 0
