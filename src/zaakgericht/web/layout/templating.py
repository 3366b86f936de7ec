"""Jinja2 templates; every page gets the logged-in medewerker and the CSRF token of its session."""

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from ...accounts.service import ROLLEN, VERTROUWELIJKHEID_LABELS

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals.update(ROLLEN=ROLLEN, VERTROUWELIJKHEID_LABELS=VERTROUWELIJKHEID_LABELS)


def render(request: Request, name: str, context: dict | None = None, *, status_code: int = 200) -> Response:
    sessie = getattr(request.state, "sessie", None)
    context = {
        "medewerker": sessie.medewerker if sessie else None,
        "csrf_token": sessie.csrf_token if sessie else "",
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, context, status_code=status_code)
