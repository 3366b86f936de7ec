"""The zaakdossier's overview of one zaak, for the web application: what it is, who, where it stands, when it is due.

A zaak outside the reader's autorisaties does not exist for them (None), as in the Zaken API.
A fixed number of queries: the zaak with its zaaktype, its statussen, rollen and resultaat, the
statustypen and resultaattypen of its zaaktype (the choices for setting a status and closing), and
the document types the zaaktype expects against those of the zaak's documents.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.audit import AuditTrail
from ..api.auth import limits_clause
from ..besluiten.models import Besluit
from ..catalogi.models import (
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from .models import Resultaat, Rol, Status, Zaak, ZaakInformatieObject
from .queries import signaal
from .service import local_time


@dataclass(frozen=True)
class StatusRegel:
    omschrijving: str
    gezet: datetime
    toelichting: str


@dataclass(frozen=True)
class Betrokkene:
    uuid: uuid.UUID  # of the rol
    rol: str  # the roltype's omschrijving, e.g. "Aanvrager"
    generiek: str  # omschrijvingGeneriek, e.g. "initiator"
    naam: str
    identificatie: str


@dataclass(frozen=True)
class Gebeurtenis:
    """One entry of the zaak's audit trail, as a person reads it."""

    moment: datetime
    wie: str
    wat: str
    toelichting: str


_ONDERDELEN = {
    "zaak": "Zaak",
    "status": "Status",
    "resultaat": "Resultaat",
    "rol": "Betrokkene",
    "zaakeigenschap": "Eigenschap",
    "zaakobject": "Object",
    "zaakinformatieobject": "Document",
    "klantcontact": "Klantcontact",
    "zaakbesluit": "Besluit",
    "zaakcontactmoment": "Contactmoment",
    "zaakverzoek": "Verzoek",
}
_ACTIES = {"create": "toegevoegd", "update": "gewijzigd", "partial_update": "gewijzigd", "destroy": "verwijderd"}


# How a person is named when the zaak knows no name for them: their BSN is not shown where it is not needed.
ONBEKENDE_BURGER = "Burger (BSN bekend)"
_BESLUIT_URL = re.compile(r"/besluiten/api/v1/besluiten/([0-9a-fA-F-]{36})/?$")


def _gebeurtenis(entry: AuditTrail, besluiten: dict[str, str]) -> Gebeurtenis:
    onderdeel = _ONDERDELEN.get(entry.resource, entry.resource)
    wat = f"{onderdeel} {_ACTIES.get(entry.actie, entry.actie)}"
    weergave = _leesbaar(entry.resource_weergave, besluiten)
    return Gebeurtenis(
        moment=local_time(entry.aanmaakdatum),
        wie=entry.gebruikers_weergave or entry.gebruikers_id or entry.applicatie_weergave,
        wat=f"{wat}: {weergave}" if weergave else wat,
        toelichting=entry.toelichting,
    )


def _leesbaar(weergave: str, besluiten: dict[str, str]) -> str:
    """An audit entry's resourceWeergave in words: a besluit's address becomes its identificatie; another
    address (a document without a title, a contactmoment elsewhere) says nothing to a person and is left out."""
    if not weergave.startswith(("http://", "https://")):
        return weergave
    match = _BESLUIT_URL.search(weergave)
    return besluiten.get(match[1].lower(), "") if match else ""


async def _besluit_identificaties(session: AsyncSession, entries: list[AuditTrail]) -> dict[str, str]:
    """The identificatie of each besluit the history names by its address (by uuid), in one query."""
    uuids = {
        match[1].lower() for entry in entries if (match := _BESLUIT_URL.search(entry.resource_weergave or ""))
    }
    if not uuids:
        return {}
    rows = await session.execute(
        select(Besluit.uuid, Besluit.identificatie).where(Besluit.uuid.in_([uuid.UUID(value) for value in uuids]))
    )
    return {str(besluit_uuid): identificatie for besluit_uuid, identificatie in rows}


@dataclass(frozen=True)
class Dossier:
    id: int
    zaaktype_id: int
    uuid: uuid.UUID
    identificatie: str
    omschrijving: str
    zaaktype: str
    vertrouwelijkheidaanduiding: str
    startdatum: date
    einddatum: date | None
    einddatum_gepland: date | None
    uiterlijke_einddatum_afdoening: date | None
    statussen: list[StatusRegel]  # the oldest first
    betrokkenen: list[Betrokkene]
    resultaat: str
    signaal: str
    archiefnominatie: str
    archiefactiedatum: date | None
    # The choices for the next steps: (uuid, omschrijving) of the zaaktype's statustypen (in order,
    # the last is the eindstatus) and resultaattypen.
    statustypen: list[tuple[uuid.UUID, str]]
    resultaattypen: list[tuple[uuid.UUID, str]]
    roltypen: list[tuple[uuid.UUID, str]]
    # The document types the zaaktype expects (omschrijving, richting), and whether the zaak has one.
    documenten: list[tuple[str, str, bool]]
    geschiedenis: list[Gebeurtenis]  # the newest first
    # Opschorting and verlenging: the zaak's state and what its zaaktype allows.
    opgeschort: bool
    opschorting_reden: str
    verlenging_duur: str | None
    verlenging_reden: str
    opschorting_mogelijk: bool
    verlenging_mogelijk: bool
    verlengingstermijn: str | None

    @property
    def ontbrekende_documenten(self) -> list[str]:
        return [omschrijving for omschrijving, _, aanwezig in self.documenten if not aanwezig]

    @property
    def status(self) -> str:
        return self.statussen[-1].omschrijving if self.statussen else ""

    def met_rol(self, generiek: str) -> list[Betrokkene]:
        return [betrokkene for betrokkene in self.betrokkenen if betrokkene.generiek == generiek]


def _naam(rol: Rol) -> str:
    """How a betrokkene is called: the name parts of its identificatie, the name it goes by or its contactpersoon's
    (a number there is no name); a person without any as ``ONBEKENDE_BURGER``, never by their BSN."""
    gegevens = rol.betrokkene_identificatie or {}
    parts = [gegevens.get(key, "") for key in ("voornamen", "voorletters", "voorvoegselGeslachtsnaam")]
    parts += [gegevens.get("geslachtsnaam") or gegevens.get("achternaam") or gegevens.get("statutaireNaam") or ""]
    parts += [gegevens.get("naam", ""), " / ".join(gegevens.get("handelsnaam") or [])]
    contactpersoon = (rol.contactpersoon_rol or {}).get("naam", "")
    contactpersoon = "" if contactpersoon.isdigit() else contactpersoon
    naam = " ".join(part for part in parts if part) or rol.afwijkende_naam_betrokkene or contactpersoon
    if not naam and rol.betrokkene_type == "natuurlijk_persoon":
        return ONBEKENDE_BURGER
    return naam or rol.identificatie


def _identificatie(rol: Rol) -> str:
    return rol.inp_bsn or rol.inn_nnp_id or rol.vestigings_nummer or rol.identificatie or rol.betrokkene


async def dossier(
    session: AsyncSession, zaak_uuid: uuid.UUID, *, limits: dict[str, int] | None, today: date
) -> Dossier | None:
    statement = select(Zaak, ZaakType).join(ZaakType, ZaakType.id == Zaak.zaaktype_id).where(Zaak.uuid == zaak_uuid)
    if limits is not None:
        statement = statement.where(limits_clause(limits, Zaak.zaaktype_id, ZaakType, Zaak.vertrouwelijkheidaanduiding))
    found = (await session.execute(statement)).first()
    if found is None:
        return None
    zaak, zaaktype = found
    statussen = (
        await session.execute(
            select(StatusType.omschrijving, Status.datum_status_gezet, Status.statustoelichting)
            .join(StatusType, StatusType.id == Status.statustype_id)
            .where(Status.zaak_id == zaak.id)
            .order_by(Status.datum_status_gezet, Status.id)
        )
    ).all()
    rollen = (
        await session.execute(
            select(Rol, RolType.omschrijving)
            .join(RolType, RolType.id == Rol.roltype_id)
            .where(Rol.zaak_id == zaak.id)
            .order_by(Rol.id)
        )
    ).all()
    resultaat = await session.scalar(
        select(ResultaatType.omschrijving)
        .join(Resultaat, Resultaat.resultaattype_id == ResultaatType.id)
        .where(Resultaat.zaak_id == zaak.id)
    )
    statustypen = (
        await session.execute(
            select(StatusType.uuid, StatusType.omschrijving)
            .where(StatusType.zaaktype_id == zaak.zaaktype_id)
            .order_by(StatusType.volgnummer)
        )
    ).all()
    resultaattypen = (
        await session.execute(
            select(ResultaatType.uuid, ResultaatType.omschrijving)
            .where(ResultaatType.zaaktype_id == zaak.zaaktype_id)
            .order_by(ResultaatType.omschrijving)
        )
    ).all()
    roltypen = (
        await session.execute(
            select(RolType.uuid, RolType.omschrijving)
            .where(RolType.zaaktype_id == zaak.zaaktype_id)
            .order_by(RolType.omschrijving)
        )
    ).all()
    documenten = await _verwachte_documenten(session, zaak)
    geschiedenis = list(
        await session.scalars(
            select(AuditTrail)
            .where(AuditTrail.bron == "zrc", AuditTrail.hoofd_object_uuid == zaak.uuid)
            .order_by(AuditTrail.aanmaakdatum.desc(), AuditTrail.id.desc())
        )
    )
    besluiten = await _besluit_identificaties(session, geschiedenis)
    return Dossier(
        id=zaak.id,
        zaaktype_id=zaak.zaaktype_id,
        uuid=zaak.uuid,
        identificatie=zaak.identificatie,
        omschrijving=zaak.omschrijving,
        zaaktype=zaaktype.omschrijving,
        vertrouwelijkheidaanduiding=zaak.vertrouwelijkheidaanduiding,
        startdatum=zaak.startdatum,
        einddatum=zaak.einddatum,
        einddatum_gepland=zaak.einddatum_gepland,
        uiterlijke_einddatum_afdoening=zaak.uiterlijke_einddatum_afdoening,
        statussen=[StatusRegel(omschrijving, local_time(gezet), uitleg) for omschrijving, gezet, uitleg in statussen],
        betrokkenen=[
            Betrokkene(
                uuid=rol.uuid,
                rol=omschrijving,
                generiek=rol.omschrijving_generiek,
                naam=_naam(rol),
                identificatie=_identificatie(rol),
            )
            for rol, omschrijving in rollen
        ],
        resultaat=resultaat or "",
        signaal="" if zaak.einddatum else signaal(zaak.einddatum_gepland, zaak.uiterlijke_einddatum_afdoening, today),
        archiefnominatie=zaak.archiefnominatie or "",
        archiefactiedatum=zaak.archiefactiedatum,
        statustypen=[(row[0], row[1]) for row in statustypen],
        resultaattypen=[(row[0], row[1]) for row in resultaattypen],
        roltypen=[(row[0], row[1]) for row in roltypen],
        documenten=documenten,
        geschiedenis=[_gebeurtenis(entry, besluiten) for entry in geschiedenis],
        opgeschort=zaak.opschorting_indicatie,
        opschorting_reden=zaak.opschorting_reden,
        verlenging_duur=zaak.verlenging_duur,
        verlenging_reden=zaak.verlenging_reden,
        opschorting_mogelijk=zaaktype.opschorting_en_aanhouding_mogelijk,
        verlenging_mogelijk=zaaktype.verlenging_mogelijk,
        verlengingstermijn=zaaktype.verlengingstermijn,
    )


async def _verwachte_documenten(session: AsyncSession, zaak: Zaak) -> list[tuple[str, str, bool]]:
    """Per zaaktype-informatieobjecttype: its omschrijving, richting and whether a document of it is linked."""
    from ..documenten import service as documenten

    verwacht = (
        await session.execute(
            select(ZaakTypeInformatieObjectType.informatieobjecttype, ZaakTypeInformatieObjectType.richting)
            .where(ZaakTypeInformatieObjectType.zaaktype_id == zaak.zaaktype_id)
            .order_by(ZaakTypeInformatieObjectType.volgnummer)
        )
    ).all()
    if not verwacht:
        return []
    linked = list(
        await session.scalars(
            select(ZaakInformatieObject.informatieobject).where(ZaakInformatieObject.zaak_id == zaak.id)
        )
    )
    facts = await documenten.informatieobject_facts(session, linked)
    type_uuids = [urls.resolve(fact.informatieobjecttype_url).uuid for fact in facts.values()]
    aanwezig = set(
        await session.scalars(
            select(InformatieObjectType.omschrijving).where(InformatieObjectType.uuid.in_(type_uuids))
        )
    )
    return [(omschrijving, richting, omschrijving in aanwezig) for omschrijving, richting in verwacht]


async def rol_of(session: AsyncSession, zaak: Zaak, rol_uuid: uuid.UUID) -> Rol | None:
    """The rol of this zaak with this uuid (None for a rol of another zaak)."""
    return await session.scalar(select(Rol).where(Rol.uuid == rol_uuid, Rol.zaak_id == zaak.id))
