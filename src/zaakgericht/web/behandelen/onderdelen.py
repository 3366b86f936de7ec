"""What the zaakdossier shows of the zaak's eigenschappen, besluiten and relaties, and how an eigenschap's
value goes between its stored form (the Zaken API's) and the form field that edits it."""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api import urls
from ...besluiten import queries as besluiten
from ...zaken.eigenschapwaarden import EigenschapWaarden, getal_hint, invoerwaarde, leeswaarde, veldformaat
from ...zaken.service import TIMEZONE
from . import dossier_queries as dossier
from . import onderdelen_queries as dossier_onderdelen

# The Zaken API's AardRelatie of a relevante andere zaak, in words.
AARD_RELATIES = {
    "vervolg": "Vervolg: de andere zaak gaf aanleiding tot deze zaak",
    "onderwerp": "Onderwerp: de andere zaak is relevant voor deze zaak",
    "bijdrage": "Bijdrage: deze zaak draagt bij aan de uitkomst van de andere zaak",
}

# The Besluiten API's vervalredenen, in words.
VERVALREDENEN = {
    "tijdelijk": "Besluit met tijdelijke werking",
    "ingetrokken_overheid": "Ingetrokken door de overheid",
    "ingetrokken_belanghebbende": "Ingetrokken op verzoek van de belanghebbende",
}


def sleutel(eigenschap_uuid: uuid.UUID | str, index: int) -> str:
    """The name of one value's field in ``fouten`` and ``waarden``, and its id in the page."""
    return f"eigenschap-{eigenschap_uuid}-{index}"


@dataclass(frozen=True)
class EigenschapVeld:
    """One eigenschap in the form: a field per value the zaak has and, if more may come, one empty field."""

    uuid: uuid.UUID
    naam: str  # the technical name
    hint: str  # definitie, toelichting and what the field takes, as the e-formulier shows them
    label: str  # what people read: the definitie, else the naam made readable
    beschrijving: str  # the help text under the label: the toelichting and what the field takes
    formaat: str
    maxlength: int | None
    keuzes: list[str]  # the waardenverzameling; a select when given
    maximum: int | None  # how many values it takes; None for any number
    invoer: list[str]  # per field the value it shows
    lezen: list[str]  # the zaak's values in words

    @property
    def meervoudig(self) -> bool:
        return self.maximum != 1


def _formaat_hint(formaat: str, eigenschap) -> str:
    """What a field of this formaat takes, in words (for a number: as its lengte allows)."""
    return getal_hint(eigenschap.specificatie_lengte) if formaat == "getal" else ""


def leesbare_naam(naam: str) -> str:
    """A technical name as words: ``datum_schouw`` and ``datumSchouw`` are "Datum schouw", ``BAG_id`` is
    "BAG id" (an abbreviation keeps its capitals)."""
    woorden = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", naam).replace("_", " ").replace("-", " ").split()
    tekst = " ".join(woord if woord.isupper() and len(woord) > 1 else woord.lower() for woord in woorden)
    return tekst[:1].upper() + tekst[1:]


def eigenschap_label(definitie: str, naam: str) -> str:
    """What people read for an eigenschap: its definitie, else its naam made readable."""
    return definitie.strip() or leesbare_naam(naam)


def eigenschap_veld(item: EigenschapWaarden) -> EigenschapVeld:
    eigenschap = item.eigenschap
    formaat = veldformaat(eigenschap)
    waarden = [zaakeigenschap.waarde for zaakeigenschap in item.waarden]
    velden = [invoerwaarde(formaat, waarde) for waarde in waarden]
    if item.maximum is None or len(velden) < item.maximum:
        velden.append("")
    lengte = re.match(r"\s*(\d+)", eigenschap.specificatie_lengte or "")
    return EigenschapVeld(
        uuid=eigenschap.uuid,
        naam=eigenschap.naam,
        hint=" ".join(
            part for part in (eigenschap.definitie, eigenschap.toelichting, _formaat_hint(formaat, eigenschap)) if part
        ),
        label=eigenschap_label(eigenschap.definitie, eigenschap.naam),
        beschrijving=" ".join(part for part in (eigenschap.toelichting, _formaat_hint(formaat, eigenschap)) if part),
        formaat=formaat,
        maxlength=int(lengte[1]) if lengte and formaat == "tekst" else None,
        keuzes=list(eigenschap.specificatie_waardenverzameling or []),
        maximum=item.maximum,
        invoer=velden,
        lezen=[leeswaarde(eigenschap.specificatie_formaat, waarde) for waarde in waarden],
    )


# --- the sections' data ----------------------------------------------------------------------


@dataclass(frozen=True)
class BesluitWeergave:
    besluit: besluiten.BesluitRegel
    documenten: list[dossier_onderdelen.DocumentRegel]


async def onderdelen(session, medewerker: Medewerker, found: dossier.Dossier) -> dict:
    """The template variables of the sections Eigenschappen, Besluiten and Relaties: a fixed number of queries."""
    today = datetime.now(TIMEZONE).date()
    zaak, zaaktype = await dossier_onderdelen.zaak_met_type(session, found.uuid)
    auth = await accounts.documenten_auth_context(session, medewerker)
    is_open = zaak.einddatum is None
    besluittype_keuzes = []
    if is_open and "besluiten.aanmaken" in auth.scopes:
        besluittype_keuzes = [
            keuze
            for keuze in await besluiten.besluittypen_van_zaaktype(session, zaaktype, today)
            if auth.allows("brc", ("besluiten.aanmaken",), urls.build("catalogi", "besluittypen", keuze.uuid))
        ]
    zaak_documenten = await dossier_onderdelen.zaak_documenten(session, zaak) if besluittype_keuzes else []
    besluit_regels = await besluiten.besluiten_van_zaak(session, auth, zaak.id)
    alle_urls = zaak_documenten + [url for regel in besluit_regels for url in regel.documenten]
    documenten = await dossier_onderdelen.documenten(session, auth, alle_urls) if alle_urls else {}
    # Documents may lay down a besluit when the besluittype names their type (brc-008).
    vastleggend = {naam for keuze in besluittype_keuzes for naam in keuze.informatieobjecttypen}
    deelzaaktype_keuzes = []
    if is_open and "zaken.aanmaken" in auth.scopes:
        limits = accounts.type_limits(medewerker)
        deelzaaktype_keuzes = [
            (type_uuid, label)
            for type_uuid, label in await dossier_onderdelen.deelzaaktypen(session, zaaktype, today)
            if limits is None or urls.build("catalogi", "zaaktypen", type_uuid) in limits
        ]
    return {
        "eigenschap_velden": [eigenschap_veld(item) for item in await dossier_onderdelen.eigenschappen(session, zaak)],
        "besluiten": [
            BesluitWeergave(regel, [documenten[url] for url in regel.documenten]) for regel in besluit_regels
        ],
        "besluittype_keuzes": besluittype_keuzes,
        "besluit_documenten": [
            documenten[url]
            for url in zaak_documenten
            if documenten[url].zichtbaar
            and documenten[url].catalogus_id == zaaktype.catalogus_id
            and documenten[url].informatieobjecttype in vastleggend
        ],
        "relaties": await dossier_onderdelen.relaties(session, auth, zaak),
        "deelzaaktype_keuzes": deelzaaktype_keuzes,
        "AARD_RELATIES": AARD_RELATIES,
        "VERVALREDENEN": VERVALREDENEN,
    }
