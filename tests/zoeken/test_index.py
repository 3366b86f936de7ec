"""The search index stays in step with every kind of change, and a search respects the autorisaties."""

import io
import zipfile

import pytest
from fpdf import FPDF
from sqlalchemy import text

from tests.catalogi.factories import informatieobjecttype_body, post, publish
from tests.conftest import BASE
from tests.documenten.factories import EIO, b64, document_body, lock
from tests.helpers import zaakgericht
from tests.zaken.factories import create_zaak, create_zaaktype_setup, zaken_post
from zaakgericht import db
from zaakgericht.api import urls
from zaakgericht.api.auth import vertrouwelijkheid_level
from zaakgericht.zoeken import queries, tekst

BSN = "999990019"
ADRES = {
    "aoaIdentificatie": "0518200000000001",
    "gorOpenbareRuimteNaam": "Dorpsstraat",
    "aoaPostcode": "1234 AB",
    "aoaHuisnummer": 12,
    "wplWoonplaatsNaam": "Voorbeeldstad",
}


@pytest.fixture(autouse=True)
def base_url():
    """The URL of this installation, as in a request: autorisaties name zaaktypen by their URL."""
    token = urls.set_base_url(BASE)
    yield
    urls.reset_base_url(token)


async def _zoek(zoekterm: str, limits=None) -> list[str]:
    """The identificaties found, in order."""
    async with db.read_session() as session:
        resultaat = await queries.zoek(session, queries.ontleed(zoekterm), limits=limits)
    return [treffer.identificatie for treffer in resultaat.treffers]


async def _gevonden_in(zoekterm: str) -> dict[str, list[str]]:
    async with db.read_session() as session:
        resultaat = await queries.zoek(session, queries.ontleed(zoekterm), limits=None)
    return {treffer.identificatie: treffer.gevonden_in for treffer in resultaat.treffers}


@pytest.fixture
async def setup(client, superuser):
    """A zaaktype whose zaken may hold documents of one informatieobjecttype."""
    zaaktype = await create_zaaktype_setup(client, superuser, publish_it=False)
    iot = await post(
        client,
        superuser,
        "informatieobjecttypen",
        informatieobjecttype_body(zaaktype.catalogus, omschrijving="Brief"),
        200,
    )
    await publish(client, superuser, iot["url"])
    await post(
        client,
        superuser,
        "zaaktype-informatieobjecttypen",
        {"zaaktype": zaaktype.url, "informatieobjecttype": "Brief", "volgnummer": 1, "richting": "inkomend"},
    )
    await publish(client, superuser, zaaktype.url)
    return zaaktype, iot["url"]


async def _rol(client, headers, zaaktype, zaak: dict, betrokkene_type: str, identificatie: dict) -> dict:
    return await zaken_post(
        client,
        headers,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": betrokkene_type,
            "roltype": zaaktype.roltypen["initiator"],
            "roltoelichting": "aanvrager",
            "betrokkeneIdentificatie": identificatie,
        },
    )


async def _document(client, headers, iot: str, inhoud: bytes, **overrides) -> dict:
    response = await client.post(EIO, json=document_body(iot, inhoud=b64(inhoud), **overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def _koppel(client, headers, zaak: dict, document: dict) -> dict:
    body = {"zaak": zaak["url"], "informatieobject": document["url"]}
    return await zaken_post(client, headers, "zaakinformatieobjecten", body)


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


def _docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Eerste</w:t></w:r></w:p>'
            f"<w:p><w:r><w:t>{text[:4]}</w:t></w:r><w:r><w:t>{text[4:]}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def _odt(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "content.xml", f"<office:document-content><text:p>Het {text} &amp; meer</text:p></office:document-content>"
        )
    return buffer.getvalue()


async def test_a_zaak_is_found_by_partial_zaaknummer_and_omschrijving(client, superuser, setup):
    zaaktype, _ = setup
    await create_zaak(
        client, superuser, zaaktype.url, identificatie="ZAAK-2026-0000000146", omschrijving="Kapvergunning eik"
    )
    await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-2026-0000000999", omschrijving="Dakkapel")

    assert await _zoek("zaak-2026-0000000146") == ["ZAAK-2026-0000000146"]
    assert sorted(await _zoek("2026-00")) == ["ZAAK-2026-0000000146", "ZAAK-2026-0000000999"]
    assert await _zoek("000146") == ["ZAAK-2026-0000000146"]
    assert await _zoek("KAPVERGUNNING") == ["ZAAK-2026-0000000146"]
    assert await _zoek("kapverg") == ["ZAAK-2026-0000000146"]
    assert (await _gevonden_in("0000000146"))["ZAAK-2026-0000000146"] == ["zaaknummer"]
    assert (await _gevonden_in("dakkapel"))["ZAAK-2026-0000000999"] == ["omschrijving"]


async def test_an_update_of_the_zaak_is_in_the_index_at_once(client, superuser, setup):
    zaaktype, _ = setup
    zaak = await create_zaak(client, superuser, zaaktype.url, omschrijving="Dakkapel")
    response = await client.patch(
        zaak["url"],
        json={"omschrijving": "Schutting"},
        headers={**superuser, "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"},
    )
    assert response.status_code == 200, response.text

    assert await _zoek("dakkapel") == []
    assert await _zoek("schutting") == [zaak["identificatie"]]


async def test_betrokkenen_by_name_bsn_kvk_and_address_and_their_removal(client, superuser, setup):
    zaaktype, _ = setup
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-PERSOON")
    persoon = {"inpBsn": BSN, "voornamen": "Anna", "voorvoegselGeslachtsnaam": "van", "geslachtsnaam": "Jänssen"}
    rol = await _rol(client, superuser, zaaktype, zaak, "natuurlijk_persoon", {**persoon, "verblijfsadres": ADRES})
    bedrijf = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-BEDRIJF")
    vestiging = {"vestigingsNummer": "000012345678", "kvkNummer": "12345678", "handelsnaam": ["Bakkerij Bol"]}
    await _rol(client, superuser, zaaktype, bedrijf, "vestiging", vestiging)
    stichting = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-STICHTING")
    await _rol(client, superuser, zaaktype, stichting, "niet_natuurlijk_persoon", {"statutaireNaam": "Stichting Groen"})

    assert await _zoek("janssen") == ["ZAAK-PERSOON"]
    assert await _zoek("Anna van Jänssen") == ["ZAAK-PERSOON"]
    assert await _zoek("999 990 019") == ["ZAAK-PERSOON"]
    assert await _zoek("1234AB 12") == ["ZAAK-PERSOON"]
    assert await _zoek("1234 ab 12") == ["ZAAK-PERSOON"]
    assert await _zoek("1234AB 1") == []
    assert await _zoek("1234AB 120") == []
    assert await _zoek("12345678") == ["ZAAK-BEDRIJF"]
    assert await _zoek("bakkerij") == ["ZAAK-BEDRIJF"]
    assert await _zoek("stichting groen") == ["ZAAK-STICHTING"]
    # The place of a match names the person, never the number searched for.
    assert (await _gevonden_in(BSN))["ZAAK-PERSOON"] == ["betrokkene 'Anna van Jänssen'"]

    response = await client.delete(rol["url"], headers=superuser)
    assert response.status_code == 204
    assert await _zoek("janssen") == []
    assert await _zoek(BSN) == []


async def test_adres_zaakobject_and_its_removal(client, superuser, setup):
    zaaktype, _ = setup
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-ADRES")
    adres = {
        "identificatie": "0518200000000002",
        "wplWoonplaatsNaam": "Voorbeeldstad",
        "gorOpenbareRuimteNaam": "Kerkstraat",
        "huisnummer": 3,
        "postcode": "5678CD",
    }
    zaakobject = await zaken_post(
        client, superuser, "zaakobjecten", {"zaak": zaak["url"], "objectType": "adres", "objectIdentificatie": adres}
    )
    assert await _zoek("5678 CD 3") == ["ZAAK-ADRES"]
    assert (await _gevonden_in("kerkstraat"))["ZAAK-ADRES"] == ["adres 'Kerkstraat 3, Voorbeeldstad'"]

    response = await client.delete(zaakobject["url"], headers=superuser)
    assert response.status_code == 204
    assert await _zoek("5678CD 3") == []


async def test_documents_by_title_and_text_of_every_format_and_their_removal(client, superuser, setup):
    zaaktype, iot = setup
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-DOC")
    documenten = {
        "pdf": await _document(
            client, superuser, iot, _pdf("Het perceel ligt naast de molenvijver."), titel="Aanvraag.pdf"
        ),
        "txt": await _document(
            client,
            superuser,
            iot,
            "De eikenlaan is ongeëgaliseerd.".encode(),
            bestandsnaam="notitie.txt",
            formaat="text/plain",
            titel="Notitie",
        ),
        "docx": await _document(
            client, superuser, iot, _docx("Zonnepaneel"), bestandsnaam="brief.docx", formaat="", titel="Brief"
        ),
        "odt": await _document(
            client, superuser, iot, _odt("Kinderboerderij"), bestandsnaam="verslag.odt", formaat="", titel="Verslag"
        ),
    }
    # Text is read when the contents are stored, before the document belongs to any zaak.
    assert await _zoek("molenvijver") == []
    links = {soort: await _koppel(client, superuser, zaak, document) for soort, document in documenten.items()}

    assert await _zoek("molenvijver") == ["ZAAK-DOC"]
    assert (await _gevonden_in("molenvijver"))["ZAAK-DOC"] == ["document 'Aanvraag.pdf'"]
    assert await _zoek("ongeegaliseerd") == ["ZAAK-DOC"]
    assert await _zoek("zonnepaneel") == ["ZAAK-DOC"]  # one word over two runs of the DOCX
    assert await _zoek("kinderboerderij") == ["ZAAK-DOC"]
    assert await _zoek("aanvraag") == ["ZAAK-DOC"]

    response = await client.delete(links["pdf"]["url"], headers=superuser)
    assert response.status_code == 204
    assert await _zoek("molenvijver") == []
    assert await _zoek("zonnepaneel") == ["ZAAK-DOC"]


async def test_a_new_version_of_a_document_replaces_its_words(client, superuser, setup):
    zaaktype, iot = setup
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-VERSIE")
    document = await _document(
        client, superuser, iot, b"eerste versie: vlinderstruik", bestandsnaam="a.txt", formaat="text/plain"
    )
    await _koppel(client, superuser, zaak, document)
    lock_id = await lock(client, superuser, document["url"])
    response = await client.patch(
        document["url"],
        json={"inhoud": b64(b"tweede versie: hazelaar"), "lock": lock_id, "titel": "Nieuwe titel"},
        headers=superuser,
    )
    assert response.status_code == 200, response.text

    assert await _zoek("vlinderstruik") == []
    assert await _zoek("hazelaar") == ["ZAAK-VERSIE"]
    assert (await _gevonden_in("hazelaar"))["ZAAK-VERSIE"] == ["document 'Nieuwe titel'"]


async def test_a_damaged_or_unknown_file_is_stored_without_text(client, superuser, setup):
    zaaktype, iot = setup
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-KAPOT")
    kapot = await _document(client, superuser, iot, b"%PDF-1.7 this is no pdf", titel="Kapot")
    onbekend = await _document(
        client,
        superuser,
        iot,
        b"\x00\x01binary",
        bestandsnaam="x.bin",
        formaat="application/octet-stream",
        titel="Binair",
    )
    await _koppel(client, superuser, zaak, kapot)
    await _koppel(client, superuser, zaak, onbekend)

    assert await _zoek("kapot") == ["ZAAK-KAPOT"]
    assert await _zoek("binary") == []


async def test_a_deleted_zaak_leaves_the_index(client, superuser, setup):
    zaaktype, _ = setup
    zaak = await create_zaak(client, superuser, zaaktype.url, omschrijving="Verdwijnt")
    persoon = {"inpBsn": BSN, "geslachtsnaam": "Weg"}
    await _rol(client, superuser, zaaktype, zaak, "natuurlijk_persoon", persoon)
    response = await client.delete(zaak["url"], headers=superuser)
    assert response.status_code == 204

    assert await _zoek("verdwijnt") == []
    assert await _zoek(BSN) == []


async def test_autorisaties_zaaktype_and_vertrouwelijkheid(client, superuser, setup):
    zaaktype, iot = setup
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    await create_zaak(
        client,
        superuser,
        zaaktype.url,
        identificatie="ZAAK-OPENBAAR",
        omschrijving="Fietsenstalling",
        vertrouwelijkheidaanduiding="openbaar",
    )
    await create_zaak(
        client,
        superuser,
        zaaktype.url,
        identificatie="ZAAK-GEHEIM",
        omschrijving="Fietsenstalling",
        vertrouwelijkheidaanduiding="geheim",
    )
    await create_zaak(
        client,
        superuser,
        other.url,
        identificatie="ZAAK-ANDER",
        omschrijving="Fietsenstalling",
        vertrouwelijkheidaanduiding="openbaar",
    )
    zaak = await create_zaak(
        client, superuser, zaaktype.url, identificatie="ZAAK-DOCUMENT", vertrouwelijkheidaanduiding="openbaar"
    )
    geheim = await _document(
        client,
        superuser,
        iot,
        b"fietsenstalling",
        bestandsnaam="a.txt",
        formaat="text/plain",
        vertrouwelijkheidaanduiding="geheim",
    )
    await _koppel(client, superuser, zaak, geheim)
    limits = {zaaktype.url: vertrouwelijkheid_level("intern")}

    assert await _zoek("fietsenstalling", limits) == ["ZAAK-OPENBAAR"]
    assert sorted(await _zoek("fietsenstalling")) == ["ZAAK-ANDER", "ZAAK-DOCUMENT", "ZAAK-GEHEIM", "ZAAK-OPENBAAR"]
    assert await _zoek("zaak-", {}) == []
    # A zaak that becomes geheim is no longer found by who may see only intern.
    response = await client.patch(
        zaak["url"],
        json={"vertrouwelijkheidaanduiding": "geheim"},
        headers={**superuser, "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"},
    )
    assert response.status_code == 200
    assert await _zoek("zaak-document", limits) == []


async def test_many_matches_are_capped_and_counted(client, superuser, setup, monkeypatch):
    zaaktype, _ = setup
    for nummer in range(5):
        await create_zaak(
            client, superuser, zaaktype.url, identificatie=f"ZAAK-VEEL-{nummer}", startdatum=f"2026-03-0{nummer + 1}"
        )
    monkeypatch.setattr(queries, "MAX_RESULTATEN", 2)
    monkeypatch.setattr(queries, "MAX_TREFFERS", 3)
    async with db.read_session() as session:
        resultaat = await queries.zoek(session, queries.ontleed("zaak-veel"), limits=None)

    assert resultaat.meer and resultaat.aantal == 3
    assert len(resultaat.treffers) == 2
    # The newest first.
    assert resultaat.treffers[0].startdatum > resultaat.treffers[1].startdatum


def test_what_a_search_is_taken_for():
    assert queries.ontleed("   ") is None
    assert queries.ontleed("!!") is None
    assert queries.ontleed("999990019").persoon == ("bsn", "999990019")
    assert queries.ontleed("999.99.00.19").persoon == ("bsn", "999990019")
    assert queries.ontleed("999990018").persoon is None  # fails the elfproef: a number, not a BSN
    assert queries.ontleed("1234 5678").persoon == ("kvk", "12345678")
    assert queries.ontleed("1234 ab 12").woorden == ("pc1234ab12",)
    assert queries.ontleed("ZAAK-2026-01").zaaknummer == "zaak-2026-01"
    assert queries.ontleed("ab").zaaknummer is None


def test_text_extraction_is_bounded(monkeypatch):
    monkeypatch.setattr(tekst, "MAX_BYTES", 10)
    assert tekst.extract("docx", io.BytesIO(_docx("x" * 100)))  # the member is read up to the bound, not whole
    assert tekst.soort("application/pdf", "") == "pdf"
    assert tekst.soort("", "brief.DOCX") == "docx"
    assert tekst.soort("image/png", "foto.png") is None


async def test_rebuild_command_restores_the_index(client, superuser, setup):
    zaaktype, iot = setup
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-HERBOUW", omschrijving="Lantaarnpaal")
    document = await _document(client, superuser, iot, b"de beukenhaag", bestandsnaam="a.txt", formaat="text/plain")
    await _koppel(client, superuser, zaak, document)
    async with db.write_session() as session:
        await session.execute(text("DELETE FROM zoek_index"))
        await session.execute(text("DELETE FROM document_tekst"))
    assert await _zoek("lantaarnpaal") == []

    result = zaakgericht("zoekindex", "opbouwen")

    assert result.returncode == 0, result.stderr
    assert "1 zaken" in result.stdout and "1 documenten" in result.stdout
    assert await _zoek("lantaarnpaal") == ["ZAAK-HERBOUW"]
    assert await _zoek("beukenhaag") == ["ZAAK-HERBOUW"]


async def test_the_demo_is_searchable_once_loaded():
    from zaakgericht.demo import load_demo

    await load_demo()
    async with db.read_session() as session:
        identificatie = await session.scalar(text("SELECT identificatie FROM zaak ORDER BY id LIMIT 1"))

    assert await _zoek(identificatie.lower()) == [identificatie]
    assert await _zoek("jansen")
