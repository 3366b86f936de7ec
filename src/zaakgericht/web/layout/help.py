"""Help inside the product: a short manual per role, for key-users and new staff (``/help``, ``/help/<rol>``)."""

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from .security import CurrentMedewerker
from .templating import render

router = APIRouter(prefix="/help")

# The manuals, in the order the overview lists them: (role, title).
HANDLEIDINGEN = {
    "behandelaar": "Zaken behandelen",
    "kcc": "Klantcontactcentrum (KCC)",
    "manager": "Werk verdelen als manager",
    "beheerder": "Functioneel beheer",
    "archivaris": "Archiveren",
}


def _pagina(request: Request, template: str, kruimelpad: list, rol: str = "") -> Response:
    return render(request, template, {"HANDLEIDINGEN": HANDLEIDINGEN, "kruimelpad": kruimelpad, "help_rol": rol})


@router.get("")
async def overzicht(request: Request, medewerker: CurrentMedewerker) -> Response:
    return _pagina(request, "help/index.html", [("Start", "/"), ("Help", None)])


@router.get("/{rol}")
async def handleiding(request: Request, rol: str, medewerker: CurrentMedewerker) -> Response:
    if rol not in HANDLEIDINGEN:
        raise HTTPException(404)
    return _pagina(request, f"help/{rol}.html", [("Start", "/"), ("Help", "/help"), (HANDLEIDINGEN[rol], None)], rol)
