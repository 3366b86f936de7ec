"""Durations as people say them ("8 weken", "1 jaar en 6 maanden") and the ISO 8601 durations the Catalogi API
stores (``P8W``, ``P1Y6M``), both ways.

``naar_iso`` reads what a beheerder types and keeps the unit they used: "8 weken" is ``P8W``, not ``P56D``. ISO 8601
allows the week only on its own (``PnW``), so weeks typed together with another unit become days: "6 weken en
3 dagen" is ``P45D``. There are no werkdagen in ISO 8601 (a zaaktype's doorlooptijd is in kalenderdagen), so
they are refused rather than guessed. Input that is already ISO 8601 ("P42D") is accepted as it is.

``in_woorden`` shows a stored duration in Dutch ("P1Y6M": "1 jaar en 6 maanden"); what it cannot read (a fraction,
a value of another system) it shows unchanged.
"""

import re

ONGELDIG = "Vul een duur in zoals 8 weken, 42 dagen of 3 maanden."
WERKDAGEN = (
    "Vul de duur in kalenderdagen, weken of maanden in, niet in werkdagen: bijvoorbeeld 3 weken voor 15 werkdagen."
)
DUBBEL = "Noem elke eenheid één keer, bijvoorbeeld 1 jaar en 6 maanden."
TE_GROOT = "Vul per eenheid een getal van ten hoogste 9999 in."
MAXIMUM = 9999

# The ISO 8601 designators in their order, with the Dutch words for one and for more.
_DATUM = (("Y", "jaar", "jaar"), ("M", "maand", "maanden"), ("W", "week", "weken"), ("D", "dag", "dagen"))
_TIJD = (("H", "uur", "uur"), ("M", "minuut", "minuten"), ("S", "seconde", "seconden"))

# What people type for each unit of a date duration.
_EENHEDEN = {
    **dict.fromkeys(("jaar", "jaren", "jr"), "Y"),
    **dict.fromkeys(("maand", "maanden", "mnd"), "M"),
    **dict.fromkeys(("week", "weken", "wk", "wkn"), "W"),
    **dict.fromkeys(("dag", "dagen", "d"), "D"),
}
_WERKDAGEN = frozenset({"werkdag", "werkdagen", "wd"})
_GETALLEN = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
}

_ISO = re.compile(
    r"P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<TH>\d+)H)?(?:(?P<TM>\d+)M)?(?:(?P<TS>\d+)S)?)?"
)


def _iso_delen(value: str) -> list[tuple[str, int]] | None:
    """The (group, number) parts of an ISO 8601 duration of whole numbers, in order; None if it is not one."""
    match = _ISO.fullmatch(value)
    if not match or value in ("P", "PT"):
        return None
    return [(groep, int(getal)) for groep, getal in match.groupdict().items() if getal is not None] or None


def _getal(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _GETALLEN.get(token)


def naar_iso(tekst: str) -> str:
    """The ISO 8601 duration of what someone typed ("8 weken": ``P8W``); ValueError with a Dutch message if it is
    not a duration. An empty text is not a duration either: an optional field checks for that first."""
    invoer = " ".join((tekst or "").replace("\u00a0", " ").split()).lower().rstrip(".")
    if invoer.startswith("p") and _iso_delen(invoer.upper()):
        return invoer.upper()
    tokens = re.findall(r"\d+|[^\W\d_]+|\S", invoer)
    if not tokens:
        raise ValueError(ONGELDIG)
    aantallen: dict[str, int] = {}
    positie = 0
    while positie < len(tokens):
        getal = _getal(tokens[positie])
        eenheid = tokens[positie + 1] if positie + 1 < len(tokens) else ""
        if eenheid in _WERKDAGEN:
            raise ValueError(WERKDAGEN)
        if getal is None or eenheid not in _EENHEDEN:
            raise ValueError(ONGELDIG)
        if getal > MAXIMUM:
            raise ValueError(TE_GROOT)
        if _EENHEDEN[eenheid] in aantallen:
            raise ValueError(DUBBEL)
        aantallen[_EENHEDEN[eenheid]] = getal
        positie += 2
        # Between the parts: "en", a comma, or nothing ("1 jaar 6 maanden"); never at the end.
        if positie < len(tokens) and tokens[positie] in ("en", ","):
            positie += 1
            if positie == len(tokens):
                raise ValueError(ONGELDIG)
    if "W" in aantallen and len(aantallen) > 1:
        aantallen["D"] = aantallen.get("D", 0) + 7 * aantallen.pop("W")
    delen = [(letter, aantallen[letter]) for letter, *_ in _DATUM if aantallen.get(letter)]
    if not delen:  # only zeros: zero of the (first) unit typed
        delen = [(next(iter(aantallen)), 0)]
    return "P" + "".join(f"{aantal}{letter}" for letter, aantal in delen)


def _opsomming(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def in_woorden(duur: str | None) -> str:
    """A stored ISO 8601 duration in Dutch words (``P1Y6M``: "1 jaar en 6 maanden"); what is not a duration of whole
    numbers is returned as it is, and nothing as an empty text."""
    if not duur:
        return ""
    delen = _iso_delen(duur)
    if delen is None:
        return duur
    woorden = {letter: (enkelvoud, meervoud) for letter, enkelvoud, meervoud in _DATUM}
    woorden |= {f"T{letter}": (enkelvoud, meervoud) for letter, enkelvoud, meervoud in _TIJD}
    genoemd = [(groep, aantal) for groep, aantal in delen if aantal] or delen[:1]
    return _opsomming(
        [f"{aantal} {woorden[groep][0] if aantal == 1 else woorden[groep][1]}" for groep, aantal in genoemd]
    )
