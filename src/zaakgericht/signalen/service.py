"""Making signals at the points where a zaak changes, marking them read, and the digest preference.

The signal functions are called by the services that make the change (assigning a behandelaar, a citizen's
document or message, a KCC terugbelverzoek), in the same transaction: a change that is refused or rolled
back leaves no signal. A signal about an unassigned zaak goes to nobody: such a zaak is in the team's list
"Niet toegewezen" (with its open berichten and terugbelverzoeken), where whoever picks it up sees them.
Nobody gets a signal about what they did themselves.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..accounts.models import Medewerker
from ..zaken.models import Zaak
from ..zaken.service import TIMEZONE
from .models import BERICHT, DOCUMENT, TERUGBELVERZOEK, TOEGEWEZEN, Signaal, SignaalVoorkeur

TEKST_MAX = 500


def nieuw_signaal(ontvanger: str, soort: str, zaak_id: int, tekst: str, moment: datetime) -> Signaal:
    return Signaal(
        ontvanger=ontvanger,
        soort=soort,
        zaak_id=zaak_id,
        tekst=tekst[:TEKST_MAX],
        aangemaakt=moment,
        dag=moment.astimezone(TIMEZONE).date(),
    )


def _voor_behandelaar(session: AsyncSession, zaak: Zaak, door: str, soort: str, tekst: str) -> None:
    if zaak.behandelaar and zaak.behandelaar != door:
        session.add(nieuw_signaal(zaak.behandelaar, soort, zaak.id, tekst, datetime.now(UTC)))


def zaak_toegewezen(session: AsyncSession, zaak: Zaak, vorige: str, door: str, door_naam: str) -> None:
    """After ``zaak.behandelaar`` changed from ``vorige``: the new behandelaar learns, unless they took it."""
    if zaak.behandelaar and zaak.behandelaar != vorige:
        tekst = f"Zaak {zaak.identificatie} is aan u toegewezen door {door_naam}."
        _voor_behandelaar(session, zaak, door, TOEGEWEZEN, tekst)


def document_toegevoegd(session: AsyncSession, zaak: Zaak, door: str, titel: str) -> None:
    """A betrokkene added a document to their zaak (through Mijn zaken)."""
    tekst = f"Een betrokkene heeft het document '{titel}' toegevoegd aan zaak {zaak.identificatie}."
    _voor_behandelaar(session, zaak, door, DOCUMENT, tekst)


def bericht_ontvangen(session: AsyncSession, zaak: Zaak, door: str, onderwerp: str) -> None:
    """A betrokkene sent a message about their zaak (through Mijn zaken)."""
    tekst = f"Een betrokkene heeft een bericht gestuurd over zaak {zaak.identificatie}: '{onderwerp}'."
    _voor_behandelaar(session, zaak, door, BERICHT, tekst)


def terugbelverzoek_gemaakt(session: AsyncSession, zaak: Zaak, door: str, door_naam: str, onderwerp: str) -> None:
    """The KCC asks the behandelaar to call a client back."""
    tekst = f"{door_naam} vraagt u de klant terug te bellen over zaak {zaak.identificatie}: '{onderwerp}'."
    _voor_behandelaar(session, zaak, door, TERUGBELVERZOEK, tekst)


# --- read ------------------------------------------------------------------------------------------


async def markeer_gelezen(session: AsyncSession, ontvanger: str, signaal_uuid: uuid.UUID, moment: datetime) -> bool:
    """Mark one of the person's own signals read; False when they have no such signal."""
    signaal = await session.scalar(select(Signaal).where(Signaal.uuid == signaal_uuid, Signaal.ontvanger == ontvanger))
    if signaal is None:
        return False
    if signaal.gelezen is None:
        signaal.gelezen = moment
    return True


async def markeer_alle_gelezen(session: AsyncSession, ontvanger: str, moment: datetime) -> int:
    result = await session.execute(
        update(Signaal).where(Signaal.ontvanger == ontvanger, Signaal.gelezen.is_(None)).values(gelezen=moment)
    )
    return result.rowcount


# --- the digest preference ---------------------------------------------------------------------------


async def kies_dagelijks_overzicht(session: AsyncSession, medewerker: Medewerker, aan: bool) -> None:
    voorkeur = await session.get(SignaalVoorkeur, medewerker.id)
    if voorkeur is None:
        session.add(SignaalVoorkeur(medewerker_id=medewerker.id, dagelijks_overzicht=aan))
    else:
        voorkeur.dagelijks_overzicht = aan
