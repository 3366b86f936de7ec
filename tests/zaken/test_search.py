"""Finding zaken: list filters, ordering, pagination, _zoek (also by area) and expand."""

import pytest

from tests.conftest import count_queries
from tests.helpers import invalid_params
from tests.oas import assert_oas
from tests.zaken.factories import (
    CRS,
    ZAKEN,
    close_zaak,
    create_zaak,
    create_zaaktype_setup,
    get,
    set_status,
    zaken_post,
)

BSN = "111222333"


async def _add_initiator(client, headers, setup, zaak: str, bsn: str) -> None:
    await zaken_post(
        client,
        headers,
        "rollen",
        {
            "zaak": zaak,
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": setup.roltypen["initiator"],
            "roltoelichting": "Aanvrager",
            "betrokkeneIdentificatie": {"inpBsn": bsn},
        },
    )


async def _urls(client, headers, **params) -> list[str]:
    return [zaak["url"] for zaak in (await get(client, headers, f"{ZAKEN}/zaken", **params))["results"]]


async def test_filters(client, superuser, zaaktype):
    early = await create_zaak(client, superuser, zaaktype.url, startdatum="2026-02-01", identificatie="VROEG")
    late = await create_zaak(
        client, superuser, zaaktype.url, startdatum="2026-03-15", vertrouwelijkheidaanduiding="geheim"
    )
    await close_zaak(client, superuser, zaaktype, late["url"])

    assert await _urls(client, superuser, identificatie="VROEG") == [early["url"]]
    assert await _urls(client, superuser, startdatum__gt="2026-03-01") == [late["url"]]
    assert await _urls(client, superuser, startdatum__lte="2026-02-01") == [early["url"]]
    assert await _urls(client, superuser, einddatum__isnull="true") == [early["url"]]
    assert await _urls(client, superuser, archiefnominatie="vernietigen") == [late["url"]]
    assert await _urls(client, superuser, archiefactiedatum__gt="2030-01-01") == [late["url"]]
    assert await _urls(client, superuser, zaaktype=zaaktype.url) == [early["url"], late["url"]]
    assert await _urls(client, superuser, bronorganisatie__in="002220647,000000000") == [early["url"], late["url"]]
    assert await _urls(client, superuser, maximaleVertrouwelijkheidaanduiding="zaakvertrouwelijk") == [early["url"]]
    assert await _urls(client, superuser, ordering="-startdatum") == [late["url"], early["url"]]
    assert await _urls(client, superuser, ordering="identificatie") == [early["url"], late["url"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"startdatum": "gisteren"}, {"startdatum": "invalid"}),
        ({"archiefstatus": "weg"}, {"archiefstatus": "invalid_choice"}),
        ({"ordering": "omschrijving"}, {"ordering": "invalid_choice"}),
        ({"zaakType": "x"}, {"nonFieldErrors": "unknown-parameters"}),
        ({"expand": "documenten"}, {"expand": "invalid"}),
    ],
)
async def test_bad_filters(client, superuser, params, expected):
    response = await client.get(f"{ZAKEN}/zaken", params=params, headers={**superuser, **CRS})
    assert_oas(response)
    assert invalid_params(response) == expected


async def test_rol_filters(client, superuser, zaaktype):
    mine = await create_zaak(client, superuser, zaaktype.url)
    other = await create_zaak(client, superuser, zaaktype.url)
    await _add_initiator(client, superuser, zaaktype, mine["url"], BSN)
    await _add_initiator(client, superuser, zaaktype, other["url"], "999993653")

    assert await _urls(client, superuser, rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=BSN) == [mine["url"]]
    assert await _urls(client, superuser, rol__omschrijvingGeneriek="initiator") == [mine["url"], other["url"]]
    assert await _urls(client, superuser, rol__betrokkeneType="medewerker") == []


async def test_pagination_and_constant_query_count(client, superuser, zaaktype):
    first = await create_zaak(client, superuser, zaaktype.url)
    await set_status(client, superuser, first["url"], zaaktype.statustypen[0])
    await _add_initiator(client, superuser, zaaktype, first["url"], BSN)
    # Catalogue bodies are cached from here on.
    await get(client, superuser, f"{ZAKEN}/zaken", expand="zaaktype,status.statustype,rollen")
    with count_queries() as one:
        page = await get(client, superuser, f"{ZAKEN}/zaken", expand="zaaktype,status.statustype,rollen")
    assert page["count"] == 1
    for _ in range(100):
        zaak = await create_zaak(client, superuser, zaaktype.url)
        await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0])
        await _add_initiator(client, superuser, zaaktype, zaak["url"], BSN)
    with count_queries() as hundred:
        page = await get(client, superuser, f"{ZAKEN}/zaken", expand="zaaktype,status.statustype,rollen")
    assert len(page["results"]) == 100 and page["count"] == 101
    assert page["next"] == f"{ZAKEN}/zaken?expand=zaaktype%2Cstatus.statustype%2Crollen&page=2"
    assert hundred[0] == one[0]
    second = await get(client, superuser, page["next"])
    assert len(second["results"]) == 1 and second["previous"] is not None
    response = await client.get(f"{ZAKEN}/zaken", params={"page": 3}, headers={**superuser, **CRS})
    assert response.status_code == 404


async def test_zoek(client, superuser, zaaktype):
    other_type = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-ANDER")
    first = await create_zaak(client, superuser, zaaktype.url)
    second = await create_zaak(client, superuser, other_type.url)
    await create_zaak(client, superuser, zaaktype.url)

    async def zoek(body: dict) -> list[str]:
        response = await client.post(f"{ZAKEN}/zaken/_zoek", json=body, headers={**superuser, **CRS})
        assert_oas(response)
        assert response.status_code == 200, response.text
        return [zaak["url"] for zaak in response.json()["results"]]

    assert await zoek({"uuid__in": [first["uuid"], second["uuid"]]}) == [first["url"], second["url"]]
    assert await zoek({"zaaktype__in": [other_type.url]}) == [second["url"]]
    assert await zoek({"uuid__in": [first["uuid"]], "zaaktype": other_type.url}) == []
    response = await client.post(
        f"{ZAKEN}/zaken/_zoek", json={"startdatum": "niet-een-datum"}, headers={**superuser, **CRS}
    )
    assert_oas(response)
    assert invalid_params(response) == {"startdatum": "invalid"}


async def test_zoek_within_an_area(client, superuser, zaaktype):
    utrecht = await create_zaak(
        client, superuser, zaaktype.url, zaakgeometrie={"type": "Point", "coordinates": [5.1214, 52.0907]}
    )
    await create_zaak(
        client, superuser, zaaktype.url, zaakgeometrie={"type": "Point", "coordinates": [4.4777, 51.9244]}
    )
    await create_zaak(client, superuser, zaaktype.url)
    # A triangle around Utrecht whose bounding box also holds (5.2, 52.15): the exact test leaves that one out.
    triangle = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.3, 52.0], [5.0, 52.2], [5.0, 52.0]]]}
    await create_zaak(client, superuser, zaaktype.url, zaakgeometrie={"type": "Point", "coordinates": [5.25, 52.15]})
    response = await client.post(
        f"{ZAKEN}/zaken/_zoek", json={"zaakgeometrie": {"within": triangle}}, headers={**superuser, **CRS}
    )
    assert_oas(response)
    assert [zaak["url"] for zaak in response.json()["results"]] == [utrecht["url"]]
    assert response.json()["count"] == 1


async def test_zoek_with_a_zaakgeometrie_without_within_filters_nothing(client, superuser, zaaktype):
    # GeoWithin requires nothing in the OAS: an area left out is no area.
    await create_zaak(client, superuser, zaaktype.url)
    response = await client.post(f"{ZAKEN}/zaken/_zoek", json={"zaakgeometrie": {}}, headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 200
    assert response.json()["count"] == 1


async def test_expand(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    status = await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0])
    body = await get(client, superuser, zaak["url"], expand="zaaktype,status.statustype,resultaat,hoofdzaak")
    expanded = body["_expand"]
    assert expanded["zaaktype"]["url"] == zaaktype.url
    assert expanded["status"]["url"] == status["url"]
    assert expanded["status"]["_expand"]["statustype"]["url"] == zaaktype.statustypen[0]
    assert expanded["resultaat"] == {} and expanded["hoofdzaak"] == {}
    assert "_expand" not in await get(client, superuser, zaak["url"])


async def test_expand_is_cut_after_three_levels(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    status = await set_status(client, superuser, zaak["url"], zaaktype.statustypen[0])
    body = await get(client, superuser, zaak["url"], expand="status.zaakinformatieobjecten.status.statustype")
    assert body["_expand"]["status"]["url"] == status["url"]
    assert body["_expand"]["status"]["_expand"]["zaakinformatieobjecten"] == []
