"""A number as Dutch people type it (``€ 25.000,50``), read into the form the Zaken API stores (``25000.50``), and
checked against the lengte of an eigenschap's specificatie in words a person understands.

Shared by the forms that edit eigenschappen (the behandelaar's dossier, the citizen's e-formulier); the API
itself takes only its own form and checks it in ``zaken.parts.waarde_errors``.
"""

import re
from decimal import Decimal, InvalidOperation

ONLEESBAAR = "Vul een bedrag of getal in, bijvoorbeeld 25.000,50."

_MIN = r"\-\u2212"  # a hyphen or the minus sign a word processor puts
_GETAL = re.compile(
    rf"""
    (?P<teken>[+{_MIN}]?)\s*(?:€|EUR)?\s*(?P<teken_na_euro>[+{_MIN}]?)\s*
    (?P<geheel>[0-9][0-9.\s]*?)?
    (?:,(?P<decimalen>[0-9]+|-{{1,2}}))?
    \s*(?:€|EUR)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Whole thousands: a first group of one to three digits (not starting with 0), then groups of three, each after the
# same separator (a point or a space of any kind).
_DUIZENDTALLEN = re.compile(r"[1-9][0-9]{0,2}(?P<scheiding>[.\s])[0-9]{3}(?:(?P=scheiding)[0-9]{3})*")


def lees_getal(invoer: str) -> str | None:
    """A typed number in the Zaken API's form (digits, a decimal point, an optional sign), or None when it is no
    number. The rule, after Dutch notation:

    - ``€`` (or ``EUR``) and spaces, also non-breaking ones, around the number are left out; a sign (``+``, ``-``
      or ``−``) may stand before or after the ``€``.
    - The comma is the decimal separator; a point or a space separates thousands. With a comma, the part before
      it is plain digits or whole groups of three: ``25.000,50`` and ``25000,50`` are 25000.50, ``12.34,5`` is
      no number.
    - Without a comma, points that make whole groups of three after a first group of one to three digits are
      thousands: ``25.000`` is 25000, ``1.234.567`` is 1234567, and so a single point followed by exactly three
      digits is thousands (``1.500`` is 1500).
    - Otherwise one point, without a comma, is a decimal point, as a calculator or another system writes it:
      ``12.5`` is 12.5, ``0.500`` (a first group cannot start with 0) is 0.500. More points are no number.
    - ``,-`` or ``,--`` after whole euros (``€ 25,-``) means no decimals; ``,5`` is 0.5.
    - The decimals are kept as typed (``12,50`` is 12.50), so that the lengte's decimals are checked against
      what the person wrote.
    """
    match = _GETAL.fullmatch(invoer.strip())
    if not match or (match["teken"] and match["teken_na_euro"]):
        return None
    teken = (match["teken"] or match["teken_na_euro"]).replace("\u2212", "-").replace("+", "")
    geheel, decimalen = (match["geheel"] or "").strip(), match["decimalen"] or ""
    if decimalen.startswith("-"):
        if not geheel:
            return None
        decimalen = ""
    elif not geheel and decimalen:
        geheel = "0"
    if _DUIZENDTALLEN.fullmatch(geheel):
        geheel = re.sub(r"[.\s]", "", geheel)
    elif not decimalen and match["decimalen"] is None and re.fullmatch(r"[0-9]+\.[0-9]+", geheel):
        geheel, decimalen = geheel.split(".")
    if not re.fullmatch(r"[0-9]+", geheel):
        return None
    return f"{teken}{geheel}" + (f".{decimalen}" if decimalen else "")


def lengte_van(lengte: str) -> tuple[int, int] | None:
    """A getal's specificatie lengte: ``8,2`` is 8 digits, of which 2 decimals; ``8`` is 8 digits without
    decimals. None when it says neither (then the Zaken API checks no length either)."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:[.,]\s*(\d+))?\s*", lengte or "")
    return (int(match[1]), int(match[2] or 0)) if match else None


def getal_bezwaar(waarde: str, lengte: str) -> str | None:
    """What is wrong with a number in the Zaken API's form for the lengte, in words, counted as the Zaken API
    counts (``zaken.parts``: digits without leading zeros, decimals as written); None when it fits."""
    cijfers = lengte_van(lengte)
    if cijfers is None:
        return None
    totaal, toegestaan = cijfers
    try:
        _, digits, exponent = Decimal(waarde).as_tuple()
    except InvalidOperation:
        return ONLEESBAAR
    decimalen = max(0, -int(exponent))
    if decimalen > toegestaan:
        if toegestaan == 0:
            return "Vul een heel getal in, zonder cijfers achter de komma."
        return f"Vul hoogstens {toegestaan} {'cijfer' if toegestaan == 1 else 'cijfers'} achter de komma in."
    if len(digits) - decimalen > totaal - toegestaan:
        voor = totaal - toegestaan
        return f"Dit getal is te groot: hoogstens {voor} {'cijfer' if voor == 1 else 'cijfers'} voor de komma."
    return None


def nederlands(waarde: str) -> str | None:
    """A number in the Zaken API's form (``25000.50``; ``12,50`` from a client that writes it so) in Dutch
    notation, with points between the thousands: ``25.000,50``. None when it is no number."""
    match = re.fullmatch(r"([+-]?)([0-9]+)(?:[.,]([0-9]+))?", waarde.strip())
    if not match:
        return None
    teken, geheel, decimalen = match[1].replace("+", ""), match[2], match[3] or ""
    geheel = f"{int(geheel):,}".replace(",", ".") if len(geheel.lstrip("0")) > 3 else geheel
    return f"{teken}{geheel}" + (f",{decimalen}" if decimalen else "")
