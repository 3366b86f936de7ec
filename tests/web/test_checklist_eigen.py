"""The behandelaar's own checklist: items they put on a zaak of their own accord, beside the statustypen's
checklists, answered in the same terms, shown in the Geschiedenis, holding up no status, and removable while
they have no answer."""

import re

from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal, logged_in, make_medewerker
from tests.web.test_behandeling import _statustype, _zaak, _zaaktype
from tests.zaken.factories import close_zaak


def _punt_uuids(page: str) -> list[str]:
    """The own items of the answers form, in its order."""
    return re.findall(r'name="punt-\d+" value="([0-9a-f-]{36})"', page)


async def _toevoegen(client, csrf: str, zaak: dict, vraag: str, toelichting: str = ""):
    return await client.post(
        f"/zaakdossier/{zaak['uuid']}/eigen-checklist/punten",
        data={"csrf_token": csrf, "vraag": vraag, "toelichting": toelichting},
    )


async def test_own_items_are_put_on_answered_and_removed_while_unanswered(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    dossier = f"/zaakdossier/{zaak['uuid']}"

    page = (await client.get(f"{dossier}/taken")).text
    assert "Er staan nog geen eigen punten op de checklist." in page
    empty = await after_refusal(client, await _toevoegen(client, csrf, zaak, "   "))
    assert 'id="fout-eigen-punt-vraag">Vul de vraag in.</div>' in empty.text
    assert '<a class="utrecht-link" href="#eigen-punt-vraag">Vul de vraag in.</a>' in empty.text  # the summary
    too_long = await after_refusal(client, await _toevoegen(client, csrf, zaak, "Vraag?", "x" * 1001))
    assert 'id="fout-eigen-punt-toelichting">Een toelichting heeft hoogstens 1000 tekens.</div>' in too_long.text
    assert 'value="Vraag?"' in too_long.text  # what was typed stays

    added = await _toevoegen(client, csrf, zaak, "Zijn de buren gehoord?", "Links en rechts.")
    assert added.status_code == 303 and added.headers["location"].endswith("/taken?melding=eigen-punt-toegevoegd")
    added = await _toevoegen(client, csrf, zaak, "Is de welstandscommissie gevraagd?")
    page = (await client.get(added.headers["location"])).text
    assert "Het punt staat op de eigen checklist." in page
    assert "Zijn de buren gehoord?</legend>" in page and "Links en rechts." in page
    assert "Op de checklist gezet door Piet Pieters op" in page
    buren, welstand = _punt_uuids(page)

    form = {"csrf_token": csrf, "punt-0": buren, "punt-1": welstand}
    wrong = await client.post(f"{dossier}/eigen-checklist", data={**form, "antwoord-0": "misschien"})
    wrong = await after_refusal(client, wrong)
    assert 'id="fout-eigen-checklist-0">Kies Ja, Nee of Niet van toepassing.</div>' in wrong.text
    saved = await client.post(
        f"{dossier}/eigen-checklist", data={**form, "antwoord-0": "ja", "toelichting-0": "Geen bezwaar"}
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?melding=eigen-checklist-opgeslagen")
    page = (await client.get(saved.headers["location"])).text
    assert "De antwoorden op de eigen checklist zijn opgeslagen." in page
    assert 'value="Geen bezwaar"' in page and "Beantwoord door Piet Pieters op" in page
    assert re.search(r'id="eigen-checklist-0-ja" name="antwoord-0" value="ja" checked>', page)
    # Only the unanswered item can be removed.
    assert f'form="eigen-punt-verwijderen-{welstand}"' in page and f"eigen-punt-verwijderen-{buren}" not in page

    kept = await after_refusal(client, await client.post(f"{dossier}/eigen-checklist/{buren}/verwijderen", data=form))
    assert "Een beantwoord punt blijft op de checklist: het antwoord hoort bij de zaak." in kept.text
    removed = await client.post(f"{dossier}/eigen-checklist/{welstand}/verwijderen", data={"csrf_token": csrf})
    assert removed.status_code == 303 and removed.headers["location"].endswith("?melding=eigen-punt-verwijderd")
    page = (await client.get(removed.headers["location"])).text
    assert "Is de welstandscommissie gevraagd?" not in page and _punt_uuids(page) == [buren]
    gone = await client.post(f"{dossier}/eigen-checklist/{welstand}/verwijderen", data={"csrf_token": csrf})
    assert gone.status_code == 404

    geschiedenis = (await client.get(f"{dossier}/geschiedenis")).text
    assert "Punt &#39;Zijn de buren gehoord?&#39; op de eigen checklist gezet door Piet Pieters." in geschiedenis
    assert "Eigen checklist bijgewerkt door Piet Pieters." in geschiedenis


async def test_own_items_hold_up_no_status_and_belong_to_their_zaak(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    other = await _zaak(client, superuser, zaaktype, identificatie="ZAAK-ANDER")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    dossier = f"/zaakdossier/{zaak['uuid']}"
    await _toevoegen(client, csrf, zaak, "Zijn de buren gehoord?")
    (punt,) = _punt_uuids((await client.get(f"{dossier}/taken")).text)

    # Another zaak's form cannot reach this zaak's item.
    elsewhere = f"/zaakdossier/{other['uuid']}"
    remove = await client.post(f"{elsewhere}/eigen-checklist/{punt}/verwijderen", data={"csrf_token": csrf})
    assert remove.status_code == 404
    refused = await client.post(
        f"{elsewhere}/eigen-checklist", data={"csrf_token": csrf, "punt-0": punt, "antwoord-0": "ja"}
    )
    assert "Een punt staat niet meer op de checklist." in (await after_refusal(client, refused)).text

    # The catalogue's required item answered, the own item open: the status can be set.
    in_behandeling = _statustype(zaaktype, 1)
    answered = await client.post(
        f"{dossier}/checklist/{in_behandeling}",
        data={"csrf_token": csrf, "itemnaam-0": "Legitimatie", "antwoord-0": "ja"},
    )
    assert answered.status_code == 303
    status = await client.post(f"{dossier}/status", data={"csrf_token": csrf, "statustype": in_behandeling})
    assert status.status_code == 303 and status.headers["location"].endswith("?melding=status-gezet")


async def test_a_closed_zaak_shows_its_own_items_to_read_and_takes_none(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    dossier = f"/zaakdossier/{zaak['uuid']}"
    await _toevoegen(client, csrf, zaak, "Zijn de buren gehoord?")
    (punt,) = _punt_uuids((await client.get(f"{dossier}/taken")).text)
    await client.post(f"{dossier}/eigen-checklist", data={"csrf_token": csrf, "punt-0": punt, "antwoord-0": "nvt"})
    await close_zaak(client, superuser, zaaktype, zaak["url"])

    page = (await client.get(f"{dossier}/taken")).text
    assert "Zijn de buren gehoord?: Niet van toepassing" in page
    assert "Punt toevoegen" not in page and "Eigen checklist opslaan" not in page
    assert (await _toevoegen(client, csrf, zaak, "Nog een vraag?")).status_code == 403
    form = {"csrf_token": csrf, "punt-0": punt, "antwoord-0": ""}
    answers = await client.post(f"{dossier}/eigen-checklist", data=form)
    assert answers.status_code == 403


async def test_own_items_cost_no_query_each(client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    een = await _zaak(client, superuser, zaaktype, identificatie="ZAAK-EEN")
    drie = await _zaak(client, superuser, zaaktype, identificatie="ZAAK-DRIE")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "piet")
    for zaak, aantal in ((een, 1), (drie, 3)):
        for nummer in range(aantal):
            await _toevoegen(client, csrf, zaak, f"Vraag {nummer}?")
        punten = _punt_uuids((await client.get(f"/zaakdossier/{zaak['uuid']}/taken")).text)
        form = {"csrf_token": csrf} | {f"punt-{i}": punt for i, punt in enumerate(punten)}
        form |= {f"antwoord-{i}": "ja" for i in range(aantal)}
        await client.post(f"/zaakdossier/{zaak['uuid']}/eigen-checklist", data=form)

    counts = []
    for zaak in (een, drie):
        with count_queries() as taken:
            assert (await client.get(f"/zaakdossier/{zaak['uuid']}/taken")).status_code == 200
        with count_queries() as geschiedenis:
            assert (await client.get(f"/zaakdossier/{zaak['uuid']}/geschiedenis")).status_code == 200
        counts.append((taken[0], geschiedenis[0]))
    assert counts[0] == counts[1]


async def test_a_behandelaar_puts_an_own_item_on_the_checklist_in_the_browser(page, client, superuser):
    zaaktype = await _zaaktype(client, superuser)
    zaak = await _zaak(client, superuser, zaaktype)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await page.goto(f"/zaakdossier/{zaak['uuid']}/taken")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Eigen checklist", exact=True).wait_for()

    await page.get_by_role("button", name="Punt toevoegen").click()
    await page.locator("#fout-eigen-punt-vraag").wait_for()
    assert await page.locator("#fout-eigen-punt-vraag").inner_text() == "Vul de vraag in."
    await assert_accessible(page)

    await page.get_by_label("Vraag", exact=True).fill("Zijn de buren gehoord?")
    await page.get_by_label("Waar let u op? (niet verplicht)").fill("Links en rechts.")
    await page.get_by_role("button", name="Punt toevoegen").click()
    await page.get_by_text("Het punt staat op de eigen checklist.").wait_for()
    await page.get_by_label("Vraag", exact=True).fill("Is er een foto van de gevel?")
    await page.get_by_label("Vraag", exact=True).press("Enter")
    await page.get_by_text("Het punt staat op de eigen checklist.").wait_for()
    await assert_accessible(page)

    buren = page.get_by_role("group", name="Zijn de buren gehoord?")
    await buren.get_by_label("Ja", exact=True).check()
    await buren.get_by_label("Toelichting bij het antwoord (niet verplicht)").fill("Geen bezwaar")
    # Enter in a field saves the answers; it never removes an item.
    await buren.get_by_label("Toelichting bij het antwoord (niet verplicht)").press("Enter")
    await page.get_by_text("De antwoorden op de eigen checklist zijn opgeslagen.").wait_for()
    assert await page.get_by_role("group", name="Is er een foto van de gevel?").is_visible()
    assert await buren.get_by_text("Beantwoord door Piet Pieters op").is_visible()
    assert await buren.get_by_role("button", name="Punt verwijderen").count() == 0

    await page.get_by_role("button", name="Punt verwijderen van de checklist: Is er een foto van de gevel?").click()
    await page.get_by_text("Het punt is van de eigen checklist gehaald.").wait_for()
    assert await page.get_by_role("group", name="Is er een foto van de gevel?").count() == 0
    await assert_accessible(page)

    await page.get_by_role("navigation", name="Onderdelen van de zaak").get_by_role("link", name="Geschiedenis").click()
    await page.get_by_text("Eigen checklist bijgewerkt door Piet Pieters.").wait_for()
    gezet = "Punt 'Zijn de buren gehoord?' op de eigen checklist gezet door Piet Pieters."
    assert await page.get_by_text(gezet).is_visible()
