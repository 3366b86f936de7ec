"""Zaken: create, read, update and delete, with the rules of the Zaken API (zrc-001 .. zrc-015, zrc-023)."""

from datetime import date

import pytest

from tests.catalogi.factories import publish
from tests.conftest import make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from tests.zaken.factories import (
    CRS,
    OTHER_RSIN,
    ZAKEN,
    create_zaak,
    create_zaaktype_setup,
    get,
    set_status,
    zaak_body,
)


async def test_create_zaak_derives_identificatie_vertrouwelijkheid_and_deadlines(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)

    assert zaak["identificatie"] == f"ZAAK-{date.today().year}-0000000001"
    assert zaak["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"  # zrc-009: from the zaaktype
    assert zaak["registratiedatum"] == date.today().isoformat()
    # Doorlooptijd P8W from startdatum 2026-03-02; without servicenorm the planned end is the same.
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2026-04-27"
    assert zaak["einddatumGepland"] == "2026-04-27"
    assert zaak["opschorting"] == {"indicatie": False, "reden": ""}
    assert zaak["verlenging"] is None
    assert zaak["status"] is None and zaak["einddatum"] is None
    second = await create_zaak(client, superuser, zaaktype.url)
    assert second["identificatie"] == f"ZAAK-{date.today().year}-0000000002"


async def test_servicenorm_sets_the_planned_end_date(client, superuser):
    setup = await create_zaaktype_setup(client, superuser, servicenorm="P2W")
    zaak = await create_zaak(client, superuser, setup.url)
    assert zaak["einddatumGepland"] == "2026-03-16"
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2026-04-27"


async def test_given_dates_and_vertrouwelijkheid_win(client, superuser, zaaktype):
    zaak = await create_zaak(
        client,
        superuser,
        zaaktype.url,
        vertrouwelijkheidaanduiding="openbaar",
        einddatumGepland="2026-03-20",
        uiterlijkeEinddatumAfdoening="2026-05-01",
    )
    assert zaak["vertrouwelijkheidaanduiding"] == "openbaar"
    assert (zaak["einddatumGepland"], zaak["uiterlijkeEinddatumAfdoening"]) == ("2026-03-20", "2026-05-01")


async def test_create_notifies_and_records_the_audit_trail(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)

    [message] = [m for m in await outbox_payloads() if m["kanaal"] == "zaken"]
    assert message["resource"] == "zaak" and message["actie"] == "create"
    assert message["hoofdObject"] == message["resourceUrl"] == zaak["url"]
    assert message["kenmerken"] == {
        "bronorganisatie": "002220647",
        "zaaktype": zaaktype.url,
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
    }
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [(entry["actie"], entry["resource"]) for entry in trail] == [("create", "zaak")]
    assert "oud" not in trail[0]["wijzigingen"] and trail[0]["wijzigingen"]["nieuw"]["url"] == zaak["url"]


async def test_identificatie_is_unique_per_bronorganisatie(client, superuser, zaaktype):
    await create_zaak(client, superuser, zaaktype.url, identificatie="Z-1")
    await create_zaak(client, superuser, zaaktype.url, identificatie="Z-1", bronorganisatie=OTHER_RSIN)

    response = await client.post(
        f"{ZAKEN}/zaken", json=zaak_body(zaaktype.url, identificatie="Z-1"), headers={**superuser, **CRS}
    )
    assert_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {"identificatie": "identificatie-niet-uniek"}


async def test_generated_identificatie_skips_one_taken_by_hand(client, superuser, zaaktype):
    await create_zaak(client, superuser, zaaktype.url, identificatie=f"ZAAK-{date.today().year}-0000000001")
    zaak = await create_zaak(client, superuser, zaaktype.url)
    assert zaak["identificatie"] == f"ZAAK-{date.today().year}-0000000002"


@pytest.mark.parametrize(
    ("zaaktype_url", "code"),
    [
        ("http://testserver/catalogi/api/v1/zaaktypen/6f6ab9a5-0ec8-4d5a-8a6f-5f0c1a8e5a11", "bad-url"),
        ("http://elders.example/catalogi/api/v1/zaaktypen/6f6ab9a5-0ec8-4d5a-8a6f-5f0c1a8e5a11", "bad-url"),
        ("http://testserver/catalogi/api/v1/catalogussen/6f6ab9a5-0ec8-4d5a-8a6f-5f0c1a8e5a11", "invalid-resource"),
    ],
)
async def test_zaaktype_must_resolve_to_a_zaaktype(client, superuser, zaaktype_url, code):
    response = await client.post(f"{ZAKEN}/zaken", json=zaak_body(zaaktype_url), headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {"zaaktype": code}


async def test_a_url_of_another_kind_that_answers_is_an_invalid_resource(client, superuser, zaaktype):
    """A URL that answers 200 but is no zaaktype (here a zaak) is ``invalid-resource``, not ``bad-url``."""
    zaak = await create_zaak(client, superuser, zaaktype.url)
    assert (await client.get(zaak["url"], headers={**superuser, **CRS})).status_code == 200
    response = await client.post(f"{ZAKEN}/zaken", json=zaak_body(zaak["url"]), headers={**superuser, **CRS})
    assert_oas(response)
    assert invalid_params(response) == {"zaaktype": "invalid-resource"}


async def test_zaaktype_must_be_published_and_valid_on_the_startdatum(client, superuser):
    concept = await create_zaaktype_setup(client, superuser, publish_it=False)
    response = await client.post(f"{ZAKEN}/zaken", json=zaak_body(concept.url), headers={**superuser, **CRS})
    assert invalid_params(response) == {"zaaktype": "not-published"}

    await publish(client, superuser, concept.url)
    response = await client.post(
        f"{ZAKEN}/zaken", json=zaak_body(concept.url, startdatum="2025-12-31"), headers={**superuser, **CRS}
    )
    assert_oas(response)
    assert invalid_params(response) == {"zaaktype": "zaaktype-niet-geldig"}


async def test_bad_input_is_a_validation_error(client, superuser, zaaktype):
    response = await client.post(
        f"{ZAKEN}/zaken",
        json=zaak_body(zaaktype.url, bronorganisatie="123456789", startdatum="gisteren", archiefnominatie="weg"),
        headers={**superuser, **CRS},
    )
    assert_oas(response)
    assert invalid_params(response) == {
        "bronorganisatie": "invalid",
        "startdatum": "invalid",
        "archiefnominatie": "invalid_choice",
    }
    response = await client.post(
        f"{ZAKEN}/zaken", content=b"{not json", headers={**superuser, **CRS, "Content-Type": "application/json"}
    )
    assert_oas(response)
    assert response.status_code == 400 and response.json()["code"] == "parse_error"


async def test_crs_headers(client, superuser, zaaktype):
    body = zaak_body(zaaktype.url)
    response = await client.post(f"{ZAKEN}/zaken", json=body, headers={**superuser, "Accept-Crs": "EPSG:4326"})
    assert_oas(response)
    assert response.status_code == 412
    response = await client.post(f"{ZAKEN}/zaken", json=body, headers={**superuser, **CRS, "Content-Crs": "EPSG:28992"})
    assert_oas(response)
    assert response.status_code == 406
    response = await client.get(f"{ZAKEN}/zaken", headers={**superuser, "Accept-Crs": "EPSG:28992"})
    assert_oas(response)
    assert response.status_code == 406
    response = await client.get(f"{ZAKEN}/zaken", headers={**superuser, **CRS})
    assert response.status_code == 200 and response.headers["content-crs"] == "EPSG:4326"


async def test_read_with_etag_and_head(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await client.get(zaak["url"], headers={**superuser, **CRS})
    assert_oas(response)
    assert response.json() == zaak
    etag = response.headers["etag"]
    response = await client.head(zaak["url"], headers={**superuser, **CRS})
    assert response.status_code == 200 and response.content == b"" and response.headers["etag"] == etag
    response = await client.get(zaak["url"], headers={**superuser, **CRS, "If-None-Match": etag})
    assert response.status_code == 304
    response = await client.get(f"{ZAKEN}/zaken/00000000-0000-4000-8000-000000000000", headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 404


async def _patch(client, headers, url: str, body: dict):
    response = await client.patch(url, json=body, headers={**headers, **CRS})
    assert_oas(response)
    return response


async def test_update_and_partial_update(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await _patch(client, superuser, zaak["url"], {"omschrijving": "Nieuwe omschrijving"})
    assert response.status_code == 200 and response.json()["omschrijving"] == "Nieuwe omschrijving"
    assert response.json()["identificatie"] == zaak["identificatie"]

    response = await client.put(
        zaak["url"], json=zaak_body(zaaktype.url, toelichting="Volledig vervangen"), headers={**superuser, **CRS}
    )
    assert_oas(response)
    assert response.status_code == 200 and response.json()["toelichting"] == "Volledig vervangen"
    assert response.json()["omschrijving"] == zaak_body(zaaktype.url)["omschrijving"]

    acties = [(m["resource"], m["actie"]) for m in await outbox_payloads() if m["kanaal"] == "zaken"]
    assert acties == [("zaak", "create"), ("zaak", "partial_update"), ("zaak", "update")]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert trail[1]["wijzigingen"]["oud"]["omschrijving"] == zaak["omschrijving"]
    assert trail[1]["wijzigingen"]["nieuw"]["omschrijving"] == "Nieuwe omschrijving"


async def test_identificatie_and_bronorganisatie_do_not_change(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await _patch(client, superuser, zaak["url"], {"identificatie": "ANDERS", "bronorganisatie": OTHER_RSIN})
    assert invalid_params(response) == {"identificatie": "wijzigen-niet-toegelaten"}


async def test_betalingsindicatie_nvt(client, superuser, zaaktype):
    """zrc-014: "nvt" with a laatsteBetaaldatum is refused; switching to "nvt" clears the date."""
    zaak = await create_zaak(
        client, superuser, zaaktype.url, betalingsindicatie="geheel", laatsteBetaaldatum="2026-03-05T12:00:00Z"
    )
    assert zaak["betalingsindicatieWeergave"] == "De met de zaak gemoeide kosten zijn geheel betaald."
    response = await _patch(
        client, superuser, zaak["url"], {"betalingsindicatie": "nvt", "laatsteBetaaldatum": "2026-03-05T12:00:00Z"}
    )
    assert invalid_params(response) == {"laatsteBetaaldatum": "betaling-nvt"}
    response = await _patch(client, superuser, zaak["url"], {"betalingsindicatie": "nvt", "laatsteBetaaldatum": None})
    assert response.json()["laatsteBetaaldatum"] is None
    response = await _patch(client, superuser, zaak["url"], {"laatsteBetaaldatum": "2999-01-01T00:00:00Z"})
    assert invalid_params(response) == {"laatsteBetaaldatum": "date-in-future"}


async def test_producten_of_diensten_belong_to_the_zaaktype(client, superuser, zaaktype):
    """zrc-015."""
    allowed = "https://producten.gemeente.nl/omgevingsvergunning"
    zaak = await create_zaak(client, superuser, zaaktype.url, productenOfDiensten=[allowed])
    response = await _patch(client, superuser, zaak["url"], {"productenOfDiensten": [allowed, "https://ander.nl/p"]})
    assert invalid_params(response) == {"productenOfDiensten": "invalid-products-services"}


async def test_hoofdzaak_and_deelzaken(client, superuser, zaaktype):
    """zrc-013: one level only, never itself; any zaaktype may be a deelzaak (no rule names deelzaaktypen)."""
    deel = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-DEEL")
    hoofd = await create_zaaktype_setup(
        client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-HOOFD", deelzaaktypen=[deel.url]
    )
    hoofdzaak = await create_zaak(client, superuser, hoofd.url)
    deelzaak = await create_zaak(client, superuser, deel.url, hoofdzaak=hoofdzaak["url"])
    assert deelzaak["hoofdzaak"] == hoofdzaak["url"]
    assert (await get(client, superuser, hoofdzaak["url"]))["deelzaken"] == [deelzaak["url"]]

    response = await _patch(client, superuser, hoofdzaak["url"], {"hoofdzaak": hoofdzaak["url"]})
    assert invalid_params(response) == {"hoofdzaak": "self-forbidden"}
    response = await client.post(
        f"{ZAKEN}/zaken", json=zaak_body(deel.url, hoofdzaak=deelzaak["url"]), headers={**superuser, **CRS}
    )
    assert invalid_params(response) == {"hoofdzaak": "deelzaak-als-hoofdzaak"}
    response = await client.post(
        f"{ZAKEN}/zaken", json=zaak_body(zaaktype.url, hoofdzaak=hoofdzaak["url"]), headers={**superuser, **CRS}
    )
    # Which deelzaaktypen the hoofdzaak's zaaktype names is no rule of the standard: the API accepts it.
    assert response.status_code == 201, response.text


async def test_relevante_andere_zaken_must_exist(client, superuser, zaaktype):
    """zrc-011: each URL must resolve; the error names relevanteAndereZaken.<index>.url, as Open Zaak does."""
    other = await create_zaak(client, superuser, zaaktype.url)
    missing = f"{ZAKEN}/zaken/00000000-0000-4000-8000-000000000000"
    response = await client.post(
        f"{ZAKEN}/zaken",
        json=zaak_body(
            zaaktype.url,
            relevanteAndereZaken=[
                {"url": other["url"], "aardRelatie": "vervolg"},
                {"url": missing, "aardRelatie": "onderwerp"},
            ],
        ),
        headers={**superuser, **CRS},
    )
    assert_oas(response)
    assert invalid_params(response) == {"relevanteAndereZaken.1.url": "bad-url"}


async def test_communicatiekanaal_must_resolve(client, superuser, zaaktype):
    """zrc-010."""
    response = await client.post(
        f"{ZAKEN}/zaken",
        json=zaak_body(zaaktype.url, communicatiekanaal="http://127.0.0.1:9/kanalen/1"),
        headers={**superuser, **CRS},
    )
    assert_oas(response)
    assert invalid_params(response) == {"communicatiekanaal": "bad-url"}


async def test_verlenging_moves_the_legal_end_date_within_the_verlengingstermijn(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await _patch(client, superuser, zaak["url"], {"verlenging": {"reden": "Advies nodig", "duur": "P4W"}})
    assert response.status_code == 200
    assert response.json()["verlenging"] == {"reden": "Advies nodig", "duur": "P4W"}
    assert response.json()["uiterlijkeEinddatumAfdoening"] == "2026-05-25"  # P8W + P4W


async def test_a_verlenging_longer_than_the_verlengingstermijn_is_accepted(client, superuser, zaaktype):
    """The standard has no rule tying the verlenging to the zaaktype's verlengingstermijn (P6W here)."""
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await _patch(client, superuser, zaak["url"], {"verlenging": {"reden": "Lang", "duur": "P7W"}})
    assert response.status_code == 200
    assert response.json()["uiterlijkeEinddatumAfdoening"] == "2026-06-15"  # P8W + P7W


async def test_verlenging_and_opschorting_are_accepted_whatever_the_zaaktype_allows(client, superuser):
    """No rule of the standard ties them to verlengingMogelijk / opschortingEnAanhoudingMogelijk; Open Zaak
    accepts them too. The behandelaar's pages apply that rule themselves."""
    setup = await create_zaaktype_setup(
        client, superuser, verlengingMogelijk=False, verlengingstermijn=None, opschortingEnAanhoudingMogelijk=False
    )
    termijnen = {"verlenging": {"reden": "Advies", "duur": "P1W"}, "opschorting": {"indicatie": True, "reden": "Wacht"}}
    created = await client.post(f"{ZAKEN}/zaken", json=zaak_body(setup.url, **termijnen), headers={**superuser, **CRS})
    assert_oas(created)
    assert created.status_code == 201, created.text
    assert created.json()["opschorting"] == termijnen["opschorting"]
    assert created.json()["verlenging"] == termijnen["verlenging"]

    put = await client.put(
        created.json()["url"],
        json=zaak_body(setup.url, **termijnen, identificatie=created.json()["identificatie"]),
        headers={**superuser, **CRS},
    )
    assert put.status_code == 200, put.text
    zaak = await create_zaak(client, superuser, setup.url)
    response = await _patch(client, superuser, zaak["url"], termijnen)
    assert response.status_code == 200, response.text
    assert response.json()["opschorting"] == {"indicatie": True, "reden": "Wacht"}


async def test_opschorting(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await _patch(client, superuser, zaak["url"], {"opschorting": {"indicatie": True, "reden": "Wachten"}})
    assert response.json()["opschorting"] == {"indicatie": True, "reden": "Wachten"}


async def test_geometry_is_stored_and_returned(client, superuser, zaaktype):
    point = {"type": "Point", "coordinates": [5.1214, 52.0907]}
    zaak = await create_zaak(client, superuser, zaaktype.url, zaakgeometrie=point)
    assert zaak["zaakgeometrie"] == point
    response = await _patch(client, superuser, zaak["url"], {"zaakgeometrie": {"type": "Point", "coordinates": [5]}})
    assert invalid_params(response) == {"zaakgeometrie": "invalid"}


async def test_delete_removes_the_zaak_its_parts_deelzaken_and_trail(client, superuser, zaaktype):
    """zrc-023."""
    deel = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-DEEL")
    hoofd = await create_zaaktype_setup(
        client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-HOOFD", deelzaaktypen=[deel.url]
    )
    hoofdzaak = await create_zaak(client, superuser, hoofd.url)
    deelzaak = await create_zaak(client, superuser, deel.url, hoofdzaak=hoofdzaak["url"])
    status = await set_status(client, superuser, hoofdzaak["url"], hoofd.statustypen[0])

    response = await client.delete(hoofdzaak["url"], headers={**superuser, **CRS})
    assert response.status_code == 204
    for url in (hoofdzaak["url"], deelzaak["url"], status["url"]):
        response = await client.get(url, headers={**superuser, **CRS})
        assert response.status_code == 404, url
    response = await client.get(f"{hoofdzaak['url']}/audittrail", headers=superuser)
    assert response.status_code == 404
    destroyed = [m["resourceUrl"] for m in await outbox_payloads() if m["actie"] == "destroy"]
    assert sorted(destroyed) == sorted([hoofdzaak["url"], deelzaak["url"]])


async def test_delete_needs_the_verwijderen_scope_for_the_zaaktype(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    headers = await make_api_client("lezer", scopes=["zaken.lezen", "zaken.bijwerken"], zaaktypen=[zaaktype.url])
    response = await client.delete(zaak["url"], headers={**headers, **CRS})
    assert_oas(response)
    assert response.status_code == 403


async def test_audit_toelichting_and_user_are_recorded(client, superuser, zaaktype):
    from zaakgericht.api.auth import make_token

    zaak = await create_zaak(client, superuser, zaaktype.url)
    token = make_token("superuser", "superuser-secret", user_id="jdevries", user_representation="Jan de Vries")
    response = await client.patch(
        zaak["url"],
        json={"omschrijving": "Gecorrigeerd"},
        headers={"Authorization": f"Bearer {token}", **CRS, "X-Audit-Toelichting": "Typefout hersteld"},
    )
    assert response.status_code == 200
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    entry = trail[-1]
    assert (entry["gebruikersId"], entry["gebruikersWeergave"]) == ("jdevries", "Jan de Vries")
    assert entry["toelichting"] == "Typefout hersteld"
    assert entry["applicatieId"] == "superuser" and entry["actie"] == "partial_update"
    assert entry["resultaat"] == 200 and entry["actieWeergave"] == "Object deels bijgewerkt"
    assert await get(client, superuser, f"{zaak['url']}/audittrail/{entry['uuid']}") == entry
