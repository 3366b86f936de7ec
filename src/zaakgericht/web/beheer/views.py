"""Beheer of medewerkers: list, create, edit, (de)activate, reset password, unlock."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...accounts import service
from ...accounts.models import Medewerker
from ...db import read_session, write_session
from ..layout.security import Beheerder
from ..layout.templating import render

router = APIRouter(prefix="/beheer")

LIST = "/beheer/medewerkers"

# Confirmations after a redirect: only these fixed texts are shown, nothing from the URL itself.
MELDINGEN = {
    "aangemaakt": "De medewerker is aangemaakt.",
    "opgeslagen": "De wijzigingen zijn opgeslagen.",
    "gedeactiveerd": "Het account is gedeactiveerd; de medewerker is overal uitgelogd.",
    "geactiveerd": "Het account is weer actief.",
    "gedeblokkeerd": "Het account is gedeblokkeerd.",
    "wachtwoord": "Het nieuwe wachtwoord is ingesteld; de medewerker is overal uitgelogd.",
}


def _detail_url(medewerker: Medewerker, melding: str = "") -> str:
    url = f"{LIST}/{medewerker.uuid}"
    return f"{url}?melding={melding}" if melding else url


def _gegevens(form: FormData) -> service.MedewerkerGegevens:
    autorisaties = []
    for value in form.getlist("autorisatie"):
        niveau, _, zaaktype = str(value).partition(" ")
        if niveau and zaaktype:
            autorisaties.append((zaaktype, niveau))
    return service.MedewerkerGegevens(
        gebruikersnaam=str(form.get("gebruikersnaam", "")),
        naam=str(form.get("naam", "")),
        email=str(form.get("email", "")),
        organisatie=str(form.get("organisatie", "")),
        afdeling=str(form.get("afdeling", "")),
        rollen=[str(rol) for rol in form.getlist("rollen")],
        heeft_alle_autorisaties=form.get("heeft_alle_autorisaties") == "ja",
        autorisaties=autorisaties,
        oidc_subject=str(form.get("oidc_subject", "")),
    )


def _gegevens_of(medewerker: Medewerker) -> service.MedewerkerGegevens:
    return service.MedewerkerGegevens(
        gebruikersnaam=medewerker.gebruikersnaam,
        naam=medewerker.naam,
        email=medewerker.email,
        organisatie=medewerker.organisatie,
        afdeling=medewerker.afdeling,
        rollen=list(medewerker.rollen),
        heeft_alle_autorisaties=medewerker.heeft_alle_autorisaties,
        autorisaties=[(a.zaaktype, a.max_vertrouwelijkheidaanduiding) for a in medewerker.autorisaties],
        oidc_subject=medewerker.oidc_subject or "",
    )


async def _form_page(
    request: Request,
    gegevens: service.MedewerkerGegevens,
    *,
    medewerker: Medewerker | None = None,
    fouten: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    async with read_session() as session:
        keuzes = await service.published_zaaktypen(session)
    gekozen = dict(gegevens.autorisaties)
    # Autorisaties for zaaktypen that are not (or no longer) published stay visible and kept.
    known = {keuze.url for keuze in keuzes}
    keuzes += [service.ZaaktypeKeuze(url=url, label=url) for url in gekozen if url not in known]
    return render(
        request,
        "beheer/medewerker.html",
        {
            "gegevens": gegevens,
            "bestaand": medewerker,
            "keuzes": keuzes,
            "gekozen": gekozen,
            "fouten": fouten or {},
            "melding": MELDINGEN.get(request.query_params.get("melding", ""), ""),
            "geblokkeerd": medewerker is not None and service.is_geblokkeerd(medewerker),
        },
        status_code=status_code,
    )


async def _load(medewerker_uuid: uuid.UUID) -> Medewerker:
    async with read_session() as session:
        try:
            return await service.get_medewerker(session, medewerker_uuid)
        except service.UnknownMedewerker:
            raise HTTPException(404) from None


@router.get("/medewerkers")
async def medewerkers(request: Request, beheerder: Beheerder) -> Response:
    async with read_session() as session:
        lijst = await service.list_medewerkers(session)
    return render(
        request,
        "beheer/medewerkers.html",
        {"medewerkers": lijst, "is_geblokkeerd": service.is_geblokkeerd},
    )


@router.get("/medewerkers/nieuw")
async def nieuw_form(request: Request, beheerder: Beheerder) -> Response:
    gegevens = service.MedewerkerGegevens(
        gebruikersnaam="", naam="", organisatie=beheerder.organisatie, rollen=["behandelaar"]
    )
    return await _form_page(request, gegevens)


@router.post("/medewerkers/nieuw")
async def nieuw(request: Request, beheerder: Beheerder) -> Response:
    form = await request.form()
    gegevens = _gegevens(form)
    wachtwoord = str(form.get("wachtwoord", ""))
    fouten: dict[str, str] = {}
    if wachtwoord != str(form.get("wachtwoord_herhaling", "")):
        fouten["wachtwoord_herhaling"] = "De twee wachtwoorden zijn niet gelijk."
    try:
        async with write_session() as session:
            try:
                medewerker = await service.create_medewerker(session, gegevens, wachtwoord or None)
            except service.ValidationFailed as exc:
                fouten = {**exc.errors, **fouten}
            if fouten:
                raise service.ValidationFailed(fouten)  # rolls back
    except service.ValidationFailed as exc:
        return await _form_page(request, gegevens, fouten=exc.errors, status_code=400)
    return RedirectResponse(_detail_url(medewerker, "aangemaakt"), status_code=303)


@router.get("/medewerkers/{medewerker_uuid}")
async def wijzigen_form(request: Request, medewerker_uuid: uuid.UUID, beheerder: Beheerder) -> Response:
    medewerker = await _load(medewerker_uuid)
    return await _form_page(request, _gegevens_of(medewerker), medewerker=medewerker)


@router.post("/medewerkers/{medewerker_uuid}")
async def wijzigen(request: Request, medewerker_uuid: uuid.UUID, beheerder: Beheerder) -> Response:
    medewerker = await _load(medewerker_uuid)
    gegevens = _gegevens(await request.form())
    try:
        async with write_session() as session:
            medewerker = await service.update_medewerker(session, medewerker_uuid, gegevens)
    except service.ValidationFailed as exc:
        return await _form_page(request, gegevens, medewerker=medewerker, fouten=exc.errors, status_code=400)
    return RedirectResponse(_detail_url(medewerker, "opgeslagen"), status_code=303)


@router.post("/medewerkers/{medewerker_uuid}/actief")
async def actief(request: Request, medewerker_uuid: uuid.UUID, beheerder: Beheerder) -> Response:
    form = await request.form()
    nieuw = form.get("actief") == "ja"
    try:
        async with write_session() as session:
            medewerker = await service.get_medewerker(session, medewerker_uuid, for_update=True)
            await service.set_actief(session, medewerker, nieuw, door=beheerder)
    except service.UnknownMedewerker:
        raise HTTPException(404) from None
    except service.ValidationFailed as exc:
        medewerker = await _load(medewerker_uuid)
        return await _form_page(
            request, _gegevens_of(medewerker), medewerker=medewerker, fouten=exc.errors, status_code=400
        )
    return RedirectResponse(_detail_url(medewerker, "geactiveerd" if nieuw else "gedeactiveerd"), status_code=303)


@router.post("/medewerkers/{medewerker_uuid}/deblokkeren")
async def deblokkeren(request: Request, medewerker_uuid: uuid.UUID, beheerder: Beheerder) -> Response:
    try:
        async with write_session() as session:
            medewerker = await service.get_medewerker(session, medewerker_uuid, for_update=True)
            await service.deblokkeren(session, medewerker)
    except service.UnknownMedewerker:
        raise HTTPException(404) from None
    return RedirectResponse(_detail_url(medewerker, "gedeblokkeerd"), status_code=303)


@router.get("/medewerkers/{medewerker_uuid}/wachtwoord")
async def wachtwoord_form(request: Request, medewerker_uuid: uuid.UUID, beheerder: Beheerder) -> Response:
    medewerker = await _load(medewerker_uuid)
    return render(request, "beheer/wachtwoord.html", {"bestaand": medewerker, "fouten": {}})


@router.post("/medewerkers/{medewerker_uuid}/wachtwoord")
async def wachtwoord(request: Request, medewerker_uuid: uuid.UUID, beheerder: Beheerder) -> Response:
    medewerker = await _load(medewerker_uuid)
    form = await request.form()
    nieuw = str(form.get("wachtwoord", ""))
    try:
        if nieuw != str(form.get("wachtwoord_herhaling", "")):
            raise service.ValidationFailed({"wachtwoord_herhaling": "De twee wachtwoorden zijn niet gelijk."})
        async with write_session() as session:
            medewerker = await service.get_medewerker(session, medewerker_uuid, for_update=True)
            await service.set_wachtwoord(session, medewerker, nieuw)
    except service.ValidationFailed as exc:
        return render(
            request, "beheer/wachtwoord.html", {"bestaand": medewerker, "fouten": exc.errors}, status_code=400
        )
    return RedirectResponse(_detail_url(medewerker, "wachtwoord"), status_code=303)
