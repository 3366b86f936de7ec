"""Enkelvoudiginformatieobjecten: create and validation (drc-001, drc-005, drc-006, drc-007), reads, lists,
filters, ``_zoek``, ``expand`` (drc-011..013), HTTP caching and deletion (drc-008)."""

import json
import uuid

import pytest

from tests.conftest import count_queries
from tests.documenten.factories import (
    DOCUMENTEN,
    EIO,
    RSIN,
    b64,
    create_document,
    create_informatieobjecttype,
    document_body,
    download,
    get_json,
    lock,
)
from tests.helpers import invalid_params
from tests.oas import assert_oas
from zaakgericht.settings import get_settings


async def test_create_generates_identificatie_and_takes_vertrouwelijkheid_from_type_drc_007(client, superuser, iot):
    document = await create_document(client, superuser, iot, inhoud=b64(b"%PDF-1.7 aanvraag"))

    assert document["identificatie"].startswith("DOCUMENT-")
    assert document["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    assert (document["versie"], document["locked"], document["lock"], document["bestandsdelen"]) == (1, False, "", [])
    assert document["bestandsomvang"] == len(b"%PDF-1.7 aanvraag")
    assert document["inhoud"] == f"{document['url']}/download?versie=1"
    assert await download(client, superuser, document["url"]) == b"%PDF-1.7 aanvraag"
    assert await get_json(client, superuser, document["url"]) == {
        key: value for key, value in document.items() if key != "lock"
    }

    chosen = await create_document(client, superuser, iot, vertrouwelijkheidaanduiding="openbaar")
    assert chosen["vertrouwelijkheidaanduiding"] == "openbaar"
    assert (chosen["inhoud"], chosen["bestandsomvang"]) == (None, None)


async def test_every_field_is_stored_and_answered(client, superuser, iot):
    fields = {
        "identificatie": "DOC-0001",
        "beschrijving": "De aanvraag",
        "status": "definitief",
        "inhoudIsVervallen": False,
        "link": "https://intranet.gemeente.nl/doc/1",
        "ontvangstdatum": "2026-03-01",
        "verzenddatum": "2026-02-28",
        "indicatieGebruiksrecht": False,
        "verschijningsvorm": "digitaal",
        "ondertekening": {"soort": "digitaal", "datum": "2026-03-01"},
        "integriteit": {"algoritme": "sha_256", "waarde": "a" * 64, "datum": "2026-03-01"},
        "trefwoorden": ["bouw", "vergunning"],
    }
    document = await create_document(client, superuser, iot, **fields)
    for key, value in fields.items():
        assert document[key] == value, key


async def test_empty_groups_as_open_zaak_answers_them_mean_null(client, superuser, iot):
    document = await create_document(
        client,
        superuser,
        iot,
        ondertekening={"soort": "", "datum": None},
        integriteit={"algoritme": "", "waarde": "", "datum": None},
    )
    assert (document["ondertekening"], document["integriteit"]) == (None, None)


async def test_identificatie_is_unique_per_bronorganisatie(client, superuser, iot):
    await create_document(client, superuser, iot, identificatie="DOC-1")
    response = await client.post(EIO, json=document_body(iot, identificatie="DOC-1"), headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"identificatie": "identificatie-niet-uniek"}
    await create_document(client, superuser, iot, identificatie="DOC-1", bronorganisatie="000000000")


async def test_informatieobjecttype_must_be_a_published_one_of_this_catalogue_drc_001(client, superuser, iot):
    concept = (
        await client.post(
            "http://testserver/catalogi/api/v1/informatieobjecttypen",
            json={
                "catalogus": (await get_json(client, superuser, iot))["catalogus"],
                "omschrijving": "Concept",
                "vertrouwelijkheidaanduiding": "openbaar",
                "beginGeldigheid": "2026-01-01",
                "informatieobjectcategorie": "Brief",
            },
            headers=superuser,
        )
    ).json()["url"]
    for url, code in (
        (concept, "not-published"),
        (f"http://testserver/catalogi/api/v1/informatieobjecttypen/{uuid.uuid4()}", "bad-url"),
        ("https://andere-gemeente.nl/catalogi/api/v1/informatieobjecttypen/1", "bad-url"),
        (f"http://testserver/catalogi/api/v1/zaaktypen/{uuid.uuid4()}", "invalid-resource"),
        # A document of this API answers 200 but is no informatieobjecttype.
        ((await create_document(client, superuser, iot))["url"], "invalid-resource"),
        ("geen-url", "invalid"),
    ):
        response = await client.post(EIO, json=document_body(url), headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"informatieobjecttype": code}, url


async def test_bad_input_is_a_problem_never_a_500(client, superuser, iot):
    response = await client.post(EIO, json={}, headers=superuser)
    assert_oas(response)
    assert set(invalid_params(response)) == {
        "bronorganisatie",
        "creatiedatum",
        "titel",
        "auteur",
        "taal",
        "informatieobjecttype",
    }
    for change, name in (
        ({"taal": "nederlands"}, "taal"),
        ({"bronorganisatie": "123456789"}, "bronorganisatie"),
        ({"status": "concept"}, "status"),
        ({"bestandsomvang": -1}, "bestandsomvang"),
        ({"creatiedatum": "gisteren"}, "creatiedatum"),
        ({"ondertekening": {"soort": "inkt", "datum": "2026-01-01"}}, "ondertekening.soort"),
        ({"trefwoorden": "bouw"}, "trefwoorden"),
    ):
        response = await client.post(EIO, json=document_body(iot, **change), headers=superuser)
        assert_oas(response)
        assert name in invalid_params(response), change

    response = await client.post(EIO, content=b'{"titel": ', headers={**superuser, "Content-Type": "application/json"})
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "parse_error"}
    response = await client.post(EIO, content=b"titel=x", headers={**superuser, "Content-Type": "text/plain"})
    assert_oas(response)
    assert response.status_code == 415
    response = await client.post(EIO, json=[document_body(iot)], headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "invalid"}


@pytest.mark.parametrize("inhoud", ["niet base64!", "QUJD=RUZH", "QUJDR", "é" * 8])
async def test_a_base64_that_does_not_decode_is_refused(client, superuser, iot, inhoud):
    response = await client.post(EIO, json=document_body(iot, inhoud=inhoud), headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"inhoud": "invalid"}


async def test_inhoud_of_another_size_than_announced_is_refused(client, superuser, iot):
    for announced in (3, 100):
        response = await client.post(
            EIO, json=document_body(iot, inhoud=b64(b"twaalf bytes"), bestandsomvang=announced), headers=superuser
        )
        assert_oas(response)
        assert invalid_params(response) == {"bestandsomvang": "file-size"}
    document = await create_document(client, superuser, iot, inhoud=b64(b"twaalf bytes"), bestandsomvang=12)
    assert document["bestandsomvang"] == 12


async def test_a_body_over_the_limit_is_refused(client, superuser, iot, monkeypatch):
    monkeypatch.setattr(get_settings(), "documenten_max_body_size", 2048)
    response = await client.post(EIO, json=document_body(iot, inhoud=b64(b"x" * 3000)), headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"inhoud": "file-too-large"}
    assert not await _stored_files()


async def test_inhoud_as_data_uri_and_with_json_escapes_is_accepted(client, superuser, iot):
    data = b"\x00\x01binair\xff" * 300
    encoded = b64(data)
    document = await create_document(client, superuser, iot, inhoud=f"data:application/pdf;base64,{encoded}")
    assert await download(client, superuser, document["url"]) == data
    # JSON may escape "/" and break the base64 in lines with \n.
    escaped = encoded[:50] + "\\n" + encoded[50:].replace("/", "\\/")
    raw = json.dumps(document_body(iot, inhoud="INHOUD")).replace("INHOUD", escaped).encode()
    response = await client.post(EIO, content=raw, headers={**superuser, "Content-Type": "application/json"})
    assert_oas(response)
    assert response.status_code == 201, response.text
    assert await download(client, superuser, response.json()["url"]) == data


async def test_a_received_document_is_not_in_bewerking_drc_005(client, superuser, iot):
    for status in ("in_bewerking", "ter_vaststelling"):
        response = await client.post(
            EIO, json=document_body(iot, ontvangstdatum="2026-03-01", status=status), headers=superuser
        )
        assert_oas(response)
        assert invalid_params(response) == {"status": "invalid_for_received"}
    await create_document(client, superuser, iot, ontvangstdatum="2026-03-01", status="definitief")
    await create_document(client, superuser, iot, status="in_bewerking")


async def test_indicatie_gebruiksrecht_true_needs_gebruiksrechten_drc_006(client, superuser, iot):
    response = await client.post(EIO, json=document_body(iot, indicatieGebruiksrecht=True), headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"indicatieGebruiksrecht": "missing-gebruiksrechten"}
    document = await create_document(client, superuser, iot, indicatieGebruiksrecht=False)
    assert document["indicatieGebruiksrecht"] is False


async def test_list_shows_the_latest_versions_filtered_and_paginated(client, superuser, iot):
    first = await create_document(client, superuser, iot, identificatie="A", trefwoorden=["bouw", "vergunning"])
    await create_document(client, superuser, iot, identificatie="B", trefwoorden=["bouw"])
    await create_document(client, superuser, iot, identificatie="C", bronorganisatie="000000000")
    lock_id = await lock(client, superuser, first["url"])
    response = await client.patch(first["url"], json={"titel": "Versie 2", "lock": lock_id}, headers=superuser)
    assert response.status_code == 200

    listed = await get_json(client, superuser, EIO)
    assert (listed["count"], listed["next"], listed["previous"]) == (3, None, None)
    assert [(d["identificatie"], d["versie"]) for d in listed["results"]] == [("A", 2), ("B", 1), ("C", 1)]
    for params, expected in (
        ({"identificatie": "B"}, ["B"]),
        ({"bronorganisatie": RSIN}, ["A", "B"]),
        ({"trefwoorden": "bouw"}, ["A", "B"]),
        ({"trefwoorden": "bouw,vergunning"}, ["A"]),
        ({"trefwoorden": "onbekend"}, []),
    ):
        listed = await get_json(client, superuser, EIO, **params)
        assert [d["identificatie"] for d in listed["results"]] == expected, params

    response = await client.get(EIO, params={"titel": "x"}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "unknown-parameters"}
    response = await client.get(EIO, params={"page": 2}, headers=superuser)
    assert_oas(response) if response.status_code != 404 else None
    assert response.status_code == 404


async def test_zoek_by_uuids(client, superuser, iot):
    documents = [await create_document(client, superuser, iot, identificatie=f"Z{n}") for n in range(3)]
    uuids = [d["url"].rsplit("/", 1)[1] for d in documents]
    response = await client.post(f"{EIO}/_zoek", json={"uuid__in": uuids[:2]}, headers=superuser)
    assert_oas(response)
    assert [d["identificatie"] for d in response.json()["results"]] == ["Z0", "Z1"]
    response = await client.post(
        f"{EIO}/_zoek",
        json={"uuid__in": uuids, "identificatie": "Z2", "expand": "informatieobjecttype"},
        headers=superuser,
    )
    assert_oas(response)
    [found] = response.json()["results"]
    assert found["_expand"]["informatieobjecttype"]["url"] == iot
    response = await client.post(f"{EIO}/_zoek", json={"uuid__in": []}, headers=superuser)
    assert response.json()["count"] == 0
    for body, name in (({}, "uuid__in"), ({"uuid__in": ["geen-uuid"]}, "uuid__in.0")):
        response = await client.post(f"{EIO}/_zoek", json=body, headers=superuser)
        assert_oas(response)
        assert name in invalid_params(response)


async def test_expand_informatieobjecttype_only_drc_011_013(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    detail = await get_json(client, superuser, document["url"], expand="informatieobjecttype")
    assert detail["_expand"]["informatieobjecttype"] == await get_json(client, superuser, iot)
    listed = await get_json(client, superuser, EIO, expand="informatieobjecttype")
    assert listed["results"][0]["_expand"]["informatieobjecttype"]["url"] == iot

    response = await client.get(EIO, params={"expand": "zaken"}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"expand": "invalid-expand"}
    response = await client.get(document["url"], params={"expand": "informatieobjecttype.catalogus"}, headers=superuser)
    assert_oas(response)
    assert response.status_code == 404


async def test_detail_has_etag_head_and_if_none_match(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    response = await client.get(document["url"], headers=superuser)
    etag = response.headers["etag"]
    head = await client.head(document["url"], headers=superuser)
    assert_oas(head)
    assert (head.status_code, head.headers["etag"], head.content) == (200, etag, b"")
    cached = await client.get(document["url"], headers={**superuser, "If-None-Match": etag})
    assert (cached.status_code, cached.content) == (304, b"")


async def test_unknown_documents_and_versions_are_404(client, superuser, iot):
    await get_json(client, superuser, f"{EIO}/{uuid.uuid4()}", status=404)
    await get_json(client, superuser, f"{EIO}/geen-uuid", status=404)
    document = await create_document(client, superuser, iot)
    await download(client, superuser, document["url"], status=404)  # no contents


async def test_list_costs_the_same_queries_for_1_and_50_documents(client, superuser, iot):
    async def queries_for_list() -> int:
        with count_queries() as counted:
            response = await client.get(EIO, params={"expand": "informatieobjecttype"}, headers=superuser)
        assert response.status_code == 200
        return counted[0]

    await create_document(client, superuser, iot, bestandsomvang=10)  # locked, with a bestandsdeel
    await queries_for_list()  # fills the per-process cache of catalogue bodies
    one = await queries_for_list()
    for _ in range(49):
        await create_document(client, superuser, iot, bestandsomvang=10)
    assert await queries_for_list() == one


async def test_delete_removes_the_document_its_versions_and_files_drc_008(client, superuser, iot):
    document = await create_document(client, superuser, iot, inhoud=b64(b"versie 1"))
    lock_id = await lock(client, superuser, document["url"])
    await client.patch(document["url"], json={"inhoud": b64(b"versie 2"), "lock": lock_id}, headers=superuser)
    response = await client.post(f"{document['url']}/unlock", json={"lock": lock_id}, headers=superuser)
    assert response.status_code == 204
    assert len(await _stored_files()) == 2

    response = await client.delete(document["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    await get_json(client, superuser, document["url"], status=404)
    assert await _stored_files() == []
    # Its audit trail went with it: a 404, as for a zaak (the OAS lists no 404 for this list).
    trail = await client.get(f"{document['url']}/audittrail", headers=superuser)
    assert trail.status_code == 404 and trail.headers["content-type"] == "application/problem+json"


async def test_a_locked_document_cannot_be_deleted(client, superuser, iot):
    document = await create_document(client, superuser, iot)
    await lock(client, superuser, document["url"])
    response = await client.delete(document["url"], headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "destroy-locked"}


async def test_the_official_oas_is_served(client):
    response = await client.get(f"{DOCUMENTEN}/schema/openapi.yaml")
    assert response.status_code == 200
    assert "enkelvoudiginformatieobjecten" in response.text
    assert response.headers["api-version"] == "1.5.0"


async def test_another_informatieobjecttype_may_be_set_on_update(client, superuser, iot):
    catalogus = (await get_json(client, superuser, iot))["catalogus"]
    other = (await create_informatieobjecttype(client, superuser, catalogus, omschrijving="Brief"))["url"]
    document = await create_document(client, superuser, iot)
    lock_id = await lock(client, superuser, document["url"])
    response = await client.patch(
        document["url"], json={"informatieobjecttype": other, "lock": lock_id}, headers=superuser
    )
    assert_oas(response)
    assert response.json()["informatieobjecttype"] == other


async def _stored_files() -> list[str]:
    root = get_settings().data_dir / "files"
    return sorted(str(p) for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "tmp")
