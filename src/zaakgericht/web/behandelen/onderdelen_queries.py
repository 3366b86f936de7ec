"""Reads for the zaakdossier's sections on the parts of a zaak: its eigenschappen, its relations to other
zaken (hoofdzaak, deelzaken, relevante andere zaken), the deelzaaktypen it may get, and its documents.

Each function costs one or two queries whatever the number of rows. What the reader may not see stays
out: a related zaak outside their autorisaties is only marked as such, a document they may not read
shows no title.
"""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import and_, case, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from ...api import urls
from ...api.auth import AuthContext
from ...catalogi.models import Eigenschap, InformatieObjectType, ZaakType
from ...documenten.models import EnkelvoudigInformatieObject as Document
from ...documenten.models import InformatieObjectVersie as Versie
from ...zaken import queries
from ...zaken.eigenschapwaarden import EigenschapWaarden
from ...zaken.models import Zaak, ZaakEigenschap, ZaakInformatieObject


async def zaak_met_type(session: AsyncSession, zaak_uuid: UUID) -> tuple[Zaak, ZaakType] | None:
    row = (
        await session.execute(
            select(Zaak, ZaakType).join(ZaakType, ZaakType.id == Zaak.zaaktype_id).where(Zaak.uuid == zaak_uuid)
        )
    ).first()
    return (row[0], row[1]) if row else None


# --- eigenschappen ---------------------------------------------------------------------------


async def eigenschappen(session: AsyncSession, zaak: Zaak) -> list[EigenschapWaarden]:
    """The eigenschappen of the zaak's zaaktype in the catalogue's order, each with the zaak's values."""
    gevonden = [
        EigenschapWaarden(eigenschap)
        for eigenschap in await session.scalars(
            select(Eigenschap).where(Eigenschap.zaaktype_id == zaak.zaaktype_id).order_by(Eigenschap.id)
        )
    ]
    if not gevonden:
        return []
    per_eigenschap = {item.eigenschap.id: item.waarden for item in gevonden}
    for zaakeigenschap in await session.scalars(
        select(ZaakEigenschap).where(ZaakEigenschap.zaak_id == zaak.id).order_by(ZaakEigenschap.id)
    ):
        per_eigenschap.get(zaakeigenschap.eigenschap_id, []).append(zaakeigenschap)
    return gevonden


# --- relations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GerelateerdeZaak:
    """Another zaak as the reader may know it: identificatie and description only when they may see it."""

    url: str  # as the Zaken API names it (the value in relevanteAndereZaken)
    uuid: UUID | None = None  # a zaak of this installation
    zichtbaar: bool = False
    identificatie: str = ""
    zaaktype: str = ""
    omschrijving: str = ""

    @property
    def hier(self) -> bool:
        return self.uuid is not None


@dataclass(frozen=True)
class Relaties:
    hoofdzaak: GerelateerdeZaak | None
    deelzaken: list[GerelateerdeZaak]
    # (the other zaak, aardRelatie), in the zaak's order.
    andere_zaken: list[tuple[GerelateerdeZaak, str]]


def _zaak_uuid(url: str) -> UUID | None:
    ref = urls.resolve(url)
    return ref.uuid if ref and (ref.api, ref.resource) == (queries.API, "zaken") else None


async def relaties(session: AsyncSession, auth: AuthContext, zaak: Zaak) -> Relaties:
    """The hoofdzaak, deelzaken and relevante andere zaken of the zaak, in one query."""
    andere = [(relatie["url"], relatie["aardRelatie"]) for relatie in zaak.relevante_andere_zaken or []]
    andere_uuids = {u for u in (_zaak_uuid(url) for url, _ in andere) if u}
    conditions = [Zaak.hoofdzaak_id == zaak.id]
    if zaak.hoofdzaak_id is not None:
        conditions.append(Zaak.id == zaak.hoofdzaak_id)
    if andere_uuids:
        conditions.append(Zaak.uuid.in_(andere_uuids))
    clause = queries.zaak_clause(auth)
    zichtbaar = true() if clause is None else case((clause, true()), else_=false())
    rows = (
        await session.execute(
            select(Zaak.id, Zaak.uuid, Zaak.hoofdzaak_id, Zaak.identificatie, Zaak.omschrijving, ZaakType.omschrijving)
            .add_columns(zichtbaar.label("zichtbaar"))
            .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
            .where(or_(*conditions))
            .order_by(Zaak.startdatum, Zaak.id)
        )
    ).all()
    by_uuid = {}
    for row in rows:
        seen = bool(row.zichtbaar)
        by_uuid[row.uuid] = GerelateerdeZaak(
            url=queries.url_of("zaken", row.uuid),
            uuid=row.uuid,
            zichtbaar=seen,
            # Nothing of a zaak out of sight: not even its number.
            identificatie=row.identificatie if seen else "",
            zaaktype=row[5] if seen else "",
            omschrijving=row.omschrijving if seen else "",
        )
    hoofdzaak = next((by_uuid[row.uuid] for row in rows if row.id == zaak.hoofdzaak_id), None)
    deelzaken = [by_uuid[row.uuid] for row in rows if row.hoofdzaak_id == zaak.id]
    return Relaties(
        hoofdzaak=hoofdzaak,
        deelzaken=deelzaken,
        andere_zaken=[(by_uuid.get(_zaak_uuid(url)) or GerelateerdeZaak(url=url), aard) for url, aard in andere],
    )


async def zaak_met_nummer(
    session: AsyncSession, auth: AuthContext, identificatie: str, organisatie: str
) -> Zaak | None:
    """The zaak with this identificatie the reader may see; one of their own organisation first (the number is
    unique per bronorganisatie only)."""
    statement = (
        select(Zaak)
        .where(Zaak.identificatie == identificatie)
        .order_by(case((Zaak.bronorganisatie == organisatie, 0), else_=1), Zaak.id)
        .limit(1)
    )
    return await session.scalar(queries.readable(statement, auth))


async def deelzaaktypen(session: AsyncSession, zaaktype: ZaakType, today: date) -> list[tuple[UUID, str]]:
    """(uuid, label) of the published zaaktypen valid today that the zaaktype names as its deelzaaktypen."""
    if not zaaktype.deelzaaktypen:
        return []
    rows = await session.execute(
        select(ZaakType.uuid, ZaakType.omschrijving, ZaakType.identificatie)
        .where(
            ZaakType.catalogus_id == zaaktype.catalogus_id,
            ZaakType.identificatie.in_(zaaktype.deelzaaktypen),
            ZaakType.concept.is_(False),
            or_(ZaakType.begin_geldigheid.is_(None), ZaakType.begin_geldigheid <= today),
            or_(ZaakType.einde_geldigheid.is_(None), ZaakType.einde_geldigheid >= today),
        )
        .order_by(ZaakType.omschrijving, ZaakType.identificatie)
    )
    return [(row.uuid, f"{row.omschrijving} ({row.identificatie})") for row in rows]


# --- documents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentRegel:
    """A document as the reader may know it: its title and type only when they may read it."""

    url: str
    zichtbaar: bool = False
    titel: str = ""
    informatieobjecttype: str = ""  # its omschrijving
    catalogus_id: int | None = None

    @property
    def hier(self) -> bool:
        return self.catalogus_id is not None


async def documenten(session: AsyncSession, auth: AuthContext, document_urls: list[str]) -> dict[str, DocumentRegel]:
    """The latest version of each of our documents among ``document_urls``, in one query; by URL, every URL
    (one of another installation, or gone, is a bare ``DocumentRegel``)."""
    by_uuid = {}
    for url in document_urls:
        ref = urls.resolve(url)
        if ref and (ref.api, ref.resource) == ("documenten", "enkelvoudiginformatieobjecten"):
            by_uuid[ref.uuid] = url
    found = {url: DocumentRegel(url=url) for url in document_urls}
    if not by_uuid:
        return found
    rows = await session.execute(
        select(
            Document.uuid,
            Versie.titel,
            Versie.vertrouwelijkheidaanduiding,
            InformatieObjectType.uuid.label("type_uuid"),
            InformatieObjectType.omschrijving,
            InformatieObjectType.catalogus_id,
        )
        .join(Versie, and_(Versie.document_id == Document.id, Versie.versie == Document.versie))
        .join(InformatieObjectType, InformatieObjectType.id == Versie.informatieobjecttype_id)
        .where(Document.uuid.in_(by_uuid))
    )
    for row in rows:
        url = by_uuid[row.uuid]
        type_url = urls.build("catalogi", "informatieobjecttypen", row.type_uuid)
        seen = auth.allows("drc", ("documenten.lezen",), type_url, row.vertrouwelijkheidaanduiding)
        found[url] = DocumentRegel(
            url=url,
            zichtbaar=seen,
            titel=row.titel if seen else "",
            informatieobjecttype=row.omschrijving if seen else "",
            catalogus_id=row.catalogus_id,
        )
    return found


async def zaak_documenten(session: AsyncSession, zaak: Zaak) -> list[str]:
    """The URLs of the zaak's documents, in the order they were linked."""
    return list(
        await session.scalars(
            select(ZaakInformatieObject.informatieobject)
            .where(ZaakInformatieObject.zaak_id == zaak.id)
            .order_by(ZaakInformatieObject.id)
        )
    )
