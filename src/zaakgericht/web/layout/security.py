"""Who is logged in, what they may do, and CSRF protection of every form.

The session cookie holds a random token; the session itself (medewerker, CSRF token,
expiry) lives in the ``web_sessie`` table, so logging out or deactivating an account
ends it at once in every process. Every POST/PUT/PATCH/DELETE of the web app must carry
the session's CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``); the
login form, which has no session yet, uses a double-submit cookie instead.
"""

import secrets
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from starlette.responses import Response

from ...accounts import service
from ...accounts.models import Medewerker
from ...api.urls import request_base_url
from ...db import read_session
from .kop import kop_gegevens

SESSION_COOKIE = "zaakgericht_sessie"
LOGIN_CSRF_COOKIE = "zaakgericht_login_csrf"
LOGIN_PATH = "/inloggen"
# The PIP ("Mijn zaken") for citizens, with its own sessions: see ``web/pip/security.py``.
PIP_PATH = "/mijn-zaken"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_UNKNOWN = object()


class LoginRequired(Exception):
    """Rendered as a redirect to the login page (``login_path``: the medewerkers' or the PIP's) that comes
    back to ``volgende``."""

    def __init__(self, volgende: str = "/", login_path: str = LOGIN_PATH) -> None:
        self.volgende = volgende
        self.login_path = login_path


class Forbidden(Exception):
    """Rendered as a 403 page in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


CSRF_MESSAGE = (
    "Dit formulier kon niet worden verwerkt, omdat het verlopen is of niet van deze website komt. "
    "Ga terug, laad de pagina opnieuw en probeer het nog eens."
)


def safe_volgende(value: str | None) -> str:
    """A relative path on this site to return to after login; anything else becomes ``/``."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    return value


def login_url(volgende: str, login_path: str = LOGIN_PATH) -> str:
    volgende = safe_volgende(volgende)
    return login_path if volgende == "/" else f"{login_path}?volgende={quote(volgende, safe='')}"


def is_secure(request: Request) -> bool:
    return request_base_url(request).startswith("https://")


async def get_sessie(request: Request) -> service.ActieveSessie | None:
    """The session of this request (looked up once per request), with the header's data of its medewerker
    (``request.state.kop``, rendered by every page)."""
    sessie = getattr(request.state, "sessie", _UNKNOWN)
    if sessie is _UNKNOWN:
        sessie = await service.session_for(request.cookies.get(SESSION_COOKIE, ""))
        request.state.sessie = sessie
        if sessie is not None:
            async with read_session() as session:
                request.state.kop = await kop_gegevens(session, sessie.medewerker)
    return sessie


async def current_medewerker(request: Request) -> Medewerker:
    sessie = await get_sessie(request)
    if sessie is None:
        volgende = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(volgende if request.method in SAFE_METHODS else "/")
    return sessie.medewerker


CurrentMedewerker = Annotated[Medewerker, Depends(current_medewerker)]


def require_role(*rollen: str):
    """A dependency giving the logged-in medewerker when they have one of ``rollen``; a 403 page otherwise."""

    async def dependency(medewerker: CurrentMedewerker) -> Medewerker:
        if not set(rollen) & set(medewerker.rollen):
            namen = " of ".join(service.ROLLEN[rol].lower() for rol in rollen)
            raise Forbidden(f"Deze pagina is alleen voor medewerkers met de rol {namen}.")
        return medewerker

    return Depends(dependency)


Beheerder = Annotated[Medewerker, require_role("beheerder")]


async def csrf_protect(request: Request) -> None:
    """Refuses a state-changing request without the right CSRF token (every route of the web app)."""
    if request.method in SAFE_METHODS:
        return
    submitted = request.headers.get("x-csrf-token", "")
    if not submitted:
        form = await request.form()
        value = form.get("csrf_token")
        submitted = value if isinstance(value, str) else ""
    if request.url.path == LOGIN_PATH:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    elif request.url.path.startswith(PIP_PATH):
        from ..pip.security import pip_csrf_token  # the PIP's own sessions and login form

        expected = await pip_csrf_token(request)
    else:
        sessie = await get_sessie(request)
        if sessie is None:
            # Nothing can be changed without a session: the person logs in (again) first.
            raise LoginRequired("/")
        expected = sessie.csrf_token
    if not expected or not submitted or not secrets.compare_digest(expected.encode(), submitted.encode()):
        raise Forbidden(CSRF_MESSAGE)


def login_csrf_token(request: Request, cookie: str = LOGIN_CSRF_COOKIE) -> str:
    """The double-submit token of a login form (the medewerker's, or the citizen's with its own cookie):
    the cookie's value, or a new one."""
    token = request.cookies.get(cookie, "")
    return token if 20 <= len(token) <= 100 else secrets.token_urlsafe(32)


def set_login_csrf_cookie(
    request: Request, response: Response, token: str, cookie: str = LOGIN_CSRF_COOKIE, path: str = LOGIN_PATH
) -> None:
    response.set_cookie(cookie, token, path=path, httponly=True, samesite="lax", secure=is_secure(request))


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    # No max-age: the browser forgets it when closed; the server ends it after inactivity.
    response.set_cookie(SESSION_COOKIE, token, path="/", httponly=True, samesite="lax", secure=is_secure(request))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=LOGIN_PATH)


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=is_secure(request))
