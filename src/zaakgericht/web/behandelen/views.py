"""The werkvoorraad: mijn zaken, the team's and the unassigned ones, with filters, sorting and paging."""

import math
import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Request
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...db import read_session
from ...zaken import werkvoorraad
from ...zaken.service import TIMEZONE
from ..layout.security import require_role
from ..layout.templating import render

router = APIRouter()

Behandelaar = Annotated[Medewerker, require_role("behandelaar", "manager")]

LIJSTEN = {"mijn": "Mijn zaken", "team": "Zaken van mijn team", "niet_toegewezen": "Niet toegewezen"}
TERMIJNEN = {"": "Alle termijnen", "verlopen": "Termijn verstreken", "bijna": "Termijn bijna verstreken"}
SORTERINGEN = {
    "uiterlijke_einddatum": "Uiterste einddatum (eerst)",
    "einddatum_gepland": "Geplande einddatum (eerst)",
    "-startdatum": "Nieuwste eerst",
    "startdatum": "Oudste eerst",
    "identificatie": "Zaaknummer",
}
SIGNALEN = {
    "termijn_verstreken": "Wettelijke termijn verstreken",
    "servicenorm_verstreken": "Servicenorm verstreken",
    "bijna": "Termijn bijna verstreken",
}


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _filters(request: Request) -> tuple[werkvoorraad.Filters, bool]:
    """The filters asked for, and whether any value was not a valid choice (it is then ignored)."""
    params = request.query_params
    ongeldig = False

    def choice(name: str, choices: dict, default: str) -> str:
        nonlocal ongeldig
        value = params.get(name, default)
        if value not in choices:
            ongeldig = True
            return default
        return value

    def reference(name: str) -> uuid.UUID | None:
        nonlocal ongeldig
        value = _uuid(params.get(name))
        ongeldig = ongeldig or (params.get(name, "") != "" and value is None)
        return value

    pagina = params.get("pagina", "1")
    if not pagina.isdigit() or int(pagina) < 1:
        ongeldig, pagina = True, "1"
    filters = werkvoorraad.Filters(
        lijst=choice("lijst", LIJSTEN, "mijn"),
        zaaktype=reference("zaaktype"),
        statustype=reference("status"),
        termijn=choice("termijn", TERMIJNEN, ""),
        sortering=choice("sortering", SORTERINGEN, "uiterlijke_einddatum"),
        pagina=int(pagina),
    )
    return filters, ongeldig


@router.get("/werkvoorraad")
async def werkvoorraad_page(request: Request, medewerker: Behandelaar) -> Response:
    filters, ongeldig = _filters(request)
    limits = accounts.type_limits(medewerker)
    today = datetime.now(TIMEZONE).date()
    async with read_session() as session:
        team = await accounts.team_gebruikersnamen(session, medewerker) if filters.lijst == "team" else []
        count, regels = await werkvoorraad.werkvoorraad(
            session, filters, medewerker=medewerker.gebruikersnaam, team=team, limits=limits, today=today
        )
        zaaktypen = [
            keuze for keuze in await accounts.published_zaaktypen(session) if limits is None or keuze.url in limits
        ]
        statustypen = await werkvoorraad.statustypen(session, filters.zaaktype) if filters.zaaktype else []
    paginas = max(1, math.ceil(count / werkvoorraad.PAGE_SIZE))

    def pagina_url(pagina: int) -> str:
        return f"{request.url.path}?{request.url.include_query_params(pagina=pagina).query}"

    return render(
        request,
        "behandelen/werkvoorraad.html",
        {
            "filters": filters,
            "ongeldig": ongeldig,
            "count": count,
            "regels": regels,
            "pagina": filters.pagina,
            "paginas": paginas,
            "pagina_url": pagina_url,
            "zaaktypen": [(keuze.url.rsplit("/", 1)[1], keuze.label) for keuze in zaaktypen],
            "statustypen": statustypen,
            "LIJSTEN": LIJSTEN,
            "TERMIJNEN": TERMIJNEN,
            "SORTERINGEN": SORTERINGEN,
            "SIGNALEN": SIGNALEN,
        },
    )
