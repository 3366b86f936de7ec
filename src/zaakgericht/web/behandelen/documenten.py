"""The documents of a zaak in the zaakdossier: the list (a section of the dossier), adding one with its file,
a page per document with its versions and downloads, editing under a lock, its gebruiksrechten, and removing it
from the zaak.

Files arrive as ``multipart/form-data``; Starlette spools them to temporary files while reading the form,
and they are copied into storage in chunks before the database transaction, as the Documenten API does.
Files written for a change that is refused are removed again (``FileChanges``).
"""

import uuid
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api import urls
from ...api.errors import NotFound, PermissionDenied, ValidationError
from ...db import read_session, write_session
from ...documenten import dossier as documenten
from ...documenten import zaakdocumenten
from ...documenten.storage import FileChanges, get_storage
from ...settings import get_settings
from ...zaken import queries as zaken_queries
from ...zaken import service as zaken
from ...zaken.service import TIMEZONE
from ..layout import uploads
from ..layout.security import Forbidden, require_role
from ..layout.templating import render
from . import bevestigen
from .dossier_page import act, fouten_van, invoerdatum, parse_uuid

router = APIRouter()

# Changing documents is the behandelaar's work; managers and archivarissen read and download.
Documentbehandelaar = Annotated[Medewerker, require_role("behandelaar")]
Documentlezer = Annotated[Medewerker, require_role("behandelaar", "manager", "archivaris")]
DOSSIER_ROLLEN = {"behandelaar", "manager"}  # who may open the zaakdossier (``dossier_page.Behandelaar``)

STATUSSEN = {
    "": "Geen status",
    "in_bewerking": "In bewerking",
    "ter_vaststelling": "Ter vaststelling",
    "definitief": "Definitief",
    "gearchiveerd": "Gearchiveerd",
}
DOCUMENT_MELDINGEN = {
    "bewerken": "U heeft het document in bewerking; niemand anders kan het intussen wijzigen.",
    "opgeslagen": "De wijzigingen zijn opgeslagen als nieuwe versie.",
    "geannuleerd": "De bewerking is beëindigd; het document is niet gewijzigd.",
    "zichtbaarheid": "Opgeslagen of de betrokkenen dit document in Mijn zaken zien.",
    "gebruiksrecht": "Het gebruiksrecht is vastgelegd.",
    "gebruiksrecht-verwijderd": "Het gebruiksrecht is verwijderd.",
    "geen-beperkingen": "Vastgelegd: voor dit document gelden geen gebruiksrechten.",
}
UPLOAD_VELDEN = ("bestand", "titel", "informatieobjecttype", "vertrouwelijkheidaanduiding", "auteur")
BEWERK_VELDEN = ("titel", "beschrijving", "vertrouwelijkheidaanduiding", "status", "bestand")
GEBRUIKSRECHT_VELDEN = ("omschrijvingVoorwaarden", "startdatum", "einddatum")


def _tekst(form, veld: str) -> str:
    value = form.get(veld, "")
    return value.strip() if isinstance(value, str) else ""


# --- adding a document ---------------------------------------------------------------------------


def _upload_fouten(waarden: dict[str, str], upload: UploadFile | None) -> dict[str, str]:
    fouten = {}
    if upload is None:
        fouten["bestand"] = "Kies het bestand dat u wilt toevoegen."
    elif fout := uploads.bestand_fout(upload):
        fouten["bestand"] = fout
    if len(waarden["titel"]) > 200:
        fouten["titel"] = "Een titel heeft hoogstens 200 tekens."
    if parse_uuid(waarden["informatieobjecttype"]) is None:
        fouten["informatieobjecttype"] = "Kies het documenttype."
    if waarden["vertrouwelijkheidaanduiding"] not in ("", *accounts.VERTROUWELIJKHEID_LABELS):
        fouten["vertrouwelijkheidaanduiding"] = "Kies de vertrouwelijkheid."
    if not waarden["auteur"]:
        fouten["auteur"] = "Vul de auteur in."
    elif len(waarden["auteur"]) > 200:
        fouten["auteur"] = "Een auteur heeft hoogstens 200 tekens."
    return fouten


@router.post("/zaakdossier/{zaak_uuid}/documenten")
async def document_toevoegen(request: Request, zaak_uuid: uuid.UUID, medewerker: Documentbehandelaar) -> Response:
    """Add a document with its file to the zaak: the document and its link to the zaak in one transaction."""
    form = await request.form()
    upload = uploads.gekozen(form.get("bestand"))
    waarden = {veld: _tekst(form, veld) for veld in UPLOAD_VELDEN[1:]}
    waarden["formulier"] = "document"
    fouten = _upload_fouten(waarden, upload)
    files = FileChanges(get_storage())
    inhoud = await uploads.store(upload, files) if not fouten else None
    today = datetime.now(TIMEZONE).date()

    async def change(session, _, zaak) -> None:
        auth = await accounts.documenten_auth_context(session, medewerker)
        typen = {str(type_.uuid) for type_ in await documenten.documenttypen_van_zaak(session, zaak.uuid, today)}
        if waarden["informatieobjecttype"] not in typen:
            raise ValidationError.single(
                "informatieobjecttype", "invalid_choice", "Kies een documenttype van het zaaktype van deze zaak."
            )
        nieuw = zaakdocumenten.NieuwDocument(
            inhoud=inhoud,
            bestandsnaam=uploads.bestandsnaam(upload),
            formaat=uploads.formaat(upload),
            titel=waarden["titel"] or uploads.bestandsnaam(upload)[:200],
            informatieobjecttype=urls.build("catalogi", "informatieobjecttypen", waarden["informatieobjecttype"]),
            vertrouwelijkheidaanduiding=waarden["vertrouwelijkheidaanduiding"],
            auteur=waarden["auteur"],
            bronorganisatie=medewerker.organisatie,
            creatiedatum=today,
        )
        await zaakdocumenten.add_to_zaak(session, auth, await zaken.load(session, zaak), nieuw, files)

    return await uploads.settled(
        files, act(request, medewerker, zaak_uuid, fouten, waarden, UPLOAD_VELDEN, change, "document-toegevoegd")
    )


# --- documents that come with a new zaak (intake) ----------------------------------------------------


def bijlagen(form, veld: str = "documenten") -> list[UploadFile]:
    """The files chosen in a (multiple) file field."""
    return [upload for upload in form.getlist(veld) if uploads.gekozen(upload)]


async def bijlagen_type(session, bijlagen_: list[UploadFile], zaaktype: str, fouten: dict[str, str]) -> str:
    """The informatieobjecttype (URL) the documents of a new zaak get: the first the zaaktype names as
    inkomend. Objections to the files go in ``fouten["documenten"]``."""
    if not bijlagen_:
        return ""
    for upload in bijlagen_:
        if fout := uploads.bestand_fout(upload):
            fouten["documenten"] = f"{uploads.bestandsnaam(upload) or 'Een bestand'}: {fout}"
            return ""
    zaaktype_uuid = parse_uuid(zaaktype)
    if zaaktype_uuid is None:
        return ""  # the zaaktype field has its own objection
    today = datetime.now(TIMEZONE).date()
    typen = await documenten.documenttypen(session, zaaktype_uuid, today)
    inkomend = [type_ for type_ in typen if type_.richting == "inkomend"]
    if not inkomend:
        fouten["documenten"] = (
            "Dit zaaktype kent geen inkomende documenten. "
            "Start de zaak zonder documenten en voeg ze daarna toe in het zaakdossier."
        )
        return ""
    return urls.build("catalogi", "informatieobjecttypen", inkomend[0].uuid)


async def bijlagen_opslaan(
    bijlagen_: list[UploadFile], type_url: str, files: FileChanges, medewerker: Medewerker, auteur: str
) -> list[zaakdocumenten.NieuwDocument]:
    """Store the files of a new zaak; they become its documents, received today."""
    today = datetime.now(TIMEZONE).date()
    return [
        zaakdocumenten.NieuwDocument(
            inhoud=await uploads.store(upload, files),
            bestandsnaam=uploads.bestandsnaam(upload),
            formaat=uploads.formaat(upload),
            titel=uploads.bestandsnaam(upload)[:200],
            informatieobjecttype=type_url,
            auteur=auteur[:200],
            bronorganisatie=medewerker.organisatie,
            creatiedatum=today,
            ontvangstdatum=today,
        )
        for upload in bijlagen_
    ]


# --- the page of one document ----------------------------------------------------------------------


async def document_page(
    request: Request,
    medewerker: Medewerker,
    zaak_uuid: uuid.UUID,
    document_uuid: uuid.UUID,
    *,
    fouten: dict[str, str] | None = None,
    waarden: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    async with read_session() as session:
        auth = await accounts.documenten_auth_context(session, medewerker)
        try:
            zaak = await zaken_queries.readable_zaak(session, auth, zaak_uuid)
        except NotFound:
            raise HTTPException(404) from None
        detail = await documenten.zaak_document(session, auth, zaak.id, document_uuid)
    if detail is None:
        raise HTTPException(404)
    bewerking = detail.document.bewerking
    return render(
        request,
        "behandelen/document.html",
        {
            "zaak": zaak,
            "detail": detail,
            "document": detail.document,
            "mag_wijzigen": _mag_wijzigen(zaak, medewerker, auth),
            "eigen_bewerking": bewerking is not None and bewerking.gebruikersnaam == medewerker.gebruikersnaam,
            # An archivaris reads documents but not the dossier: no link to a page that refuses them.
            "mag_dossier": bool(DOSSIER_ROLLEN & set(medewerker.rollen)),
            "omvang": uploads.leesbare_omvang,
            "max_upload": uploads.leesbare_omvang(get_settings().web_max_upload_bytes),
            "STATUSSEN": STATUSSEN,
            "TIMEZONE": TIMEZONE,
            "fouten": fouten or {},
            "waarden": waarden or {},
            "melding": DOCUMENT_MELDINGEN.get(request.query_params.get("melding", ""), ""),
        },
        status_code=status_code,
    )


def _mag_wijzigen(zaak, medewerker: Medewerker, auth) -> bool:
    """Whether the document page offers this person its changes (the services decide in the end)."""
    return zaak.einddatum is None and "behandelaar" in medewerker.rollen and auth.has_scope("documenten.bijwerken")


@router.get("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}")
async def document_pagina(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentlezer
) -> Response:
    return await document_page(request, medewerker, zaak_uuid, document_uuid)


@router.get("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/download")
async def document_download(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentlezer
) -> Response:
    """The contents of the latest version (or of ``?versie=``), streamed from storage as an attachment."""
    versie = request.query_params.get("versie")
    if versie is not None and not (versie.isdigit() and 1 <= int(versie) < 2**31):
        raise HTTPException(404)
    async with read_session() as session:
        auth = await accounts.documenten_auth_context(session, medewerker)
        try:
            zaak = await zaken_queries.readable_zaak(session, auth, zaak_uuid)
        except NotFound:
            raise HTTPException(404) from None
        found = await documenten.version_to_download(
            session, auth, zaak.id, document_uuid, int(versie) if versie else None
        )
    if found is None or not found.inhoud:
        raise HTTPException(404)
    return await uploads.download(found.inhoud, found.bestandsnaam, found.formaat)


# --- editing and removing --------------------------------------------------------------------------


async def _change_document(
    request: Request,
    medewerker: Medewerker,
    zaak_uuid: uuid.UUID,
    document_uuid: uuid.UUID,
    change,
    klaar: str,
    *,
    fouten: dict[str, str] | None = None,
    waarden: dict[str, str] | None = None,
    velden: tuple[str, ...] = (),
) -> Response:
    """Run ``change(session, auth, zaak, zaakinformatieobject, document)`` in one transaction and go to
    ``klaar``; on objections (ours in ``fouten`` or the services') show the document page with them."""
    fouten = dict(fouten or {})
    if not fouten:
        try:
            async with write_session() as session:
                auth = await accounts.documenten_auth_context(session, medewerker)
                try:
                    zaak = await zaken_queries.readable_zaak(session, auth, zaak_uuid)
                    ref = await zaken.load(session, zaak)
                    zio, found = await zaakdocumenten.linked_document(session, auth, ref, document_uuid)
                except NotFound:
                    raise HTTPException(404) from None
                await change(session, auth, ref, zio, found)
        except ValidationError as exc:
            fouten = fouten_van(exc, velden)
        except PermissionDenied:
            raise Forbidden("U mag dit document niet wijzigen.") from None
        else:
            return RedirectResponse(klaar, status_code=303)
    return await document_page(
        request, medewerker, zaak_uuid, document_uuid, fouten=fouten, waarden=waarden, status_code=400
    )


def _document_url(zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, melding: str) -> str:
    return f"/zaakdossier/{zaak_uuid}/documenten/{document_uuid}?melding={melding}"


@router.post("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/bewerken")
async def bewerken(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentbehandelaar
) -> Response:
    """Check the document out (lock it) for this medewerker; the page then offers them the edit form."""

    async def change(session, auth, ref, zio, found) -> None:
        await zaakdocumenten.start_editing(session, auth, ref, found)

    klaar = _document_url(zaak_uuid, document_uuid, "bewerken")
    return await _change_document(request, medewerker, zaak_uuid, document_uuid, change, klaar)


def _bewerk_fouten(waarden: dict[str, str], upload: UploadFile | None) -> dict[str, str]:
    fouten = {}
    if not waarden["titel"]:
        fouten["titel"] = "Vul de titel in."
    elif len(waarden["titel"]) > 200:
        fouten["titel"] = "Een titel heeft hoogstens 200 tekens."
    if len(waarden["beschrijving"]) > 1000:
        fouten["beschrijving"] = "Een beschrijving heeft hoogstens 1000 tekens."
    if waarden["vertrouwelijkheidaanduiding"] not in accounts.VERTROUWELIJKHEID_LABELS:
        fouten["vertrouwelijkheidaanduiding"] = "Kies de vertrouwelijkheid."
    if waarden["status"] not in STATUSSEN:
        fouten["status"] = "Kies de status."
    if upload is not None and (fout := uploads.bestand_fout(upload)):
        fouten["bestand"] = fout
    return fouten


@router.post("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/opslaan")
async def opslaan(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentbehandelaar
) -> Response:
    """Save the edit as a new version (with a new file, if one is chosen) and unlock, in one transaction."""
    form = await request.form()
    upload = uploads.gekozen(form.get("bestand"))
    waarden = {veld: _tekst(form, veld) for veld in BEWERK_VELDEN[:-1]}
    fouten = _bewerk_fouten(waarden, upload)
    waarden["formulier"] = "bewerken"
    files = FileChanges(get_storage())
    inhoud = await uploads.store(upload, files) if upload is not None and not fouten else None
    wijziging = {veld: waarden[veld] for veld in BEWERK_VELDEN[:-1]}
    if inhoud is not None:
        wijziging.update(bestandsnaam=uploads.bestandsnaam(upload), formaat=uploads.formaat(upload))

    async def change(session, auth, ref, zio, found) -> None:
        await zaakdocumenten.save_edit(session, auth, ref, zio, found, wijziging, inhoud, files)

    klaar = _document_url(zaak_uuid, document_uuid, "opgeslagen")
    return await uploads.settled(
        files,
        _change_document(
            request,
            medewerker,
            zaak_uuid,
            document_uuid,
            change,
            klaar,
            fouten=fouten,
            waarden=waarden,
            velden=BEWERK_VELDEN,
        ),
    )


@router.post("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/annuleren")
async def annuleren(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentbehandelaar
) -> Response:
    """End the edit without a change (unlock)."""
    files = FileChanges(get_storage())

    async def change(session, auth, ref, zio, found) -> None:
        await zaakdocumenten.cancel_edit(session, auth, found, files)

    klaar = _document_url(zaak_uuid, document_uuid, "geannuleerd")
    return await uploads.settled(files, _change_document(request, medewerker, zaak_uuid, document_uuid, change, klaar))


@router.post("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/zichtbaarheid")
async def zichtbaarheid(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentbehandelaar
) -> Response:
    """Show the document to the zaak's betrokkenen in the PIP (Mijn zaken), or no longer."""
    zichtbaar = (await request.form()).get("zichtbaar_voor_betrokkene") == "ja"

    async def change(session, auth, ref, zio, found) -> None:
        zaakdocumenten.set_zichtbaar_voor_betrokkene(auth, ref, zio, zichtbaar)

    klaar = _document_url(zaak_uuid, document_uuid, "zichtbaarheid")
    return await _change_document(request, medewerker, zaak_uuid, document_uuid, change, klaar)


@router.get("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/verwijderen")
async def verwijderen_bevestigen(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentbehandelaar
) -> Response:
    """The step before removing: what happens to the document, then "Ja, verwijder het document" or back.
    Where the document page offers no removing (a closed zaak, a document in bewerking or of a besluit),
    back to that page, which says why."""
    async with read_session() as session:
        auth = await accounts.documenten_auth_context(session, medewerker)
        try:
            zaak = await zaken_queries.readable_zaak(session, auth, zaak_uuid)
        except NotFound:
            raise HTTPException(404) from None
        detail = await documenten.zaak_document(session, auth, zaak.id, document_uuid)
    if detail is None:
        raise HTTPException(404)
    pagina = f"/zaakdossier/{zaak_uuid}/documenten/{document_uuid}"
    document = detail.document
    if not _mag_wijzigen(zaak, medewerker, auth) or document.bewerking or detail.bij_besluit:
        return RedirectResponse(pagina, status_code=303)
    gevolgen = [
        f"Het document '{document.titel}' wordt uit zaak {zaak.identificatie} verwijderd.",
        "Hoort het bij geen andere zaak, dan wordt het met al zijn versies verwijderd.",
    ]
    if detail.zichtbaar_voor_betrokkene:
        gevolgen.append("De betrokkenen zien het dan niet meer in Mijn zaken.")
    gevolgen.append("Dat kan niet ongedaan worden gemaakt.")
    return bevestigen.bevestigpagina(
        request,
        titel=f"{document.titel} verwijderen - zaak {zaak.identificatie}",
        vraag=f"Weet u zeker dat u het document '{document.titel}' wilt verwijderen?",
        gevolgen=gevolgen,
        action=f"{pagina}/verwijderen",
        knop="Ja, verwijder het document",
        velden={},
        terug=(pagina, "Nee, terug naar het document"),
        kruimelpad=bevestigen.kruimels(zaak.identificatie, zaak_uuid, (document.titel, pagina), ("Verwijderen", None)),
    )


@router.post("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/verwijderen")
async def verwijderen(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentbehandelaar
) -> Response:
    """Remove the document from the zaak (and delete it when nothing else links it), once confirmed on the
    page before (``verwijderen_bevestigen``); unconfirmed, to that page."""
    if not bevestigen.bevestigd(await request.form()):
        return RedirectResponse(f"/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/verwijderen", status_code=303)
    files = FileChanges(get_storage())

    async def change(session, auth, ref, zio, found) -> None:
        await zaakdocumenten.remove_from_zaak(session, auth, ref, zio, found, files)

    klaar = f"/zaakdossier/{zaak_uuid}/documenten?melding=document-verwijderd"
    return await uploads.settled(files, _change_document(request, medewerker, zaak_uuid, document_uuid, change, klaar))


# --- gebruiksrechten ------------------------------------------------------------------------------------


def _begin_van(dag: date) -> datetime:
    """The start of the day in the Netherlands: the Documenten API keeps moments, people pick days."""
    return datetime(dag.year, dag.month, dag.day, tzinfo=TIMEZONE)


def _gebruiksrecht_fouten(waarden: dict[str, str]) -> dict[str, str]:
    fouten = {}
    if not waarden["omschrijvingVoorwaarden"]:
        fouten["omschrijvingVoorwaarden"] = "Beschrijf de voorwaarden, bijvoorbeeld: alleen intern gebruiken."
    elif len(waarden["omschrijvingVoorwaarden"]) > 5000:
        fouten["omschrijvingVoorwaarden"] = "Een omschrijving heeft hoogstens 5000 tekens."
    start = invoerdatum(waarden["startdatum"])
    if start is None:
        fouten["startdatum"] = "Vul de datum in vanaf wanneer de voorwaarden gelden, bijvoorbeeld 28-07-2026."
    if waarden["einddatum"]:
        eind = invoerdatum(waarden["einddatum"])
        if eind is None:
            fouten["einddatum"] = "Vul een geldige einddatum in, bijvoorbeeld 28-07-2026, of laat het veld leeg."
        elif start is not None and eind < start:
            fouten["einddatum"] = "De einddatum ligt voor de startdatum; kies een latere datum of laat het veld leeg."
    return fouten


@router.post("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/gebruiksrechten")
async def gebruiksrecht_vastleggen(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentbehandelaar
) -> Response:
    """Record conditions of use on the document (a gebruiksrecht): its indicatieGebruiksrecht becomes true."""
    form = await request.form()
    waarden = {veld: _tekst(form, veld) for veld in GEBRUIKSRECHT_VELDEN}
    fouten = _gebruiksrecht_fouten(waarden)
    waarden["formulier"] = "gebruiksrecht"

    async def change(session, auth, ref, zio, found) -> None:
        eind = invoerdatum(waarden["einddatum"]) if waarden["einddatum"] else None
        await zaakdocumenten.record_gebruiksrecht(
            session,
            auth,
            ref,
            found,
            waarden["omschrijvingVoorwaarden"],
            _begin_van(invoerdatum(waarden["startdatum"])),
            _begin_van(eind) if eind else None,
        )

    klaar = _document_url(zaak_uuid, document_uuid, "gebruiksrecht")
    return await _change_document(
        request,
        medewerker,
        zaak_uuid,
        document_uuid,
        change,
        klaar,
        fouten=fouten,
        waarden=waarden,
        velden=GEBRUIKSRECHT_VELDEN,
    )


@router.post("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/gebruiksrechten/{rechten_uuid}/verwijderen")
async def gebruiksrecht_verwijderen(
    request: Request,
    zaak_uuid: uuid.UUID,
    document_uuid: uuid.UUID,
    rechten_uuid: uuid.UUID,
    medewerker: Documentbehandelaar,
) -> Response:
    """Remove a gebruiksrecht; after the last one no conditions apply any more (false)."""
    files = FileChanges(get_storage())

    async def change(session, auth, ref, zio, found) -> None:
        try:
            await zaakdocumenten.remove_gebruiksrecht(session, auth, ref, found, rechten_uuid, files)
        except NotFound:
            raise HTTPException(404) from None

    klaar = _document_url(zaak_uuid, document_uuid, "gebruiksrecht-verwijderd")
    return await uploads.settled(files, _change_document(request, medewerker, zaak_uuid, document_uuid, change, klaar))


@router.post("/zaakdossier/{zaak_uuid}/documenten/{document_uuid}/geen-beperkingen")
async def geen_beperkingen(
    request: Request, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID, medewerker: Documentbehandelaar
) -> Response:
    """Record that no gebruiksrechten apply (indicatieGebruiksrecht false) where it was not yet known."""
    files = FileChanges(get_storage())

    async def change(session, auth, ref, zio, found) -> None:
        await zaakdocumenten.set_geen_beperkingen(session, auth, ref, found, files)

    klaar = _document_url(zaak_uuid, document_uuid, "geen-beperkingen")
    return await uploads.settled(files, _change_document(request, medewerker, zaak_uuid, document_uuid, change, klaar))
