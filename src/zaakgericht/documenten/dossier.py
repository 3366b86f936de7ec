"""The documents of one zaak as the zaakdossier of the web application shows them: reads only.

A zaak's documents are those its zaakinformatieobjecten name (documents of this installation;
another installation's are not shown). Only documents the reader may read are listed, with the
authorisation in SQL as in the Documenten API. The list costs two queries for any number of
documents, one document with its versions and gebruiksrechten five.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from ..accounts.models import Medewerker
from ..accounts.service import WEB_CLIENT_ID
from ..api import urls
from ..api.audit import AuditTrail
from ..api.auth import AuthContext
from ..catalogi.models import InformatieObjectType, ZaakType, ZaakTypeInformatieObjectType
from ..catalogi.queries import geldig_op
from ..zaken.models import Zaak, ZaakInformatieObject
from . import queries
from .models import EnkelvoudigInformatieObject, Gebruiksrechten, InformatieObjectVersie, ObjectInformatieObject

Document = EnkelvoudigInformatieObject
Versie = InformatieObjectVersie


@dataclass(frozen=True)
class Bewerking:
    """Who has the document checked out (locked): a medewerker of the web application, or another system."""

    gebruikersnaam: str  # the medewerker's; empty when another system holds the lock
    naam: str


@dataclass(frozen=True)
class ZaakDocument:
    """A document of the zaak at its latest version."""

    uuid: uuid.UUID
    identificatie: str
    titel: str
    documenttype: str  # the informatieobjecttype's omschrijving
    vertrouwelijkheidaanduiding: str
    status: str
    versie: int
    bestandsnaam: str
    bestandsomvang: int | None
    formaat: str
    heeft_inhoud: bool
    creatiedatum: date
    auteur: str
    beschrijving: str
    taal: str
    ontvangstdatum: date | None
    bewerking: Bewerking | None  # None when not locked
    indicatie_gebruiksrecht: bool | None = None  # None: not yet known whether conditions of use apply


@dataclass(frozen=True)
class Gebruiksrecht:
    """Conditions of use recorded on a document (the Documenten API's gebruiksrechten)."""

    uuid: uuid.UUID
    omschrijving_voorwaarden: str
    startdatum: datetime  # in UTC
    einddatum: datetime | None


@dataclass(frozen=True)
class VersieRegel:
    versie: int
    geregistreerd: datetime  # beginRegistratie, in UTC
    auteur: str
    bestandsnaam: str
    bestandsomvang: int | None
    heeft_inhoud: bool
    door: str  # who made the version (from the audit trail); empty when unknown


@dataclass(frozen=True)
class DocumentDetail:
    document: ZaakDocument
    versies: list[VersieRegel]  # the newest first, only those the reader may read
    bij_besluit: bool  # linked to a besluit: it cannot be removed from the zaak here
    zichtbaar_voor_betrokkene: bool = False  # marked on this zaak for its betrokkenen in the PIP
    gebruiksrechten: list[Gebruiksrecht] = field(default_factory=list)  # the earliest start first


@dataclass(frozen=True)
class DocumentType:
    """An informatieobjecttype the zaaktype names, as a choice for a new document."""

    uuid: uuid.UUID
    omschrijving: str
    vertrouwelijkheidaanduiding: str
    richting: str


def _statement():
    """Versions with their document, the type's omschrijving and the name of a medewerker holding the lock."""
    return (
        select(Versie, Document, InformatieObjectType.omschrijving, Medewerker.naam)
        .join(Document, Document.id == Versie.document_id)
        .join(InformatieObjectType, InformatieObjectType.id == Versie.informatieobjecttype_id)
        .outerjoin(
            Medewerker,
            and_(Document.lock_client_id == WEB_CLIENT_ID, Medewerker.gebruikersnaam == Document.lock_user_id),
        )
    )


def _readable(statement, auth: AuthContext):
    clause = queries.document_clause(auth)
    return statement if clause is None else statement.where(clause)


def _bewerking(document: Document, naam: str | None) -> Bewerking | None:
    if not document.lock:
        return None
    if document.lock_client_id == WEB_CLIENT_ID and document.lock_user_id:
        return Bewerking(document.lock_user_id, naam or document.lock_user_id)
    return Bewerking("", "")


def _zaak_document(version: Versie, document: Document, documenttype: str, naam: str | None) -> ZaakDocument:
    return ZaakDocument(
        uuid=document.uuid,
        identificatie=document.identificatie,
        titel=version.titel,
        documenttype=documenttype,
        vertrouwelijkheidaanduiding=version.vertrouwelijkheidaanduiding,
        status=version.status,
        versie=version.versie,
        bestandsnaam=version.bestandsnaam,
        bestandsomvang=version.bestandsomvang,
        formaat=version.formaat,
        heeft_inhoud=bool(version.inhoud),
        creatiedatum=version.creatiedatum,
        auteur=version.auteur,
        beschrijving=version.beschrijving,
        taal=version.taal,
        ontvangstdatum=version.ontvangstdatum,
        bewerking=_bewerking(document, naam),
        indicatie_gebruiksrecht=version.indicatie_gebruiksrecht,
    )


async def zaak_documenten(session: AsyncSession, auth: AuthContext, zaak_uuid: uuid.UUID) -> list[ZaakDocument]:
    """The zaak's documents the reader may read, in the order they were added to the zaak. Two queries."""
    linked = await session.scalars(
        select(ZaakInformatieObject.informatieobject)
        .join(Zaak, Zaak.id == ZaakInformatieObject.zaak_id)
        .where(Zaak.uuid == zaak_uuid)
        .order_by(ZaakInformatieObject.registratiedatum, ZaakInformatieObject.id)
    )
    order: dict[uuid.UUID, int] = {}
    for url in linked:
        ref = urls.resolve(url)
        if ref is not None and (ref.api, ref.resource) == (queries.API, queries.DOCUMENTS):
            order.setdefault(ref.uuid, len(order))
    if not order:
        return []
    rows = await session.execute(
        _readable(_statement().where(Versie.versie == Document.versie, Document.uuid.in_(order)), auth)
    )
    documenten = [_zaak_document(*row) for row in rows]
    return sorted(documenten, key=lambda document: order[document.uuid])


async def is_linked(session: AsyncSession, zaak_id: int, document_uuid: uuid.UUID) -> bool:
    """Whether the zaak has this document (through a zaakinformatieobject)."""
    linked = exists().where(
        ZaakInformatieObject.zaak_id == zaak_id,
        ZaakInformatieObject.informatieobject == queries.document_url(document_uuid),
    )
    return bool(await session.scalar(select(linked)))


async def zaak_document(
    session: AsyncSession, auth: AuthContext, zaak_id: int, document_uuid: uuid.UUID
) -> DocumentDetail | None:
    """One document of the zaak with its versions; None when the zaak does not have it or the reader may not
    read it (its latest version decides, as in the Documenten API)."""
    zichtbaar = await session.scalar(
        select(ZaakInformatieObject.zichtbaar_voor_betrokkene).where(
            ZaakInformatieObject.zaak_id == zaak_id,
            ZaakInformatieObject.informatieobject == queries.document_url(document_uuid),
        )
    )
    if zichtbaar is None:
        return None  # the zaak does not have it
    rows = (
        await session.execute(
            _readable(_statement().where(Document.uuid == document_uuid), auth).order_by(Versie.versie.desc())
        )
    ).all()
    if not rows or rows[0][0].versie != rows[0][1].versie:
        return None
    document = rows[0][1]
    door = await _makers(session, document.uuid)
    bij_besluit = await session.scalar(
        select(
            exists().where(
                ObjectInformatieObject.document_id == document.id, ObjectInformatieObject.object_type == "besluit"
            )
        )
    )
    return DocumentDetail(
        document=_zaak_document(*rows[0]),
        versies=[
            VersieRegel(
                versie=version.versie,
                geregistreerd=_aware(version.begin_registratie),
                auteur=version.auteur,
                bestandsnaam=version.bestandsnaam,
                bestandsomvang=version.bestandsomvang,
                heeft_inhoud=bool(version.inhoud),
                door=door.get(version.versie, ""),
            )
            for version, *_ in rows
        ],
        bij_besluit=bool(bij_besluit),
        zichtbaar_voor_betrokkene=zichtbaar,
        gebruiksrechten=await _gebruiksrechten(session, document.id),
    )


async def _gebruiksrechten(session: AsyncSession, document_id: int) -> list[Gebruiksrecht]:
    rows = await session.scalars(
        select(Gebruiksrechten)
        .where(Gebruiksrechten.document_id == document_id)
        .order_by(Gebruiksrechten.startdatum, Gebruiksrechten.id)
    )
    return [
        Gebruiksrecht(
            row.uuid,
            row.omschrijving_voorwaarden,
            _aware(row.startdatum),
            _aware(row.einddatum) if row.einddatum else None,
        )
        for row in rows
    ]


def _aware(moment: datetime) -> datetime:
    # SQLite gives timestamps back without a zone; they are stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _makers(session: AsyncSession, document_uuid: uuid.UUID) -> dict[int, str]:
    """Per version number, who registered it: the first create or update of the audit trail that shows it."""
    entries = await session.execute(
        select(
            AuditTrail.nieuw, AuditTrail.gebruikers_weergave, AuditTrail.gebruikers_id, AuditTrail.applicatie_weergave
        )
        .where(
            AuditTrail.bron == "drc",
            AuditTrail.hoofd_object_uuid == document_uuid,
            AuditTrail.resource == "enkelvoudiginformatieobject",
            AuditTrail.actie.in_(("create", "update", "partial_update")),
        )
        .order_by(AuditTrail.aanmaakdatum, AuditTrail.id)
    )
    makers: dict[int, str] = {}
    for nieuw, weergave, gebruiker, applicatie in entries:
        versie = (nieuw or {}).get("versie")
        if isinstance(versie, int):
            makers.setdefault(versie, weergave or gebruiker or applicatie)
    return makers


async def version_to_download(
    session: AsyncSession, auth: AuthContext, zaak_id: int, document_uuid: uuid.UUID, versie: int | None
) -> Versie | None:
    """The version (the latest when ``versie`` is None) of a document of the zaak, when the reader may read
    the document (its latest version) and that version; None otherwise. Two queries."""
    if not await is_linked(session, zaak_id, document_uuid):
        return None
    wanted = Document.versie if versie is None else versie
    rows = await session.execute(
        _readable(
            select(Versie, Document)
            .join(Document, Document.id == Versie.document_id)
            .join(InformatieObjectType, InformatieObjectType.id == Versie.informatieobjecttype_id)
            .where(Document.uuid == document_uuid, or_(Versie.versie == Document.versie, Versie.versie == wanted)),
            auth,
        )
    )
    readable = rows.all()
    if not any(version.versie == document.versie for version, document in readable):
        return None
    target = versie if versie is not None else readable[0][1].versie
    return next((version for version, _ in readable if version.versie == target), None)


async def documenttypen(session: AsyncSession, zaaktype_uuid: uuid.UUID, today: date) -> list[DocumentType]:
    """The published informatieobjecttypen valid today that the zaaktype names, in its order (volgnummer)."""
    return await _documenttypen(session, select(ZaakType.id).where(ZaakType.uuid == zaaktype_uuid), today)


async def documenttypen_van_zaak(session: AsyncSession, zaak_uuid: uuid.UUID, today: date) -> list[DocumentType]:
    """``documenttypen`` of the zaak's zaaktype."""
    return await _documenttypen(session, select(Zaak.zaaktype_id).where(Zaak.uuid == zaak_uuid), today)


async def _documenttypen(session: AsyncSession, zaaktype_id, today: date) -> list[DocumentType]:
    zaaktype = aliased(ZaakType)
    rows = await session.execute(
        select(
            InformatieObjectType.uuid,
            InformatieObjectType.omschrijving,
            InformatieObjectType.vertrouwelijkheidaanduiding,
            ZaakTypeInformatieObjectType.richting,
        )
        .join(zaaktype, zaaktype.id == ZaakTypeInformatieObjectType.zaaktype_id)
        .join(
            InformatieObjectType,
            and_(
                InformatieObjectType.omschrijving == ZaakTypeInformatieObjectType.informatieobjecttype,
                InformatieObjectType.catalogus_id == zaaktype.catalogus_id,
            ),
        )
        .where(
            ZaakTypeInformatieObjectType.zaaktype_id == zaaktype_id.scalar_subquery(),
            InformatieObjectType.concept.is_(False),
            geldig_op(InformatieObjectType.begin_geldigheid, InformatieObjectType.einde_geldigheid, today),
        )
        .order_by(ZaakTypeInformatieObjectType.volgnummer, ZaakTypeInformatieObjectType.id)
    )
    seen: set[uuid.UUID] = set()
    typen = []
    for row in rows:
        if row.uuid not in seen:  # a type named twice (inkomend and uitgaand) is one choice
            seen.add(row.uuid)
            typen.append(DocumentType(*row))
    return typen
