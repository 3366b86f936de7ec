"""Documents in the zaakdossier: the list, adding one with its file, the document page with versions and
downloads, editing under a lock, removing; and documents that come with a new zaak."""

import re
import shutil
import uuid
from datetime import date

import pytest
from sqlalchemy import select

from tests.besluiten.factories import BESLUITEN, create_besluit
from tests.catalogi.factories import besluittype_body, informatieobjecttype_body, post, publish
from tests.conftest import count_queries
from tests.documenten.factories import EIO, create_document, lock
from tests.oas import assert_oas
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, after_refusal, logged_in, make_medewerker
from tests.zaken.factories import ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, zaken_post
from zaakgericht import db
from zaakgericht.accounts.service import WEB_CLIENT_ID
from zaakgericht.documenten.models import EnkelvoudigInformatieObject
from zaakgericht.settings import get_settings
from zaakgericht.web.layout.uploads import content_disposition, leesbare_omvang

PDF = b"%PDF-1.7 aanvraag dakkapel " * 50  # 1350 bytes: "1,3 kB"
TYPEN = (("Aanvraagformulier", "inkomend", "zaakvertrouwelijk"), ("Advies", "intern", "intern"))


@pytest.fixture(autouse=True)
def empty_storage():
    """Every test starts without stored files, so a test can see that a refusal left none behind."""
    shutil.rmtree(get_settings().data_dir / "files", ignore_errors=True)


def stored_files() -> list[str]:
    root = get_settings().data_dir / "files"
    return [str(path) for path in root.rglob("*") if path.is_file()] if root.exists() else []


async def zaaktype_met_documenttypen(client, superuser, typen=TYPEN, **overrides):
    """A published zaaktype naming these informatieobjecttypen (omschrijving, richting, vertrouwelijkheid)."""
    zaaktype = await create_zaaktype_setup(client, superuser, publish_it=False, **overrides)
    iots = {}
    for volgnummer, (omschrijving, richting, vertrouwelijkheid) in enumerate(typen, start=1):
        body = informatieobjecttype_body(
            zaaktype.catalogus, omschrijving=omschrijving, vertrouwelijkheidaanduiding=vertrouwelijkheid
        )
        iots[omschrijving] = (await post(client, superuser, "informatieobjecttypen", body, 200))["url"]
        await publish(client, superuser, iots[omschrijving])
        ztiot = {"zaaktype": zaaktype.url, "informatieobjecttype": omschrijving, "volgnummer": volgnummer}
        await post(client, superuser, "zaaktype-informatieobjecttypen", {**ztiot, "richting": richting})
    await publish(client, superuser, zaaktype.url)
    return zaaktype, iots


async def behandelaar(client, gebruikersnaam="piet", naam="Piet Pieters", **fields) -> str:
    fields.setdefault("heeft_alle_autorisaties", not fields.get("autorisaties"))
    await make_medewerker(gebruikersnaam, naam=naam, **fields)
    return await logged_in(client, gebruikersnaam)


def uuid_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


async def upload(client, csrf, zaak, iot, inhoud=PDF, naam="aanvraag.pdf", content_type="application/pdf", **velden):
    data = {
        "csrf_token": csrf,
        "titel": "",
        "informatieobjecttype": uuid_of(iot),
        "vertrouwelijkheidaanduiding": "",
        "auteur": "Piet Pieters",
        **velden,
    }
    files = {"bestand": (naam, inhoud, content_type)} if naam is not None else None
    return await client.post(f"/zaakdossier/{zaak['uuid']}/documenten", data=data, files=files)


async def documenten_van(client, superuser, zaak) -> list[dict]:
    """The zaak's documents as the APIs know them (through its zaakinformatieobjecten)."""
    response = await client.get(f"{ZAKEN}/zaakinformatieobjecten", params={"zaak": zaak["url"]}, headers=superuser)
    assert_oas(response)
    documenten = []
    for zio in response.json():
        document = await client.get(zio["informatieobject"], headers=superuser)
        assert_oas(document)
        documenten.append(document.json())
    return documenten


async def link(client, superuser, zaak, document) -> dict:
    return await zaken_post(
        client, superuser, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]}
    )


def field_error(html: str, veld: str) -> str:
    """The error message beside a field (``fout-<veld>``), checked to be wired to its field."""
    match = re.search(rf'id="fout-{veld}">([^<]*)<', html)
    assert match, f"no error beside {veld}"
    assert re.search(rf'aria-describedby="[^"]*fout-{veld}[^"]*"', html), f"{veld} does not point at its error"
    return match[1]


# --- adding a document ------------------------------------------------------------------------------


async def test_a_behandelaar_adds_a_document_with_its_file(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)

    page = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")).text
    assert 'enctype="multipart/form-data"' in page and 'name="bestand" type="file"' in page
    assert "Er zijn nog geen documenten bij deze zaak." in page
    assert "Aanvraagformulier (inkomend): ontbreekt" in page
    assert '<option value="">Zoals het documenttype</option>' in page
    assert "Aanvraagformulier (standaard zaakvertrouwelijk)" in page and 'value="Piet Pieters"' in page
    assert '<script src="/static/zaakgericht-upload.js" defer></script>' in page

    response = await upload(client, csrf, zaak, iots["Aanvraagformulier"])
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/zaakdossier/{zaak['uuid']}/documenten?melding=document-toegevoegd"

    page = (await client.get(response.headers["location"])).text
    assert "Het document is toegevoegd." in page
    assert "Aanvraagformulier (inkomend): aanwezig" in page  # the expected documents follow
    row = page[page.index('<h2 class="utrecht-heading-2" id="documenten">') : page.index("Document toevoegen</h3>")]
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == [
        "aanvraag.pdf",
        "Aanvraagformulier",
        "Zaakvertrouwelijk",
        "1",
        "aanvraag.pdf (1,3 kB)",
        f"{date.today():%d-%m-%Y}",
        "Piet Pieters",
        "",
    ]
    historie = (await client.get(f"/zaakdossier/{zaak['uuid']}/geschiedenis")).text
    history = historie[historie.index('id="geschiedenis"') :]
    assert "Document &#39;aanvraag.pdf&#39; toegevoegd door Piet Pieters." in history

    [document] = await documenten_van(client, superuser, zaak)
    assert (document["titel"], document["bestandsnaam"], document["formaat"], document["taal"]) == (
        "aanvraag.pdf",
        "aanvraag.pdf",
        "application/pdf",
        "nld",
    )
    assert (document["bestandsomvang"], document["vertrouwelijkheidaanduiding"]) == (len(PDF), "zaakvertrouwelijk")
    assert document["informatieobjecttype"] == iots["Aanvraagformulier"] and document["bronorganisatie"] == "002220647"
    assert (await client.get(document["inhoud"], headers=superuser)).content == PDF
    trail = (await client.get(f"{document['url']}/audittrail", headers=superuser)).json()
    assert [(entry["actie"], entry["gebruikersId"]) for entry in trail] == [("create", "piet")]


async def test_a_chosen_titel_and_vertrouwelijkheid_are_kept(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    response = await upload(
        client, csrf, zaak, iots["Advies"], titel="Advies welstand", vertrouwelijkheidaanduiding="vertrouwelijk"
    )
    assert response.status_code == 303
    [document] = await documenten_van(client, superuser, zaak)
    assert (document["titel"], document["vertrouwelijkheidaanduiding"]) == ("Advies welstand", "vertrouwelijk")


async def test_objections_are_shown_beside_their_fields_and_nothing_is_left_behind(client, superuser, monkeypatch):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    other, other_iots = await zaaktype_met_documenttypen(
        client,
        superuser,
        typen=(("Foto", "inkomend", "openbaar"),),
        catalogus=zaaktype.catalogus,
        identificatie="ANDER",
    )
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    monkeypatch.setattr(get_settings(), "web_max_upload_bytes", 1024)
    iot = iots["Aanvraagformulier"]

    cases = [
        (dict(naam=None), "document-bestand", "Kies het bestand dat u wilt toevoegen."),
        (dict(naam="", inhoud=b""), "document-bestand", "Kies het bestand dat u wilt toevoegen."),
        (dict(naam="leeg.pdf", inhoud=b""), "document-bestand", "Het bestand is leeg. Kies een bestand met inhoud."),
        (dict(), "document-bestand", "Het bestand is te groot (1,3 kB); het mag hoogstens 1 kB zijn."),
        (dict(inhoud=b"klein", informatieobjecttype="geen"), "document-informatieobjecttype", "Kies het documenttype."),
        (
            dict(inhoud=b"klein", informatieobjecttype=uuid_of(other_iots["Foto"])),
            "document-informatieobjecttype",
            "Kies een documenttype van het zaaktype van deze zaak.",
        ),
        (dict(inhoud=b"klein", auteur=""), "document-auteur", "Vul de auteur in."),
        (dict(inhoud=b"klein", titel="x" * 201), "document-titel", "Een titel heeft hoogstens 200 tekens."),
        (
            dict(inhoud=b"klein", vertrouwelijkheidaanduiding="supergeheim"),
            "document-vertrouwelijkheidaanduiding",
            "Kies de vertrouwelijkheid.",
        ),
    ]
    for velden, veld, message in cases:
        response = await upload(client, csrf, zaak, iot, **velden)
        response = await after_refusal(client, response)
        assert field_error(response.text, veld) == message
        assert "utrecht-form-field--invalid" in response.text and 'aria-invalid="true"' in response.text
    assert await documenten_van(client, superuser, zaak) == []
    assert (await client.get(EIO, headers=superuser)).json()["count"] == 0
    assert stored_files() == []
    assert other  # the other zaaktype only provides a type this zaak's zaaktype does not name


async def test_a_refused_upload_removes_its_stored_file(client, superuser):
    """The file is in storage before the transaction; when the services refuse, it goes again."""
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, vertrouwelijkheidaanduiding="zaakvertrouwelijk")
    csrf = await behandelaar(client, autorisaties=[(zaaktype.url, "zaakvertrouwelijk")])

    response = await upload(client, csrf, zaak, iots["Aanvraagformulier"], vertrouwelijkheidaanduiding="geheim")
    response = await after_refusal(client, response)
    assert field_error(response.text, "document-vertrouwelijkheidaanduiding") == (
        "U mag bij dit zaaktype geen documenten met deze vertrouwelijkheid vastleggen."
    )
    assert "Kies het bestand opnieuw" in response.text
    assert await documenten_van(client, superuser, zaak) == []
    assert stored_files() == []

    allowed = await upload(client, csrf, zaak, iots["Aanvraagformulier"], vertrouwelijkheidaanduiding="intern")
    assert allowed.status_code == 303 and len(stored_files()) == 1


async def test_who_may_add_documents(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    zaak = await create_zaak(client, superuser, zaaktype.url)
    iot = iots["Aanvraagformulier"]
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    await make_medewerker("anna", autorisaties=[(other.url, "zeer_geheim")])

    csrf = await logged_in(client, "mila")
    page = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")).text
    assert "Documenten</h2>" in page and "Document toevoegen" not in page
    refused = await upload(client, csrf, zaak, iot)
    assert refused.status_code == 403 and "Geen toegang" in refused.text

    client.cookies.clear()
    csrf = await logged_in(client, "anna")
    assert (await upload(client, csrf, zaak, iot)).status_code == 404
    assert (await upload(client, csrf, {"uuid": uuid.uuid4()}, iot)).status_code == 404
    assert await documenten_van(client, superuser, zaak) == [] and stored_files() == []


async def test_a_closed_zaak_shows_its_documents_but_takes_no_new_ones(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    document = await create_document(client, superuser, iots["Aanvraagformulier"], indicatieGebruiksrecht=False)
    await link(client, superuser, zaak, document)
    await close_zaak(client, superuser, zaaktype, zaak["url"])
    csrf = await behandelaar(client)

    page = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")).text
    assert "Aanvraag omgevingsvergunning</a>" in page and "Document toevoegen" not in page
    document_page = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten/{uuid_of(document['url'])}")).text
    assert "Bewerken" not in document_page and "Verwijderen" not in document_page

    assert (await upload(client, csrf, zaak, iots["Aanvraagformulier"])).status_code == 403
    refused = await client.post(
        f"/zaakdossier/{zaak['uuid']}/documenten/{uuid_of(document['url'])}/bewerken", data={"csrf_token": csrf}
    )
    assert refused.status_code == 403
    assert len(await documenten_van(client, superuser, zaak)) == 1 and stored_files() == []


# --- the list ----------------------------------------------------------------------------------------


async def test_the_list_costs_the_same_number_of_queries_for_one_or_many_documents(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    await behandelaar(client)

    async def add(titels) -> None:
        for titel in titels:
            # Gebruiksrechten decided, so that the closing form names none of them.
            document = await create_document(
                client, superuser, iots["Advies"], titel=titel, indicatieGebruiksrecht=False
            )
            await link(client, superuser, zaak, document)

    await add(["Stuk 1"])
    with count_queries() as one:
        first = await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")
    await add(["Stuk 2", "Stuk 3", "Stuk 4", "Stuk 5"])
    await lock(client, superuser, (await documenten_van(client, superuser, zaak))[2]["url"])
    with count_queries() as five:
        page = await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")
    assert "Stuk 1</a>" in first.text
    assert [titel for titel in re.findall(r">(Stuk \d)</a>", page.text)] == [f"Stuk {n}" for n in range(1, 6)]
    assert "In bewerking in een ander systeem" in page.text
    assert five[0] == one[0]


async def test_only_documents_the_medewerker_may_read_are_listed(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, vertrouwelijkheidaanduiding="openbaar")
    for titel, vertrouwelijkheid in (("Openbaar stuk", "openbaar"), ("Geheim stuk", "geheim")):
        document = await create_document(
            client, superuser, iots["Advies"], titel=titel, vertrouwelijkheidaanduiding=vertrouwelijkheid
        )
        await link(client, superuser, zaak, document)
    await behandelaar(client, autorisaties=[(zaaktype.url, "zaakvertrouwelijk")])

    page = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")).text
    assert "Openbaar stuk" in page and "Geheim stuk" not in page
    geheim = (await documenten_van(client, superuser, zaak))[1]
    hidden = await client.get(f"/zaakdossier/{zaak['uuid']}/documenten/{uuid_of(geheim['url'])}")
    assert hidden.status_code == 404
    assert (
        await client.get(f"/zaakdossier/{zaak['uuid']}/documenten/{uuid_of(geheim['url'])}/download")
    ).status_code == 404


def test_sizes_read_as_people_read_them():
    assert [leesbare_omvang(n) for n in (None, 0, 1, 812, 1024, 1260, 1_258_291, 100 * 1024**2, 3 * 1024**3)] == [
        "onbekend",
        "0 bytes",
        "1 byte",
        "812 bytes",
        "1 kB",
        "1,2 kB",
        "1,2 MB",
        "100 MB",
        "3 GB",
    ]


# --- the document page and downloads ------------------------------------------------------------------


async def _uploaded(client, superuser, csrf, zaak, iot, **velden) -> str:
    """Add a document through the web form; returns its uuid."""
    assert (await upload(client, csrf, zaak, iot, **velden)).status_code == 303
    return uuid_of((await documenten_van(client, superuser, zaak))[-1]["url"])


async def test_the_document_page_shows_its_data_versions_and_downloads(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    document = await _uploaded(client, superuser, csrf, zaak, iots["Aanvraagformulier"], titel="Aanvraag dakkapel")

    dossier = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")).text
    assert f'href="/zaakdossier/{zaak["uuid"]}/documenten/{document}">Aanvraag dakkapel</a>' in dossier
    page = await client.get(f"/zaakdossier/{zaak['uuid']}/documenten/{document}")
    assert page.status_code == 200
    text = page.text
    assert '<h1 class="utrecht-heading-1">Aanvraag dakkapel</h1>' in text
    assert "<dd>Aanvraagformulier</dd>" in text and "<dd>Zaakvertrouwelijk</dd>" in text
    assert "aanvraag.pdf downloaden</a> (1,3 kB, application/pdf)" in text
    assert re.search(r"<td[^>]*>1</td>\s*<td[^>]*>[\d-]+ [\d:]+</td>\s*<td[^>]*>Piet Pieters</td>", text)
    verwijderen = f'href="/zaakdossier/{zaak["uuid"]}/documenten/{document}/verwijderen"'  # to its confirmation
    assert ">Bewerken</button>" in text and verwijderen in text

    download = await client.get(f"/zaakdossier/{zaak['uuid']}/documenten/{document}/download")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert (
        download.headers["content-disposition"]
        == "attachment; filename=\"aanvraag.pdf\"; filename*=UTF-8''aanvraag.pdf"
    )
    assert download.headers["content-length"] == str(len(PDF)) and download.headers["cache-control"] == "no-store"
    # The download keeps its own policy; the security headers are added beside it.
    assert download.headers.get_list("content-security-policy") == ["sandbox"]
    assert download.headers["x-content-type-options"] == "nosniff"
    for versie in ("0", "2", "x", "-1"):
        missing = await client.get(f"/zaakdossier/{zaak['uuid']}/documenten/{document}/download?versie={versie}")
        assert missing.status_code == 404
    other = await create_zaak(client, superuser, zaaktype.url)
    assert (await client.get(f"/zaakdossier/{other['uuid']}/documenten/{document}")).status_code == 404
    assert (await client.get(f"/zaakdossier/{other['uuid']}/documenten/{document}/download")).status_code == 404


def test_download_names_cannot_break_out_of_their_header():
    header = content_disposition('rapport "juni"\r\nSet-Cookie: x=1;.pdf')
    assert "\r" not in header and "\n" not in header
    assert header.startswith("attachment; filename=\"rapport _juni_Set-Cookie_ x_1_.pdf\"; filename*=UTF-8''")
    assert content_disposition("") == "attachment; filename=\"document\"; filename*=UTF-8''document"
    assert content_disposition("brief ë.txt").endswith("filename*=UTF-8''brief%20%C3%AB.txt")


async def test_managers_and_archivarissen_read_and_download_only_kcc_sees_no_documents(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    document = await _uploaded(client, superuser, csrf, zaak, iots["Aanvraagformulier"])
    path = f"/zaakdossier/{zaak['uuid']}/documenten/{document}"
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    await make_medewerker("arie", rollen=("archivaris",), heeft_alle_autorisaties=True)
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)

    for gebruikersnaam in ("mila", "arie"):
        client.cookies.clear()
        csrf = await logged_in(client, gebruikersnaam)
        page = await client.get(path)
        assert page.status_code == 200 and "aanvraag.pdf downloaden" in page.text
        assert "Bewerken" not in page.text and "Verwijderen" not in page.text
        assert (await client.get(f"{path}/download")).content == PDF
        # Every link of the page leads somewhere the person may go (the archivaris has no dossier).
        for link in set(re.findall(r'href="(/[^"#]*)', page.text)) - {"/uitloggen"}:
            assert (await client.get(link)).status_code == 200, (gebruikersnaam, link)
        assert (f'href="/zaakdossier/{zaak["uuid"]}/documenten"' in page.text) is (gebruikersnaam == "mila")
        for actie in ("bewerken", "verwijderen", "annuleren", "opslaan"):
            assert (await client.post(f"{path}/{actie}", data={"csrf_token": csrf})).status_code == 403

    client.cookies.clear()
    await logged_in(client, "karin")
    assert (await client.get(path)).status_code == 403
    assert (await client.get(f"{path}/download")).status_code == 403
    kcc = (await client.get(f"/kcc/zaken/{zaak['uuid']}")).text
    assert "aanvraag.pdf" not in kcc and "Documenten" not in kcc


# --- editing under a lock ------------------------------------------------------------------------------


async def _holder(document_uuid: str) -> tuple[str, str, str]:
    async with db.read_session() as session:
        document = await session.scalar(
            select(EnkelvoudigInformatieObject).where(EnkelvoudigInformatieObject.uuid == uuid.UUID(document_uuid))
        )
    return document.lock, document.lock_client_id, document.lock_user_id


async def test_editing_locks_the_document_for_the_medewerker_alone(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    document = await _uploaded(client, superuser, csrf, zaak, iots["Aanvraagformulier"])
    path = f"/zaakdossier/{zaak['uuid']}/documenten/{document}"
    url = f"{EIO}/{document}"

    locked = await client.post(f"{path}/bewerken", data={"csrf_token": csrf})
    assert locked.status_code == 303 and locked.headers["location"] == f"{path}?melding=bewerken"
    lock_id, client_id, user_id = await _holder(document)
    assert lock_id and (client_id, user_id) == (WEB_CLIENT_ID, "piet")
    page = (await client.get(locked.headers["location"])).text
    assert "U heeft het document in bewerking" in page and "Document bewerken</h2>" in page
    assert 'action="' + path + '/opslaan" enctype="multipart/form-data"' in page
    assert lock_id not in page  # the lock id stays on the server
    documenten_tab = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten")).text
    assert documenten_tab.count("In bewerking door Piet Pieters") == 1

    # Meanwhile nobody else changes it: no API client ...
    response = await client.patch(url, json={"titel": "Anders", "lock": "geraden"}, headers=superuser)
    assert response.status_code == 400 and response.json()["invalidParams"][0]["code"] == "incorrect-lock-id"
    response = await client.post(f"{url}/lock", headers=superuser)
    assert response.json()["code"] == "existing-lock"
    # ... and no colleague, nor a manager.
    await make_medewerker("anna", naam="Anna de Vries", heeft_alle_autorisaties=True)
    await make_medewerker("mila", rollen=("manager",), heeft_alle_autorisaties=True)
    piet = dict(client.cookies)
    client.cookies.clear()
    anna = await logged_in(client, "anna")
    page = (await client.get(path)).text
    assert "In bewerking door Piet Pieters." in page and "Document bewerken" not in page and "Bewerken<" not in page
    for actie, data in (
        ("bewerken", {}),
        ("opslaan", {"titel": "Van Anna", "vertrouwelijkheidaanduiding": "openbaar"}),
        ("annuleren", {}),
    ):
        refused = await client.post(f"{path}/{actie}", data={"csrf_token": anna, "status": "", **data})
        assert refused.status_code == 400, actie
    assert (
        "Dit document is in bewerking; probeer het later opnieuw."
        in (await client.post(f"{path}/bewerken", data={"csrf_token": anna})).text
    )
    assert (
        "U heeft dit document niet (meer) in bewerking"
        in (await client.post(f"{path}/annuleren", data={"csrf_token": anna})).text
    )
    removed = await client.post(f"{path}/verwijderen", data={"csrf_token": anna, "bevestigd": "ja"})
    assert removed.status_code == 400 and "Dit document is in bewerking" in removed.text
    client.cookies.clear()
    await logged_in(client, "mila")
    page = (await client.get(path)).text
    assert "In bewerking door Piet Pieters." in page and "<form" not in page.split("</header>", 1)[1]
    assert (await _holder(document))[1:] == (WEB_CLIENT_ID, "piet")
    assert len(await documenten_van(client, superuser, zaak)) == 1
    client.cookies.clear()
    client.cookies.update(piet)


async def test_saving_makes_a_new_version_and_unlocks(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    document = await _uploaded(client, superuser, csrf, zaak, iots["Aanvraagformulier"])
    path = f"/zaakdossier/{zaak['uuid']}/documenten/{document}"
    await client.post(f"{path}/bewerken", data={"csrf_token": csrf})

    saved = await client.post(
        f"{path}/opslaan",
        data={
            "csrf_token": csrf,
            "titel": "Aanvraag dakkapel (aangevuld)",
            "beschrijving": "Met tekening",
            "vertrouwelijkheidaanduiding": "intern",
            "status": "definitief",
        },
        files={"bestand": ("aanvraag-v2.pdf", b"%PDF versie twee", "application/pdf")},
    )
    assert saved.status_code == 303 and saved.headers["location"] == f"{path}?melding=opgeslagen"
    assert await _holder(document) == ("", "", "")
    page = (await client.get(saved.headers["location"])).text
    assert "De wijzigingen zijn opgeslagen als nieuwe versie." in page
    assert "<dd>Intern</dd>" in page and "<dd>Definitief</dd>" in page and "<dd>Met tekening</dd>" in page
    assert (
        f'href="{path}/download?versie=1">aanvraag.pdf' in page
        and f'href="{path}/download?versie=2">aanvraag-v2.pdf' in page
    )

    [api] = await documenten_van(client, superuser, zaak)
    assert (api["versie"], api["titel"], api["bestandsnaam"], api["locked"]) == (
        2,
        "Aanvraag dakkapel (aangevuld)",
        "aanvraag-v2.pdf",
        False,
    )
    assert (await client.get(f"{path}/download")).content == b"%PDF versie twee"
    assert (await client.get(f"{path}/download?versie=1")).content == PDF
    zio = (await client.get(f"{ZAKEN}/zaakinformatieobjecten", params={"zaak": zaak["url"]}, headers=superuser)).json()
    assert zio[0]["titel"] == "Aanvraag dakkapel (aangevuld)"
    history = (await client.get(f"/zaakdossier/{zaak['uuid']}/geschiedenis")).text.split('id="geschiedenis"', 1)[1]
    assert "Document &#39;Aanvraag dakkapel (aangevuld)&#39; gewijzigd door Piet Pieters." in history
    assert 'zg-geschiedenis__toelichting">Nieuwe versie 2 van het document</p>' in history
    trail = (await client.get(f"{api['url']}/audittrail", headers=superuser)).json()
    assert [(entry["actie"], entry["gebruikersId"]) for entry in trail] == [
        ("create", "piet"),
        ("partial_update", "piet"),
    ]

    # Without a new file the contents stay.
    await client.post(f"{path}/bewerken", data={"csrf_token": csrf})
    data = {
        "csrf_token": csrf,
        "titel": "Derde",
        "beschrijving": "",
        "vertrouwelijkheidaanduiding": "intern",
        "status": "",
    }
    assert (await client.post(f"{path}/opslaan", data=data)).status_code == 303
    assert (await client.get(f"{path}/download")).content == b"%PDF versie twee"
    assert len(stored_files()) == 2


async def test_objections_to_an_edit_keep_the_lock_and_the_old_version(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    received = await create_document(
        client, superuser, iots["Aanvraagformulier"], ontvangstdatum="2026-03-01", indicatieGebruiksrecht=False
    )
    await link(client, superuser, zaak, received)
    path = f"/zaakdossier/{zaak['uuid']}/documenten/{uuid_of(received['url'])}"
    await client.post(f"{path}/bewerken", data={"csrf_token": csrf})
    base = {"csrf_token": csrf, "titel": "Aanvraag", "beschrijving": "", "vertrouwelijkheidaanduiding": "openbaar"}

    for data, files, veld, message in (
        ({**base, "titel": "", "status": ""}, None, "bewerken-titel", "Vul de titel in."),
        ({**base, "status": "weg"}, None, "bewerken-status", "Kies de status."),
        (
            {**base, "status": "", "vertrouwelijkheidaanduiding": ""},
            None,
            "bewerken-vertrouwelijkheidaanduiding",
            "Kies de vertrouwelijkheid.",
        ),
        (
            {**base, "status": ""},
            {"bestand": ("leeg.txt", b"", "text/plain")},
            "bewerken-bestand",
            "Het bestand is leeg. Kies een bestand met inhoud.",
        ),
        (
            {**base, "status": "in_bewerking"},
            {"bestand": ("nieuw.txt", b"nieuw", "text/plain")},
            "bewerken-status",
            "Een ontvangen informatieobject (met ontvangstdatum) kan niet in bewerking of ter vaststelling zijn.",
        ),
    ):
        response = await client.post(f"{path}/opslaan", data=data, files=files)
        assert response.status_code == 400, response.text
        assert field_error(response.text, veld) == message
        assert "Document bewerken</h2>" in response.text  # the form is shown again, with what was entered
    assert (await _holder(uuid_of(received["url"])))[2] == "piet"
    [api] = await documenten_van(client, superuser, zaak)
    assert (api["versie"], api["locked"]) == (1, True)
    assert stored_files() == []

    cancelled = await client.post(f"{path}/annuleren", data={"csrf_token": csrf})
    assert cancelled.status_code == 303 and cancelled.headers["location"].endswith("?melding=geannuleerd")
    [api] = await documenten_van(client, superuser, zaak)
    assert (api["versie"], api["locked"]) == (1, False)
    assert (
        "De bewerking is beëindigd; het document is niet gewijzigd."
        in (await client.get(cancelled.headers["location"])).text
    )


async def test_a_medewerker_cannot_make_a_document_more_confidential_than_they_may_see(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client, autorisaties=[(zaaktype.url, "zaakvertrouwelijk")])
    document = await _uploaded(client, superuser, csrf, zaak, iots["Aanvraagformulier"])
    path = f"/zaakdossier/{zaak['uuid']}/documenten/{document}"
    await client.post(f"{path}/bewerken", data={"csrf_token": csrf})

    data = {"csrf_token": csrf, "titel": "Aanvraag", "beschrijving": "", "status": ""}
    refused = await client.post(f"{path}/opslaan", data={**data, "vertrouwelijkheidaanduiding": "geheim"})
    assert refused.status_code == 400
    assert field_error(refused.text, "bewerken-vertrouwelijkheidaanduiding") == (
        "U mag bij dit zaaktype geen documenten met deze vertrouwelijkheid vastleggen."
    )
    saved = await client.post(f"{path}/opslaan", data={**data, "vertrouwelijkheidaanduiding": "intern"})
    assert saved.status_code == 303
    [api] = await documenten_van(client, superuser, zaak)
    assert (api["versie"], api["vertrouwelijkheidaanduiding"]) == (2, "intern")


async def test_a_document_locked_by_another_system(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    document = await create_document(client, superuser, iots["Advies"])
    await link(client, superuser, zaak, document)
    await lock(client, superuser, document["url"])
    csrf = await behandelaar(client)
    path = f"/zaakdossier/{zaak['uuid']}/documenten/{uuid_of(document['url'])}"

    page = (await client.get(path)).text
    assert "In bewerking in een ander systeem." in page and ">Bewerken</button>" not in page
    refused = await client.post(
        f"{path}/opslaan",
        data={"csrf_token": csrf, "titel": "x", "vertrouwelijkheidaanduiding": "openbaar", "status": ""},
    )
    assert refused.status_code == 400 and "U heeft dit document niet (meer) in bewerking" in refused.text


# --- removing -------------------------------------------------------------------------------------------


async def test_removing_a_document_from_the_zaak(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    other = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    alleen = await _uploaded(client, superuser, csrf, zaak, iots["Aanvraagformulier"], titel="Alleen hier")
    gedeeld = await _uploaded(client, superuser, csrf, zaak, iots["Advies"], titel="Ook elders")
    await link(client, superuser, other, {"url": f"{EIO}/{gedeeld}"})
    page = (await client.get(f"/zaakdossier/{zaak['uuid']}/documenten/{alleen}")).text
    assert f'href="/zaakdossier/{zaak["uuid"]}/documenten/{alleen}/verwijderen">Verwijderen</a>' in page

    removed = await client.post(
        f"/zaakdossier/{zaak['uuid']}/documenten/{alleen}/verwijderen", data={"csrf_token": csrf, "bevestigd": "ja"}
    )
    assert removed.status_code == 303
    assert removed.headers["location"] == f"/zaakdossier/{zaak['uuid']}/documenten?melding=document-verwijderd"
    page = (await client.get(removed.headers["location"])).text
    assert "Het document is uit de zaak verwijderd." in page and "Alleen hier</a>" not in page
    historie = (await client.get(f"/zaakdossier/{zaak['uuid']}/geschiedenis")).text
    assert "Document &#39;Alleen hier&#39; uit de zaak verwijderd door Piet Pieters." in historie
    assert (await client.get(f"{EIO}/{alleen}", headers=superuser)).status_code == 404  # nothing else linked it
    assert len(stored_files()) == 1

    removed = await client.post(
        f"/zaakdossier/{zaak['uuid']}/documenten/{gedeeld}/verwijderen", data={"csrf_token": csrf, "bevestigd": "ja"}
    )
    assert removed.status_code == 303
    assert await documenten_van(client, superuser, zaak) == []
    [still] = await documenten_van(client, superuser, other)  # the other zaak keeps it
    assert still["titel"] == "Ook elders" and len(stored_files()) == 1


async def test_a_document_of_a_besluit_is_not_removed(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    catalogus = zaaktype.catalogus
    besluittype = await post(
        client, superuser, "besluittypen", besluittype_body(catalogus, informatieobjecttypen=["Advies"])
    )
    await publish(client, superuser, besluittype["url"])
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    document = await _uploaded(client, superuser, csrf, zaak, iots["Advies"])
    besluit = await create_besluit(client, superuser, besluittype["url"])
    response = await client.post(
        f"{BESLUITEN}/besluitinformatieobjecten",
        json={"besluit": besluit["url"], "informatieobject": f"{EIO}/{document}"},
        headers=superuser,
    )
    assert response.status_code == 201, response.text
    path = f"/zaakdossier/{zaak['uuid']}/documenten/{document}"

    page = (await client.get(path)).text
    assert "Dit document hoort bij een besluit en kan daarom niet worden verwijderd." in page
    assert f"{path}/verwijderen" not in page
    refused = await client.post(f"{path}/verwijderen", data={"csrf_token": csrf, "bevestigd": "ja"})
    assert refused.status_code == 400
    assert 'role="alert"><p class="utrecht-paragraph">Dit document hoort bij een besluit' in refused.text
    assert len(await documenten_van(client, superuser, zaak)) == 1 and len(stored_files()) == 1


# --- documents that come with a new zaak ------------------------------------------------------------------

INTAKE_TYPEN = (("Advies", "intern", "intern"), ("Aanvraagformulier", "inkomend", "zaakvertrouwelijk"))


def intake_form(csrf: str, zaaktype, **overrides) -> dict:
    return {
        "csrf_token": csrf,
        "zaaktype": uuid_of(zaaktype.url),
        "omschrijving": "Aanvraag dakkapel",
        "toelichting": "",
        "kanaal": "Balie",
        "bsn": "999990019",
        "voornamen": "Anna",
        "geslachtsnaam": "Jansen",
        **overrides,
    }


async def zaken_count(client, superuser) -> int:
    return (await client.get(f"{ZAKEN}/zaken", headers={**superuser, "Accept-Crs": "EPSG:4326"})).json()["count"]


async def test_documents_that_come_with_a_new_zaak_are_its_incoming_documents(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser, typen=INTAKE_TYPEN)
    csrf = await behandelaar(client)
    page = (await client.get("/nieuwe-zaak")).text
    assert 'enctype="multipart/form-data"' in page and 'name="documenten" type="file" multiple' in page

    response = await client.post(
        "/nieuwe-zaak",
        data=intake_form(csrf, zaaktype),
        files=[
            ("documenten", ("formulier.pdf", PDF, "application/pdf")),
            ("documenten", ("foto.jpg", b"\xff\xd8\xff foto", "image/jpeg")),
        ],
    )
    assert response.status_code == 303, response.text
    zaak_uuid = response.headers["location"].split("/")[2].split("?")[0]
    zaak = {"uuid": zaak_uuid, "url": f"{ZAKEN}/zaken/{zaak_uuid}"}
    documenten = await documenten_van(client, superuser, zaak)
    today = date.today().isoformat()
    assert [
        (d["titel"], d["bestandsnaam"], d["formaat"], d["informatieobjecttype"], d["auteur"], d["ontvangstdatum"])
        for d in documenten
    ] == [
        ("formulier.pdf", "formulier.pdf", "application/pdf", iots["Aanvraagformulier"], "Anna Jansen", today),
        ("foto.jpg", "foto.jpg", "image/jpeg", iots["Aanvraagformulier"], "Anna Jansen", today),
    ]
    dossier = (await client.get(f"/zaakdossier/{zaak_uuid}/documenten")).text
    assert "Aanvraagformulier (inkomend): aanwezig" in dossier and "foto.jpg</a>" in dossier
    trail = (await client.get(f"{zaak['url']}/audittrail", headers=superuser)).json()
    assert [entry["resource"] for entry in trail] == [
        "zaak",
        "rol",
        "status",
        "zaakinformatieobject",
        "zaakinformatieobject",
    ]


async def test_a_new_zaak_without_documents_or_without_an_aanvrager(client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser, typen=INTAKE_TYPEN)
    csrf = await behandelaar(client)
    without = await client.post(
        "/nieuwe-zaak", data=intake_form(csrf, zaaktype), files=[("documenten", ("", b"", "application/octet-stream"))]
    )
    assert without.status_code == 303
    by_phone = await client.post(
        "/nieuwe-zaak",
        data=intake_form(csrf, zaaktype, bsn="", voornamen="", geslachtsnaam=""),
        files=[("documenten", ("melding.txt", b"Losliggende stoeptegel", "text/plain"))],
    )
    assert by_phone.status_code == 303
    zaak_uuid = by_phone.headers["location"].split("/")[2].split("?")[0]
    [document] = await documenten_van(client, superuser, {"url": f"{ZAKEN}/zaken/{zaak_uuid}"})
    assert document["auteur"] == "Piet Pieters"  # no aanvrager named: the medewerker who took it in


async def test_objections_to_the_documents_of_a_new_zaak_leave_nothing_behind(client, superuser, monkeypatch):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser, typen=INTAKE_TYPEN)
    intern = await zaaktype_met_documenttypen(
        client,
        superuser,
        typen=(("Notitie", "intern", "intern"),),
        catalogus=zaaktype.catalogus,
        identificatie="INTERN",
    )
    csrf = await behandelaar(client)
    monkeypatch.setattr(get_settings(), "web_max_upload_bytes", 1024)

    for form, files, message in (
        (
            intake_form(csrf, zaaktype),
            [("documenten", ("groot.pdf", PDF, "application/pdf"))],
            "groot.pdf: Het bestand is te groot (1,3 kB); het mag hoogstens 1 kB zijn.",
        ),
        (
            intake_form(csrf, zaaktype),
            [("documenten", ("leeg.pdf", b"", "application/pdf"))],
            "leeg.pdf: Het bestand is leeg. Kies een bestand met inhoud.",
        ),
        (
            intake_form(csrf, intern[0]),
            [("documenten", ("brief.pdf", b"brief", "application/pdf"))],
            "Dit zaaktype kent geen inkomende documenten. "
            "Start de zaak zonder documenten en voeg ze daarna toe in het zaakdossier.",
        ),
    ):
        response = await client.post("/nieuwe-zaak", data=form, files=files)
        assert response.status_code == 400, response.text
        assert field_error(response.text, "documenten") == message
        assert "Kies de bestanden opnieuw" in response.text
    assert await zaken_count(client, superuser) == 0 and stored_files() == []


async def test_a_refusal_of_the_services_removes_the_stored_files_of_a_new_zaak(client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(
        client, superuser, typen=(("Aanvraagformulier", "inkomend", "geheim"),)
    )
    csrf = await behandelaar(client, autorisaties=[(zaaktype.url, "zaakvertrouwelijk")])
    response = await client.post(
        "/nieuwe-zaak",
        data=intake_form(csrf, zaaktype),
        files=[("documenten", ("formulier.pdf", b"%PDF formulier", "application/pdf"))],
    )
    assert response.status_code == 400
    assert "U mag bij dit zaaktype geen documenten met deze vertrouwelijkheid vastleggen." in response.text
    assert await zaken_count(client, superuser) == 0 and stored_files() == []


# --- in the browser -------------------------------------------------------------------------------------

DROP = """([selector, name, text]) => {
  const zone = document.querySelector(selector);
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, {type: "text/plain"}));
  zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
}"""


async def _log_in(page, path: str, gebruikersnaam: str = "piet") -> None:
    await page.goto(path)
    await page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()


async def test_a_behandelaar_drops_a_file_edits_the_document_and_downloads_it(page, client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-DOCUMENTEN")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await _log_in(page, f"/zaakdossier/{zaak['uuid']}/documenten")
    await page.get_by_role("heading", name="Zaak ZAAK-DOCUMENTEN").wait_for()
    zone = page.locator("[data-zg-dropzone]")
    await zone.get_by_text("U kunt het bestand ook hierheen slepen.").wait_for()
    await assert_accessible(page)

    await page.evaluate(DROP, ["[data-zg-dropzone]", "brief.txt", "Geachte heer Jansen"])
    await zone.get_by_text("Gekozen: brief.txt").wait_for()
    assert await page.locator("#document-bestand").evaluate("input => input.files[0].name") == "brief.txt"
    await page.get_by_label("Documenttype").select_option(label="Advies (standaard intern)")
    await page.get_by_role("button", name="Document toevoegen").click()
    await page.get_by_text("Het document is toegevoegd.").wait_for()
    assert await page.get_by_role("cell", name="brief.txt (19 bytes)").is_visible()
    await assert_accessible(page)

    await page.get_by_role("link", name="brief.txt").click()
    await page.get_by_role("heading", name="brief.txt", level=1).wait_for()
    await assert_accessible(page)
    await page.get_by_role("button", name="Bewerken").click()
    await page.get_by_text("U heeft het document in bewerking").wait_for()
    await page.get_by_label("Titel").fill("Brief aan de aanvrager")
    await page.get_by_label("Status").select_option(label="Definitief")
    await page.evaluate(DROP, ["form [data-zg-dropzone]", "brief-v2.txt", "Geachte heer Jansen, bijgaand"])
    await assert_accessible(page)
    await page.get_by_role("button", name="Opslaan").click()
    await page.get_by_text("De wijzigingen zijn opgeslagen als nieuwe versie.").wait_for()
    assert await page.get_by_role("heading", name="Brief aan de aanvrager", level=1).is_visible()

    async with page.expect_download() as latest:
        await page.get_by_role("link", name="brief-v2.txt downloaden").first.click()
    download = await latest.value
    assert download.suggested_filename == "brief-v2.txt"
    assert open(await download.path(), "rb").read() == b"Geachte heer Jansen, bijgaand"
    async with page.expect_download() as first:
        await page.get_by_role("link", name="brief.txt (versie 1) downloaden").click()
    assert open(await (await first.value).path(), "rb").read() == b"Geachte heer Jansen"


async def test_documents_are_added_edited_and_removed_without_javascript(browser, live_server, client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-ZONDER-JS")
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)
    context = await browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = await context.new_page()
    try:
        await _log_in(page, f"/zaakdossier/{zaak['uuid']}/documenten")
        await page.get_by_role("heading", name="Zaak ZAAK-ZONDER-JS").wait_for()
        assert not await page.locator("[data-zg-dropzone-tekst]").first.is_visible()

        await page.get_by_label("Bestand").set_input_files(
            files=[{"name": "notitie.txt", "mimeType": "text/plain", "buffer": b"Telefoonnotitie"}]
        )
        await page.get_by_label("Titel (niet verplicht)").fill("Telefoonnotitie 3 maart")
        await page.get_by_label("Documenttype").select_option(label="Advies (standaard intern)")
        await page.get_by_role("button", name="Document toevoegen").click()
        await page.get_by_text("Het document is toegevoegd.").wait_for()

        await page.get_by_role("link", name="Telefoonnotitie 3 maart").click()
        await page.get_by_role("button", name="Bewerken").click()
        await page.get_by_label("Beschrijving (niet verplicht)").fill("Gesprek met de aanvrager")
        await page.get_by_role("button", name="Opslaan").click()
        await page.get_by_text("De wijzigingen zijn opgeslagen als nieuwe versie.").wait_for()
        assert await page.get_by_text("Gesprek met de aanvrager").is_visible()

        await page.get_by_role("link", name="Verwijderen", exact=True).click()
        await page.get_by_role("button", name="Ja, verwijder het document").click()
        await page.get_by_text("Het document is uit de zaak verwijderd.").wait_for()
        assert await page.get_by_text("Er zijn nog geen documenten bij deze zaak.").is_visible()
    finally:
        await context.close()


async def test_a_zaak_taken_in_at_the_counter_comes_with_its_documents(page, client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser, typen=INTAKE_TYPEN)
    await make_medewerker("piet", naam="Piet Pieters", heeft_alle_autorisaties=True)

    await _log_in(page, "/nieuwe-zaak")
    await page.get_by_role("heading", name="Nieuwe zaak").wait_for()
    await page.get_by_label("Zaaktype").select_option(index=1)
    await page.get_by_label("Omschrijving").fill("Aanvraag dakkapel")
    await page.get_by_label("Binnengekomen via").select_option("Balie")
    await page.get_by_label("Documenten (niet verplicht)").set_input_files(
        files=[
            {"name": "formulier.txt", "mimeType": "text/plain", "buffer": b"Aanvraagformulier"},
            {"name": "tekening.txt", "mimeType": "text/plain", "buffer": b"Bouwtekening"},
        ]
    )
    await page.get_by_text("Gekozen: formulier.txt, tekening.txt").wait_for()
    await assert_accessible(page)
    await page.get_by_role("button", name="Zaak aanmaken").click()
    await page.get_by_text("De zaak is aangemaakt.").wait_for()
    await page.get_by_role("link", name="Documenten", exact=True).click()
    assert await page.get_by_role("link", name="formulier.txt").is_visible()
    assert await page.get_by_role("link", name="tekening.txt").is_visible()
    assert await page.get_by_text("Aanvraagformulier (inkomend): aanwezig").is_visible()
    await assert_accessible(page)
