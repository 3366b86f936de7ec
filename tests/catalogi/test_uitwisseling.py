"""Export and import of a catalogue as a ZIP in Open Zaak's format (the CLI's ``zaakgericht catalogus``)."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.catalogi.factories import CATALOGI, post, zaaktype_body
from tests.conftest import BASE, empty_database
from tests.helpers import outbox_payloads, zaakgericht
from tests.oas import assert_matches_schema, assert_oas
from zaakgericht import db
from zaakgericht.api.urls import reset_base_url, set_base_url
from zaakgericht.catalogi import uitwisseling
from zaakgericht.catalogi.models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from zaakgericht.notificaties.models import OutboxMessage

FIXTURE = Path(__file__).parent / "fixtures" / "openzaak"
TABLES = (
    Catalogus,
    ZaakType,
    StatusType,
    RolType,
    ResultaatType,
    Eigenschap,
    InformatieObjectType,
    BesluitType,
    ZaakTypeInformatieObjectType,
    OutboxMessage,
)


@pytest.fixture(autouse=True)
def base_url():
    """The services build the URLs the test client sees."""
    token = set_base_url(BASE)
    yield
    reset_base_url(token)


def fixture_files() -> dict[str, str]:
    return {path.name: path.read_text("utf-8") for path in sorted(FIXTURE.glob("*.json"))}


def make_zip(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def fixture_zip(**changes) -> bytes:
    """The Open Zaak fixture as a ZIP; ``ZaakType=callable`` changes the list of that file."""
    files = fixture_files()
    for soort, change in changes.items():
        name = f"{soort}.json"
        files[name] = json.dumps(change(json.loads(files[name])))
    return make_zip(files)


async def counts() -> dict[str, int]:
    async with db.read_session() as session:
        return {model.__name__: await session.scalar(select(func.count()).select_from(model)) for model in TABLES}


async def export(**selection) -> dict[str, list[dict]]:
    async with db.read_session() as session:
        data = await uitwisseling.exporteer(session, **selection)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name.removesuffix(".json"): json.loads(archive.read(name)) for name in archive.namelist()}


def normalised(bestanden: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The files with every URL of the catalogue replaced by its file and position: uuids differ per database."""
    names = {}
    for soort, items in bestanden.items():
        for position, item in enumerate(items):
            names[item["url"]] = f"{soort}[{position}]"
    text = json.dumps(bestanden, sort_keys=True)
    text = re.sub(r'"(https?://[^"]+)"', lambda m: json.dumps(names.get(m[1], m[1])), text)
    return json.loads(text)


async def import_fixture() -> uitwisseling.Verslag:
    verslag = await uitwisseling.importeer(fixture_zip())
    assert not verslag.geweigerd, verslag.tekst()
    return verslag


# --- the Open Zaak fixture -------------------------------------------------------------------


async def test_a_zip_in_open_zaaks_format_imports_and_shows_in_the_catalogi_api(client, superuser):
    verslag = await import_fixture()
    lines = verslag.tekst().splitlines()
    assert "Catalogus OPEN (002220647): aangemaakt" in lines
    assert "ZaakType PARKEERVERGUNNING (vanaf 2024-01-01): aangemaakt — en gepubliceerd" in lines
    assert "StatusType 2. Afgehandeld van zaaktype PARKEERVERGUNNING: aangemaakt" in lines
    assert lines[-1] == "De import is gelukt: 12 object(en) aangemaakt."

    response = await client.get(
        f"{CATALOGI}/zaaktypen", params={"identificatie": "PARKEERVERGUNNING"}, headers=superuser
    )
    assert_oas(response)
    [zaaktype] = response.json()["results"]
    assert zaaktype["concept"] is False
    assert (
        zaaktype["selectielijstProcestype"]
        == f"{BASE}/referentielijsten/api/v1/procestypen/6d85b4dc-381c-413e-af3c-1e9668f4ea97"
    )
    assert len(zaaktype["statustypen"]) == 2 and len(zaaktype["roltypen"]) == 2
    assert len(zaaktype["resultaattypen"]) == 2 and len(zaaktype["besluittypen"]) == 1
    assert len(zaaktype["informatieobjecttypen"]) == 1

    response = await client.get(f"{CATALOGI}/resultaattypen", params={"zaaktype": zaaktype["url"]}, headers=superuser)
    assert_oas(response)
    verleend = next(r for r in response.json()["results"] if r["omschrijving"] == "Verleend")
    assert verleend["selectielijstklasse"].endswith("/resultaten/968dee12-73d3-4b38-933f-5b25005d4ded")
    assert verleend["besluittypen"] == zaaktype["besluittypen"]
    assert verleend["informatieobjecttypen"] == zaaktype["informatieobjecttypen"]

    response = await client.get(f"{CATALOGI}/eigenschappen", params={"zaaktype": zaaktype["url"]}, headers=superuser)
    assert_oas(response)
    [eigenschap] = response.json()["results"]
    response = await client.get(eigenschap["statustype"], headers=superuser)
    assert_oas(response)
    statustype = response.json()
    assert statustype["volgnummer"] == 2 and statustype["eigenschappen"] == [eigenschap["url"]]

    response = await client.get(
        f"{CATALOGI}/zaaktype-informatieobjecttypen", params={"zaaktype": zaaktype["url"]}, headers=superuser
    )
    assert_oas(response)
    [ztiot] = response.json()["results"]
    assert ztiot["informatieobjecttype"] == zaaktype["informatieobjecttypen"][0]
    assert ztiot["richting"] == "inkomend" and ztiot["statustype"] == zaaktype["statustypen"][0]

    # As an API write would: notified on the kanalen of the catalogue.
    notified = {(p["kanaal"], p["resource"], p["actie"]) for p in await outbox_payloads()}
    assert ("zaaktypen", "zaaktype", "create") in notified
    assert ("zaaktypen", "statustype", "create") in notified
    assert ("informatieobjecttypen", "informatieobjecttype", "update") in notified  # published


async def test_importing_the_same_zip_again_matches_everything_and_creates_nothing():
    await import_fixture()
    before = await counts()
    verslag = await uitwisseling.importeer(fixture_zip())
    assert not verslag.geweigerd, verslag.tekst()
    assert {regel.uitkomst for regel in verslag.regels} == {uitwisseling.BESTAAND}
    assert await counts() == before


# --- export and the round trip ---------------------------------------------------------------


async def test_export_is_what_the_api_returns_and_a_round_trip_gives_the_same_content(client, superuser):
    await import_fixture()
    [catalogus] = (await client.get(f"{CATALOGI}/catalogussen", headers=superuser)).json()["results"]
    # A concept zaaktype beside the published one, naming it as deelzaaktype and gerelateerd zaaktype.
    bezwaar = await post(
        client,
        superuser,
        "zaaktypen",
        zaaktype_body(
            catalogus["url"],
            identificatie="BEZWAAR",
            omschrijving="Bezwaar",
            deelzaaktypen=["PARKEERVERGUNNING"],
            gerelateerdeZaaktypen=[{"zaaktype": "PARKEERVERGUNNING", "aardRelatie": "vervolg", "toelichting": ""}],
        ),
    )
    await post(
        client,
        superuser,
        "zaakobjecttypen",
        {
            "zaaktype": bezwaar["url"],
            "catalogus": catalogus["url"],
            "beginGeldigheid": bezwaar["beginGeldigheid"],
            "anderObjecttype": False,
            "objecttype": "https://objecttypen.openstad.example/api/v2/objecttypes/1",
            "relatieOmschrijving": "Het bestreden besluit",
        },
    )
    first = await export()
    # Open Zaak's nine files, and the zaakobjecttypen its format has no file for.
    assert list(first) == [*uitwisseling.EXPORT_VOLGORDE, "ZaakObjectType"]
    for soort, items in first.items():
        for item in items:
            assert_matches_schema("catalogi", soort, item)
    response = await client.get(f"{CATALOGI}/zaaktypen", params={"status": "alles"}, headers=superuser)
    assert first["ZaakType"] == response.json()["results"]

    await empty_database()
    verslag = await uitwisseling.importeer(uitwisseling.zip_bytes(first))
    assert not verslag.geweigerd, verslag.tekst()
    second = await export()
    assert {item["url"] for item in second["ZaakType"]}.isdisjoint({item["url"] for item in first["ZaakType"]})
    assert normalised(second) == normalised(first)


async def test_export_of_chosen_zaaktypen_takes_what_they_name(client, superuser):
    await import_fixture()
    [catalogus] = (await client.get(f"{CATALOGI}/catalogussen", headers=superuser)).json()["results"]
    await post(client, superuser, "zaaktypen", zaaktype_body(catalogus["url"], identificatie="LOS"))
    await post(
        client,
        superuser,
        "informatieobjecttypen",
        {
            **json.loads(fixture_files()["InformatieObjectType.json"])[0],
            "catalogus": catalogus["url"],
            "omschrijving": "Los",
        },
        200,
    )
    bestanden = await export(identificaties=["PARKEERVERGUNNING"])
    assert [z["identificatie"] for z in bestanden["ZaakType"]] == ["PARKEERVERGUNNING"]
    assert [i["omschrijving"] for i in bestanden["InformatieObjectType"]] == ["Aanvraag parkeervergunning"]
    assert [b["omschrijving"] for b in bestanden["BesluitType"]] == ["Besluit parkeervergunning"]
    assert len(bestanden["StatusType"]) == 2

    with pytest.raises(uitwisseling.ExportFout, match="geen zaaktype ONBEKEND"):
        await export(domein="OPEN", identificaties=["PARKEERVERGUNNING", "ONBEKEND"])


# --- bad input -------------------------------------------------------------------------------


def _with(soort: str, **fields):
    return {soort: lambda items: [{**items[0], **fields}, *items[1:]]}


def _bomb() -> bytes:
    files = fixture_files()
    files["Eigenschap.json"] = b" " * (40 * 1024 * 1024)  # 40 MB of spaces: a few kB compressed
    return make_zip(files)


BAD = {
    "not a zip": (lambda: b"%PDF-1.4 dit is geen zip", "Het bestand is geen ZIP-bestand."),
    "missing file": (
        lambda: make_zip({k: v for k, v in fixture_files().items() if k != "Catalogus.json"}),
        "Catalogus.json: geweigerd — Dit bestand ontbreekt in de ZIP.",
    ),
    "malformed json": (
        lambda: make_zip({**fixture_files(), "ZaakType.json": '[{"url": "x",}]'}),
        "ZaakType.json: geweigerd — Dit bestand is geen geldige JSON (regel 1, kolom 14).",
    ),
    "not a list": (
        lambda: make_zip({**fixture_files(), "RolType.json": '{"url": "x"}'}),
        "Dit bestand moet een lijst van objecten zijn.",
    ),
    "unknown file": (
        lambda: make_zip({**fixture_files(), "Zaak.json": "[]"}),
        "Zaak.json: geweigerd — Dit bestand hoort niet in een catalogusexport.",
    ),
    "unknown field": (
        lambda: fixture_zip(**_with("ZaakType", kleur="blauw")),
        "ZaakType PARKEERVERGUNNING (vanaf 2024-01-01): geweigerd — Onbekend veld: 'kleur' (niet in de Catalogi API).",
    ),
    "dangling reference": (
        lambda: fixture_zip(
            **_with(
                "StatusType",
                zaaktype="http://openzaak.example/catalogi/api/v1/zaaktypen/0b0b0b0b-0000-4000-8000-000000000000",
            )
        ),
        "zaaktype verwijst naar http://openzaak.example/catalogi/api/v1/zaaktypen/"
        "0b0b0b0b-0000-4000-8000-000000000000; "
        "dat staat niet in het bestand en niet in de database.",
    ),
    "unknown selectielijst klasse": (
        lambda: fixture_zip(
            **_with(
                "ResultaatType",
                selectielijstklasse=f"{BASE}/referentielijsten/api/v1/resultaten/0c0c0c0c-0000-4000-8000-000000000000",
            )
        ),
        f"selectielijstklasse: de selectielijstklasse {BASE}/referentielijsten/api/v1/resultaten/"
        "0c0c0c0c-0000-4000-8000-000000000000 bestaat niet in de selectielijst.",
    ),
    "value the api refuses": (
        lambda: fixture_zip(**_with("RolType", omschrijvingGeneriek="baas")),
        "RolType Aanvrager van zaaktype PARKEERVERGUNNING: geweigerd — omschrijvingGeneriek: is geen toegestane "
        "waarde (kies uit adviseur, behandelaar, belanghebbende, beslisser, initiator, klantcontacter, "
        "zaakcoordinator, mede_initiator).",
    ),
    "value of the wrong type": (
        lambda: fixture_zip(**_with("StatusType", volgnummer="tien")),
        "StatusType tien. Ontvangen van zaaktype PARKEERVERGUNNING: geweigerd — volgnummer: heeft geen geldige waarde.",
    ),
    "nested too deep": (
        lambda: make_zip({**fixture_files(), "RolType.json": "[" * 100_000 + "]" * 100_000}),
        "RolType.json: geweigerd — Dit bestand is dieper genest dan 32 niveaus; zo is geen catalogus.",
    ),
    "url that is not text": (
        lambda: fixture_zip(**_with("RolType", url={"niet": "tekst"})),
        "RolType Aanvrager van zaaktype PARKEERVERGUNNING: geweigerd — Het object heeft geen url.",
    ),
    "zip bomb": (_bomb, "Eigenschap.json: geweigerd — Eigenschap.json is uitgepakt groter dan 32 MB"),
    "service refuses": (
        lambda: fixture_zip(
            **_with(
                "ResultaatType",
                selectielijstklasse=f"{BASE}/referentielijsten/api/v1/resultaten/ceb821a2-3b5e-421a-ac49-ebc63d15dc29",
            )
        ),
        "selectielijstklasse: De selectielijstklasse hoort niet bij het selectielijstProcestype van het zaaktype.",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
async def test_a_bad_import_says_why_in_dutch_and_changes_nothing(case):
    make, reason = BAD[case]
    before = await counts()
    verslag = await uitwisseling.importeer(make())
    assert verslag.geweigerd
    assert reason in verslag.tekst()
    assert verslag.tekst().endswith("De import is geweigerd; er is niets veranderd.")
    assert await counts() == before
    assert uitwisseling.AANGEMAAKT not in {regel.uitkomst for regel in verslag.regels}


async def test_the_size_limits_hold_for_the_zip_and_for_all_files_together():
    before = await counts()
    grenzen = uitwisseling.Grenzen(zip_bytes=1024 * 1024, bestand_bytes=1024 * 1024, totaal_bytes=10_000)
    verslag = await uitwisseling.importeer(fixture_zip(), grenzen)
    assert "samen uitgepakt groter dan" in verslag.tekst()
    verslag = await uitwisseling.importeer(b"PK" + b"\0" * 2_000_000, grenzen)
    assert "Het bestand is groter dan 1 MB; zo groot is geen catalogus." in verslag.tekst()
    assert await counts() == before


# --- the command line ------------------------------------------------------------------------


async def test_the_commands_export_and_import_a_catalogue(tmp_path):
    await import_fixture()
    before = await counts()
    target = tmp_path / "catalogus.zip"
    result = zaakgericht("catalogus", "export", str(target), "--catalogus", "OPEN")
    assert result.returncode == 0, result.stderr
    assert f"Catalogus geëxporteerd naar {target}." in result.stdout
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == [f"{soort}.json" for soort in uitwisseling.EXPORT_VOLGORDE]

    await empty_database()
    result = zaakgericht("catalogus", "import", str(target))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "ZaakType PARKEERVERGUNNING (vanaf 2024-01-01): aangemaakt — en gepubliceerd" in result.stdout
    after = await counts()
    assert {k: v for k, v in after.items() if k != "OutboxMessage"} == {
        k: v for k, v in before.items() if k != "OutboxMessage"
    }

    bad = tmp_path / "kapot.zip"
    bad.write_bytes(b"geen zip")
    result = zaakgericht("catalogus", "import", str(bad))
    assert result.returncode == 1
    assert "Het bestand is geen ZIP-bestand." in result.stdout
    assert "er is niets veranderd" in result.stdout

    result = zaakgericht("catalogus", "export", str(tmp_path / "x.zip"), "--zaaktype", "ONBEKEND")
    assert result.returncode == 1
    assert "Er is geen catalogus met deze zaaktypen." in result.stdout


async def test_a_type_the_service_will_not_publish_is_imported_as_concept_and_the_report_says_so(client, superuser):
    # The zaaktype is published in the file, its document type not: ztc-012 refuses to publish the zaaktype.
    verslag = await uitwisseling.importeer(fixture_zip(**_with("InformatieObjectType", concept=True)))
    assert not verslag.geweigerd, verslag.tekst()
    lines = verslag.tekst().splitlines()
    assert "InformatieObjectType Aanvraag parkeervergunning (vanaf 2024-01-01): aangemaakt — als concept" in lines
    assert (
        "ZaakType PARKEERVERGUNNING (vanaf 2024-01-01): aangemaakt — als concept, want publiceren kon niet: "
        "nonFieldErrors: Alle informatieobjecttypen moeten gepubliceerd zijn; "
        "'Aanvraag parkeervergunning' is nog een concept."
    ) in lines
    response = await client.get(f"{CATALOGI}/zaaktypen", params={"status": "concept"}, headers=superuser)
    assert_oas(response)
    assert [z["identificatie"] for z in response.json()["results"]] == ["PARKEERVERGUNNING"]


async def test_a_part_that_a_matched_zaaktype_lacks_is_refused():
    await import_fixture()
    before = await counts()

    def extra_roltype(items):
        return [*items, {**items[0], "url": items[0]["url"][:-12] + "000000000000", "omschrijving": "Adviseur"}]

    verslag = await uitwisseling.importeer(fixture_zip(RolType=extra_roltype))
    assert verslag.geweigerd
    assert (
        "RolType Adviseur van zaaktype PARKEERVERGUNNING: geweigerd — Het zaaktype bestaat al in deze versie, "
        "maar zonder dit onderdeel; maak een nieuwe versie van het zaaktype om het toe te voegen."
    ) in verslag.tekst()
    assert await counts() == before
