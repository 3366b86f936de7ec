"""The zaak of a besluit (brc-006, brc-007): mirrored as a zaakbesluit in the Zaken API, of the right zaaktype."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.besluiten.factories import BESLUITEN, CRS, ZAKEN, besluit_body, create_besluit, create_zaak
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas


async def _zaakbesluiten(client, headers, zaak: dict) -> list[str]:
    response = await client.get(f"{zaak['url']}/besluiten", headers=headers)
    assert_oas(response)
    assert response.status_code == 200, response.text
    return [zaakbesluit["besluit"] for zaakbesluit in response.json()]


async def test_brc006_a_besluit_with_a_zaak_is_mirrored_as_a_zaakbesluit(client, superuser, catalogue):
    zaak = await create_zaak(client, superuser, catalogue.zaaktype)
    besluit = await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak["url"])
    assert besluit["zaak"] == zaak["url"]
    assert await _zaakbesluiten(client, superuser, zaak) == [besluit["url"]]
    zaken_messages = [m for m in await outbox_payloads() if m["kanaal"] == "zaken" and m["resource"] == "zaakbesluit"]
    assert [(m["actie"], m["hoofdObject"]) for m in zaken_messages] == [("create", zaak["url"])]

    response = await client.get(f"{BESLUITEN}/besluiten", params={"zaak": zaak["url"]}, headers=superuser)
    assert_oas(response)
    assert [b["url"] for b in response.json()["results"]] == [besluit["url"]]
    other = await create_zaak(client, superuser, catalogue.zaaktype)
    response = await client.get(f"{BESLUITEN}/besluiten", params={"zaak": other["url"]}, headers=superuser)
    assert_oas(response)
    assert response.json()["count"] == 0


async def test_brc007_the_besluittype_must_be_one_of_the_zaaktype(client, superuser, catalogue):
    zaak = await create_zaak(client, superuser, catalogue.zaaktype)
    response = await client.post(
        f"{BESLUITEN}/besluiten", json=besluit_body(catalogue.other_besluittype, zaak=zaak["url"]), headers=superuser
    )
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "zaaktype-mismatch"}
    assert await _zaakbesluiten(client, superuser, zaak) == []


async def test_the_zaak_must_be_a_zaak_that_exists(client, superuser, catalogue):
    cases = {
        f"{ZAKEN}/zaken/{uuid.uuid4()}": "bad-url",
        catalogue.zaaktype: "invalid-resource",
        f"{ZAKEN}/statussen/{uuid.uuid4()}": "invalid-resource",
    }
    for url, code in cases.items():
        response = await client.post(
            f"{BESLUITEN}/besluiten", json=besluit_body(catalogue.besluittype, zaak=url), headers=superuser
        )
        assert_oas(response)
        assert invalid_params(response) == {"zaak": code}, url


async def test_brc006_the_zaak_of_a_besluit_may_not_change(client, superuser, catalogue):
    zaak = await create_zaak(client, superuser, catalogue.zaaktype)
    other = await create_zaak(client, superuser, catalogue.zaaktype)
    besluit = await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak["url"])
    without = await create_besluit(client, superuser, catalogue.besluittype)
    for url, change in ((besluit["url"], other["url"]), (besluit["url"], None), (without["url"], zaak["url"])):
        response = await client.patch(url, json={"zaak": change}, headers=superuser)
        assert_oas(response)
        assert invalid_params(response) == {"zaak": "wijzigen-niet-toegelaten"}, change
    # A PUT that leaves the zaak out takes it away: also a change.
    response = await client.put(besluit["url"], json=besluit_body(catalogue.besluittype), headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"zaak": "wijzigen-niet-toegelaten"}
    response = await client.put(
        besluit["url"], json=besluit_body(catalogue.besluittype, zaak=zaak["url"], toelichting="x"), headers=superuser
    )
    assert_oas(response)
    assert response.status_code == 200, response.text
    assert await _zaakbesluiten(client, superuser, zaak) == [besluit["url"]]
    assert await _zaakbesluiten(client, superuser, other) == []


async def test_brc009_deleting_the_besluit_removes_the_zaakbesluit(client, superuser, catalogue):
    zaak = await create_zaak(client, superuser, catalogue.zaaktype)
    besluit = await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak["url"])
    kept = await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak["url"])
    response = await client.delete(besluit["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert await _zaakbesluiten(client, superuser, zaak) == [kept["url"]]


async def test_a_besluit_outlives_its_zaak(client, superuser, catalogue):
    zaak = await create_zaak(client, superuser, catalogue.zaaktype)
    besluit = await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak["url"])
    response = await client.delete(zaak["url"], headers={**superuser, **CRS})
    assert_oas(response)
    assert response.status_code == 204, response.text
    response = await client.get(besluit["url"], headers=superuser)
    assert_oas(response)
    assert "zaak" not in response.json()
    response = await client.delete(besluit["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204


# --- a zaak of another installation ----------------------------------------------------------


class _Stub(BaseHTTPRequestHandler):
    documents: dict[str, object] = {}

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        document = self.documents.get(self.path)
        body = json.dumps(document).encode()
        self.send_response(200 if document is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def other_installation():
    """Another Zaken and Catalogi API over real HTTP: serves the JSON documents put in ``_Stub.documents``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join(timeout=5)


async def test_a_zaak_of_another_installation_is_fetched_and_kept_by_url(
    client, superuser, catalogue, other_installation
):
    zaak = f"{other_installation}/zaken/api/v1/zaken/1"
    zaaktype = f"{other_installation}/catalogi/api/v1/zaaktypen/1"
    _Stub.documents.update(
        {
            "/zaken/api/v1/zaken/1": {"url": zaak, "zaaktype": zaaktype, "bronorganisatie": "002220647"},
            "/catalogi/api/v1/zaaktypen/1": {"url": zaaktype, "besluittypen": [catalogue.besluittype]},
            "/zaken/api/v1/zaken/2": {"url": "ander soort object"},
        }
    )
    besluit = await create_besluit(client, superuser, catalogue.besluittype, zaak=zaak)
    assert besluit["zaak"] == zaak
    response = await client.get(f"{BESLUITEN}/besluiten", params={"zaak": zaak}, headers=superuser)
    assert_oas(response)
    assert [b["url"] for b in response.json()["results"]] == [besluit["url"]]

    cases = {
        (catalogue.other_besluittype, zaak): "zaaktype-mismatch",
        (catalogue.besluittype, f"{other_installation}/zaken/api/v1/zaken/2"): "invalid-resource",
        (catalogue.besluittype, f"{other_installation}/zaken/api/v1/zaken/3"): "bad-url",
    }
    for (besluittype, url), code in cases.items():
        response = await client.post(
            f"{BESLUITEN}/besluiten", json=besluit_body(besluittype, zaak=url), headers=superuser
        )
        assert_oas(response)
        assert list(invalid_params(response).values()) == [code], url
