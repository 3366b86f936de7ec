"""An eigenschap's value between its stored form (the Zaken API's, dates in the compact form of ztc-015),
the form field that edits it (the behandelaar's dossier, the citizen's e-formulier) and words."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..catalogi.models import Eigenschap
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


def _getal(waarde: str) -> tuple[str, str, str] | None:
    """A stored number (``12``, ``12.50``; ``12,50`` from a client that writes it so) as sign, whole part and
    decimals."""
    match = re.fullmatch(r"([+-]?)(\d+)(?:[.,](\d+))?", waarde)
    return (match[1], match[2], match[3] or "") if match else None


def _nederlands(getal: tuple[str, str, str], duizendtallen: bool) -> str:
    teken, geheel, decimalen = getal
    if duizendtallen:
        geheel = f"{int(geheel):,}".replace(",", ".")
    return f"{teken}{geheel}" + (f",{decimalen}" if decimalen else "")


def invoerwaarde(formaat: str, waarde: str) -> str:
    """A stored value as its form field holds it: a date as YYYY-MM-DD, a moment as YYYY-MM-DDThh:mm:ss, a
    number with a decimal comma."""
    if formaat == "getal" and (getal := _getal(waarde)):
        return _nederlands(getal, duizendtallen=False)
    if formaat == "datum" and (datum := _datum(waarde)):
        return datum.isoformat()
    if formaat == "datum_tijd" and (moment := _moment(waarde)):
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return waarde


def leeswaarde(formaat: str, waarde: str) -> str:
    """A stored value in words, as Dutch people write dates and numbers (25.000,50)."""
    if formaat == "getal" and (getal := _getal(waarde)):
        return _nederlands(getal, duizendtallen=True)
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


# A number as Dutch people type it: an optional euro sign, points (or spaces) between the thousands, a decimal
# comma; a decimal point is read as such unless it stands before groups of three digits (25.000 is 25000).
_BEDRAG = re.compile(r"(?:€|EUR)?\s*([+-]?)\s*(?:€|EUR)?\s*(\d[\d. \u00a0]*?)(?:,(\d+))?\s*(?:€|EUR)?", re.IGNORECASE)
_DUIZENDTALLEN = re.compile(r"\d{1,3}(?:[. \u00a0]\d{3})+")


def _getal_invoer(invoer: str) -> str | None:
    """A typed number (``25.000,50``, ``€ 25000``, ``12,50``, ``12.5``) as the Zaken API stores it: digits with a
    decimal point (``25000.50``); None when it is no number."""
    match = _BEDRAG.fullmatch(invoer.strip())
    if not match:
        return None
    teken, geheel, decimalen = match[1], match[2], match[3]
    if _DUIZENDTALLEN.fullmatch(geheel):
        geheel = re.sub(r"[. \u00a0]", "", geheel)
    elif decimalen is None and re.fullmatch(r"\d+\.\d+", geheel):
        geheel, decimalen = geheel.split(".")
    if not geheel.isdigit():
        return None
    return f"{teken}{geheel}" + (f".{decimalen}" if decimalen else "")


def opslagwaarde(formaat: str, invoer: str) -> str | None:
    """What a form field holds as the Zaken API stores it (dates in the compact form of ztc-015, numbers with a
    decimal point); None when a date, moment or number cannot be read. A browser without date fields sends what
    the person typed: 28-07-2026."""
    if formaat == "getal":
        return _getal_invoer(invoer)
    if formaat == "datum":
        datum = _parse(invoer, _INVOER_DATUM)
        return datum.strftime("%Y%m%d") if datum else None
    if formaat == "datum_tijd":
        moment = _parse(invoer, _INVOER_MOMENT)
        return moment.strftime("%Y%m%d%H%M%S") if moment else None
    return invoer


ONLEESBAAR = {
    "getal": "Vul een getal in, bijvoorbeeld 25000 of 25.000,50.",
    "datum": "Vul een datum in, bijvoorbeeld 28-07-2026.",
    "datum_tijd": "Vul een datum en tijd in, bijvoorbeeld 28-07-2026 13:40.",
}


def getal_hint(lengte: str) -> str:
    """What a number field takes, after its specificatie lengte ("8,2": 8 digits, of which 2 decimals)."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:[.,]\s*(\d+))?\s*", lengte or "")
    decimalen = int(match[2] or 0) if match else None
    if decimalen == 0:
        return "Een heel getal, bijvoorbeeld 25000 of 25.000."
    if decimalen is None:
        return "Een getal, bijvoorbeeld 25.000 of 12,50."
    voorbeeld = "25.000," + "50"[:decimalen].ljust(decimalen, "0")
    return f"Een getal met hoogstens {decimalen} {'decimaal' if decimalen == 1 else 'decimalen'}, bijvoorbeeld {voorbeeld}."


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
