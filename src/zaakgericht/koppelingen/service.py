"""The link tables that two of our APIs hold in mirror, written together in the caller's transaction:

- a zaakinformatieobject (Zaken API) and its objectinformatieobject with objectType zaak (Documenten API):
  zrc-005, zrc-023;
- a besluitinformatieobject (Besluiten API) and its objectinformatieobject with objectType besluit: brc-005,
  brc-009;
- the zaak of a besluit (Besluiten API) and its zaakbesluit (Zaken API): brc-006, brc-009.

The Zaken, Documenten and Besluiten services call down into this module and never each other; it uses only
the models, the API plumbing and the zaak reference of ``zaken.ref``. The services validate a link and record it
in their own audit trail; this module writes the link with its mirror after it, and removes a mirror after its
source, so the Documenten API's check that a relation exists at its source (drc-004) holds at every moment.
It also answers what the services need to know across the line: the facts of our documents (zrc-003,
zrc-017, zrc-021, zrc-022, brc-003, brc-008) and whether the source of an objectinformatieobject holds the
relation (drc-004).

What each mirror records is what the standard says of its API: an objectinformatieobject gets no audit trail
entry or notification (the Documenten API's notificaties name no objectinformatieobject); a zaakbesluit is
written in the zaak's audit trail, and its creation notified on the ``zaken`` kanaal (zaken-1.5.1-notificaties),
as when a client posts one. A document, zaak or besluit of another installation gets no mirror here: we hold no
credentials for its APIs.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.auth import AuthContext
from ..besluiten.models import Besluit, BesluitInformatieObject
from ..catalogi.models import InformatieObjectType
from ..documenten.models import EnkelvoudigInformatieObject as Document
from ..documenten.models import InformatieObjectVersie as Versie
from ..documenten.models import ObjectInformatieObject
from ..zaken.models import Zaak, ZaakBesluit, ZaakInformatieObject
from ..zaken.ref import ZaakRef, load, record

Ids = Sequence[int] | Select

DOCUMENTS = ("documenten", "enkelvoudiginformatieobjecten")


# --- our documents ---------------------------------------------------------------------------


@dataclass(slots=True)
class InformatieObjectFacts:
    """What the Zaken and Besluiten APIs need to know of one of our documents (its latest version)."""

    url: str
    document_id: int
    informatieobjecttype_url: str
    vertrouwelijkheidaanduiding: str
    indicatie_gebruiksrecht: bool | None
    status: str


def _document_uuids(urls_: list[str]) -> dict[uuid.UUID, str]:
    """The URLs that name a document of our Documenten API, by its uuid."""
    found = {}
    for url in urls_:
        ref = urls.resolve(url)
        if ref is not None and (ref.api, ref.resource) == DOCUMENTS:
            found[ref.uuid] = url
    return found


async def informatieobject_facts(session: AsyncSession, urls_: list[str]) -> dict[str, InformatieObjectFacts]:
    """The facts of the URLs that name our documents; others (and unknown documents) are absent. One query."""
    by_uuid = _document_uuids(urls_)
    if not by_uuid:
        return {}
    rows = await session.execute(
        select(
            Document.uuid,
            Document.id,
            InformatieObjectType.uuid,
            Versie.vertrouwelijkheidaanduiding,
            Versie.indicatie_gebruiksrecht,
            Versie.status,
        )
        .join(Versie, (Versie.document_id == Document.id) & (Versie.versie == Document.versie))
        .join(InformatieObjectType, InformatieObjectType.id == Versie.informatieobjecttype_id)
        .where(Document.uuid.in_(by_uuid))
    )
    return {
        by_uuid[document_uuid]: InformatieObjectFacts(
            url=by_uuid[document_uuid],
            document_id=document_id,
            informatieobjecttype_url=urls.build("catalogi", "informatieobjecttypen", type_uuid),
            vertrouwelijkheidaanduiding=vertrouwelijkheidaanduiding,
            indicatie_gebruiksrecht=indicatie_gebruiksrecht,
            status=status,
        )
        for document_uuid, document_id, type_uuid, vertrouwelijkheidaanduiding, indicatie_gebruiksrecht, status in rows
    }


# --- objectinformatieobjecten: the Documenten API's mirrors ---------------------------------------


async def add_object_link(
    session: AsyncSession, document: InformatieObjectFacts, object_url: str, object_type: str
) -> None:
    """The objectinformatieobject mirroring a new zaak- or besluitinformatieobject; idempotent."""
    already = exists().where(
        ObjectInformatieObject.document_id == document.document_id, ObjectInformatieObject.object == object_url
    )
    if not await session.scalar(select(already)):
        session.add(
            ObjectInformatieObject(document_id=document.document_id, object=object_url, object_type=object_type)
        )
        await session.flush()


async def remove_object_link(session: AsyncSession, informatieobject_url: str, object_url: str) -> None:
    """Removes the mirror of a zaak- or besluitinformatieobject that went, if there is one (one query)."""
    by_uuid = _document_uuids([informatieobject_url])
    if not by_uuid:
        return
    document_id = select(Document.id).where(Document.uuid.in_(by_uuid)).scalar_subquery()
    await session.execute(
        delete(ObjectInformatieObject).where(
            ObjectInformatieObject.document_id == document_id, ObjectInformatieObject.object == object_url
        )
    )


async def remove_object_links(session: AsyncSession, object_url: str) -> None:
    """Removes every mirror of a zaak or besluit that goes (one query, however many documents it had)."""
    await session.execute(delete(ObjectInformatieObject).where(ObjectInformatieObject.object == object_url))


async def has_zaakinformatieobject(session: AsyncSession, zaak_url: str, informatieobject_url: str) -> bool:
    """Whether our Zaken API relates this document to this zaak."""
    ref = urls.resolve(zaak_url)
    if ref is None or (ref.api, ref.resource) != ("zaken", "zaken"):
        return False
    relation = (
        select(ZaakInformatieObject.id)
        .join(Zaak, Zaak.id == ZaakInformatieObject.zaak_id)
        .where(Zaak.uuid == ref.uuid, ZaakInformatieObject.informatieobject == informatieobject_url)
    )
    return await session.scalar(select(exists(relation))) or False


async def has_besluitinformatieobject(session: AsyncSession, besluit_url: str, informatieobject_url: str) -> bool:
    """Whether our Besluiten API records this document for this besluit."""
    ref = urls.resolve(besluit_url)
    if ref is None or (ref.api, ref.resource) != ("besluiten", "besluiten"):
        return False
    relation = (
        select(BesluitInformatieObject.id)
        .join(Besluit, Besluit.id == BesluitInformatieObject.besluit_id)
        .where(Besluit.uuid == ref.uuid, BesluitInformatieObject.informatieobject == informatieobject_url)
    )
    return await session.scalar(relation.limit(1)) is not None


async def relation_exists(session: AsyncSession, object_type: str, object_url: str, informatieobject_url: str) -> bool:
    """drc-004 for a zaak or besluit of this installation: whether its API holds the relation with the document."""
    if object_type == "zaak":
        return await has_zaakinformatieobject(session, object_url, informatieobject_url)
    return await has_besluitinformatieobject(session, object_url, informatieobject_url)


# --- zaakinformatieobjecten ------------------------------------------------------------------


async def add_zaakinformatieobject(
    session: AsyncSession, zio: ZaakInformatieObject, zaak_url: str, document: InformatieObjectFacts | None
) -> None:
    """zrc-005: a new zaakinformatieobject, and after it its mirror when the document is ours (``document``)."""
    session.add(zio)
    await session.flush()
    if document is not None:
        await add_object_link(session, document, zaak_url, "zaak")


async def remove_zaakinformatieobject(session: AsyncSession, zio: ZaakInformatieObject, zaak_url: str) -> None:
    """zrc-023: the zaakinformatieobject goes, and after it its mirror (where it is ours)."""
    await session.delete(zio)
    await session.flush()
    await remove_object_link(session, zio.informatieobject, zaak_url)


async def remove_zaak(session: AsyncSession, zaak: Zaak) -> None:
    """zrc-023: the mirrors of a zaak that goes (its zaakinformatieobjecten go with it by ON DELETE CASCADE)."""
    await remove_object_links(session, urls.build("zaken", "zaken", zaak.uuid))


# --- besluitinformatieobjecten ---------------------------------------------------------------


async def add_besluitinformatieobject(
    session: AsyncSession, relation: BesluitInformatieObject, besluit_url: str, document: InformatieObjectFacts
) -> None:
    """brc-005: a new besluitinformatieobject, and after it its mirror."""
    session.add(relation)
    await session.flush()
    await add_object_link(session, document, besluit_url, "besluit")


async def remove_besluitinformatieobject(
    session: AsyncSession, relation: BesluitInformatieObject, besluit_url: str
) -> None:
    """brc-009: the besluitinformatieobject goes, and after it its mirror."""
    await session.delete(relation)
    await session.flush()
    await remove_object_link(session, relation.informatieobject, besluit_url)


async def remove_besluit(session: AsyncSession, auth: AuthContext, besluit: Besluit) -> None:
    """brc-009 and brc-006: a besluit that goes takes its besluitinformatieobjecten, then their mirrors, and its
    zaakbesluit in our Zaken API (recorded in the zaak's audit trail)."""
    besluit_url = urls.build("besluiten", "besluiten", besluit.uuid)
    await session.execute(delete(BesluitInformatieObject).where(BesluitInformatieObject.besluit_id == besluit.id))
    await remove_object_links(session, besluit_url)
    if besluit.zaak_id is not None:
        ref = await load(session, await session.get_one(Zaak, besluit.zaak_id))
        await unlink_besluit(session, auth, ref, besluit_url)


# --- zaakbesluiten: the Zaken API's mirror of a besluit's zaak ---------------------------------


async def zaakbesluit_bodies(session: AsyncSession, ids: Ids) -> list[dict]:
    rows = await session.execute(
        select(ZaakBesluit, Zaak.uuid)
        .join(Zaak, Zaak.id == ZaakBesluit.zaak_id)
        .where(ZaakBesluit.id.in_(ids))
        .order_by(ZaakBesluit.id)
    )
    return [
        {
            "url": f"{urls.build('zaken', 'zaken', zaak_uuid)}/besluiten/{row.uuid}",
            "uuid": str(row.uuid),
            "besluit": row.besluit,
        }
        for row, zaak_uuid in rows
    ]


async def zaakbesluit_of(session: AsyncSession, ref: ZaakRef, besluit_url: str) -> ZaakBesluit | None:
    """The zaak's zaakbesluit for this besluit, if it has one."""
    return await session.scalar(
        select(ZaakBesluit).where(ZaakBesluit.zaak_id == ref.zaak.id, ZaakBesluit.besluit == besluit_url)
    )


async def add_zaakbesluit(session: AsyncSession, auth: AuthContext, ref: ZaakRef, besluit_url: str) -> ZaakBesluit:
    """A new zaakbesluit, recorded in the zaak's audit trail and notified."""
    row = ZaakBesluit(zaak_id=ref.zaak.id, besluit=besluit_url)
    session.add(row)
    await session.flush()
    nieuw = (await zaakbesluit_bodies(session, [row.id]))[0]
    record(
        session,
        auth,
        ref,
        resource="zaakbesluit",
        resource_url=nieuw["url"],
        actie="create",
        oud=None,
        nieuw=nieuw,
        weergave=besluit_url,
    )
    return row


async def remove_zaakbesluit(session: AsyncSession, auth: AuthContext, ref: ZaakRef, row: ZaakBesluit) -> None:
    """The zaakbesluit goes, recorded in the zaak's audit trail (the standard notifies no destroy of it)."""
    oud = (await zaakbesluit_bodies(session, [row.id]))[0]
    await session.delete(row)
    await session.flush()
    record(
        session,
        auth,
        ref,
        resource="zaakbesluit",
        resource_url=oud["url"],
        actie="destroy",
        oud=oud,
        nieuw=None,
        weergave=row.besluit,
        notify=False,
    )


async def link_besluit(session: AsyncSession, auth: AuthContext, ref: ZaakRef, besluit_url: str) -> ZaakBesluit:
    """brc-006: a besluit that comes to name this zaak gets its zaakbesluit. The Besluiten API has authorised
    the change; linking twice returns the existing zaakbesluit."""
    return await zaakbesluit_of(session, ref, besluit_url) or await add_zaakbesluit(session, auth, ref, besluit_url)


async def unlink_besluit(session: AsyncSession, auth: AuthContext, ref: ZaakRef, besluit_url: str) -> None:
    """A besluit that no longer names this zaak loses its zaakbesluit, if it still has one."""
    row = await zaakbesluit_of(session, ref, besluit_url)
    if row is not None:
        await remove_zaakbesluit(session, auth, ref, row)
