"""The zaakdossier's forms on the parts of a zaak: its eigenschappen, a besluit, relations to other zaken and
a new deelzaak. Each runs through the domain services in one transaction (``act``), so the checks, audit
trail and notifications are those of the APIs."""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...accounts import service as accounts
from ...api import urls
from ...api.errors import InvalidParam, PermissionDenied, ValidationError
from ...besluiten import service as besluiten
from ...catalogi.models import ZaakType
from ...zaken import intake, parts
from ...zaken import service as zaken
from ...zaken.eigenschapwaarden import ONLEESBAAR, EigenschapWaarden, invoerwaarde, opslagwaarde, veldformaat
from ...zaken.getalinvoer import getal_bezwaar
from ...zaken.service import TIMEZONE
from ..layout.security import Forbidden
from . import onderdelen_queries as dossier_onderdelen
from .dossier_page import Behandelaar, act, invoerdatum, parse_uuid
from .onderdelen import AARD_RELATIES, VERVALREDENEN, sleutel

router = APIRouter()


def _hernoemd(exc: ValidationError, namen: dict[str, str]) -> ValidationError:
    """The service's objections with the names of the form's fields (``namen``: the service's name -> ours)."""
    return ValidationError([InvalidParam(namen.get(p.name, p.name), p.code, p.reason) for p in exc.invalid_params])


# --- eigenschappen ---------------------------------------------------------------------------


def _ongewijzigd(formaat: str, invoer: str, opgeslagen: str) -> bool:
    """Whether a field still holds the stored value (a date field may write it differently)."""
    if invoer == invoerwaarde(formaat, opgeslagen):
        return True
    nieuw = opslagwaarde(formaat, invoer)
    return nieuw is not None and nieuw == opslagwaarde(formaat, invoerwaarde(formaat, opgeslagen))


def _eigenschap_wijzigingen(item: EigenschapWaarden, ingevuld: list[str]) -> tuple[list, list]:
    """What the fields of one eigenschap change: (field name, zaakeigenschap or None, new value or None to
    remove it) per changed field, and the objections to the values (the Zaken service's ``waarde_errors``)."""
    eigenschap = item.eigenschap
    formaat = veldformaat(eigenschap)
    wijzigingen, fouten = [], []
    for index, invoer in enumerate(ingevuld):
        naam = sleutel(eigenschap.uuid, index)
        huidige = item.waarden[index] if index < len(item.waarden) else None
        if huidige is not None and _ongewijzigd(formaat, invoer, huidige.waarde):
            continue
        if not invoer:
            if huidige is not None:
                wijzigingen.append((naam, huidige, None))
            continue
        if item.maximum is not None and index >= item.maximum:
            fouten.append(InvalidParam(naam, "max", f"Deze eigenschap heeft hoogstens {item.maximum} waarden."))
            continue
        waarde = opslagwaarde(formaat, invoer)
        if waarde is None:
            fouten.append(InvalidParam(naam, "invalid", ONLEESBAAR[formaat]))
            continue
        # A number that does not fit the lengte, in plain words; the Zaken service checks it again on saving.
        if formaat == "getal" and (bezwaar := getal_bezwaar(waarde, eigenschap.specificatie_lengte)):
            fouten.append(InvalidParam(naam, "max_length", bezwaar))
            continue
        fouten += [InvalidParam(naam, p.code, p.reason) for p in parts.waarde_errors(eigenschap, waarde)]
        wijzigingen.append((naam, huidige, waarde))
    return wijzigingen, fouten


async def _eigenschappen_opslaan(session, auth, zaak, ingevuld: dict[uuid.UUID, list[str]]) -> None:
    """Create, change and remove (an emptied field) the zaak's zaakeigenschappen; all or nothing."""
    wijzigingen, fouten = [], []
    for item in await dossier_onderdelen.eigenschappen(session, zaak):
        if item.eigenschap.uuid in ingevuld:
            eigen_wijzigingen, eigen_fouten = _eigenschap_wijzigingen(item, ingevuld[item.eigenschap.uuid])
            wijzigingen += [(item, *wijziging) for wijziging in eigen_wijzigingen]
            fouten += eigen_fouten
    if fouten:
        raise ValidationError(fouten)
    for item, naam, huidige, waarde in wijzigingen:
        try:
            if waarde is None:
                await parts.delete_zaakeigenschap(session, auth, huidige)
            elif huidige is None:
                data = {
                    "zaak": urls.build("zaken", "zaken", zaak.uuid),
                    "eigenschap": urls.build("catalogi", "eigenschappen", item.eigenschap.uuid),
                    "waarde": waarde,
                }
                await parts.save_zaakeigenschap(session, auth, zaak.uuid, data)
            else:
                await parts.save_zaakeigenschap(session, auth, zaak.uuid, {"waarde": waarde}, huidige, partial=True)
        except ValidationError as exc:
            raise _hernoemd(exc, {"waarde": naam}) from None


@router.post("/zaakdossier/{zaak_uuid}/eigenschappen")
async def eigenschappen_opslaan(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Every field of an eigenschap is named ``eigenschap-<uuid>``, one per value, in the order of the values."""
    form = await request.form()
    ingevuld = {
        eigenschap_uuid: [str(value).strip() for value in form.getlist(name)]
        for name in form.keys()
        if name.startswith("eigenschap-") and (eigenschap_uuid := parse_uuid(name.removeprefix("eigenschap-")))
    }
    waarden = {
        sleutel(eigenschap_uuid, index): value
        for eigenschap_uuid, values in ingevuld.items()
        for index, value in enumerate(values)
    }

    async def change(session, auth, zaak) -> None:
        await _eigenschappen_opslaan(session, auth, zaak, ingevuld)

    velden = tuple(waarden)
    waarden["formulier"] = "eigenschappen"
    return await act(request, medewerker, zaak_uuid, {}, waarden, velden, change, "eigenschappen-opgeslagen")


# --- besluiten -------------------------------------------------------------------------------

BESLUIT_VELDEN = ("besluittype", "datum", "ingangsdatum", "vervaldatum", "vervalreden", "toelichting")
# Objections of the Besluiten service about the whole besluit that concern one field of the form.
_BESLUIT_OBJECTIES = {
    "zaaktype-mismatch": "besluittype",
    "missing-besluittype-informatieobjecttype-relation": "documenten",
    "unique": "documenten",
}


def _besluit_objecties(exc: ValidationError) -> ValidationError:
    """The Besluiten service's objections, those about the whole besluit beside the field they concern."""
    return ValidationError(
        [
            InvalidParam(
                _BESLUIT_OBJECTIES.get(p.code, p.name) if p.name == "nonFieldErrors" else p.name, p.code, p.reason
            )
            for p in exc.invalid_params
        ]
    )


def _besluit_fouten(waarden: dict[str, str]) -> dict[str, str]:
    fouten = {}
    if parse_uuid(waarden["besluittype"]) is None:
        fouten["besluittype"] = "Kies het besluittype."
    for veld, wat in (("datum", "de beslisdatum"), ("ingangsdatum", "de ingangsdatum")):
        if invoerdatum(waarden[veld]) is None:
            fouten[veld] = f"Vul {wat} in, bijvoorbeeld 28-07-2026."
    if waarden["vervaldatum"] and invoerdatum(waarden["vervaldatum"]) is None:
        fouten["vervaldatum"] = "Vul een geldige vervaldatum in, bijvoorbeeld 28-07-2026, of laat het veld leeg."
    if waarden["vervalreden"] and waarden["vervalreden"] not in VERVALREDENEN:
        fouten["vervalreden"] = "Kies een reden uit de lijst."
    return fouten


async def _vast_te_leggen(session, auth, zaak, gekozen: list[str]) -> list[str]:
    """The chosen documents, in the zaak's order; only documents of the zaak the person may read."""
    van_de_zaak = await dossier_onderdelen.zaak_documenten(session, zaak)
    leesbaar = await dossier_onderdelen.documenten(session, auth, van_de_zaak) if van_de_zaak else {}
    if not set(gekozen) <= {url for url, regel in leesbaar.items() if regel.zichtbaar}:
        raise ValidationError.single("documenten", "invalid", "Kies alleen documenten van deze zaak.")
    return [url for url in van_de_zaak if url in gekozen]


@router.post("/zaakdossier/{zaak_uuid}/besluiten")
async def besluit_vastleggen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Record a besluit on the zaak, and the documents of the zaak that lay it down, in one transaction."""
    if "besluiten.aanmaken" not in accounts.auth_context(medewerker).scopes:
        raise Forbidden("U mag geen besluiten vastleggen.")
    form = await request.form()
    waarden = {veld: str(form.get(veld, "")).strip() for veld in BESLUIT_VELDEN}
    gekozen = [str(url) for url in form.getlist("documenten")]
    fouten = _besluit_fouten(waarden)

    async def change(session, _auth, zaak) -> None:
        if zaak.einddatum is not None:
            raise Forbidden("De zaak is afgesloten; er kan geen besluit meer bij.")
        # Besluiten and documents need the rights on the types the zaaktypen name, beyond those on zaken.
        auth = await accounts.documenten_auth_context(session, medewerker)
        documenten = await _vast_te_leggen(session, auth, zaak, gekozen)
        vervaldatum = invoerdatum(waarden["vervaldatum"])
        data = {
            "verantwoordelijkeOrganisatie": medewerker.organisatie,
            "besluittype": urls.build("catalogi", "besluittypen", waarden["besluittype"]),
            "zaak": urls.build("zaken", "zaken", zaak.uuid),
            "datum": invoerdatum(waarden["datum"]).isoformat(),
            "ingangsdatum": invoerdatum(waarden["ingangsdatum"]).isoformat(),
            "vervaldatum": vervaldatum.isoformat() if vervaldatum else None,
            "vervalreden": waarden["vervalreden"],
            "toelichting": waarden["toelichting"],
        }
        try:
            besluit = await besluiten.create_besluit(session, auth, data)
            besluit_url = urls.build("besluiten", "besluiten", besluit.uuid)
            for document in documenten:
                await besluiten.create_besluitinformatieobject(
                    session, auth, {"besluit": besluit_url, "informatieobject": document}
                )
        except ValidationError as exc:
            raise _besluit_objecties(exc) from None

    waarden["formulier"] = "besluit"
    waarden["documenten"] = gekozen  # the ticked boxes, to tick them again
    velden = (*BESLUIT_VELDEN, "documenten")
    return await act(request, medewerker, zaak_uuid, fouten, waarden, velden, change, "besluit-vastgelegd")


# --- relaties --------------------------------------------------------------------------------

GEEN_ZAAK = "Er is geen zaak met dit zaaknummer."


@router.post("/zaakdossier/{zaak_uuid}/relaties")
async def relatie_toevoegen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Relate another zaak the person may see, by its zaaknummer, as a relevante andere zaak."""
    form = await request.form()
    waarden = {
        "formulier": "relatie",
        "zaaknummer": str(form.get("zaaknummer", "")).strip(),
        "aard": str(form.get("aard", "")),
    }
    fouten = {}
    if not waarden["zaaknummer"]:
        fouten["zaaknummer"] = "Vul het zaaknummer in."
    elif len(waarden["zaaknummer"]) > 40:
        fouten["zaaknummer"] = GEEN_ZAAK
    if waarden["aard"] not in AARD_RELATIES:
        fouten["aard"] = "Kies de aard van de relatie."

    async def change(session, auth, zaak) -> None:
        andere = await dossier_onderdelen.zaak_met_nummer(session, auth, waarden["zaaknummer"], medewerker.organisatie)
        if andere is None:
            raise ValidationError.single("zaaknummer", "not-found", GEEN_ZAAK)
        if andere.id == zaak.id:
            raise ValidationError.single("zaaknummer", "self", "Dit is het zaaknummer van deze zaak zelf.")
        relatie = {"url": urls.build("zaken", "zaken", andere.uuid), "aardRelatie": waarden["aard"]}
        huidige = list(zaak.relevante_andere_zaken or [])
        if relatie in huidige:
            raise ValidationError.single("zaaknummer", "unique", "Deze zaak is al zo gerelateerd.")
        await zaken.update_zaak(session, auth, zaak, {"relevanteAndereZaken": [*huidige, relatie]}, partial=True)

    velden = ("zaaknummer", "aard")
    return await act(request, medewerker, zaak_uuid, fouten, waarden, velden, change, "relatie-toegevoegd")


@router.post("/zaakdossier/{zaak_uuid}/relaties/verwijderen")
async def relatie_verwijderen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    form = await request.form()
    relatie = {"url": str(form.get("url", "")), "aardRelatie": str(form.get("aard", ""))}

    async def change(session, auth, zaak) -> None:
        huidige = list(zaak.relevante_andere_zaken or [])
        if relatie not in huidige:
            raise HTTPException(404)
        overige = [andere for andere in huidige if andere != relatie]
        await zaken.update_zaak(session, auth, zaak, {"relevanteAndereZaken": overige}, partial=True)

    waarden = {"formulier": "relatie-verwijderen"}
    return await act(request, medewerker, zaak_uuid, {}, waarden, (), change, "relatie-verwijderd")


# --- deelzaken -------------------------------------------------------------------------------


async def _ensure_deelzaaktype_genoemd(session, zaak, deelzaaktype: uuid.UUID) -> None:
    """Our own rule (the API accepts any deelzaak): only a zaaktype the hoofdzaak's zaaktype names as deelzaaktype."""
    hoofdzaaktype = await session.get_one(ZaakType, zaak.zaaktype_id)
    gekozen = await session.scalar(select(ZaakType).where(ZaakType.uuid == deelzaaktype))
    if gekozen is not None and gekozen.identificatie not in hoofdzaaktype.deelzaaktypen:
        raise ValidationError.single(
            "deelzaaktype",
            "invalid-deelzaaktype",
            f"Het zaaktype van de hoofdzaak staat zaaktype {gekozen.identificatie} niet toe als deelzaaktype.",
        )


@router.post("/zaakdossier/{zaak_uuid}/deelzaken")
async def deelzaak_aanmaken(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Start a deelzaak of this zaak (its zaak, first status), then show the deelzaak's dossier."""
    form = await request.form()
    waarden = {
        "formulier": "deelzaak",
        "deelzaaktype": str(form.get("deelzaaktype", "")),
        "omschrijving": str(form.get("omschrijving", "")).strip(),
    }
    fouten = {}
    deelzaaktype = parse_uuid(waarden["deelzaaktype"])
    if deelzaaktype is None:
        fouten["deelzaaktype"] = "Kies het zaaktype van de deelzaak."
    if not waarden["omschrijving"]:
        fouten["omschrijving"] = "Vul een omschrijving in."
    elif len(waarden["omschrijving"]) > 80:
        fouten["omschrijving"] = "Een omschrijving heeft hoogstens 80 tekens."

    async def change(session, auth, zaak) -> uuid.UUID:
        if zaak.einddatum is not None:
            raise Forbidden("De zaak is afgesloten; er kunnen geen deelzaken meer bij.")
        await _ensure_deelzaaktype_genoemd(session, zaak, deelzaaktype)
        deelzaak = {
            "bronorganisatie": medewerker.organisatie,
            "verantwoordelijkeOrganisatie": medewerker.organisatie,
            "zaaktype": urls.build("catalogi", "zaaktypen", deelzaaktype),
            "omschrijving": waarden["omschrijving"],
            "startdatum": datetime.now(TIMEZONE).date().isoformat(),
            "hoofdzaak": urls.build("zaken", "zaken", zaak.uuid),
        }
        try:
            created = await intake.start_zaak(session, auth, deelzaak, initiator=None, moment=datetime.now(UTC))
        except PermissionDenied:
            raise Forbidden("U mag geen zaken van dit zaaktype starten.") from None
        return created.uuid

    # The Zaken service objects to the zaaktype or the hoofdzaak: both concern the choice of deelzaaktype.
    velden = ("deelzaaktype", "zaaktype", "hoofdzaak", "omschrijving")
    return await act(request, medewerker, zaak_uuid, fouten, waarden, velden, change, "deelzaak-aangemaakt")
