"""Statussen and resultaten: closing, reopening, and what a closed zaak allows (zrc-007, -008, -016, -020)."""

from datetime import UTC, datetime

from tests.conftest import count_queries, make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from tests.zaken.factories import (
    CRS,
    ZAKEN,
    add_resultaat,
    close_zaak,
    create_zaak,
    create_zaaktype_setup,
    get,
    set_status,
    zaken_post,
)


async def test_statussen_and_the_current_status(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    first = await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")
    second = await set_status(client, superuser, zaak["url"], zaaktype.statustypen[1], "2026-03-05T09:00:00+01:00")

    assert (await get(client, superuser, zaak["url"]))["status"] == second["url"]
    first = await get(client, superuser, first["url"])
    assert first["indicatieLaatstGezetteStatus"] is False
    assert (await get(client, superuser, second["url"]))["indicatieLaatstGezetteStatus"] is True
    latest = await get(client, superuser, f"{ZAKEN}/statussen", indicatieLaatstGezetteStatus="true")
    assert [s["url"] for s in latest["results"]] == [second["url"]]
    earlier = await get(client, superuser, f"{ZAKEN}/statussen", zaak=zaak["url"], indicatieLaatstGezetteStatus="false")
    assert [s["url"] for s in earlier["results"]] == [first["url"]]
    by_type = await get(client, superuser, f"{ZAKEN}/statussen", statustype=zaaktype.statustypen[0])
    assert [s["url"] for s in by_type["results"]] == [first["url"]]
    created = [m for m in await outbox_payloads() if m["resource"] == "status"]
    assert [m["actie"] for m in created] == ["create", "create"]
    assert created[0]["hoofdObject"] == zaak["url"]


async def test_a_moment_with_an_offset_is_the_same_moment_when_read_back(client, superuser, zaaktype):
    """SQLite keeps no offset: moments are stored in UTC, so 09:00+01:00 does not come back as 09:00 UTC."""
    zaak = await create_zaak(client, superuser, zaaktype.url)
    status = await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0], "2026-03-02T09:00:00+01:00")

    read = await get(client, superuser, status["url"])
    assert datetime.fromisoformat(read["datumStatusGezet"]) == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def test_statustype_must_belong_to_the_zaaktype(client, superuser, zaaktype):
    """zrc-016."""
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-ANDER")
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await client.post(
        f"{ZAKEN}/statussen",
        json={"zaak": zaak["url"], "statustype": other.statustypen[0], "datumStatusGezet": "2026-03-02T09:00:00Z"},
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "zaaktype-mismatch"}


async def test_the_eindstatus_needs_a_resultaat(client, superuser, zaaktype):
    """zrc-007."""
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await client.post(
        f"{ZAKEN}/statussen",
        json={"zaak": zaak["url"], "statustype": zaaktype.statustypen[-1], "datumStatusGezet": "2026-04-01T10:00:00Z"},
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "resultaat-does-not-exist"}
    assert (await get(client, superuser, zaak["url"]))["einddatum"] is None


async def test_closing_sets_einddatum_and_archive_data(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    # 23:30 UTC is the next day in the Netherlands: the einddatum is the local date.
    closed = await close_zaak(client, superuser, zaaktype, zaak["url"], "2026-04-01T23:30:00Z")
    assert closed["einddatum"] == "2026-04-02"
    assert closed["archiefnominatie"] == "vernietigen"
    assert closed["archiefactiedatum"] == "2036-04-02"  # afgehandeld + P10Y
    assert closed["resultaat"] is not None


async def test_a_closed_zaak_changes_only_with_geforceerd_bijwerken(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    await close_zaak(client, superuser, zaaktype, zaak["url"])
    behandelaar = await make_api_client(
        "behandelaar",
        scopes=["zaken.lezen", "zaken.bijwerken", "zaken.statussen.toevoegen"],
        zaaktypen=[zaaktype.url],
    )
    response = await client.patch(zaak["url"], json={"omschrijving": "Later"}, headers={**behandelaar, **CRS})
    assert_oas(response)
    assert response.status_code == 403
    response = await client.post(
        f"{ZAKEN}/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattype}, headers=behandelaar
    )
    assert response.status_code == 403

    corrector = await make_api_client(
        "corrector", scopes=["zaken.lezen", "zaken.geforceerd-bijwerken"], zaaktypen=[zaaktype.url]
    )
    response = await client.patch(zaak["url"], json={"omschrijving": "Correctie"}, headers={**corrector, **CRS})
    assert_oas(response)
    assert response.status_code == 200 and response.json()["omschrijving"] == "Correctie"


async def test_reopening_needs_heropenen_and_clears_the_archive_data(client, superuser, zaaktype):
    """zrc-008."""
    zaak = await create_zaak(client, superuser, zaaktype.url)
    await close_zaak(client, superuser, zaaktype, zaak["url"])
    toevoeger = await make_api_client(
        "toevoeger", scopes=["zaken.lezen", "zaken.statussen.toevoegen"], zaaktypen=[zaaktype.url]
    )
    body = {"zaak": zaak["url"], "statustype": zaaktype.statustypen[1], "datumStatusGezet": "2026-04-05T10:00:00Z"}
    response = await client.post(f"{ZAKEN}/statussen", json=body, headers=toevoeger)
    assert_oas(response)
    assert response.status_code == 403

    heropener = await make_api_client("heropener", scopes=["zaken.lezen", "zaken.heropenen"], zaaktypen=[zaaktype.url])
    await zaken_post(client, heropener, "statussen", body)
    reopened = await get(client, superuser, zaak["url"])
    assert (reopened["einddatum"], reopened["archiefnominatie"], reopened["archiefactiedatum"]) == (None, None, None)


async def test_first_status_with_aanmaken_later_ones_need_statussen_toevoegen(client, superuser, zaaktype):
    aanmaker = await make_api_client("aanmaker", scopes=["zaken.lezen", "zaken.aanmaken"], zaaktypen=[zaaktype.url])
    zaak = await create_zaak(client, aanmaker, zaaktype.url)
    await set_status(client, aanmaker, zaak["url"], zaaktype.statustypen[0])
    response = await client.post(
        f"{ZAKEN}/statussen",
        json={"zaak": zaak["url"], "statustype": zaaktype.statustypen[1], "datumStatusGezet": "2026-03-12T10:00:00Z"},
        headers=aanmaker,
    )
    assert_oas(response)
    assert response.status_code == 403


async def test_statussen_for_a_zaaktype_without_autorisatie_are_refused(client, superuser, zaaktype):
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-ANDER")
    zaak = await create_zaak(client, superuser, other.url)
    headers = await make_api_client(
        "beperkt", scopes=["zaken.lezen", "zaken.statussen.toevoegen", "zaken.aanmaken"], zaaktypen=[zaaktype.url]
    )
    response = await client.post(
        f"{ZAKEN}/statussen",
        json={"zaak": zaak["url"], "statustype": other.statustypen[0], "datumStatusGezet": "2026-03-12T10:00:00Z"},
        headers=headers,
    )
    assert_oas(response)
    assert response.status_code == 403


async def test_one_resultaat_per_zaak_of_the_zaaktype(client, superuser, zaaktype):
    """zrc-020 and one resultaat per zaak."""
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-ANDER")
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await client.post(
        f"{ZAKEN}/resultaten", json={"zaak": zaak["url"], "resultaattype": other.resultaattype}, headers=superuser
    )
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "zaaktype-mismatch"}
    resultaat = await add_resultaat(client, superuser, zaak["url"], zaaktype.resultaattype)
    response = await client.post(
        f"{ZAKEN}/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattype}, headers=superuser
    )
    assert invalid_params(response) == {"zaak": "unique"}

    response = await client.patch(resultaat["url"], json={"toelichting": "Vergunning verleend"}, headers=superuser)
    assert_oas(response)
    assert response.json()["toelichting"] == "Vergunning verleend"
    listed = await get(client, superuser, f"{ZAKEN}/resultaten", zaak=zaak["url"])
    assert [r["url"] for r in listed["results"]] == [resultaat["url"]]
    response = await client.delete(resultaat["url"], headers=superuser)
    assert response.status_code == 204
    assert (await get(client, superuser, zaak["url"]))["resultaat"] is None
    acties = [m["actie"] for m in await outbox_payloads() if m["resource"] == "resultaat"]
    assert acties == ["create", "partial_update", "destroy"]


async def test_archiefstatus_needs_nominatie_and_actiedatum(client, superuser, zaaktype):
    """zrc-022."""
    zaak = await create_zaak(client, superuser, zaaktype.url)
    response = await client.patch(zaak["url"], json={"archiefstatus": "gearchiveerd"}, headers={**superuser, **CRS})
    assert_oas(response)
    assert invalid_params(response) == {
        "archiefnominatie": "archiefnominatie-not-set",
        "archiefactiedatum": "archiefactiedatum-not-set",
    }
    response = await client.patch(
        zaak["url"],
        json={
            "archiefstatus": "gearchiveerd",
            "archiefnominatie": "blijvend_bewaren",
            "archiefactiedatum": "2040-01-01",
        },
        headers={**superuser, **CRS},
    )
    assert response.status_code == 200 and response.json()["archiefstatus"] == "gearchiveerd"


async def test_lists_of_statussen_and_resultaten_cost_a_fixed_number_of_queries(client, superuser, zaaktype):
    async def add_one() -> None:
        zaak = await create_zaak(client, superuser, zaaktype.url)
        await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0])
        await add_resultaat(client, superuser, zaak["url"], zaaktype.resultaattype)

    async def counted() -> tuple[int, int]:
        counts = []
        for resource in ("statussen", "resultaten"):
            with count_queries() as queries:
                await get(client, superuser, f"{ZAKEN}/{resource}")
            counts.append(queries[0])
        return counts[0], counts[1]

    await add_one()
    one = await counted()
    for _ in range(50):
        await add_one()
    assert await counted() == one
