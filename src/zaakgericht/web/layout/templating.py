"""Jinja2 templates; every page gets the logged-in medewerker, the CSRF token of its session, the header's data
(``kop``, see ``kop.py``) and the organisation's huisstijl (``huisstijl``, see ``huisstijl.py``)."""

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from ...accounts.service import ROLLEN, VERTROUWELIJKHEID_LABELS
from ...behandeling.models import TAAK_SOORTEN
from ...catalogi.duur import in_woorden
from ...huisstijl.service import STANDAARD
from .navigatie import BEHEERMENU, leest_zaken, menu_voor

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals.update(
    ROLLEN=ROLLEN,
    VERTROUWELIJKHEID_LABELS=VERTROUWELIJKHEID_LABELS,
    TAAK_SOORTEN=TAAK_SOORTEN,
    BEHEERMENU=BEHEERMENU,
    menu_voor=menu_voor,
    leest_zaken=leest_zaken,
)
templates.env.filters["duur"] = in_woorden  # an ISO 8601 duration in Dutch words


def render(request: Request, name: str, context: dict | None = None, *, status_code: int = 200) -> Response:
    sessie = getattr(request.state, "sessie", None)
    context = {
        "medewerker": sessie.medewerker if sessie else None,
        "csrf_token": sessie.csrf_token if sessie else "",
        "kop": getattr(request.state, "kop", None) or {"signalen": 0, "lijsten": {}},
        # Pages for which no huisstijl was loaded (a path that matched no route) show the standard one.
        "huisstijl": getattr(request.state, "huisstijl", None) or STANDAARD,
        "kruimelpad": [],
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, context, status_code=status_code)
