"""Reads for the zaakdossier's sections on the parts of a zaak: its eigenschappen and its documents.

Each function costs one or two queries whatever the number of rows. What the reader may not see stays
out: a document they may not read shows no title.
"""

from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.auth import AuthContext
from ..catalogi.models import Eigenschap, InformatieObjectType, ZaakType
from ..documenten.models import EnkelvoudigInformatieObject as Document
from ..documenten.models import InformatieObjectVersie as Versie
from .models import Zaak, ZaakEigenschap, ZaakInformatieObject


async def zaak_met_type(session: AsyncSession, zaak_uuid: UUID) -> tuple[Zaak, ZaakType] | None:
    row = (
        await session.execute(
            select(Zaak, ZaakType).join(ZaakType, ZaakType.id == Zaak.zaaktype_id).where(Zaak.uuid == zaak_uuid)
        )
    ).first()
    return (row[0], row[1]) if row else None


# --- eigenschappen ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EigenschapWaarden:
    """An eigenschap of the zaaktype with the zaak's values of it (its zaakeigenschappen, oldest first)."""

    eigenschap: Eigenschap
    waarden: list[ZaakEigenschap] = field(default_factory=list)

    @property
    def maximum(self) -> int | None:
        """How many values the eigenschap takes: its kardinaliteit as a number, None for any number ("N")."""
        kardinaliteit = self.eigenschap.specificatie_kardinaliteit.strip()
        return int(kardinaliteit) if kardinaliteit.isdigit() and int(kardinaliteit) > 0 else None


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
