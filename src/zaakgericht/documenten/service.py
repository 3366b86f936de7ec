"""Changes to documents: versions, locking, contents (base64 and bestandsdelen), relations and their rules.

Every change of a document or one of its parts goes through here: validated, written,
recorded in the audit trail and queued as a notification (kanaal ``documenten``) in one
transaction. Contents are streamed into storage before the transaction (``uploads``) and
joined from bestandsdelen outside it (``assemble``), so no transaction waits on a large
file; the files follow the transaction through ``storage.FileChanges``.

The objectinformatieobjecten that mirror the Zaken and Besluiten APIs' zaak- and
besluitinformatieobjecten are written with them by ``koppelingen``; here a client's own
objectinformatieobject is checked against its source (drc-004) through it.
"""

import asyncio
import hashlib
import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit

import httpx
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import audit, identificatie, outgoing, urls
from ..api.auth import AuthContext
from ..api.body import validate
from ..api.errors import ApiError, Conflict, InvalidParam, PermissionDenied, ValidationError
from ..api.remote import RemoteError, fetch_json
from ..besluiten.models import Besluit
from ..catalogi.models import InformatieObjectType
from ..koppelingen import service as koppelingen
from ..notificaties.service import queue_notificatie
from ..settings import get_settings
from ..zaken.models import Zaak
from ..zoeken import index as zoekindex
from . import queries
from .models import (
    Bestandsdeel,
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    InformatieObjectVersie,
    ObjectInformatieObject,
    Verzending,
)
from .queries import DocumentVersion
from .schemas import DocumentIn, GebruiksrechtenIn, ObjectInformatieObjectIn, UnlockIn, VerzendingIn
from .storage import FileChanges, StoredFile
from .uploads import DocumentBody, PartBody

AANMAKEN = "documenten.aanmaken"
BIJWERKEN = "documenten.bijwerken"
GEFORCEERD_BIJWERKEN = "documenten.geforceerd-bijwerken"
LOCK = "documenten.lock"
GEFORCEERD_UNLOCK = "documenten.geforceerd-unlock"
VERWIJDEREN = "documenten.verwijderen"
UPDATE_SCOPES = (BIJWERKEN, GEFORCEERD_BIJWERKEN)

# A large file is split in at most this many bestandsdelen.
MAX_PARTS = 10_000


class BadRequest(ApiError):
    """A 400 without invalidParams: lock and unlock answer a plain ``Fout`` in the OAS."""

    status = 400
    code = "invalid"
    title = "Ongeldig verzoek."
    type_name = "ValidationError"


def plain(error: ValidationError) -> BadRequest:
    return BadRequest(error.detail, code=error.invalid_params[0].code if error.invalid_params else error.code)


Document = EnkelvoudigInformatieObject
Versie = InformatieObjectVersie


# --- audit trail and notifications -----------------------------------------------------------


def record(
    session: AsyncSession,
    auth: AuthContext,
    found: DocumentVersion,
    *,
    resource: str,
    resource_url: str,
    actie: str,
    oud: dict | None,
    nieuw: dict | None,
    notify: bool = True,
) -> None:
    """The audit trail entry and (for the resources the standard lists) the notification of a change."""
    audit.record(
        session,
        auth,
        bron="drc",
        actie=actie,
        hoofd_object_uuid=found.document.uuid,
        hoofd_object=found.url,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=found.document.identificatie,
        oud=oud,
        nieuw=nieuw,
    )
    if notify:
        notify_change(session, found, resource, resource_url, actie)


async def _delete(
    session: AsyncSession, auth: AuthContext, found: DocumentVersion, resource: str, obj, current: dict, *, notify=True
) -> None:
    """Delete a sub-resource of a document and record it (``current`` is its representation)."""
    await session.delete(obj)
    await session.flush()
    record(
        session,
        auth,
        found,
        resource=resource,
        resource_url=current["url"],
        actie="destroy",
        oud=current,
        nieuw=None,
        notify=notify,
    )


def notify_change(session: AsyncSession, found: DocumentVersion, resource: str, resource_url: str, actie: str) -> None:
    queue_notificatie(
        session,
        kanaal="documenten",
        hoofd_object=found.url,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken={
            "bronorganisatie": found.document.bronorganisatie,
            "informatieobjecttype": found.type_url,
            "vertrouwelijkheidaanduiding": found.version.vertrouwelijkheidaanduiding,
        },
    )


# --- validation of a document ----------------------------------------------------------------


async def _informatieobjecttype(session: AsyncSession, url: str) -> InformatieObjectType:
    """drc-001: a published informatieobjecttype of this installation's catalogue."""
    ref = urls.resolve(url)
    if ref is None:
        raise ValidationError.single(
            "informatieobjecttype",
            "bad-url",
            f"De URL {url} verwijst niet naar een informatieobjecttype van deze catalogus.",
        )
    if ref.api != "catalogi" or ref.resource != "informatieobjecttypen":
        raise ValidationError.single(
            "informatieobjecttype", "invalid-resource", f"De URL {url} verwijst niet naar een informatieobjecttype."
        )
    iot = await session.scalar(select(InformatieObjectType).where(InformatieObjectType.uuid == ref.uuid))
    if iot is None:
        raise ValidationError.single("informatieobjecttype", "bad-url", f"Het informatieobjecttype {url} bestaat niet.")
    if iot.concept:
        raise ValidationError.single(
            "informatieobjecttype", "not-published", "Het informatieobjecttype is nog niet gepubliceerd."
        )
    return iot


async def _gebruiksrechten_errors(
    session: AsyncSession, body: DocumentIn, document: Document | None
) -> list[InvalidParam]:
    """drc-006: indicatieGebruiksrecht is true exactly when gebruiksrechten exist; only they set it."""
    has_rechten = document is not None and await session.scalar(
        select(exists().where(Gebruiksrechten.document_id == document.id))
    )
    if body.indicatie_gebruiksrecht and not has_rechten:
        return [
            InvalidParam(
                "indicatieGebruiksrecht",
                "missing-gebruiksrechten",
                "De indicatie wordt true door gebruiksrechten aan te maken; "
                "dat kan niet rechtstreeks op het informatieobject.",
            )
        ]
    if has_rechten and not body.indicatie_gebruiksrecht:
        return [
            InvalidParam(
                "indicatieGebruiksrecht",
                "existing-gebruiksrechten",
                "Er zijn gebruiksrechten vastgelegd; de indicatie kan dan niet false of onbekend zijn.",
            )
        ]
    return []


def _status_errors(body: DocumentIn) -> list[InvalidParam]:
    """drc-005: a received document is not in bewerking or ter vaststelling."""
    if body.ontvangstdatum is not None and body.status in ("in_bewerking", "ter_vaststelling"):
        return [
            InvalidParam(
                "status",
                "invalid_for_received",
                "Een ontvangen informatieobject (met ontvangstdatum) kan niet in bewerking of ter vaststelling zijn.",
            )
        ]
    return []


async def _validate(session: AsyncSession, body: DocumentIn, document: Document | None) -> None:
    errors = _status_errors(body) + await _gebruiksrechten_errors(session, body, document)
    if errors:
        raise ValidationError(errors)


async def _identificatie(session: AsyncSession, body: DocumentIn) -> str:
    """The client's identificatie, unique within the bronorganisatie, or a generated one."""

    async def taken(value: str) -> bool:
        return await identificatie.is_taken(
            session, Document.identificatie, Document.bronorganisatie, body.bronorganisatie, value
        )

    if body.identificatie:
        if await taken(body.identificatie):
            raise ValidationError.single(
                "identificatie", "identificatie-niet-uniek", "Deze identificatie bestaat al voor deze bronorganisatie."
            )
        return body.identificatie
    return await identificatie.generate(session, "document", body.bronorganisatie, "DOCUMENT", taken)


def _ensure_identity_kept(body: DocumentIn, document: Document) -> None:
    """The identificatie and bronorganisatie name the document across its versions; they do not change."""
    if body.identificatie and body.identificatie != document.identificatie:
        raise ValidationError.single(
            "identificatie",
            "wijzigen-niet-toegelaten",
            "De identificatie van een informatieobject kan niet worden gewijzigd.",
        )
    if body.bronorganisatie != document.bronorganisatie:
        raise ValidationError.single(
            "bronorganisatie",
            "wijzigen-niet-toegelaten",
            "De bronorganisatie van een informatieobject kan niet worden gewijzigd.",
        )


# --- contents --------------------------------------------------------------------------------


@dataclass(slots=True)
class Contents:
    """What a new version holds: a stored file, or none (then bestandsomvang > 0 means: expect bestandsdelen)."""

    key: str
    sha256: str
    bestandsomvang: int | None
    new_file: bool = False

    @property
    def awaits_parts(self) -> bool:
        return not self.key and bool(self.bestandsomvang)


def _size_mismatch(given: int, actual: int) -> ValidationError:
    return ValidationError.single(
        "bestandsomvang",
        "file-size",
        f"De bestandsomvang ({given}) komt niet overeen met de grootte van de inhoud ({actual} bytes).",
    )


def _contents(
    upload: DocumentBody, body: DocumentIn, previous: DocumentVersion | None, document_uuid: uuid.UUID | None
) -> Contents:
    """The contents of the new version (Open Zaak's rule: a given inhoud replaces, an absent one is kept).

    A size the request states must be the size of the contents; one it leaves out follows them.
    """
    given = upload.data.get("inhoud", ...)
    stated = body.bestandsomvang if "bestandsomvang" in upload.data else None
    if upload.inhoud is not None:
        if stated is not None and stated != upload.inhoud.size:
            raise _size_mismatch(stated, upload.inhoud.size)
        return Contents(upload.inhoud.key, upload.inhoud.sha256, upload.inhoud.size, new_file=True)
    if isinstance(given, str) and given:
        _ensure_own_download(given, document_uuid)
        given = ...  # the client sent back the download URL it read: the contents stay
    if given is ... and previous is not None and previous.version.inhoud:
        kept = previous.version
        if stated is not None and stated != kept.bestandsomvang:
            raise _size_mismatch(stated, kept.bestandsomvang or 0)
        return Contents(kept.inhoud, kept.inhoud_sha256, kept.bestandsomvang)
    return Contents("", "", body.bestandsomvang)


def _ensure_own_download(url: str, document_uuid: uuid.UUID | None) -> None:
    expected = queries.document_url(document_uuid) + "/download" if document_uuid else None
    if expected is None or urlsplit(url)._replace(query="").geturl() != expected:
        raise ValidationError.single("inhoud", "invalid", "Geef de inhoud als base64 (of laat haar weg).")


def _new_lock() -> str:
    """An unguessable lock id (drc-009)."""
    return secrets.token_hex(16)


def _set_lock(document: Document, auth: AuthContext) -> None:
    """Lock the document with a new id, remembering who holds it (the client, and the user of its token)."""
    document.lock = _new_lock()
    document.lock_client_id, document.lock_user_id = auth.client_id, auth.user_id


def _clear_lock(document: Document) -> None:
    document.lock = document.lock_client_id = document.lock_user_id = ""


async def _replace_parts(
    session: AsyncSession, auth: AuthContext, document: Document, contents: Contents, files: FileChanges
) -> None:
    """Discards bestandsdelen in flight and, when the new version awaits its contents, creates fresh ones.

    Parts in flight are kept when the new version expects a file of the same size: a
    metadata change during an upload does not start the upload over.
    """
    existing = list(await session.scalars(select(Bestandsdeel).where(Bestandsdeel.document_id == document.id)))
    if contents.awaits_parts and existing and sum(part.omvang for part in existing) == contents.bestandsomvang:
        return
    for part in existing:
        files.remove_later(part.inhoud)
        await session.delete(part)
    if contents.awaits_parts:
        if not document.lock:
            _set_lock(document, auth)
        await session.flush()
        for volgnummer, omvang in enumerate(part_sizes(contents.bestandsomvang), start=1):
            session.add(Bestandsdeel(document_id=document.id, volgnummer=volgnummer, omvang=omvang, lock=document.lock))


def part_sizes(total: int) -> list[int]:
    """The sizes of the bestandsdelen a file of ``total`` bytes is uploaded in."""
    size = get_settings().documenten_chunk_size
    count = math.ceil(total / size)
    if count > MAX_PARTS:
        raise ValidationError.single(
            "bestandsomvang", "max_value", f"Een bestand kan hoogstens {MAX_PARTS * size} bytes groot zijn."
        )
    return [size] * (count - 1) + [total - size * (count - 1)]


def _dump(model) -> dict | None:
    return model.model_dump(mode="json", by_alias=True) if model is not None else None


def _new_version(document: Document, body: DocumentIn, iot: InformatieObjectType, contents: Contents, versie: int):
    return Versie(
        document_id=document.id,
        versie=versie,
        begin_registratie=datetime.now(UTC),
        informatieobjecttype_id=iot.id,
        # drc-007: the client's vertrouwelijkheidaanduiding, else that of the informatieobjecttype.
        vertrouwelijkheidaanduiding=body.vertrouwelijkheidaanduiding or iot.vertrouwelijkheidaanduiding,
        creatiedatum=body.creatiedatum,
        titel=body.titel,
        auteur=body.auteur,
        status=body.status,
        inhoud_is_vervallen=body.inhoud_is_vervallen,
        formaat=body.formaat,
        taal=body.taal,
        bestandsnaam=body.bestandsnaam,
        bestandsomvang=contents.bestandsomvang,
        inhoud=contents.key,
        inhoud_sha256=contents.sha256,
        link=body.link,
        beschrijving=body.beschrijving,
        ontvangstdatum=body.ontvangstdatum,
        verzenddatum=body.verzenddatum,
        indicatie_gebruiksrecht=body.indicatie_gebruiksrecht,
        verschijningsvorm=body.verschijningsvorm,
        ondertekening=_dump(body.ondertekening),
        integriteit=_dump(body.integriteit),
        trefwoorden=body.trefwoorden,
    )


# --- documents -------------------------------------------------------------------------------


async def create_document(
    session: AsyncSession, auth: AuthContext, upload: DocumentBody, files: FileChanges
) -> DocumentVersion:
    body = validate(DocumentIn, upload.data)
    iot = await _informatieobjecttype(session, body.informatieobjecttype)
    vertrouwelijkheid = body.vertrouwelijkheidaanduiding or iot.vertrouwelijkheidaanduiding
    if not auth.allows(queries.COMPONENT, (AANMAKEN,), queries.type_url(iot.uuid), vertrouwelijkheid):
        raise PermissionDenied("Niet de juiste autorisaties beschikbaar voor dit informatieobjecttype.")
    await _validate(session, body, None)
    contents = _contents(upload, body, None, None)
    if contents.awaits_parts:
        part_sizes(contents.bestandsomvang)  # refuse an impossible size before anything is written
    document = Document(identificatie=await _identificatie(session, body), bronorganisatie=body.bronorganisatie)
    document.lock, document.versie = "", 1
    session.add(document)
    await session.flush()
    session.add(_new_version(document, body, iot, contents, 1))
    await _replace_parts(session, auth, document, contents, files)
    await session.flush()
    found = await queries.latest(session, document.uuid)
    record(
        session,
        auth,
        found,
        resource="enkelvoudiginformatieobject",
        resource_url=found.url,
        actie="create",
        oud=None,
        nieuw=await queries.document_body(session, found),
    )
    await zoekindex.document_changed(session, files.storage, document.id)
    return found


def ensure_lock(document: Document, lock: object) -> None:
    """drc-009: a change needs the document locked, and the lock id of whoever locked it."""
    if not document.lock:
        raise ValidationError.single(
            "nonFieldErrors", "unlocked", "Het informatieobject is niet gelockt; lock het voordat je het wijzigt."
        )
    # Named after the field, as the reference implementation does (``unlocked`` is about the document).
    if not lock:
        raise ValidationError.single("lock", "missing-lock-id", "Geef de lock van het informatieobject mee.")
    if lock != document.lock:
        raise ValidationError.single("lock", "incorrect-lock-id", "De lock is niet juist.")


async def update_document(
    session: AsyncSession,
    auth: AuthContext,
    uuid_: uuid.UUID,
    upload: DocumentBody,
    files: FileChanges,
    *,
    partial: bool,
) -> DocumentVersion:
    """Every update adds a version; the earlier ones stay readable."""
    current = await queries.latest(session, uuid_)
    queries.ensure_allowed(auth, UPDATE_SCOPES, current)
    document = current.document
    ensure_lock(document, upload.data.get("lock"))
    current_body = await queries.document_body(session, current)
    data = {**current_body, **upload.data} if partial else upload.data
    body = validate(DocumentIn, data)
    _ensure_identity_kept(body, document)
    iot = await _informatieobjecttype(session, body.informatieobjecttype)
    vertrouwelijkheid = body.vertrouwelijkheidaanduiding or iot.vertrouwelijkheidaanduiding
    if not auth.allows(queries.COMPONENT, UPDATE_SCOPES, queries.type_url(iot.uuid), vertrouwelijkheid):
        raise PermissionDenied("Niet de juiste autorisaties beschikbaar voor dit informatieobjecttype.")
    await _validate(session, body, document)
    contents = _contents(upload, body, current, document.uuid)
    if contents.awaits_parts:
        part_sizes(contents.bestandsomvang)
    document.versie += 1
    session.add(_new_version(document, body, iot, contents, document.versie))
    await _replace_parts(session, auth, document, contents, files)
    await session.flush()
    found = await queries.latest(session, document.uuid)
    record(
        session,
        auth,
        found,
        resource="enkelvoudiginformatieobject",
        resource_url=found.url,
        actie=audit.actie_of(partial),
        oud=current_body,
        nieuw=await queries.document_body(session, found),
    )
    await zoekindex.document_changed(session, files.storage, document.id)
    return found


async def delete_document(session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID, files: FileChanges) -> None:
    """drc-008: only without relations, and not while locked; all versions, gebruiksrechten,
    verzendingen and the audit trail go with it (no soft delete)."""
    found = await queries.latest(session, uuid_)
    queries.ensure_allowed(auth, (VERWIJDEREN,), found)
    document = found.document
    if await session.scalar(select(exists().where(ObjectInformatieObject.document_id == document.id))):
        raise ValidationError.single(
            "nonFieldErrors",
            "pending-relations",
            "Het informatieobject is nog gekoppeld aan zaken of besluiten; verwijder eerst die relaties.",
        )
    if document.lock:
        raise ValidationError.single(
            "nonFieldErrors", "destroy-locked", "Een gelockt informatieobject kan niet worden verwijderd."
        )
    keys = await session.scalars(select(Versie.inhoud).where(Versie.document_id == document.id).distinct())
    parts = await session.scalars(select(Bestandsdeel.inhoud).where(Bestandsdeel.document_id == document.id))
    files.remove_later(*keys, *parts)
    await audit.delete_trail(session, "drc", document.uuid)
    notify_change(session, found, "enkelvoudiginformatieobject", found.url, "destroy")
    await session.delete(document)
    await session.flush()


# --- locking ---------------------------------------------------------------------------------


async def lock_document(session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID) -> str:
    found = await queries.latest(session, uuid_)
    queries.ensure_allowed(auth, (LOCK,), found)
    if found.document.lock:
        raise BadRequest("Het informatieobject is al gelockt.", code="existing-lock")
    _set_lock(found.document, auth)
    await session.flush()
    return found.document.lock


@dataclass(slots=True)
class UnlockPlan:
    """What unlocking will do: join these (complete) parts, or throw incomplete ones away (forced)."""

    parts: list[Bestandsdeel]
    join: bool


@dataclass(slots=True)
class Joined:
    stored: StoredFile


async def plan_unlock(session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID, data: dict) -> UnlockPlan:
    """drc-009: the holder unlocks with the lock id; ``geforceerd-unlock`` without it. With bestandsdelen
    in flight the holder can only unlock once all are uploaded; they are then joined into the contents."""
    found = await queries.latest(session, uuid_)
    queries.ensure_allowed(auth, (LOCK, GEFORCEERD_UNLOCK), found)
    try:
        lock = validate(UnlockIn, data).lock
    except ValidationError as exc:
        raise plain(exc) from None
    forced = queries.allows(auth, (GEFORCEERD_UNLOCK,), found)
    document = found.document
    if document.lock and not forced:
        if not lock:
            raise BadRequest(
                "Geef de lock mee; alleen met de scope documenten.geforceerd-unlock kan het zonder.",
                code="missing-lock-id",
            )
        if lock != document.lock:
            raise BadRequest("De lock is niet juist.", code="incorrect-lock-id")
    parts = list(
        await session.scalars(
            select(Bestandsdeel).where(Bestandsdeel.document_id == document.id).order_by(Bestandsdeel.volgnummer)
        )
    )
    complete = all(part.voltooid for part in parts)
    if parts and not complete and not forced:
        missing = ", ".join(str(part.volgnummer) for part in parts if not part.voltooid)
        raise BadRequest(
            f"Nog niet alle bestandsdelen zijn geüpload (ontbrekend: {missing}); upload ze voordat je unlockt.",
            code="incomplete-upload",
        )
    return UnlockPlan(parts, join=bool(parts) and complete)


async def assemble(plan: UnlockPlan, files: FileChanges) -> Joined | None:
    """Joins the parts in order into one new file, checking each part against the size and checksum it
    arrived with."""
    if not plan.join:
        return None
    writer = files.storage.writer()
    try:
        for part in plan.parts:
            digest, size = hashlib.sha256(), 0
            try:
                async for chunk in files.storage.read(part.inhoud):
                    # Hashing in a worker thread keeps the event loop free (hashlib releases the GIL).
                    await asyncio.to_thread(digest.update, chunk)
                    size += len(chunk)
                    await writer.write(chunk)
            except OSError:
                size = -1
            if size != part.omvang or digest.hexdigest() != part.inhoud_sha256:
                raise BadRequest(
                    f"Bestandsdeel {part.volgnummer} is beschadigd geraakt; upload het opnieuw.",
                    code="incomplete-upload",
                )
    except BaseException:
        await writer.abort()
        raise
    return Joined(files.add(await writer.commit()))


async def unlock_document(
    session: AsyncSession,
    auth: AuthContext,
    uuid_: uuid.UUID,
    data: dict,
    plan: UnlockPlan,
    joined: Joined | None,
    files: FileChanges,
) -> None:
    """Unlocks (checking everything again: the plan was made outside this transaction) and
    gives the latest version the joined contents."""
    current_plan = await plan_unlock(session, auth, uuid_, data)
    signature = [(p.id, p.inhoud_sha256) for p in plan.parts]
    if [(p.id, p.inhoud_sha256) for p in current_plan.parts] != signature or current_plan.join != plan.join:
        raise Conflict("De bestandsdelen zijn intussen gewijzigd; probeer het opnieuw.")
    found = await queries.latest(session, uuid_)
    for part in current_plan.parts:
        files.remove_later(part.inhoud)
        await session.delete(part)
    if joined is not None:
        stored = joined.stored
        oud = await queries.document_body(session, found)
        found.version.inhoud, found.version.inhoud_sha256 = stored.key, stored.sha256
        found.version.bestandsomvang = stored.size
    _clear_lock(found.document)
    await session.flush()
    if joined is not None:
        # The contents arrived: consumers who saw the document without them learn it changed.
        record(
            session,
            auth,
            found,
            resource="enkelvoudiginformatieobject",
            resource_url=found.url,
            actie="update",
            oud=oud,
            nieuw=await queries.document_body(session, found),
        )
        await zoekindex.document_changed(session, files.storage, found.document.id)


# --- bestandsdelen ---------------------------------------------------------------------------


async def part_for_upload(session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID) -> Bestandsdeel:
    part = await queries.get_by_uuid(session, Bestandsdeel, uuid_)
    found = (await queries.latest_by_ids(session, [part.document_id]))[part.document_id]
    queries.ensure_allowed(auth, (BIJWERKEN,), found)
    return part


async def save_part(
    session: AsyncSession, auth: AuthContext, uuid_: uuid.UUID, upload: PartBody, files: FileChanges
) -> Bestandsdeel:
    """One bestandsdeel: exactly its announced size, with the lock of the upload. Parts may come in any
    order and again (the last one counts); they are joined by volgnummer when the document is unlocked."""
    part = await part_for_upload(session, auth, uuid_)
    document = await session.get_one(Document, part.document_id)
    if not upload.lock:
        raise ValidationError.single("lock", "required", "Geef de lock van het informatieobject mee.")
    if upload.lock != document.lock or upload.lock != part.lock:
        raise ValidationError.single("lock", "incorrect-lock-id", "De lock is niet juist.")
    if upload.inhoud is None:
        return part  # the OAS does not require inhoud: without it, nothing changes
    if upload.inhoud.size != part.omvang:
        raise ValidationError.single(
            "inhoud",
            "file-size",
            f"Het bestandsdeel is {upload.inhoud.size} bytes; verwacht werd precies {part.omvang} bytes.",
        )
    files.remove_later(part.inhoud)
    part.inhoud, part.inhoud_sha256 = upload.inhoud.key, upload.inhoud.sha256
    await session.flush()
    return part


# --- gebruiksrechten -------------------------------------------------------------------------


async def _document_of(session: AsyncSession, url: str, field: str = "informatieobject") -> DocumentVersion:
    ref = urls.resolve(url)
    if ref is None:
        raise ValidationError.single(
            field, "bad-url", f"De URL {url} verwijst niet naar een informatieobject van deze API."
        )
    if ref.api != queries.API or ref.resource != queries.DOCUMENTS:
        raise ValidationError.single(
            field, "invalid-resource", f"De URL {url} verwijst niet naar een informatieobject."
        )
    found = await queries.load_versions(session, queries.latest_statement().where(Document.uuid == ref.uuid))
    if not found:
        raise ValidationError.single(field, "bad-url", f"Het informatieobject {url} bestaat niet.")
    return found[0]


async def _set_indicatie(session: AsyncSession, found: DocumentVersion) -> None:
    """drc-006: true while the document has gebruiksrechten, unknown (null) again when the last goes."""
    has_rechten = await session.scalar(select(exists().where(Gebruiksrechten.document_id == found.document.id)))
    found.version.indicatie_gebruiksrecht = True if has_rechten else None


async def save_gebruiksrechten(
    session: AsyncSession,
    auth: AuthContext,
    data: dict,
    rechten: Gebruiksrechten | None = None,
    *,
    partial: bool = False,
) -> Gebruiksrechten:
    current = (await queries.gebruiksrechten_bodies(session, [rechten]))[0] if rechten else None
    body = validate(GebruiksrechtenIn, {**(current or {}), **data} if partial else data)
    found = await _document_of(session, body.informatieobject)
    queries.ensure_allowed(auth, (AANMAKEN,) if rechten is None else (BIJWERKEN,), found)
    if rechten is None:
        rechten = Gebruiksrechten(document_id=found.document.id)
        session.add(rechten)
    elif rechten.document_id != found.document.id:
        raise ValidationError.single(
            "informatieobject", "wijzigen-niet-toegelaten", "Het informatieobject van gebruiksrechten ligt vast."
        )
    rechten.startdatum = queries.utc(body.startdatum)
    rechten.einddatum = queries.utc(body.einddatum) if body.einddatum else None
    rechten.omschrijving_voorwaarden = body.omschrijving_voorwaarden
    await session.flush()
    await _set_indicatie(session, found)
    record(
        session,
        auth,
        found,
        resource="gebruiksrechten",
        resource_url=queries.url_of("gebruiksrechten", rechten.uuid),
        actie="create" if current is None else audit.actie_of(partial),
        oud=current,
        nieuw=(await queries.gebruiksrechten_bodies(session, [rechten]))[0],
    )
    return rechten


async def delete_gebruiksrechten(session: AsyncSession, auth: AuthContext, rechten: Gebruiksrechten) -> None:
    found = (await queries.latest_by_ids(session, [rechten.document_id]))[rechten.document_id]
    queries.ensure_allowed(auth, (VERWIJDEREN,), found)
    current = (await queries.gebruiksrechten_bodies(session, [rechten]))[0]
    await _delete(session, auth, found, "gebruiksrechten", rechten, current)
    await _set_indicatie(session, found)


# --- objectinformatieobjecten ----------------------------------------------------------------

_OBJECT_RESOURCE = {"zaak": "zaken", "besluit": "besluiten", "verzoek": "verzoeken"}


async def _local_object_exists(session: AsyncSession, object_type: str, object_uuid: uuid.UUID) -> bool:
    model = Zaak if object_type == "zaak" else Besluit
    return bool(await session.scalar(select(exists().where(model.uuid == object_uuid))))


async def _remote_relation_listed(object_type: str, object_url: str, io_url: str) -> bool:
    """drc-004 for an object of another installation: its API lists the relation (asked afresh, never cached)."""
    root = object_url.rstrip("/").rsplit("/", 2)[0]
    query = urlencode({object_type: object_url, "informatieobject": io_url})
    settings = get_settings()
    try:
        async with outgoing.client(
            outgoing.remote_hosts, timeout=settings.remote_timeout_seconds, follow_redirects=True
        ) as client:
            response = await client.get(f"{root}/{object_type}informatieobjecten?{query}")
        listed = response.json() if response.status_code == 200 else []
    except (httpx.HTTPError, ValueError, outgoing.Refused):
        return False
    results = listed.get("results", []) if isinstance(listed, dict) else listed
    return bool(results)


async def _remote_relation_exists(object_type: str, object_url: str, io_url: str) -> bool:
    """drc-002 and drc-004 for an object of another installation: it must answer, and list the relation."""
    try:
        await fetch_json(object_url)
    except RemoteError as exc:
        raise ValidationError.single("object", exc.code, exc.reason) from None
    return await _remote_relation_listed(object_type, object_url, io_url)


async def _relation_exists(session: AsyncSession, object_type: str, object_url: str, io_url: str) -> bool:
    """Whether the source of the object (Zaken, Besluiten or another API) has the relation (drc-004)."""
    ref = urls.resolve(object_url)
    if ref is None and not urls.is_local(object_url):
        return await _remote_relation_exists(object_type, object_url, io_url)
    if ref is None or ref.api not in ("zaken", "besluiten") or ref.resource != _OBJECT_RESOURCE[object_type]:
        raise ValidationError.single("object", "invalid-resource", f"De URL {object_url} is geen {object_type}.")
    if not await _local_object_exists(session, object_type, ref.uuid):
        raise ValidationError.single("object", "bad-url", f"Het object {object_url} bestaat niet.")
    return await koppelingen.relation_exists(session, object_type, object_url, io_url)


async def create_objectinformatieobject(session: AsyncSession, auth: AuthContext, data: dict) -> ObjectInformatieObject:
    """drc-002..004: the object must exist, the pair be new, and the relation exist in the object's API.

    Within this installation the Zaken and Besluiten APIs already made the mirror, so a
    POST for a relation they hold finds it taken (drc-003, ``unique``).
    """
    body = validate(ObjectInformatieObjectIn, data)
    found = await _document_of(session, body.informatieobject)
    queries.ensure_allowed(auth, (AANMAKEN,), found)
    io_url = found.url
    if await session.scalar(
        select(
            exists().where(
                ObjectInformatieObject.document_id == found.document.id, ObjectInformatieObject.object == body.object
            )
        )
    ):
        raise ValidationError.single(
            "nonFieldErrors", "unique", "De combinatie van object en informatieobject bestaat al."
        )
    if not await _relation_exists(session, body.object_type, body.object, io_url):
        raise ValidationError.single(
            "object",
            "inconsistent-relation",
            f"De relatie tussen {body.object_type} en informatieobject bestaat niet in de API van het object.",
        )
    link = ObjectInformatieObject(document_id=found.document.id, object=body.object, object_type=body.object_type)
    session.add(link)
    await session.flush()
    record(
        session,
        auth,
        found,
        resource="objectinformatieobject",
        resource_url=queries.url_of("objectinformatieobjecten", link.uuid),
        actie="create",
        oud=None,
        nieuw=(await queries.objectinformatieobject_bodies(session, [link]))[0],
        notify=False,
    )
    return link


async def delete_objectinformatieobject(session: AsyncSession, auth: AuthContext, link: ObjectInformatieObject) -> None:
    """The mirror goes only after its source: while the zaak- or besluitinformatieobject exists, it stays."""
    found = (await queries.latest_by_ids(session, [link.document_id]))[link.document_id]
    queries.ensure_allowed(auth, (VERWIJDEREN,), found)
    ref = urls.resolve(link.object)
    if ref is not None and ref.api in ("zaken", "besluiten"):
        still_there = await koppelingen.relation_exists(session, link.object_type, link.object, found.url)
    elif ref is None and not urls.is_local(link.object):
        still_there = await _remote_relation_listed(link.object_type, link.object, found.url)
    else:
        still_there = False
    if still_there:
        raise ValidationError.single(
            "nonFieldErrors",
            "inconsistent-relation",
            "De relatie bestaat nog in de API van het object; verwijder die, dan verdwijnt deze vanzelf.",
        )
    current = (await queries.objectinformatieobject_bodies(session, [link]))[0]
    await _delete(session, auth, found, "objectinformatieobject", link, current, notify=False)


# --- verzendingen ----------------------------------------------------------------------------


def _apply_verzending(verzending: Verzending, body: VerzendingIn) -> None:
    verzending.betrokkene = body.betrokkene
    verzending.aard_relatie = body.aard_relatie
    verzending.toelichting = body.toelichting
    verzending.ontvangstdatum, verzending.verzenddatum = body.ontvangstdatum, body.verzenddatum
    verzending.contact_persoon = body.contact_persoon
    verzending.contactpersoonnaam = body.contactpersoonnaam
    verzending.binnenlands_correspondentieadres = _dump(body.binnenlands_correspondentieadres)
    verzending.buitenlands_correspondentieadres = _dump(body.buitenlands_correspondentieadres)
    verzending.correspondentie_postadres = _dump(body.correspondentie_postadres)
    verzending.faxnummer, verzending.emailadres = body.faxnummer, body.emailadres
    verzending.mijn_overheid, verzending.telefoonnummer = body.mijn_overheid, body.telefoonnummer


async def save_verzending(
    session: AsyncSession, auth: AuthContext, data: dict, verzending: Verzending | None = None, *, partial: bool = False
) -> Verzending:
    current = (await queries.verzending_bodies(session, [verzending]))[0] if verzending else None
    body = validate(VerzendingIn, {**(current or {}), **data} if partial else data)
    found = await _document_of(session, body.informatieobject)
    queries.ensure_allowed(auth, (AANMAKEN,) if verzending is None else (BIJWERKEN,), found)
    if verzending is None:
        verzending = Verzending(document_id=found.document.id)
        session.add(verzending)
    elif verzending.document_id != found.document.id:
        previous = (await queries.latest_by_ids(session, [verzending.document_id]))[verzending.document_id]
        queries.ensure_allowed(auth, (BIJWERKEN,), previous)
        verzending.document_id = found.document.id
    _apply_verzending(verzending, body)
    await session.flush()
    record(
        session,
        auth,
        found,
        resource="verzending",
        resource_url=queries.url_of("verzendingen", verzending.uuid),
        actie="create" if current is None else audit.actie_of(partial),
        oud=current,
        nieuw=(await queries.verzending_bodies(session, [verzending]))[0],
        notify=False,
    )
    return verzending


async def delete_verzending(session: AsyncSession, auth: AuthContext, verzending: Verzending) -> None:
    found = (await queries.latest_by_ids(session, [verzending.document_id]))[verzending.document_id]
    queries.ensure_allowed(auth, (VERWIJDEREN,), found)
    current = (await queries.verzending_bodies(session, [verzending]))[0]
    await _delete(session, auth, found, "verzending", verzending, current, notify=False)
