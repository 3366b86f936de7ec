"""The demo catalogue: loaded once, published, valid against the OAS, usable with the demo token."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.conftest import BASE
from tests.helpers import zaakgericht
from tests.oas import assert_oas
from zaakgericht import db
from zaakgericht.api.auth import make_token
from zaakgericht.api.urls import reset_base_url, set_base_url
from zaakgericht.demo import DEMO_CLIENT_ID, DEMO_SECRET, load_demo
from zaakgericht.settings import DEMO_LOGIN_FILE, get_settings

CATALOGI = f"{BASE}/catalogi/api/v1"


@pytest.fixture
def base_url():
    """URLs the demo builds point at the test server, as they point at the server in production."""
    token = set_base_url(BASE)
    yield
    reset_base_url(token)


async def _row_counts() -> dict[str, int]:
    async with db.read_session() as session:
        return {
            table.name: await session.scalar(select(func.count()).select_from(table))
            for table in db.Base.metadata.sorted_tables
        }


async def _get(client, url: str, **params) -> dict:
    headers = {"Authorization": f"Bearer {make_token(DEMO_CLIENT_ID, DEMO_SECRET)}"}
    response = await client.get(url, params=params, headers=headers)
    assert_oas(response)
    assert response.status_code == 200, response.text
    return response.json()


async def test_load_demo_is_idempotent(base_url):
    assert await load_demo() is True
    counts = await _row_counts()
    assert counts["catalogus"] == 1 and counts["zaaktype"] >= 5 and counts["applicatie_client"] == 1
    # Open zaken with work waiting: terugbelverzoeken of the KCC and notes of their behandelaar.
    assert counts["taak"] >= 5 and counts["notitie"] == counts["taak"]
    assert await load_demo() is False
    assert await _row_counts() == counts


async def test_demo_catalogue_is_published_and_complete(client, base_url):
    await load_demo()

    catalogussen = await _get(client, f"{CATALOGI}/catalogussen")
    assert [c["naam"] for c in catalogussen["results"]] == ["Zaaktypecatalogus Gemeente Voorbeeldstad"]

    zaaktypen = (await _get(client, f"{CATALOGI}/zaaktypen"))["results"]
    assert len(zaaktypen) >= 5
    for zaaktype in zaaktypen:
        assert zaaktype["concept"] is False
        assert len(zaaktype["statustypen"]) == 4, zaaktype["omschrijving"]
        assert zaaktype["resultaattypen"] and zaaktype["roltypen"] and zaaktype["eigenschappen"]
        assert zaaktype["informatieobjecttypen"]
        assert zaaktype["selectielijstProcestype"].startswith(f"{BASE}/referentielijsten/api/v1/procestypen/")
        assert (await client.get(zaaktype["selectielijstProcestype"])).status_code == 200
        statustypen = (await _get(client, f"{CATALOGI}/statustypen", zaaktype=zaaktype["url"]))["results"]
        assert [s["volgnummer"] for s in statustypen] == [1, 2, 3, 4]
        assert [s["informeren"] for s in statustypen] == [True, False, False, True]
        assert statustypen[-1]["isEindstatus"] is True
        for url in zaaktype["resultaattypen"] + zaaktype["roltypen"] + zaaktype["besluittypen"]:
            await _get(client, url)

    omgevingsvergunning = next(z for z in zaaktypen if z["omschrijving"] == "Omgevingsvergunning")
    assert omgevingsvergunning["doorlooptijd"] == "P8W"
    assert omgevingsvergunning["verlengingMogelijk"] is True
    assert omgevingsvergunning["verlengingstermijn"] == "P6W"
    statustypen = (await _get(client, f"{CATALOGI}/statustypen", zaaktype=omgevingsvergunning["url"]))["results"]
    checklist = next(s for s in statustypen if s["omschrijving"] == "In behandeling")["checklistitemStatustype"]
    items = [(item["itemnaam"], item["verplicht"]) for item in checklist]
    assert items == [("Aanvraag compleet", True), ("Leges", False)]
    besluittype = await _get(client, omgevingsvergunning["besluittypen"][0])
    assert besluittype["omschrijving"] == "Besluit omgevingsvergunning"
    assert besluittype["concept"] is False
    assert besluittype["reactietermijn"] == "P6W" and besluittype["publicatieIndicatie"] is True

    for resource in ["informatieobjecttypen", "besluittypen", "roltypen", "resultaattypen", "eigenschappen"]:
        assert (await _get(client, f"{CATALOGI}/{resource}"))["count"] >= 3, resource
    assert (await _get(client, f"{CATALOGI}/zaaktype-informatieobjecttypen"))["count"] >= 5


async def test_demo_command_loads_once_and_prints_a_working_token(client):
    first = zaakgericht("demo", "--port", "8123")
    assert first.returncode == 0, first.stderr
    assert "Democatalogus geladen." in first.stdout
    # The addresses printed are those of the server started next, on the port given.
    assert "http://127.0.0.1:8123/" in first.stdout and ":8000" not in first.stdout
    assert "zaakgericht serve --port 8123" in first.stdout
    # The PIP's test login is on for `zaakgericht serve` on this data dir, and the page to try it is named.
    assert "Mijn zaken (testlogin, geen echte DigiD)" in first.stdout and "999990019" in first.stdout
    marker = get_settings().data_dir / DEMO_LOGIN_FILE
    assert marker.is_file()
    marker.unlink()
    second = zaakgericht("demo")
    marker.unlink()
    assert second.returncode == 0, second.stderr
    assert "Democatalogus was al geladen." in second.stdout
    token = second.stdout.strip().splitlines()[-1]
    response = await client.get(f"{CATALOGI}/zaaktypen", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["count"] >= 5


async def test_demo_zaken_show_every_state_of_the_process(client, base_url):
    await load_demo()
    zaken_api = f"{BASE}/zaken/api/v1"
    first = await _get(client, f"{zaken_api}/zaken")
    assert first["count"] == 200
    zaken = first["results"] + (await _get(client, f"{zaken_api}/zaken", page=2))["results"]
    today = date.today().isoformat()

    closed = [zaak for zaak in zaken if zaak["einddatum"]]
    assert 0 < len(closed) < 200
    assert all(zaak["resultaat"] and zaak["archiefnominatie"] for zaak in closed)
    open_zaken = [zaak for zaak in zaken if not zaak["einddatum"]]
    assert any(zaak["uiterlijkeEinddatumAfdoening"] < today for zaak in open_zaken)  # past the legal term
    assert any(zaak["einddatumGepland"] >= today for zaak in open_zaken)

    rollen = (await _get(client, f"{zaken_api}/rollen", betrokkeneType="medewerker"))["count"]
    assert 150 < rollen < 200  # most zaken have a behandelaar, the newest wait to be taken
    inwoner = await _get(
        client, f"{zaken_api}/zaken", **{"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "999990019"}
    )
    assert inwoner["count"] == 20
