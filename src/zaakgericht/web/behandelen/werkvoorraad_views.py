"""The werkvoorraad pages: the lists (mijn zaken, the team's and the unassigned ones) with their filters and
saved filters, one zaak's behandelaar changed from its action menu, a selection changed or exported at once,
and a colleague's open work handed over by a manager (overdragen).

Every change of a behandelaar goes through ``toewijzen.wijzig_behandelaar``: one zaak, a selection and an
overdracht follow the same rules and the same Zaken services. Results that name zaken (which were refused and
why) are kept in the session for the next page (``accounts.keep_refused_form``), never put in the address.
"""

import csv
import io
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api.errors import NotFound
from ...db import read_session, write_session
from ...zaken import queries
from ...zaken.models import Zaak
from ...zaken.service import TIMEZONE
from ..layout.security import get_sessie, require_role, safe_volgende
from ..layout.templating import render
from . import toewijzen
from . import werkvoorraad_queries as werkvoorraad
from .dossier_page import SIGNALEN, Behandelaar, parse_uuid

router = APIRouter()

Manager = Annotated[Medewerker, require_role("manager")]

LIJSTEN = {"mijn": "Mijn zaken", "team": "Zaken van mijn team", "niet_toegewezen": "Niet toegewezen"}
TERMIJNEN = {"": "Alle termijnen", "verlopen": "Termijn verstreken", "bijna": "Termijn bijna verstreken"}
SORTERINGEN = {
    "uiterlijke_einddatum": "Uiterste einddatum (eerst)",
    "einddatum_gepland": "Geplande einddatum (eerst)",
    "-startdatum": "Nieuwste eerst",
    "startdatum": "Oudste eerst",
    "identificatie": "Zaaknummer",
}
# What can be done with the selected zaken (the bulk form's select).
SELECTIE_ACTIES = {
    "toewijzen": "Toewijzen aan collega",
    "oppakken": "Oppakken (aan mij toewijzen)",
    "teruggeven": "Teruggeven aan het team",
    "export": "Exporteren als CSV",
}
BEVESTIGINGEN = {"oppakken": "opgepakt", "teruggeven": "teruggegeven", "toewijzen": "toegewezen"}
# Confirmations and refusals after a redirect: only these fixed texts are shown.
MELDINGEN = {
    "opgepakt": "U behandelt de zaak nu.",
    "teruggegeven": "De zaak is teruggegeven en staat bij Niet toegewezen.",
    "toegewezen": "De zaak is toegewezen.",
    **toewijzen.WEIGERINGEN,
    "niet-gelukt": "De behandelaar van de zaak kon niet worden gewijzigd.",
    "onbekende-collega": "Kies een collega uit uw team.",
    "filter-opgeslagen": "Het filter is opgeslagen.",
    "filter-verwijderd": "Het filter is verwijderd.",
}
GOED = ("opgepakt", "teruggegeven", "toegewezen", "filter-opgeslagen", "filter-verwijderd")
# The filter values by the names of the address; what a saved filter keeps.
FILTER_VELDEN = ("lijst", "zaaktype", "status", "termijn", "sortering")
WERKVOORRAAD = "/werkvoorraad"
STANDAARD_SORTERING = "uiterlijke_einddatum"
OVERDRAGEN = "/werkvoorraad/overdragen"
REDEN_MAX = 1000


def lees_filters(params: Mapping[str, str]) -> tuple[werkvoorraad.Filters, bool]:
    """The filters asked for (in the address or a form), and whether any value was not a valid choice (it is
    then ignored)."""
    ongeldig = False

    def choice(name: str, choices: dict, default: str) -> str:
        nonlocal ongeldig
        value = params.get(name, default)
        if value not in choices:
            ongeldig = True
            return default
        return value

    def reference(name: str) -> uuid.UUID | None:
        nonlocal ongeldig
        value = parse_uuid(params.get(name))
        ongeldig = ongeldig or (params.get(name, "") != "" and value is None)
        return value

    pagina = params.get("pagina", "1")
    if not pagina.isdigit() or int(pagina) < 1:
        ongeldig, pagina = True, "1"
    filters = werkvoorraad.Filters(
        lijst=choice("lijst", LIJSTEN, "mijn"),
        zaaktype=reference("zaaktype"),
        statustype=reference("status"),
        termijn=choice("termijn", TERMIJNEN, ""),
        sortering=choice("sortering", SORTERINGEN, STANDAARD_SORTERING),
        pagina=int(pagina),
    )
    return filters, ongeldig


def filter_waarden(filters: werkvoorraad.Filters) -> dict[str, str]:
    """The filters as the values of the address (without the page): what the forms carry and a saved filter keeps."""
    return {
        "lijst": filters.lijst,
        "zaaktype": str(filters.zaaktype or ""),
        "status": str(filters.statustype or ""),
        "termijn": filters.termijn,
        "sortering": filters.sortering,
    }


async def zaaktype_keuzes(session, medewerker: Medewerker) -> list[tuple[str, str]]:
    """(uuid, label) of the published zaaktypen within the medewerker's autorisaties."""
    limits = accounts.type_limits(medewerker)
    return [
        (keuze.url.rsplit("/", 1)[1], keuze.label)
        for keuze in await accounts.published_zaaktypen(session)
        if limits is None or keuze.url in limits
    ]


def _lijst_argumenten(medewerker: Medewerker, team: list[tuple[str, str]]) -> dict:
    return {
        "medewerker": medewerker.gebruikersnaam,
        "team": [gebruikersnaam for gebruikersnaam, _ in team],
        "limits": accounts.type_limits(medewerker),
        "today": datetime.now(TIMEZONE).date(),
    }


@router.get(WERKVOORRAAD)
async def werkvoorraad_page(request: Request, medewerker: Behandelaar) -> Response:
    filters, ongeldig = lees_filters(request.query_params)
    # A result of the selection form or a refused form of this page, kept for this one view.
    resultaat = await accounts.take_refused_form(await get_sessie(request), WERKVOORRAAD)
    async with read_session() as session:
        team = await accounts.team(session, medewerker)
        lijst = _lijst_argumenten(medewerker, team)
        count, regels = await werkvoorraad.werkvoorraad(session, filters, **lijst)
        terugbelverzoeken = await werkvoorraad.terugbelverzoeken(session, filters, **lijst)
        aantallen = await werkvoorraad.werkvoorraad_aantallen(session, medewerker)
        zaaktypen = await zaaktype_keuzes(session, medewerker)
        statustypen = await werkvoorraad.statustypen(session, filters.zaaktype) if filters.zaaktype else []
        opgeslagen = await accounts.opgeslagen_filters(session, medewerker)
    paginas = werkvoorraad.last_page(count)
    # A page beyond the last (an old link, a typed address) shows the last one, with the notice.
    pagina = min(filters.pagina, paginas)
    ongeldig = ongeldig or pagina != filters.pagina

    def pagina_url(pagina: int) -> str:
        return f"{request.url.path}?{request.url.include_query_params(pagina=pagina).query}"

    return render(
        request,
        "behandelen/werkvoorraad.html",
        {
            "filters": filters,
            "filter_waarden": filter_waarden(filters),
            "ongeldig": ongeldig,
            "count": count,
            "regels": regels,
            "terugbelverzoeken": terugbelverzoeken,
            "aantallen": aantallen,
            "pagina": pagina,
            "paginas": paginas,
            "pagina_url": pagina_url,
            "zaaktypen": zaaktypen,
            "statustypen": statustypen,
            "opgeslagen": [
                (opgeslagen_filter, _filter_url(opgeslagen_filter.filters)) for opgeslagen_filter in opgeslagen
            ],
            "LIJSTEN": LIJSTEN,
            "TERMIJNEN": TERMIJNEN,
            "SORTERINGEN": SORTERINGEN,
            "SELECTIE_ACTIES": SELECTIE_ACTIES,
            "SIGNALEN": SIGNALEN,
            "team": team,
            "namen": dict(team),
            "melding": request.query_params.get("melding", ""),
            "MELDINGEN": MELDINGEN,
            "GOED": GOED,
            "resultaat": resultaat,
            "terug": f"{request.url.path}?{request.url.query}" if request.url.query else request.url.path,
        },
    )


def _filter_url(waarden: dict[str, str]) -> str:
    """The werkvoorraad's address with these filters (their values hold no BSN: zaaktype, status, termijn)."""
    kept = {name: waarden[name] for name in FILTER_VELDEN if waarden.get(name) not in ("", STANDAARD_SORTERING)}
    return f"{WERKVOORRAAD}?{urlencode(kept)}" if kept else WERKVOORRAAD


def _met_melding(url: str, melding: str) -> str:
    path, _, query = url.partition("?")
    kept = "&".join(part for part in query.split("&") if part and not part.startswith("melding="))
    return f"{path}?{kept + '&' if kept else ''}melding={melding}"


# --- one zaak -------------------------------------------------------------------------------------------


@router.post("/werkvoorraad/{zaak_uuid}/behandelaar")
async def behandelaar_kiezen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Take a zaak (oppakken), hand it back (teruggeven) or assign it to a colleague of the team (toewijzen)."""
    form = await request.form()
    actie = str(form.get("actie", ""))
    if actie not in BEVESTIGINGEN:
        raise HTTPException(400)
    terug = safe_volgende(str(form.get("terug", WERKVOORRAAD)))
    auth = accounts.auth_context(medewerker)
    async with write_session() as session:
        try:
            zaak = await queries.readable_zaak(session, auth, zaak_uuid)
        except NotFound:
            raise HTTPException(404) from None
        collega = None
        if actie == "toewijzen":
            collega = await _collega(session, medewerker, str(form.get("collega", "")))
            if collega is None:
                return RedirectResponse(_met_melding(terug, "onbekende-collega"), status_code=303)
        weigeringen = await toewijzen.wijzig_behandelaar(session, auth, medewerker, [zaak], actie, collega)
    melding = weigeringen[zaak.id].code if weigeringen else BEVESTIGINGEN[actie]
    return RedirectResponse(_met_melding(terug, melding), status_code=303)


@router.get("/werkvoorraad/{zaak_uuid}/toewijzen")
async def toewijzen_form(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """The page behind "Toewijzen aan..." in a row's action menu: choose the colleague (no JavaScript needed)."""
    auth = accounts.auth_context(medewerker)
    async with read_session() as session:
        try:
            zaak = await queries.readable_zaak(session, auth, zaak_uuid)
        except NotFound:
            raise HTTPException(404) from None
        team = await accounts.team(session, medewerker)
    terug = safe_volgende(request.query_params.get("terug", WERKVOORRAAD))
    return render(
        request,
        "behandelen/toewijzen.html",
        {
            "zaak": zaak,
            "collegas": [(naam, label) for naam, label in team if naam != zaak.behandelaar],
            "terug": terug,
            "kruimelpad": [("Werkvoorraad", terug), (f"{zaak.identificatie} toewijzen", None)],
        },
    )


async def _collega(session, medewerker: Medewerker, gebruikersnaam: str) -> Medewerker | None:
    """The colleague of the medewerker's team with this gebruikersnaam (autorisaties loaded), or None."""
    if gebruikersnaam not in dict(await accounts.team(session, medewerker)):
        return None
    return await toewijzen.medewerker_met_autorisaties(session, gebruikersnaam)


# --- a selection ----------------------------------------------------------------------------------------


@router.post("/werkvoorraad/selectie")
async def selectie(request: Request, medewerker: Behandelaar) -> Response:
    """The bulk form: toewijzen, oppakken or teruggeven the selected zaken in one transaction, or export the
    selection (the whole filtered list when nothing is selected) as CSV."""
    form = await request.form()
    actie = str(form.get("bulkactie", ""))
    gekozen = [value for value in (parse_uuid(str(v)) for v in form.getlist("zaak")) if value is not None]
    filters, _ = lees_filters({name: str(form.get(name, "")) for name in FILTER_VELDEN if form.get(name)})
    terug = _filter_url(filter_waarden(filters))
    sessie = await get_sessie(request)
    if actie == "export":
        return await _export(medewerker, filters, gekozen)
    fouten = {}
    if actie not in BEVESTIGINGEN:
        fouten["bulkactie"] = "Kies wat u met de gekozen zaken wilt doen."
    if not gekozen:
        fouten["zaak"] = "Kies een of meer zaken in de lijst."
    auth = accounts.auth_context(medewerker)
    collega = None
    if not fouten and actie == "toewijzen":
        async with read_session() as session:
            collega = await _collega(session, medewerker, str(form.get("bulk_collega", "")))
        if collega is None:
            fouten["bulk_collega"] = "Kies de collega aan wie u de zaken toewijst."
    if fouten:
        refused = accounts.GeweigerdFormulier(fouten, {"formulier": "selectie"})
        await accounts.keep_refused_form(sessie, WERKVOORRAAD, refused)
        return RedirectResponse(terug, status_code=303)
    auth = accounts.auth_context(medewerker)
    async with write_session() as session:
        gekozen_zaken = select(Zaak).where(Zaak.uuid.in_(gekozen)).order_by(Zaak.id)
        zaken = list(await session.scalars(queries.readable(gekozen_zaken, auth)))
        weigeringen = await toewijzen.wijzig_behandelaar(session, auth, medewerker, zaken, actie, collega)
    waarden = {
        "formulier": "selectie-resultaat",
        "actie": actie,
        "verwerkt": str(len(zaken) - len(weigeringen)),
        "onbekend": str(len(set(gekozen)) - len(zaken)),
        "collega": collega.naam if collega else "",
    }
    geweigerd = {zaak.identificatie: weigeringen[zaak.id].tekst for zaak in zaken if zaak.id in weigeringen}
    await accounts.keep_refused_form(sessie, WERKVOORRAAD, accounts.GeweigerdFormulier(geweigerd, waarden))
    return RedirectResponse(terug, status_code=303)


CSV_KOPPEN = (
    "Zaaknummer",
    "Omschrijving",
    "Zaaktype",
    "Status",
    "Behandelaar",
    "Startdatum",
    "Servicenorm",
    "Uiterste einddatum",
    "Signaal",
    "Open taken",
)


def _cel(value: str) -> str:
    """A text as a spreadsheet cell: one that Excel would read as a formula is prefixed with a quote."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _datum(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


async def _export(medewerker: Medewerker, filters: werkvoorraad.Filters, gekozen: list[uuid.UUID]) -> Response:
    """The zaken as a CSV download that Excel opens as it is: UTF-8 with a BOM, ``;`` between the fields, Dutch
    headers and dates. No BSN or other data of betrokkenen is in it."""
    async with read_session() as session:
        team = await accounts.team(session, medewerker)
        regels = await werkvoorraad.export_regels(session, filters, gekozen, **_lijst_argumenten(medewerker, team))
    namen = dict(team)
    uitvoer = io.StringIO()
    schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(CSV_KOPPEN)
    for regel in regels:
        taken = [naam for naam, open_ in (("Terugbelverzoek", regel.terugbellen), ("Bericht", regel.bericht)) if open_]
        schrijver.writerow(
            [
                _cel(regel.identificatie),
                _cel(regel.omschrijving),
                _cel(regel.zaaktype),
                _cel(regel.status),
                _cel(namen.get(regel.behandelaar, regel.behandelaar)),
                _datum(regel.startdatum),
                _datum(regel.einddatum_gepland),
                _datum(regel.uiterlijke_einddatum_afdoening),
                SIGNALEN.get(regel.signaal, ""),
                ", ".join(taken),
            ]
        )
    naam = f"werkvoorraad-{datetime.now(TIMEZONE).date().isoformat()}.csv"
    return Response(
        ("\ufeff" + uitvoer.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )


# --- saved filters --------------------------------------------------------------------------------------


@router.post("/werkvoorraad/filters")
async def filter_opslaan(request: Request, medewerker: Behandelaar) -> Response:
    """Save the filters of the page under a name of the medewerker's choice."""
    form = await request.form()
    filters, _ = lees_filters({name: str(form.get(name, "")) for name in FILTER_VELDEN if form.get(name)})
    waarden = filter_waarden(filters)
    naam = str(form.get("filternaam", ""))
    try:
        async with write_session() as session:
            await accounts.filter_opslaan(session, medewerker, naam, waarden)
    except ValueError as exc:
        fout = accounts.GeweigerdFormulier({"filternaam": str(exc)}, {"formulier": "filter", "filternaam": naam})
        await accounts.keep_refused_form(await get_sessie(request), WERKVOORRAAD, fout)
        return RedirectResponse(_filter_url(waarden), status_code=303)
    return RedirectResponse(_met_melding(_filter_url(waarden), "filter-opgeslagen"), status_code=303)


@router.post("/werkvoorraad/filters/{filter_uuid}/verwijderen")
async def filter_verwijderen(request: Request, filter_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    form = await request.form()
    terug = safe_volgende(str(form.get("terug", WERKVOORRAAD)))
    async with write_session() as session:
        if not await accounts.filter_verwijderen(session, medewerker, filter_uuid):
            raise HTTPException(404)
    return RedirectResponse(_met_melding(terug, "filter-verwijderd"), status_code=303)


# --- overdragen -----------------------------------------------------------------------------------------


async def _overdracht_keuzes(session, manager: Medewerker) -> tuple[list[Medewerker], list[Medewerker]]:
    """Whose work a manager may hand over (everyone of the organisation who can have zaken, also a deactivated
    account: its zaken must go somewhere) and to whom (the active ones)."""
    medewerkers = [
        m
        for m in await accounts.list_medewerkers(session)
        if m.organisatie == manager.organisatie and {"behandelaar", "manager"} & set(m.rollen)
    ]
    return medewerkers, [m for m in medewerkers if m.actief]


def _overdracht_fouten(waarden: dict[str, str], van: Medewerker | None, naar_keuzes: list[Medewerker]) -> dict:
    fouten = {}
    if van is None:
        fouten["van"] = "Kies de medewerker van wie u het werk overdraagt."
    if waarden["naar"] != "team" and waarden["naar"] not in {m.gebruikersnaam for m in naar_keuzes}:
        fouten["naar"] = "Kies aan wie u het werk overdraagt: een collega of het team."
    elif van is not None and waarden["naar"] == van.gebruikersnaam:
        fouten["naar"] = "Kies een andere medewerker dan degene van wie het werk komt."
    if not waarden["reden"]:
        fouten["reden"] = "Vul de reden van de overdracht in, bijvoorbeeld ziekte of verlof."
    elif len(waarden["reden"]) > REDEN_MAX:
        fouten["reden"] = f"Een reden heeft hoogstens {REDEN_MAX} tekens."
    return fouten


async def _overdragen_page(
    request: Request, manager: Medewerker, waarden: dict[str, str], fouten: dict, *, bevestigen: bool = False
) -> Response:
    async with read_session() as session:
        van_keuzes, naar_keuzes = await _overdracht_keuzes(session, manager)
        van = next((m for m in van_keuzes if m.gebruikersnaam == waarden["van"]), None)
        werk = await werkvoorraad.open_werk(session, van.gebruikersnaam, accounts.type_limits(manager)) if van else None
    resultaat = (
        None if request.method == "POST" else await accounts.take_refused_form(await get_sessie(request), OVERDRAGEN)
    )
    naar = next((m for m in naar_keuzes if m.gebruikersnaam == waarden["naar"]), None)
    return render(
        request,
        "behandelen/overdragen.html",
        {
            "waarden": waarden,
            "fouten": fouten,
            "van": van,
            "naar": naar,
            "werk": werk,
            "van_keuzes": van_keuzes,
            "naar_keuzes": [m for m in naar_keuzes if van is None or m.id != van.id],
            "bevestigen": bevestigen,
            "resultaat": resultaat,
            "kruimelpad": [("Werkvoorraad", WERKVOORRAAD), ("Werk overdragen", None)],
        },
        status_code=400 if fouten else 200,
    )


@router.get(OVERDRAGEN)
async def overdragen_form(request: Request, manager: Manager) -> Response:
    waarden = {"van": request.query_params.get("van", ""), "naar": "", "reden": ""}
    return await _overdragen_page(request, manager, waarden, {})


@router.post(OVERDRAGEN)
async def overdragen(request: Request, manager: Manager) -> Response:
    """First the check (what will move, to whom, why), then with ``bevestigd`` the move itself: every open zaak
    of the medewerker that the manager may see, with a notitie in each dossier, in one transaction. Open taken
    go with their zaak (a task has no assignee of its own)."""
    form = await request.form()
    waarden = {name: str(form.get(name, "")).strip() for name in ("van", "naar", "reden")}
    async with read_session() as session:
        van_keuzes, naar_keuzes = await _overdracht_keuzes(session, manager)
    van = next((m for m in van_keuzes if m.gebruikersnaam == waarden["van"]), None)
    fouten = _overdracht_fouten(waarden, van, naar_keuzes)
    if fouten or form.get("bevestigd") != "ja":
        return await _overdragen_page(request, manager, waarden, fouten, bevestigen=not fouten)
    auth = accounts.auth_context(manager)
    async with write_session() as session:
        naar = (
            None if waarden["naar"] == "team" else await toewijzen.medewerker_met_autorisaties(session, waarden["naar"])
        )
        aan = naar.naam if naar else "het team (niet toegewezen)"
        notitie = f"Overgedragen van {van.naam} aan {aan} door manager {manager.naam}: {waarden['reden']}"
        zaken = await werkvoorraad.open_zaken(session, van.gebruikersnaam, accounts.type_limits(manager))
        actie = "toewijzen" if naar else "teruggeven"
        weigeringen = await toewijzen.wijzig_behandelaar(session, auth, manager, zaken, actie, naar, notitie=notitie)
    resultaat = {
        "formulier": "overgedragen",
        "verwerkt": str(len(zaken) - len(weigeringen)),
        "van": van.naam,
        "aan": aan,
    }
    geweigerd = {zaak.identificatie: weigeringen[zaak.id].tekst for zaak in zaken if zaak.id in weigeringen}
    await accounts.keep_refused_form(
        await get_sessie(request), OVERDRAGEN, accounts.GeweigerdFormulier(geweigerd, resultaat)
    )
    return RedirectResponse(f"{OVERDRAGEN}?{urlencode({'van': van.gebruikersnaam})}", status_code=303)
