"""Mijn zaken: the logged-in citizen's or company's zaken, one zaak with its statussen, documents, resultaat
and besluiten, downloading a visible document, adding a document and sending the behandelaar a message.

Reads come from ``queries`` and changes go through ``burgers.acties``, both of which only find zaken the
person is a betrokkene of: a zaak of someone else is a 404, like one that does not exist.
"""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...api.errors import NotFound, PermissionDenied, ValidationError
from ...burgers import acties
from ...burgers.service import ActieveSessie
from ...db import read_session, write_session
from ...documenten.storage import FileChanges, get_storage
from ...settings import get_settings
from ...zaken.service import TIMEZONE
from ..layout import uploads
from ..layout.security import PIP_PATH
from . import inloggen
from . import queries as pip
from .pagina import render_pip
from .security import CurrentBurger

router = APIRouter()
router.include_router(inloggen.router)  # before /mijn-zaken/{zaak_uuid}

MELDINGEN = {
    "document": "Uw document is toegevoegd aan de zaak. De behandelaar ziet het in het dossier.",
    "bericht": "Uw bericht is verstuurd naar de behandelaar van uw zaak.",
    "afgesloten": acties.AFGESLOTEN,
}

VELDEN = ("bestand", "titel", "onderwerp", "tekst")


@router.get(PIP_PATH)
async def mijn_zaken(request: Request, sessie: CurrentBurger) -> Response:
    async with read_session() as session:
        zaken = await pip.mijn_zaken(session, sessie.identiteit)
    return render_pip(
        request,
        "pip/mijn_zaken.html",
        {"lopend": [zaak for zaak in zaken if zaak.open], "afgehandeld": [zaak for zaak in zaken if not zaak.open]},
        sessie=sessie,
    )


async def _zaak_pagina(
    request: Request,
    sessie: ActieveSessie,
    zaak_uuid: uuid.UUID,
    *,
    fouten: dict[str, str] | None = None,
    waarden: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    async with read_session() as session:
        dossier = await pip.mijn_dossier(session, sessie.identiteit, zaak_uuid)
    if dossier is None:
        raise HTTPException(404)
    return render_pip(
        request,
        "pip/zaak.html",
        {
            "dossier": dossier,
            "zaak": dossier.zaak,
            "omvang": uploads.leesbare_omvang,
            "max_upload": uploads.leesbare_omvang(get_settings().web_max_upload_bytes),
            "melding": request.query_params.get("melding", ""),
            "MELDINGEN": MELDINGEN,
            "fouten": fouten or {},
            "waarden": waarden or {},
        },
        sessie=sessie,
        status_code=status_code,
    )


@router.get(f"{PIP_PATH}/{{zaak_uuid}}")
async def zaak(request: Request, zaak_uuid: uuid.UUID, sessie: CurrentBurger) -> Response:
    return await _zaak_pagina(request, sessie, zaak_uuid)


@router.get(f"{PIP_PATH}/{{zaak_uuid}}/documenten/{{document_uuid}}")
async def download(request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, sessie: CurrentBurger) -> Response:
    """A visible document of the person's zaak, streamed from storage as an attachment."""
    async with read_session() as session:
        versie = await pip.zichtbaar_document(session, sessie.identiteit, zaak_uuid, document_uuid)
    if versie is None or not versie.inhoud:
        raise HTTPException(404)
    return await uploads.download(versie.inhoud, versie.bestandsnaam, versie.formaat)


async def _act(request: Request, sessie: ActieveSessie, zaak_uuid: uuid.UUID, waarden: dict, change, melding: str):
    """Run ``change(session)`` in one transaction and go back to the zaak with ``melding``; a zaak of someone
    else is a 404, a closed zaak a notice, the services' objections are shown beside their fields."""
    try:
        async with write_session() as session:
            await change(session)
    except NotFound:
        raise HTTPException(404) from None
    except PermissionDenied:
        return RedirectResponse(f"{PIP_PATH}/{zaak_uuid}?melding=afgesloten", status_code=303)
    except ValidationError as exc:
        fouten = {param.name if param.name in VELDEN else "formulier": param.reason for param in exc.invalid_params}
        return await _zaak_pagina(request, sessie, zaak_uuid, fouten=fouten, waarden=waarden, status_code=400)
    return RedirectResponse(f"{PIP_PATH}/{zaak_uuid}?melding={melding}", status_code=303)


@router.post(f"{PIP_PATH}/{{zaak_uuid}}/documenten")
async def document_toevoegen(request: Request, zaak_uuid: uuid.UUID, sessie: CurrentBurger) -> Response:
    form = await request.form()
    upload = uploads.gekozen(form.get("bestand"))
    titel = str(form.get("titel", "")).strip()
    waarden = {"formulier": "document", "titel": titel}
    fouten = {}
    if upload is None:
        fouten["bestand"] = "Kies het bestand dat u wilt toevoegen."
    elif fout := uploads.bestand_fout(upload):
        fouten["bestand"] = fout
    if len(titel) > 200:
        fouten["titel"] = "Een titel heeft hoogstens 200 tekens."
    if fouten:
        return await _zaak_pagina(request, sessie, zaak_uuid, fouten=fouten, waarden=waarden, status_code=400)
    files = FileChanges(get_storage())
    # Copied into storage before the transaction; removed again unless the document is made.
    inhoud = await uploads.store(upload, files)

    async def change(session) -> None:
        await acties.document_toevoegen(
            session,
            sessie.identiteit,
            zaak_uuid,
            inhoud=inhoud,
            bestandsnaam=uploads.bestandsnaam(upload),
            formaat=uploads.formaat(upload),
            titel=titel or uploads.bestandsnaam(upload)[:200],
            files=files,
            today=datetime.now(TIMEZONE).date(),
        )

    return await uploads.settled(files, _act(request, sessie, zaak_uuid, waarden, change, "document"))


@router.post(f"{PIP_PATH}/{{zaak_uuid}}/berichten")
async def bericht_sturen(request: Request, zaak_uuid: uuid.UUID, sessie: CurrentBurger) -> Response:
    form = await request.form()
    waarden = {veld: str(form.get(veld, "")).strip() for veld in ("onderwerp", "tekst")}
    waarden["formulier"] = "bericht"

    async def change(session) -> None:
        await acties.bericht_sturen(
            session, sessie.identiteit, zaak_uuid, waarden["onderwerp"], waarden["tekst"], datetime.now(UTC)
        )

    return await _act(request, sessie, zaak_uuid, waarden, change, "bericht")
