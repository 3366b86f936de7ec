"""The zaakdossier pages and what every form on them shares: run a change through the services, then
show the dossier again with a confirmation, or with the objections beside the fields of the form.

The dossier is a summary (always shown) and tabs, one page each: ``/zaakdossier/{uuid}`` is the Overzicht,
``/zaakdossier/{uuid}/documenten`` and the others follow ``TABS``. Each tab reads only what it shows.

A form's POST redirects to the tab that holds the form (Post/Redirect/Get): a refused form's objections and
values are kept in the session for that one GET, and the address names the form's section, so the browser
shows the tab's URL and the person lands on the form they sent, without JavaScript."""

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
from ...zaken.service import HEROPENEN, TIMEZONE
from ..layout.security import Forbidden, get_sessie, require_role
from ..layout.templating import render
from ..layout.uploads import RefusedRedirect
from . import dossier_queries as dossier
from . import geschiedenis
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


# The tabs of the dossier: (the last part of its address, "" for the Overzicht; its label).
TABS = (
    ("", "Overzicht"),
    ("documenten", "Documenten"),
    ("betrokkenen", "Betrokkenen"),
    ("besluiten", "Besluiten"),
    ("relaties", "Relaties"),
    ("taken", "Taken en notities"),
    ("geschiedenis", "Geschiedenis"),
)
TAB_LABELS = dict(TABS)

# The tab and the section (its heading's id) of each form of the dossier, by ``waarden["formulier"]``.
PLEKKEN = {
    "status": ("", "status-zetten"),
    "afsluiten": ("", "afsluiten"),
    "heropenen": ("", "heropenen"),
    "opschorten": ("", "opschorten"),
    "verlengen": ("", "verlengen"),
    "eigenschappen": ("", "eigenschappen"),
    "betrokkene": ("betrokkenen", "betrokkene-toevoegen"),
    "betrokkene-verwijderen": ("betrokkenen", ""),
    "notitie": ("taken", "notities"),
    "eigen-checklist": ("taken", "eigen-checklist"),
    "eigen-punt": ("taken", "eigen-punt-toevoegen"),
    "besluit": ("besluiten", "besluit-vastleggen"),
    "relatie": ("relaties", "relatie-toevoegen"),
    "relatie-verwijderen": ("relaties", ""),
    "deelzaak": ("relaties", "deelzaak-aanmaken"),
    "document": ("documenten", "document-toevoegen"),
}


def plek_van(formulier: str) -> tuple[str, str]:
    """The tab and section a form is in ("" for the Overzicht, "" for a form without a section: the tab's top)."""
    if formulier.startswith(("checklist-", "taak-")):
        return "taken", formulier  # the heading of that checklist or taak has the form's name as its id
    return PLEKKEN.get(formulier, ("", ""))


def tab_pad(zaak_uuid: uuid.UUID | str, tab: str) -> str:
    return f"/zaakdossier/{zaak_uuid}/{tab}" if tab else f"/zaakdossier/{zaak_uuid}"


def dagen_tekst(datum: date | None, today: date) -> str:
    """How far off a termijn is, in words: "nog 5 dagen", "vandaag", "3 dagen over de termijn"."""
    if datum is None:
        return ""
    dagen = (datum - today).days
    if dagen == 0:
        return "vandaag"
    if dagen > 0:
        return f"nog {dagen} {'dag' if dagen == 1 else 'dagen'}"
    return f"{-dagen} {'dag' if dagen == -1 else 'dagen'} over de termijn"


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
    "heropend": "De zaak is heropend; de einddatum en de archiefgegevens zijn vervallen.",
    "notitie-toegevoegd": "De notitie is toegevoegd.",
    "checklist-opgeslagen": "De antwoorden op de checklist zijn opgeslagen.",
    "eigen-checklist-opgeslagen": "De antwoorden op de eigen checklist zijn opgeslagen.",
    "eigen-punt-toegevoegd": "Het punt staat op de eigen checklist.",
    "eigen-punt-verwijderd": "Het punt is van de eigen checklist gehaald.",
    "taak-afgehandeld": "De taak is afgehandeld.",
    "eigenschappen-opgeslagen": "De eigenschappen zijn opgeslagen.",
    "besluit-vastgelegd": "Het besluit is vastgelegd.",
    "relatie-toegevoegd": "De gerelateerde zaak is toegevoegd.",
    "relatie-verwijderd": "De relatie met de andere zaak is verwijderd.",
    "deelzaak-aangemaakt": "De deelzaak is aangemaakt.",
}


async def _tab_gegevens(session, medewerker: Medewerker, found: dossier.Dossier, tab: str) -> dict:
    """What the tab shows beyond the summary, by template name: each tab reads only its own parts."""
    if tab == "":
        # The closing form names the documents whose gebruiksrechten are not yet decided.
        return {**await documenten_sectie(session, medewerker, found), **await onderdelen(session, medewerker, found)}
    if tab == "documenten":
        return await documenten_sectie(session, medewerker, found)
    if tab in ("besluiten", "relaties"):
        return await onderdelen(session, medewerker, found)
    if tab == "taken":
        return {
            "notities": await behandeling.notities(session, found.id),
            "checklists": await behandeling.checklists(session, found.id, found.zaaktype_id),
            "eigen_checklist": await behandeling.eigen_checklist(session, found.id),
            "CHECKLIST_KEUZES": [("", "Nog niet beantwoord"), *ANTWOORDEN.items()],
        }
    if tab == "geschiedenis":
        eindstatus = found.statustypen[-1][1] if found.statustypen else ""
        return {"geschiedenis": await geschiedenis.geschiedenis(session, found.uuid, found.id, eindstatus)}
    return {}


async def _acties(session, medewerker: Medewerker, found: dossier.Dossier) -> dict[str, bool]:
    """Which of the next steps the summary offers this person; the tab that holds the form decides the details."""
    auth = await accounts.documenten_auth_context(session, medewerker)
    is_open = found.einddatum is None
    return {
        "status": is_open and auth.has_scope("zaken.statussen.toevoegen"),
        "document": is_open and "behandelaar" in medewerker.rollen and auth.has_scope("documenten.aanmaken"),
        "besluit": is_open and found.besluittypen_genoemd and auth.has_scope("besluiten.aanmaken"),
        # Reopening a closed zaak (zrc-008), for whoever has the standard's scope for it: the manager.
        "heropenen": not is_open and auth.has_scope(HEROPENEN),
    }


async def dossier_page(
    request: Request,
    medewerker: Medewerker,
    zaak_uuid: uuid.UUID,
    tab: str = "",
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
        # The open taken are named in the summary on every tab.
        taken = await behandeling.taken(session, found.id)
        acties = await _acties(session, medewerker, found)
        gegevens = await _tab_gegevens(session, medewerker, found, tab)
    scopes = accounts.auth_context(medewerker).scopes
    return render(
        request,
        "behandelen/zaakdossier.html",
        {
            "zaak": found,
            "today": today,
            "tab": tab,
            "TABS": TABS,
            "TAB_LABELS": TAB_LABELS,
            "tab_pad": tab_pad,
            "dagen_tekst": dagen_tekst,
            "acties": acties,
            "taken": taken,
            "SIGNALEN": SIGNALEN,
            "mag_status_zetten": "zaken.statussen.toevoegen" in scopes,
            "mag_bijwerken": "zaken.bijwerken" in scopes,
            "SOORTEN": SOORTEN,
            "fouten": fouten or {},
            "waarden": waarden or {},
            "melding": "" if fouten else DOSSIER_MELDINGEN.get(request.query_params.get("melding", ""), ""),
            **gegevens,
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
    """Run ``change(session, auth, zaak)`` in one transaction, then show the form's tab with a confirmation (or
    the dossier of the zaak whose uuid ``change`` returns, e.g. a new deelzaak); on objections (ours in
    ``fouten`` or the service's) show the tab again with them beside the fields, at the form's section."""
    tab, sectie = plek_van(waarden.get("formulier", ""))
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
            # The same tab of another zaak where the change made one (a new deelzaak: its relation to this one).
            return RedirectResponse(f"{tab_pad(getoond or zaak_uuid, tab)}?melding={melding}", status_code=303)
    pad = tab_pad(zaak_uuid, tab)
    sessie = await get_sessie(request)
    await accounts.keep_refused_form(sessie, pad, accounts.GeweigerdFormulier(fouten=fouten, waarden=waarden))
    return RefusedRedirect(f"{pad}#{sectie}" if sectie else pad, status_code=303)
