"""Reading and changing the organisation's huisstijl, and the stylesheet of design tokens made from it.

The colours become NL Design System design tokens (the ``--basis-*`` tokens the vendored Voorbeeld theme
and the Utrecht components read), served as a stylesheet: pages carry no inline style. Text on the
colours is white, so a colour is accepted only when white text on it meets WCAG AA (4.5:1); the same
colour then also reads as text on a white page (links), as contrast is symmetric.
"""

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Huisstijl

ROW_ID = 1
# Until a beheerder sets the huisstijl, the product's own name and the vendored theme's colours.
STANDAARD_NAAM = "Zaakgericht"
STANDAARD_PRIMAIR = "#5115ef"
STANDAARD_ACCENT = "#00568b"
MINIMAAL_CONTRAST = 4.5
LOGO_MAX_BYTES = 256 * 1024
LOGO_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ValidationFailed(Exception):
    """Input that breaks a rule: ``errors`` maps a field name to a Dutch message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Weergave:
    """What every page shows of the huisstijl (without the logo's bytes)."""

    naam: str
    kleur_primair: str
    kleur_accent: str
    heeft_logo: bool
    versie: int
    ingesteld: bool


STANDAARD = Weergave(
    naam=STANDAARD_NAAM,
    kleur_primair=STANDAARD_PRIMAIR,
    kleur_accent=STANDAARD_ACCENT,
    heeft_logo=False,
    versie=0,
    ingesteld=False,
)


@dataclass(frozen=True)
class Logo:
    inhoud: bytes
    content_type: str
    versie: int


async def weergave(session: AsyncSession) -> Weergave:
    """The huisstijl as pages show it: one query, which leaves the logo's bytes in the database."""
    row = (
        await session.execute(
            select(
                Huisstijl.organisatie_naam,
                Huisstijl.kleur_primair,
                Huisstijl.kleur_accent,
                Huisstijl.logo_type,
                Huisstijl.versie,
            ).where(Huisstijl.id == ROW_ID)
        )
    ).first()
    if row is None:
        return STANDAARD
    return Weergave(
        naam=row.organisatie_naam,
        kleur_primair=row.kleur_primair,
        kleur_accent=row.kleur_accent,
        heeft_logo=row.logo_type is not None,
        versie=row.versie,
        ingesteld=True,
    )


async def logo(session: AsyncSession) -> Logo | None:
    row = (
        await session.execute(
            select(Huisstijl.logo, Huisstijl.logo_type, Huisstijl.versie).where(Huisstijl.id == ROW_ID)
        )
    ).first()
    if row is None or row.logo is None or row.logo_type is None:
        return None
    return Logo(inhoud=row.logo, content_type=LOGO_TYPES[row.logo_type], versie=row.versie)


def _lineair(kanaal: int) -> float:
    waarde = kanaal / 255
    return waarde / 12.92 if waarde <= 0.04045 else ((waarde + 0.055) / 1.055) ** 2.4


def luminantie(kleur: str) -> float:
    """The relative luminance of ``#rrggbb`` (WCAG 2.1)."""
    rood, groen, blauw = (int(kleur[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _lineair(rood) + 0.7152 * _lineair(groen) + 0.0722 * _lineair(blauw)


def contrast_met_wit(kleur: str) -> float:
    return 1.05 / (luminantie(kleur) + 0.05)


def donkerder(kleur: str, deel: float = 0.2) -> str:
    """The colour mixed with ``deel`` black: for hover and active states (still passing the contrast)."""
    kanalen = (round(int(kleur[i : i + 2], 16) * (1 - deel)) for i in (1, 3, 5))
    return "#" + "".join(f"{kanaal:02x}" for kanaal in kanalen)


def kleur_fout(kleur: str) -> str:
    """The objection to a colour in Dutch, or "" when it is a hex colour white text can be read on."""
    if not _HEX.match(kleur):
        return "Vul een kleur in als # met zes tekens 0-9 of a-f, bijvoorbeeld #1a4b7a."
    contrast = contrast_met_wit(kleur)
    if contrast < MINIMAAL_CONTRAST:
        getal = f"{contrast:.1f}".replace(".", ",")
        return (
            f"Witte tekst is op deze kleur slecht te lezen (contrast {getal} : 1, minimaal 4,5 : 1). "
            "Kies een donkerdere kleur."
        )
    return ""


def logo_soort(inhoud: bytes) -> tuple[str | None, str]:
    """The kind of an uploaded logo (``png`` or ``svg``) by its content, or None and the objection in Dutch."""
    if len(inhoud) > LOGO_MAX_BYTES:
        return None, f"Het logo is te groot: kies een bestand van hoogstens {LOGO_MAX_BYTES // 1024} kB."
    if inhoud.startswith(_PNG_SIGNATURE):
        return "png", ""
    # An SVG is XML whose root is <svg>. Documents with a DOCTYPE are refused: entity definitions are
    # how XML parsers are made to expand or fetch things, and a logo needs none.
    if b"<!DOCTYPE" not in inhoud.upper() and b"<!ENTITY" not in inhoud.upper():
        try:
            root = ElementTree.fromstring(inhoud)
        except ElementTree.ParseError:
            root = None
        if root is not None and root.tag in ("svg", "{http://www.w3.org/2000/svg}svg"):
            return "svg", ""
    return None, "Kies een logo als PNG- of SVG-bestand."


@dataclass
class Wijziging:
    """What the beheerder sends: a new logo (bytes), or keep the current one, or remove it."""

    naam: str
    kleur_primair: str
    kleur_accent: str
    logo: bytes | None = None
    logo_verwijderen: bool = False


def _fouten(wijziging: Wijziging) -> tuple[dict[str, str], str | None]:
    fouten: dict[str, str] = {}
    naam = wijziging.naam.strip()
    if not naam:
        fouten["organisatie_naam"] = "Vul de naam van de organisatie in."
    elif len(naam) > 200:
        fouten["organisatie_naam"] = "De naam mag hoogstens 200 tekens lang zijn."
    for veld, kleur in (("kleur_primair", wijziging.kleur_primair), ("kleur_accent", wijziging.kleur_accent)):
        if melding := kleur_fout(kleur.strip()):
            fouten[veld] = melding
    soort = None
    if wijziging.logo is not None:
        soort, melding = logo_soort(wijziging.logo)
        if melding:
            fouten["logo"] = melding
    return fouten, soort


async def opslaan(session: AsyncSession, wijziging: Wijziging) -> Huisstijl:
    """Validates and stores the huisstijl (all or nothing); ``ValidationFailed`` names each field's objection."""
    fouten, soort = _fouten(wijziging)
    if fouten:
        raise ValidationFailed(fouten)
    huisstijl = await session.get(Huisstijl, ROW_ID, with_for_update=True)
    if huisstijl is None:
        huisstijl = Huisstijl(id=ROW_ID, versie=0)
        session.add(huisstijl)
    huisstijl.organisatie_naam = wijziging.naam.strip()
    huisstijl.kleur_primair = wijziging.kleur_primair.strip().lower()
    huisstijl.kleur_accent = wijziging.kleur_accent.strip().lower()
    if wijziging.logo is not None:
        huisstijl.logo, huisstijl.logo_type = wijziging.logo, soort
    elif wijziging.logo_verwijderen:
        huisstijl.logo, huisstijl.logo_type = None, None
    huisstijl.versie = (huisstijl.versie or 0) + 1
    huisstijl.gewijzigd = datetime.now(UTC)
    await session.flush()
    return huisstijl


def stylesheet(huisstijl: Weergave) -> str:
    """The huisstijl as design tokens, laid over the vendored Voorbeeld theme (same selector, loaded after it)."""
    primair, accent = huisstijl.kleur_primair, huisstijl.kleur_accent
    tokens = {
        "--zg-kleur-primair": primair,
        "--zg-kleur-primair-donker": donkerder(primair),
        "--zg-kleur-accent": accent,
        "--basis-color-accent-1-inverse-bg-default": primair,
        "--basis-color-accent-1-inverse-bg-hover": donkerder(primair),
        "--basis-color-accent-1-inverse-bg-active": donkerder(primair, 0.35),
        "--basis-color-action-1-inverse-bg-default": primair,
        "--basis-color-action-1-inverse-bg-hover": donkerder(primair),
        "--basis-color-action-1-inverse-bg-active": donkerder(primair, 0.35),
        "--basis-color-accent-1-color-default": primair,
        "--basis-color-action-2-color-default": accent,
        "--basis-color-action-2-color-hover": donkerder(accent),
        "--basis-color-action-2-color-active": donkerder(accent, 0.35),
    }
    regels = "\n".join(f"  {naam}: {waarde};" for naam, waarde in tokens.items())
    return f"/* De huisstijl van {_css_commentaar(huisstijl.naam)} */\n.voorbeeld-theme {{\n{regels}\n}}\n"


def _css_commentaar(tekst: str) -> str:
    return tekst.replace("*/", "* /")
