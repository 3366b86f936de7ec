"""E-formulieren: a logged-in citizen or company fills in the form of an online zaaktype step by step and sends
it; the zaak is made at once and they get an ontvangstbevestiging (page, e-mail and PDF).

The pages live under ``/mijn-zaken/formulieren``, where the citizen's session cookie and CSRF token apply;
``/formulieren`` and ``/formulieren/{identificatie}`` are the public addresses that lead there. The answers
are kept on the server in a concept whose token is in the address, so the back button and pages without
JavaScript work; only the person who started it finds it (anyone else gets a 404).
"""

import re
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...api.errors import ValidationError
from ...burgers.service import ActieveSessie
from ...catalogi.models import Eigenschap
from ...db import read_session, write_session
from ...documenten.storage import FileChanges, get_storage
from ...formulieren import queries, service
from ...formulieren.prefill import prefill
from ...formulieren.samenvatting import aanvrager, samenvatting, stappen
from ...notificaties import email
from ...notificaties.email import normalized_address
from ...settings import get_settings
from ...zaken import parts
from ...zaken.eigenschapwaarden import ONLEESBAAR, EigenschapWaarden, invoerwaarde, opslagwaarde, veldformaat
from ...zaken.service import TIMEZONE
from ..behandelen.onderdelen import eigenschap_veld, sleutel
from ..layout import uploads
from ..layout.security import PIP_PATH
from ..pip import queries as pip
from ..pip.pagina import render_pip
from ..pip.security import CurrentBurger

router = APIRouter()

BASIS = f"{PIP_PATH}/formulieren"
TELEFOON = re.compile(r"\+?[0-9][0-9 ()-]{5,19}")


def _now() -> datetime:
    return datetime.now(UTC)


def _today():
    return _now().astimezone(TIMEZONE).date()


def _stap_url(identificatie: str, token: str, stap: str) -> str:
    return f"{BASIS}/{quote(identificatie, safe='')}/{token}/{stap}"


# --- the public addresses and the list -------------------------------------------------------


@router.get("/formulieren")
async def formulieren_publiek() -> Response:
    return RedirectResponse(BASIS, status_code=303)


@router.get("/formulieren/{identificatie}")
async def formulier_publiek(identificatie: str) -> Response:
    return RedirectResponse(f"{BASIS}/{quote(identificatie, safe='')}", status_code=303)


@router.get(BASIS)
async def lijst(request: Request, sessie: CurrentBurger) -> Response:
    async with read_session() as session:
        keuzes = await queries.keuzes(session, _today(), alleen_online=True)
    return render_pip(request, "formulieren/lijst.html", {"keuzes": keuzes}, sessie=sessie)


@router.get(f"{BASIS}/bevestiging/{{token}}")
async def bevestigingspagina(request: Request, token: str, sessie: CurrentBurger) -> Response:
    """The ontvangstbevestiging of a sent form; only for the person who sent it."""
    async with read_session() as session:
        row = await service.concept(session, sessie.identiteit, token, _now())
        zaak = await pip.mijn_zaak(session, sessie.identiteit, row.zaak_uuid) if row and row.zaak_uuid else None
    if zaak is None:
        raise HTTPException(404)
    # Honest about the e-mail: without a configured SMTP server it waits in the outbox (see /beheer/e-mail).
    context = {"zaak": zaak, "email_ingesteld": email.configured()}
    return render_pip(request, "formulieren/bevestiging.html", context, sessie=sessie)


async def _online(identificatie: str) -> queries.Formulier:
    async with read_session() as session:
        formulier = await queries.formulier(session, identificatie, _today())
    if formulier is None:
        raise HTTPException(404)
    return formulier


@router.get(f"{BASIS}/{{identificatie}}")
async def start_pagina(request: Request, identificatie: str, sessie: CurrentBurger) -> Response:
    formulier = await _online(identificatie)
    return render_pip(
        request,
        "formulieren/start.html",
        {"formulier": formulier, "stappen": stappen(formulier)},
        sessie=sessie,
    )


@router.post(f"{BASIS}/{{identificatie}}")
async def starten(request: Request, identificatie: str, sessie: CurrentBurger) -> Response:
    """Start a concept, prefilled from the login, and go to its first step."""
    formulier = await _online(identificatie)
    files = FileChanges(get_storage())
    async with write_session() as session:
        token = await service.nieuw_concept(
            session, sessie.identiteit, formulier, prefill(sessie.identiteit), _now(), files
        )
    await files.settle(committed=True)
    return RedirectResponse(_stap_url(formulier.zaaktype.identificatie, token, "aanvraag"), status_code=303)


# --- the steps -------------------------------------------------------------------------------


async def _concept(sessie: ActieveSessie, identificatie: str, token: str):
    """The person's concept and its form; a 404 for anyone else's, an expired one or a form no longer online."""
    async with read_session() as session:
        row = await service.concept(session, sessie.identiteit, token, _now())
        formulier = (
            await queries.formulier(session, identificatie, _today(), formulier_id=row.formulier_id) if row else None
        )
    if row is None or formulier is None or formulier.zaaktype.identificatie != identificatie:
        raise HTTPException(404)
    return row, formulier


def _eigenschap_velden(formulier: queries.Formulier, ingevuld: dict[str, list[str]]) -> list:
    """A field per value given (as the field shows it) and, if more may come, an empty one."""
    velden = []
    for eigenschap in formulier.eigenschappen:
        veld = eigenschap_veld(EigenschapWaarden(eigenschap))
        invoer = list(ingevuld.get(str(eigenschap.uuid), []))
        if not invoer or veld.maximum is None or len(invoer) < veld.maximum:
            invoer.append("")
        velden.append(replace(veld, invoer=invoer))
    return velden


def _opgeslagen_invoer(formulier: queries.Formulier, antwoorden: dict) -> dict[str, list[str]]:
    opgeslagen = antwoorden.get("eigenschappen", {})
    return {
        str(eigenschap.uuid): [
            invoerwaarde(veldformaat(eigenschap), w) for w in opgeslagen.get(str(eigenschap.uuid), [])
        ]
        for eigenschap in formulier.eigenschappen
    }


async def _stap_pagina(
    request: Request,
    sessie: ActieveSessie,
    row,
    formulier: queries.Formulier,
    stap: str,
    *,
    fouten: dict[str, str] | None = None,
    waarden: dict | None = None,
    status_code: int = 200,
) -> Response:
    alle = stappen(formulier)
    slugs = [slug for slug, _ in alle]
    index = slugs.index(stap)
    antwoorden = row.antwoorden
    context = {
        "formulier": formulier,
        "stap": stap,
        "stappen": alle,
        "nummer": index + 1,
        "titel": alle[index][1],
        "vorige": _stap_url(formulier.zaaktype.identificatie, request.path_params["token"], slugs[index - 1])
        if index
        else "",
        "actie": _stap_url(formulier.zaaktype.identificatie, request.path_params["token"], stap),
        "fouten": fouten or {},
        "waarden": waarden if waarden is not None else antwoorden,
        "bestanden": row.bestanden,
        "aanvrager": aanvrager(antwoorden),
        "max_upload": uploads.leesbare_omvang(get_settings().web_max_upload_bytes),
    }
    if stap == "gegevens":
        ingevuld = (waarden or {}).get("ingevuld") or _opgeslagen_invoer(formulier, antwoorden)
        context["eigenschap_velden"] = _eigenschap_velden(formulier, ingevuld)
        context["waarden"] = {"formulier": "eigenschappen"}
    if stap == "samenvatting":
        context["onderdelen"] = samenvatting(formulier, antwoorden, row.bestanden)
        context["stap_urls"] = {
            slug: _stap_url(formulier.zaaktype.identificatie, request.path_params["token"], slug) for slug in slugs
        }
    return render_pip(request, "formulieren/stap.html", context, sessie=sessie, status_code=status_code)


@router.get(f"{BASIS}/{{identificatie}}/{{token}}/{{stap}}")
async def stap_tonen(request: Request, identificatie: str, token: str, stap: str, sessie: CurrentBurger) -> Response:
    row, formulier = await _concept(sessie, identificatie, token)
    if row.zaak_uuid is not None:
        return RedirectResponse(f"{BASIS}/bevestiging/{token}", status_code=303)
    if stap not in dict(stappen(formulier)):
        raise HTTPException(404)
    return await _stap_pagina(request, sessie, row, formulier, stap)


@router.post(f"{BASIS}/{{identificatie}}/{{token}}/{{stap}}")
async def stap_opslaan(request: Request, identificatie: str, token: str, stap: str, sessie: CurrentBurger) -> Response:
    """Check and keep a step's answers, then go to the next step; the last step sends the form."""
    row, formulier = await _concept(sessie, identificatie, token)
    if row.zaak_uuid is not None:
        return RedirectResponse(f"{BASIS}/bevestiging/{token}", status_code=303)
    slugs = [slug for slug, _ in stappen(formulier)]
    if stap not in slugs:
        raise HTTPException(404)
    form = await request.form()
    volgende = _stap_url(identificatie, token, slugs[min(slugs.index(stap) + 1, len(slugs) - 1)])
    if stap == "bijlagen":
        files = FileChanges(get_storage())
        return await uploads.settled(files, _bijlagen(request, sessie, row, formulier, form, files, volgende))
    if stap == "samenvatting":
        files = FileChanges(get_storage())
        return await uploads.settled(files, _versturen(request, sessie, row, formulier, token, files))
    lezen = {"aanvraag": _aanvraag, "gegevens": _gegevens, "contact": _contact}[stap]
    antwoorden, fouten, waarden = lezen(formulier, form)
    if fouten:
        return await _stap_pagina(
            request, sessie, row, formulier, stap, fouten=fouten, waarden=waarden, status_code=400
        )
    async with write_session() as session:
        gevonden = await service.concept(session, sessie.identiteit, token, _now())
        if gevonden is None:
            raise HTTPException(404)
        if gevonden.zaak_uuid is not None:  # sent meanwhile (another tab): the answers no longer change
            return RedirectResponse(f"{BASIS}/bevestiging/{token}", status_code=303)
        service.bewaar_antwoorden(gevonden, antwoorden)
    return RedirectResponse(volgende, status_code=303)


def _tekst(form: FormData, veld: str) -> str:
    value = form.get(veld, "")
    return value.strip() if isinstance(value, str) else ""


def _aanvraag(formulier, form: FormData) -> tuple[dict, dict, dict]:
    waarden = {veld: _tekst(form, veld) for veld in ("omschrijving", "toelichting")}
    fouten = {}
    if not waarden["omschrijving"]:
        fouten["omschrijving"] = "Vul in waar uw aanvraag over gaat."
    elif len(waarden["omschrijving"]) > 80:
        fouten["omschrijving"] = "Gebruik hoogstens 80 tekens; de rest kunt u bij de toelichting kwijt."
    if len(waarden["toelichting"]) > 1000:
        fouten["toelichting"] = "Een toelichting heeft hoogstens 1000 tekens."
    return waarden, fouten, waarden


def _eigenschap_fouten(eigenschap: Eigenschap, invoer: list[str]) -> tuple[list[str], dict[str, str]]:
    """The values as stored and the objections per field: every asked eigenschap needs a value (its
    kardinaliteit is at least 1), at most as many as the kardinaliteit says, each fitting its specificatie."""
    formaat = veldformaat(eigenschap)
    maximum = EigenschapWaarden(eigenschap).maximum
    opgeslagen, fouten = [], {}
    if not any(invoer):
        fouten[sleutel(eigenschap.uuid, 0)] = f"Vul {eigenschap.naam} in."
    for index, waarde in enumerate(invoer):
        if not waarde:
            continue
        naam = sleutel(eigenschap.uuid, index)
        if maximum is not None and index >= maximum:
            fouten[naam] = f"Vul hoogstens {maximum} waarden in."
        elif (stored := opslagwaarde(formaat, waarde)) is None:
            fouten[naam] = ONLEESBAAR[formaat]
        elif objections := parts.waarde_errors(eigenschap, stored):
            fouten[naam] = objections[0].reason
        else:
            opgeslagen.append(stored)
    return opgeslagen, fouten


def _gegevens(formulier, form: FormData) -> tuple[dict, dict, dict]:
    ingevuld, opgeslagen, fouten = {}, {}, {}
    for eigenschap in formulier.eigenschappen:
        invoer = [str(value).strip() for value in form.getlist(f"eigenschap-{eigenschap.uuid}")]
        while invoer and not invoer[-1]:  # the empty field for one more value
            invoer.pop()
        ingevuld[str(eigenschap.uuid)] = invoer
        opgeslagen[str(eigenschap.uuid)], eigen = _eigenschap_fouten(eigenschap, invoer)
        fouten.update(eigen)
    return {"eigenschappen": opgeslagen}, fouten, {"ingevuld": ingevuld}


def _contact(formulier, form: FormData) -> tuple[dict, dict, dict]:
    waarden = {veld: _tekst(form, veld) for veld in ("emailadres", "telefoonnummer")}
    fouten = {}
    if not waarden["emailadres"]:
        fouten["emailadres"] = "Vul uw e-mailadres in; daar sturen wij de ontvangstbevestiging naartoe."
    else:
        try:
            waarden["emailadres"] = normalized_address(waarden["emailadres"])
        except ValidationError:
            fouten["emailadres"] = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    if waarden["telefoonnummer"] and not TELEFOON.fullmatch(waarden["telefoonnummer"]):
        fouten["telefoonnummer"] = "Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 0612345678."
    return waarden, fouten, waarden


async def _bijlagen(request, sessie, row, formulier, form: FormData, files: FileChanges, volgende: str) -> Response:
    """Store the chosen files at once (streamed in chunks); a required type must have one."""
    fouten, gekozen, weg = {}, {}, set()
    for bijlage in formulier.bijlagen:
        omschrijving = bijlage.documenttype.omschrijving
        upload = uploads.gekozen(form.get(bijlage.naam))
        if upload is not None:
            if fout := uploads.bestand_fout(upload):
                fouten[bijlage.naam] = fout
            else:
                gekozen[omschrijving] = upload
        elif form.get(f"verwijder-{bijlage.documenttype.uuid}") == "ja":
            weg.add(omschrijving)
        heeft = omschrijving in gekozen or (omschrijving in row.bestanden and omschrijving not in weg)
        if bijlage.verplicht and not heeft and bijlage.naam not in fouten:
            fouten[bijlage.naam] = f"Voeg het document {omschrijving} toe."
    if fouten:
        return await _stap_pagina(request, sessie, row, formulier, "bijlagen", fouten=fouten, status_code=400)
    nieuw = {}
    for omschrijving, upload in gekozen.items():
        stored = await uploads.store(upload, files)
        nieuw[omschrijving] = {
            "key": stored.key,
            "size": stored.size,
            "sha256": stored.sha256,
            "bestandsnaam": uploads.bestandsnaam(upload),
            "formaat": uploads.formaat(upload),
        }
    async with write_session() as session:
        gevonden = await service.concept(session, sessie.identiteit, request.path_params["token"], _now())
        if gevonden is None or gevonden.zaak_uuid is not None:
            raise HTTPException(404)
        service.bewaar_bestanden(gevonden, nieuw, weg, files)
    return RedirectResponse(volgende, status_code=303)


def _onvolledig(formulier: queries.Formulier, row) -> dict[str, str]:
    """Which steps still miss a required answer (a step may have been skipped by its address)."""
    antwoorden, fouten = row.antwoorden, {}
    if not antwoorden.get("omschrijving"):
        fouten["aanvraag"] = "Vul bij 'Uw aanvraag' in waar uw aanvraag over gaat."
    ingevuld = antwoorden.get("eigenschappen", {})
    if any(not ingevuld.get(str(eigenschap.uuid)) for eigenschap in formulier.eigenschappen):
        fouten["gegevens"] = "Vul bij 'Gegevens' alle vragen in."
    if any(b.verplicht and b.documenttype.omschrijving not in row.bestanden for b in formulier.bijlagen):
        fouten["bijlagen"] = "Voeg bij 'Bijlagen' de gevraagde documenten toe."
    if not antwoorden.get("emailadres"):
        fouten["contact"] = "Vul bij 'Contactgegevens' uw e-mailadres in."
    return fouten


async def _versturen(request, sessie, row, formulier, token: str, files: FileChanges) -> Response:
    fouten = _onvolledig(formulier, row)
    if not fouten:
        try:
            async with write_session() as session:
                zaak_uuid = await service.indienen(session, sessie.identiteit, token, formulier, files, _now())
        except ValidationError as exc:
            fouten = {"versturen": "; ".join(param.reason for param in exc.invalid_params)}
        else:
            if zaak_uuid is None:
                raise HTTPException(404)
            return RedirectResponse(f"{BASIS}/bevestiging/{token}", status_code=303)
    return await _stap_pagina(request, sessie, row, formulier, "samenvatting", fouten=fouten, status_code=400)
