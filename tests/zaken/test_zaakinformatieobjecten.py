"""Zaakinformatieobjecten: documents of a zaak (zrc-003, zrc-004, zrc-005, zrc-017) and their list, a plain array."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.catalogi.factories import informatieobjecttype_body, post, publish
from tests.conftest import count_queries, make_api_client
from tests.documenten.factories import DOCUMENTEN, create_document
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from tests.zaken.factories import ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, get, set_status, zaken_post
from zaakgericht import db
from zaakgericht.api import urls
from zaakgericht.koppelingen import service as koppelingen

ZIO = f"{ZAKEN}/zaakinformatieobjecten"
OIO = f"{DOCUMENTEN}/objectinformatieobjecten"


@dataclass
class RemoteJson:
    """Another installation's APIs over real HTTP: serves the JSON documents added to it; anything else is a 404."""

    documents: dict[str, object] = field(default_factory=dict)
    base: str = ""

    def add(self, path: str, body: object) -> str:
        self.documents[path] = body
        return f"{self.base}{path}"

    def __enter__(self) -> "RemoteJson":
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


@pytest.fixture
def remote():
    with RemoteJson() as server:
        yield server


@dataclass
class Setup:
    zaaktype: object
    informatieobjecttype: str  # linked to the zaaktype
    other_informatieobjecttype: str  # not linked


async def _informatieobjecttype(client, headers, catalogus: str, omschrijving: str) -> str:
    iot = await post(
        client, headers, "informatieobjecttypen", informatieobjecttype_body(catalogus, omschrijving=omschrijving), 200
    )
    await publish(client, headers, iot["url"])
    return iot["url"]


@pytest.fixture
async def setup(client, superuser) -> Setup:
    """A published zaaktype with one informatieobjecttype (zaaktype-informatieobjecttypen name it by omschrijving)."""
    zaaktype = await create_zaaktype_setup(client, superuser, publish_it=False)
    linked = await _informatieobjecttype(client, superuser, zaaktype.catalogus, "Aanvraagformulier")
    other = await _informatieobjecttype(client, superuser, zaaktype.catalogus, "Bouwtekening")
    await post(
        client,
        superuser,
        "zaaktype-informatieobjecttypen",
        {
            "zaaktype": zaaktype.url,
            "informatieobjecttype": "Aanvraagformulier",
            "volgnummer": 1,
            "richting": "inkomend",
        },
    )
    await publish(client, superuser, zaaktype.url)
    return Setup(zaaktype, linked, other)


@pytest.fixture
async def zaak(client, superuser, setup) -> dict:
    return await create_zaak(client, superuser, setup.zaaktype.url)


def remote_document(remote: RemoteJson, informatieobjecttype: str, number: int = 1) -> str:
    path = f"/documenten/api/v1/enkelvoudiginformatieobjecten/{number:08d}-0000-0000-0000-000000000000"
    return remote.add(path, {"url": f"{remote.base}{path}", "informatieobjecttype": informatieobjecttype})


async def create_zio(client, headers, zaak: str, informatieobject: str, **overrides) -> dict:
    body = {"zaak": zaak, "informatieobject": informatieobject, "titel": "Aanvraag", **overrides}
    return await zaken_post(client, headers, "zaakinformatieobjecten", body)


async def test_create_sets_relation_and_registratiedatum_zrc_004(client, superuser, setup, zaak, remote):
    document = remote_document(remote, setup.informatieobjecttype)
    zio = await create_zio(client, superuser, zaak["url"], document, beschrijving="Het formulier")

    assert zio["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    assert zio["registratiedatum"].endswith("Z")
    assert (zio["titel"], zio["beschrijving"], zio["status"], zio["vernietigingsdatum"]) == (
        "Aanvraag",
        "Het formulier",
        None,
        None,
    )
    assert (await get(client, superuser, zaak["url"]))["zaakinformatieobjecten"] == [zio["url"]]
    assert await get(client, superuser, zio["url"]) == zio
    messages = [m for m in await outbox_payloads() if m["resource"] == "zaakinformatieobject"]
    assert [(m["actie"], m["resourceUrl"]) for m in messages] == [("create", zio["url"])]


async def test_informatieobject_must_resolve_zrc_003(client, superuser, setup, zaak, remote):
    missing = f"{remote.base}/documenten/api/v1/enkelvoudiginformatieobjecten/bestaat-niet"
    not_a_document = remote.add("/iets", {"naam": "geen document"})
    ours_unknown = f"{DOCUMENTEN}/enkelvoudiginformatieobjecten/{zaak['uuid']}"
    for url, code in (
        (missing, "bad-url"),
        ("http://127.0.0.1:9/documenten/1", "bad-url"),
        (not_a_document, "invalid-resource"),
        (ours_unknown, "bad-url"),
    ):
        response = await client.post(ZIO, headers=superuser, json={"zaak": zaak["url"], "informatieobject": url})
        assert_oas(response)
        assert invalid_params(response) == {"informatieobject": code}, url


async def test_informatieobjecttype_must_be_one_of_the_zaaktypes_zrc_017(client, superuser, setup, zaak, remote):
    document = remote_document(remote, setup.other_informatieobjecttype)
    response = await client.post(ZIO, headers=superuser, json={"zaak": zaak["url"], "informatieobject": document})
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "missing-zaaktype-informatieobjecttype-relation"}

    foreign_type = remote_document(remote, "https://andere-catalogus.nl/informatieobjecttypen/1", 2)
    response = await client.post(ZIO, headers=superuser, json={"zaak": zaak["url"], "informatieobject": foreign_type})
    assert invalid_params(response) == {"nonFieldErrors": "missing-zaaktype-informatieobjecttype-relation"}


async def test_a_document_belongs_to_a_zaak_once(client, superuser, setup, zaak, remote):
    document = remote_document(remote, setup.informatieobjecttype)
    await create_zio(client, superuser, zaak["url"], document)
    response = await client.post(ZIO, headers=superuser, json={"zaak": zaak["url"], "informatieobject": document})
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "unique"}
    # Another zaak may have the same document.
    other = await create_zaak(client, superuser, setup.zaaktype.url)
    await create_zio(client, superuser, other["url"], document)


async def test_zaak_and_informatieobject_are_fixed_zrc_004(client, superuser, setup, zaak, remote):
    document = remote_document(remote, setup.informatieobjecttype)
    zio = await create_zio(client, superuser, zaak["url"], document)
    other = await create_zaak(client, superuser, setup.zaaktype.url)
    for change in (
        {"zaak": other["url"]},
        {"informatieobject": remote_document(remote, setup.informatieobjecttype, 2)},
    ):
        response = await client.patch(zio["url"], headers=superuser, json=change)
        assert_oas(response)
        assert invalid_params(response) == {next(iter(change)): "wijzigen-niet-toegelaten"}

    response = await client.patch(zio["url"], headers=superuser, json={"titel": "Nieuwe titel"})
    assert_oas(response)
    assert response.json()["titel"] == "Nieuwe titel"
    response = await client.put(
        zio["url"],
        headers=superuser,
        json={"zaak": zaak["url"], "informatieobject": document, "vernietigingsdatum": "2036-01-01T00:00:00Z"},
    )
    assert_oas(response)
    assert (response.json()["titel"], response.json()["vernietigingsdatum"]) == ("", "2036-01-01T00:00:00Z")
    # Only the create is notified; every change is in the audit trail.
    assert [m["actie"] for m in await outbox_payloads() if m["resource"] == "zaakinformatieobject"] == ["create"]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [e["actie"] for e in trail if e["resource"] == "zaakinformatieobject"] == [
        "create",
        "partial_update",
        "update",
    ]


async def test_status_must_be_of_the_same_zaak(client, superuser, setup, zaak, remote):
    other = await create_zaak(client, superuser, setup.zaaktype.url)
    own_status = await set_status(client, superuser, zaak["url"], setup.zaaktype.statustypen[0])
    other_status = await set_status(client, superuser, other["url"], setup.zaaktype.statustypen[0])
    document = remote_document(remote, setup.informatieobjecttype)
    response = await client.post(
        ZIO, headers=superuser, json={"zaak": zaak["url"], "informatieobject": document, "status": other_status["url"]}
    )
    assert_oas(response)
    assert invalid_params(response) == {"status": "zaak-mismatch"}
    zio = await create_zio(client, superuser, zaak["url"], document, status=own_status["url"])
    assert zio["status"] == own_status["url"]
    assert (await get(client, superuser, own_status["url"]))["zaakinformatieobjecten"] == [zio["url"]]


async def test_the_zaak_must_not_be_archived(client, superuser, setup, zaak, remote):
    await client.patch(
        zaak["url"],
        headers={**superuser, "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"},
        json={
            "archiefstatus": "overgedragen",
            "archiefnominatie": "blijvend_bewaren",
            "archiefactiedatum": "2030-01-01",
        },
    )
    assert (await get(client, superuser, zaak["url"]))["archiefstatus"] == "overgedragen"
    document = remote_document(remote, setup.informatieobjecttype)
    response = await client.post(ZIO, headers=superuser, json={"zaak": zaak["url"], "informatieobject": document})
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "zaak-archiefstatus"}


async def test_a_relation_of_an_archived_zaak_may_still_be_updated(client, superuser, setup, zaak, remote):
    """zaakinformatieobject_create names the archiefstatus rule; its update does not."""
    path = "/documenten/api/v1/enkelvoudiginformatieobjecten/00000009-0000-0000-0000-000000000000"
    document = remote.add(
        path,
        {"url": f"{remote.base}{path}", "informatieobjecttype": setup.informatieobjecttype, "status": "gearchiveerd"},
    )
    zio = await create_zio(client, superuser, zaak["url"], document)
    archived = await client.patch(
        zaak["url"],
        headers={**superuser, "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"},
        json={
            "archiefstatus": "overgedragen",
            "archiefnominatie": "blijvend_bewaren",
            "archiefactiedatum": "2030-01-01",
        },
    )
    assert archived.status_code == 200, archived.text
    response = await client.patch(zio["url"], headers=superuser, json={"titel": "Aanvraag (gearchiveerd)"})
    assert_oas(response)
    assert response.status_code == 200, response.text


async def test_list_is_a_plain_array_with_filters(client, superuser, setup, zaak, remote):
    other = await create_zaak(client, superuser, setup.zaaktype.url)
    first = remote_document(remote, setup.informatieobjecttype, 1)
    second = remote_document(remote, setup.informatieobjecttype, 2)
    a = await create_zio(client, superuser, zaak["url"], first)
    b = await create_zio(client, superuser, zaak["url"], second)
    c = await create_zio(client, superuser, other["url"], first)

    assert [z["url"] for z in await get(client, superuser, ZIO)] == [a["url"], b["url"], c["url"]]
    assert [z["url"] for z in await get(client, superuser, ZIO, zaak=zaak["url"])] == [a["url"], b["url"]]
    assert [z["url"] for z in await get(client, superuser, ZIO, informatieobject=first)] == [a["url"], c["url"]]
    assert await get(client, superuser, ZIO, zaak=f"{ZAKEN}/zaken/{setup.zaaktype.url[-36:]}") == []
    for params in ({"page": "x", "onbekend": "1"}, {"zaak": "geen-url"}):
        response = await client.get(ZIO, headers=superuser, params=params)
        assert_oas(response)
        assert response.status_code == 400


async def test_a_list_costs_the_same_queries_for_1_and_50_documents(client, superuser, setup, zaak, remote):
    await create_zio(client, superuser, zaak["url"], remote_document(remote, setup.informatieobjecttype, 0))

    async def list_queries() -> tuple[int, int]:
        with count_queries() as counted:
            found = await get(client, superuser, ZIO)
        return counted[0], len(found)

    one = await list_queries()
    for number in range(1, 50):
        await create_zio(client, superuser, zaak["url"], remote_document(remote, setup.informatieobjecttype, number))
    fifty = await list_queries()
    assert (one[1], fifty[1]) == (1, 50)
    assert one[0] == fifty[0]


async def test_detail_has_an_etag_and_head(client, superuser, setup, zaak, remote):
    zio = await create_zio(client, superuser, zaak["url"], remote_document(remote, setup.informatieobjecttype))
    response = await client.get(zio["url"], headers=superuser)
    head = await client.head(zio["url"], headers=superuser)
    assert_oas(head)
    assert head.headers["ETag"] == response.headers["ETag"] and not head.content
    cached = await client.get(zio["url"], headers={**superuser, "If-None-Match": response.headers["ETag"]})
    assert cached.status_code == 304


async def test_scopes_and_zaaktypen_zrc_006_zrc_007(client, superuser, setup, zaak, remote):
    document = remote_document(remote, setup.informatieobjecttype)
    zaaktype = setup.zaaktype.url
    aanmaker = await make_api_client("aanmaker", scopes=["zaken.aanmaken"], zaaktypen=[zaaktype])
    zio = await create_zio(client, aanmaker, zaak["url"], document)  # the OAS accepts zaken.aanmaken here
    response = await client.patch(zio["url"], headers=aanmaker, json={"titel": "x"})
    assert response.status_code == 403  # ... but not for an update

    other = await create_zaaktype_setup(client, superuser, catalogus=setup.zaaktype.catalogus, identificatie="ZT-2")
    stranger = await make_api_client("vreemde", scopes=["zaken.lezen", "zaken.verwijderen"], zaaktypen=[other.url])
    assert await get(client, stranger, ZIO) == []
    assert (await client.get(zio["url"], headers=stranger)).status_code == 404
    assert (await client.delete(zio["url"], headers=stranger)).status_code == 403

    verwijderaar = await make_api_client("verwijderaar", scopes=["zaken.verwijderen"], zaaktypen=[zaaktype])
    await close_zaak(client, superuser, setup.zaaktype, zaak["url"])
    response = await client.delete(zio["url"], headers=verwijderaar)
    assert_oas(response)
    assert response.status_code == 403  # the zaak is closed: only zaken.geforceerd-bijwerken
    forceerder = await make_api_client("forceerder", scopes=["zaken.geforceerd-bijwerken"], zaaktypen=[zaaktype])
    assert (await client.delete(zio["url"], headers=forceerder)).status_code == 204
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [e["actie"] for e in trail if e["resource"] == "zaakinformatieobject"] == ["create", "destroy"]


async def test_has_zaakinformatieobject_for_the_documenten_api(client, superuser, setup, zaak, remote):
    document = remote_document(remote, setup.informatieobjecttype)
    await create_zio(client, superuser, zaak["url"], document)
    token = urls.set_base_url("http://testserver")  # as a request of the Documenten API would have it
    try:
        async with db.read_session() as session:
            assert await koppelingen.has_zaakinformatieobject(session, zaak["url"], document)
            assert not await koppelingen.has_zaakinformatieobject(session, zaak["url"], document + "x")
            assert not await koppelingen.has_zaakinformatieobject(session, "https://elders.nl/zaken/1", document)
    finally:
        urls.reset_base_url(token)


# --- documents of our own Documenten API ---------------------------------------------------------


async def test_local_document_is_mirrored_as_objectinformatieobject_zrc_005(client, superuser, setup, zaak):
    document = await create_document(client, superuser, setup.informatieobjecttype)
    zio = await create_zio(client, superuser, zaak["url"], document["url"])
    mirrors = await get(client, superuser, OIO, object=zaak["url"])
    assert [(m["informatieobject"], m["objectType"]) for m in mirrors] == [(document["url"], "zaak")]
    # While the zaakinformatieobject exists the Documenten API keeps its mirror.
    response = await client.delete(mirrors[0]["url"], headers=superuser)
    assert response.status_code == 400

    response = await client.delete(zio["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert await get(client, superuser, OIO, object=zaak["url"]) == []


async def test_local_document_of_a_type_the_zaaktype_lacks_zrc_017(client, superuser, setup, zaak):
    document = await create_document(client, superuser, setup.other_informatieobjecttype)
    response = await client.post(
        ZIO, headers=superuser, json={"zaak": zaak["url"], "informatieobject": document["url"]}
    )
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "missing-zaaktype-informatieobjecttype-relation"}
    assert await get(client, superuser, OIO, object=zaak["url"]) == []


async def test_a_refused_link_leaves_no_mirror(client, superuser, setup, zaak):
    """Validation fails after nothing was written: the transaction leaves no objectinformatieobject behind."""
    document = await create_document(client, superuser, setup.informatieobjecttype)
    await create_zio(client, superuser, zaak["url"], document["url"])
    response = await client.post(
        ZIO, headers=superuser, json={"zaak": zaak["url"], "informatieobject": document["url"]}
    )
    assert invalid_params(response) == {"nonFieldErrors": "unique"}
    assert len(await get(client, superuser, OIO, object=zaak["url"])) == 1
