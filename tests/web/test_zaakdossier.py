"""The zaakdossier's overview: header, deadlines with days left, status timeline, betrokkenen; 404 when out of sight."""

import uuid
from datetime import date, timedelta

from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker
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
    assert "Anna Jansen" in text and "999990019" in text and "Pieters" in text
    assert "(nog 10 dagen)" in text and "Zaakvertrouwelijk" in text
    assert text.index("Ontvangen</strong> &middot; 02-03-2026") < text.index(
        "In behandeling</strong> &middot; 05-03-2026"
    )
    assert "<dd>In behandeling</dd>" in text


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
