"""The zaakdossier's overview of one zaak, for the web application: what it is, who, where it stands, when it is due.

A zaak outside the reader's autorisaties does not exist for them (None), as in the Zaken API.
A fixed number of queries: the zaak with its zaaktype, its statussen, rollen and resultaat, the
statustypen and resultaattypen of its zaaktype (the choices for setting a status and closing), and
the document types the zaaktype expects against those of the zaak's documents.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ...api import urls
from ...api.auth import limits_clause
from ...catalogi.models import (
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from ...koppelingen import service as koppelingen
from ...zaken.models import Resultaat, Rol, Status, Zaak, ZaakInformatieObject
from ...zaken.queries import signaal
from ...zaken.service import local_time


@dataclass(frozen=True)
class StatusRegel:
    omschrijving: str
    gezet: datetime
    toelichting: str
    statustype: uuid.UUID


@dataclass(frozen=True)
class Betrokkene:
    uuid: uuid.UUID  # of the rol
    rol: str  # the roltype's omschrijving, e.g. "Aanvrager"
    generiek: str  # omschrijvingGeneriek, e.g. "initiator"
    naam: str
    identificatie: str


# How a person is named when the zaak knows no name for them: their BSN is not shown where it is not needed.
ONBEKENDE_BURGER = "Burger (BSN bekend)"


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
    # Opschorting and verlenging: the zaak's state and what its zaaktype allows.
    opgeschort: bool
    opschorting_reden: str
    verlenging_duur: str | None
    verlenging_reden: str
    opschorting_mogelijk: bool
    verlenging_mogelijk: bool
    verlengingstermijn: str | None
    besluittypen_genoemd: bool  # whether the zaaktype names besluittypen at all

    @property
    def ontbrekende_documenten(self) -> list[str]:
        return [omschrijving for omschrijving, _, aanwezig in self.documenten if not aanwezig]

    @property
    def stappen(self) -> list[tuple[str, str]]:
        """The zaaktype's statustypen in order, each "klaar", "huidig" (the zaak's status) or "volgend"."""
        huidig = self.statussen[-1].statustype if self.statussen else None
        index = next((i for i, (type_uuid, _) in enumerate(self.statustypen) if type_uuid == huidig), -1)
        return [
            (label, "klaar" if i < index else "huidig" if i == index else "volgend")
            for i, (_, label) in enumerate(self.statustypen)
        ]

    @property
    def status(self) -> str:
        return self.statussen[-1].omschrijving if self.statussen else ""

    def met_rol(self, generiek: str) -> list[Betrokkene]:
        return [betrokkene for betrokkene in self.betrokkenen if betrokkene.generiek == generiek]


def naam_van_betrokkene(
    gegevens: dict, betrokkene_type: str, afwijkende_naam: str, contactpersoon: str, identificatie: str
) -> str:
    """How a betrokkene is called: the name parts of its identificatie, the name it goes by or its contactpersoon's
    (a number there is no name); a person without any as ``ONBEKENDE_BURGER``, never by their BSN."""
    parts = [gegevens.get(key, "") for key in ("voornamen", "voorletters", "voorvoegselGeslachtsnaam")]
    parts += [gegevens.get("geslachtsnaam") or gegevens.get("achternaam") or gegevens.get("statutaireNaam") or ""]
    parts += [gegevens.get("naam", ""), " / ".join(gegevens.get("handelsnaam") or [])]
    contactpersoon = "" if contactpersoon.isdigit() else contactpersoon
    naam = " ".join(part for part in parts if part) or afwijkende_naam or contactpersoon
    if not naam and betrokkene_type == "natuurlijk_persoon":
        return ONBEKENDE_BURGER
    return naam or identificatie


def _naam(rol: Rol) -> str:
    return naam_van_betrokkene(
        rol.betrokkene_identificatie or {},
        rol.betrokkene_type,
        rol.afwijkende_naam_betrokkene,
        (rol.contactpersoon_rol or {}).get("naam", ""),
        rol.identificatie,
    )


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
            select(StatusType.omschrijving, Status.datum_status_gezet, Status.statustoelichting, StatusType.uuid)
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
        statussen=[
            StatusRegel(omschrijving, local_time(gezet), uitleg, statustype)
            for omschrijving, gezet, uitleg, statustype in statussen
        ],
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
        opgeschort=zaak.opschorting_indicatie,
        opschorting_reden=zaak.opschorting_reden,
        verlenging_duur=zaak.verlenging_duur,
        verlenging_reden=zaak.verlenging_reden,
        opschorting_mogelijk=zaaktype.opschorting_en_aanhouding_mogelijk,
        verlenging_mogelijk=zaaktype.verlenging_mogelijk,
        verlengingstermijn=zaaktype.verlengingstermijn,
        besluittypen_genoemd=bool(zaaktype.besluittypen),
    )


async def _verwachte_documenten(session: AsyncSession, zaak: Zaak) -> list[tuple[str, str, bool]]:
    """Per zaaktype-informatieobjecttype: its omschrijving, richting and whether a document of it is linked."""
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
    facts = await koppelingen.informatieobject_facts(session, linked)
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
