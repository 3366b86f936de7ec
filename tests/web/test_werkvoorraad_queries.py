"""The werkvoorraad's queries: the three lists, with filters, sorting and termijn signals."""

import uuid
from datetime import date

import pytest

from tests.conftest import BASE, count_queries
from tests.zaken.factories import create_zaak, create_zaaktype_setup, set_status, zaken_post
from zaakgericht.api.urls import reset_base_url, set_base_url
from zaakgericht.db import read_session
from zaakgericht.web.behandelen.werkvoorraad_queries import PAGE_SIZE, Filters, werkvoorraad

TODAY = date(2026, 6, 1)


@pytest.fixture
async def zaaktype(client, superuser):
    """A published zaaktype with statustypen, roltypen, a resultaattype and eigenschappen."""
    return await create_zaaktype_setup(client, superuser)


async def _behandelaar(client, headers, zaaktype, zaak: dict, identificatie: str) -> None:
    await zaken_post(
        client,
        headers,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "medewerker",
            "roltype": zaaktype.roltypen["behandelaar"],
            "roltoelichting": "Behandelaar",
            "betrokkeneIdentificatie": {"identificatie": identificatie},
        },
    )


async def _zaak(client, headers, zaaktype, behandelaar: str | None, **dates) -> dict:
    zaak = await create_zaak(client, headers, zaaktype.url, **dates)
    if behandelaar:
        await _behandelaar(client, headers, zaaktype, zaak, behandelaar)
    return zaak


async def _list(filters: Filters, *, medewerker="anna", team=("anna", "bert"), limits=None) -> tuple[int, list]:
    async with read_session() as session:
        return await werkvoorraad(session, filters, medewerker=medewerker, team=list(team), limits=limits, today=TODAY)


def _ids(rows) -> list[str]:
    return [row.identificatie for row in rows]


async def test_the_three_lists_hold_the_open_zaken_of_their_behandelaars(client, superuser, zaaktype):
    mine = await _zaak(client, superuser, zaaktype, "anna", identificatie="MIJN")
    colleague = await _zaak(client, superuser, zaaktype, "bert", identificatie="COLLEGA")
    await _zaak(client, superuser, zaaktype, "carla", identificatie="ANDER-TEAM")
    await _zaak(client, superuser, zaaktype, None, identificatie="NIEMAND")
    closed = await _zaak(client, superuser, zaaktype, "anna", identificatie="GESLOTEN")
    await zaken_post(client, superuser, "resultaten", {"zaak": closed["url"], "resultaattype": zaaktype.resultaattype})
    await set_status(client, superuser, closed["url"], zaaktype.statustypen[-1])

    assert _ids((await _list(Filters(lijst="mijn")))[1]) == ["MIJN"]
    assert sorted(_ids((await _list(Filters(lijst="team")))[1])) == ["COLLEGA", "MIJN"]
    count, rows = await _list(Filters(lijst="niet_toegewezen"))
    assert (count, _ids(rows)) == (1, ["NIEMAND"])
    assert rows[0].behandelaar == ""
    row = (await _list(Filters(lijst="mijn")))[1][0]
    assert (row.uuid, row.behandelaar, row.zaaktype) == (uuid.UUID(mine["uuid"]), "anna", "Omgevingsvergunning")
    assert colleague["identificatie"] == "COLLEGA"


async def test_termijn_signals_and_filters(client, superuser, zaaktype):
    await _zaak(
        client, superuser, zaaktype, "anna", identificatie="WETTELIJK", uiterlijkeEinddatumAfdoening="2026-05-31"
    )
    await _zaak(
        client,
        superuser,
        zaaktype,
        "anna",
        identificatie="SERVICENORM",
        einddatumGepland="2026-05-20",
        uiterlijkeEinddatumAfdoening="2026-07-01",
    )
    await _zaak(
        client,
        superuser,
        zaaktype,
        "anna",
        identificatie="BIJNA",
        einddatumGepland="2026-06-08",
        uiterlijkeEinddatumAfdoening="2026-07-01",
    )
    await _zaak(
        client,
        superuser,
        zaaktype,
        "anna",
        identificatie="OP-TIJD",
        einddatumGepland="2026-06-09",
        uiterlijkeEinddatumAfdoening="2026-07-15",
    )

    rows = (await _list(Filters(sortering="identificatie")))[1]
    assert {row.identificatie: row.signaal for row in rows} == {
        "BIJNA": "bijna",
        "OP-TIJD": "",
        "SERVICENORM": "servicenorm_verstreken",
        "WETTELIJK": "termijn_verstreken",
    }
    assert sorted(_ids((await _list(Filters(termijn="verlopen")))[1])) == ["SERVICENORM", "WETTELIJK"]
    assert _ids((await _list(Filters(termijn="bijna")))[1]) == ["BIJNA"]
    # Ordered by the legal term by default, the most urgent first.
    assert _ids((await _list(Filters()))[1]) == ["WETTELIJK", "SERVICENORM", "BIJNA", "OP-TIJD"]


async def test_filters_on_zaaktype_and_current_status(client, superuser, zaaktype):
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ANDER")
    moved_on = await _zaak(client, superuser, zaaktype, "anna", identificatie="VERDER")
    await set_status(client, superuser, moved_on["url"], zaaktype.statustypen[0], "2026-03-02T10:00:00+01:00")
    await set_status(client, superuser, moved_on["url"], zaaktype.statustypen[1], "2026-03-03T10:00:00+01:00")
    received = await _zaak(client, superuser, zaaktype, "anna", identificatie="ONTVANGEN")
    await set_status(client, superuser, received["url"], zaaktype.statustypen[0])
    await _zaak(client, superuser, other, "anna", identificatie="ANDER-TYPE")

    def uuid_of(url: str) -> uuid.UUID:
        return uuid.UUID(url.rsplit("/", 1)[1])

    in_behandeling = await _list(Filters(statustype=uuid_of(zaaktype.statustypen[1])))
    assert _ids(in_behandeling[1]) == ["VERDER"] and in_behandeling[1][0].status == "In behandeling"
    assert _ids((await _list(Filters(statustype=uuid_of(zaaktype.statustypen[0]))))[1]) == ["ONTVANGEN"]
    assert _ids((await _list(Filters(zaaktype=uuid_of(other.url))))[1]) == ["ANDER-TYPE"]
    # The medewerker's autorisaties limit every list in SQL, as for an API client.
    token = set_base_url(BASE)  # as within a request: the limits name zaaktypen by their URLs here
    try:
        limited = await _list(Filters(sortering="identificatie"), limits={other.url: 7})
    finally:
        reset_base_url(token)
    assert _ids(limited[1]) == ["ANDER-TYPE"]


async def test_pages_cost_the_same_queries_for_1_and_30_zaken(client, superuser, zaaktype):
    async def queries_for_page(pagina: int) -> tuple[int, int]:
        with count_queries() as counted:
            _, rows = await _list(Filters(pagina=pagina))
        return counted[0], len(rows)

    await _zaak(client, superuser, zaaktype, "anna")
    one = await queries_for_page(1)
    for _ in range(29):
        await _zaak(client, superuser, zaaktype, "anna")
    assert await queries_for_page(1) == (one[0], PAGE_SIZE)
    assert await queries_for_page(2) == (one[0], 30 - PAGE_SIZE)
