"""Beheer of the huisstijl: the organisation's name, its colours and its logo, shown on every page."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ...db import write_session
from ...huisstijl import service
from ..layout.huisstijl import huisstijl_van
from ..layout.security import Beheerder
from ..layout.templating import render
from ..layout.uploads import gekozen

router = APIRouter(prefix="/beheer")

PAD = "/beheer/huisstijl"
FORMULIER_ID = "huisstijl-formulier"
MELDINGEN = {"opgeslagen": "De huisstijl is opgeslagen. Alle pagina's tonen nu de nieuwe naam, kleuren en het logo."}
KRUIMELPAD = [("Beheer", "/beheer/medewerkers"), ("Huisstijl", None)]


def _pagina(
    request: Request, waarden: dict[str, str], heeft_logo: bool, fouten: dict[str, str], status_code: int = 200
) -> Response:
    return render(
        request,
        "beheer/huisstijl.html",
        {
            "waarden": waarden,
            "heeft_logo": heeft_logo,
            "fouten": fouten,
            "formulier_id": FORMULIER_ID,
            "max_kb": service.LOGO_MAX_BYTES // 1024,
            "melding": MELDINGEN.get(request.query_params.get("melding", ""), ""),
            "kruimelpad": KRUIMELPAD,
        },
        status_code=status_code,
    )


@router.get("/huisstijl")
async def huisstijl_form(request: Request, beheerder: Beheerder) -> Response:
    huidig = await huisstijl_van(request)
    waarden = {
        "organisatie_naam": huidig.naam if huidig.ingesteld else "",
        "kleur_primair": huidig.kleur_primair,
        "kleur_accent": huidig.kleur_accent,
    }
    return _pagina(request, waarden, huidig.heeft_logo, {})


@router.post("/huisstijl")
async def huisstijl_opslaan(request: Request, beheerder: Beheerder) -> Response:
    form = await request.form()
    waarden = {veld: str(form.get(veld, "")) for veld in ("organisatie_naam", "kleur_primair", "kleur_accent")}
    upload = gekozen(form.get("logo"))
    # One byte past the limit is enough to know the file is too large; the rest is never read.
    logo = await upload.read(service.LOGO_MAX_BYTES + 1) if upload else None
    wijziging = service.Wijziging(
        naam=waarden["organisatie_naam"],
        kleur_primair=waarden["kleur_primair"],
        kleur_accent=waarden["kleur_accent"],
        logo=logo,
        logo_verwijderen=form.get("logo_verwijderen") == "ja",
    )
    try:
        async with write_session() as session:
            await service.opslaan(session, wijziging)
    except service.ValidationFailed as exc:
        huidig = await huisstijl_van(request)
        return _pagina(request, waarden, huidig.heeft_logo, exc.errors, status_code=400)
    return RedirectResponse(f"{PAD}?melding=opgeslagen", status_code=303)
