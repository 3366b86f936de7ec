"""Who is logged in to the PIP: citizen sessions, apart from the medewerkers'.

The cookie ``zaakgericht_burger`` holds a random token of a ``burger_sessie``; a medewerker's session gives
no access to the PIP, nor a citizen's to the medewerkers' pages. POSTs under ``/mijn-zaken`` carry the
citizen session's CSRF token (checked by ``layout.security.csrf_protect``); the test login form, which has
no session yet, a double-submit cookie of its own.
"""

from typing import Annotated

from fastapi import Depends, Request
from starlette.responses import Response

from ...burgers import service
from ..layout.security import PIP_PATH, SAFE_METHODS, LoginRequired, is_secure

BURGER_COOKIE = "zaakgericht_burger"
PIP_LOGIN_PATH = f"{PIP_PATH}/inloggen"
PIP_LOGIN_CSRF_COOKIE = "zaakgericht_pip_login_csrf"
_UNKNOWN = object()


async def get_burger_sessie(request: Request) -> service.ActieveSessie | None:
    """The citizen session of this request (looked up once per request)."""
    sessie = getattr(request.state, "burger_sessie", _UNKNOWN)
    if sessie is _UNKNOWN:
        sessie = await service.session_for(request.cookies.get(BURGER_COOKIE, ""))
        request.state.burger_sessie = sessie
    return sessie


async def current_burger(request: Request) -> service.ActieveSessie:
    sessie = await get_burger_sessie(request)
    if sessie is None:
        volgende = request.url.path if request.method in SAFE_METHODS else PIP_PATH
        raise LoginRequired(volgende, PIP_LOGIN_PATH)
    return sessie


CurrentBurger = Annotated[service.ActieveSessie, Depends(current_burger)]


async def pip_csrf_token(request: Request) -> str:
    """The CSRF token a POST under /mijn-zaken must carry: the login form's cookie, or the session's."""
    if request.url.path.startswith(PIP_LOGIN_PATH):
        return request.cookies.get(PIP_LOGIN_CSRF_COOKIE, "")
    sessie = await get_burger_sessie(request)
    if sessie is None:
        raise LoginRequired(PIP_PATH, PIP_LOGIN_PATH)
    return sessie.csrf_token


def set_burger_cookie(request: Request, response: Response, token: str) -> None:
    # No max-age: the browser forgets it when closed; the server ends it after 15 minutes without a request.
    response.set_cookie(BURGER_COOKIE, token, path=PIP_PATH, httponly=True, samesite="lax", secure=is_secure(request))
    response.delete_cookie(PIP_LOGIN_CSRF_COOKIE, path=PIP_LOGIN_PATH)


def clear_burger_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(BURGER_COOKIE, path=PIP_PATH, httponly=True, samesite="lax", secure=is_secure(request))
