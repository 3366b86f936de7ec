"""/signalen: the list of one's signals (newest first, today's apart), marking one or all of them read, and
the choice of the daily digest e-mail. Plain forms that post and redirect back: no JavaScript needed."""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...db import read_session, write_session
from ...signalen import queries, service
from ...signalen.models import SOORTEN
from ...zaken.service import TIMEZONE
from ..layout.security import CurrentMedewerker
from ..layout.start import zaak_url
from ..layout.templating import render

router = APIRouter()

MELDINGEN = {
    "gelezen": "De signalering is gemarkeerd als gelezen.",
    "alle-gelezen": "Alle signaleringen zijn gemarkeerd als gelezen.",
    "overzicht-aan": "U krijgt voortaan elke ochtend een overzicht van uw nieuwe signaleringen per e-mail.",
    "overzicht-uit": "U krijgt geen dagelijks overzicht meer per e-mail.",
}


@router.get("/signalen")
async def signalen_page(request: Request, medewerker: CurrentMedewerker) -> Response:
    async with read_session() as session:
        aantal = await queries.signalen_aantal(session, medewerker)
        regels = await queries.signalen(session, medewerker)
        overzicht = await queries.wil_dagelijks_overzicht(session, medewerker)
    today = datetime.now(TIMEZONE).date()
    return render(
        request,
        "signalen/lijst.html",
        {
            "aantal": aantal,
            "vandaag": [regel for regel in regels if regel.aangemaakt.date() == today],
            "eerder": [regel for regel in regels if regel.aangemaakt.date() != today],
            "overzicht": overzicht,
            "SOORTEN": SOORTEN,
            "LIJST_MAX": queries.LIJST_MAX,
            "zaak_url": lambda zaak_uuid: zaak_url(medewerker, zaak_uuid),
            "melding": request.query_params.get("melding", ""),
            "MELDINGEN": MELDINGEN,
        },
    )


@router.post("/signalen/gelezen")
async def alle_gelezen(medewerker: CurrentMedewerker) -> Response:
    async with write_session() as session:
        await service.markeer_alle_gelezen(session, medewerker.gebruikersnaam, datetime.now(UTC))
    return RedirectResponse("/signalen?melding=alle-gelezen", status_code=303)


@router.post("/signalen/{signaal_uuid}/gelezen")
async def gelezen(signaal_uuid: uuid.UUID, medewerker: CurrentMedewerker) -> Response:
    async with write_session() as session:
        if not await service.markeer_gelezen(session, medewerker.gebruikersnaam, signaal_uuid, datetime.now(UTC)):
            raise HTTPException(404)
    return RedirectResponse("/signalen?melding=gelezen", status_code=303)


@router.post("/signalen/instellingen")
async def instellingen(request: Request, medewerker: CurrentMedewerker) -> Response:
    form = await request.form()
    aan = form.get("dagelijks_overzicht") == "ja"
    async with write_session() as session:
        await service.kies_dagelijks_overzicht(session, medewerker, aan)
    return RedirectResponse(f"/signalen?melding=overzicht-{'aan' if aan else 'uit'}", status_code=303)
