"""What a citizen or company sees of their own zaken in the PIP ("Mijn zaken"): reads only.

A person's zaken are those they are a betrokkene of (``burgers.service.betrokken``: their BSN as a natuurlijk
persoon or their KvK-nummer as a vestiging, in any rol). Every read here takes the person's identity and finds
nothing of a zaak they are not a betrokkene of, so a guessed address shows nothing.

Only what the municipality tells the citizen: the status in the statustype's ``statustekst`` and the
zaaktype's statustypen as steps, the expected and the latest end date, whether the zaak is suspended, the
inkomend document types the zaaktype names that the zaak has no document of yet, the person's own messages
(and whether they were handled), the resultaat and besluiten once closed, and the documents made visible to
them (openbaar or beperkt openbaar, or marked ``zichtbaar_voor_betrokkene`` on the zaak). No notities,
checklists, terugbelverzoeken, how a message was handled, toelichtingen or other documents.

The list costs two queries for any number of zaken; one zaak eight (ten when closed), whatever the number
of statussen, messages and documents.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ...api import urls
from ...behandeling.models import BERICHT, Taak
from ...besluiten.models import Besluit
from ...burgers.service import Identiteit, betrokken
from ...catalogi.models import (
    BesluitType,
    InformatieObjectType,
    ResultaatType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from ...documenten import queries as documenten_queries
from ...documenten.models import EnkelvoudigInformatieObject, InformatieObjectVersie
from ...zaken.models import Resultaat, Status, Zaak, ZaakInformatieObject
from ...zaken.queries import newest_status
from ...zaken.service import local_time

# What a citizen may see of a document without it being marked for them.
ZICHTBAAR = ("openbaar", "beperkt_openbaar")


@dataclass(frozen=True)
class PipZaak:
    id: int
    uuid: uuid.UUID
    identificatie: str
    zaaktype_id: int
    zaaktype: str  # omschrijving
    zaaktype_url: str
    omschrijving: str
    status: str  # the statustype's statustekst, else its omschrijving
    startdatum: date
    einddatum: date | None
    verwachte_einddatum: date | None  # einddatumGepland, else uiterlijkeEinddatumAfdoening
    uiterlijke_einddatum: date | None  # uiterlijkeEinddatumAfdoening: by when the municipality decides
    opgeschort: bool

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
            zaaktype_id=zaak.zaaktype_id,
            zaaktype=omschrijving,
            zaaktype_url=urls.build("catalogi", "zaaktypen", zaaktype_uuid),
            omschrijving=zaak.omschrijving,
            status=statussen.get(zaak.id, ""),
            startdatum=zaak.startdatum,
            einddatum=zaak.einddatum,
            verwachte_einddatum=zaak.einddatum_gepland or zaak.uiterlijke_einddatum_afdoening,
            uiterlijke_einddatum=zaak.uiterlijke_einddatum_afdoening,
            opgeschort=bool(zaak.opschorting_indicatie),
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
class Stap:
    """A statustype of the zaaktype as a step of the zaak."""

    naam: str  # the statustype's omschrijvingGeneriek, else its omschrijving
    statustekst: str  # what the municipality tells the citizen when the zaak reaches it; "" when none or the naam
    stand: str  # "klaar", "huidig" (the zaak's status) or "volgend"
    bereikt: datetime | None  # when the zaak last reached it; None for a step to come


@dataclass(frozen=True)
class PipBericht:
    """A message the person sent the behandelaar from the PIP."""

    onderwerp: str
    tekst: str
    verstuurd: datetime
    afgehandeld: datetime | None  # when the behandelaar marked it handled
    antwoord: str  # the behandelaar's answer to the person (never the internal note on how it was handled)


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
    ontvangstdatum: date | None  # when the municipality received it (a document the citizen sent)
    heeft_inhoud: bool


@dataclass(frozen=True)
class PipDossier:
    zaak: PipZaak
    stappen: list[Stap]  # the zaaktype's statustypen in order
    resultaat: str  # the resultaattype's omschrijving; "" while open
    besluiten: list[PipBesluit]  # shown once the zaak is closed
    documenten: list[PipDocument]
    # The inkomend document types the zaaktype names of which the zaak has no document yet.
    verwachte_documenten: list[str]
    berichten: list[PipBericht]  # the person's own, the newest first


@dataclass(frozen=True)
class _Gekoppeld:
    """The latest version of a document linked to the zaak, its uuid and type, and whether the citizen may see it."""

    versie: InformatieObjectVersie
    uuid: uuid.UUID
    documenttype: str
    zichtbaar: bool


async def _gekoppelde_documenten(
    session: AsyncSession, zaak_id: int, only: uuid.UUID | None = None
) -> list[_Gekoppeld]:
    """The latest versions of the zaak's documents (of this installation), in the order they were added to the
    zaak, each with whether the citizen may see it: two queries."""
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
        )
    )
    found = [
        _Gekoppeld(
            versie,
            document_uuid,
            documenttype,
            document_uuid in gemarkeerd or versie.vertrouwelijkheidaanduiding in ZICHTBAAR,
        )
        for versie, document_uuid, documenttype in rows
    ]
    return sorted(found, key=lambda document: order[document.uuid])


async def _stappen(session: AsyncSession, zaak: PipZaak) -> list[Stap]:
    """The zaaktype's statustypen in order, each done, the zaak's current status or to come: two queries."""
    typen = (
        await session.execute(
            select(StatusType.id, StatusType.omschrijving, StatusType.omschrijving_generiek, StatusType.statustekst)
            .where(StatusType.zaaktype_id == zaak.zaaktype_id)
            .order_by(StatusType.volgnummer)
        )
    ).all()
    gezet = (
        await session.execute(
            select(Status.statustype_id, Status.datum_status_gezet)
            .where(Status.zaak_id == zaak.id)
            .order_by(Status.datum_status_gezet, Status.id)
        )
    ).all()
    bereikt = {statustype_id: local_time(moment) for statustype_id, moment in gezet}  # the latest wins
    huidig = gezet[-1][0] if gezet else None
    index = next((i for i, (type_id, *_) in enumerate(typen) if type_id == huidig), -1)
    return [
        Stap(
            naam=generiek or omschrijving,
            statustekst=statustekst if statustekst not in ("", generiek or omschrijving) else "",
            stand="klaar" if i < index else "huidig" if i == index else "volgend",
            bereikt=bereikt.get(type_id) if i <= index else None,
        )
        for i, (type_id, omschrijving, generiek, statustekst) in enumerate(typen)
    ]


async def _verwachte_documenten(session: AsyncSession, zaak: PipZaak, documenten: list[_Gekoppeld]) -> list[str]:
    """The zaaktype's inkomend document types of which the zaak has no document, visible or not: one query."""
    typen = await session.scalars(
        select(ZaakTypeInformatieObjectType.informatieobjecttype)
        .where(
            ZaakTypeInformatieObjectType.zaaktype_id == zaak.zaaktype_id,
            ZaakTypeInformatieObjectType.richting == "inkomend",
        )
        .order_by(ZaakTypeInformatieObjectType.volgnummer)
    )
    aanwezig = {document.documenttype for document in documenten}
    return list(dict.fromkeys(type_ for type_ in typen if type_ not in aanwezig))


async def _berichten(session: AsyncSession, identiteit: Identiteit, zaak_id: int) -> list[PipBericht]:
    """The messages the person sent on the zaak (not those of other betrokkenen), the newest first: one query."""
    rows = await session.execute(
        select(Taak.onderwerp, Taak.toelichting, Taak.aangemaakt, Taak.afgehandeld, Taak.antwoord)
        .where(Taak.zaak_id == zaak_id, Taak.soort == BERICHT, Taak.aangemaakt_door == identiteit.nummer)
        .order_by(Taak.aangemaakt.desc(), Taak.id.desc())
    )
    return [
        PipBericht(onderwerp, tekst, local_time(verstuurd), local_time(afgehandeld) if afgehandeld else None, antwoord)
        for onderwerp, tekst, verstuurd, afgehandeld, antwoord in rows
    ]


async def mijn_dossier(session: AsyncSession, identiteit: Identiteit, zaak_uuid: uuid.UUID) -> PipDossier | None:
    """The zaak as the PIP shows it; None when the person is no betrokkene of it."""
    zaak = await mijn_zaak(session, identiteit, zaak_uuid)
    if zaak is None:
        return None
    stappen = await _stappen(session, zaak)
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
    documenten = await _gekoppelde_documenten(session, zaak.id)
    return PipDossier(
        zaak=zaak,
        stappen=stappen,
        resultaat=resultaat or "",
        besluiten=besluiten,
        documenten=[
            PipDocument(
                uuid=document.uuid,
                titel=document.versie.titel,
                documenttype=document.documenttype,
                bestandsnaam=document.versie.bestandsnaam,
                bestandsomvang=document.versie.bestandsomvang,
                creatiedatum=document.versie.creatiedatum,
                ontvangstdatum=document.versie.ontvangstdatum,
                heeft_inhoud=bool(document.versie.inhoud),
            )
            for document in documenten
            if document.zichtbaar
        ],
        verwachte_documenten=await _verwachte_documenten(session, zaak, documenten) if zaak.open else [],
        berichten=await _berichten(session, identiteit, zaak.id),
    )


async def zichtbaar_document(
    session: AsyncSession, identiteit: Identiteit, zaak_uuid: uuid.UUID, document_uuid: uuid.UUID
) -> InformatieObjectVersie | None:
    """The latest version of a document of the person's zaak that is visible to them; None otherwise."""
    zaak = await mijn_zaak(session, identiteit, zaak_uuid)
    if zaak is None:
        return None
    found = await _gekoppelde_documenten(session, zaak.id, document_uuid)
    return found[0].versie if found and found[0].zichtbaar else None
