"""The internal work on a zaak in its dossier: notities, the checklists of its statustypen, the behandelaar's own
checklist items, and taken (terugbelverzoeken of the KCC) that the behandelaar handles."""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...api.errors import NotFound
from ...behandeling import service as behandeling
from .dossier_page import Behandelaar, act, parse_uuid

router = APIRouter()


@router.post("/zaakdossier/{zaak_uuid}/notities")
async def notitie_toevoegen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    form = await request.form()
    waarden = {"formulier": "notitie", "tekst": str(form.get("tekst", ""))}

    async def change(session, auth, zaak) -> None:
        await behandeling.add_notitie(session, auth, zaak, waarden["tekst"], datetime.now(UTC))

    return await act(request, medewerker, zaak_uuid, {}, waarden, ("tekst",), change, "notitie-toegevoegd")


@router.post("/zaakdossier/{zaak_uuid}/checklist/{statustype_uuid}")
async def checklist_opslaan(
    request: Request, zaak_uuid: uuid.UUID, statustype_uuid: uuid.UUID, medewerker: Behandelaar
) -> Response:
    """The answers to one statustype's checklist; the form numbers its items and names each in a hidden field."""
    form = await request.form()
    antwoorden: dict[str, tuple[str, str]] = {}
    waarden = {"formulier": f"checklist-{statustype_uuid}"}
    for index in range(100):
        itemnaam = form.get(f"itemnaam-{index}")
        if itemnaam is None:
            break
        antwoord = str(form.get(f"antwoord-{index}", ""))
        toelichting = str(form.get(f"toelichting-{index}", "")).strip()
        antwoorden[str(itemnaam)] = (antwoord, toelichting)
        waarden[f"antwoord-{itemnaam}"], waarden[f"toelichting-{itemnaam}"] = antwoord, toelichting

    async def change(session, auth, zaak) -> None:
        try:
            await behandeling.save_checklist(session, auth, zaak, statustype_uuid, antwoorden, datetime.now(UTC))
        except NotFound:
            raise HTTPException(404) from None

    return await act(request, medewerker, zaak_uuid, {}, waarden, tuple(antwoorden), change, "checklist-opgeslagen")


@router.post("/zaakdossier/{zaak_uuid}/eigen-checklist")
async def eigen_checklist_opslaan(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """The answers to the zaak's own checklist items; the form numbers them and names each by its uuid."""
    form = await request.form()
    antwoorden: dict[uuid.UUID, tuple[str, str]] = {}
    waarden = {"formulier": "eigen-checklist"}
    for index in range(100):
        punt = form.get(f"punt-{index}")
        if punt is None:
            break
        if (punt_uuid := parse_uuid(str(punt))) is None:
            raise HTTPException(404)
        antwoord = str(form.get(f"antwoord-{index}", ""))
        toelichting = str(form.get(f"toelichting-{index}", "")).strip()
        antwoorden[punt_uuid] = (antwoord, toelichting)
        waarden[f"antwoord-{punt_uuid}"], waarden[f"toelichting-{punt_uuid}"] = antwoord, toelichting

    async def change(session, auth, zaak) -> None:
        await behandeling.save_eigen_checklist(session, auth, zaak, antwoorden, datetime.now(UTC))

    velden = tuple(str(punt_uuid) for punt_uuid in antwoorden)
    return await act(request, medewerker, zaak_uuid, {}, waarden, velden, change, "eigen-checklist-opgeslagen")


@router.post("/zaakdossier/{zaak_uuid}/eigen-checklist/punten")
async def eigen_punt_toevoegen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Put a question of the behandelaar's own on the zaak's checklist."""
    form = await request.form()
    waarden = {
        "formulier": "eigen-punt",
        "vraag": str(form.get("vraag", "")).strip(),
        "toelichting": str(form.get("toelichting", "")).strip(),
    }

    async def change(session, auth, zaak) -> None:
        await behandeling.add_eigen_punt(
            session, auth, zaak, waarden["vraag"], waarden["toelichting"], datetime.now(UTC)
        )

    velden = ("vraag", "toelichting")
    return await act(request, medewerker, zaak_uuid, {}, waarden, velden, change, "eigen-punt-toegevoegd")


@router.post("/zaakdossier/{zaak_uuid}/eigen-checklist/{punt_uuid}/verwijderen")
async def eigen_punt_verwijderen(
    request: Request, zaak_uuid: uuid.UUID, punt_uuid: uuid.UUID, medewerker: Behandelaar
) -> Response:
    """Take an own item without an answer off the zaak's checklist."""

    async def change(session, auth, zaak) -> None:
        try:
            await behandeling.remove_eigen_punt(session, auth, zaak, punt_uuid)
        except NotFound:
            raise HTTPException(404) from None

    waarden = {"formulier": "eigen-checklist"}
    return await act(request, medewerker, zaak_uuid, {}, waarden, (), change, "eigen-punt-verwijderd")


@router.post("/zaakdossier/{zaak_uuid}/taken/{taak_uuid}/afhandelen")
async def taak_afhandelen(
    request: Request, zaak_uuid: uuid.UUID, taak_uuid: uuid.UUID, medewerker: Behandelaar
) -> Response:
    form = await request.form()
    waarden = {
        "formulier": f"taak-{taak_uuid}",
        "afhandeling": str(form.get("afhandeling", "")).strip(),
        "antwoord": str(form.get("antwoord", "")).strip(),
    }

    async def change(session, auth, zaak) -> None:
        try:
            await behandeling.complete_taak(
                session, auth, zaak, taak_uuid, waarden["afhandeling"], datetime.now(UTC), waarden["antwoord"]
            )
        except NotFound:
            raise HTTPException(404) from None

    velden = ("afhandeling", "antwoord")
    return await act(request, medewerker, zaak_uuid, {}, waarden, velden, change, "taak-afgehandeld")
