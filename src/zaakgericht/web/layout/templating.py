"""Jinja2 templates; every page gets the logged-in medewerker and the CSRF token of its session."""

import re
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from ...accounts.service import ROLLEN, VERTROUWELIJKHEID_LABELS
from ...behandeling.models import TAAK_SOORTEN

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

_EENHEDEN = {"D": ("dag", "dagen"), "W": ("week", "weken"), "M": ("maand", "maanden"), "Y": ("jaar", "jaar")}


def duur(value: str) -> str:
    """An ISO 8601 duration of one unit in words (``P14D``: 14 dagen); anything else as it is."""
    match = re.fullmatch(r"P(\d+)([DWMY])", value or "")
    if not match:
        return value
    aantal = int(match[1])
    enkelvoud, meervoud = _EENHEDEN[match[2]]
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"


templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals.update(
    ROLLEN=ROLLEN, VERTROUWELIJKHEID_LABELS=VERTROUWELIJKHEID_LABELS, TAAK_SOORTEN=TAAK_SOORTEN
)
templates.env.filters["duur"] = duur


def render(request: Request, name: str, context: dict | None = None, *, status_code: int = 200) -> Response:
    sessie = getattr(request.state, "sessie", None)
    context = {
        "medewerker": sessie.medewerker if sessie else None,
        "csrf_token": sessie.csrf_token if sessie else "",
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, context, status_code=status_code)
