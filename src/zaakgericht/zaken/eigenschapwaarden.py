"""An eigenschap's value between its stored form (the Zaken API's, dates in the compact form of ztc-015),
the form field that edits it (the behandelaar's dossier, the citizen's e-formulier) and words."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..catalogi.models import Eigenschap
from .getalinvoer import ONLEESBAAR as GETAL_ONLEESBAAR
from .getalinvoer import lees_getal, lengte_van, nederlands
from .models import ZaakEigenschap
from .service import TIMEZONE


def _datum(waarde: str) -> date | None:
    """A stored date: YYYYMMDD (ztc-015) or ISO 8601."""
    for form in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(waarde, form).date()
        except ValueError:
            continue
    return None


def _moment(waarde: str) -> datetime | None:
    """A stored moment: YYYYMMDDhhmmss (ztc-015) or ISO 8601, as local time without zone."""
    try:
        moment = datetime.strptime(waarde, "%Y%m%d%H%M%S") if waarde.isdigit() else datetime.fromisoformat(waarde)
    except ValueError:
        return None
    return moment.astimezone(TIMEZONE).replace(tzinfo=None) if moment.tzinfo else moment


def invoerwaarde(formaat: str, waarde: str) -> str:
    """A stored value as its form field holds it: a date as YYYY-MM-DD, a moment as YYYY-MM-DDThh:mm:ss, a
    number in Dutch notation (25.000,50), which reads back as the same number."""
    if formaat == "getal" and (getal := nederlands(waarde)):
        return getal
    if formaat == "datum" and (datum := _datum(waarde)):
        return datum.isoformat()
    if formaat == "datum_tijd" and (moment := _moment(waarde)):
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return waarde


def leeswaarde(formaat: str, waarde: str) -> str:
    """A stored value in words, as Dutch people write dates and numbers (25.000,50)."""
    if formaat == "getal" and (getal := nederlands(waarde)):
        return getal
    if formaat == "datum" and (datum := _datum(waarde)):
        return datum.strftime("%d-%m-%Y")
    if formaat == "datum_tijd" and (moment := _moment(waarde)):
        return moment.strftime("%d-%m-%Y %H:%M" if moment.second == 0 else "%d-%m-%Y %H:%M:%S")
    return waarde


_INVOER_DATUM = {r"\d{4}-\d{2}-\d{2}": "%Y-%m-%d", r"\d{1,2}-\d{1,2}-\d{4}": "%d-%m-%Y"}
_INVOER_MOMENT = {
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}": "%Y-%m-%dT%H:%M",
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}": "%Y-%m-%dT%H:%M:%S",
    r"\d{1,2}-\d{1,2}-\d{4} \d{1,2}:\d{2}": "%d-%m-%Y %H:%M",
}


def _parse(invoer: str, forms: dict[str, str]) -> datetime | None:
    for pattern, form in forms.items():
        if re.fullmatch(pattern, invoer):
            try:
                return datetime.strptime(invoer, form)
            except ValueError:
                return None
    return None


def opslagwaarde(formaat: str, invoer: str) -> str | None:
    """What a form field holds as the Zaken API stores it (dates in the compact form of ztc-015, numbers with a
    decimal point, read as ``getalinvoer.lees_getal`` says); None when a date, moment or number cannot be read.
    A browser without date fields sends what the person typed: 28-07-2026."""
    if formaat == "getal":
        return lees_getal(invoer)
    if formaat == "datum":
        datum = _parse(invoer, _INVOER_DATUM)
        return datum.strftime("%Y%m%d") if datum else None
    if formaat == "datum_tijd":
        moment = _parse(invoer, _INVOER_MOMENT)
        return moment.strftime("%Y%m%d%H%M%S") if moment else None
    return invoer


ONLEESBAAR = {
    "getal": GETAL_ONLEESBAAR,
    "datum": "Vul een datum in, bijvoorbeeld 28-07-2026.",
    "datum_tijd": "Vul een datum en tijd in, bijvoorbeeld 28-07-2026 13:40.",
}


def getal_hint(lengte: str) -> str:
    """What a number field takes, after its specificatie lengte ("8,2": 8 digits, of which 2 decimals)."""
    cijfers = lengte_van(lengte)
    decimalen = cijfers[1] if cijfers else None
    if decimalen == 0:
        return "Een heel getal, bijvoorbeeld 25000 of 25.000."
    if decimalen is None:
        return "Een getal, bijvoorbeeld 25.000 of 12,50."
    voorbeeld = "25.000," + "50"[:decimalen].ljust(decimalen, "0")
    eenheid = "decimaal" if decimalen == 1 else "decimalen"
    return f"Een getal met hoogstens {decimalen} {eenheid}, bijvoorbeeld {voorbeeld}."


def veldformaat(eigenschap: Eigenschap) -> str:
    """The formaat the form field follows: a choice from a waardenverzameling is taken as it is."""
    return "keuze" if eigenschap.specificatie_waardenverzameling else eigenschap.specificatie_formaat


@dataclass(frozen=True)
class EigenschapWaarden:
    """An eigenschap of the zaaktype with the zaak's values of it (its zaakeigenschappen, oldest first)."""

    eigenschap: Eigenschap
    waarden: list[ZaakEigenschap] = field(default_factory=list)

    @property
    def maximum(self) -> int | None:
        """How many values the eigenschap takes: its kardinaliteit as a number, None for any number ("N")."""
        kardinaliteit = self.eigenschap.specificatie_kardinaliteit.strip()
        return int(kardinaliteit) if kardinaliteit.isdigit() and int(kardinaliteit) > 0 else None
