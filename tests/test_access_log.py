"""No BSN in any log: the access log names routes, not query strings, and ``zaakgericht serve`` has no other.

Every nine-digit number in the tests and the demo data (the BSNs they use, and RSINs) is sent in the
places where uvicorn's own access log wrote them: API filters, the KCC search, the citizen's test login,
the medewerker login, and paths. None of them may appear in what any logger wrote.
"""

import logging
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.web.accounts_fixtures import hidden, logged_in, login, make_medewerker
from zaakgericht.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
CLIENT_LOGGERS = {"httpx", "httpcore"}
BSN_FILTER = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"


def numbers_the_tests_use() -> list[str]:
    """Every nine-digit number in the test files and the demo data: the BSNs used, and more."""
    sources = [*ROOT.joinpath("tests").rglob("*.py"), ROOT / "src/zaakgericht/demo_zaken.py"]
    found = set()
    for source in sources:
        found.update(_NINE_DIGITS.findall(source.read_text(encoding="utf-8")))
    return sorted(found)


BSNS = numbers_the_tests_use()


def assert_no_bsn(log: str) -> None:
    leaked = [bsn for bsn in BSNS if bsn in log]
    assert not leaked, f"BSNs in the log: {leaked}\n{log[:3000]}"


async def _burger_login(client: httpx.AsyncClient, bsn: str) -> httpx.Response:
    page = await client.get("/mijn-zaken/inloggen/test", params={"volgende": f"/mijn-zaken?bsn={bsn}"})
    data = {"csrf_token": hidden(page.text), "soort": "bsn", "nummer": bsn, "volgende": "/mijn-zaken"}
    return await client.post("/mijn-zaken/inloggen/test", data=data)


async def _requests_with_bsns(http: httpx.AsyncClient, medewerker: httpx.AsyncClient, api_headers: dict) -> None:
    for bsn in BSNS:
        await http.get("/zaken/api/v1/zaken", params={BSN_FILTER: bsn}, headers=api_headers)
        await http.post("/zaken/api/v1/zaken/_zoek", params={"bsn": bsn}, json={}, headers=api_headers)
        await medewerker.get("/kcc", params={"soort": "bsn", "zoekterm": bsn})
        await http.get(f"/mijn-zaken/{bsn}")
        await http.get(f"/onbekend/{bsn}", params={"bsn": bsn})
    for bsn in BSNS[:3]:
        await _burger_login(http, bsn)
        await http.get("/mijn-zaken")
        assert (await login(http, bsn, bsn)).status_code == 400


async def test_no_bsn_reaches_any_logger(client, app, superuser, caplog, monkeypatch):
    assert "999990019" in BSNS and "111222333" in BSNS  # the PIP's and the search's test BSNs
    monkeypatch.setattr(get_settings(), "demo_login", True)
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    caplog.set_level(logging.INFO)  # every logger, at the level a server may write
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as kcc:
        csrf = await logged_in(kcc, "karin")
        response = await kcc.get("/kcc", params={"soort": "bsn", "zoekterm": BSNS[0]})
        assert response.status_code == 200
        for bsn in BSNS:  # the search as the form sends it
            response = await kcc.post("/kcc", data={"csrf_token": csrf, "soort": "bsn", "zoekterm": bsn})
            assert response.status_code in (200, 400) and str(response.url).endswith("/kcc")
        await _requests_with_bsns(client, kcc, superuser)
    # What the server's loggers wrote (httpx is the test's own client, which logs the URLs it requests).
    log = "\n".join(
        caplog.handler.format(record) for record in caplog.records if record.name.split(".")[0] not in CLIENT_LOGGERS
    )
    assert_no_bsn(log)
    # The requests were logged, by their routes.
    assert "GET /kcc 200" in log and "POST /kcc 200" in log
    assert "GET /zaken/api/v1/zaken 200" in log
    assert "POST /mijn-zaken/inloggen/test 303" in log
    assert "GET /onbekend/*** 404" in log
    assert "GET /mijn-zaken/{zaak_uuid} 303" in log  # the route, not the number in the path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """``zaakgericht serve`` in its own process on a fresh SQLite database, logging at debug level; yields
    its base URL and a function that stops it and returns everything it wrote."""
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "ZAAKGERICHT_DATA_DIR": str(tmp_path),
        "ZAAKGERICHT_DATABASE_URL": "",
        "ZAAKGERICHT_BASE_URL": "",
        "ZAAKGERICHT_LOG_LEVEL": "debug",
        "ZAAKGERICHT_SERVE_DISPATCHER": "0",
        "ZAAKGERICHT_DEMO_LOGIN": "1",
    }
    command = [sys.executable, "-c", "from zaakgericht.cli import app; app()", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"

    def stop() -> str:
        process.terminate()
        output, _ = process.communicate(timeout=30)
        return output

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"zaakgericht serve stopped:\n{stop()}")
            try:
                httpx.get(f"{base}/api", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail(f"zaakgericht serve did not start:\n{stop()}")
        yield base, stop
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


async def test_zaakgericht_serve_logs_requests_without_query_strings(served):
    base, stop = served
    async with httpx.AsyncClient(base_url=base) as http:
        for bsn in BSNS:
            response = await http.get("/zaken/api/v1/zaken", params={BSN_FILTER: bsn})
            assert response.status_code in (401, 403)
            await http.get("/kcc", params={"soort": "bsn", "zoekterm": bsn})
            await http.get(f"/onbekend/{bsn}")
        assert (await _burger_login(http, BSNS[0])).status_code == 303
    output = stop()
    assert_no_bsn(output)
    # The application's access log is on; uvicorn's (which writes the request line) is off.
    assert "GET /kcc 303" in output
    assert "GET /zaken/api/v1/zaken 40" in output
    assert "POST /mijn-zaken/inloggen/test 303" in output
    assert 'HTTP/1.1"' not in output


async def test_a_failed_sql_statement_does_not_show_its_parameters():
    # What an unexpected error logs (api.component) includes the statement, never the values.
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from zaakgericht import db

    with pytest.raises(DBAPIError) as failure:
        async with db.read_session() as session:
            await session.execute(text("SELECT * FROM bestaat_niet WHERE bsn = :bsn"), {"bsn": "999990019"})
    assert "bestaat_niet" in str(failure.value)
    assert "999990019" not in str(failure.value)
