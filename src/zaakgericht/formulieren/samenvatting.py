"""The steps of a form and what the person answered in each, in words: shown on the summary page, written
in the PDF and (in short) in the ontvangstbevestiging."""

from dataclasses import dataclass

from ..zaken.eigenschapwaarden import leeswaarde
from .queries import Formulier

# (slug, title) in order; a step with nothing to ask for this zaaktype is left out.
STAPPEN = (
    ("aanvraag", "Uw aanvraag"),
    ("gegevens", "Gegevens"),
    ("bijlagen", "Bijlagen"),
    ("contact", "Contactgegevens"),
    ("samenvatting", "Controleren en versturen"),
)


def stappen(formulier: Formulier) -> list[tuple[str, str]]:
    overslaan = set()
    if not formulier.eigenschappen:
        overslaan.add("gegevens")
    if not formulier.bijlagen:
        overslaan.add("bijlagen")
    return [stap for stap in STAPPEN if stap[0] not in overslaan]


@dataclass(frozen=True)
class Onderdeel:
    stap: str  # the slug of the step that asks it ("Wijzigen" goes there)
    kop: str
    regels: list[tuple[str, str]]


def aanvrager(antwoorden: dict) -> str:
    gegevens = antwoorden.get("aanvrager", {})
    # Never the BSN itself: this line goes into the e-mailed ontvangstbevestiging and its PDF.
    nummer = "BSN bekend" if gegevens.get("bsn") else f"KvK-nummer {gegevens.get('kvk_nummer', '')}"
    if gegevens.get("naam"):
        return f"{gegevens['naam']} ({nummer})"
    return "Burger (BSN bekend)" if gegevens.get("bsn") else nummer


def samenvatting(formulier: Formulier, antwoorden: dict, bestanden: dict) -> list[Onderdeel]:
    titels = dict(STAPPEN)
    onderdelen = [
        Onderdeel(
            "aanvraag",
            titels["aanvraag"],
            [("Omschrijving", antwoorden.get("omschrijving", "")), ("Toelichting", antwoorden.get("toelichting", ""))],
        )
    ]
    if formulier.eigenschappen:
        waarden = antwoorden.get("eigenschappen", {})
        regels = [
            (
                eigenschap.naam,
                ", ".join(
                    leeswaarde(eigenschap.specificatie_formaat, w) for w in waarden.get(str(eigenschap.uuid), [])
                ),
            )
            for eigenschap in formulier.eigenschappen
        ]
        onderdelen.append(Onderdeel("gegevens", titels["gegevens"], regels))
    if formulier.bijlagen:
        regels = [
            (
                bijlage.documenttype.omschrijving,
                bestanden.get(bijlage.documenttype.omschrijving, {}).get("bestandsnaam", ""),
            )
            for bijlage in formulier.bijlagen
        ]
        onderdelen.append(Onderdeel("bijlagen", titels["bijlagen"], regels))
    onderdelen.append(
        Onderdeel(
            "contact",
            titels["contact"],
            [
                ("Aanvrager", aanvrager(antwoorden)),
                ("E-mailadres", antwoorden.get("emailadres", "")),
                ("Telefoonnummer", antwoorden.get("telefoonnummer", "")),
            ],
        )
    )
    return onderdelen
