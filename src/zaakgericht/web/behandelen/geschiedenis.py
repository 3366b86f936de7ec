"""The zaakdossier's Geschiedenis: what happened to the zaak, as sentences a person reads ("Status gezet op
'In behandeling' door Piet Pieters"), never an API address or a client id.

Built from the zaak's audit trail (every change through the Zaken services) and the internal work of
``behandeling`` (notities, checklist answers, the own checklist items, taken), at a fixed number of queries: the
trail, the notes, the checklist answers, the own checklist items and the taken, then the besluiten, the
eigenschappen and the medewerkers the trail names.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ...accounts.models import Medewerker
from ...accounts.service import WEB_CLIENT_ID
from ...api import urls
from ...api.audit import AuditTrail
from ...behandeling.models import ChecklistAntwoord, EigenChecklistPunt, Notitie, Taak
from ...besluiten.models import Besluit
from ...burgers.service import PIP_CLIENT_ID
from ...catalogi.duur import in_woorden
from ...catalogi.models import BesluitType, Eigenschap, StatusType
from ...formulieren.service import FORMULIER_CLIENT_ID
from ...zaken.models import Zaak
from ...zaken.service import local_time
from .dossier_queries import naam_van_betrokkene
from .onderdelen import eigenschap_label

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# The applications through which citizens and companies change their own zaak.
_BURGER_CLIENTS = (PIP_CLIENT_ID, FORMULIER_CLIENT_ID)

_ACTIE = {"create": "toegevoegd", "update": "gewijzigd", "partial_update": "gewijzigd", "destroy": "verwijderd"}

# The zaak's fields a person may see change, in words.
_ZAAKVELDEN = {
    "omschrijving": "omschrijving",
    "toelichting": "toelichting",
    "einddatumGepland": "servicenorm",
    "uiterlijkeEinddatumAfdoening": "uiterste einddatum",
    "vertrouwelijkheidaanduiding": "vertrouwelijkheid",
    "archiefnominatie": "archiefnominatie",
    "archiefactiedatum": "archiefactiedatum",
    "archiefstatus": "archiefstatus",
    "betalingsindicatie": "betaling",
    "zaakgeometrie": "locatie",
    "hoofdzaak": "hoofdzaak",
}


def nederlandse_datumtijd(moment: datetime) -> str:
    """``5 maart 2026, 14:30``."""
    return f"{moment.day} {MAANDEN[moment.month - 1]} {moment.year}, {moment:%H:%M}"


@dataclass(frozen=True)
class Gebeurtenis:
    moment: datetime  # local time
    zin: str  # one sentence, without the closing full stop
    toelichting: str = ""

    @property
    def wanneer(self) -> str:
        return nederlandse_datumtijd(self.moment)


def _zonder_adres(tekst: str) -> str:
    """A text from the trail that is an address (a document without a title, a contactmoment elsewhere) says
    nothing to a person: left out."""
    return "" if "://" in (tekst or "") else (tekst or "")


def _genoemd(tekst: str) -> str:
    return f" '{tekst}'" if tekst else ""


def _wie(entry: AuditTrail, namen: dict[str, str]) -> str:
    if entry.applicatie_id in _BURGER_CLIENTS:
        # Named as the role they have here; their BSN or KvK-nummer stays out of sight.
        return "het bedrijf" if entry.gebruikers_weergave.startswith("KvK-nummer") else "de burger"
    if entry.applicatie_id == WEB_CLIENT_ID and entry.gebruikers_id in namen:
        return namen[entry.gebruikers_id]
    return entry.gebruikers_weergave or entry.applicatie_weergave or "een ander systeem"


def _zaak_gewijzigd(oud: dict, nieuw: dict) -> str:
    opgeschort = bool((oud.get("opschorting") or {}).get("indicatie"))
    nu_opgeschort = bool((nieuw.get("opschorting") or {}).get("indicatie"))
    if nu_opgeschort and not opgeschort:
        return "Zaak opgeschort"
    if opgeschort and not nu_opgeschort:
        return "Opschorting van de zaak opgeheven"
    verlenging = nieuw.get("verlenging") or {}
    if verlenging.get("duur") and verlenging != (oud.get("verlenging") or {}):
        return f"Termijn verlengd met {in_woorden(verlenging['duur'])}"
    if nieuw.get("einddatum") and not oud.get("einddatum"):
        return "Zaak afgesloten"
    if oud.get("einddatum") and not nieuw.get("einddatum"):
        return "Zaak heropend"
    andere, nu_andere = oud.get("relevanteAndereZaken") or [], nieuw.get("relevanteAndereZaken") or []
    if len(nu_andere) > len(andere):
        return "Relatie met een andere zaak toegevoegd"
    if len(nu_andere) < len(andere):
        return "Relatie met een andere zaak verwijderd"
    velden = [label for veld, label in _ZAAKVELDEN.items() if oud.get(veld) != nieuw.get(veld)]
    return "Gegevens van de zaak gewijzigd" + (f" ({', '.join(velden)})" if velden else "")


def _betrokkene(body: dict) -> str:
    return naam_van_betrokkene(
        body.get("betrokkeneIdentificatie") or {},
        body.get("betrokkeneType", ""),
        body.get("afwijkendeNaamBetrokkene", ""),
        (body.get("contactpersoonRol") or {}).get("naam", ""),
        "",
    )


def _besluit_uuid(url: str) -> uuid.UUID | None:
    ref = urls.resolve(url or "")
    return ref.uuid if ref and (ref.api, ref.resource) == ("besluiten", "besluiten") else None


def _wat(entry: AuditTrail, besluiten: dict[uuid.UUID, str], eigenschappen: dict[str, str]) -> str:
    """What the entry did, as the start of a sentence."""
    oud, nieuw, actie = entry.oud or {}, entry.nieuw or {}, entry.actie
    weergave = _zonder_adres(entry.resource_weergave)
    gedaan = _ACTIE.get(actie, "gewijzigd")
    match entry.resource:
        case "zaak":
            return "Zaak aangemaakt" if actie == "create" else _zaak_gewijzigd(oud, nieuw)
        case "status":
            return f"Status gezet op '{weergave}'" if weergave else "Status gezet"
        case "resultaat":
            if actie == "destroy":
                return "Resultaat verwijderd"
            return f"Resultaat{_genoemd(weergave)} {'vastgelegd' if actie == 'create' else 'gewijzigd'}"
        case "rol":
            naam = _betrokkene(nieuw or oud)
            if actie == "create":
                return f"Betrokkene{_genoemd(naam)} toegevoegd als {weergave or 'betrokkene'}"
            return f"Betrokkene{_genoemd(naam)} ({weergave or 'betrokkene'}) {gedaan}"
        case "zaakinformatieobject":
            titel = weergave or _zonder_adres((nieuw or oud).get("titel", ""))
            return f"Document{_genoemd(titel)} {'uit de zaak verwijderd' if actie == 'destroy' else gedaan}"
        case "zaakbesluit":
            besluit = besluiten.get(_besluit_uuid((nieuw or oud).get("besluit") or entry.resource_weergave), "")
            return f"Besluit{_genoemd(besluit)} {'vastgelegd' if actie == 'create' else 'van de zaak losgemaakt'}"
        case "zaakeigenschap":
            label = eigenschappen.get(weergave, weergave)
            return f"Eigenschap{_genoemd(label)} {'ingevuld' if actie == 'create' else gedaan}"
        case "zaakobject":
            return f"Object{_genoemd(weergave)} {gedaan}"
        case "klantcontact":
            return "Klantcontact vastgelegd"
        case "zaakcontactmoment":
            return "Contactmoment gekoppeld"
        case "zaakverzoek":
            return "Verzoek gekoppeld"
    return f"Onderdeel {entry.resource} {gedaan}"


def _toelichting(entry: AuditTrail) -> str:
    """The why of a change: the trail's toelichting, else the status's or the opschorting's or verlenging's reden."""
    if entry.toelichting:
        return entry.toelichting
    nieuw = entry.nieuw or {}
    if entry.resource == "status":
        return nieuw.get("statustoelichting", "")
    if entry.resource == "zaak" and entry.actie != "create":
        oud = entry.oud or {}
        for veld in ("opschorting", "verlenging"):
            if (nieuw.get(veld) or {}) != (oud.get(veld) or {}):
                return (nieuw.get(veld) or {}).get("reden", "")
    return ""


async def _besluiten(session: AsyncSession, entries: list[AuditTrail]) -> dict[uuid.UUID, str]:
    """The besluittype's omschrijving (or the identificatie) of each besluit the trail names, in one query."""
    genoemd = {
        besluit_uuid
        for entry in entries
        if entry.resource == "zaakbesluit"
        and (besluit_uuid := _besluit_uuid((entry.nieuw or entry.oud or {}).get("besluit") or entry.resource_weergave))
    }
    if not genoemd:
        return {}
    rows = await session.execute(
        select(Besluit.uuid, Besluit.identificatie, BesluitType.omschrijving)
        .join(BesluitType, BesluitType.id == Besluit.besluittype_id)
        .where(Besluit.uuid.in_(genoemd))
    )
    return {row.uuid: row.omschrijving or row.identificatie for row in rows}


async def _eigenschappen(session: AsyncSession, zaak_id: int, entries: list[AuditTrail]) -> dict[str, str]:
    """The label people read of each eigenschap of the zaak's zaaktype, by its naam (the trail names a
    zaakeigenschap so), in one query when the trail has any."""
    if not any(entry.resource == "zaakeigenschap" for entry in entries):
        return {}
    rows = await session.execute(
        select(Eigenschap.naam, Eigenschap.definitie)
        .join(Zaak, Zaak.zaaktype_id == Eigenschap.zaaktype_id)
        .where(Zaak.id == zaak_id)
    )
    return {naam: eigenschap_label(definitie, naam) for naam, definitie in rows}


async def _namen(session: AsyncSession, gebruikersnamen: set[str]) -> dict[str, str]:
    if not gebruikersnamen:
        return {}
    rows = await session.execute(
        select(Medewerker.gebruikersnaam, Medewerker.naam).where(Medewerker.gebruikersnaam.in_(gebruikersnamen))
    )
    return {gebruikersnaam: naam for gebruikersnaam, naam in rows if naam}


async def _behandeling(
    session: AsyncSession, zaak_id: int, namen_nodig: set[str]
) -> tuple[list[Gebeurtenis], list[Taak]]:
    """The internal work as (moment, sentence) parts: notes, checklist answers by save, own checklist items put
    on and answered (by save), taken created and done;
    adds to ``namen_nodig`` the medewerkers whose names are needed."""
    notities = (
        await session.execute(select(Notitie.auteur_naam, Notitie.aangemaakt).where(Notitie.zaak_id == zaak_id))
    ).all()
    antwoorden = (
        await session.execute(
            select(ChecklistAntwoord.beantwoord_door_naam, ChecklistAntwoord.beantwoord, StatusType.omschrijving)
            .join(StatusType, StatusType.id == ChecklistAntwoord.statustype_id)
            .where(ChecklistAntwoord.zaak_id == zaak_id)
        )
    ).all()
    eigen_punten = (
        await session.execute(
            select(
                EigenChecklistPunt.vraag,
                EigenChecklistPunt.aangemaakt_door_naam,
                EigenChecklistPunt.aangemaakt,
                EigenChecklistPunt.beantwoord_door_naam,
                EigenChecklistPunt.beantwoord,
            ).where(EigenChecklistPunt.zaak_id == zaak_id)
        )
    ).all()
    taken = list(await session.scalars(select(Taak).where(Taak.zaak_id == zaak_id)))
    gebeurtenissen = [
        Gebeurtenis(local_time(moment), f"Notitie toegevoegd door {auteur}") for auteur, moment in notities
    ]
    # One save answers several items at one moment: one sentence per save.
    for door, moment, status in sorted(set(antwoorden), key=lambda row: row[1]):
        gebeurtenissen.append(Gebeurtenis(local_time(moment), f"Checklist bij '{status}' bijgewerkt door {door}"))
    for vraag, door, moment, _, _ in eigen_punten:
        zin = f"Punt '{vraag}' op de eigen checklist gezet door {door}"
        gebeurtenissen.append(Gebeurtenis(local_time(moment), zin))
    beantwoord = {(door, moment) for _, _, _, door, moment in eigen_punten if moment is not None}
    for door, moment in sorted(beantwoord, key=lambda row: row[1]):
        gebeurtenissen.append(Gebeurtenis(local_time(moment), f"Eigen checklist bijgewerkt door {door}"))
    for taak in taken:
        if taak.soort == "bericht":
            zin = f"Bericht '{taak.onderwerp}' ontvangen van de burger"
        else:
            zin = f"Terugbelverzoek '{taak.onderwerp}' vastgelegd door {taak.aangemaakt_door_naam}"
        gebeurtenissen.append(Gebeurtenis(local_time(taak.aangemaakt), zin))
        if taak.afgehandeld:
            namen_nodig.add(taak.afgehandeld_door)
    return gebeurtenissen, [taak for taak in taken if taak.afgehandeld]


async def geschiedenis(
    session: AsyncSession, zaak_uuid: uuid.UUID, zaak_id: int, eindstatus: str = ""
) -> list[Gebeurtenis]:
    """Everything that happened to the zaak, the newest first; a status after the eindstatus (the omschrijving
    of the zaaktype's last statustype) is named as what it did: it reopened the zaak."""
    entries = list(
        await session.scalars(
            select(AuditTrail)
            .where(AuditTrail.bron == "zrc", AuditTrail.hoofd_object_uuid == zaak_uuid)
            .order_by(AuditTrail.aanmaakdatum, AuditTrail.id)
        )
    )
    namen_nodig = {entry.gebruikers_id for entry in entries if entry.applicatie_id == WEB_CLIENT_ID}
    gebeurtenissen, afgehandeld = await _behandeling(session, zaak_id, namen_nodig)
    besluiten = await _besluiten(session, entries)
    eigenschappen = await _eigenschappen(session, zaak_id, entries)
    namen = await _namen(session, namen_nodig - {""})
    for taak in afgehandeld:
        door = namen.get(taak.afgehandeld_door, "een medewerker")
        gebeurtenissen.append(
            Gebeurtenis(
                local_time(taak.afgehandeld), f"Taak '{taak.onderwerp}' afgehandeld door {door}", taak.afhandeling
            )
        )
    gesloten = False
    for entry in entries:
        wat = _wat(entry, besluiten, eigenschappen)
        if entry.resource == "status" and entry.actie == "create" and eindstatus:
            if entry.resource_weergave == eindstatus:
                gesloten = True
            elif gesloten:
                wat, gesloten = f"Zaak heropend met de status '{entry.resource_weergave}'", False
        gebeurtenissen.append(
            Gebeurtenis(
                local_time(entry.aanmaakdatum),
                f"{wat} door {_wie(entry, namen)}",
                _zonder_adres(_toelichting(entry)),
            )
        )
    # The trail's own order breaks ties: entries written in one transaction share their moment.
    volgorde = {id(gebeurtenis): index for index, gebeurtenis in enumerate(gebeurtenissen)}
    return sorted(gebeurtenissen, key=lambda item: (item.moment, volgorde[id(item)]), reverse=True)
