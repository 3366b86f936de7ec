"""Outgoing requests go only to listed hosts (api/outgoing.py): fetched URLs and abonnement callbacks.

Real servers listen on 127.0.0.1 and [::1] and record every request; a refused URL must get ``bad-url``
with one message, whether or not something listens there, and no request may reach a server.
"""

import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from tests.besluiten.factories import BESLUITEN, besluit_body, create_catalogue
from tests.helpers import invalid_params
from tests.notificaties.conftest import Subscriber
from tests.oas import assert_oas
from tests.smtp import Clock
from zaakgericht import db
from zaakgericht.api import outgoing
from zaakgericht.notificaties.models import OutboxMessage
from zaakgericht.settings import Settings, get_settings

NOTIFICATIES = "http://testserver/notificaties/api/v1"
REFUSED = outgoing.REFUSED_REASON


class _Recorder(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.server.requests.append(self.path)
        if self.server.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = _answer  # noqa: N815 (the http.server API)

    def log_message(self, *args) -> None:
        pass


class _V6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _serve(host: str = "127.0.0.1"):
    server = (_V6Server if ":" in host else ThreadingHTTPServer)((host, 0), _Recorder)
    server.requests = []
    server.redirect_to = None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture
def listening():
    """Starts recording servers on demand (``listening("::1")``) and stops them afterwards."""
    started = []

    def start(host: str = "127.0.0.1"):
        server, thread = _serve(host)
        started.append((server, thread))
        return server

    yield start
    for server, thread in started:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def only_loopback_connections(monkeypatch):
    """A guard, not part of what is tested: no test here may ever open a connection off this machine."""
    attempts = []
    original = socket.socket.connect

    def connect(self, address):
        attempts.append(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1"):
            raise OSError("test guard: no connections off this machine")
        return original(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


def _url(server, path: str = "/internal/admin") -> str:
    host, port = server.server_address[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{path}"


async def _post_besluit(client, headers, catalogue, zaak: str):
    body = besluit_body(catalogue.besluittype, zaak=zaak)
    response = await client.post(f"{BESLUITEN}/besluiten", json=body, headers=headers)
    assert_oas(response)
    return response


def _reason(response) -> str:
    [param] = response.json()["invalidParams"]
    return param["reason"]


async def test_a_url_of_an_unlisted_host_is_refused_without_a_request(
    client, superuser, listening, monkeypatch, only_loopback_connections
):
    catalogue = await create_catalogue(client, superuser)
    listed, unlisted, v6 = listening(), listening(), listening("::1")
    monkeypatch.setattr(get_settings(), "remote_hosts", f"127.0.0.1:{listed.server_address[1]}")
    silent_port = listed.server_address[1] + 1 if listed.server_address[1] < 65535 else 1
    cases = [
        _url(unlisted),  # another port of a listed address
        f"http://127.0.0.1:{silent_port}/internal/admin",  # the same, most likely with nothing listening
        _url(v6),  # [::1]
        f"http://localhost:{unlisted.server_address[1]}/internal/admin",  # a name for 127.0.0.1
        "http://10.0.0.1/internal/admin",  # a private range
        "http://169.254.169.254/latest/meta-data/",  # link-local: a cloud's metadata service
        "http://[::ffff:127.0.0.1]/internal/admin",  # 127.0.0.1 written as IPv6
        "http://2130706433/internal/admin",  # 127.0.0.1 written as a number
    ]
    for url in cases:
        response = await _post_besluit(client, superuser, catalogue, url)
        assert invalid_params(response) == {"zaak": "bad-url"}, url
        assert _reason(response) == REFUSED.format(url=url), url
    assert unlisted.requests == [] and v6.requests == [] and listed.requests == []
    # Nothing was even connected to (the database may connect meanwhile, on its own port).
    ports = {listed.server_address[1], unlisted.server_address[1], v6.server_address[1], silent_port, 80}
    assert [address for address in only_loopback_connections if address[1] in ports] == []


async def test_a_listed_name_is_refused_when_it_resolves_to_an_unlisted_private_address(
    client, superuser, listening, monkeypatch, only_loopback_connections
):
    catalogue = await create_catalogue(client, superuser)
    server = listening()
    port = server.server_address[1]
    monkeypatch.setattr(get_settings(), "remote_hosts", f"localhost:{port}")
    url = f"http://localhost:{port}/internal/admin"
    response = await _post_besluit(client, superuser, catalogue, url)
    assert invalid_params(response) == {"zaak": "bad-url"}
    assert _reason(response) == REFUSED.format(url=url)
    assert server.requests == []
    assert [address for address in only_loopback_connections if address[1] == port] == []
    # Listing the address too allows it: then the request is made (and the answer is not a zaak).
    monkeypatch.setattr(get_settings(), "remote_hosts", f"localhost:{port}, 127.0.0.1:{port}, [::1]:{port}")
    response = await _post_besluit(client, superuser, catalogue, url)
    assert server.requests == ["/internal/admin"]
    assert ("127.0.0.1", port) in only_loopback_connections  # the guard sees the connections that are made
    assert _reason(response) != REFUSED.format(url=url)


async def test_each_hop_of_a_redirect_is_checked(client, superuser, listening, monkeypatch):
    catalogue = await create_catalogue(client, superuser)
    redirector, target = listening(), listening()
    redirector.redirect_to = _url(target)
    monkeypatch.setattr(get_settings(), "remote_hosts", f"127.0.0.1:{redirector.server_address[1]}")
    url = _url(redirector, "/zaken/api/v1/zaken/1")
    response = await _post_besluit(client, superuser, catalogue, url)
    assert invalid_params(response) == {"zaak": "bad-url"}
    assert _reason(response) == REFUSED.format(url=url)
    assert redirector.requests == ["/zaken/api/v1/zaken/1"] and target.requests == []


async def _abonnement(client, headers, callback: str):
    body = {"callbackUrl": callback, "auth": "Bearer abonnee-geheim", "kanalen": [{"naam": "zaken"}]}
    return await client.post(f"{NOTIFICATIES}/abonnement", json=body, headers=headers)


async def test_an_abonnement_may_only_call_back_to_a_listed_host(client, superuser, monkeypatch):
    monkeypatch.setattr(get_settings(), "callback_hosts", "ontvanger.nl, 127.0.0.1:8443")
    for callback in (
        "http://127.0.0.1:5432/",
        "http://localhost:8443/callback",
        "http://10.1.2.3/callback",
        "http://169.254.169.254/callback",
        "http://[::1]:8443/callback",
        "https://ander.nl/callback",
    ):
        response = await _abonnement(client, superuser, callback)
        assert_oas(response)
        assert invalid_params(response) == {"callbackUrl": "bad-url"}, callback
        assert _reason(response) == REFUSED.format(url=callback)
    for callback in ("https://ontvanger.nl/callback", "http://127.0.0.1:8443/callback"):
        assert (await _abonnement(client, superuser, callback)).status_code == 201, callback


async def test_a_callback_no_longer_listed_is_dead_at_delivery_without_a_request(client, superuser, monkeypatch):
    subscriber = Subscriber.started()
    try:
        assert (await _abonnement(client, superuser, subscriber.url)).status_code == 201
        monkeypatch.setattr(get_settings(), "callback_hosts", "ontvanger.nl")
        body = {
            "kanaal": "zaken",
            "hoofdObject": "https://zaken.nl/api/v1/zaken/1",
            "resource": "zaak",
            "resourceUrl": "https://zaken.nl/api/v1/zaken/1",
            "actie": "create",
            "aanmaakdatum": "2026-11-22T10:00:00Z",
            "kenmerken": {},
        }
        assert (await client.post(f"{NOTIFICATIES}/notificaties", json=body, headers=superuser)).status_code == 200
        clock = Clock()
        await clock.dispatch()
        await clock.dispatch(timedelta(hours=1))
        assert subscriber.received == []
        async with db.read_session() as session:
            [row] = (await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "webhook"))).all()
        assert row.dead_at is not None and row.attempts == 1 and "ZAAKGERICHT_CALLBACK_HOSTS" in row.last_error
    finally:
        subscriber.stop()


@pytest.mark.parametrize(
    ("text", "url", "allowed"),
    [
        ("zaken.nl", "https://zaken.nl/api", True),
        ("zaken.nl", "https://ZAKEN.nl./api", True),
        ("zaken.nl:8443", "https://zaken.nl/api", False),
        ("zaken.nl:8443", "https://zaken.nl:8443/api", True),
        ("10.0.0.0/8", "http://10.20.30.40/", True),
        ("10.0.0.0/8:80", "http://10.20.30.40:8080/", False),
        ("[::1]:8000", "http://[::1]:8000/", True),
        ("::1", "http://[::1]:9/", True),
        ("zaken.nl", "ftp://zaken.nl/", False),
        ("zaken.nl", "https://zaken.nl.evil.nl/", False),
        ("zaken.nl", "https://evil.nl/?zaken.nl", False),
        ("zaken.nl", "https://zaken.nl@evil.nl/", False),
        ("", "https://zaken.nl/", False),
    ],
)
def test_host_lists(text, url, allowed):
    assert outgoing.is_allowed(url, outgoing.parse_hosts(text)) is allowed


@pytest.mark.parametrize("text", ["zaken.nl:abc", "zaken.nl:0", "[::1]:70000"])
def test_a_mistyped_host_list_stops_the_start(text):
    with pytest.raises(ValueError, match="remote_hosts"):
        Settings(remote_hosts=text)
    with pytest.raises(ValueError, match="callback_hosts"):
        Settings(callback_hosts=text)
