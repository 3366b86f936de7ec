"""Beheer of the catalogue: the catalogi with the versions of their zaaktypen on a timeline, and one version with its
parts; beheerders only, in a fixed number of queries."""

import re
from datetime import date, timedelta

from tests.catalogi.factories import besluittype_body, create_catalogus, informatieobjecttype_body, post, publish
from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker
from tests.zaken.factories import OTHER_RSIN, close_zaak, create_zaak, create_zaaktype_setup

OVERZICHT = "/beheer/catalogus"
VANDAAG = date.today()


def _dag(dagen: int) -> str:
    return (VANDAAG + timedelta(days=dagen)).isoformat()


def _op(dagen: int) -> str:
    """That day as the pages show it."""
    return f"{VANDAAG + timedelta(days=dagen):%d-%m-%Y}"


def _versies(html: str) -> list[str]:
    """The versions on the page as text: one line per <li> of the timelines, without markup."""
    items = re.findall(r'<li class="zg-versies__versie[^"]*">(.*?)</li>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def _uuid(url: str) -> str:
    return url.rsplit("/", 1)[1]


async def _vergunning(client, headers, catalogus: str | None = None) -> dict:
    """Zaaktype ZT-VERGUNNING in three versions: one ended 30 days ago (two open zaken and a closed one), one valid
    today until next month (one open zaak, a documenttype and a besluittype), and a concept that follows it."""
    oud = await create_zaaktype_setup(
        client,
        headers,
        catalogus=catalogus,
        beginGeldigheid=_dag(-400),
        eindeGeldigheid=_dag(-30),
        versiedatum=_dag(-400),
        doorlooptijd="P6W",
    )
    for _ in range(2):
        zaak = await create_zaak(client, headers, oud.url, startdatum=_dag(-100))
    await close_zaak(client, headers, oud, zaak["url"], f"{_dag(-50)}T10:00:00+01:00")
    await create_zaak(client, headers, oud.url, startdatum=_dag(-90))

    iot = await post(
        client,
        headers,
        "informatieobjecttypen",
        informatieobjecttype_body(oud.catalogus, beginGeldigheid=_dag(-400)),
        200,
    )
    await publish(client, headers, iot["url"])
    besluittype = await post(
        client,
        headers,
        "besluittypen",
        besluittype_body(oud.catalogus, besluitcategorie="Vergunning", beginGeldigheid=_dag(-400)),
    )
    await publish(client, headers, besluittype["url"])
    huidig = await create_zaaktype_setup(
        client,
        headers,
        catalogus=oud.catalogus,
        publish_it=False,
        beginGeldigheid=_dag(-29),
        eindeGeldigheid=_dag(29),
        versiedatum=_dag(-35),
        doorlooptijd="P8W",
        servicenorm="P1M",
        besluittypen=["Vergunningsbesluit"],
    )
    await post(
        client,
        headers,
        "zaaktype-informatieobjecttypen",
        {
            "zaaktype": huidig.url,
            "informatieobjecttype": iot["url"],
            "volgnummer": 1,
            "richting": "inkomend",
            "statustype": huidig.statustypen[0],
        },
    )
    await publish(client, headers, huidig.url)
    await create_zaak(client, headers, huidig.url, startdatum=_dag(-10))
    concept = await create_zaaktype_setup(
        client,
        headers,
        catalogus=oud.catalogus,
        publish_it=False,
        beginGeldigheid=_dag(30),
        versiedatum=_dag(-1),
        doorlooptijd="P1Y6M",
    )
    return {"oud": oud, "huidig": huidig, "concept": concept}


async def _as_beheerder(client) -> str:
    await make_medewerker("bea", rollen=("beheerder",), naam="Bea Beheer")
    return await logged_in(client, "bea")


async def test_the_timeline_shows_each_version_with_its_state_and_open_zaken(client, superuser):
    zaaktypen = await _vergunning(client, superuser)
    await _as_beheerder(client)

    page = await client.get(OVERZICHT)

    assert page.status_code == 200
    assert 'href="/beheer/catalogus" aria-current="page"' in page.text  # the Beheer sub-navigation
    assert "Domein GEM &middot; RSIN 002220647" in page.text
    assert "Zaaktype ZT-VERGUNNING" in page.text
    assert f"vandaag geldt de versie van {_op(-35)}" in page.text
    assert "3 open zaken" in page.text  # of the zaaktype, every version together
    assert _versies(page.text) == [
        f"Versie van {_op(-400)} Beëindigd Geldig van {_op(-400)} tot en met {_op(-30)}. Doorlooptijd 6 weken. "
        "2 open zaken.",
        f"Versie van {_op(-35)} Geldig vandaag Geldig van {_op(-29)} tot en met {_op(29)}. Doorlooptijd 8 weken. "
        "1 open zaak.",
        f"Versie van {_op(-1)} Concept Geldig vanaf {_op(30)}. Doorlooptijd 1 jaar en 6 maanden. 0 open zaken.",
    ]
    for versie in zaaktypen.values():
        assert f'href="/beheer/catalogus/zaaktypen/{_uuid(versie.url)}"' in page.text
    assert "zg-versies__versie--geldig" in page.text and page.text.count("zg-versies__versie--geldig") == 1


async def test_a_version_shows_its_parts(client, superuser):
    zaaktypen = await _vergunning(client, superuser)
    await _as_beheerder(client)

    page = await client.get(f"/beheer/catalogus/zaaktypen/{_uuid(zaaktypen['huidig'].url)}")

    assert page.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", page.text).split())
    assert "Zaaktype ZT-VERGUNNING, versie van" in text
    assert "Geldig vandaag . Er is 1 open zaak van deze versie." in text
    assert "Doorlooptijd 8 weken" in text and "Servicenorm 1 maand" in text
    assert "Verlengen Mogelijk, met ten hoogste 6 weken" in text
    assert "Selectielijst procestype 6. Verzoeken behandelen (2020)" in text
    assert "Vertrouwelijkheid Zaakvertrouwelijk" in text
    # The statustypen in order, the last the eindstatus.
    assert re.search(r"1 Ontvangen .* 2 In behandeling .* 3 Afgehandeld \(eindstatus\)", text)
    assert "Aanvrager Initiator" in text and "Behandelaar Behandelaar" in text
    assert "datum_vervallen datum_vervallen datum 8 1 Vrij Geen" in text
    assert "Verleend Toegekend 6.1.8 Ingewilligd (Handhavingsverzoek) Vernietigen 10 jaar Afgehandeld" in text
    assert "1 Aanvraagformulier Inkomend Aanvraag Zaakvertrouwelijk Ontvangen" in text
    assert "Vergunningsbesluit Vergunning Geen" in text
    # The other versions are a link away; this one is the current page.
    assert f'href="/beheer/catalogus/zaaktypen/{_uuid(zaaktypen["oud"].url)}"' in page.text
    assert f'href="/beheer/catalogus/zaaktypen/{_uuid(zaaktypen["huidig"].url)}"' not in page.text
    assert '<strong aria-current="page">Versie van' in page.text

    concept = await client.get(f"/beheer/catalogus/zaaktypen/{_uuid(zaaktypen['concept'].url)}")
    assert concept.status_code == 200
    assert '<span class="zg-label">Concept</span>' in concept.text
    assert "Dit zaaktype heeft nog geen documenttypen." in concept.text
    assert "Dit zaaktype kent geen besluittypen." in concept.text

    unknown = await client.get("/beheer/catalogus/zaaktypen/00000000-0000-0000-0000-000000000000")
    assert unknown.status_code == 404


async def test_only_a_beheerder_sees_the_catalogue(client, superuser):
    zaaktypen = await _vergunning(client, superuser)
    await make_medewerker("piet", rollen=("behandelaar", "manager"), heeft_alle_autorisaties=True)
    await logged_in(client, "piet")

    for url in (OVERZICHT, f"/beheer/catalogus/zaaktypen/{_uuid(zaaktypen['huidig'].url)}"):
        response = await client.get(url)
        assert response.status_code == 403, url
        assert "alleen voor medewerkers met de rol beheerder" in response.text
        assert "ZT-VERGUNNING" not in response.text


async def test_the_pages_cost_the_same_queries_for_one_or_many_zaaktypen(client, superuser):
    eerste = await create_zaaktype_setup(client, superuser, identificatie="ZT-EERSTE")
    await _as_beheerder(client)
    with count_queries() as een_overzicht:
        assert (await client.get(OVERZICHT)).status_code == 200
    with count_queries() as een_detail:
        assert (await client.get(f"/beheer/catalogus/zaaktypen/{_uuid(eerste.url)}")).status_code == 200

    ander = (await create_catalogus(client, superuser, domein="ANDER", rsin=OTHER_RSIN))["url"]
    zaaktypen = await _vergunning(client, superuser, ander)  # another catalogus, three versions, parts, zaken
    await create_zaaktype_setup(client, superuser, catalogus=eerste.catalogus, identificatie="ZT-TWEEDE")
    with count_queries() as veel_overzicht:
        page = await client.get(OVERZICHT)
    assert len(_versies(page.text)) == 5
    with count_queries() as veel_detail:
        page = await client.get(f"/beheer/catalogus/zaaktypen/{_uuid(zaaktypen['huidig'].url)}")
    assert "Aanvraagformulier" in page.text and "Vergunningsbesluit" in page.text
    # The concept gets more of each part than the first zaaktype has.
    concept = zaaktypen["concept"].url
    for volgnummer in (4, 5):
        body = {"zaaktype": concept, "omschrijving": f"Stap {volgnummer}", "volgnummer": volgnummer}
        await post(client, superuser, "statustypen", body)
    for omschrijving in ("Adviseur", "Mede-initiator"):
        body = {"zaaktype": concept, "omschrijving": omschrijving, "omschrijvingGeneriek": "adviseur"}
        await post(client, superuser, "roltypen", body)
    specificatie = {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1", "waardenverzameling": []}
    for naam in ("kenmerk", "locatie"):
        body = {"zaaktype": concept, "naam": naam, "definitie": naam, "specificatie": specificatie}
        await post(client, superuser, "eigenschappen", body)
    with count_queries() as concept_detail:
        page = await client.get(f"/beheer/catalogus/zaaktypen/{_uuid(concept)}")
    assert "Stap 5 (eindstatus)" in page.text and "Mede-initiator" in page.text and "locatie" in page.text

    assert een_overzicht[0] == veel_overzicht[0]
    assert een_detail[0] == veel_detail[0] == concept_detail[0]


async def test_the_beheerder_finds_a_version_from_the_beheer_menu(page, client, superuser):
    zaaktypen = await _vergunning(client, superuser)
    await make_medewerker("bea", rollen=("beheerder",), naam="Bea Beheer")

    await page.goto("/inloggen")
    await page.get_by_label("Gebruikersnaam").fill("bea")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    await page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Catalogus").click()
    await page.wait_for_url("**/beheer/catalogus")
    await assert_accessible(page)

    versies = page.get_by_role("list", name="Versies van Omgevingsvergunning")
    assert await versies.get_by_role("listitem").count() == 3
    await versies.get_by_role("listitem").nth(1).get_by_role("link").click()
    await page.wait_for_url(f"**/beheer/catalogus/zaaktypen/{_uuid(zaaktypen['huidig'].url)}")
    assert await page.get_by_role("heading", level=1).inner_text() == "Omgevingsvergunning"
    assert await page.get_by_role("heading", name="Statustypen").is_visible()
    await assert_accessible(page)
