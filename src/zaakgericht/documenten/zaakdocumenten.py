"""Working with the documents of a zaak as people do: add one (document and zaakinformatieobject together),
check it out to edit it, save or cancel the edit, and remove it from the zaak.

Each function works in the caller's transaction and goes through the Documenten and Zaken services, so
validation, audit trail and notifications are as through the APIs. The contents of a new file are streamed
into storage before the transaction (``FileChanges``), as the API does.

A lock belongs to whoever took it: the client id and user of their ``auth`` (for the web application, the
medewerker), so the lock id never has to leave the server.
"""

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api.auth import AuthContext
from ..api.errors import NotFound, PermissionDenied, ValidationError
from ..zaken import parts
from ..zaken import service as zaken
from ..zaken.models import ZaakInformatieObject
from ..zaken.service import ZaakRef
from . import queries, service
from .models import Gebruiksrechten, ObjectInformatieObject
from .queries import DocumentVersion
from .storage import FileChanges, StoredFile
from .uploads import DocumentBody


@dataclass(frozen=True)
class NieuwDocument:
    """A new document with its file (already stored), as a person adds it to a zaak."""

    inhoud: StoredFile
    bestandsnaam: str
    formaat: str
    titel: str
    informatieobjecttype: str  # URL
    auteur: str
    bronorganisatie: str
    creatiedatum: date
    vertrouwelijkheidaanduiding: str = ""  # empty: that of the informatieobjecttype (drc-007)
    taal: str = "nld"
    ontvangstdatum: date | None = None


async def add_to_zaak(
    session: AsyncSession, auth: AuthContext, ref: ZaakRef, nieuw: NieuwDocument, files: FileChanges
) -> DocumentVersion:
    """Create the document and link it to the zaak: both or neither.

    Every document the web applications create comes through here (the dossier, Nieuwe zaak, the e-formulier
    and its PDF, the citizen's upload in Mijn zaken)."""
    zaken.ensure_may_change(auth, ref, (zaken.AANMAKEN, zaken.BIJWERKEN))
    data = {
        "bronorganisatie": nieuw.bronorganisatie,
        "creatiedatum": nieuw.creatiedatum.isoformat(),
        "titel": nieuw.titel,
        "auteur": nieuw.auteur,
        "taal": nieuw.taal,
        "bestandsnaam": nieuw.bestandsnaam,
        "formaat": nieuw.formaat,
        "informatieobjecttype": nieuw.informatieobjecttype,
        "vertrouwelijkheidaanduiding": nieuw.vertrouwelijkheidaanduiding,
        "ontvangstdatum": nieuw.ontvangstdatum.isoformat() if nieuw.ontvangstdatum else None,
        # drc-006: no gebruiksrechten are recorded yet, so none apply (false, not "unknown"); recording one
        # on the document page makes it true. Unknown (null) would keep the zaak from being closed (zrc-021).
        "indicatieGebruiksrecht": False,
    }
    try:
        found = await service.create_document(session, auth, DocumentBody(data, nieuw.inhoud), files)
    except PermissionDenied:
        # The zaak may be changed (checked above) and its types are the person's: the vertrouwelijkheid is too high.
        raise _too_confidential() from None
    await parts.save_zaakinformatieobject(
        session, auth, {"zaak": ref.url, "informatieobject": found.url, "titel": nieuw.titel}
    )
    return found


def _too_confidential() -> ValidationError:
    return ValidationError.single(
        "vertrouwelijkheidaanduiding",
        "permission_denied",
        "U mag bij dit zaaktype geen documenten met deze vertrouwelijkheid vastleggen.",
    )


async def linked_document(
    session: AsyncSession, auth: AuthContext, ref: ZaakRef, document_uuid: uuid.UUID
) -> tuple[ZaakInformatieObject, DocumentVersion]:
    """The zaak's zaakinformatieobject for the document and the document's latest version; NotFound when the
    zaak does not have it or it may not be read."""
    zio = await session.scalar(
        select(ZaakInformatieObject).where(
            ZaakInformatieObject.zaak_id == ref.zaak.id,
            ZaakInformatieObject.informatieobject == queries.document_url(document_uuid),
        )
    )
    if zio is None:
        raise NotFound()
    found = await queries.latest(session, document_uuid)
    if not queries.allows(auth, queries.READ, found):
        raise NotFound()
    return zio, found


def held_lock(auth: AuthContext, found: DocumentVersion) -> str:
    """The document's lock id when ``auth`` (its client and user) holds the lock; empty otherwise."""
    document = found.document
    holds = bool(auth.user_id) and (document.lock_client_id, document.lock_user_id) == (auth.client_id, auth.user_id)
    return document.lock if document.lock and holds else ""


def _ensure_free(found: DocumentVersion) -> None:
    if found.document.lock:
        raise ValidationError.single(
            "nonFieldErrors", "existing-lock", "Dit document is in bewerking; probeer het later opnieuw."
        )


def _ensure_holder(auth: AuthContext, found: DocumentVersion) -> str:
    lock = held_lock(auth, found)
    if not lock:
        raise ValidationError.single(
            "nonFieldErrors", "unlocked", "U heeft dit document niet (meer) in bewerking; begin opnieuw met Bewerken."
        )
    return lock


async def start_editing(session: AsyncSession, auth: AuthContext, ref: ZaakRef, found: DocumentVersion) -> None:
    """Lock the document for this person, so that nobody else (no colleague, no API client) changes it meanwhile."""
    zaken.ensure_may_change(auth, ref)
    _ensure_free(found)
    await service.lock_document(session, auth, found.document.uuid)


async def _unlock(session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID, lock: str, files: FileChanges) -> None:
    data = {"lock": lock}
    plan = await service.plan_unlock(session, auth, uuid_, data)
    # A lock taken here never has bestandsdelen in flight, so nothing is joined inside this transaction.
    joined = await service.assemble(plan, files)
    await service.unlock_document(session, auth, uuid_, data, plan, joined, files)


async def save_edit(
    session: AsyncSession,
    auth: AuthContext,
    ref: ZaakRef,
    zio: ZaakInformatieObject,
    found: DocumentVersion,
    wijziging: dict,
    inhoud: StoredFile | None,
    files: FileChanges,
) -> DocumentVersion:
    """Save the changed metadata (and a new file, if any) as a new version and unlock, in one go.

    The zaakinformatieobject's titel follows the document's, which also puts the edit in the zaak's history.
    """
    zaken.ensure_may_change(auth, ref)
    lock = _ensure_holder(auth, found)
    vertrouwelijkheid = wijziging.get("vertrouwelijkheidaanduiding") or found.version.vertrouwelijkheidaanduiding
    if not auth.allows(queries.COMPONENT, service.UPDATE_SCOPES, found.type_url, vertrouwelijkheid):
        raise _too_confidential()
    uuid_ = found.document.uuid
    updated = await service.update_document(
        session, auth, uuid_, DocumentBody({**wijziging, "lock": lock}, inhoud), files, partial=True
    )
    await _unlock(session, auth, uuid_, lock, files)
    toelichting = f"Nieuwe versie {updated.version.versie} van het document"
    await parts.save_zaakinformatieobject(
        session,
        dataclasses.replace(auth, audit_toelichting=toelichting),
        {"titel": updated.version.titel},
        zio,
        partial=True,
    )
    return updated


async def cancel_edit(session: AsyncSession, auth: AuthContext, found: DocumentVersion, files: FileChanges) -> None:
    """Unlock without a change."""
    lock = _ensure_holder(auth, found)
    await _unlock(session, auth, found.document.uuid, lock, files)


def set_zichtbaar_voor_betrokkene(auth: AuthContext, ref: ZaakRef, zio: ZaakInformatieObject, zichtbaar: bool) -> None:
    """Show the document (or no longer) to the zaak's betrokkenen in the PIP, whatever its vertrouwelijkheid:
    a change of the zaak, so only while it is open. Kept on the zaakinformatieobject, as a document may
    belong to zaken of different people."""
    zaken.ensure_may_change(auth, ref)
    zio.zichtbaar_voor_betrokkene = zichtbaar


async def remove_from_zaak(
    session: AsyncSession,
    auth: AuthContext,
    ref: ZaakRef,
    zio: ZaakInformatieObject,
    found: DocumentVersion,
    files: FileChanges,
) -> None:
    """Remove the document from the zaak and, when nothing else links it, delete it.

    Refused while it is in bewerking, and when it belongs to a besluit (which records what was decided).
    """
    zaken.ensure_may_change(auth, ref, (zaken.BIJWERKEN, zaken.VERWIJDEREN))
    _ensure_free(found)
    if await _linked_to(session, found, "besluit"):
        raise ValidationError.single(
            "nonFieldErrors",
            "pending-relations",
            "Dit document hoort bij een besluit en kan daarom niet worden verwijderd.",
        )
    await parts.delete_zaakinformatieobject(session, auth, zio)
    if not await _linked_to(session, found):
        await service.delete_document(session, auth, found.document.uuid, files)


# --- gebruiksrechten ------------------------------------------------------------------------------


async def record_gebruiksrecht(
    session: AsyncSession,
    auth: AuthContext,
    ref: ZaakRef,
    found: DocumentVersion,
    voorwaarden: str,
    startdatum: datetime,
    einddatum: datetime | None,
) -> Gebruiksrechten:
    """Record the conditions of use of the document, as the Documenten API does: its indicatieGebruiksrecht
    becomes true (drc-006). A change of the zaak, so only while it is open."""
    zaken.ensure_may_change(auth, ref)
    data = {
        "informatieobject": found.url,
        "startdatum": startdatum.isoformat(),
        "einddatum": einddatum.isoformat() if einddatum else None,
        "omschrijvingVoorwaarden": voorwaarden,
    }
    return await service.save_gebruiksrechten(session, auth, data)


async def remove_gebruiksrecht(
    session: AsyncSession,
    auth: AuthContext,
    ref: ZaakRef,
    found: DocumentVersion,
    rechten_uuid: uuid.UUID,
    files: FileChanges,
) -> None:
    """Remove one of the document's gebruiksrechten. When it was the last, the Documenten API makes the indicatie
    unknown again (drc-006); here nothing applies any more, so it is recorded as false (see ``set_geen_beperkingen``).
    """
    zaken.ensure_may_change(auth, ref)
    _ensure_free(found)
    rechten = await session.scalar(
        select(Gebruiksrechten).where(
            Gebruiksrechten.uuid == rechten_uuid, Gebruiksrechten.document_id == found.document.id
        )
    )
    if rechten is None:
        raise NotFound()
    await service.delete_gebruiksrechten(session, auth, rechten)
    if not await session.scalar(select(exists().where(Gebruiksrechten.document_id == found.document.id))):
        await _record_geen_beperkingen(session, auth, found, files)


async def set_geen_beperkingen(
    session: AsyncSession, auth: AuthContext, ref: ZaakRef, found: DocumentVersion, files: FileChanges
) -> None:
    """Record that no conditions of use apply (indicatieGebruiksrecht false), for a document whose indicatie is
    unknown, e.g. one another system added. The zaak cannot be closed while a document's indicatie is unknown."""
    zaken.ensure_may_change(auth, ref)
    _ensure_free(found)
    await _record_geen_beperkingen(session, auth, found, files)


async def _record_geen_beperkingen(
    session: AsyncSession, auth: AuthContext, found: DocumentVersion, files: FileChanges
) -> None:
    # As an API client would: lock, update the indicatie (a new version, in the audit trail), unlock.
    uuid_ = found.document.uuid
    lock = await service.lock_document(session, auth, uuid_)
    data = {"indicatieGebruiksrecht": False, "lock": lock}
    await service.update_document(session, auth, uuid_, DocumentBody(data, None), files, partial=True)
    await _unlock(session, auth, uuid_, lock, files)


async def _linked_to(session: AsyncSession, found: DocumentVersion, object_type: str | None = None) -> bool:
    """Whether another object (of this type) links the document, through its objectinformatieobjecten."""
    condition = ObjectInformatieObject.document_id == found.document.id
    if object_type is not None:
        condition = condition & (ObjectInformatieObject.object_type == object_type)
    return bool(await session.scalar(select(exists().where(condition))))
