"""Beheer of the e-formulieren: which zaaktypen citizens may start online, with a short introduction."""

from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ...db import read_session, write_session
from ...formulieren import queries, service
from ...zaken.service import TIMEZONE
from ..layout.security import Beheerder
from ..layout.templating import render

router = APIRouter()

PAD = "/beheer/formulieren"
MELDINGEN = {"opgeslagen": "Opgeslagen. Online formulieren staan meteen voor inwoners en bedrijven klaar."}


async def _pagina(request: Request, fouten: dict[str, str] | None = None, waarden: dict | None = None, status_code=200):
    async with read_session() as session:
        keuzes = await queries.keuzes(session, datetime.now(TIMEZONE).date(), alleen_online=False)
    return render(
        request,
        "formulieren/beheer.html",
        {
            "keuzes": keuzes,
            "fouten": fouten or {},
            "waarden": waarden or {},
            "melding": MELDINGEN.get(request.query_params.get("melding", ""), ""),
        },
        status_code=status_code,
    )


@router.get(PAD)
async def formulieren(request: Request, beheerder: Beheerder) -> Response:
    return await _pagina(request)


@router.post(PAD)
async def opslaan(request: Request, beheerder: Beheerder) -> Response:
    form = await request.form()
    identificatie = str(form.get("identificatie", ""))
    catalogus = str(form.get("catalogus", ""))
    intro = str(form.get("intro", "")).strip()
    waarden = {"identificatie": identificatie, "catalogus": catalogus, "intro": intro}
    async with read_session() as session:
        keuzes = await queries.keuzes(session, datetime.now(TIMEZONE).date(), alleen_online=False)
    gevonden = next((k for k in keuzes if (str(k.catalogus_id), k.identificatie) == (catalogus, identificatie)), None)
    if gevonden is None:
        return await _pagina(request, {"formulier": "Kies een zaaktype uit de lijst."}, waarden, 400)
    if len(intro) > 1000:
        return await _pagina(request, {"intro": "Een inleiding heeft hoogstens 1000 tekens."}, waarden, 400)
    async with write_session() as session:
        await service.zet_online(session, gevonden.catalogus_id, identificatie, form.get("online") == "ja", intro)
    return RedirectResponse(f"{PAD}?melding=opgeslagen#zaaktype-{identificatie}", status_code=303)
