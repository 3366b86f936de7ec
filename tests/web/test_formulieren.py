"""E-formulieren: beheer puts a zaaktype online, a citizen fills in its form step by step and sends it; the zaak,
its documents, a PDF of the form and one ontvangstbevestiging e-mail are made together, or nothing at all."""

import re
import shutil
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from tests import smtp
from tests.catalogi.factories import informatieobjecttype_body, post, publish
from tests.conftest import BASE
from tests.smtp import Clock
from tests.web import test_pip
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, hidden, logged_in, make_medewerker
from tests.web.test_pip import BSN_A, BSN_B, KVK, burger_login, ingelogd
from tests.zaken.factories import create_zaaktype_setup
from zaakgericht import db
from zaakgericht.burgers.service import Identiteit
from zaakgericht.catalogi.models import Catalogus, Eigenschap, StatusType, ZaakType
from zaakgericht.demo import load_demo
from zaakgericht.documenten.models import EnkelvoudigInformatieObject as Document
from zaakgericht.documenten.storage import FileChanges, get_storage
from zaakgericht.formulieren import queries, service
from zaakgericht.formulieren.models import FormulierConcept
from zaakgericht.notificaties.models import OutboxMessage
from zaakgericht.settings import get_settings
from zaakgericht.zaken.models import Rol, Zaak, ZaakEigenschap, ZaakInformatieObject

smtp_server = smtp.smtp_server  # the real SMTP server
tweede = test_pip.tweede  # a second browser: another citizen
PDF = b"%PDF-1.4 bouwtekening " * 50
FOTO = b"\x89PNG foto " * 40


@pytest.fixture(autouse=True)
def demo_login(monkeypatch):
    monkeypatch.setattr(get_settings(), "demo_login", True)
    shutil.rmtree(get_settings().data_dir / "files", ignore_errors=True)


def _files() -> set[Path]:
    root = get_settings().data_dir / "files"
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


async def online_zaaktype(client, superuser, identificatie="DAKKAPEL", online=True):
    """A published zaaktype with a date and a text eigenschap, a required inkomend type (tied to the first status),
    an optional one, the Aanvraagformulier for the PDF and an uitgaand type; the first status informs."""
    zaaktype = await create_zaaktype_setup(
        client, superuser, publish_it=False, identificatie=identificatie, omschrijving="Dakkapel plaatsen"
    )
    await post(
        client,
        superuser,
        "eigenschappen",
        {
            "zaaktype": zaaktype.url,
            "naam": "adres",
            "definitie": "Het adres van de woning",
            "specificatie": {"formaat": "tekst", "lengte": "40", "kardinaliteit": "1", "waardenverzameling": []},
        },
    )
    typen = (
        ("Bouwtekening", "inkomend", zaaktype.statustypen[0]),
        ("Foto", "inkomend", None),
        ("Aanvraagformulier", "inkomend", None),
        ("Besluit", "uitgaand", None),
    )
    for volgnummer, (omschrijving, richting, statustype) in enumerate(typen, start=1):
        body = informatieobjecttype_body(zaaktype.catalogus, omschrijving=omschrijving)
        iot = await post(client, superuser, "informatieobjecttypen", body, 200)
        await publish(client, superuser, iot["url"])
        ztiot = {"zaaktype": zaaktype.url, "informatieobjecttype": omschrijving, "volgnummer": volgnummer}
        if statustype:
            ztiot["statustype"] = statustype
        await post(client, superuser, "zaaktype-informatieobjecttypen", {**ztiot, "richting": richting})
    await publish(client, superuser, zaaktype.url)
    async with db.write_session() as session:
        await session.execute(update(StatusType).where(StatusType.volgnummer == 1).values(informeren=True))
        catalogus_id = await session.scalar(
            select(ZaakType.catalogus_id).where(ZaakType.identificatie == identificatie)
        )
        if online:
            await service.zet_online(session, catalogus_id, identificatie, True, "Vraag hier een vergunning aan.")
    return zaaktype


async def eigenschap_uuid(naam: str) -> str:
    async with db.read_session() as session:
        return str(await session.scalar(select(Eigenschap.uuid).where(Eigenschap.naam == naam)))


def field_error(html: str, veld: str) -> str:
    found = re.search(rf'id="fout-{re.escape(veld)}">([^<]*)<', html)
    return found[1] if found else ""


async def start(client, identificatie="DAKKAPEL") -> str:
    """Starts the form; the URL of its first step."""
    page = await client.get(f"/mijn-zaken/formulieren/{identificatie}")
    assert page.status_code == 200, page.text
    response = await client.post(f"/mijn-zaken/formulieren/{identificatie}", data={"csrf_token": hidden(page.text)})
    assert response.status_code == 303
    return response.headers["location"]


def step(url: str, naam: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + naam


async def fill_in(client, csrf: str, eerste: str, *, upload=True) -> str:
    """Fills in every step correctly; the URL of the summary."""
    response = await client.post(eerste, data={"csrf_token": csrf, "omschrijving": "Dakkapel aan de voorkant"})
    assert response.headers["location"] == step(eerste, "gegevens")
    datum, adres = await eigenschap_uuid("datum_vervallen"), await eigenschap_uuid("adres")
    response = await client.post(
        step(eerste, "gegevens"),
        data={"csrf_token": csrf, f"eigenschap-{datum}": "28-07-2026", f"eigenschap-{adres}": "Dorpsstraat 1"},
    )
    assert response.status_code == 303, response.text
    if upload:
        files = {f"bijlage-{await iot_uuid('Bouwtekening')}": ("tekening.pdf", PDF, "application/pdf")}
        response = await client.post(step(eerste, "bijlagen"), data={"csrf_token": csrf}, files=files)
        assert response.status_code == 303, response.text
    response = await client.post(
        step(eerste, "contact"), data={"csrf_token": csrf, "emailadres": "j.jansen@example.nl", "telefoonnummer": ""}
    )
    assert response.headers["location"] == step(eerste, "samenvatting")
    return step(eerste, "samenvatting")


async def iot_uuid(omschrijving: str) -> str:
    from zaakgericht.catalogi.models import InformatieObjectType

    async with db.read_session() as session:
        return str(
            await session.scalar(
                select(InformatieObjectType.uuid).where(InformatieObjectType.omschrijving == omschrijving)
            )
        )


def pdf_tekst(pdf: bytes) -> str:
    """The text drawn on the pages of a PDF made by fpdf2 (its page streams are deflated)."""
    assert pdf.startswith(b"%PDF")
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    pages = b"".join(zlib.decompress(stream) for stream in streams if stream.startswith(b"x"))
    return pages.decode("latin-1")


async def counts() -> tuple[int, int, int, int]:
    async with db.read_session() as session:
        return (
            await session.scalar(select(func.count()).select_from(Zaak)),
            await session.scalar(select(func.count()).select_from(Document)),
            await session.scalar(select(func.count()).select_from(ZaakInformatieObject)),
            await session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "email")),
        )


# --- the whole path --------------------------------------------------------------------------


async def test_a_citizen_sends_a_form_and_gets_one_zaak_one_email_with_the_pdf(client, superuser, smtp_server):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    samenvatting = await fill_in(client, csrf, await start(client))
    page = await client.get(samenvatting)
    assert "Dakkapel aan de voorkant" in page.text and "28-07-2026" in page.text and "tekening.pdf" in page.text
    assert "j.jansen@example.nl" in page.text and "(BSN bekend)" in page.text and BSN_A not in page.text

    response = await client.post(samenvatting, data={"csrf_token": csrf})
    assert response.status_code == 303
    bevestiging = await client.get(response.headers["location"])
    assert "U krijgt een e-mail met deze gegevens" in bevestiging.text  # e-mail is configured here
    async with db.read_session() as session:
        zaak = await session.scalar(select(Zaak))
        rollen = (await session.scalars(select(Rol).where(Rol.zaak_id == zaak.id))).all()
        eigenschappen = (await session.scalars(select(ZaakEigenschap).where(ZaakEigenschap.zaak_id == zaak.id))).all()
        documenten = (
            await session.scalars(select(ZaakInformatieObject).where(ZaakInformatieObject.zaak_id == zaak.id))
        ).all()
        catalogus = await session.scalar(select(Catalogus))
    assert zaak.identificatie in bevestiging.text
    assert (zaak.einddatum_gepland or zaak.uiterlijke_einddatum_afdoening).strftime("%d-%m-%Y") in bevestiging.text
    assert zaak.bronorganisatie == zaak.verantwoordelijke_organisatie == catalogus.rsin
    assert zaak.kenmerken == [{"kenmerk": "Internet", "bron": "Binnengekomen via"}]
    [rol] = rollen
    assert (rol.omschrijving_generiek, rol.inp_bsn) == ("initiator", BSN_A)
    assert rol.contactpersoon_rol["emailadres"] == "j.jansen@example.nl"
    assert sorted(e.waarde for e in eigenschappen) == ["20260728", "Dorpsstraat 1"]
    assert sorted(d.titel for d in documenten) == ["Aanvraag Dakkapel plaatsen", "Bouwtekening"]

    # One e-mail: the ontvangstbevestiging; the first status (informeren) sends none besides.
    assert (await counts())[3] == 1
    await Clock().dispatch()
    [message] = smtp_server.messages
    assert message["To"] == "j.jansen@example.nl"
    assert zaak.identificatie in message["Subject"]
    [bijlage] = [part for part in message.walk() if part.get_content_type() == "application/pdf"]
    inhoud = pdf_tekst(bijlage.get_payload(decode=True))
    assert zaak.identificatie in inhoud and "Dorpsstraat 1" in inhoud and "28-07-2026" in inhoud
    tekst = next(part for part in message.walk() if part.get_content_type() == "text/plain").get_content()
    assert zaak.identificatie in tekst and "Dakkapel plaatsen" in tekst and f"/mijn-zaken/{zaak.uuid}" in tekst
    assert BSN_A not in tekst and BSN_A not in inhoud  # an e-mail is no place for a BSN

    mijn_zaken = await client.get("/mijn-zaken")
    assert zaak.identificatie in mijn_zaken.text
    # The person sees what they sent among the zaak's documents.
    assert all(document.zichtbaar_voor_betrokkene for document in documenten)
    pagina = await client.get(f"/mijn-zaken/{zaak.uuid}")
    assert "Aanvraag Dakkapel plaatsen" in pagina.text and "Bouwtekening" in pagina.text

    # The behandelaar's dossier names the citizen as its initiator, without the BSN.
    await make_medewerker("piet", heeft_alle_autorisaties=True)
    await logged_in(client, "piet")
    dossier = (await client.get(f"/zaakdossier/{zaak.uuid}")).text
    initiator = re.search(r"<dt>Initiator</dt>\s*<dd>([^<]*)</dd>", dossier)[1]
    assert initiator.strip() and initiator != "Niet vastgelegd" and BSN_A not in initiator


async def test_without_smtp_the_confirmation_promises_no_email(client, superuser):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    samenvatting = await fill_in(client, csrf, await start(client))
    response = await client.post(samenvatting, data={"csrf_token": csrf})
    bevestiging = (await client.get(response.headers["location"])).text
    assert "U krijgt een e-mail" not in bevestiging
    assert "U krijgt voorlopig geen e-mail van ons: het versturen van e-mail is nog niet ingesteld." in bevestiging
    assert (await counts())[3] == 1  # the ontvangstbevestiging waits in the outbox (shown in beheer)


async def test_a_concept_expires_after_24_hours_with_its_files(client, superuser):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    eerste = await start(client)
    files = {f"bijlage-{await iot_uuid('Bouwtekening')}": ("a.pdf", PDF, "application/pdf")}
    await client.post(step(eerste, "bijlagen"), data={"csrf_token": csrf}, files=files)
    assert len(_files()) == 1
    token = eerste.rsplit("/", 2)[1]
    identiteit = Identiteit(BSN_A, None)
    later = datetime.now(UTC) + timedelta(hours=24, minutes=1)
    async with db.read_session() as session:
        assert await service.concept(session, identiteit, token, later - timedelta(minutes=2)) is not None
        assert await service.concept(session, identiteit, token, later) is None
        formulier = await queries.formulier(session, "DAKKAPEL", later.date())
    changes = FileChanges(get_storage())
    async with db.write_session() as session:
        await service.nieuw_concept(session, identiteit, formulier, {}, later, changes)
    await changes.settle(committed=True)
    assert _files() == set()
    async with db.read_session() as session:
        assert await session.scalar(select(func.count()).select_from(FormulierConcept)) == 1


async def test_the_demo_offers_two_forms(client):
    await load_demo()
    await ingelogd(client)
    lijst = await client.get("/mijn-zaken/formulieren")
    assert "Melding openbare ruimte" in lijst.text and "Omgevingsvergunning" in lijst.text
    assert "Klacht" not in lijst.text


async def test_sending_twice_makes_one_zaak_and_shows_the_same_confirmation(client, superuser):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    samenvatting = await fill_in(client, csrf, await start(client))
    first = await client.post(samenvatting, data={"csrf_token": csrf})
    second = await client.post(samenvatting, data={"csrf_token": csrf})
    assert first.headers["location"] == second.headers["location"]
    assert (await counts())[0] == 1 and (await counts())[3] == 1
    # The back button to a step leads to the confirmation too.
    assert (await client.get(step(samenvatting, "aanvraag"))).headers["location"] == first.headers["location"]


async def test_a_late_refusal_leaves_no_zaak_document_file_or_email(client, superuser, smtp_server):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    samenvatting = await fill_in(client, csrf, await start(client))
    # The catalogue changed meanwhile: the answer no longer fits the eigenschap.
    async with db.write_session() as session:
        await session.execute(update(Eigenschap).where(Eigenschap.naam == "adres").values(specificatie_lengte="5"))
    before = _files()
    response = await client.post(samenvatting, data={"csrf_token": csrf})
    assert response.status_code == 400
    assert "Uw aanvraag is nog niet verstuurd" in response.text and "adres" in response.text
    assert await counts() == (0, 0, 0, 0)
    assert _files() == before  # the upload stays with the concept; no PDF was left behind
    async with db.read_session() as session:
        assert (await session.scalar(select(FormulierConcept))).zaak_uuid is None


async def test_a_company_sends_a_form_as_a_vestiging(client, superuser):
    await online_zaaktype(client, superuser)
    await burger_login(client, KVK, "kvk")
    csrf = hidden((await client.get("/mijn-zaken")).text)
    samenvatting = await fill_in(client, csrf, await start(client))
    assert (await client.post(samenvatting, data={"csrf_token": csrf})).status_code == 303
    async with db.read_session() as session:
        rol = await session.scalar(select(Rol))
    assert rol.betrokkene_type == "vestiging" and rol.betrokkene_identificatie["kvkNummer"] == KVK


# --- each step's checks ----------------------------------------------------------------------


async def test_each_step_checks_its_fields_and_keeps_the_values(client, superuser):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    eerste = await start(client)

    response = await client.post(eerste, data={"csrf_token": csrf, "omschrijving": "", "toelichting": "Graag snel"})
    assert response.status_code == 400
    assert field_error(response.text, "omschrijving") == "Vul in waar uw aanvraag over gaat."
    assert 'aria-describedby="fout-omschrijving"' in response.text or "fout-omschrijving" in response.text
    assert "Graag snel" in response.text
    response = await client.post(eerste, data={"csrf_token": csrf, "omschrijving": "x" * 81})
    assert "hoogstens 80 tekens" in field_error(response.text, "omschrijving")

    datum, adres = await eigenschap_uuid("datum_vervallen"), await eigenschap_uuid("adres")
    response = await client.post(
        step(eerste, "gegevens"),
        data={"csrf_token": csrf, f"eigenschap-{datum}": "31-02-2026", f"eigenschap-{adres}": ""},
    )
    assert response.status_code == 400
    assert field_error(response.text, f"eigenschap-{datum}-0") == "Vul een datum in, bijvoorbeeld 28-07-2026."
    assert field_error(response.text, f"eigenschap-{adres}-0") == "Vul adres in."
    assert 'value="31-02-2026"' in response.text
    response = await client.post(
        step(eerste, "gegevens"),
        data={"csrf_token": csrf, f"eigenschap-{datum}": "2026-07-28", f"eigenschap-{adres}": "x" * 41},
    )
    assert "40 tekens" in field_error(response.text, f"eigenschap-{adres}-0")

    bouwtekening = f"bijlage-{await iot_uuid('Bouwtekening')}"
    response = await client.post(step(eerste, "bijlagen"), data={"csrf_token": csrf})
    assert response.status_code == 400
    assert field_error(response.text, bouwtekening) == "Voeg het document Bouwtekening toe."
    response = await client.post(
        step(eerste, "bijlagen"), data={"csrf_token": csrf}, files={bouwtekening: ("leeg.pdf", b"", "application/pdf")}
    )
    assert "leeg" in field_error(response.text, bouwtekening)
    assert _files() == set()  # nothing stored while the step is refused

    response = await client.post(step(eerste, "contact"), data={"csrf_token": csrf, "emailadres": ""})
    assert "Vul uw e-mailadres in" in field_error(response.text, "emailadres")
    response = await client.post(
        step(eerste, "contact"), data={"csrf_token": csrf, "emailadres": "geen-adres", "telefoonnummer": "bel mij"}
    )
    assert "geldig e-mailadres" in field_error(response.text, "emailadres")
    assert "telefoonnummer" in field_error(response.text, "telefoonnummer")
    assert 'value="geen-adres"' in response.text


async def test_the_summary_refuses_a_form_with_a_skipped_step(client, superuser):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    eerste = await start(client)
    response = await client.post(step(eerste, "samenvatting"), data={"csrf_token": csrf})
    assert response.status_code == 400
    for tekst in ("Uw aanvraag", "Gegevens", "Bijlagen", "Contactgegevens"):
        assert f"bij &#39;{tekst}&#39;" in response.text
    assert await counts() == (0, 0, 0, 0)


async def test_an_optional_upload_can_be_replaced_and_removed(client, superuser):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    eerste = await start(client)
    foto, bouwtekening = await iot_uuid("Foto"), await iot_uuid("Bouwtekening")
    files = {
        f"bijlage-{bouwtekening}": ("a.pdf", PDF, "application/pdf"),
        f"bijlage-{foto}": ("a.png", FOTO, "image/png"),
    }
    assert (await client.post(step(eerste, "bijlagen"), data={"csrf_token": csrf}, files=files)).status_code == 303
    assert len(_files()) == 2
    files = {f"bijlage-{foto}": ("b.png", FOTO, "image/png")}
    await client.post(step(eerste, "bijlagen"), data={"csrf_token": csrf}, files=files)
    assert len(_files()) == 2  # the earlier foto went
    assert "b.png" in (await client.get(step(eerste, "bijlagen"))).text
    await client.post(step(eerste, "bijlagen"), data={"csrf_token": csrf, f"verwijder-{foto}": "ja"})
    assert len(_files()) == 1


# --- who may -----------------------------------------------------------------------------------


async def test_the_form_needs_a_citizen_login_and_comes_back_after_it(client, superuser):
    await online_zaaktype(client, superuser)
    assert (await client.get("/formulieren")).headers["location"] == "/mijn-zaken/formulieren"
    assert (await client.get("/formulieren/DAKKAPEL")).headers["location"] == "/mijn-zaken/formulieren/DAKKAPEL"
    response = await client.get("/mijn-zaken/formulieren/DAKKAPEL")
    assert response.status_code == 303
    assert response.headers["location"] == "/mijn-zaken/inloggen?volgende=%2Fmijn-zaken%2Fformulieren%2FDAKKAPEL"
    login = await burger_login(client, volgende="/mijn-zaken/formulieren/DAKKAPEL")
    assert login.headers["location"] == "/mijn-zaken/formulieren/DAKKAPEL"
    lijst = await client.get("/mijn-zaken/formulieren")
    assert "Dakkapel plaatsen" in lijst.text and "Vraag hier een vergunning aan." in lijst.text


async def test_another_citizen_cannot_open_or_send_your_concept(client, superuser, tweede):
    await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    samenvatting = await fill_in(client, csrf, await start(client))
    ander = await ingelogd(tweede, BSN_B)
    assert (await tweede.get(samenvatting)).status_code == 404
    assert (await tweede.post(samenvatting, data={"csrf_token": ander})).status_code == 404
    assert (
        await tweede.post(step(samenvatting, "aanvraag"), data={"csrf_token": ander, "omschrijving": "x"})
    ).status_code == 404
    verstuurd = await client.post(samenvatting, data={"csrf_token": csrf})
    assert (await tweede.get(verstuurd.headers["location"])).status_code == 404
    assert (await counts())[0] == 1


async def test_a_zaaktype_that_is_not_online_is_404(client, superuser):
    await online_zaaktype(client, superuser, online=False)
    csrf = await ingelogd(client)
    assert (await client.get("/mijn-zaken/formulieren/DAKKAPEL")).status_code == 404
    assert (await client.post("/mijn-zaken/formulieren/DAKKAPEL", data={"csrf_token": csrf})).status_code == 404
    assert "Dakkapel" not in (await client.get("/mijn-zaken/formulieren")).text


async def test_beheer_puts_a_zaaktype_online_and_others_may_not(client, superuser):
    await online_zaaktype(client, superuser, online=False)
    await make_medewerker("bea", naam="Bea Beheer", rollen=["beheerder"])
    csrf = await logged_in(client, "bea")
    page = await client.get("/beheer/formulieren")
    assert page.status_code == 200 and "Dakkapel plaatsen" in page.text and "niet online" in page.text
    async with db.read_session() as session:
        catalogus_id = await session.scalar(select(Catalogus.id))
    data = {
        "csrf_token": csrf,
        "identificatie": "DAKKAPEL",
        "catalogus": str(catalogus_id),
        "online": "ja",
        "intro": "Welkom",
    }
    response = await client.post("/beheer/formulieren", data={**data, "intro": "x" * 1001})
    assert response.status_code == 400 and "hoogstens 1000 tekens" in response.text
    response = await client.post("/beheer/formulieren", data=data)
    assert response.status_code == 303
    assert "<strong>online</strong>" in (await client.get(response.headers["location"])).text
    assert (await client.post("/beheer/formulieren", data={**data, "identificatie": "ONBEKEND"})).status_code == 400

    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    await client.post("/uitloggen", data={"csrf_token": csrf})
    csrf = await logged_in(client, "piet")
    assert (await client.get("/beheer/formulieren")).status_code == 403
    assert (
        await client.post("/beheer/formulieren", data={**data, "csrf_token": csrf, "online": ""})
    ).status_code == 403


# --- in the browser ----------------------------------------------------------------------------


async def test_a_citizen_fills_in_the_form_in_the_browser_and_gets_the_confirmation(
    page, client, superuser, smtp_server, monkeypatch
):
    monkeypatch.setattr(get_settings(), "base_url", BASE)  # the live server names itself as the test client does
    await online_zaaktype(client, superuser)

    await page.goto("/formulieren/DAKKAPEL")
    await page.get_by_role("heading", name="Inloggen op Mijn zaken").wait_for()
    await assert_accessible(page)
    await page.get_by_role("link", name="Inloggen met de testlogin").click()
    await page.get_by_label("Inwoner, met BSN").check()
    await page.get_by_label("BSN of KvK-nummer").fill(BSN_A)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Dakkapel plaatsen", level=1).wait_for()
    await assert_accessible(page)
    await page.get_by_role("button", name="Formulier starten").click()

    await page.get_by_role("heading", name="Uw aanvraag", level=1).wait_for()
    await assert_accessible(page)
    await page.get_by_role("button", name="Volgende").click()
    await page.locator("#fout-omschrijving").get_by_text("Vul in waar uw aanvraag over gaat.").wait_for()
    await assert_accessible(page)
    await page.get_by_label("Waar gaat uw aanvraag over?").fill("Dakkapel aan de voorkant")
    await page.get_by_role("button", name="Volgende").click()

    await page.get_by_role("heading", name="Gegevens", level=1).wait_for()
    await assert_accessible(page)
    await page.get_by_label("datum_vervallen").fill("2026-07-28")
    await page.get_by_label("adres").fill("Dorpsstraat 1")
    await page.get_by_role("button", name="Volgende").click()

    await page.get_by_role("heading", name="Bijlagen", level=1).wait_for()
    await assert_accessible(page)
    await page.get_by_label("Bouwtekening").set_input_files(
        files=[{"name": "tekening.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    await page.get_by_role("button", name="Volgende").click()

    await page.get_by_role("heading", name="Contactgegevens", level=1).wait_for()
    await assert_accessible(page)
    await page.get_by_label("E-mailadres").fill("j.jansen@example.nl")
    await page.get_by_role("button", name="Volgende").click()

    await page.get_by_role("heading", name="Controleren en versturen", level=1).wait_for()
    assert await page.get_by_text("tekening.pdf").is_visible()
    await assert_accessible(page)
    await page.get_by_role("button", name="Versturen").click()

    await page.get_by_role("heading", name="Wij hebben uw aanvraag ontvangen").wait_for()
    await assert_accessible(page)
    async with db.read_session() as session:
        zaak = await session.scalar(select(Zaak))
    assert await page.get_by_text(f"heeft zaaknummer {zaak.identificatie}").is_visible()

    await Clock().dispatch()
    [message] = smtp_server.messages
    assert message["To"] == "j.jansen@example.nl" and zaak.identificatie in message["Subject"]
    [bijlage] = [part for part in message.walk() if part.get_content_type() == "application/pdf"]
    assert bijlage.get_filename() == f"aanvraag-{zaak.identificatie}.pdf"
    assert bijlage.get_payload(decode=True).startswith(b"%PDF")

    await page.get_by_role("link", name="Bekijk uw aanvraag in Mijn zaken").click()
    await page.get_by_role("heading", name="Verloop").wait_for()
    await page.goto("/mijn-zaken")
    assert await page.get_by_text(zaak.identificatie).is_visible()
    await assert_accessible(page)


async def test_the_form_works_without_javascript(browser, live_server, client, superuser):
    await online_zaaktype(client, superuser)
    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await page.goto("/formulieren")
        await page.get_by_role("link", name="Inloggen met de testlogin").click()
        await page.get_by_label("Inwoner, met BSN").check()
        await page.get_by_label("BSN of KvK-nummer").fill(BSN_A)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_role("link", name="Dakkapel plaatsen").click()
        await page.get_by_role("button", name="Formulier starten").click()
        await page.get_by_label("Waar gaat uw aanvraag over?").fill("Zonder JavaScript")
        await page.get_by_role("button", name="Volgende").click()
        await page.get_by_role("heading", name="Gegevens", level=1).wait_for()
        await page.get_by_role("link", name="Vorige stap").click()
        assert await page.get_by_label("Waar gaat uw aanvraag over?").input_value() == "Zonder JavaScript"
    finally:
        await context.close()


async def test_beheer_switches_a_form_online_in_the_browser(page, client, superuser):
    await online_zaaktype(client, superuser, online=False)
    await make_medewerker("bea", naam="Bea Beheer", rollen=["beheerder"])
    await page.goto("/beheer/formulieren")
    await page.get_by_label("Gebruikersnaam").fill("bea")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Online formulieren").wait_for()
    await assert_accessible(page)
    await page.get_by_label("Online aan te vragen").check()
    await page.get_by_role("button", name="Opslaan").click()
    await page.get_by_text("Opgeslagen.").wait_for()
    await assert_accessible(page)


async def test_the_form_fits_a_phone(browser, live_server, client, superuser):
    await online_zaaktype(client, superuser)
    context = await browser.new_context(
        base_url=live_server, locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = await context.new_page()
    fits = "() => document.documentElement.scrollWidth <= window.innerWidth"
    try:
        await page.goto("/formulieren/DAKKAPEL")
        await page.get_by_role("link", name="Inloggen met de testlogin").click()
        await page.get_by_label("Inwoner, met BSN").check()
        await page.get_by_label("BSN of KvK-nummer").fill(BSN_A)
        await page.get_by_role("button", name="Inloggen").click()
        await page.get_by_role("button", name="Formulier starten").click()
        for stap in ("Uw aanvraag", "Gegevens", "Bijlagen"):
            await page.get_by_role("heading", name=stap, level=1).wait_for()
            assert await page.evaluate(fits), stap
            if stap == "Uw aanvraag":
                await page.get_by_label("Waar gaat uw aanvraag over?").fill("Op de telefoon")
            if stap == "Gegevens":
                await page.get_by_label("datum_vervallen").fill("2026-07-28")
                await page.get_by_label("adres").fill("Dorpsstraat 1")
            await page.get_by_role("button", name="Volgende").click()
        beside_the_field = page.locator(".utrecht-form-field-error-message")
        await beside_the_field.get_by_text("Voeg het document Bouwtekening toe.").wait_for()
        assert await page.evaluate(fits)
    finally:
        await context.close()


async def test_the_citizens_whole_journey_in_the_browser(page, client, superuser, smtp_server, monkeypatch):
    """Form with an upload, confirmation and e-mail; Mijn zaken with an extra document; a behandelaar sets a
    status that informs; the citizen gets that e-mail and sees the new status."""
    monkeypatch.setattr(get_settings(), "base_url", BASE)  # the live server names itself as the test client does
    await online_zaaktype(client, superuser)
    async with db.write_session() as session:
        await session.execute(update(StatusType).where(StatusType.volgnummer == 2).values(informeren=True))
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    async def burger_inloggen(adres: str) -> None:
        await page.context.clear_cookies()
        await page.goto(adres)
        await page.get_by_role("link", name="Inloggen met de testlogin").click()
        await page.get_by_label("Inwoner, met BSN").check()
        await page.get_by_label("BSN of KvK-nummer").fill(BSN_A)
        await page.get_by_role("button", name="Inloggen").click()

    await burger_inloggen("/formulieren/DAKKAPEL")
    await page.get_by_role("button", name="Formulier starten").click()
    await page.get_by_label("Waar gaat uw aanvraag over?").fill("Dakkapel aan de voorkant")
    await page.get_by_role("button", name="Volgende").click()
    await page.get_by_label("datum_vervallen").fill("2026-07-28")
    await page.get_by_label("adres").fill("Dorpsstraat 1")
    await page.get_by_role("button", name="Volgende").click()
    await page.get_by_label("Bouwtekening").set_input_files(
        files=[{"name": "tekening.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    await page.get_by_role("button", name="Volgende").click()
    await page.get_by_label("E-mailadres").fill("j.jansen@example.nl")
    await page.get_by_role("button", name="Volgende").click()
    await page.get_by_role("button", name="Versturen").click()
    await page.get_by_role("heading", name="Wij hebben uw aanvraag ontvangen").wait_for()
    async with db.read_session() as session:
        zaak = await session.scalar(select(Zaak))
    await Clock().dispatch()
    [bevestiging] = smtp_server.messages
    assert zaak.identificatie in bevestiging["Subject"]

    await page.get_by_role("link", name="Bekijk uw aanvraag in Mijn zaken").click()
    await page.get_by_role("heading", name="Verloop").wait_for()
    await page.get_by_label("Bestand").set_input_files(
        files=[{"name": "foto.png", "mimeType": "image/png", "buffer": FOTO}]
    )
    await page.get_by_role("button", name="Document toevoegen").click()
    await page.get_by_text("Uw document is toegevoegd aan de zaak.").wait_for()
    await assert_accessible(page)

    # The behandelaar sees the extra document and sets the next status, whose statustype informs.
    await page.context.clear_cookies()
    await page.goto(f"/zaakdossier/{zaak.uuid}/documenten")
    await page.get_by_label("Gebruikersnaam").fill("piet")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name=f"Zaak {zaak.identificatie}").wait_for()
    assert await page.get_by_role("link", name="foto.png").count()
    await page.get_by_role("link", name="Status zetten").click()
    await page.get_by_label("Nieuwe status").select_option(label="In behandeling")
    await page.get_by_role("button", name="Status zetten").click()
    await page.get_by_text("De status is gezet.").wait_for()

    await Clock().dispatch()
    nieuwe_status = smtp_server.messages[-1]
    assert len(smtp_server.messages) == 2
    assert nieuwe_status["To"] == "j.jansen@example.nl"
    assert nieuwe_status["Subject"] == f"Nieuwe status van uw zaak {zaak.identificatie}"
    assert "Status: In behandeling" in nieuwe_status.get_body(("plain",)).get_content()

    await burger_inloggen(f"/mijn-zaken/{zaak.uuid}")
    await page.get_by_role("heading", name="Verloop").wait_for()
    assert await page.locator("[aria-current=step]").get_by_text("In behandeling").is_visible()
    await assert_accessible(page)
