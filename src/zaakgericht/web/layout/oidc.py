"""Logging in through an OpenID Connect provider of the organisation (e.g. Keycloak).

Authorization code flow with PKCE, using Authlib's httpx client and the provider's discovery
document. State, nonce, PKCE verifier and the page to return to travel in a short-lived
HttpOnly cookie. The id_token is verified with the provider's keys (or, for HS256, the client
secret) and must name our client, the configured issuer and the nonce. The medewerker whose
``oidc_subject`` is the token's ``sub``, or whose gebruikersnaam is the configured claim, is
logged in; accounts are never created here.

The flow itself (``authorization_redirect``, ``verified_callback``) serves any ``OidcClient``: the PIP uses
it for citizens' logins through a DigiD/eHerkenning broker (``web/pip/inloggen.py``).
"""

import base64
import json
import secrets
import time
import warnings
from dataclasses import dataclass
from urllib.parse import quote, unquote

import authlib.deprecate  # noqa: F401  (installs Authlib's "always" filter first, so ours below wins)
import httpx
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OctKey
from starlette.responses import Response

from ...accounts import service
from ...api import outgoing
from ...api.urls import request_base_url
from ...settings import get_settings
from .security import SESSION_COOKIE, safe_volgende, set_session_cookie
from .views import login_page

with warnings.catch_warnings():
    # Authlib announces a move to "httpx2"; its httpx client still works as documented.
    warnings.simplefilter("ignore")
    from authlib.common.errors import AuthlibBaseError
    from authlib.integrations.httpx_client import AsyncOAuth2Client
    from authlib.oauth2.rfc7636 import create_s256_code_challenge

router = APIRouter()

OIDC_COOKIE = "zaakgericht_oidc"
OIDC_PATH = "/inloggen/oidc"
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "HS256"]
_DISCOVERY_SECONDS = 3600

NOT_CONFIGURED = "Inloggen via uw organisatie is niet ingesteld."
FAILED = "Inloggen via uw organisatie is mislukt. Probeer het opnieuw."
NO_ACCOUNT = (
    "U bent bij uw organisatie ingelogd, maar er is in Zaakgericht geen actief account voor u. "
    "Vraag een beheerder om een account."
)

# issuer -> (fetched at, discovery document, jwks)
_provider_cache: dict[str, tuple[float, dict, dict]] = {}


class OidcError(Exception):
    pass


async def _provider(issuer: str, *, refresh: bool = False) -> tuple[dict, dict]:
    cached = _provider_cache.get(issuer)
    if cached and not refresh and time.monotonic() - cached[0] < _DISCOVERY_SECONDS:
        return cached[1], cached[2]
    timeout = get_settings().remote_timeout_seconds
    # The operator configured the issuer; the endpoints its discovery document names are the provider's.
    trusted = [issuer]
    try:
        async with outgoing.client(lambda: outgoing.url_hosts(trusted), timeout=timeout) as client:
            response = await client.get(f"{issuer.rstrip('/')}/.well-known/openid-configuration")
            response.raise_for_status()
            discovery = response.json()
            jwks = {"keys": []}
            if discovery.get("jwks_uri"):
                trusted.append(discovery["jwks_uri"])
                response = await client.get(discovery["jwks_uri"])
                response.raise_for_status()
                jwks = response.json()
    except (httpx.HTTPError, ValueError, outgoing.Refused) as exc:
        raise OidcError(f"discovery: {exc}") from exc
    if discovery.get("issuer") != issuer:
        raise OidcError("the discovery document names another issuer")
    _provider_cache[issuer] = (time.monotonic(), discovery, jwks)
    return discovery, jwks


@dataclass(frozen=True)
class OidcClient:
    """One relying party of this application at one provider: the medewerkers' login, or the PIP's broker."""

    issuer: str
    client_id: str
    client_secret: str
    scope: str
    path: str  # the login route; the provider sends the browser back to ``{path}/callback``
    cookie: str  # holds state, nonce, PKCE verifier and the page to return to, for 10 minutes


def medewerker_client() -> OidcClient:
    settings = get_settings()
    return OidcClient(
        issuer=settings.oidc_issuer,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        scope=settings.oidc_scope,
        path=OIDC_PATH,
        cookie=OIDC_COOKIE,
    )


def _client(config: OidcClient, discovery: dict) -> AsyncOAuth2Client:
    trusted = outgoing.url_hosts([config.issuer, str(discovery.get("token_endpoint", ""))])
    return AsyncOAuth2Client(
        client_id=config.client_id,
        client_secret=config.client_secret,
        scope=config.scope,
        timeout=get_settings().remote_timeout_seconds,
        transport=outgoing.CheckedTransport(lambda: trusted),
        trust_env=False,
    )


def _redirect_uri(request: Request, config: OidcClient) -> str:
    return f"{request_base_url(request)}{config.path}/callback"


async def authorization_redirect(
    request: Request, config: OidcClient, volgende: str, extra: dict[str, str] | None = None
) -> Response:
    """Send the browser to the provider (``extra``: more parameters, e.g. which identity provider to use).

    Raises OidcError when the provider cannot be reached."""
    discovery, _ = await _provider(config.issuer)
    state, nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48)
    async with _client(config, discovery) as client:
        url, _ = client.create_authorization_url(
            discovery["authorization_endpoint"],
            state=state,
            nonce=nonce,
            redirect_uri=_redirect_uri(request, config),
            code_challenge=create_s256_code_challenge(verifier),
            code_challenge_method="S256",
            **(extra or {}),
        )
    response = RedirectResponse(url, status_code=302)
    value = quote(json.dumps([state, nonce, verifier, safe_volgende(volgende)]), safe="")
    response.set_cookie(
        config.cookie,
        value,
        max_age=600,
        path=config.path,
        httponly=True,
        samesite="lax",
        secure=request_base_url(request).startswith("https://"),
    )
    return response


@router.get(OIDC_PATH)
async def start(request: Request, volgende: str = "/") -> Response:
    config = medewerker_client()
    if not config.issuer:
        return login_page(request, volgende=volgende, fout=NOT_CONFIGURED, status_code=404)
    try:
        return await authorization_redirect(request, config, volgende)
    except OidcError:
        return login_page(request, volgende=volgende, fout=FAILED, status_code=502)


def _read_cookie(request: Request, config: OidcClient) -> tuple[str, str, str, str] | None:
    try:
        state, nonce, verifier, volgende = json.loads(unquote(request.cookies.get(config.cookie, "")))
    except (ValueError, TypeError):
        return None
    if not all(isinstance(value, str) for value in (state, nonce, verifier, volgende)):
        return None
    return state, nonce, verifier, volgende


def saved_volgende(request: Request, config: OidcClient) -> str:
    """The page to return to after this login, from the flow's cookie ("/" without one)."""
    saved = _read_cookie(request, config)
    return saved[3] if saved else "/"


async def _verified_claims(config: OidcClient, id_token: str, nonce: str) -> dict:
    token = None
    for refresh in (False, True):  # an unknown key: the provider may have rotated its keys
        _, jwks = await _provider(config.issuer, refresh=refresh)
        try:
            token = jwt.decode(id_token, _key_for(config, id_token, jwks), algorithms=ALGORITHMS)
            break
        except (JoseError, ValueError) as exc:
            if refresh:
                raise OidcError(f"id_token: {exc}") from exc
    registry = jwt.JWTClaimsRegistry(
        leeway=60,
        iss={"essential": True, "value": config.issuer},
        aud={"essential": True, "value": config.client_id},
        sub={"essential": True},
        exp={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(token.claims)
    except JoseError as exc:
        raise OidcError(f"id_token claims: {exc}") from exc
    return token.claims


def _key_for(config: OidcClient, id_token: str, jwks: dict):
    """HS256 tokens are signed with the client secret, others with a key of the provider's JWKS."""
    encoded = id_token.split(".", 1)[0]
    header = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    if str(header.get("alg", "")).startswith("HS"):
        return OctKey.import_key(config.client_secret)
    return KeySet.import_key_set(jwks)


async def verified_callback(request: Request, config: OidcClient) -> dict:
    """The verified claims of the id_token the provider's answer (the callback request) leads to.

    Raises OidcError for a missing or wrong state, an error answer, or a token that does not verify."""
    saved = _read_cookie(request, config)
    params = request.query_params
    if saved is None or "error" in params or not params.get("code"):
        raise OidcError("no code or no saved state")
    state, nonce, verifier, _ = saved
    if not secrets.compare_digest(params.get("state", "").encode(), state.encode()):
        raise OidcError("wrong state")
    try:
        discovery, _ = await _provider(config.issuer)
        async with _client(config, discovery) as client:
            token = await client.fetch_token(
                discovery["token_endpoint"],
                code=params["code"],
                redirect_uri=_redirect_uri(request, config),
                code_verifier=verifier,
            )
        if not token.get("id_token"):
            raise OidcError("no id_token")
        return await _verified_claims(config, token["id_token"], nonce)
    except (AuthlibBaseError, httpx.HTTPError, ValueError, KeyError, TypeError, outgoing.Refused) as exc:
        raise OidcError(str(exc)) from exc


@router.get(f"{OIDC_PATH}/callback")
async def callback(request: Request) -> Response:
    settings = get_settings()
    config = medewerker_client()
    volgende = saved_volgende(request, config)
    if not config.issuer:
        return login_page(request, volgende=volgende, fout=NOT_CONFIGURED, status_code=404)
    try:
        claims = await verified_callback(request, config)
    except OidcError:
        return _refused(request, volgende, FAILED, 400)
    gebruikersnaam = claims.get(settings.oidc_username_claim)
    try:
        _, sessie = await service.log_in_oidc(
            gebruikersnaam if isinstance(gebruikersnaam, str) else "", str(claims.get("sub", ""))
        )
    except service.LoginFailed:
        return _refused(request, volgende, NO_ACCOUNT, 403)
    if old := request.cookies.get(SESSION_COOKIE):
        await service.end_session(old)
    response = RedirectResponse(safe_volgende(volgende), status_code=303)
    set_session_cookie(request, response, sessie.token)
    response.delete_cookie(OIDC_COOKIE, path=OIDC_PATH)
    return response


def _refused(request: Request, volgende: str, message: str, status_code: int) -> Response:
    response = login_page(request, volgende=volgende, fout=message, status_code=status_code)
    response.delete_cookie(OIDC_COOKIE, path=OIDC_PATH)
    return response
