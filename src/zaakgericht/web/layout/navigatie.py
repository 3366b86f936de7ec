"""The main navigation per role, and who sees the search box: what the header of base.html shows."""

from dataclasses import dataclass

from ...accounts.models import Medewerker

# The roles whose work is reading zaken: they get the search box in the header.
LEZEN_ZAKEN = frozenset({"behandelaar", "manager", "kcc", "archivaris"})


@dataclass(frozen=True)
class MenuItem:
    naam: str  # the key of its count in ``kop["lijsten"]``
    label: str
    url: str
    rollen: frozenset[str]
    # The paths under which the item is the current page ("" : only its own url).
    onder: str = ""

    def actief(self, pad: str) -> bool:
        return pad == self.url or bool(self.onder and pad.startswith(self.onder))


HOOFDMENU = (
    MenuItem("start", "Start", "/", frozenset({"behandelaar", "manager", "kcc", "beheerder", "archivaris"})),
    MenuItem("werkvoorraad", "Werkvoorraad", "/werkvoorraad", frozenset({"behandelaar", "manager"})),
    MenuItem("nieuwe_zaak", "Nieuwe zaak", "/nieuwe-zaak", frozenset({"behandelaar"})),
    MenuItem("kcc", "KCC", "/kcc", frozenset({"kcc"}), onder="/kcc"),
    MenuItem("beheer", "Beheer", "/beheer/medewerkers", frozenset({"beheerder"}), onder="/beheer"),
)

# The pages of Beheer, shown as a sub-navigation on each of them.
_BEHEER = frozenset({"beheerder"})
BEHEERMENU = (
    MenuItem("medewerkers", "Medewerkers", "/beheer/medewerkers", _BEHEER, onder="/beheer/medewerkers"),
    MenuItem("catalogus", "Catalogus", "/beheer/catalogus", _BEHEER, onder="/beheer/catalogus"),
    MenuItem("formulieren", "Online formulieren", "/beheer/formulieren", _BEHEER, onder="/beheer/formulieren"),
    MenuItem("email", "E-mail", "/beheer/e-mail", _BEHEER),
    MenuItem("huisstijl", "Huisstijl", "/beheer/huisstijl", _BEHEER),
)


def menu_voor(medewerker: Medewerker, items: tuple[MenuItem, ...] = HOOFDMENU) -> list[MenuItem]:
    rollen = set(medewerker.rollen)
    return [item for item in items if item.rollen & rollen]


def leest_zaken(medewerker: Medewerker) -> bool:
    return bool(LEZEN_ZAKEN & set(medewerker.rollen))
