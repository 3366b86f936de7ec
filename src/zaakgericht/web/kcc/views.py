"""The KCC pages: search zaken (zaaknummer, BSN, KvK-nummer, address), one zaak at a glance, register a klantcontact."""

import re
import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api import urls
from ...api.errors import NotFound, PermissionDenied, ValidationError
from ...api.schemas import passes_elfproef
from ...behandeling import queries as behandeling
from ...behandeling import service as behandeling_service
from ...behandeling.models import TERUGBELVERZOEK
from ...db import read_session, write_session
from ...zaken import parts, queries
from ...zaken.service import TIMEZONE
from ..behandelen import dossier_queries as dossier
from ..layout.security import require_role
from ..layout.templating import render
from . import queries as kcc

router = APIRouter()

Kcc = Annotated[Medewerker, require_role("kcc", "behandelaar", "manager")]

SOORTEN = {
    "zaaknummer": "Zaaknummer",
    "bsn": "BSN",
    "kvk": "KvK-nummer",
    "postcode": "Postcode en huisnummer",
}
LEEG = {
    "zaaknummer": "Vul een zaaknummer in.",
    "bsn": "Vul een BSN in.",
    "kvk": "Vul een KvK-nummer in.",
    "postcode": "Vul een postcode in.",
}
KANALEN = ["Telefoon", "E-mail", "Balie", "Post", "Chat", "Sociale media"]
# Confirmations and refusals after a redirect: only these fixed texts are shown.
MELDINGEN = {
    "klantcontact": "Het klantcontact is vastgelegd bij de zaak.",
    "terugbelverzoek": "Het terugbelverzoek staat bij de behandelaar van de zaak.",
    "afgesloten": "Bij deze zaak kan geen klantcontact worden vastgelegd, omdat de zaak is afgehandeld.",
    "afgesloten-terugbellen": "Bij een afgehandelde zaak kan geen terugbelverzoek worden gemaakt.",
}
# The fields of the terugbelverzoek form, by the name the service gives its objections.
VERZOEK_VELDEN = {
    "onderwerp": "verzoek_onderwerp",
    "toelichting": "verzoek_toelichting",
    "contact_naam": "contact_naam",
    "telefoonnummer": "telefoonnummer",
    "emailadres": "emailadres",
}
_POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


def _zoekvraag(soort: str, zoekterm: str, huisnummer: str) -> tuple[str, int | None, dict[str, str]]:
    """The value to search on (normalised), the huisnummer, and the errors per field."""
    zoekterm = zoekterm.strip()
    if not zoekterm:
        return "", None, {"zoekterm": LEEG[soort]}
    if soort == "zaaknummer":
        if len(zoekterm) > 40:
            return "", None, {"zoekterm": "Een zaaknummer heeft hoogstens 40 tekens."}
        return zoekterm, None, {}
    if soort == "bsn":
        bsn = re.sub(r"[\s.]", "", zoekterm)
        if len(bsn) != 9 or not bsn.isdigit():
            return "", None, {"zoekterm": "Een BSN bestaat uit precies 9 cijfers."}
        if not passes_elfproef(bsn):
            return "", None, {"zoekterm": "Dit BSN voldoet niet aan de elfproef. Controleer het nummer."}
        return bsn, None, {}
    if soort == "kvk":
        kvk = re.sub(r"\s", "", zoekterm)
        if len(kvk) != 8 or not kvk.isdigit():
            return "", None, {"zoekterm": "Een KvK-nummer bestaat uit precies 8 cijfers."}
        return kvk, None, {}
    postcode = re.sub(r"\s", "", zoekterm).upper()
    fouten = {}
    if not _POSTCODE.match(postcode):
        fouten["zoekterm"] = "Vul een postcode in van 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."
    nummer = huisnummer.strip()
    if not nummer.isdigit() or not 0 < int(nummer) < 100000:
        fouten["huisnummer"] = "Vul bij een postcode ook het huisnummer in, alleen de cijfers (bijvoorbeeld 12)."
    return postcode, None if "huisnummer" in fouten else int(nummer), fouten


def _zoekpagina(
    request: Request,
    *,
    soort: str = "zaaknummer",
    zoekterm: str = "",
    huisnummer: str = "",
    gezocht: bool = False,
    fouten: dict[str, str] | None = None,
    resultaten: list[kcc.ZaakInfo] | None = None,
    meer: bool = False,
) -> Response:
    return render(
        request,
        "kcc/zoeken.html",
        {
            "SOORTEN": SOORTEN,
            "soort": soort,
            "zoekterm": zoekterm[:100],
            "huisnummer": huisnummer[:10],
            "gezocht": gezocht,
            "fouten": fouten or {},
            "resultaten": resultaten or [],
            "meer": meer,
            "max_resultaten": kcc.MAX_RESULTATEN,
        },
        status_code=400 if fouten else 200,
    )


@router.get("/kcc")
async def zoeken(request: Request, medewerker: Kcc) -> Response:
    """The empty search form. A search is a POST: a BSN is never part of an address we serve (nor of a
    browser's history, a bookmark or a log), so a query string here is ignored."""
    return _zoekpagina(request)


@router.post("/kcc")
async def zoeken_versturen(request: Request, medewerker: Kcc) -> Response:
    """The results, in the response to the form itself (no redirect, which would put the search in a URL)."""
    form = await request.form()
    soort = str(form.get("soort", "zaaknummer"))
    soort = soort if soort in SOORTEN else "zaaknummer"
    zoekterm, huisnummer = str(form.get("zoekterm", "")), str(form.get("huisnummer", ""))
    resultaten: list[kcc.ZaakInfo] = []
    meer = False
    waarde, nummer, fouten = _zoekvraag(soort, zoekterm, huisnummer)
    if not fouten:
        async with read_session() as session:
            resultaten, meer = await kcc.zoek(
                session, soort, waarde, huisnummer=nummer, limits=accounts.type_limits(medewerker)
            )
    return _zoekpagina(
        request,
        soort=soort,
        zoekterm=zoekterm,
        huisnummer=huisnummer,
        gezocht=True,
        fouten=fouten,
        resultaten=resultaten,
        meer=meer,
    )


async def _zaak_pagina(
    request: Request,
    zaak_uuid: uuid.UUID,
    medewerker: Medewerker,
    *,
    form: dict | None = None,
    fouten: dict[str, str] | None = None,
    verzoek: dict | None = None,
    verzoek_fouten: dict[str, str] | None = None,
) -> Response:
    limits = accounts.type_limits(medewerker)
    today = datetime.now(TIMEZONE).date()
    async with read_session() as session:
        info = await kcc.zaak(session, zaak_uuid, limits=limits)
        tijdlijn = await dossier.dossier(session, zaak_uuid, limits=limits, today=today) if info else None
        if info is None or tijdlijn is None:
            raise HTTPException(404)
        contacten = await kcc.klantcontacten(session, info.id)
        # A citizen's messages from the PIP are for the behandelaar, not the KCC.
        taken = await behandeling.taken(session, info.id, TERUGBELVERZOEK)
    return render(
        request,
        "kcc/zaak.html",
        {
            "zaak": info,
            "statussen": tijdlijn.statussen,
            "contacten": contacten,
            "terugbelverzoeken": taken,
            "KANALEN": KANALEN,
            "form": form or {},
            "fouten": fouten or {},
            "verzoek": verzoek or {},
            "verzoek_fouten": verzoek_fouten or {},
            "melding": request.query_params.get("melding", ""),
            "MELDINGEN": MELDINGEN,
        },
        status_code=400 if fouten or verzoek_fouten else 200,
    )


@router.get("/kcc/zaken/{zaak_uuid}")
async def zaak(request: Request, zaak_uuid: uuid.UUID, medewerker: Kcc) -> Response:
    return await _zaak_pagina(request, zaak_uuid, medewerker)


@router.post("/kcc/zaken/{zaak_uuid}/klantcontacten")
async def klantcontact_vastleggen(request: Request, zaak_uuid: uuid.UUID, medewerker: Kcc) -> Response:
    """Register a klantcontact on the zaak through the Zaken services (audit trail and notification as in the API)."""
    form = await request.form()
    gegevens = {name: str(form.get(name, "")).strip() for name in ("kanaal", "onderwerp", "toelichting")}
    fouten = {}
    if gegevens["kanaal"] not in KANALEN:
        fouten["kanaal"] = "Kies het kanaal waarlangs de klant contact had."
    if not gegevens["onderwerp"]:
        fouten["onderwerp"] = "Vul het onderwerp van het contact in."
    elif len(gegevens["onderwerp"]) > 200:
        fouten["onderwerp"] = "Het onderwerp heeft hoogstens 200 tekens."
    if len(gegevens["toelichting"]) > 1000:
        fouten["toelichting"] = "De toelichting heeft hoogstens 1000 tekens."
    if fouten:
        return await _zaak_pagina(request, zaak_uuid, medewerker, form=gegevens, fouten=fouten)

    async def change(session, auth, zaak) -> None:
        zaak_url = urls.build("zaken", "zaken", zaak.uuid)
        data = {"zaak": zaak_url, "datumtijd": datetime.now(UTC).isoformat(), **gegevens}
        await parts.create_klantcontact(session, auth, data)

    try:
        await _in_zaak(medewerker, zaak_uuid, change)
    except PermissionDenied:
        return RedirectResponse(f"/kcc/zaken/{zaak_uuid}?melding=afgesloten", status_code=303)
    return RedirectResponse(f"/kcc/zaken/{zaak_uuid}?melding=klantcontact", status_code=303)


async def _in_zaak(medewerker: Medewerker, zaak_uuid: uuid.UUID, change) -> None:
    """Run ``change(session, auth, zaak)`` in one transaction on a zaak the medewerker may see (else 404)."""
    auth = accounts.auth_context(medewerker)
    async with write_session() as session:
        try:
            zaak = await queries.readable_zaak(session, auth, zaak_uuid)
        except NotFound:
            raise HTTPException(404) from None
        await change(session, auth, zaak)


@router.post("/kcc/zaken/{zaak_uuid}/terugbelverzoeken")
async def terugbelverzoek_maken(request: Request, zaak_uuid: uuid.UUID, medewerker: Kcc) -> Response:
    """A question the KCC cannot answer: a task for the zaak's behandelaar to call the client back."""
    form = await request.form()
    verzoek = {veld: str(form.get(veld, "")).strip() for veld in VERZOEK_VELDEN.values()}
    gegevens = {naam: verzoek[veld] for naam, veld in VERZOEK_VELDEN.items()}

    async def change(session, auth, zaak) -> None:
        await behandeling_service.create_terugbelverzoek(session, auth, zaak, gegevens, datetime.now(UTC))

    try:
        await _in_zaak(medewerker, zaak_uuid, change)
    except ValidationError as exc:
        fouten = {VERZOEK_VELDEN.get(param.name, "verzoek_onderwerp"): param.reason for param in exc.invalid_params}
        return await _zaak_pagina(request, zaak_uuid, medewerker, verzoek=verzoek, verzoek_fouten=fouten)
    except PermissionDenied:
        return RedirectResponse(f"/kcc/zaken/{zaak_uuid}?melding=afgesloten-terugbellen", status_code=303)
    return RedirectResponse(f"/kcc/zaken/{zaak_uuid}?melding=terugbelverzoek", status_code=303)
