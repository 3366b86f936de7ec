"""The checks at the edge of every API: NUL characters, unknown paths and methods, the size of JSON bodies."""

import os
import socket
import subprocess
import sys
import time
import tracemalloc
import uuid

import httpx
import jwt
import pytest

from tests.conftest import make_api_client
from tests.documenten.factories import EIO, b64, create_informatieobjecttype, document_body
from tests.helpers import invalid_params
from tests.oas import _resolve, assert_oas, spec
from zaakgericht.api.urls import MOUNTS
from zaakgericht.settings import get_settings

NUL_CODE = "null_characters_not_allowed"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
ZGW_APIS = ["catalogi", "zaken", "documenten", "besluiten", "autorisaties", "notificaties"]


@pytest.fixture
def superuser(superuser):
    return {**superuser, **CRS}


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["code"] and body["detail"]
    return body


def _refuses_nul(response, name: str) -> None:
    _problem(response, 400)
    assert invalid_params(response) == {name: NUL_CODE}


def _operations(api: str, method: str):
    """(path with every template filled in, operation) of the API's OAS for one method."""
    for template, item in spec(api)["paths"].items():
        if method in item:
            path = template
            parameters = [*item.get("parameters", []), *item[method].get("parameters", [])]
            for parameter in [p for p in parameters if p.get("in") == "path"]:
                path = path.replace("{" + parameter["name"] + "}", str(uuid.uuid4()))
            yield template, path, item[method]


# --- NUL characters --------------------------------------------------------------------------


@pytest.mark.parametrize("api", [*ZGW_APIS, "referentielijsten"])
async def test_a_nul_in_any_query_parameter_of_the_oas_is_a_400_naming_it(client, superuser, api):
    checked, wrong = 0, []
    for template, path, operation in _operations(api, "get"):
        for parameter in [p for p in operation.get("parameters", []) if p.get("in") == "query"]:
            response = await client.get(MOUNTS[api] + path, params={parameter["name"]: "a\x00b"}, headers=superuser)
            checked += 1
            try:
                _refuses_nul(response, parameter["name"])
                if "400" in operation["responses"]:
                    assert_oas(response)
            except AssertionError as exc:
                wrong.append(f"GET {template}?{parameter['name']}: {exc}")
    assert checked or api == "referentielijsten"
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("api", ZGW_APIS)
async def test_a_nul_in_any_string_field_of_a_created_resource_is_a_400_naming_it(client, superuser, api):
    wrong = []
    for template, path, operation in _operations(api, "post"):
        field = _a_string_property(api, operation)
        if "{" in template or field is None:
            continue
        response = await client.post(MOUNTS[api] + path, json={field: "a\x00b"}, headers=superuser)
        try:
            _refuses_nul(response, field)
        except AssertionError as exc:
            wrong.append(f"POST {template} {field}: {exc}")
    assert not wrong, "\n".join(wrong)


def _a_string_property(api: str, operation: dict) -> str | None:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return None
    schema = _resolve(api, content["schema"])
    properties = {}
    for part in [schema, *[_resolve(api, s) for s in schema.get("allOf", [])]]:
        properties.update(part.get("properties", {}))
    for name, definition in properties.items():
        definition = _resolve(api, definition)
        if definition.get("type") == "string" and not definition.get("readOnly") and "enum" not in definition:
            return name
    return None


async def test_the_cases_that_gave_a_500_on_postgresql(client, superuser):
    _refuses_nul(await client.get("/zaken/api/v1/zaken?identificatie=a%00b", headers=superuser), "identificatie")
    catalogus = {"domein": "a\x00", "rsin": "002220647", "contactpersoonBeheerNaam": "Beheer"}
    _refuses_nul(await client.post("/catalogi/api/v1/catalogussen", json=catalogus, headers=superuser), "domein")
    kanaal = {"naam": "zaken\x00", "documentatieLink": "https://example.com/kanaal"}
    _refuses_nul(await client.post("/notificaties/api/v1/kanaal", json=kanaal, headers=superuser), "naam")


async def test_a_nul_deep_in_a_body_or_in_a_key_is_named_by_its_path(client, superuser):
    search = {"zaaktype__in": ["https://example.com/a", "https://example.com/\x00"]}
    _refuses_nul(await client.post("/zaken/api/v1/zaken/_zoek", json=search, headers=superuser), "zaaktype__in.1")
    _refuses_nul(await client.post("/zaken/api/v1/zaken/_zoek", json={"a\x00": 1}, headers=superuser), "a\x00")
    # An escaped backslash before "u0000" is text, not a NUL.
    response = await client.post(
        "/zaken/api/v1/zaken/_zoek",
        content=b'{"identificatie": "\\\\u0000"}',
        headers={**superuser, "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text


async def test_a_nul_in_the_metadata_of_a_document_is_a_400(client, superuser):
    document = {"titel": "Brief\x00", "inhoud": "aGFsbG8=", "bestandsnaam": "brief.txt"}
    response = await client.post("/documenten/api/v1/enkelvoudiginformatieobjecten", json=document, headers=superuser)
    _refuses_nul(response, "titel")


async def test_a_nul_in_a_query_parameter_name_is_a_400(client, superuser):
    _refuses_nul(await client.get("/zaken/api/v1/zaken?a%00=1", headers=superuser), "a\x00")


async def test_a_nul_in_a_path_names_nothing(client, superuser):
    for api in ZGW_APIS:
        _problem(await client.get(f"{MOUNTS[api]}/a%00b", headers=superuser), 404)
    _problem(await client.get(f"/zaken/api/v1/zaken/{uuid.uuid4()}%00", headers=superuser), 404)


@pytest.mark.parametrize("claim", ["client_id", "user_id", "user_representation"])
async def test_a_nul_in_a_token_claim_is_a_400_without_any_authentication(client, claim):
    claims = {"client_id": "onbekend", "iat": int(time.time()), claim: "a\x00b"}
    token = jwt.encode(claims, "geheim", algorithm="HS256")
    response = await client.get("/zaken/api/v1/zaken", headers={"Authorization": f"Bearer {token}"})
    _refuses_nul(response, claim)
    assert_oas(response)


async def _reader() -> dict:
    zaaktype = f"http://testserver/catalogi/api/v1/zaaktypen/{uuid.uuid4()}"
    return await make_api_client("lezer", scopes=["zaken.lezen"], zaaktypen=[zaaktype])


async def test_a_token_of_a_known_client_still_works(client):
    headers = await _reader()
    assert (await client.get("/zaken/api/v1/zaken", headers=headers)).status_code == 200


# --- 404 and 405 are problem+json ------------------------------------------------------------


@pytest.mark.parametrize("api", ZGW_APIS)
async def test_every_404_and_405_of_an_api_is_problem_json(client, superuser, api):
    mount = MOUNTS[api]
    for path in [mount, f"{mount}/onbekend", f"{mount}/on%0Abekend", f"{mount}/a%0Ab/c", f"{mount}/%0D%0A"]:
        body = _problem(await client.get(path, headers=superuser), 404)
        assert body["code"] == "not_found"
    collection = next(template for template, _, op in _operations(api, "get") if "{" not in template)
    body = _problem(await client.delete(mount + collection, headers=superuser), 405)
    assert body["code"] == "method_not_allowed"


async def test_outside_the_apis_a_404_stays_the_web_page(client):
    for path in ["/onbekend", "/behandelen%0Afoo"]:
        response = await client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "Pagina niet gevonden" in response.text
    assert _problem(await client.post("/api"), 404)["code"] == "not_found"


# --- the size of JSON bodies -----------------------------------------------------------------

SIXTY_MB = 60 * 1024 * 1024
CHUNK = 64 * 1024


async def _sixty_megabytes():
    yield b'{"identificatie__in": ["'
    piece = b"x" * CHUNK
    for _ in range(SIXTY_MB // CHUNK):
        yield piece
    yield b'"]}'


async def _peak_while(request) -> tuple[httpx.Response, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        response = await request
        return response, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


async def test_a_60_mb_search_body_without_content_length_is_refused_while_it_streams(client):
    headers = {**await _reader(), **CRS}
    request = client.post(
        "/zaken/api/v1/zaken/_zoek", content=_sixty_megabytes(), headers={**headers, "Content-Type": "application/json"}
    )
    response, peak = await _peak_while(request)
    body = _problem(response, 413)
    assert body["code"] == "request-too-large"
    assert peak < 16 * 1024 * 1024, f"the server took {peak} bytes"


async def test_a_content_length_over_the_limit_is_refused_before_reading(client, superuser):
    big = b'{"identificatie": "' + b"x" * SIXTY_MB + b'"}'
    response, peak = await _peak_while(
        client.post("/zaken/api/v1/zaken/_zoek", content=big, headers={**superuser, "Content-Type": "application/json"})
    )
    assert _problem(response, 413)["code"] == "request-too-large"
    assert peak < 16 * 1024 * 1024, f"the server took {peak} bytes"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served():
    """``zaakgericht serve`` in its own process on a free port: (port, pid)."""
    port = _free_port()
    env = {**os.environ, "ZAAKGERICHT_SERVE_DISPATCHER": "false", "ZAAKGERICHT_LOG_LEVEL": "warning"}
    command = [sys.executable, "-c", "from zaakgericht.cli import app; app()", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("zaakgericht serve did not start")
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def _peak_rss(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in bytes."""
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


def _post_sixty_megabytes(port: int, authorization: str, chunked: bool) -> bytes:
    """Sends a 60 MB _zoek body over a plain socket as fast as the server takes it; the status line."""
    head = [
        "POST /zaken/api/v1/zaken/_zoek HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        f"Authorization: {authorization}",
        "Content-Type: application/json",
        "Accept-Crs: EPSG:4326",
        "Content-Crs: EPSG:4326",
        "Transfer-Encoding: chunked" if chunked else f"Content-Length: {SIXTY_MB + 27}",
    ]
    piece = b"x" * CHUNK
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        try:
            for data in [b'{"identificatie__in": ["', *[piece] * (SIXTY_MB // CHUNK), b'"]}']:
                connection.sendall(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
        except OSError:
            pass  # the server may stop reading once it has answered
        return connection.recv(200).split(b"\r\n")[0]


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "content-length"])
async def test_a_served_60_mb_search_body_is_refused_without_the_server_growing(served, superuser, chunked):
    port, pid = served
    warm = httpx.post(f"http://127.0.0.1:{port}/zaken/api/v1/zaken/_zoek", json={}, headers=superuser, timeout=30)
    assert warm.status_code == 200, warm.text
    before = _peak_rss(pid)
    assert _post_sixty_megabytes(port, superuser["Authorization"], chunked) == b"HTTP/1.1 413 Request Entity Too Large"
    growth = _peak_rss(pid) - before
    assert growth < 16 * 1024 * 1024, f"the server's peak memory grew by {growth} bytes"


async def test_the_limit_is_a_setting_and_a_body_within_it_is_read(client, superuser, monkeypatch):
    monkeypatch.setenv("ZAAKGERICHT_API_MAX_JSON_BODY_BYTES", "1000")
    get_settings.cache_clear()
    try:
        small = {"identificatie": "x" * 900}
        assert (await client.post("/zaken/api/v1/zaken/_zoek", json=small, headers=superuser)).status_code == 200
        large = {"identificatie": "x" * 1000}
        response = await client.post("/zaken/api/v1/zaken/_zoek", json=large, headers=superuser)
        assert _problem(response, 413)["code"] == "request-too-large"
    finally:
        get_settings.cache_clear()


async def test_a_document_with_inline_inhoud_larger_than_the_json_limit_is_still_taken(client, superuser):
    # Documents stream their base64 inhoud into storage, with their own limits.
    data = b"x" * (get_settings().api_max_json_body_bytes + 1024)
    iot = (await create_informatieobjecttype(client, superuser))["url"]
    response = await client.post(EIO, json=document_body(iot, inhoud=b64(data)), headers=superuser)
    assert response.status_code == 201, response.text[:500]
    assert response.json()["bestandsomvang"] == len(data)


async def test_a_nul_nested_deeper_than_the_recursion_limit_is_found(client, superuser):
    deep = b"[" * 1020 + b'"\\u0000"' + b"]" * 1020
    headers = {**superuser, "Content-Type": "application/json"}
    response = await client.post("/zaken/api/v1/zaken/_zoek", content=b'{"a": ' + deep + b"}", headers=headers)
    _refuses_nul(response, "a" + ".0" * 1020)
