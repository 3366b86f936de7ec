"""What a citizen or company sees of their own zaken in the PIP ("Mijn zaken"): reads only.

A person's zaken are those they are a betrokkene of (``burgers.service.betrokken``: their BSN as a natuurlijk
persoon or their KvK-nummer as a vestiging, in any rol). Every read here takes the person's identity and finds
nothing of a zaak they are not a betrokkene of, so a guessed address shows nothing.

Only what the municipality tells the citizen: the status in the statustype's ``statustekst``, the expected
end date, the resultaat and besluiten once closed, and the documents made visible to them (openbaar or
beperkt openbaar, or marked ``zichtbaar_voor_betrokkene`` on the zaak). No notities, checklists, taken,
toelichtingen or other documents.

The list costs two queries for any number of zaken; one zaak five (seven when closed).
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ...api import urls
from ...besluiten.models import Besluit
from ...burgers.service import Identiteit, betrokken
from ...catalogi.models import BesluitType, InformatieObjectType, ResultaatType, StatusType, ZaakType
from ...documenten import queries as documenten_queries
from ...documenten.models import EnkelvoudigInformatieObject, InformatieObjectVersie
from ...zaken.models import Resultaat, Rol, Status, Zaak, ZaakInformatieObject
from ...zaken.queries import newest_status
from ...zaken.service import local_time

# What a citizen may see of a document without it being marked for them.
ZICHTBAAR = ("openbaar", "beperkt_openbaar")


@dataclass(frozen=True)
class PipZaak:
    id: int
    uuid: uuid.UUID
    identificatie: str
    zaaktype: str  # omschrijving
    zaaktype_url: str
    omschrijving: str
    status: str  # the statustype's statustekst, else its omschrijving
    startdatum: date
    einddatum: date | None
    verwachte_einddatum: date | None  # einddatumGepland, else uiterlijkeEinddatumAfdoening

    @property
    def open(self) -> bool:
        return self.einddatum is None


def _statustekst():
    return func.coalesce(func.nullif(StatusType.statustekst, ""), StatusType.omschrijving)


def _zaken_statement(identiteit: Identiteit):
    return (
        select(Zaak, ZaakType.omschrijving, ZaakType.uuid)
        .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
        .where(betrokken(identiteit))
        .order_by(Zaak.startdatum.desc(), Zaak.id.desc())
    )


async def _pip_zaken(session: AsyncSession, rows) -> list[PipZaak]:
    ids = [zaak.id for zaak, *_ in rows]
    statussen = dict(
        (
            await session.execute(
                select(Status.zaak_id, _statustekst())
                .join(StatusType, StatusType.id == Status.statustype_id)
                .where(Status.zaak_id.in_(ids), newest_status())
            )
        ).all()
    )
    return [
        PipZaak(
            id=zaak.id,
            uuid=zaak.uuid,
            identificatie=zaak.identificatie,
            zaaktype=omschrijving,
            zaaktype_url=urls.build("catalogi", "zaaktypen", zaaktype_uuid),
            omschrijving=zaak.omschrijving,
            status=statussen.get(zaak.id, ""),
            startdatum=zaak.startdatum,
            einddatum=zaak.einddatum,
            verwachte_einddatum=zaak.einddatum_gepland or zaak.uiterlijke_einddatum_afdoening,
        )
        for zaak, omschrijving, zaaktype_uuid in rows
    ]


async def mijn_zaken(session: AsyncSession, identiteit: Identiteit) -> list[PipZaak]:
    """The person's zaken, the newest first: two queries."""
    rows = (await session.execute(_zaken_statement(identiteit))).all()
    return await _pip_zaken(session, rows)


async def mijn_zaak(session: AsyncSession, identiteit: Identiteit, zaak_uuid: uuid.UUID) -> PipZaak | None:
    """One zaak of the person; None when it does not exist or they are no betrokkene of it. Two queries."""
    rows = (await session.execute(_zaken_statement(identiteit).where(Zaak.uuid == zaak_uuid))).all()
    found = await _pip_zaken(session, rows)
    return found[0] if found else None


@dataclass(frozen=True)
class StatusStap:
    statustekst: str
    gezet: datetime


@dataclass(frozen=True)
class PipBesluit:
    besluittype: str
    datum: date
    ingangsdatum: date
    vervaldatum: date | None


@dataclass(frozen=True)
class PipDocument:
    uuid: uuid.UUID
    titel: str
    documenttype: str
    bestandsnaam: str
    bestandsomvang: int | None
    creatiedatum: date
    heeft_inhoud: bool


@dataclass(frozen=True)
class PipDossier:
    zaak: PipZaak
    statussen: list[StatusStap]  # the oldest first
    resultaat: str  # the resultaattype's omschrijving; "" while open
    besluiten: list[PipBesluit]  # shown once the zaak is closed
    documenten: list[PipDocument]


async def _zichtbare_documenten(
    session: AsyncSession, zaak_id: int, only: uuid.UUID | None = None
) -> list[tuple[InformatieObjectVersie, uuid.UUID, str]]:
    """The latest versions of the zaak's documents the citizen may see, in the order they were added to the
    zaak, with the document's uuid and type: two queries."""
    linked = await session.execute(
        select(ZaakInformatieObject.informatieobject, ZaakInformatieObject.zichtbaar_voor_betrokkene)
        .where(ZaakInformatieObject.zaak_id == zaak_id)
        .order_by(ZaakInformatieObject.registratiedatum, ZaakInformatieObject.id)
    )
    order: dict[uuid.UUID, int] = {}
    gemarkeerd: set[uuid.UUID] = set()
    for url, zichtbaar in linked:
        ref = urls.resolve(url)
        if ref is None or (ref.api, ref.resource) != (documenten_queries.API, documenten_queries.DOCUMENTS):
            continue  # another installation's document: not ours to show
        if only is None or ref.uuid == only:
            order.setdefault(ref.uuid, len(order))
            if zichtbaar:
                gemarkeerd.add(ref.uuid)
    if not order:
        return []
    rows = await session.execute(
        select(InformatieObjectVersie, EnkelvoudigInformatieObject.uuid, InformatieObjectType.omschrijving)
        .join(EnkelvoudigInformatieObject, EnkelvoudigInformatieObject.id == InformatieObjectVersie.document_id)
        .join(InformatieObjectType, InformatieObjectType.id == InformatieObjectVersie.informatieobjecttype_id)
        .where(
            EnkelvoudigInformatieObject.uuid.in_(order),
            InformatieObjectVersie.versie == EnkelvoudigInformatieObject.versie,
            or_(
                EnkelvoudigInformatieObject.uuid.in_(gemarkeerd),
                InformatieObjectVersie.vertrouwelijkheidaanduiding.in_(ZICHTBAAR),
            ),
        )
    )
    return sorted(((versie, uuid_, type_) for versie, uuid_, type_ in rows), key=lambda row: order[row[1]])


async def mijn_dossier(session: AsyncSession, identiteit: Identiteit, zaak_uuid: uuid.UUID) -> PipDossier | None:
    """The zaak as the PIP shows it; None when the person is no betrokkene of it."""
    zaak = await mijn_zaak(session, identiteit, zaak_uuid)
    if zaak is None:
        return None
    statussen = await session.execute(
        select(_statustekst(), Status.datum_status_gezet)
        .join(StatusType, StatusType.id == Status.statustype_id)
        .where(Status.zaak_id == zaak.id)
        .order_by(Status.datum_status_gezet, Status.id)
    )
    resultaat = ""
    besluiten: list[PipBesluit] = []
    if not zaak.open:
        resultaat = await session.scalar(
            select(ResultaatType.omschrijving)
            .join(Resultaat, Resultaat.resultaattype_id == ResultaatType.id)
            .where(Resultaat.zaak_id == zaak.id)
        )
        rows = await session.execute(
            select(BesluitType.omschrijving, Besluit.datum, Besluit.ingangsdatum, Besluit.vervaldatum)
            .join(BesluitType, BesluitType.id == Besluit.besluittype_id)
            .where(Besluit.zaak_id == zaak.id)
            .order_by(Besluit.datum, Besluit.id)
        )
        besluiten = [PipBesluit(*row) for row in rows]
    documenten = await _zichtbare_documenten(session, zaak.id)
    return PipDossier(
        zaak=zaak,
        statussen=[StatusStap(tekst, local_time(gezet)) for tekst, gezet in statussen],
        resultaat=resultaat or "",
        besluiten=besluiten,
        documenten=[
            PipDocument(
                uuid=document_uuid,
                titel=versie.titel,
                documenttype=documenttype,
                bestandsnaam=versie.bestandsnaam,
                bestandsomvang=versie.bestandsomvang,
                creatiedatum=versie.creatiedatum,
                heeft_inhoud=bool(versie.inhoud),
            )
            for versie, document_uuid, documenttype in documenten
        ],
    )


async def zichtbaar_document(
    session: AsyncSession, identiteit: Identiteit, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID
) -> InformatieObjectVersie | None:
    """The latest version of a document of the person's zaak that is visible to them; None otherwise."""
    zaak = await mijn_zaak(session, identiteit, zaak_uuid)
    if zaak is None:
        return None
    found = await _zichtbare_documenten(session, zaak.id, document_uuid)
    return found[0][0] if found else None
