"""Reads of the internal work on a zaak for the web application; a fixed number of queries each.

The caller has already established that the reader may see the zaak (``web.behandelen.dossier_queries``); these
functions take the zaak's id and read nothing beyond it.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..catalogi.models import StatusType
from ..zaken.service import local_time
from .models import ChecklistAntwoord, EigenChecklistPunt, Notitie, Taak
from .service import ANTWOORDEN


@dataclass(frozen=True)
class NotitieRegel:
    tekst: str
    auteur: str
    aangemaakt: datetime


async def notities(session: AsyncSession, zaak_id: int) -> list[NotitieRegel]:
    """The zaak's internal notes, the newest first."""
    rows = await session.execute(
        select(Notitie.tekst, Notitie.auteur_naam, Notitie.aangemaakt)
        .where(Notitie.zaak_id == zaak_id)
        .order_by(Notitie.aangemaakt.desc(), Notitie.id.desc())
    )
    return [NotitieRegel(tekst, auteur, local_time(aangemaakt)) for tekst, auteur, aangemaakt in rows]


@dataclass(frozen=True)
class ChecklistPunt:
    itemnaam: str
    vraagstelling: str
    toelichting: str  # what to consider, from the catalogue
    verplicht: bool
    antwoord: str  # ja, nee, nvt or "" when not answered
    antwoord_toelichting: str
    beantwoord_door: str
    beantwoord: datetime | None

    @property
    def antwoord_tekst(self) -> str:
        return ANTWOORDEN.get(self.antwoord, "")


@dataclass(frozen=True)
class Checklist:
    statustype: uuid.UUID
    status: str  # the statustype's omschrijving
    punten: list[ChecklistPunt]

    @property
    def open_verplicht(self) -> list[str]:
        return [punt.itemnaam for punt in self.punten if punt.verplicht and not punt.antwoord]


async def checklists(session: AsyncSession, zaak_id: int, zaaktype_id: int) -> list[Checklist]:
    """The checklist of every statustype of the zaaktype that has one, in status order, with the zaak's answers."""
    statustypen = (
        await session.execute(
            select(StatusType.id, StatusType.uuid, StatusType.omschrijving, StatusType.checklistitem_statustype)
            .where(StatusType.zaaktype_id == zaaktype_id)
            .order_by(StatusType.volgnummer)
        )
    ).all()
    antwoorden = {
        (row.statustype_id, row.itemnaam): row
        for row in await session.scalars(select(ChecklistAntwoord).where(ChecklistAntwoord.zaak_id == zaak_id))
    }
    result = []
    for statustype_id, statustype_uuid, omschrijving, items in statustypen:
        if not items:
            continue
        punten = []
        for item in items:
            antwoord = antwoorden.get((statustype_id, item["itemnaam"]))
            punten.append(
                ChecklistPunt(
                    itemnaam=item["itemnaam"],
                    vraagstelling=item.get("vraagstelling") or item["itemnaam"],
                    toelichting=item.get("toelichting") or "",
                    verplicht=bool(item.get("verplicht")),
                    antwoord=antwoord.antwoord if antwoord else "",
                    antwoord_toelichting=antwoord.toelichting if antwoord else "",
                    beantwoord_door=antwoord.beantwoord_door_naam if antwoord else "",
                    beantwoord=local_time(antwoord.beantwoord) if antwoord else None,
                )
            )
        result.append(Checklist(statustype_uuid, omschrijving, punten))
    return result


@dataclass(frozen=True)
class EigenPunt(ChecklistPunt):
    """An item the behandelaar put on the zaak's own checklist (its ``itemnaam`` is its uuid); never required."""

    uuid: UUID | None = None
    aangemaakt_door: str = ""
    aangemaakt: datetime | None = None


async def eigen_checklist(session: AsyncSession, zaak_id: int) -> list[EigenPunt]:
    """The zaak's own checklist items, the oldest first, with their answers; one query."""
    rows = await session.scalars(
        select(EigenChecklistPunt)
        .where(EigenChecklistPunt.zaak_id == zaak_id)
        .order_by(EigenChecklistPunt.aangemaakt, EigenChecklistPunt.id)
    )
    return [
        EigenPunt(
            itemnaam=str(punt.uuid),
            vraagstelling=punt.vraag,
            toelichting=punt.toelichting,
            verplicht=False,
            antwoord=punt.antwoord,
            antwoord_toelichting=punt.antwoord_toelichting,
            beantwoord_door=punt.beantwoord_door_naam,
            beantwoord=local_time(punt.beantwoord) if punt.beantwoord else None,
            uuid=punt.uuid,
            aangemaakt_door=punt.aangemaakt_door_naam,
            aangemaakt=local_time(punt.aangemaakt),
        )
        for punt in rows
    ]


@dataclass(frozen=True)
class TaakRegel:
    uuid: uuid.UUID
    soort: str  # terugbelverzoek or bericht
    onderwerp: str
    toelichting: str
    contact_naam: str
    telefoonnummer: str
    emailadres: str
    aangemaakt_door: str
    aangemaakt: datetime
    afgehandeld: datetime | None
    afhandeling: str  # internal
    antwoord: str  # to a bericht: what the citizen reads on Mijn zaken

    @property
    def open(self) -> bool:
        return self.afgehandeld is None


def _taak_regel(taak: Taak) -> TaakRegel:
    return TaakRegel(
        uuid=taak.uuid,
        soort=taak.soort,
        onderwerp=taak.onderwerp,
        toelichting=taak.toelichting,
        contact_naam=taak.contact_naam,
        telefoonnummer=taak.telefoonnummer,
        emailadres=taak.emailadres,
        aangemaakt_door=taak.aangemaakt_door_naam,
        aangemaakt=local_time(taak.aangemaakt),
        afgehandeld=local_time(taak.afgehandeld) if taak.afgehandeld else None,
        afhandeling=taak.afhandeling,
        antwoord=taak.antwoord,
    )


async def taken(session: AsyncSession, zaak_id: int, soort: str | None = None) -> list[TaakRegel]:
    """The zaak's tasks (of one ``soort``, or all): the open ones first, each group the oldest first."""
    statement = select(Taak).where(Taak.zaak_id == zaak_id)
    if soort is not None:
        statement = statement.where(Taak.soort == soort)
    rows = await session.scalars(statement.order_by(Taak.afgehandeld.is_not(None), Taak.aangemaakt, Taak.id))
    return [_taak_regel(taak) for taak in rows]
