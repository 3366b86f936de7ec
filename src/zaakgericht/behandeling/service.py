"""Changes to the internal work on a zaak: notities, checklist answers, own checklist items and taken
(terugbelverzoeken).

Each change is checked like a change of the zaak itself (``zaken.bijwerken`` on its zaaktype and
vertrouwelijkheid, and only while the zaak is open) and names the person from the auth context.
Objections are ``ValidationError``s with Dutch reasons per field, as the Zaken services give them.
"""

import uuid
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api.auth import AuthContext
from ..api.errors import InvalidParam, NotFound, ValidationError
from ..catalogi.models import StatusType
from ..signalen import service as signalen
from ..zaken import service as zaken
from ..zaken.models import Zaak
from .models import BERICHT, TERUGBELVERZOEK, ChecklistAntwoord, EigenChecklistPunt, Notitie, Taak

NOTITIE_MAX = 4000
ANTWOORDEN = {"ja": "Ja", "nee": "Nee", "nvt": "Niet van toepassing"}


def _is_telefoonnummer(value: str) -> bool:
    """10 to 15 digits, optionally after a +, with spaces or dashes between them (020-123 4567, +31 20 1234567)."""
    digits = value.removeprefix("+").replace(" ", "").replace("-", "")
    return digits.isdigit() and digits.isascii() and 10 <= len(digits) <= 15 and len(value) <= 20


async def _ensure_may_change(session: AsyncSession, auth: AuthContext, zaak: Zaak) -> None:
    zaken.ensure_may_change(auth, await zaken.load(session, zaak))


def _length(errors: list[InvalidParam], name: str, value: str, maximum: int, label: str) -> None:
    if len(value) > maximum:
        errors.append(InvalidParam(name, "max_length", f"{label} heeft hoogstens {maximum} tekens."))


# --- notities ---------------------------------------------------------------------------------------


async def add_notitie(session: AsyncSession, auth: AuthContext, zaak: Zaak, tekst: str, moment: datetime) -> Notitie:
    tekst = tekst.strip()
    if not tekst:
        raise ValidationError.single("tekst", "required", "Vul de notitie in.")
    errors: list[InvalidParam] = []
    _length(errors, "tekst", tekst, NOTITIE_MAX, "Een notitie")
    if errors:
        raise ValidationError(errors)
    await _ensure_may_change(session, auth, zaak)
    notitie = Notitie(
        zaak_id=zaak.id, tekst=tekst, auteur=auth.user_id, auteur_naam=auth.user_representation, aangemaakt=moment
    )
    session.add(notitie)
    return notitie


# --- checklist ----------------------------------------------------------------------------------------


async def save_checklist(
    session: AsyncSession,
    auth: AuthContext,
    zaak: Zaak,
    statustype_uuid: uuid.UUID,
    antwoorden: dict[str, tuple[str, str]],
    moment: datetime,
) -> None:
    """Store the answers (itemnaam: (antwoord, toelichting)) to the checklist of one statustype of the
    zaak's zaaktype; an empty antwoord removes an earlier answer. Unchanged answers keep who gave them."""
    statustype = await session.scalar(
        select(StatusType).where(StatusType.uuid == statustype_uuid, StatusType.zaaktype_id == zaak.zaaktype_id)
    )
    if statustype is None:
        raise NotFound()
    items = {item["itemnaam"] for item in statustype.checklistitem_statustype}
    errors: list[InvalidParam] = []
    for itemnaam, (antwoord, toelichting) in antwoorden.items():
        if itemnaam not in items:
            errors.append(InvalidParam("nonFieldErrors", "invalid", f"Het punt {itemnaam} staat niet op de checklist."))
        else:
            _antwoord_errors(errors, itemnaam, antwoord, toelichting)
    if errors:
        raise ValidationError(errors)
    await _ensure_may_change(session, auth, zaak)
    existing = {
        row.itemnaam: row
        for row in await session.scalars(
            select(ChecklistAntwoord).where(
                ChecklistAntwoord.zaak_id == zaak.id, ChecklistAntwoord.statustype_id == statustype.id
            )
        )
    }
    for itemnaam, (antwoord, toelichting) in antwoorden.items():
        row = existing.get(itemnaam)
        if not antwoord:
            if row is not None:
                await session.delete(row)
        elif row is None:
            session.add(
                ChecklistAntwoord(
                    zaak_id=zaak.id,
                    statustype_id=statustype.id,
                    itemnaam=itemnaam,
                    antwoord=antwoord,
                    toelichting=toelichting,
                    beantwoord_door=auth.user_id,
                    beantwoord_door_naam=auth.user_representation,
                    beantwoord=moment,
                )
            )
        elif (row.antwoord, row.toelichting) != (antwoord, toelichting):
            row.antwoord, row.toelichting, row.beantwoord = antwoord, toelichting, moment
            row.beantwoord_door, row.beantwoord_door_naam = auth.user_id, auth.user_representation


def _antwoord_errors(errors: list[InvalidParam], name: str, antwoord: str, toelichting: str) -> None:
    """An answer to a checklist item: ja, nee, nvt or none, and a toelichting only with an answer."""
    if antwoord not in ("", *ANTWOORDEN):
        errors.append(InvalidParam(name, "invalid_choice", "Kies Ja, Nee of Niet van toepassing."))
    elif toelichting and not antwoord:
        errors.append(InvalidParam(name, "required", "Kies een antwoord bij de toelichting."))
    _length(errors, name, toelichting, 1000, "Een toelichting")


# --- the behandelaar's own checklist ---------------------------------------------------------------------

EIGEN_PUNTEN_MAX = 50  # per zaak: a checklist, not a notebook


async def add_eigen_punt(
    session: AsyncSession, auth: AuthContext, zaak: Zaak, vraag: str, toelichting: str, moment: datetime
) -> EigenChecklistPunt:
    """Put an item of the behandelaar's own on the zaak's checklist: a question, and what to consider."""
    vraag, toelichting = vraag.strip(), toelichting.strip()
    errors: list[InvalidParam] = []
    if not vraag:
        errors.append(InvalidParam("vraag", "required", "Vul de vraag in."))
    _length(errors, "vraag", vraag, 200, "Een vraag")
    _length(errors, "toelichting", toelichting, 1000, "Een toelichting")
    if errors:
        raise ValidationError(errors)
    await _ensure_may_change(session, auth, zaak)
    aantal = await session.scalar(select(func.count()).where(EigenChecklistPunt.zaak_id == zaak.id))
    if aantal >= EIGEN_PUNTEN_MAX:
        reason = f"Er staan al {EIGEN_PUNTEN_MAX} eigen punten op de checklist; verwijder er eerst een."
        raise ValidationError.single("vraag", "max", reason)
    punt = EigenChecklistPunt(
        zaak_id=zaak.id,
        vraag=vraag,
        toelichting=toelichting,
        aangemaakt_door=auth.user_id,
        aangemaakt_door_naam=auth.user_representation,
        aangemaakt=moment,
    )
    session.add(punt)
    return punt


async def save_eigen_checklist(
    session: AsyncSession,
    auth: AuthContext,
    zaak: Zaak,
    antwoorden: dict[uuid.UUID, tuple[str, str]],
    moment: datetime,
) -> None:
    """Store the answers (item uuid: (antwoord, toelichting)) to the zaak's own checklist items, as
    ``save_checklist`` does for a statustype's: an empty antwoord removes an earlier answer, an unchanged one
    keeps who gave it. An item that is gone (a colleague removed it) is said so."""
    punten = {
        punt.uuid: punt
        for punt in await session.scalars(select(EigenChecklistPunt).where(EigenChecklistPunt.zaak_id == zaak.id))
    }
    errors: list[InvalidParam] = []
    for punt_uuid, (antwoord, toelichting) in antwoorden.items():
        if punt_uuid not in punten:
            errors.append(InvalidParam("nonFieldErrors", "not-found", "Een punt staat niet meer op de checklist."))
        else:
            _antwoord_errors(errors, str(punt_uuid), antwoord, toelichting)
    if errors:
        raise ValidationError(errors)
    await _ensure_may_change(session, auth, zaak)
    for punt_uuid, (antwoord, toelichting) in antwoorden.items():
        punt = punten[punt_uuid]
        if (punt.antwoord, punt.antwoord_toelichting) == (antwoord, toelichting):
            continue
        punt.antwoord, punt.antwoord_toelichting = antwoord, toelichting
        if antwoord:
            punt.beantwoord, punt.beantwoord_door, punt.beantwoord_door_naam = (
                moment,
                auth.user_id,
                auth.user_representation,
            )
        else:
            punt.beantwoord, punt.beantwoord_door, punt.beantwoord_door_naam = None, "", ""


async def remove_eigen_punt(session: AsyncSession, auth: AuthContext, zaak: Zaak, punt_uuid: uuid.UUID) -> None:
    """Take an own item off the zaak's checklist; only while it has no answer, so no answer is lost."""
    punt = await session.scalar(
        select(EigenChecklistPunt).where(EigenChecklistPunt.uuid == punt_uuid, EigenChecklistPunt.zaak_id == zaak.id)
    )
    if punt is None:
        raise NotFound()
    if punt.antwoord:
        reason = "Een beantwoord punt blijft op de checklist: het antwoord hoort bij de zaak."
        raise ValidationError.single("nonFieldErrors", "beantwoord", reason)
    await _ensure_may_change(session, auth, zaak)
    await session.delete(punt)


async def ensure_checklist_done(
    session: AsyncSession, zaak: Zaak, field: str, statustype_uuid: uuid.UUID | None = None
) -> None:
    """The required items of a statustype's checklist must be answered before the zaak reaches that status
    (``verplicht`` in the catalogue); without ``statustype_uuid``, of the eindstatus."""
    query = select(StatusType).where(StatusType.zaaktype_id == zaak.zaaktype_id)
    if statustype_uuid is None:
        query = query.order_by(StatusType.volgnummer.desc()).limit(1)
    else:
        query = query.where(StatusType.uuid == statustype_uuid)
    statustype = await session.scalar(query)
    if statustype is None:
        return  # not a statustype of this zaak: the Zaken service says so
    required = [item["itemnaam"] for item in statustype.checklistitem_statustype if item.get("verplicht")]
    if not required:
        return
    answered = set(
        (
            await session.scalars(
                select(ChecklistAntwoord.itemnaam).where(
                    ChecklistAntwoord.zaak_id == zaak.id, ChecklistAntwoord.statustype_id == statustype.id
                )
            )
        ).all()
    )
    open_items = [itemnaam for itemnaam in required if itemnaam not in answered]
    if open_items:
        raise ValidationError.single(
            field,
            "checklist-onvolledig",
            f"Beantwoord eerst de verplichte punten van de checklist voor {statustype.omschrijving}: "
            f"{', '.join(open_items)}.",
        )


# --- taken ------------------------------------------------------------------------------------------


def _terugbel_errors(gegevens: dict[str, str]) -> list[InvalidParam]:
    errors: list[InvalidParam] = []
    if not gegevens["onderwerp"]:
        errors.append(InvalidParam("onderwerp", "required", "Vul in waarover de klant teruggebeld wil worden."))
    _length(errors, "onderwerp", gegevens["onderwerp"], 200, "Het onderwerp")
    _length(errors, "toelichting", gegevens["toelichting"], 1000, "De toelichting")
    _length(errors, "contact_naam", gegevens["contact_naam"], 200, "De naam")
    telefoonnummer, emailadres = gegevens["telefoonnummer"], gegevens["emailadres"]
    if not telefoonnummer and not emailadres:
        errors.append(InvalidParam("telefoonnummer", "required", "Vul een telefoonnummer of e-mailadres in."))
    if telefoonnummer and not _is_telefoonnummer(telefoonnummer):
        reason = "Vul een telefoonnummer in van 10 tot 15 cijfers, zoals 020 123 4567."
        errors.append(InvalidParam("telefoonnummer", "invalid", reason))
    if emailadres:
        try:
            validate_email(emailadres, check_deliverability=False)
        except EmailNotValidError:
            reason = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."
            errors.append(InvalidParam("emailadres", "invalid", reason))
    return errors


async def create_terugbelverzoek(
    session: AsyncSession, auth: AuthContext, zaak: Zaak, gegevens: dict[str, str], moment: datetime
) -> Taak:
    """A task for the zaak's behandelaar to call the client back (gegevens: onderwerp, toelichting,
    contact_naam, telefoonnummer, emailadres)."""
    errors = _terugbel_errors(gegevens)
    if errors:
        raise ValidationError(errors)
    await _ensure_may_change(session, auth, zaak)
    taak = Taak(
        zaak_id=zaak.id,
        soort=TERUGBELVERZOEK,
        aangemaakt_door=auth.user_id,
        aangemaakt_door_naam=auth.user_representation,
        aangemaakt=moment,
        **gegevens,
    )
    session.add(taak)
    signalen.terugbelverzoek_gemaakt(session, zaak, auth.user_id, auth.user_representation, gegevens["onderwerp"])
    return taak


def _bericht_errors(onderwerp: str, tekst: str) -> list[InvalidParam]:
    errors: list[InvalidParam] = []
    if not onderwerp:
        errors.append(InvalidParam("onderwerp", "required", "Vul het onderwerp van uw bericht in."))
    _length(errors, "onderwerp", onderwerp, 200, "Het onderwerp")
    if not tekst:
        errors.append(InvalidParam("tekst", "required", "Vul uw bericht in."))
    _length(errors, "tekst", tekst, BERICHT_MAX, "Een bericht")
    return errors


BERICHT_MAX = 4000
ANTWOORD_MAX = 4000


async def create_bericht(
    session: AsyncSession, auth: AuthContext, zaak: Zaak, onderwerp: str, tekst: str, moment: datetime
) -> Taak:
    """A message from a betrokkene (through the PIP) for whoever handles the zaak: a task to read and answer it.
    Like any change of the zaak, only while it is open."""
    onderwerp, tekst = onderwerp.strip(), tekst.strip()
    errors = _bericht_errors(onderwerp, tekst)
    if errors:
        raise ValidationError(errors)
    await _ensure_may_change(session, auth, zaak)
    taak = Taak(
        zaak_id=zaak.id,
        soort=BERICHT,
        onderwerp=onderwerp,
        toelichting=tekst,
        contact_naam=auth.user_representation[:200],
        aangemaakt_door=auth.user_id,
        aangemaakt_door_naam=auth.user_representation,
        aangemaakt=moment,
    )
    session.add(taak)
    signalen.bericht_ontvangen(session, zaak, auth.user_id, onderwerp)
    return taak


async def complete_taak(
    session: AsyncSession,
    auth: AuthContext,
    zaak: Zaak,
    taak_uuid: uuid.UUID,
    afhandeling: str,
    moment: datetime,
    antwoord: str = "",
) -> Taak:
    """Mark an open task of the zaak as done, with how it was handled (internal) and, for a citizen's message,
    the answer they read on Mijn zaken. This changes nothing of the zaak, so it is allowed on a closed zaak
    too: a callback promised before closing is still made."""
    taak = await session.scalar(select(Taak).where(Taak.uuid == taak_uuid, Taak.zaak_id == zaak.id))
    if taak is None:
        raise NotFound()
    errors: list[InvalidParam] = []
    if taak.afgehandeld is not None:
        errors.append(InvalidParam("nonFieldErrors", "afgehandeld", "Deze taak is al afgehandeld."))
    _length(errors, "afhandeling", afhandeling, 1000, "De afhandeling")
    _length(errors, "antwoord", antwoord, ANTWOORD_MAX, "Het antwoord")
    if errors:
        raise ValidationError(errors)
    zaken.ensure_allowed(auth, await zaken.load(session, zaak), (zaken.BIJWERKEN,))
    taak.afgehandeld, taak.afgehandeld_door, taak.afhandeling = moment, auth.user_id, afhandeling
    taak.antwoord = antwoord
    return taak
