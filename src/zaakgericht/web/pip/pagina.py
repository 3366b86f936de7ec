"""Rendering a PIP page: the citizen (not a medewerker) in the header and their session's CSRF token."""

from fastapi import Request
from starlette.responses import Response

from ...burgers.service import ActieveSessie
from ..layout.templating import render

# Who the PIP speaks for; the behandelaar's own name is not shown to citizens.
GEMEENTE = "Gemeente Voorbeeldstad"
LOGIN_METHODES = {"digid": "DigiD", "eherkenning": "eHerkenning", "test": "de testlogin"}


def render_pip(
    request: Request,
    name: str,
    context: dict | None = None,
    *,
    sessie: ActieveSessie | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        name,
        {
            "medewerker": None,
            "burger": sessie.identiteit if sessie else None,
            "csrf_token": sessie.csrf_token if sessie else "",
            "GEMEENTE": GEMEENTE,
            "LOGIN_METHODES": LOGIN_METHODES,
            **(context or {}),
        },
        status_code=status_code,
    )
