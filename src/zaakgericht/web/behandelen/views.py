"""The overview of one zaak and its forms, and Nieuwe zaak; the werkvoorraad's pages are in ``werkvoorraad_views``."""

import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api import urls
from ...api.errors import InvalidParam, PermissionDenied, ValidationError
from ...api.schemas import passes_elfproef
from ...archief.derivation import add_duration
from ...behandeling import service as behandeling
from ...catalogi.models import ZaakType
from ...db import read_session, write_session
from ...documenten.storage import FileChanges, get_storage
from ...settings import get_settings
from ...zaken import intake, parts
from ...zaken import service as zaken
from ...zaken.service import TIMEZONE
from ..layout import uploads
from ..layout.security import Forbidden, require_role
from ..layout.templating import render
from . import bevestigen, documenten
from . import dossier_queries as dossier
from .dossier_page import SOORTEN, TABS, Behandelaar, act, dossier_page, fouten_van, parse_uuid
from .heropenen import router as heropenen_router
from .werkvoorraad_views import router as werkvoorraad_router
from .werkvoorraad_views import zaaktype_keuzes

router = APIRouter()
router.include_router(werkvoorraad_router)
router.include_router(heropenen_router)

Intaker = Annotated[Medewerker, require_role("behandelaar")]


@router.get("/zaakdossier/{zaak_uuid}")
async def zaakdossier(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    return await dossier_page(request, medewerker, zaak_uuid)


def _tab_route(tab: str) -> None:
    async def zaakdossier_tab(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
        return await dossier_page(request, medewerker, zaak_uuid, tab)

    router.add_api_route(f"/zaakdossier/{{zaak_uuid}}/{tab}", zaakdossier_tab, methods=["GET"], name=f"dossier_{tab}")


for _tab, _ in TABS[1:]:
    _tab_route(_tab)


def _toelichting(waarden: dict[str, str], fouten: dict[str, str]) -> str:
    if len(waarden["toelichting"]) > 1000:
        fouten["toelichting"] = "Een toelichting heeft hoogstens 1000 tekens."
    return waarden["toelichting"]


@router.post("/zaakdossier/{zaak_uuid}/status")
async def status_zetten(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    form = await request.form()
    waarden = {
        "formulier": "status",
        "statustype": str(form.get("statustype", "")),
        "toelichting": str(form.get("toelichting", "")),
    }
    fouten: dict[str, str] = {}
    statustype = parse_uuid(waarden["statustype"])
    if statustype is None:
        fouten["statustype"] = "Kies de nieuwe status."
    toelichting = _toelichting(waarden, fouten)

    async def change(session, auth, zaak) -> None:
        await behandeling.ensure_checklist_done(session, zaak, "statustype", statustype)
        await zaken.create_status(
            session,
            auth,
            {
                "zaak": urls.build("zaken", "zaken", zaak.uuid),
                "statustype": urls.build("catalogi", "statustypen", statustype),
                "datumStatusGezet": datetime.now(UTC).isoformat(),
                "statustoelichting": toelichting,
            },
        )

    return await act(
        request, medewerker, zaak_uuid, fouten, waarden, ("statustype", "toelichting"), change, "status-gezet"
    )


@router.post("/zaakdossier/{zaak_uuid}/opschorten")
async def opschorten(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Suspend the zaak with a reason (actie ``opschorten``), or lift the suspension (``opheffen``)."""
    form = await request.form()
    waarden = {"formulier": "opschorten", "reden": str(form.get("reden", "")).strip()}
    hervatten = form.get("actie") == "opheffen"
    fouten: dict[str, str] = {}
    if not hervatten and not waarden["reden"]:
        fouten["reden"] = "Vul de reden van de opschorting in."
    elif len(waarden["reden"]) > 200:
        fouten["reden"] = "Een reden heeft hoogstens 200 tekens."
    opschorting = {"indicatie": not hervatten, "reden": "" if hervatten else waarden["reden"]}

    async def change(session, auth, zaak) -> None:
        # Our own rule, not the standard's: the API accepts an opschorting whatever the zaaktype says.
        zaaktype = await session.get_one(ZaakType, zaak.zaaktype_id)
        if not hervatten and not zaaktype.opschorting_en_aanhouding_mogelijk:
            raise ValidationError.single(
                "formulier", "opschorting-niet-toegestaan", "Dit zaaktype staat opschorten niet toe."
            )
        await zaken.update_zaak(session, auth, zaak, {"opschorting": opschorting}, partial=True)

    melding = "hervat" if hervatten else "opgeschort"
    return await act(request, medewerker, zaak_uuid, fouten, waarden, ("reden",), change, melding)


@router.post("/zaakdossier/{zaak_uuid}/verlengen")
async def verlengen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Extend the legal term by a number of days, with a reason (the zaaktype's verlengingstermijn at most)."""
    form = await request.form()
    waarden = {
        "formulier": "verlengen",
        "dagen": str(form.get("dagen", "")).strip(),
        "reden": str(form.get("reden", "")).strip(),
    }
    fouten: dict[str, str] = {}
    if not waarden["dagen"].isdigit() or not 1 <= int(waarden["dagen"]) <= 3650:
        fouten["dagen"] = "Vul het aantal dagen in, een heel getal vanaf 1."
    if not waarden["reden"]:
        fouten["reden"] = "Vul de reden van de verlenging in."
    elif len(waarden["reden"]) > 200:
        fouten["reden"] = "Een reden heeft hoogstens 200 tekens."

    async def change(session, auth, zaak) -> None:
        zaaktype = await session.get_one(ZaakType, zaak.zaaktype_id)
        _verlenging_toegestaan(zaaktype, int(waarden["dagen"]))
        verlenging = {"reden": waarden["reden"], "duur": f"P{int(waarden['dagen'])}D"}
        await zaken.update_zaak(session, auth, zaak, {"verlenging": verlenging}, partial=True)

    return await act(request, medewerker, zaak_uuid, fouten, waarden, ("reden", "dagen"), change, "verlengd")


def _verlenging_toegestaan(zaaktype: ZaakType, dagen: int) -> None:
    """Our own rule, not the standard's (the API accepts any verlenging): only where the zaaktype allows
    verlengen, and for at most its verlengingstermijn."""
    if not zaaktype.verlenging_mogelijk:
        raise ValidationError.single(
            "formulier", "verlenging-niet-toegestaan", "Dit zaaktype staat verlengen niet toe."
        )
    termijn = zaaktype.verlengingstermijn
    start = date(2000, 1, 1)  # a fixed day, so months and years count as the calendar does
    if termijn and dagen > ((add_duration(start, termijn) or date.max) - start).days:
        raise ValidationError.single(
            "dagen",
            "verlenging-te-lang",
            f"De verlenging is langer dan de verlengingstermijn van het zaaktype ({termijn}).",
        )


def _betrokkene_fouten(waarden: dict[str, str]) -> dict[str, str]:
    fouten = {}
    if parse_uuid(waarden["roltype"]) is None:
        fouten["roltype"] = "Kies de rol."
    soort, nummer = waarden["soort"], waarden["nummer"]
    if soort not in SOORTEN:
        fouten["soort"] = "Kies wat voor betrokkene het is."
    elif soort in ("natuurlijk_persoon", "niet_natuurlijk_persoon") and not (passes_elfproef(nummer)):
        fouten["nummer"] = "Een BSN of RSIN bestaat uit 9 cijfers en voldoet aan de elfproef."
    elif soort == "vestiging" and not (len(nummer) == 8 and nummer.isdigit()):
        fouten["nummer"] = "Een KvK-nummer bestaat uit 8 cijfers."
    elif soort in ("medewerker", "organisatorische_eenheid") and not 1 <= len(nummer) <= 24:
        fouten["nummer"] = "Vul de gebruikersnaam of code in, hoogstens 24 tekens."
    limiet = 50 if soort == "organisatorische_eenheid" else 200
    if len(waarden["naam"]) > limiet:
        fouten["naam"] = f"Een naam heeft hoogstens {limiet} tekens."
    return fouten


def _identificatie(soort: str, nummer: str, naam: str) -> dict:
    """The betrokkeneIdentificatie of the Zaken API for this kind of betrokkene."""
    if soort == "natuurlijk_persoon":
        return {"inpBsn": nummer, "geslachtsnaam": naam}
    if soort == "niet_natuurlijk_persoon":
        return {"innNnpId": nummer, "statutaireNaam": naam}
    if soort == "vestiging":
        return {"kvkNummer": nummer, "handelsnaam": [naam] if naam else []}
    if soort == "medewerker":
        return {"identificatie": nummer, "achternaam": naam}
    return {"identificatie": nummer, "naam": naam}


@router.post("/zaakdossier/{zaak_uuid}/betrokkenen")
async def betrokkene_toevoegen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    form = await request.form()
    waarden = {veld: str(form.get(veld, "")).strip() for veld in ("roltype", "soort", "nummer", "naam")}
    waarden["formulier"] = "betrokkene"
    fouten = _betrokkene_fouten(waarden)

    async def change(session, auth, zaak) -> None:
        await parts.create_rol(
            session,
            auth,
            {
                "zaak": urls.build("zaken", "zaken", zaak.uuid),
                "betrokkeneType": waarden["soort"],
                "roltype": urls.build("catalogi", "roltypen", waarden["roltype"]),
                "roltoelichting": SOORTEN[waarden["soort"]],
                "betrokkeneIdentificatie": _identificatie(waarden["soort"], waarden["nummer"], waarden["naam"]),
            },
        )

    return await act(request, medewerker, zaak_uuid, fouten, waarden, ("roltype",), change, "betrokkene-toegevoegd")


@router.post("/zaakdossier/{zaak_uuid}/betrokkenen/{rol_uuid}/verwijderen")
async def betrokkene_verwijderen(
    request: Request, zaak_uuid: uuid.UUID, rol_uuid: uuid.UUID, medewerker: Behandelaar
) -> Response:
    async def change(session, auth, zaak) -> None:
        rol = await dossier.rol_of(session, zaak, rol_uuid)
        if rol is None:
            raise HTTPException(404)
        await parts.delete_rol(session, auth, rol)

    waarden = {"formulier": "betrokkene-verwijderen"}
    return await act(request, medewerker, zaak_uuid, {}, waarden, (), change, "betrokkene-verwijderd")


@router.post("/zaakdossier/{zaak_uuid}/afsluiten")
async def afsluiten(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Choose the resultaat and set the eindstatus, in one transaction: the zaak closes and its archive data follow."""
    form = await request.form()
    waarden = {
        "formulier": "afsluiten",
        "resultaattype": str(form.get("resultaattype", "")),
        "toelichting": str(form.get("toelichting", "")),
    }
    fouten: dict[str, str] = {}
    resultaattype = parse_uuid(waarden["resultaattype"])
    if resultaattype is None:
        fouten["resultaattype"] = "Kies het resultaat van de zaak."
    toelichting = _toelichting(waarden, fouten)

    async def change(session, auth, zaak) -> None:
        await behandeling.ensure_checklist_done(session, zaak, "resultaattype")
        resultaattype_url = urls.build("catalogi", "resultaattypen", resultaattype)
        try:
            await zaken.close_with_resultaat(session, auth, zaak, resultaattype_url, toelichting, datetime.now(UTC))
        except ValidationError as exc:
            raise _afsluit_bezwaren(exc) from None

    velden = ("resultaattype", "toelichting", "gebruiksrechten")
    if not fouten and not bevestigen.bevestigd(form):
        # First the confirmation, unless the services refuse: then the objections, on the form.
        proef = await bevestigen.proef(medewerker, zaak_uuid, change, velden)
        if not proef.fouten:
            return await _afsluiten_bevestigen(request, medewerker, zaak_uuid, waarden, proef)
        fouten = proef.fouten
    return await act(request, medewerker, zaak_uuid, fouten, waarden, velden, change, "afgesloten")


async def _afsluiten_bevestigen(
    request: Request, medewerker: Medewerker, zaak_uuid: uuid.UUID, waarden: dict[str, str], proef: bevestigen.Proef
) -> Response:
    """ "Weet u zeker dat u zaak ... wilt afsluiten?", with the resultaat, the eindstatus and today's einddatum."""
    found, today = await bevestigen.te_bevestigen(medewerker, zaak_uuid)
    resultaat = dict((str(value), label) for value, label in found.resultaattypen).get(waarden["resultaattype"], "")
    gevolgen = [
        f"De zaak krijgt het resultaat '{resultaat}' en de eindstatus '{found.statustypen[-1][1]}'.",
        f"De einddatum wordt vandaag, {today:%d-%m-%Y}; de archiefgegevens worden afgeleid.",
    ]
    if waarden["toelichting"].strip():
        gevolgen.append(f"De toelichting bij het resultaat en de eindstatus: {waarden['toelichting'].strip()}")
    gevolgen.append(
        "De aanvrager krijgt een e-mail over de nieuwe status."
        if proef.emails
        else "De aanvrager krijgt hierover geen e-mail."
    )
    gevolgen.append("Daarna is de zaak afgesloten; alleen een manager kan haar heropenen.")
    return bevestigen.bevestigpagina(
        request,
        titel=f"Zaak {found.identificatie} afsluiten",
        vraag=f"Weet u zeker dat u zaak {found.identificatie} wilt afsluiten?",
        gevolgen=gevolgen,
        action=f"/zaakdossier/{zaak_uuid}/afsluiten",
        knop="Ja, zaak afsluiten",
        velden={"resultaattype": waarden["resultaattype"], "toelichting": waarden["toelichting"]},
        terug=(f"/zaakdossier/{zaak_uuid}#afsluiten", "Nee, terug naar de zaak"),
        kruimelpad=bevestigen.kruimels(found.identificatie, zaak_uuid, ("Afsluiten", None)),
    )


# What a behandelaar does about the standard's objections to closing, instead of the rule itself.
AFSLUIT_BEZWAREN = {
    "indicatiegebruiksrecht-unset": (
        "gebruiksrechten",
        "Van de documenten hieronder is nog niet vastgelegd of er gebruiksrechten gelden. Open elk document en "
        "leg bij Gebruiksrechten de voorwaarden vast, of kies daar 'Er gelden geen gebruiksrechten'. "
        "Sluit de zaak daarna af.",
    ),
    "resultaat-does-not-exist": ("resultaattype", "Kies het resultaat van de zaak."),
}


def _afsluit_bezwaren(exc: ValidationError) -> ValidationError:
    """The Zaken service's objections to closing, each put as what to do beside the field it is about."""
    bezwaren = []
    for param in exc.invalid_params:
        if param.code in AFSLUIT_BEZWAREN:
            veld, tekst = AFSLUIT_BEZWAREN[param.code]
        elif param.name == "resultaattype" or param.code == "zaaktype-mismatch":  # the resultaattype's zaaktype
            veld = "resultaattype"
            tekst = "Kies een van de resultaten uit de lijst; het gekozen resultaat hoort niet bij dit zaaktype."
        elif param.name == "statustype":
            veld, tekst = (
                "formulier",
                "Het zaaktype van deze zaak heeft geen eindstatus, dus de zaak kan niet worden afgesloten. "
                "Vraag de beheerder van de catalogus om het zaaktype een eindstatus te geven.",
            )
        else:
            veld, tekst = param.name, param.reason
        bezwaren.append(InvalidParam(veld, param.code, tekst))
    return ValidationError(bezwaren)


KANALEN = ["Balie", "Telefoon", "E-mail", "Post"]


def _intake_fouten(waarden: dict[str, str], zaaktypen: list[tuple[str, str]]) -> dict[str, str]:
    fouten = {}
    if waarden["zaaktype"] not in {value for value, _ in zaaktypen}:
        fouten["zaaktype"] = "Kies het zaaktype."
    if not waarden["omschrijving"].strip():
        fouten["omschrijving"] = "Vul een omschrijving in."
    elif len(waarden["omschrijving"]) > 80:
        fouten["omschrijving"] = "Een omschrijving heeft hoogstens 80 tekens."
    if len(waarden["toelichting"]) > 1000:
        fouten["toelichting"] = "Een toelichting heeft hoogstens 1000 tekens."
    if waarden["kanaal"] not in KANALEN:
        fouten["kanaal"] = "Kies hoe de aanvraag binnenkwam."
    bsn = waarden["bsn"]
    if bsn and not passes_elfproef(bsn):
        fouten["bsn"] = "Een BSN bestaat uit 9 cijfers en voldoet aan de elfproef."
    elif not bsn and (waarden["voornamen"] or waarden["geslachtsnaam"]):
        fouten["bsn"] = "Vul het BSN van de aanvrager in, of laat de naam leeg."
    if len(waarden["voornamen"]) > 200 or len(waarden["geslachtsnaam"]) > 200:
        fouten["geslachtsnaam"] = "Een naam heeft hoogstens 200 tekens."
    return fouten


async def _intake_page(
    request: Request, medewerker: Medewerker, waarden: dict[str, str], fouten: dict[str, str], status_code: int = 200
) -> Response:
    async with read_session() as session:
        zaaktypen = await zaaktype_keuzes(session, medewerker)
    return render(
        request,
        "behandelen/nieuwe_zaak.html",
        {
            "waarden": waarden,
            "fouten": fouten,
            "zaaktypen": zaaktypen,
            "kanalen": [(k, k) for k in KANALEN],
            "max_upload": uploads.leesbare_omvang(get_settings().web_max_upload_bytes),
        },
        status_code=status_code,
    )


INTAKE_VELDEN = ("zaaktype", "omschrijving", "toelichting", "kanaal", "bsn", "voornamen", "geslachtsnaam")


@router.get("/nieuwe-zaak")
async def nieuwe_zaak_form(request: Request, medewerker: Intaker) -> Response:
    return await _intake_page(request, medewerker, dict.fromkeys(INTAKE_VELDEN, ""), {})


@router.post("/nieuwe-zaak")
async def nieuwe_zaak(request: Request, medewerker: Intaker) -> Response:
    """Start a zaak by hand (at the counter, on the phone): the zaak, its initiator, its first status and the
    documents that came with it."""
    files = FileChanges(get_storage())
    return await uploads.settled(files, _nieuwe_zaak(request, medewerker, files))


async def _nieuwe_zaak(request: Request, medewerker: Medewerker, files: FileChanges) -> Response:
    form = await request.form()
    waarden = {veld: str(form.get(veld, "")).strip() for veld in INTAKE_VELDEN}
    bijlagen = documenten.bijlagen(form)
    async with read_session() as session:
        fouten = _intake_fouten(waarden, await zaaktype_keuzes(session, medewerker))
        documenttype = await documenten.bijlagen_type(session, bijlagen, waarden["zaaktype"], fouten)
    if not fouten:
        aanvrager = f"{waarden['voornamen']} {waarden['geslachtsnaam']}".strip()
        nieuwe_documenten = await documenten.bijlagen_opslaan(
            bijlagen, documenttype, files, medewerker, aanvrager or medewerker.naam
        )
        initiator = (
            intake.Initiator(waarden["bsn"], waarden["voornamen"], waarden["geslachtsnaam"]) if waarden["bsn"] else None
        )
        zaak = {
            "bronorganisatie": medewerker.organisatie,
            "verantwoordelijkeOrganisatie": medewerker.organisatie,
            "zaaktype": urls.build("catalogi", "zaaktypen", waarden["zaaktype"]),
            "omschrijving": waarden["omschrijving"],
            "toelichting": waarden["toelichting"],
            "startdatum": datetime.now(TIMEZONE).date().isoformat(),
            "kenmerken": [{"kenmerk": waarden["kanaal"], "bron": "Binnengekomen via"}],
        }
        try:
            async with write_session() as session:
                created = await intake.start_zaak(
                    session,
                    await accounts.documenten_auth_context(session, medewerker),
                    zaak,
                    initiator=initiator,
                    moment=datetime.now(UTC),
                    documenten=nieuwe_documenten,
                    files=files,
                )
        except ValidationError as exc:
            fouten = fouten_van(exc, INTAKE_VELDEN)
        except PermissionDenied:
            raise Forbidden("U mag geen zaken van dit zaaktype starten.") from None
        else:
            return RedirectResponse(f"/zaakdossier/{created.uuid}?melding=aangemaakt", status_code=303)
    return await _intake_page(request, medewerker, waarden, fouten, status_code=400)
