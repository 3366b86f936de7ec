"""The zaakdossier's relaties: hoofdzaak, deelzaken and relevante andere zaken (nothing of a zaak out of sight),
relating a zaak by its zaaknummer, removing a relation, and starting a deelzaak."""

import re
from dataclasses import dataclass
from datetime import date

from tests.oas import assert_oas
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal, logged_in, make_medewerker
from tests.zaken.factories import (
    CRS,
    ZAKEN,
    close_zaak,
    create_zaak,
    create_zaaktype_setup,
    get,
    set_status,
)


@dataclass
class Opzet:
    hoofd: object  # zaaktype HOOFD, with deelzaaktype DEEL
    deel: object  # zaaktype DEEL, which names SUB as its deelzaaktype (the Zaken API allows one level only)
    sub: object
    ander: object  # a zaaktype the medewerker "anna" may not see
    zaak: dict  # of HOOFD


async def _opzet(client, superuser) -> Opzet:
    sub = await create_zaaktype_setup(client, superuser, identificatie="SUB", omschrijving="Advies")
    catalogus = sub.catalogus
    deel = await create_zaaktype_setup(
        client, superuser, catalogus=catalogus, identificatie="DEEL", omschrijving="Toets", deelzaaktypen=["SUB"]
    )
    hoofd = await create_zaaktype_setup(
        client, superuser, catalogus=catalogus, identificatie="HOOFD", deelzaaktypen=["DEEL"]
    )
    ander = await create_zaaktype_setup(
        client, superuser, catalogus=catalogus, identificatie="ANDER", omschrijving="Geheim"
    )
    zaak = await create_zaak(client, superuser, hoofd.url, identificatie="ZAAK-HOOFD", omschrijving="Dakkapel")
    return Opzet(hoofd, deel, sub, ander, zaak)


async def _anna(client, opzet: Opzet, **fields) -> str:
    """A behandelaar who may see HOOFD, DEEL and SUB, not ANDER."""
    autorisaties = [(setup.url, "zeer_geheim") for setup in (opzet.hoofd, opzet.deel, opzet.sub)]
    await make_medewerker("anna", naam="Anna de Boer", autorisaties=autorisaties, **fields)
    return await logged_in(client, "anna")


async def _zaak(client, superuser, zaak: dict) -> dict:
    return await get(client, superuser, zaak["url"])


async def test_the_relations_of_a_zaak_and_nothing_of_a_zaak_out_of_sight(client, superuser):
    opzet = await _opzet(client, superuser)
    deelzaak = await create_zaak(
        client,
        superuser,
        opzet.deel.url,
        identificatie="ZAAK-DEEL",
        omschrijving="Welstand",
        hoofdzaak=opzet.zaak["url"],
    )
    vorige = await create_zaak(client, superuser, opzet.hoofd.url, identificatie="ZAAK-VORIGE")
    geheim = await create_zaak(
        client, superuser, opzet.ander.url, identificatie="ZAAK-GEHEIM", omschrijving="Verborgen"
    )
    relaties = [{"url": vorige["url"], "aardRelatie": "vervolg"}, {"url": geheim["url"], "aardRelatie": "onderwerp"}]
    response = await client.patch(
        opzet.zaak["url"], json={"relevanteAndereZaken": relaties}, headers={**superuser, **CRS}
    )
    assert_oas(response)
    assert response.status_code == 200, response.text
    await _anna(client, opzet)

    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}/relaties")).text
    relaties_html = page[page.index('id="relaties"') : page.index("Terug naar de werkvoorraad")]
    assert (
        f'<a class="utrecht-link" href="/zaakdossier/{deelzaak["uuid"]}">ZAAK-DEEL</a> (Toets: Welstand)'
        in relaties_html
    )
    assert re.search(
        rf'href="/zaakdossier/{vorige["uuid"]}">ZAAK-VORIGE</a>.*</td>\s*<td[^>]*>Vervolg: de andere zaak',
        relaties_html,
    )
    assert re.search(r"<td[^>]*>Zaak buiten uw autorisaties</td>\s*<td[^>]*>Onderwerp: ", relaties_html)
    assert (
        "ZAAK-GEHEIM" not in page
        and "Verborgen" not in page
        and geheim["uuid"] not in relaties_html.replace(geheim["url"], "")
    )

    deel_page = (await client.get(f"/zaakdossier/{deelzaak['uuid']}/relaties")).text
    assert (
        f'Deze zaak is een deelzaak van <a class="utrecht-link" href="/zaakdossier/{opzet.zaak["uuid"]}">ZAAK-HOOFD</a>'
        in deel_page
    )


async def test_relating_a_zaak_by_its_zaaknummer_and_removing_the_relation(client, superuser):
    opzet = await _opzet(client, superuser)
    vorige = await create_zaak(client, superuser, opzet.hoofd.url, identificatie="ZAAK-VORIGE")
    await create_zaak(client, superuser, opzet.ander.url, identificatie="ZAAK-GEHEIM")
    csrf = await _anna(client, opzet)
    action = f"/zaakdossier/{opzet.zaak['uuid']}/relaties"

    def fout(response, veld: str, melding: str) -> bool:
        return f'id="fout-relatie-{veld}">{melding}</div>' in response.text

    empty = await client.post(action, data={"csrf_token": csrf, "zaaknummer": "", "aard": ""})
    empty = await after_refusal(client, empty)
    assert fout(empty, "zaaknummer", "Vul het zaaknummer in.") and fout(empty, "aard", "Kies de aard van de relatie.")
    for onbekend in ("ZAAK-BESTAAT-NIET", "ZAAK-GEHEIM"):  # a zaak out of sight does not exist for her
        unknown = await client.post(action, data={"csrf_token": csrf, "zaaknummer": onbekend, "aard": "vervolg"})
        unknown = await after_refusal(client, unknown)
        assert fout(unknown, "zaaknummer", "Er is geen zaak met dit zaaknummer.")
        assert 'aria-invalid="true" aria-describedby="fout-relatie-zaaknummer"' in unknown.text
    itself = await client.post(action, data={"csrf_token": csrf, "zaaknummer": "ZAAK-HOOFD", "aard": "vervolg"})
    itself = await after_refusal(client, itself)
    assert fout(itself, "zaaknummer", "Dit is het zaaknummer van deze zaak zelf.")
    assert (await _zaak(client, superuser, opzet.zaak))["relevanteAndereZaken"] == []

    added = await client.post(action, data={"csrf_token": csrf, "zaaknummer": "ZAAK-VORIGE", "aard": "vervolg"})
    assert added.status_code == 303 and added.headers["location"].endswith("?melding=relatie-toegevoegd")
    assert (await _zaak(client, superuser, opzet.zaak))["relevanteAndereZaken"] == [
        {"url": vorige["url"], "aardRelatie": "vervolg"}
    ]
    again = await client.post(action, data={"csrf_token": csrf, "zaaknummer": "ZAAK-VORIGE", "aard": "vervolg"})
    again = await after_refusal(client, again)
    assert fout(again, "zaaknummer", "Deze zaak is al zo gerelateerd.")
    page = (await client.get(added.headers["location"])).text
    assert "De gerelateerde zaak is toegevoegd." in page and ">ZAAK-VORIGE</a>" in page
    trail = await get(client, superuser, f"{opzet.zaak['url']}/audittrail")
    assert (trail[-1]["resource"], trail[-1]["actie"], trail[-1]["gebruikersId"]) == ("zaak", "partial_update", "anna")

    remove = f"{action}/verwijderen"
    missing = await client.post(remove, data={"csrf_token": csrf, "url": vorige["url"], "aard": "bijdrage"})
    assert missing.status_code == 404
    removed = await client.post(remove, data={"csrf_token": csrf, "url": vorige["url"], "aard": "vervolg"})
    assert removed.status_code == 303 and removed.headers["location"].endswith("?melding=relatie-verwijderd")
    assert (await _zaak(client, superuser, opzet.zaak))["relevanteAndereZaken"] == []


async def test_starting_a_deelzaak(client, superuser):
    opzet = await _opzet(client, superuser)
    csrf = await _anna(client, opzet, organisatie="517439943")
    action = f"/zaakdossier/{opzet.zaak['uuid']}/deelzaken"
    deel = opzet.deel.url.rsplit("/", 1)[1]

    def fout(response, veld: str, melding: str) -> bool:
        return f'id="fout-deelzaak-{veld}">{melding}</div>' in response.text

    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}/relaties")).text
    form = page[page.index('id="deelzaak-aanmaken"') :]
    assert f'<option value="{deel}">Toets (DEEL)</option>' in form and "Advies" not in form
    empty = await client.post(action, data={"csrf_token": csrf, "deelzaaktype": "", "omschrijving": ""})
    empty = await after_refusal(client, empty)
    assert fout(empty, "deelzaaktype", "Kies het zaaktype van de deelzaak.")
    assert fout(empty, "omschrijving", "Vul een omschrijving in.")
    # The dossier's own rule (the Zaken API accepts any deelzaak): only a deelzaaktype the hoofdzaak's zaaktype
    # names.
    not_named = await client.post(
        action, data={"csrf_token": csrf, "deelzaaktype": opzet.sub.url.rsplit("/", 1)[1], "omschrijving": "Advies"}
    )
    not_named = await after_refusal(client, not_named)
    assert fout(
        not_named, "deelzaaktype", "Het zaaktype van de hoofdzaak staat zaaktype SUB niet toe als deelzaaktype."
    )

    created = await client.post(
        action, data={"csrf_token": csrf, "deelzaaktype": deel, "omschrijving": "Welstandstoets"}
    )
    assert created.status_code == 303
    location = created.headers["location"]
    deelzaak_uuid = re.fullmatch(r"/zaakdossier/([0-9a-f-]{36})/relaties\?melding=deelzaak-aangemaakt", location)[1]
    assert deelzaak_uuid != opzet.zaak["uuid"]
    deelzaak = await get(client, superuser, f"{ZAKEN}/zaken/{deelzaak_uuid}")
    assert deelzaak["hoofdzaak"] == opzet.zaak["url"] and deelzaak["zaaktype"] == opzet.deel.url
    assert deelzaak["omschrijving"] == "Welstandstoets" and deelzaak["bronorganisatie"] == "517439943"
    assert deelzaak["startdatum"] == date.today().isoformat() and deelzaak["status"]  # its first status
    page = (await client.get(location)).text
    assert "De deelzaak is aangemaakt." in page and "Deze zaak is een deelzaak van" in page

    # A deelzaak has no deelzaken of its own, even where its zaaktype names some (zrc-013).
    sub = opzet.sub.url.rsplit("/", 1)[1]
    nested = await client.post(
        f"/zaakdossier/{deelzaak_uuid}/deelzaken",
        data={"csrf_token": csrf, "deelzaaktype": sub, "omschrijving": "Advies"},
    )
    nested = await after_refusal(client, nested)
    assert fout(nested, "deelzaaktype", "De hoofdzaak is zelf een deelzaak; deelzaken van deelzaken mogen niet.")
    zaken = await get(client, superuser, f"{ZAKEN}/zaken")
    assert zaken["count"] == 2  # refused attempts left nothing behind


async def test_who_may_relate_and_start_deelzaken(client, superuser):
    opzet = await _opzet(client, superuser)
    await create_zaak(client, superuser, opzet.hoofd.url, identificatie="ZAAK-VORIGE")
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    deelzaak = {"deelzaaktype": opzet.deel.url.rsplit("/", 1)[1], "omschrijving": "Toets"}
    relatie = {"zaaknummer": "ZAAK-VORIGE", "aard": "bijdrage"}
    base = f"/zaakdossier/{opzet.zaak['uuid']}"

    # A manager may change a zaak, so relate it, but may not start zaken.
    csrf = await logged_in(client, "mila")
    page = (await client.get(f"{base}/relaties")).text
    assert "Gerelateerde zaak toevoegen" in page and "Deelzaak aanmaken" not in page
    refused = await client.post(f"{base}/deelzaken", data={"csrf_token": csrf, **deelzaak})
    assert refused.status_code == 403 and "U mag geen zaken van dit zaaktype starten." in refused.text
    assert (await client.post(f"{base}/relaties", data={"csrf_token": csrf, **relatie})).status_code == 303
    client.cookies.clear()
    csrf = await logged_in(client, "karin")
    assert (await client.post(f"{base}/relaties", data={"csrf_token": csrf, **relatie})).status_code == 403
    client.cookies.clear()
    await make_medewerker("olaf", autorisaties=[(opzet.ander.url, "zeer_geheim")])
    csrf = await logged_in(client, "olaf")
    assert (await client.post(f"{base}/relaties", data={"csrf_token": csrf, **relatie})).status_code == 404
    assert (await client.post(f"{base}/deelzaken", data={"csrf_token": csrf, **deelzaak})).status_code == 404

    client.cookies.clear()
    await set_status(client, superuser, opzet.zaak["url"], opzet.hoofd.statustypen[0])
    await close_zaak(client, superuser, opzet.hoofd, opzet.zaak["url"])
    csrf = await _anna(client, opzet)
    page = (await client.get(f"{base}/relaties")).text
    assert "Relaties</h2>" in page and ">ZAAK-VORIGE</a>" in page
    assert "Gerelateerde zaak toevoegen" not in page and "Deelzaak aanmaken" not in page
    assert "Relatie verwijderen" not in page
    nieuwe_relatie = {**relatie, "aard": "onderwerp"}
    assert (await client.post(f"{base}/relaties", data={"csrf_token": csrf, **nieuwe_relatie})).status_code == 403
    closed = await client.post(f"{base}/deelzaken", data={"csrf_token": csrf, **deelzaak})
    assert closed.status_code == 403 and "De zaak is afgesloten; er kunnen geen deelzaken meer bij." in closed.text


async def test_a_behandelaar_relates_a_zaak_and_starts_a_deelzaak(page, client, superuser):
    opzet = await _opzet(client, superuser)
    await create_zaak(client, superuser, opzet.hoofd.url, identificatie="ZAAK-VORIGE", omschrijving="Eerdere aanvraag")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await page.goto(f"/zaakdossier/{opzet.zaak['uuid']}")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("link", name="Relaties", exact=True).click()
    await page.get_by_role("heading", name="Relaties", exact=True).wait_for()
    await assert_accessible(page)

    await page.get_by_label("Zaaknummer").fill("ZAAK-ONBEKEND")
    await page.get_by_label("Aard van de relatie").select_option("vervolg")
    await page.get_by_role("button", name="Gerelateerde zaak toevoegen").click()
    await page.locator("#fout-relatie-zaaknummer").get_by_text("Er is geen zaak met dit zaaknummer.").wait_for()
    await assert_accessible(page)
    await page.get_by_label("Zaaknummer").fill("ZAAK-VORIGE")
    await page.get_by_role("button", name="Gerelateerde zaak toevoegen").click()
    await page.get_by_text("De gerelateerde zaak is toegevoegd.").wait_for()
    assert await page.get_by_role("link", name="ZAAK-VORIGE").is_visible()

    await page.get_by_label("Omschrijving van de deelzaak").fill("Welstandstoets")
    await page.get_by_role("button", name="Deelzaak aanmaken").click()
    await page.get_by_text("De deelzaak is aangemaakt.").wait_for()
    assert await page.get_by_text("Toets: Welstandstoets").is_visible()
    assert await page.get_by_role("link", name="ZAAK-HOOFD").is_visible()  # back to the hoofdzaak
    await assert_accessible(page)
    await page.get_by_role("link", name="ZAAK-HOOFD").click()
    await page.get_by_role("heading", name="Zaak ZAAK-HOOFD").wait_for()
    await page.get_by_role("link", name="Relaties", exact=True).click()
    assert await page.get_by_role("listitem").filter(has_text="Toets: Welstandstoets").is_visible()
