"""Objectinformatieobjecten: the mirror of zaak- and besluitinformatieobjecten, kept consistent both ways
(zrc-005, brc-006 from their side; drc-002..004 and drc-008 from ours)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.besluiten.factories import BESLUITEN, create_besluit
from tests.catalogi.factories import besluittype_body, post, publish
from tests.documenten.factories import DOCUMENTEN, create_document, get_json
from tests.helpers import invalid_params
from tests.oas import assert_oas
from tests.zaken.factories import ZAKEN, create_zaak, create_zaaktype_setup, zaken_post

OIO = f"{DOCUMENTEN}/objectinformatieobjecten"


@pytest.fixture
async def zaak_and_document(client, superuser):
    """A zaak of a zaaktype that allows the document's informatieobjecttype, and such a document."""
    setup = await create_zaaktype_setup(client, superuser, publish_it=False)
    iot = await post(
        client,
        superuser,
        "informatieobjecttypen",
        {
            "catalogus": setup.catalogus,
            "omschrijving": "Aanvraagformulier",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2026-01-01",
            "informatieobjectcategorie": "Aanvraag",
        },
        200,
    )
    await publish(client, superuser, iot["url"])
    await post(
        client,
        superuser,
        "zaaktype-informatieobjecttypen",
        {"zaaktype": setup.url, "informatieobjecttype": "Aanvraagformulier", "volgnummer": 1, "richting": "inkomend"},
    )
    await publish(client, superuser, setup.url)
    zaak = await create_zaak(client, superuser, setup.url)
    document = await create_document(client, superuser, iot["url"])
    return zaak, document


async def delete(client, headers, url: str, status: int = 204):
    response = await client.delete(url, headers=headers)
    assert_oas(response)
    assert response.status_code == status, response.text
    return response


async def test_a_zaakinformatieobject_creates_and_removes_its_mirror_zrc_005(client, superuser, zaak_and_document):
    zaak, document = zaak_and_document
    zio = await zaken_post(
        client, superuser, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]}
    )
    [mirror] = await get_json(client, superuser, OIO, informatieobject=document["url"])
    assert (mirror["object"], mirror["objectType"], mirror["informatieobject"]) == (
        zaak["url"],
        "zaak",
        document["url"],
    )
    assert await get_json(client, superuser, mirror["url"]) == mirror
    assert await get_json(client, superuser, OIO, object=zaak["url"]) == [mirror]

    # While linked the document stays (drc-008) and the mirror cannot be removed on its own.
    response = await delete(client, superuser, document["url"], status=400)
    assert invalid_params(response) == {"nonFieldErrors": "pending-relations"}
    response = await delete(client, superuser, mirror["url"], status=400)
    assert invalid_params(response) == {"nonFieldErrors": "inconsistent-relation"}
    # The mirror exists already: creating it again is a duplicate (drc-003).
    response = await client.post(
        OIO, json={"informatieobject": document["url"], "object": zaak["url"], "objectType": "zaak"}, headers=superuser
    )
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "unique"}

    await delete(client, superuser, zio["url"])
    assert await get_json(client, superuser, OIO, informatieobject=document["url"]) == []
    await delete(client, superuser, document["url"])


async def test_deleting_the_zaak_removes_the_mirror(client, superuser, zaak_and_document):
    zaak, document = zaak_and_document
    await zaken_post(
        client, superuser, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]}
    )
    response = await client.delete(zaak["url"], headers={**superuser, "Accept-Crs": "EPSG:4326"})
    assert response.status_code == 204, response.text
    assert await get_json(client, superuser, OIO) == []


async def test_an_objectinformatieobject_needs_its_relation_in_the_source_drc_004(client, superuser, zaak_and_document):
    zaak, document = zaak_and_document
    body = {"informatieobject": document["url"], "object": zaak["url"], "objectType": "zaak"}
    response = await client.post(OIO, json=body, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"object": "inconsistent-relation"}
    for change, name, code in (
        ({"object": f"{ZAKEN}/zaken/00000000-0000-0000-0000-000000000000"}, "object", "bad-url"),
        ({"object": f"{ZAKEN}/statussen/00000000-0000-0000-0000-000000000000"}, "object", "invalid-resource"),
        ({"objectType": "besluit"}, "object", "invalid-resource"),
        ({"objectType": "dossier"}, "objectType", "invalid_choice"),
        ({"informatieobject": f"{DOCUMENTEN}/enkelvoudiginformatieobjecten/onbekend"}, "informatieobject", "bad-url"),
    ):
        response = await client.post(OIO, json={**body, **change}, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {name: code}, change


async def test_an_object_of_another_installation_must_answer_drc_002(client, superuser, zaak_and_document):
    _, document = zaak_and_document
    with _Remote() as remote:
        zaak = remote.add("/zaken/api/v1/zaken/1", {"url": "x"})
        body = {"informatieobject": document["url"], "object": zaak, "objectType": "zaak"}
        response = await client.post(OIO, json=body, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"object": "inconsistent-relation"}

        query = f"/zaken/api/v1/zaakinformatieobjecten?zaak={_quoted(zaak)}&informatieobject={_quoted(document['url'])}"
        remote.add(query, [{"zaak": zaak, "informatieobject": document["url"]}])
        response = await client.post(OIO, json=body, headers=superuser)
        assert_oas(response)
        assert response.status_code == 201, response.text
        link = response.json()
        # Once the other installation no longer has the relation, the mirror may go.
        del remote.documents[query]
        await delete(client, superuser, link["url"])

        body["object"] = f"{remote.base}/zaken/api/v1/zaken/bestaat-niet"
        response = await client.post(OIO, json=body, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"object": "bad-url"}


async def test_a_besluitinformatieobject_creates_and_removes_its_mirror_brc_006(client, superuser):
    iot_doc = await _besluit_setup(client, superuser)
    besluittype, iot = iot_doc
    besluit = await create_besluit(client, superuser, besluittype)
    document = await create_document(client, superuser, iot)
    response = await client.post(
        f"{BESLUITEN}/besluitinformatieobjecten",
        json={"besluit": besluit["url"], "informatieobject": document["url"]},
        headers=superuser,
    )
    assert response.status_code == 201, response.text
    bio = response.json()
    [mirror] = await get_json(client, superuser, OIO, object=besluit["url"])
    assert (mirror["objectType"], mirror["informatieobject"]) == ("besluit", document["url"])
    response = await delete(client, superuser, mirror["url"], status=400)
    assert invalid_params(response) == {"nonFieldErrors": "inconsistent-relation"}
    await delete(client, superuser, bio["url"])
    assert await get_json(client, superuser, OIO) == []


async def _besluit_setup(client, superuser) -> tuple[str, str]:
    from tests.catalogi.factories import create_catalogus

    catalogus = (await create_catalogus(client, superuser))["url"]
    iot = await post(
        client,
        superuser,
        "informatieobjecttypen",
        {
            "catalogus": catalogus,
            "omschrijving": "Besluitbrief",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2026-01-01",
            "informatieobjectcategorie": "Brief",
        },
        200,
    )
    besluittype = await post(
        client, superuser, "besluittypen", besluittype_body(catalogus, informatieobjecttypen=["Besluitbrief"])
    )
    for url in (iot["url"], besluittype["url"]):
        await publish(client, superuser, url)
    return besluittype["url"], iot["url"]


def _quoted(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="")


class _Remote:
    """Another installation's API over real HTTP: serves the JSON added for a path (with query); else 404."""

    def __init__(self) -> None:
        self.documents: dict[str, object] = {}
        self.base = ""

    def add(self, path: str, body: object) -> str:
        self.documents[path] = body
        return f"{self.base}{path}"

    def __enter__(self) -> "_Remote":
        documents = self.documents

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                if self.path not in documents:
                    self.send_response(404)
                    self.end_headers()
                    return
                content = json.dumps(documents[self.path]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
