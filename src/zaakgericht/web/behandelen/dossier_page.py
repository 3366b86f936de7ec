"""The zaakdossier page and what every form on it shares: run a change through the services, then
show the dossier again with a confirmation, or with the objections beside the fields of the form.

Either way the form's POST redirects to the dossier's own address (Post/Redirect/Get): a refused form's
objections and values are kept in the session for that one GET, and the address names the form's section,
so the browser shows the dossier's URL and the person lands on the form they sent, without JavaScript."""

import uuid
from datetime import date, datetime
from typing import Annotated

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api.errors import NotFound, PermissionDenied, ValidationError
from ...behandeling import queries as behandeling
from ...behandeling.service import ANTWOORDEN
from ...db import read_session, write_session
from ...zaken import queries
from ...zaken.service import TIMEZONE
from ..layout.security import Forbidden, get_sessie, require_role
from ..layout.templating import render
from ..layout.uploads import RefusedRedirect
from . import dossier_queries as dossier
from .documenten_sectie import documenten_sectie
from .onderdelen import onderdelen

Behandelaar = Annotated[Medewerker, require_role("behandelaar", "manager")]

SIGNALEN = {
    "termijn_verstreken": "Wettelijke termijn verstreken",
    "servicenorm_verstreken": "Servicenorm verstreken",
    "bijna": "Termijn bijna verstreken",
}

# The kinds of betrokkene a medewerker can add, and what identifies each (betrokkeneType, label).
SOORTEN = {
    "natuurlijk_persoon": "Persoon (BSN)",
    "niet_natuurlijk_persoon": "Organisatie (RSIN)",
    "vestiging": "Vestiging (KvK-nummer)",
    "medewerker": "Medewerker (gebruikersnaam)",
    "organisatorische_eenheid": "Afdeling of team (code)",
}


# The section (its heading's id) of each form of the dossier, by ``waarden["formulier"]``.
SECTIES = {
    "status": "status-zetten",
    "afsluiten": "afsluiten",
    "opschorten": "opschorten",
    "verlengen": "verlengen",
    "betrokkene": "betrokkene-toevoegen",
    "eigenschappen": "eigenschappen",
    "notitie": "notities",
    "besluit": "besluit-vastleggen",
    "relatie": "relatie-toevoegen",
    "deelzaak": "deelzaak-aanmaken",
    "document": "document-toevoegen",
}


def sectie_van(formulier: str) -> str:
    """The id of the section a form is in ("" for a form without a section: the page's top)."""
    if formulier.startswith(("checklist-", "taak-")):
        return formulier  # the heading of that checklist or taak has the form's name as its id
    return SECTIES.get(formulier, "")


def parse_uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def invoerdatum(waarde: str) -> date | None:
    """A date from a date field (YYYY-MM-DD) or typed by hand where the browser has none (28-07-2026)."""
    for form in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(waarde, form).date()
        except ValueError:
            continue
    return None


DOSSIER_MELDINGEN = {
    "aangemaakt": "De zaak is aangemaakt.",
    "document-toegevoegd": "Het document is toegevoegd.",
    "document-verwijderd": "Het document is uit de zaak verwijderd.",
    "opgeschort": "De zaak is opgeschort.",
    "hervat": "De opschorting is opgeheven.",
    "verlengd": "De termijn van de zaak is verlengd.",
    "betrokkene-toegevoegd": "De betrokkene is toegevoegd.",
    "betrokkene-verwijderd": "De betrokkene is verwijderd.",
    "status-gezet": "De status is gezet.",
    "afgesloten": "De zaak is afgesloten; de archiefgegevens zijn afgeleid.",
    "notitie-toegevoegd": "De notitie is toegevoegd.",
    "checklist-opgeslagen": "De antwoorden op de checklist zijn opgeslagen.",
    "taak-afgehandeld": "De taak is afgehandeld.",
    "eigenschappen-opgeslagen": "De eigenschappen zijn opgeslagen.",
    "besluit-vastgelegd": "Het besluit is vastgelegd.",
    "relatie-toegevoegd": "De gerelateerde zaak is toegevoegd.",
    "relatie-verwijderd": "De relatie met de andere zaak is verwijderd.",
    "deelzaak-aangemaakt": "De deelzaak is aangemaakt.",
}


async def _sections(session, medewerker: Medewerker, found: dossier.Dossier) -> dict:
    """What the dossier's sections beyond the overview show (documents, besluiten, ...), by template name."""
    return {
        "notities": await behandeling.notities(session, found.id),
        "checklists": await behandeling.checklists(session, found.id, found.zaaktype_id),
        "taken": await behandeling.taken(session, found.id),
        "CHECKLIST_KEUZES": [("", "Nog niet beantwoord"), *ANTWOORDEN.items()],
        **await documenten_sectie(session, medewerker, found),
        **await onderdelen(session, medewerker, found),
    }


async def dossier_page(
    request: Request,
    medewerker: Medewerker,
    zaak_uuid: uuid.UUID,
    *,
    fouten: dict[str, str] | None = None,
    waarden: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    today = datetime.now(TIMEZONE).date()
    if fouten is None:
        # The form this person sent and the services refused, shown once.
        if geweigerd := await accounts.take_refused_form(await get_sessie(request), request.url.path):
            fouten, waarden = geweigerd.fouten, geweigerd.waarden
    async with read_session() as session:
        found = await dossier.dossier(session, zaak_uuid, limits=accounts.type_limits(medewerker), today=today)
        if found is None:
            raise HTTPException(404)
        sections = await _sections(session, medewerker, found)
    scopes = accounts.auth_context(medewerker).scopes
    return render(
        request,
        "behandelen/zaakdossier.html",
        {
            "zaak": found,
            "today": today,
            "SIGNALEN": SIGNALEN,
            "mag_status_zetten": "zaken.statussen.toevoegen" in scopes,
            "mag_bijwerken": "zaken.bijwerken" in scopes,
            "SOORTEN": SOORTEN,
            "fouten": fouten or {},
            "waarden": waarden or {},
            "melding": "" if fouten else DOSSIER_MELDINGEN.get(request.query_params.get("melding", ""), ""),
            **sections,
        },
        status_code=status_code,
    )


def fouten_van(exc: ValidationError, velden: tuple[str, ...]) -> dict[str, str]:
    """The service's objections by form field; objections to anything else are about the form as a whole."""
    fouten: dict[str, str] = {}
    for param in exc.invalid_params:
        veld = param.name if param.name in velden else "formulier"
        fouten[veld] = f"{fouten[veld]} {param.reason}" if veld in fouten else param.reason
    return fouten


async def act(
    request: Request,
    medewerker: Medewerker,
    zaak_uuid: uuid.UUID,
    fouten: dict[str, str],
    waarden: dict[str, str],
    velden: tuple[str, ...],
    change,
    melding: str,
) -> Response:
    """Run ``change(session, auth, zaak)`` in one transaction, then show the dossier with a confirmation (or
    the dossier of the zaak whose uuid ``change`` returns, e.g. a new deelzaak); on objections (ours in
    ``fouten`` or the service's) show it again with them beside the fields, at the form's section."""
    if not fouten:
        auth = accounts.auth_context(medewerker)
        try:
            async with write_session() as session:
                try:
                    zaak = await queries.readable_zaak(session, auth, zaak_uuid)
                except NotFound:
                    raise HTTPException(404) from None
                getoond = await change(session, auth, zaak)
        except ValidationError as exc:
            fouten = fouten_van(exc, velden)
        except PermissionDenied:
            raise Forbidden("U mag deze zaak niet wijzigen.") from None
        else:
            return RedirectResponse(f"/zaakdossier/{getoond or zaak_uuid}?melding={melding}", status_code=303)
    pad = f"/zaakdossier/{zaak_uuid}"
    sessie = await get_sessie(request)
    await accounts.keep_refused_form(sessie, pad, accounts.GeweigerdFormulier(fouten=fouten, waarden=waarden))
    sectie = sectie_van(waarden.get("formulier", ""))
    return RefusedRedirect(f"{pad}#{sectie}" if sectie else pad, status_code=303)
