"""Every page of every role at phone width (360 x 740): nothing scrolls sideways, and axe-core finds nothing.

The pages are visited with the demo's data (its catalogue, zaken, medewerkers and huisstijl), loaded once
for this module. To cover a new page, add one ``(role, url)`` entry to ``PAGINAS``; ``{zaak}`` is an open
demo zaak of the citizen ``BURGER``, ``{document}`` one of its documents, ``{medewerker}`` the demo behandelaar's
account, ``{zaaktype}`` the zaaktype (version) of that zaak.
"""

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from tests.conftest import BASE, empty_database
from tests.web.accessibility import assert_accessible
from zaakgericht import db
from zaakgericht.accounts import service as accounts
from zaakgericht.accounts.models import Medewerker
from zaakgericht.api import urls
from zaakgericht.api.urls import reset_base_url, set_base_url
from zaakgericht.catalogi.models import ZaakType
from zaakgericht.demo import DEMO_WACHTWOORD, load_demo
from zaakgericht.documenten import dossier
from zaakgericht.documenten.storage import file_changes, write_stream
from zaakgericht.documenten.zaakdocumenten import NieuwDocument, add_to_zaak
from zaakgericht.settings import get_settings
from zaakgericht.zaken.models import Rol, Zaak
from zaakgericht.zaken.ref import load

VIEWPORT = {"width": 360, "height": 740}
SCROLLEN_OPZIJ = """[...document.querySelectorAll("body *")]
  .filter((e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
  .map((e) => e.tagName + (e.className ? "." + e.className : ""))"""
BURGER = "999990019"

PAGINAS = [
    ("anoniem", "/inloggen"),
    ("anoniem", "/bestaat-niet"),
    ("anoniem", "/mijn-zaken/inloggen"),
    ("anoniem", "/mijn-zaken/inloggen/test"),
    ("behandelaar", "/"),
    ("behandelaar", "/werkvoorraad"),
    ("behandelaar", "/werkvoorraad?lijst=team"),
    ("behandelaar", "/werkvoorraad?lijst=niet_toegewezen"),
    ("behandelaar", "/nieuwe-zaak"),
    ("behandelaar", "/zaakdossier/{zaak}"),
    ("behandelaar", "/zaakdossier/{zaak}/taken"),
    ("behandelaar", "/zaakdossier/{zaak}/documenten/{document}/verwijderen"),  # a confirmation page
    ("behandelaar", "/help"),
    ("behandelaar", "/help/behandelaar"),
    ("kcc", "/"),
    ("kcc", "/kcc"),
    ("kcc", "/kcc/zaken/{zaak}"),
    ("kcc", "/help/kcc"),
    ("manager", "/"),
    ("manager", "/werkvoorraad?lijst=team"),
    ("manager", "/help/manager"),
    ("beheerder", "/"),
    ("beheerder", "/beheer/medewerkers"),
    ("beheerder", "/beheer/medewerkers/nieuw"),
    ("beheerder", "/beheer/medewerkers/{medewerker}"),
    ("beheerder", "/beheer/medewerkers/{medewerker}/wachtwoord"),
    ("beheerder", "/beheer/catalogus"),
    ("beheerder", "/beheer/catalogus/zaaktypen/{zaaktype}"),
    ("beheerder", "/beheer/e-mail"),
    ("beheerder", "/beheer/formulieren"),
    ("beheerder", "/beheer/huisstijl"),
    ("beheerder", "/help/beheerder"),
    ("archivaris", "/"),
    ("archivaris", "/help/archivaris"),
    ("burger", "/mijn-zaken"),
    ("burger", "/mijn-zaken/{zaak}"),
    ("burger", "/mijn-zaken/formulieren"),
    ("burger", "/mijn-zaken/formulieren/MELDING-OPENBARE-RUIMTE"),
]


@pytest.fixture
async def clean_tables():
    """The demo data stays for the whole module (it is emptied once, by ``demo``)."""
    yield


@pytest.fixture(scope="module")
async def demo():
    """The demo loaded once; the ids the pages need; the browser sessions per role, made on first use."""
    settings = get_settings()
    vorige = settings.base_url, settings.demo_login
    settings.base_url = BASE  # the live server names itself as the demo's URLs do
    settings.demo_login = True  # citizens log in with the test login, as in the demo
    token = set_base_url(BASE)
    try:
        await load_demo()
    finally:
        reset_base_url(token)
    async with db.read_session() as session:
        zaak = await session.scalar(
            select(Zaak.uuid)
            .join(Rol, Rol.zaak_id == Zaak.id)
            .where(Zaak.einddatum.is_(None), Rol.inp_bsn == BURGER)
            .limit(1)
        )
        medewerker = await session.scalar(select(Medewerker.uuid).where(Medewerker.gebruikersnaam == "behandelaar"))
        zaaktype = await session.scalar(
            select(ZaakType.uuid).join(Zaak, Zaak.zaaktype_id == ZaakType.id).where(Zaak.uuid == zaak)
        )
    token = set_base_url(BASE)
    try:
        document = await _a_document(zaak)
    finally:
        reset_base_url(token)
    yield {"ids": {"zaak": zaak, "document": document, "medewerker": medewerker, "zaaktype": zaaktype}, "sessies": {}}
    settings.base_url, settings.demo_login = vorige
    await empty_database()


async def _a_document(zaak_uuid) -> uuid.UUID:
    """A document the demo behandelaar adds to the demo zaak (the demo's zaken have none), as the dossier does."""
    async with file_changes() as files, db.write_session() as session:
        behandelaar = await session.scalar(select(Medewerker).where(Medewerker.gebruikersnaam == "behandelaar"))
        zaak = await session.scalar(select(Zaak).where(Zaak.uuid == zaak_uuid))
        zaaktype = await session.get_one(ZaakType, zaak.zaaktype_id)
        [documenttype, *_] = await dossier.documenttypen(session, zaaktype.uuid, date.today())

        async def inhoud():
            yield b"Telefoonnotitie"

        nieuw = NieuwDocument(
            inhoud=files.add(await write_stream(files.storage, inhoud())),
            bestandsnaam="notitie.txt",
            formaat="text/plain",
            titel="Telefoonnotitie",
            informatieobjecttype=urls.build("catalogi", "informatieobjecttypen", documenttype.uuid),
            auteur=behandelaar.naam,
            bronorganisatie=behandelaar.organisatie,
            creatiedatum=date.today(),
        )
        auth = await accounts.documenten_auth_context(session, behandelaar)
        document = await add_to_zaak(session, auth, await load(session, zaak), nieuw, files)
        return document.document.uuid


async def _log_in(page, rol: str) -> None:
    if rol == "burger":
        await page.goto("/mijn-zaken/inloggen/test")
        await page.get_by_label("Inwoner, met BSN").check()
        await page.get_by_label("BSN of KvK-nummer").fill(BURGER)
    else:
        await page.goto("/inloggen")
        await page.get_by_label("Gebruikersnaam").fill(rol)
        await page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_load_state()


@pytest.fixture
async def phone_page(browser, live_server, demo, request):
    """A page at phone width, logged in as the entry's role (the session made once per role)."""
    rol = request.node.callspec.params["rol"]
    context = await browser.new_context(
        base_url=live_server, locale="nl-NL", viewport=VIEWPORT, storage_state=demo["sessies"].get(rol)
    )
    context.set_default_timeout(10_000)
    page = await context.new_page()
    if rol != "anoniem" and rol not in demo["sessies"]:
        await _log_in(page, rol)
        demo["sessies"][rol] = await context.storage_state()
    yield page
    await context.close()


@pytest.mark.parametrize(("rol", "url"), PAGINAS)
async def test_the_page_fits_a_phone_and_is_accessible(phone_page, demo, rol, url):
    response = await phone_page.goto(url.format(**demo["ids"]))
    assert response.status == (404 if url == "/bestaat-niet" else 200), phone_page.url
    assert phone_page.url.endswith(url.format(**demo["ids"])), f"{url} led elsewhere: {phone_page.url}"
    assert "/inloggen" not in phone_page.url or rol == "anoniem", f"{rol} was sent to log in"
    breedte = await phone_page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= VIEWPORT["width"], f"{url} is {breedte}px wide at {VIEWPORT['width']}px"
    # Nor does any part of it scroll sideways inside its own box (a table in a scrolling wrapper).
    assert await phone_page.evaluate(SCROLLEN_OPZIJ) == [], f"{url} has parts that scroll sideways"
    await assert_accessible(phone_page)
