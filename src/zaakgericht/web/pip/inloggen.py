"""Logging in to the PIP: DigiD (BSN) and eHerkenning (KvK-nummer) through the municipality's OpenID Connect
broker, and, for demos only, a test login where one types a BSN or KvK-nummer.

The broker is asked for DigiD or eHerkenning with the configured extra parameters of the authorization
request (``ZAAKGERICHT_BURGER_OIDC_DIGID_PARAMS`` / ``..._EHERKENNING_PARAMS``, e.g. ``kc_idp_hint=digid``);
what the person is follows from the id_token: the BSN claim makes a DigiD login, the KvK claim an
eHerkenning login, a token with neither (or both) is refused. The test login exists only while
``Settings.demo_login_enabled``; otherwise its page is a 404.
"""

import re
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...api.schemas import passes_elfproef
from ...burgers import service
from ...settings import get_settings
from ..layout.oidc import OidcClient, OidcError, authorization_redirect, saved_volgende, verified_callback
from ..layout.security import PIP_PATH, login_csrf_token, set_login_csrf_cookie
from .pagina import render_pip
from .security import (
    BURGER_COOKIE,
    PIP_LOGIN_CSRF_COOKIE,
    PIP_LOGIN_PATH,
    clear_burger_cookie,
    get_burger_sessie,
    set_burger_cookie,
)

router = APIRouter()

OIDC_PATH = f"{PIP_LOGIN_PATH}/oidc"
OIDC_COOKIE = "zaakgericht_pip_oidc"
TEST_PATH = f"{PIP_LOGIN_PATH}/test"

MISLUKT = "Inloggen is niet gelukt. Probeer het opnieuw."
GEEN_NUMMER = (
    "Inloggen is gelukt, maar we hebben geen BSN of KvK-nummer van u ontvangen. "
    "Daarom kunt u Mijn zaken niet bekijken. Neem contact op met de gemeente."
)


def _broker() -> OidcClient:
    settings = get_settings()
    return OidcClient(
        issuer=settings.burger_oidc_issuer,
        client_id=settings.burger_oidc_client_id,
        client_secret=settings.burger_oidc_client_secret,
        scope=settings.burger_oidc_scope,
        path=OIDC_PATH,
        cookie=OIDC_COOKIE,
    )


def _pip_volgende(value: str | None) -> str:
    """Only pages of the PIP itself (with its e-formulieren) are returned to after login."""
    if value and (
        re.fullmatch(r"/mijn-zaken(/[0-9a-fA-F-]{36})?", value)
        or re.fullmatch(r"/mijn-zaken/formulieren(/[A-Za-z0-9._~%-]{1,100}){0,3}", value)
    ):
        return value
    return PIP_PATH


def _login_page(request: Request, *, volgende: str = PIP_PATH, fout: str = "", status_code: int = 200) -> Response:
    return render_pip(
        request,
        "pip/inloggen.html",
        {
            "volgende": _pip_volgende(volgende),
            "fout": fout,
            "broker": bool(get_settings().burger_oidc_issuer),
            "test_login": get_settings().demo_login_enabled,
        },
        status_code=status_code,
    )


@router.get(PIP_LOGIN_PATH)
async def inloggen(request: Request, volgende: str = PIP_PATH) -> Response:
    if await get_burger_sessie(request) is not None:
        return RedirectResponse(_pip_volgende(volgende), status_code=303)
    return _login_page(request, volgende=volgende)


async def _start(request: Request, volgende: str, params: str) -> Response:
    config = _broker()
    if not config.issuer:
        raise HTTPException(404)
    try:
        return await authorization_redirect(request, config, _pip_volgende(volgende), dict(parse_qsl(params)))
    except OidcError:
        return _login_page(request, volgende=volgende, fout=MISLUKT, status_code=502)


@router.get(f"{PIP_LOGIN_PATH}/digid")
async def digid(request: Request, volgende: str = PIP_PATH) -> Response:
    return await _start(request, volgende, get_settings().burger_oidc_digid_params)


@router.get(f"{PIP_LOGIN_PATH}/eherkenning")
async def eherkenning(request: Request, volgende: str = PIP_PATH) -> Response:
    return await _start(request, volgende, get_settings().burger_oidc_eherkenning_params)


def identiteit_uit(claims: dict) -> service.Identiteit | None:
    """The citizen (BSN claim, nine digits passing the elfproef) or company (KvK claim, eight digits) the
    token names; None for neither or both."""
    settings = get_settings()
    bsn, kvk = claims.get(settings.burger_oidc_bsn_claim), claims.get(settings.burger_oidc_kvk_claim)
    bsn = bsn if isinstance(bsn, str) and _bsn_fout(bsn) == "" else None
    kvk = kvk if isinstance(kvk, str) and _kvk_fout(kvk) == "" else None
    if (bsn is None) == (kvk is None):
        return None
    naam = claims.get("name")
    return service.Identiteit(
        bsn=bsn,
        kvk_nummer=kvk,
        naam=naam if isinstance(naam, str) else "",
        methode="digid" if bsn else "eherkenning",
    )


async def _logged_in(request: Request, identiteit: service.Identiteit, volgende: str) -> Response:
    if old := request.cookies.get(BURGER_COOKIE):
        await service.end_session(old)
    sessie = await service.log_in(identiteit)
    response = RedirectResponse(_pip_volgende(volgende), status_code=303)
    set_burger_cookie(request, response, sessie.token)
    return response


@router.get(f"{OIDC_PATH}/callback")
async def callback(request: Request) -> Response:
    config = _broker()
    if not config.issuer:
        raise HTTPException(404)
    volgende = saved_volgende(request, config)
    try:
        claims = await verified_callback(request, config)
    except OidcError:
        return _refused(request, volgende, MISLUKT, 400)
    identiteit = identiteit_uit(claims)
    if identiteit is None:
        return _refused(request, volgende, GEEN_NUMMER, 403)
    response = await _logged_in(request, identiteit, volgende)
    response.delete_cookie(OIDC_COOKIE, path=OIDC_PATH)
    return response


def _refused(request: Request, volgende: str, fout: str, status_code: int) -> Response:
    response = _login_page(request, volgende=volgende, fout=fout, status_code=status_code)
    response.delete_cookie(OIDC_COOKIE, path=OIDC_PATH)
    return response


# --- the test login (demos only) ------------------------------------------------------------------------


def _bsn_fout(bsn: str) -> str:
    if len(bsn) != 9 or not bsn.isdigit() or not bsn.isascii():
        return "Een BSN bestaat uit precies 9 cijfers."
    if not passes_elfproef(bsn):
        return "Dit BSN voldoet niet aan de elfproef. Controleer het nummer."
    return ""


def _kvk_fout(kvk: str) -> str:
    if len(kvk) != 8 or not kvk.isdigit() or not kvk.isascii():
        return "Een KvK-nummer bestaat uit precies 8 cijfers."
    return ""


def _test_page(
    request: Request, *, volgende: str, waarden: dict | None = None, fouten: dict | None = None, status_code: int = 200
) -> Response:
    token = login_csrf_token(request, PIP_LOGIN_CSRF_COOKIE)
    response = render_pip(
        request,
        "pip/testlogin.html",
        {
            "login_csrf_token": token,
            "volgende": _pip_volgende(volgende),
            "waarden": waarden or {"soort": "bsn"},
            "fouten": fouten or {},
        },
        status_code=status_code,
    )
    set_login_csrf_cookie(request, response, token, PIP_LOGIN_CSRF_COOKIE, PIP_LOGIN_PATH)
    return response


def _ensure_test_login() -> None:
    if not get_settings().demo_login_enabled:
        raise HTTPException(404)


@router.get(TEST_PATH)
async def testlogin_formulier(request: Request, volgende: str = PIP_PATH) -> Response:
    _ensure_test_login()
    return _test_page(request, volgende=volgende)


@router.post(TEST_PATH)
async def testlogin(request: Request) -> Response:
    _ensure_test_login()
    form = await request.form()
    waarden = {veld: str(form.get(veld, "")).strip() for veld in ("soort", "nummer", "volgende")}
    nummer = re.sub(r"[\s.]", "", waarden["nummer"])
    fouten = {}
    if waarden["soort"] not in ("bsn", "kvk"):
        fouten["soort"] = "Kies of u inlogt als inwoner (BSN) of als bedrijf (KvK-nummer)."
    elif not nummer:
        fouten["nummer"] = "Vul een BSN in." if waarden["soort"] == "bsn" else "Vul een KvK-nummer in."
    elif fout := (_bsn_fout(nummer) if waarden["soort"] == "bsn" else _kvk_fout(nummer)):
        fouten["nummer"] = fout
    if fouten:
        return _test_page(request, volgende=waarden["volgende"], waarden=waarden, fouten=fouten, status_code=400)
    identiteit = service.Identiteit(
        bsn=nummer if waarden["soort"] == "bsn" else None,
        kvk_nummer=nummer if waarden["soort"] == "kvk" else None,
        methode="test",
    )
    return await _logged_in(request, identiteit, waarden["volgende"])


@router.post(f"{PIP_PATH}/uitloggen")
async def uitloggen(request: Request) -> Response:
    if token := request.cookies.get(BURGER_COOKIE):
        await service.end_session(token)
    response = RedirectResponse(f"{PIP_LOGIN_PATH}?uitgelogd=1", status_code=303)
    clear_burger_cookie(request, response)
    return response
