"""Input at the edges that once gave a 500: dates at the end of the calendar, geometry Shapely refuses.

Each is answered with a 4xx problem+json (or handled) on both databases; the fuzz run in CI
(``scripts/fuzz.py``) keeps finding the ones not listed here.
"""

import asyncio
import socket
from contextlib import asynccontextmanager

import httpx
import pytest
import uvicorn

from tests.documenten.factories import (
    DOCUMENTEN,
    EIO,
    b64,
    create_document,
    create_informatieobjecttype,
    document_body,
    lock,
)
from tests.helpers import invalid_params
from tests.oas import assert_oas
from tests.zaken.factories import CRS, ZAKEN, create_zaak, create_zaaktype_setup, zaak_body
from zaakgericht.api.responses import content_disposition


@pytest.fixture
async def zaaktype(client, superuser):
    return await create_zaaktype_setup(client, superuser)


LAST_MOMENT = "9999-12-31T23:59:59-14:00"  # after 9999-12-31 in UTC


async def test_a_zaak_starting_on_the_last_day_of_the_calendar_has_no_deadline_beyond_it(client, superuser, zaaktype):
    """The legal term ends after 9999-12-31: the deadline that cannot be written is null (not a 500)."""
    zaak = await create_zaak(client, superuser, zaaktype.url, startdatum="9999-12-31")
    assert zaak["startdatum"] == "9999-12-31"
    assert zaak["uiterlijkeEinddatumAfdoening"] is None


async def test_a_status_set_after_the_calendar_ends_in_utc_is_refused(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    body = {"zaak": zaak["url"], "statustype": zaaktype.statustypen[0], "datumStatusGezet": LAST_MOMENT}
    response = await client.post(f"{ZAKEN}/statussen", json=body, headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert invalid_params(response) == {"datumStatusGezet": "invalid"}


async def test_a_klantcontact_after_the_calendar_ends_in_utc_is_refused(client, superuser, zaaktype):
    zaak = await create_zaak(client, superuser, zaaktype.url)
    body = {"zaak": zaak["url"], "datumtijd": LAST_MOMENT}
    response = await client.post(f"{ZAKEN}/klantcontacten", json=body, headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 400, response.text
    assert invalid_params(response) == {"datumtijd": "invalid"}


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00", "0001-01-01T00:00:00+01:00", LAST_MOMENT])
async def test_a_document_registered_at_the_edge_of_the_calendar_names_no_version(client, superuser, moment):
    """A moment before the first version (or one outside the calendar in UTC) names no version: 404."""
    iot = await create_informatieobjecttype(client, superuser)
    document = await create_document(client, superuser, iot["url"])
    response = await client.get(document["url"], headers=superuser, params={"registratieOp": moment})
    assert_oas(response)
    assert response.status_code == 404, response.text
    assert response.headers["content-type"] == "application/problem+json"


GEOMETRIES_SHAPELY_REFUSES = {
    "empty part": {"type": "MultiLineString", "coordinates": [[], [[0, 0], [1, 1]]]},
    "feature collection inside": {
        "type": "GeometryCollection",
        "geometries": [{"type": "Point", "coordinates": [5, 52]}, {"type": "FeatureCollection", "features": []}],
    },
}


@pytest.mark.parametrize("geometrie", GEOMETRIES_SHAPELY_REFUSES.values(), ids=GEOMETRIES_SHAPELY_REFUSES.keys())
async def test_a_zaakgeometrie_shapely_refuses_is_a_400(client, superuser, zaaktype, geometrie):
    body = zaak_body(zaaktype.url, zaakgeometrie=geometrie)
    response = await client.post(f"{ZAKEN}/zaken", json=body, headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 400, response.text
    assert invalid_params(response) == {"zaakgeometrie": "invalid"}


@pytest.mark.parametrize("geometrie", GEOMETRIES_SHAPELY_REFUSES.values(), ids=GEOMETRIES_SHAPELY_REFUSES.keys())
async def test_a_search_area_shapely_refuses_is_a_400(client, superuser, geometrie):
    body = {"zaakgeometrie": {"within": geometrie}}
    response = await client.post(f"{ZAKEN}/zaken/_zoek", json=body, headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"


@asynccontextmanager
async def served_over_http(app):
    """The app behind uvicorn on 127.0.0.1, in the test's own event loop (so it shares the database pool
    with the test on PostgreSQL too, which the threaded ``live_server`` cannot)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started and not task.done():
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.mark.parametrize("bestandsnaam", ["brief\r\nSet-Cookie: x=1.txt", "brief\n.txt", "brief\r.txt"])
async def test_a_download_named_with_line_breaks_is_served_over_real_http(app, client, superuser, bestandsnaam):
    """The name is sanitised as in the web download (one function): uvicorn dropped the connection rather
    than send a header holding CR or LF."""
    iot = await create_informatieobjecttype(client, superuser)
    document = await create_document(
        client, superuser, iot["url"], bestandsnaam=bestandsnaam, inhoud=b64(b"inhoud"), bestandsomvang=6
    )
    path = document["url"].removeprefix("http://testserver")
    async with served_over_http(app) as base, httpx.AsyncClient(base_url=base) as real:
        response = await real.get(f"{path}/download", headers=superuser)
    assert response.status_code == 200, response.text
    assert response.content == b"inhoud"
    header = response.headers["content-disposition"]
    assert header.startswith('attachment; filename="brief') and "Set-Cookie" not in header.split(";")[0][:12]
    assert "\r" not in header and "\n" not in header


def test_a_download_name_loses_its_control_characters():
    assert content_disposition("a\x00b\r\nc.txt") == "attachment; filename=\"abc.txt\"; filename*=UTF-8''abc.txt"
    assert content_disposition("\x00") == "attachment; filename=\"document\"; filename*=UTF-8''document"


@pytest.mark.parametrize(
    ("inhoud", "wat"), [(123, "a number"), ({"a": 1}, "an object"), ("YWI", "unpadded base64"), ("YQ", "unpadded")]
)
async def test_an_inhoud_that_is_not_padded_base64_is_a_400(client, superuser, inhoud, wat):
    """The OAS's inhoud is a string of format byte (RFC 4648 base64), or null for no contents."""
    iot = await create_informatieobjecttype(client, superuser)
    response = await client.post(EIO, json=document_body(iot["url"], inhoud=inhoud), headers=superuser)
    assert_oas(response)
    assert response.status_code == 400, f"{wat}: {response.text}"
    assert invalid_params(response) == {"inhoud": "invalid"}


async def test_padded_base64_and_null_are_taken(client, superuser):
    iot = await create_informatieobjecttype(client, superuser)
    document = await create_document(client, superuser, iot["url"], inhoud="YWI=", bestandsomvang=2)
    assert document["bestandsomvang"] == 2
    empty = await create_document(client, superuser, iot["url"], inhoud=None, bestandsomvang=None)
    assert empty["inhoud"] is None
    lock_id = await lock(client, superuser, document["url"])
    response = await client.patch(document["url"], json={"inhoud": 5, "lock": lock_id}, headers=superuser)
    assert_oas(response)
    assert response.status_code == 400, response.text
    assert invalid_params(response) == {"inhoud": "invalid"}


async def test_a_moment_filter_outside_the_calendar_in_utc_is_a_400(client, superuser):
    response = await client.get(
        f"{DOCUMENTEN}/gebruiksrechten", headers=superuser, params={"startdatum__gt": "0001-01-01T00:00:00+01:00"}
    )
    assert_oas(response)
    assert response.status_code == 400, response.text
    assert invalid_params(response) == {"startdatum__gt": "invalid"}
