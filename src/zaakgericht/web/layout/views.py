"""The start page, logging in with a password and logging out."""

from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ...accounts import service
from ...db import read_session
from ...settings import get_settings
from ...signalen.models import SOORTEN
from ...zaken.service import TIMEZONE
from .security import (
    SESSION_COOKIE,
    CurrentMedewerker,
    clear_session_cookie,
    get_sessie,
    login_csrf_token,
    safe_volgende,
    set_login_csrf_cookie,
    set_session_cookie,
)
from .start import start_gegevens, zaak_url
from .templating import render

router = APIRouter()


@router.get("/")
async def start(request: Request, medewerker: CurrentMedewerker) -> Response:
    """What needs the medewerker's attention today, per role."""
    async with read_session() as session:
        gegevens = await start_gegevens(session, medewerker, datetime.now(TIMEZONE).date())
    return render(
        request,
        "start.html",
        {"start": gegevens, "SOORTEN": SOORTEN, "zaak_url": lambda zaak_uuid: zaak_url(medewerker, zaak_uuid)},
    )


def login_page(
    request: Request, *, volgende: str, gebruikersnaam: str = "", fout: str = "", status_code: int = 200
) -> Response:
    token = login_csrf_token(request)
    response = render(
        request,
        "inloggen.html",
        {
            "login_csrf_token": token,
            "volgende": safe_volgende(volgende),
            "gebruikersnaam": gebruikersnaam,
            "fout": fout,
            "oidc": bool(get_settings().oidc_issuer),
        },
        status_code=status_code,
    )
    set_login_csrf_cookie(request, response, token)
    return response


@router.get("/inloggen")
async def login_form(request: Request, volgende: str = "/") -> Response:
    if await get_sessie(request) is not None:
        return RedirectResponse(safe_volgende(volgende), status_code=303)
    return login_page(request, volgende=volgende)


@router.post("/inloggen")
async def login(request: Request) -> Response:
    form = await request.form()
    gebruikersnaam = str(form.get("gebruikersnaam", ""))
    wachtwoord = str(form.get("wachtwoord", ""))
    volgende = str(form.get("volgende", "/"))
    client = request.client.host if request.client else ""
    try:
        _, sessie = await service.log_in(gebruikersnaam, wachtwoord, client)
    except service.LoginFailed as exc:
        return login_page(request, volgende=volgende, gebruikersnaam=gebruikersnaam, fout=str(exc), status_code=400)
    except service.TooManyAttempts as exc:
        response = login_page(request, volgende=volgende, gebruikersnaam=gebruikersnaam, fout=str(exc), status_code=429)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    if old := request.cookies.get(SESSION_COOKIE):
        await service.end_session(old)
    response = RedirectResponse(safe_volgende(volgende), status_code=303)
    set_session_cookie(request, response, sessie.token)
    return response


@router.post("/uitloggen")
async def logout(request: Request) -> Response:
    if token := request.cookies.get(SESSION_COOKIE):
        await service.end_session(token)
    response = RedirectResponse("/inloggen", status_code=303)
    clear_session_cookie(request, response)
    return response
