"""Logging in through OpenID Connect, against a small real provider served over HTTP inside the test."""

import base64
import hashlib
import secrets
import socket
import threading
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from tests.web.accounts_fixtures import make_medewerker
from zaakgericht import db
from zaakgericht.accounts.models import Medewerker
from zaakgericht.settings import get_settings

CLIENT_ID = "zaakgericht"
CLIENT_SECRET = "provider-geheim"


class Provider:
    """An OpenID provider that approves every authorization request for ``self.claims``."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"})
        self.issuer = ""
        self.claims: dict = {}
        self.tamper = ""
        self.codes: dict[str, dict] = {}
        self.app = Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/jwks", self.jwks),
            ]
        )

    async def discovery(self, request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def authorize(self, request: Request) -> RedirectResponse:
        params = request.query_params
        assert params["client_id"] == CLIENT_ID and params["response_type"] == "code"
        assert params["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": params["nonce"],
            "challenge": params["code_challenge"],
            "redirect_uri": params["redirect_uri"],
        }
        return RedirectResponse(f"{params['redirect_uri']}?{urlencode({'code': code, 'state': params['state']})}")

    async def token(self, request: Request) -> JSONResponse:
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != expected:
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        form = await request.form()
        grant = self.codes.pop(str(form.get("code")), None)
        verifier = str(form.get("code_verifier", ""))
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri") or grant["challenge"] != challenge:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": "andere-nonce" if self.tamper == "nonce" else grant["nonce"],
            **self.claims,
        }
        key = self.other_key if self.tamper == "key" else self.key
        id_token = jwt.encode({"alg": "RS256", "kid": "sleutel-1"}, claims, key)
        return JSONResponse(
            {"access_token": "toegang", "token_type": "Bearer", "expires_in": 300, "id_token": id_token}
        )

    async def jwks(self, request: Request) -> JSONResponse:
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})


@pytest.fixture(scope="module")
def provider():
    provider = Provider()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider.issuer = f"http://127.0.0.1:{port}"
    server = uvicorn.Server(uvicorn.Config(provider.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield provider
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def oidc(provider, monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "oidc_issuer", provider.issuer)
    monkeypatch.setattr(settings, "oidc_client_id", CLIENT_ID)
    monkeypatch.setattr(settings, "oidc_client_secret", CLIENT_SECRET)
    provider.claims = {"sub": "f3a1-subject", "preferred_username": "piet"}
    provider.tamper = ""
    return provider


async def _oidc_login(client: httpx.AsyncClient, volgende: str = "/") -> httpx.Response:
    """What the browser does: to us, to the provider (which approves at once), back to our callback."""
    start = await client.get("/inloggen/oidc", params={"volgende": volgende})
    assert start.status_code == 302
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(start.headers["location"])
    assert approved.status_code in (302, 307)
    callback = urlsplit(approved.headers["location"])
    assert callback.path == "/inloggen/oidc/callback"
    return await client.get(f"{callback.path}?{callback.query}")


async def test_the_login_page_offers_oidc_when_configured(client, oidc):
    page = await client.get("/inloggen")
    assert 'href="/inloggen/oidc"' in page.text


async def test_login_page_without_oidc_does_not_offer_it(client):
    page = await client.get("/inloggen")
    assert "/inloggen/oidc" not in page.text
    assert (await client.get("/inloggen/oidc")).status_code == 404


async def test_the_provider_is_asked_with_state_nonce_and_pkce(client, oidc):
    start = await client.get("/inloggen/oidc")
    query = parse_qs(urlsplit(start.headers["location"]).query)
    assert start.headers["location"].startswith(f"{oidc.issuer}/authorize?")
    assert query["redirect_uri"] == ["http://testserver/inloggen/oidc/callback"]
    assert query["scope"] == ["openid profile email"]
    assert query["state"] and query["nonce"] and query["code_challenge"]
    assert "httponly" in start.headers["set-cookie"].lower()


async def test_a_known_medewerker_logs_in_through_the_provider(client, oidc):
    await make_medewerker("piet", naam="Piet Pienter", wachtwoord=None)
    response = await _oidc_login(client, volgende="/?tab=1")
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/?tab=1"
    start = await client.get("/")
    assert start.status_code == 200 and "Piet Pienter" in start.text


async def test_the_oidc_subject_of_an_account_matches_too(client, oidc):
    await make_medewerker("p.pienter", naam="Piet Pienter", oidc_subject="f3a1-subject")
    oidc.claims = {"sub": "f3a1-subject", "preferred_username": "iemand-anders"}
    response = await _oidc_login(client)
    assert response.status_code == 303
    assert "Piet Pienter" in (await client.get("/")).text


async def test_an_unknown_person_is_refused_and_no_account_is_created(client, oidc):
    oidc.claims = {"sub": "onbekend", "preferred_username": "onbekend"}
    response = await _oidc_login(client)
    assert response.status_code == 403
    assert "geen actief account" in response.text
    async with db.read_session() as session:
        assert await session.scalar(select(func.count()).select_from(Medewerker)) == 0
    assert (await client.get("/")).status_code == 303


async def test_an_inactive_account_is_refused(client, oidc):
    from zaakgericht.accounts import service

    await make_medewerker("piet")
    async with db.write_session() as session:
        await service.set_actief(session, await service.get_by_gebruikersnaam(session, "piet"), False)
    assert (await _oidc_login(client)).status_code == 403


@pytest.mark.parametrize("tamper", ["nonce", "key"])
async def test_an_id_token_with_a_wrong_nonce_or_signature_is_refused(client, oidc, tamper):
    await make_medewerker("piet")
    oidc.tamper = tamper
    response = await _oidc_login(client)
    assert response.status_code == 400
    assert "Inloggen via uw organisatie is mislukt" in response.text
    assert (await client.get("/")).status_code == 303


async def test_a_callback_with_another_state_is_refused(client, oidc):
    await make_medewerker("piet")
    start = await client.get("/inloggen/oidc")
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(start.headers["location"])
    callback = urlsplit(approved.headers["location"])
    query = {key: values[0] for key, values in parse_qs(callback.query).items()}
    response = await client.get(callback.path, params={**query, "state": "vervalst"})
    assert response.status_code == 400
    assert (await client.get("/")).status_code == 303


async def test_a_callback_without_the_cookie_of_this_browser_is_refused(client, oidc):
    await make_medewerker("piet")
    start = await client.get("/inloggen/oidc")
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(start.headers["location"])
    client.cookies.clear()
    callback = urlsplit(approved.headers["location"])
    response = await client.get(f"{callback.path}?{callback.query}")
    assert response.status_code == 400
