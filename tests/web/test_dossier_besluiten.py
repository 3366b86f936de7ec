"""The zaakdossier's besluiten: the zaak's besluiten with their documents, and recording one (with the documents
of the zaak that lay it down) through the Besluiten services in one transaction."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

import httpx

from tests.besluiten.factories import create_besluit
from tests.catalogi.factories import besluittype_body, create_catalogus, informatieobjecttype_body, post, publish
from tests.conftest import BASE
from tests.documenten.factories import EIO, create_document, document_body
from tests.oas import assert_oas
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import RSIN, WACHTWOORD, after_refusal, logged_in, make_medewerker
from tests.zaken.factories import CRS, ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, zaken_post

BESLUITEN = f"{BASE}/besluiten/api/v1"


@dataclass
class Opzet:
    setup: object
    informatieobjecttypen: dict[str, str]  # omschrijving -> URL
    besluittype: str
    boetebesluit: str  # published, but not named by the zaaktype
    zaak: dict


async def _opzet(client, superuser) -> Opzet:
    """A zaaktype naming the besluittype Vergunningsbesluit, which Besluitbrieven lay down; a zaak of it."""
    catalogus = (await create_catalogus(client, superuser))["url"]
    iots = {}
    for omschrijving in ("Besluitbrief", "Aanvraagformulier"):
        body = informatieobjecttype_body(catalogus, omschrijving=omschrijving)
        iots[omschrijving] = (await post(client, superuser, "informatieobjecttypen", body, 200))["url"]
        await publish(client, superuser, iots[omschrijving])
    besluittypen = []
    for omschrijving, documenten in (("Vergunningsbesluit", ["Besluitbrief"]), ("Boetebesluit", [])):
        body = besluittype_body(catalogus, omschrijving=omschrijving, informatieobjecttypen=documenten)
        besluittypen.append((await post(client, superuser, "besluittypen", body))["url"])
        await publish(client, superuser, besluittypen[-1])
    setup = await create_zaaktype_setup(
        client, superuser, catalogus=catalogus, publish_it=False, besluittypen=["Vergunningsbesluit"]
    )
    for volgnummer, omschrijving in enumerate(iots, start=1):
        ztiot = {"zaaktype": setup.url, "informatieobjecttype": omschrijving, "volgnummer": volgnummer}
        await post(client, superuser, "zaaktype-informatieobjecttypen", {**ztiot, "richting": "inkomend"})
    await publish(client, superuser, setup.url)
    zaak = await create_zaak(client, superuser, setup.url, identificatie="ZAAK-BESLUIT")
    return Opzet(setup, iots, besluittypen[0], besluittypen[1], zaak)


async def _document(client, superuser, opzet: Opzet, omschrijving: str, titel: str) -> str:
    """A document of this type, linked to the zaak; its URL."""
    document = await create_document(client, superuser, opzet.informatieobjecttypen[omschrijving], titel=titel)
    link = {"zaak": opzet.zaak["url"], "informatieobject": document["url"]}
    await zaken_post(client, superuser, "zaakinformatieobjecten", link)
    return document["url"]


async def _besluiten(client, superuser, zaak: dict) -> list[dict]:
    response = await client.get(f"{BESLUITEN}/besluiten", params={"zaak": zaak["url"]}, headers=superuser)
    assert_oas(response)
    return response.json()["results"]


async def _behandelaar(client) -> str:
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    return await logged_in(client, "piet")


def _uuid(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _besluit(csrf: str, besluittype: str, **fields) -> dict:
    return {
        "csrf_token": csrf,
        "besluittype": _uuid(besluittype),
        "datum": date.today().isoformat(),
        "ingangsdatum": "2026-08-01",
        "vervaldatum": "",
        "vervalreden": "",
        "toelichting": "",
        **fields,
    }


async def test_recording_a_besluit_with_the_document_that_lays_it_down(client, superuser):
    opzet = await _opzet(client, superuser)
    brief = await _document(client, superuser, opzet, "Besluitbrief", "Besluitbrief dakkapel")
    await _document(client, superuser, opzet, "Aanvraagformulier", "Aanvraag dakkapel")
    csrf = await _behandelaar(client)

    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}/besluiten")).text
    assert '<h2 class="utrecht-heading-2" id="besluiten">Besluiten</h2>' in page
    assert 'aria-current="page">Besluiten<' in page
    assert "Er zijn nog geen besluiten vastgelegd." in page
    form = page[page.index('id="besluit-vastleggen"') :]
    form = form[: form.index("</form>")]
    assert ">Vergunningsbesluit</option>" in form and "Boetebesluit" not in form
    assert f'id="besluit-datum" name="datum" type="date" value="{date.today().isoformat()}"' in form
    # Only the zaak's documents of a type the besluittype names may lay it down (brc-008).
    assert "Besluitbrief dakkapel (Besluitbrief)" in form and "Aanvraag dakkapel" not in form

    done = await client.post(
        f"/zaakdossier/{opzet.zaak['uuid']}/besluiten",
        data=_besluit(
            csrf,
            opzet.besluittype,
            vervaldatum="2027-08-01",
            vervalreden="tijdelijk",
            toelichting="Verleend voor een jaar",
            documenten=brief,
        ),
    )
    assert done.headers["location"] == f"/zaakdossier/{opzet.zaak['uuid']}/besluiten?melding=besluit-vastgelegd"
    [besluit] = await _besluiten(client, superuser, opzet.zaak)
    assert besluit["besluittype"] == opzet.besluittype and besluit["verantwoordelijkeOrganisatie"] == RSIN
    assert (besluit["datum"], besluit["ingangsdatum"], besluit["vervaldatum"]) == (
        date.today().isoformat(),
        "2026-08-01",
        "2027-08-01",
    )
    assert besluit["vervalreden"] == "tijdelijk" and besluit["toelichting"] == "Verleend voor een jaar"
    response = await client.get(
        f"{BESLUITEN}/besluitinformatieobjecten", params={"besluit": besluit["url"]}, headers=superuser
    )
    assert_oas(response)
    assert [relation["informatieobject"] for relation in response.json()] == [brief]
    trail = await client.get(f"{besluit['url']}/audittrail", headers=superuser)
    assert_oas(trail)
    assert {(entry["resource"], entry["gebruikersId"]) for entry in trail.json()} == {
        ("besluit", "piet"),
        ("besluitinformatieobject", "piet"),
    }

    page = (await client.get(done.headers["location"])).text
    assert "Het besluit is vastgelegd." in page
    # The history names the besluit by its besluittype, not by its address in the Besluiten API.
    historie = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}/geschiedenis")).text
    geschiedenis = historie[historie.index('id="geschiedenis"') :]
    assert "Besluit &#39;Vergunningsbesluit&#39; vastgelegd door Piet Pieters." in geschiedenis
    assert "/besluiten/api/" not in geschiedenis
    row = page[page.index(besluit["identificatie"]) :]
    assert re.search(
        rf"<td[^>]*>Vergunningsbesluit</td>\s*<td[^>]*>{date.today():%d-%m-%Y}</td>\s*<td[^>]*>01-08-2026</td>\s*"
        r"<td[^>]*>01-08-2027 \(Besluit met tijdelijke werking\)</td>\s*<td[^>]*>Verleend voor een jaar</td>\s*"
        r"<td[^>]*>Besluitbrief dakkapel</td>",
        row,
    )


async def test_objections_appear_beside_their_field(client, superuser):
    opzet = await _opzet(client, superuser)
    await _document(client, superuser, opzet, "Besluitbrief", "Besluitbrief dakkapel")
    aanvraag = await _document(client, superuser, opzet, "Aanvraagformulier", "Aanvraag dakkapel")
    elders = await create_document(client, superuser, opzet.informatieobjecttypen["Besluitbrief"], titel="Elders")
    csrf = await _behandelaar(client)
    action = f"/zaakdossier/{opzet.zaak['uuid']}/besluiten"

    def fout(response, veld: str, melding: str) -> bool:
        return f'id="fout-besluit-{veld}">{melding}</div>' in response.text

    empty = await client.post(
        action, data={**_besluit(csrf, opzet.besluittype, datum="", ingangsdatum=""), "besluittype": ""}
    )
    empty = await after_refusal(client, empty)
    assert fout(empty, "besluittype", "Kies het besluittype.")
    assert fout(empty, "datum", "Vul de beslisdatum in, bijvoorbeeld 28-07-2026.")
    assert fout(empty, "ingangsdatum", "Vul de ingangsdatum in, bijvoorbeeld 28-07-2026.")
    wrong = await client.post(action, data=_besluit(csrf, opzet.besluittype, vervaldatum="morgen", vervalreden="x"))
    wrong = await after_refusal(client, wrong)
    assert fout(wrong, "vervaldatum", "Vul een geldige vervaldatum in, bijvoorbeeld 28-07-2026, of laat het veld leeg.")
    assert fout(wrong, "vervalreden", "Kies een reden uit de lijst.")
    # The Besluiten service's objections: brc's future_not_allowed and zaaktype-mismatch (brc-007), ...
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    future = await client.post(action, data=_besluit(csrf, opzet.besluittype, datum=tomorrow))
    future = await after_refusal(client, future)
    assert fout(future, "datum", "De beslisdatum mag niet in de toekomst liggen.")
    assert 'aria-invalid="true" aria-describedby="hint-besluit-datum fout-besluit-datum"' in future.text
    assert f'value="{tomorrow}"' in future.text  # what was filled in stays
    mismatch = await client.post(action, data=_besluit(csrf, opzet.boetebesluit))
    mismatch = await after_refusal(client, mismatch)
    assert fout(mismatch, "besluittype", "Het besluittype hoort niet bij het zaaktype van de zaak.")
    # ... brc-008 for a document of another type, and a document that is not the zaak's.
    other_type = await client.post(action, data=_besluit(csrf, opzet.besluittype, documenten=aanvraag))
    other_type = await after_refusal(client, other_type)
    assert fout(
        other_type,
        "documenten",
        "Het informatieobjecttype van het informatieobject hoort niet bij het besluittype van het besluit.",
    )
    not_ours = await client.post(action, data=_besluit(csrf, opzet.besluittype, documenten=elders["url"]))
    not_ours = await after_refusal(client, not_ours)
    assert fout(not_ours, "documenten", "Kies alleen documenten van deze zaak.")
    # One transaction: the besluit refused for its document was not kept either.
    assert await _besluiten(client, superuser, opzet.zaak) == []


async def test_a_manager_reads_besluiten_but_may_not_record_them(client, superuser):
    opzet = await _opzet(client, superuser)
    await create_besluit(client, superuser, opzet.besluittype, zaak=opzet.zaak["url"])
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "mila")

    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}/besluiten")).text
    assert "Vergunningsbesluit" in page and "15-03-2026" in page
    assert "Besluit vastleggen" not in page
    refused = await client.post(f"/zaakdossier/{opzet.zaak['uuid']}/besluiten", data=_besluit(csrf, opzet.besluittype))
    assert refused.status_code == 403 and "U mag geen besluiten vastleggen." in refused.text
    assert len(await _besluiten(client, superuser, opzet.zaak)) == 1


async def test_out_of_sight_other_roles_and_closed_zaken(client, superuser):
    opzet = await _opzet(client, superuser)
    other = await create_zaaktype_setup(client, superuser, catalogus=opzet.setup.catalogus, identificatie="ANDER")
    await make_medewerker("anna", autorisaties=[(other.url, "zeer_geheim")])
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    action = f"/zaakdossier/{opzet.zaak['uuid']}/besluiten"

    csrf = await logged_in(client, "anna")
    assert (await client.post(action, data=_besluit(csrf, opzet.besluittype))).status_code == 404
    client.cookies.clear()
    csrf = await logged_in(client, "karin")
    assert (await client.post(action, data=_besluit(csrf, opzet.besluittype))).status_code == 403

    client.cookies.clear()
    await close_zaak(client, superuser, opzet.setup, opzet.zaak["url"])
    csrf = await _behandelaar(client)
    page = (await client.get(f"/zaakdossier/{opzet.zaak['uuid']}/besluiten")).text
    assert "Besluiten</h2>" in page and "Besluit vastleggen" not in page
    closed = await client.post(action, data=_besluit(csrf, opzet.besluittype))
    assert closed.status_code == 403 and "De zaak is afgesloten; er kan geen besluit meer bij." in closed.text
    assert await _besluiten(client, superuser, opzet.zaak) == []


async def test_a_behandelaar_records_a_besluit(page, live_server, app, client, superuser):
    opzet = await _opzet(client, superuser)
    # The page runs on the live server: the document's URLs must be that server's, as in production.
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=live_server) as live:
        iot = opzet.informatieobjecttypen["Besluitbrief"].replace(BASE, live_server)
        document = await live.post(
            EIO.replace(BASE, ""), json=document_body(iot, titel="Besluitbrief"), headers=superuser
        )
        assert_oas(document)
        assert document.status_code == 201, document.text
        link = {"zaak": opzet.zaak["url"].replace(BASE, live_server), "informatieobject": document.json()["url"]}
        linked = await live.post(
            f"{ZAKEN.replace(BASE, '')}/zaakinformatieobjecten", json=link, headers={**superuser, **CRS}
        )
        assert_oas(linked)
        assert linked.status_code == 201, linked.text
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await page.goto(f"/zaakdossier/{opzet.zaak['uuid']}")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    # The next step in the summary leads to the form on the Besluiten tab.
    await page.get_by_role("link", name="Besluit vastleggen").click()
    await page.get_by_role("heading", name="Besluit vastleggen").wait_for()
    await assert_accessible(page)

    await page.get_by_label("Ingangsdatum").fill("2026-08-01")
    await page.locator("#besluit-toelichting").fill("Vergunning verleend")
    await page.get_by_label("Besluitbrief (Besluitbrief)").check()
    await page.get_by_role("button", name="Besluit vastleggen").click()
    await page.get_by_text("Het besluit is vastgelegd.").wait_for()
    row = page.get_by_role("row").filter(has_text="Vergunning verleend")
    assert await row.get_by_role("cell", name="01-08-2026").is_visible()
    assert await row.get_by_role("cell", name="Besluitbrief").is_visible()
    await assert_accessible(page)
