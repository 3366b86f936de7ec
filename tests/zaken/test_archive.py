"""Archive data derived when a zaak closes (zrc-021): one test per afleidingswijze, with dates.

Every zaak here closes on 2026-04-01; the resultaattype's archiefactietermijn is P10Y.
(ingangsdatum_besluit and vervaldatum_besluit are tested with the Besluiten API.)
"""

import threading
import time

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.notificaties.conftest import free_port
from tests.zaken.factories import ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, get, zaken_post

CLOSED_ON = "2026-04-01T10:00:00+02:00"


async def _closed(client, headers, brondatum: dict, **zaak_overrides) -> dict:
    setup = await create_zaaktype_setup(client, headers, resultaattype={"brondatumArchiefprocedure": brondatum})
    zaak = await create_zaak(client, headers, setup.url, **zaak_overrides)
    return await close_zaak(client, headers, setup, zaak["url"], CLOSED_ON)


async def test_afgehandeld(client, superuser):
    zaak = await _closed(client, superuser, {"afleidingswijze": "afgehandeld"})
    assert (zaak["archiefnominatie"], zaak["archiefactiedatum"]) == ("vernietigen", "2036-04-01")


async def test_termijn(client, superuser):
    zaak = await _closed(client, superuser, {"afleidingswijze": "termijn", "procestermijn": "P1Y"})
    assert zaak["archiefactiedatum"] == "2037-04-01"


async def test_ander_datumkenmerk_keeps_the_date_set_by_hand(client, superuser):
    brondatum = {
        "afleidingswijze": "ander_datumkenmerk",
        "datumkenmerk": "vervaldatum",
        "objecttype": "overige",
        "registratie": "Vergunningenregister",
    }
    setup = await create_zaaktype_setup(client, superuser, resultaattype={"brondatumArchiefprocedure": brondatum})
    by_hand = await create_zaak(client, superuser, setup.url, archiefactiedatum="2050-01-01")
    closed = await close_zaak(client, superuser, setup, by_hand["url"], CLOSED_ON)
    assert (closed["archiefnominatie"], closed["archiefactiedatum"]) == ("vernietigen", "2050-01-01")
    without = await create_zaak(client, superuser, setup.url)
    closed = await close_zaak(client, superuser, setup, without["url"], CLOSED_ON)
    assert closed["archiefactiedatum"] is None


async def test_a_given_archiefnominatie_is_kept(client, superuser):
    zaak = await _closed(client, superuser, {"afleidingswijze": "afgehandeld"}, archiefnominatie="blijvend_bewaren")
    assert (zaak["archiefnominatie"], zaak["archiefactiedatum"]) == ("blijvend_bewaren", "2036-04-01")


async def test_hoofdzaak(client, superuser):
    deel = await create_zaaktype_setup(
        client,
        superuser,
        identificatie="ZT-DEEL",
        resultaattype={"brondatumArchiefprocedure": {"afleidingswijze": "hoofdzaak"}},
    )
    hoofd = await create_zaaktype_setup(
        client, superuser, catalogus=deel.catalogus, identificatie="ZT-HOOFD", deelzaaktypen=[deel.url]
    )
    hoofdzaak = await create_zaak(client, superuser, hoofd.url)
    deelzaak = await create_zaak(client, superuser, deel.url, hoofdzaak=hoofdzaak["url"])
    await close_zaak(client, superuser, hoofd, hoofdzaak["url"], "2026-03-15T10:00:00+01:00")
    closed = await close_zaak(client, superuser, deel, deelzaak["url"], CLOSED_ON)
    assert closed["archiefactiedatum"] == "2036-03-15"


async def test_hoofdzaak_still_open_gives_no_date(client, superuser):
    deel = await create_zaaktype_setup(
        client,
        superuser,
        identificatie="ZT-DEEL",
        resultaattype={"brondatumArchiefprocedure": {"afleidingswijze": "hoofdzaak"}},
    )
    hoofd = await create_zaaktype_setup(
        client, superuser, catalogus=deel.catalogus, identificatie="ZT-HOOFD", deelzaaktypen=[deel.url]
    )
    hoofdzaak = await create_zaak(client, superuser, hoofd.url)
    deelzaak = await create_zaak(client, superuser, deel.url, hoofdzaak=hoofdzaak["url"])
    closed = await close_zaak(client, superuser, deel, deelzaak["url"], CLOSED_ON)
    assert (closed["archiefnominatie"], closed["archiefactiedatum"]) == ("vernietigen", None)


async def test_gerelateerde_zaak(client, superuser):
    setup = await create_zaaktype_setup(
        client, superuser, resultaattype={"brondatumArchiefprocedure": {"afleidingswijze": "gerelateerde_zaak"}}
    )
    related = []
    for moment in ("2026-03-20T10:00:00+01:00", "2026-03-25T10:00:00+01:00"):
        zaak = await create_zaak(client, superuser, setup.url)
        await close_zaak(client, superuser, setup, zaak["url"], moment)
        related.append({"url": zaak["url"], "aardRelatie": "onderwerp"})
    zaak = await create_zaak(client, superuser, setup.url, relevanteAndereZaken=related)
    closed = await close_zaak(client, superuser, setup, zaak["url"], CLOSED_ON)
    assert closed["archiefactiedatum"] == "2036-03-25"


async def test_eigenschap(client, superuser):
    setup = await create_zaaktype_setup(
        client,
        superuser,
        resultaattype={
            "brondatumArchiefprocedure": {"afleidingswijze": "eigenschap", "datumkenmerk": "datum_vervallen"}
        },
    )
    zaak = await create_zaak(client, superuser, setup.url)
    await zaken_post(
        client,
        superuser,
        f"zaken/{zaak['uuid']}/zaakeigenschappen",
        {"zaak": zaak["url"], "eigenschap": setup.eigenschappen["datum_vervallen"], "waarde": "20300501"},
    )
    closed = await close_zaak(client, superuser, setup, zaak["url"], CLOSED_ON)
    assert closed["archiefactiedatum"] == "2040-05-01"


async def test_eigenschap_missing_gives_no_date(client, superuser):
    setup = await create_zaaktype_setup(
        client,
        superuser,
        resultaattype={
            "brondatumArchiefprocedure": {"afleidingswijze": "eigenschap", "datumkenmerk": "datum_vervallen"}
        },
    )
    zaak = await create_zaak(client, superuser, setup.url)
    closed = await close_zaak(client, superuser, setup, zaak["url"], CLOSED_ON)
    assert (closed["archiefnominatie"], closed["archiefactiedatum"]) == ("vernietigen", None)


@pytest.fixture
def object_registry():
    """A register serving panden with an einddatum, over real HTTP on 127.0.0.1."""
    panden = {
        "1": {"identificatie": "1", "einddatum": "2031-01-01"},
        "2": {"identificatie": "2", "einddatum": "2032-06-30"},
    }

    async def pand(request):
        return JSONResponse(panden[request.path_params["id"]])

    port = free_port()
    app = Starlette(routes=[Route("/panden/{id}", pand)])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the register did not start"
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


async def test_zaakobject(client, superuser, object_registry):
    setup = await create_zaaktype_setup(
        client,
        superuser,
        resultaattype={
            "brondatumArchiefprocedure": {
                "afleidingswijze": "zaakobject",
                "datumkenmerk": "einddatum",
                "objecttype": "pand",
            }
        },
    )
    zaak = await create_zaak(client, superuser, setup.url)
    for pand in ("1", "2"):
        await zaken_post(
            client,
            superuser,
            "zaakobjecten",
            {"zaak": zaak["url"], "object": f"{object_registry}/panden/{pand}", "objectType": "pand"},
        )
    closed = await close_zaak(client, superuser, setup, zaak["url"], CLOSED_ON)
    assert closed["archiefactiedatum"] == "2042-06-30"
    assert (await get(client, superuser, f"{ZAKEN}/zaken/{closed['uuid']}"))["archiefactiedatum"] == "2042-06-30"
