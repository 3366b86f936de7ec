"""The PIP (Mijn zaken): the test login, a citizen's zaken and one zaak, visible documents only, adding a
document and sending a message, and that nobody sees or touches another person's zaak."""

import re
import shutil
import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
import time_machine
from sqlalchemy import select, update

from tests.besluiten.factories import create_besluit
from tests.catalogi.factories import besluittype_body, create_catalogus, post, publish
from tests.conftest import BASE, count_queries
from tests.documenten.factories import b64, create_document
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, hidden, make_medewerker
from tests.web.test_documenten import behandelaar, field_error, link, uuid_of, zaaktype_met_documenttypen
from tests.zaken.factories import CRS, close_zaak, create_zaak, create_zaaktype_setup, set_status, zaken_post
from zaakgericht import db
from zaakgericht.behandeling.models import BERICHT, Taak
from zaakgericht.burgers.models import BurgerSessie
from zaakgericht.catalogi.models import StatusType
from zaakgericht.settings import DEMO_LOGIN_FILE, get_settings
from zaakgericht.zaken.models import ZaakInformatieObject
from zaakgericht.zaken.service import TIMEZONE

BSN_A = "999990019"
BSN_B = "999990020"
KVK = "12345678"
BRIEF = b"Besluit op uw aanvraag " * 20
GEHEIM = b"Intern advies over de aanvraag " * 10
TYPEN = (
    ("Aanvraagformulier", "inkomend", "zaakvertrouwelijk"),
    ("Advies", "intern", "intern"),
    ("Brief", "uitgaand", "openbaar"),
)


@pytest.fixture(autouse=True)
def demo_login(monkeypatch):
    """The test login is on (tests that need it off turn it off) and storage starts empty."""
    monkeypatch.setattr(get_settings(), "demo_login", True)
    shutil.rmtree(get_settings().data_dir / "files", ignore_errors=True)


@pytest.fixture
async def tweede(app):
    """A second browser: another citizen."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as client:
        yield client


async def burger_login(client, nummer: str = BSN_A, soort: str = "bsn", volgende: str = "/mijn-zaken"):
    page = await client.get("/mijn-zaken/inloggen/test", params={"volgende": volgende})
    assert page.status_code == 200
    return await client.post(
        "/mijn-zaken/inloggen/test",
        data={"csrf_token": hidden(page.text), "soort": soort, "nummer": nummer, "volgende": volgende},
    )


async def ingelogd(client, nummer: str = BSN_A, soort: str = "bsn") -> str:
    """Logs in with the test login; the CSRF token of the session (from Mijn zaken)."""
    response = await burger_login(client, nummer, soort)
    assert response.status_code == 303 and response.headers["location"] == "/mijn-zaken", response.text
    page = await client.get("/mijn-zaken")
    assert page.status_code == 200
    return hidden(page.text)


async def _rol(client, superuser, zaaktype, zaak, betrokkene_type: str, identificatie: dict, generiek="initiator"):
    await zaken_post(
        client,
        superuser,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": betrokkene_type,
            "roltype": zaaktype.roltypen[generiek],
            "roltoelichting": generiek,
            "betrokkeneIdentificatie": identificatie,
        },
    )


async def _document(client, superuser, zaak, iot, inhoud: bytes, **velden) -> dict:
    document = await create_document(client, superuser, iot, inhoud=b64(inhoud), bestandsomvang=len(inhoud), **velden)
    await link(client, superuser, zaak, document)
    return document


async def zaken_van_twee(client, superuser):
    """Zaken of citizen A (one open with documents, one closed), of citizen B, and of a company."""
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser, TYPEN)
    open_a = await create_zaak(
        client, superuser, zaaktype.url, identificatie="ZAAK-A", omschrijving="Dakkapel", einddatumGepland="2099-06-30"
    )
    await _rol(client, superuser, zaaktype, open_a, "natuurlijk_persoon", {"inpBsn": BSN_A, "geslachtsnaam": "Jansen"})
    await set_status(client, superuser, open_a["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    await set_status(client, superuser, open_a["url"], zaaktype.statustypen[1], "2026-03-05T14:30:00+01:00")
    documenten = {
        "brief": await _document(
            client,
            superuser,
            open_a,
            iots["Brief"],
            BRIEF,
            titel="Ontvangstbevestiging",
            bestandsnaam="brief.txt",
            formaat="text/plain",
            vertrouwelijkheidaanduiding="openbaar",
        ),
        "advies": await _document(
            client,
            superuser,
            open_a,
            iots["Advies"],
            GEHEIM,
            titel="Advies welstand",
            bestandsnaam="advies.txt",
            formaat="text/plain",
            vertrouwelijkheidaanduiding="intern",
        ),
    }
    closed_a = await create_zaak(
        client, superuser, zaaktype.url, identificatie="ZAAK-A-OUD", omschrijving="Kapvergunning"
    )
    await _rol(client, superuser, zaaktype, closed_a, "natuurlijk_persoon", {"inpBsn": BSN_A}, "behandelaar")
    await set_status(client, superuser, closed_a["url"], zaaktype.statustypen[0], "2026-01-02T09:00:00+01:00")
    await close_zaak(client, superuser, zaaktype, closed_a["url"])

    zaak_b = await create_zaak(
        client, superuser, zaaktype.url, identificatie="ZAAK-B", omschrijving="Parkeervergunning"
    )
    await _rol(client, superuser, zaaktype, zaak_b, "natuurlijk_persoon", {"inpBsn": BSN_B})
    documenten["van_b"] = await _document(
        client, superuser, zaak_b, iots["Brief"], BRIEF, titel="Brief aan B", vertrouwelijkheidaanduiding="openbaar"
    )
    zaak_kvk = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-KVK", omschrijving="Terras")
    vestiging = {"vestigingsNummer": "000012345678", "kvkNummer": KVK, "handelsnaam": ["Bakkerij Bol"]}
    await _rol(client, superuser, zaaktype, zaak_kvk, "vestiging", vestiging)
    zaken = {"open_a": open_a, "closed_a": closed_a, "b": zaak_b, "kvk": zaak_kvk}
    return zaaktype, iots, zaken, documenten


def _zaaknummers(html: str, kop: str) -> list[str]:
    """The zaaknummers listed under a heading of Mijn zaken."""
    start = html.index(f'id="{kop}"')
    deel = html[start : html.find("<h2", start + 1) if html.find("<h2", start + 1) > 0 else len(html)]
    return re.findall(r'<td class="utrecht-table__cell" data-label="Zaaknummer">([^<]*)</td>', deel)


def _stappen(html: str) -> list[tuple[str, str, str]]:
    """The steps of a zaak page: (stand, naam, the date it was reached or "")."""
    return [
        (stand, naam.strip(), datum)
        for stand, naam, datum in re.findall(
            r'<li class="zg-stappen__stap zg-stappen__stap--(\w+)"[^>]*>\s*'
            r'<span class="zg-visually-hidden">[^<]*</span>'
            r'([^<]*)(?:<span class="zg-stappen__datum">([^<]*)</span>)?',
            html,
        )
    ]


def _documenten(html: str) -> list[tuple[str, str, str]]:
    """The documents of a zaak page: (titel, soort, datum)."""
    return [
        (re.sub(r"<[^>]+>|downloaden", "", titel).strip(), soort, datum)
        for titel, soort, datum in re.findall(
            r'data-label="Document">(.*?)</th>\s*<td[^>]*data-label="Soort">([^<]*)</td>\s*'
            r'<td[^>]*data-label="Datum">([^<]*)</td>',
            html,
            re.S,
        )
    ]


# --- logging in ---------------------------------------------------------------------------------------


async def test_the_test_login_checks_the_number_and_starts_a_citizen_session(client):
    page = await client.get("/mijn-zaken/inloggen")
    assert page.status_code == 200 and "Testomgeving: dit is geen echte DigiD" in page.text
    assert "Inloggen met DigiD" not in page.text  # no broker configured
    form = await client.get("/mijn-zaken/inloggen/test")
    assert "Testomgeving: dit is geen echte DigiD." in form.text

    response = await burger_login(client, "123456789")
    assert response.status_code == 400
    assert field_error(response.text, "nummer") == "Dit BSN voldoet niet aan de elfproef. Controleer het nummer."
    response = await burger_login(client, "1234567", "kvk")
    assert field_error(response.text, "nummer") == "Een KvK-nummer bestaat uit precies 8 cijfers."
    response = await burger_login(client, "", "bsn")
    assert field_error(response.text, "nummer") == "Vul een BSN in."

    await ingelogd(client, "9999.90.019")
    async with db.read_session() as session:
        sessie = (await session.scalars(select(BurgerSessie))).one()
    assert (sessie.bsn, sessie.kvk_nummer, sessie.methode) == (BSN_A, None, "test")
    assert "zaakgericht_burger" in client.cookies and "zaakgericht_sessie" not in client.cookies


async def test_the_test_login_is_404_without_the_setting(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "demo_login", False)
    assert (await client.get("/mijn-zaken/inloggen/test")).status_code == 404
    client.cookies.set("zaakgericht_pip_login_csrf", "x" * 40, path="/mijn-zaken/inloggen")
    post = await client.post(
        "/mijn-zaken/inloggen/test", data={"csrf_token": "x" * 40, "soort": "bsn", "nummer": BSN_A}
    )
    assert post.status_code == 404
    page = await client.get("/mijn-zaken/inloggen")
    assert "Testomgeving" not in page.text and "niet mogelijk" in page.text


async def test_the_demo_login_follows_the_file_zaakgericht_demo_leaves(monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "demo_login", None)
    marker = settings.data_dir / DEMO_LOGIN_FILE
    marker.unlink(missing_ok=True)
    assert not settings.demo_login_enabled
    marker.write_text("")
    try:
        assert settings.demo_login_enabled
    finally:
        marker.unlink()


async def test_mijn_zaken_needs_a_citizen_login_and_a_medewerker_session_is_none(client):
    login = "/mijn-zaken/inloggen?volgende=%2Fmijn-zaken"
    response = await client.get("/mijn-zaken")
    assert response.status_code == 303 and response.headers["location"] == login
    await behandelaar(client)
    response = await client.get("/mijn-zaken")
    assert response.status_code == 303 and response.headers["location"] == login


async def test_a_citizen_session_gives_no_access_to_the_medewerker_pages(client):
    await ingelogd(client)
    for path in ("/", "/werkvoorraad", "/kcc"):
        response = await client.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith("/inloggen"), path


async def test_a_citizen_session_ends_after_15_minutes_without_a_request_and_after_8_hours(client):
    start = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        await ingelogd(client)
        traveller.move_to(start + timedelta(minutes=14))
        assert (await client.get("/mijn-zaken")).status_code == 200
        traveller.move_to(start + timedelta(minutes=28))
        assert (await client.get("/mijn-zaken")).status_code == 200  # slid forward at 10:14
        traveller.move_to(start + timedelta(minutes=44))
        assert (await client.get("/mijn-zaken")).status_code == 303

        await ingelogd(client)
        for minuten in range(10, 8 * 60, 10):  # active all day: still ends 8 hours after login
            traveller.move_to(start + timedelta(minutes=44 + minuten))
            assert (await client.get("/mijn-zaken")).status_code == 200
        traveller.move_to(start + timedelta(minutes=44 + 8 * 60 + 1))
        assert (await client.get("/mijn-zaken")).status_code == 303


async def test_logging_out_ends_the_session(client):
    csrf = await ingelogd(client)
    response = await client.post("/mijn-zaken/uitloggen", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert (await client.get("/mijn-zaken")).status_code == 303
    async with db.read_session() as session:
        assert (await session.scalars(select(BurgerSessie))).all() == []


# --- Mijn zaken ---------------------------------------------------------------------------------------


async def test_mijn_zaken_lists_the_own_zaken_open_and_closed_apart(client, superuser):
    await zaken_van_twee(client, superuser)
    await ingelogd(client)
    with count_queries() as counted:
        page = (await client.get("/mijn-zaken")).text
    assert counted[0] <= 4  # the session, the huisstijl, the zaken, their statussen
    assert _zaaknummers(page, "lopend") == ["ZAAK-A"] and _zaaknummers(page, "afgehandeld") == ["ZAAK-A-OUD"]
    assert "Dakkapel" in page and "30-06-2099" in page and "In behandeling" in page
    assert "ZAAK-B" not in page and "ZAAK-KVK" not in page


async def test_a_company_sees_the_zaken_of_its_kvk_nummer(client, superuser):
    await zaken_van_twee(client, superuser)
    await ingelogd(client, KVK, "kvk")
    page = (await client.get("/mijn-zaken")).text
    assert _zaaknummers(page, "lopend") == ["ZAAK-KVK"] and "KvK-nummer 12345678" in page


async def test_a_zaak_shows_its_timeline_and_only_the_visible_documents(client, superuser):
    _, _, zaken, documenten = await zaken_van_twee(client, superuser)
    await ingelogd(client)
    zaak = zaken["open_a"]
    with count_queries() as counted:
        page = (await client.get(f"/mijn-zaken/{zaak['uuid']}")).text
    assert counted[0] <= 10, counted  # the session, the huisstijl and the page's eight
    stappen = _stappen(page)
    assert stappen[:2] == [("klaar", "Ontvangen", "02-03-2026"), ("huidig", "In behandeling", "05-03-2026")]
    assert len(stappen) > 2 and all(stand == "volgend" and not datum for stand, _, datum in stappen[2:])
    assert page.count('aria-current="step"') == 1
    assert _documenten(page) == [("Ontvangstbevestiging", "Brief", "02-03-2026")]  # openbaar
    assert "Advies welstand" not in page  # intern, not marked
    assert "Document toevoegen" in page and "Bericht aan de behandelaar" in page
    assert "Besluiten" not in page  # open

    brief = await client.get(f"/mijn-zaken/{zaak['uuid']}/documenten/{documenten['brief']['url'].rsplit('/', 1)[1]}")
    assert brief.status_code == 200 and brief.content == BRIEF
    assert brief.headers["content-disposition"].startswith('attachment; filename="brief.txt"')
    advies = f"/mijn-zaken/{zaak['uuid']}/documenten/{uuid_of(documenten['advies']['url'])}"
    assert (await client.get(advies)).status_code == 404


async def test_a_behandelaar_shows_a_document_to_the_betrokkenen(client, superuser, tweede):
    _, _, zaken, documenten = await zaken_van_twee(client, superuser)
    zaak, advies = zaken["open_a"], uuid_of(documenten["advies"]["url"])
    csrf = await behandelaar(client)
    pagina = f"/zaakdossier/{zaak['uuid']}/documenten/{advies}"
    assert "<dt>Zichtbaar in Mijn zaken</dt>\n  <dd>Nee</dd>" in (await client.get(pagina)).text
    response = await client.post(
        f"{pagina}/zichtbaarheid", data={"csrf_token": csrf, "zichtbaar_voor_betrokkene": "ja"}
    )
    assert response.status_code == 303 and response.headers["location"] == f"{pagina}?melding=zichtbaarheid"
    assert "Ja, getoond aan de betrokkenen" in (await client.get(pagina)).text

    await ingelogd(tweede)
    page = (await tweede.get(f"/mijn-zaken/{zaak['uuid']}")).text
    assert [titel for titel, *_ in _documenten(page)] == ["Ontvangstbevestiging", "Advies welstand"]
    download = await tweede.get(f"/mijn-zaken/{zaak['uuid']}/documenten/{advies}")
    assert download.status_code == 200 and download.content == GEHEIM

    await client.post(f"{pagina}/zichtbaarheid", data={"csrf_token": csrf})  # unticked: no longer
    assert (await tweede.get(f"/mijn-zaken/{zaak['uuid']}/documenten/{advies}")).status_code == 404


async def test_a_closed_zaak_shows_its_resultaat_and_no_forms(client, superuser):
    _, _, zaken, _ = await zaken_van_twee(client, superuser)
    csrf = await ingelogd(client)
    zaak = zaken["closed_a"]
    page = (await client.get(f"/mijn-zaken/{zaak['uuid']}")).text
    assert "<dt>Resultaat</dt>" in page and "Afgehandeld op" in page and "Besluiten" in page
    assert "Document toevoegen" not in page and "Bericht versturen" not in page
    assert "U kunt geen documenten of berichten meer toevoegen" in page
    response = await client.post(
        f"/mijn-zaken/{zaak['uuid']}/berichten", data={"csrf_token": csrf, "onderwerp": "Vraag", "tekst": "Nog iets"}
    )
    assert response.status_code == 303 and response.headers["location"].endswith("?melding=afgesloten")
    response = await client.post(
        f"/mijn-zaken/{zaak['uuid']}/documenten",
        data={"csrf_token": csrf},
        files={"bestand": ("bewijs.txt", b"bewijs", "text/plain")},
    )
    assert response.headers["location"].endswith("?melding=afgesloten")
    async with db.read_session() as session:
        assert (await session.scalars(select(Taak))).all() == []


# --- adding information -------------------------------------------------------------------------------


async def test_a_citizen_adds_a_document_which_the_behandelaar_sees(client, superuser, tweede):
    _, _, zaken, _ = await zaken_van_twee(client, superuser)
    csrf = await ingelogd(client)
    zaak = zaken["open_a"]
    response = await client.post(
        f"/mijn-zaken/{zaak['uuid']}/documenten",
        data={"csrf_token": csrf, "titel": "Loonstrook maart"},
        files={"bestand": ("loonstrook.pdf", b"%PDF loonstrook", "application/pdf")},
    )
    assert response.status_code == 303 and response.headers["location"].endswith("?melding=document")
    page = (await client.get(response.headers["location"])).text
    assert "Uw document is toegevoegd aan de zaak." in page
    today = datetime.now(TIMEZONE).strftime("%d-%m-%Y")
    assert ("Loonstrook maart", "Aanvraagformulier", f"Ontvangen op {today}") in _documenten(page)

    async with db.read_session() as session:
        zio = (
            await session.scalars(select(ZaakInformatieObject).where(ZaakInformatieObject.titel == "Loonstrook maart"))
        ).one()
    assert zio.zichtbaar_voor_betrokkene  # the sender sees their own document
    document = (await client.get(zio.informatieobject, headers=superuser)).json()
    assert (
        document["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk" and document["auteur"] == "Burger (BSN bekend)"
    )
    assert document["informatieobjecttype"].endswith(uuid_of(await _iot_url(client, superuser, "Aanvraagformulier")))

    await behandelaar(tweede)
    dossier = (await tweede.get(f"/zaakdossier/{zaak['uuid']}/documenten")).text
    assert "Loonstrook maart" in dossier
    dossier = (await tweede.get(f"/zaakdossier/{zaak['uuid']}/geschiedenis")).text
    geschiedenis = dossier[dossier.index('id="geschiedenis"') :]
    assert "Document &#39;Loonstrook maart&#39; toegevoegd door de burger." in geschiedenis
    assert BSN_A not in geschiedenis


async def _iot_url(client, superuser, omschrijving: str) -> str:
    response = await client.get("/catalogi/api/v1/informatieobjecttypen", params={"status": "alles"}, headers=superuser)
    return next(iot["url"] for iot in response.json()["results"] if iot["omschrijving"] == omschrijving)


async def test_an_upload_without_a_file_is_refused_beside_the_field(client, superuser):
    _, _, zaken, _ = await zaken_van_twee(client, superuser)
    csrf = await ingelogd(client)
    response = await client.post(
        f"/mijn-zaken/{zaken['open_a']['uuid']}/documenten", data={"csrf_token": csrf, "titel": "x" * 201}
    )
    assert response.status_code == 400
    assert field_error(response.text, "bestand") == "Kies het bestand dat u wilt toevoegen."
    assert field_error(response.text, "titel") == "Een titel heeft hoogstens 200 tekens."


async def test_a_citizen_sends_the_behandelaar_a_message(client, superuser, tweede):
    _, _, zaken, _ = await zaken_van_twee(client, superuser)
    csrf = await ingelogd(client)
    zaak = zaken["open_a"]
    leeg = await client.post(
        f"/mijn-zaken/{zaak['uuid']}/berichten", data={"csrf_token": csrf, "onderwerp": "", "tekst": ""}
    )
    assert leeg.status_code == 400
    assert field_error(leeg.text, "onderwerp") == "Vul het onderwerp van uw bericht in."
    assert field_error(leeg.text, "tekst") == "Vul uw bericht in."
    response = await client.post(
        f"/mijn-zaken/{zaak['uuid']}/berichten",
        data={"csrf_token": csrf, "onderwerp": "Bouwtekening", "tekst": "De tekening volgt volgende week."},
    )
    assert response.status_code == 303 and response.headers["location"].endswith("?melding=bericht")
    async with db.read_session() as session:
        taak = (await session.scalars(select(Taak))).one()
    assert (taak.soort, taak.aangemaakt_door, taak.onderwerp) == (BERICHT, BSN_A, "Bouwtekening")

    await behandelaar(tweede)
    dossier = (await tweede.get(f"/zaakdossier/{zaak['uuid']}/taken")).text
    assert "Er staat een bericht van een betrokkene open" in dossier
    assert "Bericht van betrokkene: Bouwtekening" in dossier and "De tekening volgt volgende week." in dossier
    kcc = (await tweede.get(f"/kcc/zaken/{zaak['uuid']}")).text
    assert "Bouwtekening" not in kcc  # the KCC sees terugbelverzoeken only


async def test_the_werkvoorraad_shows_an_open_bericht(client, superuser, tweede):
    zaaktype, _, zaken, _ = await zaken_van_twee(client, superuser)
    zaak = zaken["open_a"]
    await _rol(client, superuser, zaaktype, zaak, "medewerker", {"identificatie": "piet"}, "behandelaar")
    csrf = await ingelogd(tweede)
    await tweede.post(
        f"/mijn-zaken/{zaak['uuid']}/berichten", data={"csrf_token": csrf, "onderwerp": "Vraag", "tekst": "Wanneer?"}
    )
    await behandelaar(client)
    werkvoorraad = (await client.get("/werkvoorraad")).text
    assert '<span class="zg-signaal">Bericht</span>' in werkvoorraad
    assert "Terugbelverzoeken en berichten" in werkvoorraad and "Bericht van betrokkene: Vraag" in werkvoorraad


async def test_the_steps_use_the_citizens_words_and_the_page_says_what_is_expected(client, superuser):
    zaaktype, _, zaken, _ = await zaken_van_twee(client, superuser)
    zaak = zaken["open_a"]
    async with db.write_session() as session:
        await session.execute(
            update(StatusType)
            .where(StatusType.uuid == uuid.UUID(uuid_of(zaaktype.statustypen[1])))
            .values(omschrijving_generiek="Beoordeling", statustekst="Wij beoordelen uw aanvraag.")
        )
    csrf = await ingelogd(client)
    page = (await client.get(f"/mijn-zaken/{zaak['uuid']}")).text
    assert _stappen(page)[1] == ("huidig", "Beoordeling", "05-03-2026")
    assert '<p class="utrecht-paragraph zg-stappen__tekst">Wij beoordelen uw aanvraag.</p>' in page
    verwachting = page[page.index('id="verwachting"') : page.index('id="documenten"')]
    # The zaaktype's inkomend type of which the zaak has no document yet; not the intern or uitgaand ones.
    assert re.findall(r'<li class="utrecht-unordered-list__item">([^<]*)</li>', verwachting) == ["Aanvraagformulier"]
    assert "Uw zaak staat tijdelijk stil" not in verwachting
    uiterlijk = (await client.get(zaak["url"], headers={**superuser, **CRS})).json()["uiterlijkeEinddatumAfdoening"]
    assert f"Wij beslissen uiterlijk op <strong>{date.fromisoformat(uiterlijk):%d-%m-%Y}</strong>" in verwachting

    # Sent, the type is no longer expected; suspended, the page says the zaak waits.
    await client.post(
        f"/mijn-zaken/{zaak['uuid']}/documenten",
        data={"csrf_token": csrf},
        files={"bestand": ("aanvraag.pdf", b"%PDF aanvraag", "application/pdf")},
    )
    opschorting = {"opschorting": {"indicatie": True, "reden": "Wacht op de bouwtekening"}}
    response = await client.patch(zaak["url"], json=opschorting, headers={**superuser, **CRS})
    assert response.status_code == 200, response.text
    page = (await client.get(f"/mijn-zaken/{zaak['uuid']}")).text
    verwachting = page[page.index('id="verwachting"') : page.index('id="documenten"')]
    assert "Aanvraagformulier" not in verwachting and "Uw zaak staat tijdelijk stil" in verwachting
    assert "Wacht op de bouwtekening" not in page  # the behandelaar's reason is not the citizen's text


async def test_a_zaak_without_statussen_shows_every_step_to_come(client, superuser):
    _, _, zaken, _ = await zaken_van_twee(client, superuser)
    await ingelogd(client, BSN_B)
    page = (await client.get(f"/mijn-zaken/{zaken['b']['uuid']}")).text
    assert {stand for stand, *_ in _stappen(page)} == {"volgend"} and 'aria-current="step"' not in page


async def test_a_citizen_sees_their_own_messages_and_when_they_were_handled(client, superuser, tweede):
    zaaktype, _, zaken, _ = await zaken_van_twee(client, superuser)
    zaak = zaken["open_a"]
    await _rol(client, superuser, zaaktype, zaak, "natuurlijk_persoon", {"inpBsn": BSN_B})
    csrf_a = await ingelogd(client, BSN_A)
    csrf_b = await ingelogd(tweede, BSN_B)
    pagina = f"/mijn-zaken/{zaak['uuid']}"
    assert "U heeft over deze zaak nog geen berichten gestuurd." in (await client.get(pagina)).text
    for browser, csrf, onderwerp in ((client, csrf_a, "Bouwtekening"), (tweede, csrf_b, "Bezwaar buurman")):
        data = {"csrf_token": csrf, "onderwerp": onderwerp, "tekst": f"Over {onderwerp.lower()}."}
        assert (await browser.post(f"{pagina}/berichten", data=data)).status_code == 303
    page = (await client.get(pagina)).text
    berichten = page[page.index('id="berichten"') :]
    assert "Bouwtekening" in berichten and "Over bouwtekening." in berichten and "Nog niet behandeld" in berichten
    assert "Bezwaar buurman" not in page  # another betrokkene's message is theirs

    async with db.write_session() as session:
        taak = await session.scalar(select(Taak).where(Taak.onderwerp == "Bouwtekening"))
        taak.afgehandeld, taak.afhandeling = datetime(2026, 3, 9, 10, tzinfo=UTC), "Intern: tekening goedgekeurd"
    with count_queries() as counted:
        page = (await client.get(pagina)).text
    assert counted[0] <= 10, counted  # as many as without messages
    assert "Behandeld op 09-03-2026" in page and "Nog niet behandeld" not in page
    assert "Intern: tekening goedgekeurd" not in page  # how the behandelaar handled it stays internal


# --- nobody sees another person's zaak ----------------------------------------------------------------


async def test_a_citizen_cannot_see_download_upload_to_or_message_another_persons_zaak(client, superuser, tweede):
    _, _, zaken, documenten = await zaken_van_twee(client, superuser)
    csrf_a = await ingelogd(client, BSN_A)
    await ingelogd(tweede, BSN_B)
    zaak_b, zaak_a = zaken["b"]["uuid"], zaken["open_a"]["uuid"]
    brief_b, brief_a = uuid_of(documenten["van_b"]["url"]), uuid_of(documenten["brief"]["url"])

    assert (await tweede.get(f"/mijn-zaken/{zaak_b}")).status_code == 200  # B's own
    assert (await tweede.get(f"/mijn-zaken/{zaak_b}/documenten/{brief_b}")).status_code == 200
    assert (await client.get(f"/mijn-zaken/{zaak_b}")).status_code == 404
    assert (await client.get(f"/mijn-zaken/{zaak_b}/documenten/{brief_b}")).status_code == 404
    # A's own zaak does not lend its rights to a document of B's zaak
    assert (await client.get(f"/mijn-zaken/{zaak_a}/documenten/{brief_b}")).status_code == 404
    assert (await tweede.get(f"/mijn-zaken/{zaak_a}/documenten/{brief_a}")).status_code == 404
    upload = await client.post(
        f"/mijn-zaken/{zaak_b}/documenten",
        data={"csrf_token": csrf_a},
        files={"bestand": ("x.txt", b"x", "text/plain")},
    )
    assert upload.status_code == 404
    bericht = await client.post(
        f"/mijn-zaken/{zaak_b}/berichten", data={"csrf_token": csrf_a, "onderwerp": "Hallo", "tekst": "Hallo"}
    )
    assert bericht.status_code == 404
    assert (await client.get("/mijn-zaken/00000000-0000-0000-0000-000000000000")).status_code == 404
    assert (await client.get("/mijn-zaken/geen-uuid")).status_code == 404
    async with db.read_session() as session:
        assert (await session.scalars(select(Taak))).all() == []
        assert (
            len(
                (
                    await session.scalars(select(ZaakInformatieObject).where(ZaakInformatieObject.zaak_id.is_not(None)))
                ).all()
            )
            == 3
        )
    files = get_settings().data_dir / "files"
    assert not files.exists() or not [path for path in files.rglob("*") if path.is_file() and path.read_bytes() == b"x"]


async def test_a_citizen_post_without_the_csrf_token_is_refused(client, superuser):
    _, _, zaken, _ = await zaken_van_twee(client, superuser)
    await ingelogd(client)
    response = await client.post(
        f"/mijn-zaken/{zaken['open_a']['uuid']}/berichten",
        data={"csrf_token": "verkeerd", "onderwerp": "Vraag", "tekst": "Tekst"},
    )
    assert response.status_code == 403 and "Dit formulier kon niet worden verwerkt" in response.text
    response = await client.post("/mijn-zaken/uitloggen", data={})
    assert response.status_code == 403
    login = await client.post("/mijn-zaken/inloggen/test", data={"csrf_token": "x", "soort": "bsn", "nummer": BSN_B})
    assert login.status_code == 403


async def test_a_medewerker_csrf_token_does_not_serve_a_citizen_form(client, superuser):
    _, _, zaken, _ = await zaken_van_twee(client, superuser)
    medewerker_csrf = await behandelaar(client)
    response = await client.post(
        f"/mijn-zaken/{zaken['open_a']['uuid']}/berichten",
        data={"csrf_token": medewerker_csrf, "onderwerp": "Vraag", "tekst": "Tekst"},
    )
    assert response.status_code == 303 and response.headers["location"] == "/mijn-zaken/inloggen?volgende=%2Fmijn-zaken"


# --- in the browser -------------------------------------------------------------------------------------


async def _browser_zaken(client, superuser, monkeypatch):
    """The zaken of ``zaken_van_twee``; the live server names itself as the test client does, so the documents
    made through the client are its own (not another installation's)."""
    monkeypatch.setattr(get_settings(), "base_url", BASE)
    return await zaken_van_twee(client, superuser)


async def _test_login(page, nummer: str = BSN_A, *, axe: bool = True) -> None:
    """Log in with the test login (``axe``: check each page, which needs JavaScript)."""
    await page.goto("/mijn-zaken")
    await page.get_by_role("heading", name="Inloggen op Mijn zaken").wait_for()
    if axe:
        await assert_accessible(page)
    await page.get_by_role("link", name="Inloggen met de testlogin").click()
    await page.get_by_text("Testomgeving: dit is geen echte DigiD.").wait_for()
    if axe:
        await assert_accessible(page)
    await page.get_by_label("Inwoner, met BSN").check()
    await page.get_by_label("BSN of KvK-nummer").fill(nummer)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Mijn zaken", level=1).wait_for()


async def test_a_citizen_follows_a_zaak_adds_a_document_and_a_message_which_the_behandelaar_sees(
    page, client, superuser, monkeypatch
):
    zaaktype, _, zaken, _ = await _browser_zaken(client, superuser, monkeypatch)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await _test_login(page)
    lopend = page.get_by_role("table", name="Lopende zaken")
    assert await lopend.get_by_role("row").filter(has_text="ZAAK-A").get_by_text("In behandeling").is_visible()
    afgehandeld = page.get_by_role("table", name="Afgehandelde zaken")
    assert await afgehandeld.get_by_role("link", name="Kapvergunning").is_visible()
    await assert_accessible(page)
    await page.get_by_role("link", name="Dakkapel").click()
    await page.get_by_role("heading", name="Verloop").wait_for()
    stappen = page.get_by_role("list", name="Verloop")
    huidig = " ".join((await stappen.locator('[aria-current="step"]').inner_text()).split())
    assert huidig == "Nu: In behandeling 05-03-2026"
    assert await stappen.get_by_role("listitem").count() == len(zaaktype.statustypen)
    verwachting = page.locator("#verwachting ~ ul").first
    assert await verwachting.get_by_text("Aanvraagformulier").is_visible()
    documenten = page.get_by_role("table", name="Documenten")
    rij = documenten.get_by_role("row").filter(has_text="Ontvangstbevestiging")
    assert await rij.get_by_role("cell", name="Brief").is_visible()
    assert await rij.get_by_role("cell", name="02-03-2026").is_visible()
    await assert_accessible(page)
    async with page.expect_download() as downloaded:
        await page.get_by_role("link", name="Ontvangstbevestiging downloaden").click()
    assert open(await (await downloaded.value).path(), "rb").read() == BRIEF
    assert not await page.get_by_text("Advies welstand").count()

    await page.get_by_label("Bestand").set_input_files(
        files=[{"name": "loonstrook.pdf", "mimeType": "application/pdf", "buffer": b"%PDF loonstrook"}]
    )
    await page.get_by_label("Titel (niet verplicht)").fill("Loonstrook maart")
    await page.get_by_role("button", name="Document toevoegen").click()
    await page.get_by_text("Uw document is toegevoegd aan de zaak.").wait_for()
    await page.get_by_role("button", name="Bericht versturen").click()
    # The summary at the top of the form links to the field, and the message stands beside it.
    await page.get_by_role("link", name="Vul uw bericht in.").click()
    assert await page.locator("#fout-tekst").inner_text() == "Vul uw bericht in."
    assert await page.evaluate("document.activeElement.id") == "veld-tekst"
    await assert_accessible(page)
    await page.get_by_label("Onderwerp").fill("Bouwtekening")
    await page.get_by_label("Uw bericht").fill("De tekening volgt volgende week.")
    await page.get_by_role("button", name="Bericht versturen").click()
    await page.get_by_text("Uw bericht is verstuurd naar de behandelaar van uw zaak.").wait_for()
    bericht = page.get_by_role("list", name="Berichten", exact=True).get_by_role("listitem").first
    assert await bericht.get_by_role("heading", name="Bouwtekening").is_visible()
    assert await bericht.get_by_text("Nog niet behandeld").is_visible()
    # The document sent is listed with its type and the day it was received, and is no longer expected.
    rij = page.get_by_role("table", name="Documenten").get_by_role("row").filter(has_text="Loonstrook maart")
    assert await rij.get_by_role("cell", name="Aanvraagformulier").is_visible()
    assert await rij.get_by_text("Ontvangen op").is_visible()
    assert not await page.locator("#verwachting ~ ul").filter(has_text="Aanvraagformulier").count()
    await assert_accessible(page)
    await page.get_by_role("button", name="Uitloggen").click()
    await page.get_by_text("U bent uitgelogd.").wait_for()

    await page.goto(f"/zaakdossier/{zaken['open_a']['uuid']}")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Zaak ZAAK-A").wait_for()
    assert await page.get_by_text("Er staat een bericht van een betrokkene open").is_visible()
    await page.get_by_role("link", name="Taken en notities").first.click()
    await page.get_by_role("heading", name="Bericht van betrokkene: Bouwtekening").wait_for()
    await assert_accessible(page)
    await page.get_by_label("Antwoord aan de betrokkene").first.fill("Dank u wel, de tekening is compleet.")
    await page.get_by_label("Hoe is het afgehandeld?").first.fill("Intern: tekening doorgezet naar de architect")
    await page.get_by_role("button", name="Afgehandeld").first.click()
    await page.wait_for_url(re.compile(r"melding=taak-afgehandeld"))
    await page.get_by_role("link", name="Documenten", exact=True).click()
    await page.get_by_role("link", name="Loonstrook maart").wait_for()
    await assert_accessible(page)

    # Back in Mijn zaken the citizen sees that the message was handled.
    await page.goto("/mijn-zaken/inloggen/test?volgende=/mijn-zaken/" + zaken["open_a"]["uuid"])
    await page.get_by_label("Inwoner, met BSN").check()
    await page.get_by_label("BSN of KvK-nummer").fill(BSN_A)
    await page.get_by_role("button", name="Inloggen").click()
    bericht = page.get_by_role("list", name="Berichten", exact=True).get_by_role("listitem").first
    await bericht.get_by_text(re.compile(r"^Behandeld op \d\d-\d\d-\d{4}$")).wait_for()
    assert await bericht.get_by_text("Dank u wel, de tekening is compleet.").is_visible()
    assert not await page.get_by_text("Intern: tekening doorgezet").count()  # the internal note stays internal


async def test_mijn_zaken_works_without_javascript(browser, live_server, client, superuser, monkeypatch):
    _, _, zaken, _ = await _browser_zaken(client, superuser, monkeypatch)
    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await _test_login(page, axe=False)
        await page.get_by_role("link", name="Dakkapel").click()
        await page.get_by_label("Bestand").set_input_files(
            files=[{"name": "bewijs.txt", "mimeType": "text/plain", "buffer": b"bewijs"}]
        )
        await page.get_by_role("button", name="Document toevoegen").click()
        await page.get_by_text("Uw document is toegevoegd aan de zaak.").wait_for()
        assert await page.get_by_role("link", name="bewijs.txt downloaden").is_visible()
        await page.get_by_label("Onderwerp").fill("Vraag")
        await page.get_by_label("Uw bericht").fill("Wanneer hoor ik iets?")
        await page.get_by_role("button", name="Bericht versturen").click()
        await page.get_by_text("Uw bericht is verstuurd").wait_for()
    finally:
        await context.close()
    async with db.read_session() as session:
        assert (await session.scalars(select(Taak.onderwerp))).all() == ["Vraag"]


OVERFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


async def test_mijn_zaken_fits_a_phone(browser, live_server, client, superuser, monkeypatch):
    _, _, zaken, _ = await _browser_zaken(client, superuser, monkeypatch)
    context = await browser.new_context(
        base_url=live_server, locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await page.goto("/mijn-zaken/inloggen")
        assert await page.evaluate(OVERFLOW)
        await _test_login(page)
        assert await page.evaluate(OVERFLOW)
        await page.get_by_role("link", name="Dakkapel").click()
        await page.get_by_role("heading", name="Verloop").wait_for()
        assert await page.evaluate(OVERFLOW)
        await assert_accessible(page)
    finally:
        await context.close()


async def test_a_closed_zaak_shows_its_besluiten(client, superuser):
    catalogus = (await create_catalogus(client, superuser))["url"]
    besluittype = await post(
        client, superuser, "besluittypen", besluittype_body(catalogus, omschrijving="Vergunningsbesluit")
    )
    await publish(client, superuser, besluittype["url"])
    zaaktype = await create_zaaktype_setup(client, superuser, catalogus=catalogus, besluittypen=["Vergunningsbesluit"])
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-BESLUIT")
    await _rol(client, superuser, zaaktype, zaak, "natuurlijk_persoon", {"inpBsn": BSN_A})
    await create_besluit(client, superuser, besluittype["url"], zaak=zaak["url"], vervaldatum="2027-03-15")
    await ingelogd(client)
    pagina = f"/mijn-zaken/{zaak['uuid']}"
    assert "Vergunningsbesluit" not in (await client.get(pagina)).text  # not while open
    await close_zaak(client, superuser, zaaktype, zaak["url"])
    page = (await client.get(pagina)).text
    assert "Vergunningsbesluit, genomen op 01-03-2026, geldig vanaf 15-03-2026 tot 15-03-2027" in page


async def test_no_upload_when_the_zaaktype_names_no_inkomend_document_type(client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser, (("Advies", "intern", "intern"),))
    zaak = await create_zaak(client, superuser, zaaktype.url)
    await _rol(client, superuser, zaaktype, zaak, "natuurlijk_persoon", {"inpBsn": BSN_A})
    csrf = await ingelogd(client)
    response = await client.post(
        f"/mijn-zaken/{zaak['uuid']}/documenten",
        data={"csrf_token": csrf},
        files={"bestand": ("bewijs.txt", b"bewijs", "text/plain")},
    )
    assert response.status_code == 400
    assert field_error(response.text, "bestand").startswith("Bij deze zaak kunt u geen documenten toevoegen.")
