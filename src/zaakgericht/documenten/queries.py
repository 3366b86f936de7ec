"""Reads of the Documenten API: authorisation in SQL, list filters, versions and the JSON bodies.

Every read of a document is a read of one of its versions joined with the document row
and the informatieobjecttype: lists and the default detail take the latest version
(``versie == document.versie``), ``?versie=`` and ``?registratieOp=`` an older one. Bodies
are built in bulk: a page costs the page query plus, when documents on it are locked,
one query for their bestandsdelen, whatever the page size.
"""

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, String, and_, cast, false, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.auth import AuthContext, limits_clause
from ..api.errors import InvalidParam, NotFound, PermissionDenied, ValidationError
from ..api.moments import parse_moment, utc  # noqa: F401  (the endpoints and service use them from here)
from ..catalogi.models import InformatieObjectType
from .models import (
    Bestandsdeel,
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    InformatieObjectVersie,
    ObjectInformatieObject,
    Verzending,
)

API = "documenten"
COMPONENT = "drc"
LEZEN = "documenten.lezen"
READ = (LEZEN,)
DOCUMENTS = "enkelvoudiginformatieobjecten"

Document = EnkelvoudigInformatieObject
Versie = InformatieObjectVersie


def url_of(resource: str, uuid_: uuid.UUID | str) -> str:
    return urls.build(API, resource, uuid_)


def document_url(uuid_: uuid.UUID | str) -> str:
    return url_of(DOCUMENTS, uuid_)


def download_url(uuid_: uuid.UUID | str, versie: int) -> str:
    return f"{document_url(uuid_)}/download?versie={versie}"


def type_url(uuid_: uuid.UUID) -> str:
    return urls.build("catalogi", "informatieobjecttypen", uuid_)


def iso_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite gives naive datetimes back; they were written in UTC.
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def json_contains(column, value: str):
    """Whether a JSON list of strings contains ``value`` (portable across SQLite and PostgreSQL)."""
    escaped = json.dumps(value, ensure_ascii=False).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(column, String).like(f"%{escaped}%", escape="\\")


# --- a document at one version ---------------------------------------------------------------


@dataclass(slots=True)
class DocumentVersion:
    """A version of a document with the document row and its informatieobjecttype."""

    version: Versie
    document: Document
    type_uuid: uuid.UUID

    @property
    def url(self) -> str:
        return document_url(self.document.uuid)

    @property
    def type_url(self) -> str:
        return type_url(self.type_uuid)

    @property
    def is_latest(self) -> bool:
        return self.version.versie == self.document.versie


def versions_statement() -> Select:
    return (
        select(Versie, Document, InformatieObjectType.uuid)
        .join(Document, Document.id == Versie.document_id)
        .join(InformatieObjectType, InformatieObjectType.id == Versie.informatieobjecttype_id)
    )


def latest_statement() -> Select:
    return versions_statement().where(Versie.versie == Document.versie)


async def load_versions(session: AsyncSession, statement: Select) -> list[DocumentVersion]:
    return [DocumentVersion(*row) for row in (await session.execute(statement)).all()]


async def latest(session: AsyncSession, uuid_: uuid.UUID) -> DocumentVersion:
    """The latest version of the document; 404 when there is no such document."""
    found = await load_versions(session, latest_statement().where(Document.uuid == uuid_))
    if not found:
        raise NotFound()
    return found[0]


async def latest_by_ids(session: AsyncSession, ids: Iterable[int]) -> dict[int, DocumentVersion]:
    ids = set(ids)
    if not ids:
        return {}
    return {v.document.id: v for v in await load_versions(session, latest_statement().where(Document.id.in_(ids)))}


async def version_at(session: AsyncSession, uuid_: uuid.UUID, params: dict[str, Any]) -> DocumentVersion:
    """The version ``?versie=`` or ``?registratieOp=`` asks for, else the latest; 404 when it does not exist."""
    statement = versions_statement().where(Document.uuid == uuid_)
    if "versie" in params:
        statement = statement.where(Versie.versie == params["versie"])
    elif "registratieOp" in params:
        statement = (
            statement.where(Versie.begin_registratie <= params["registratieOp"]).order_by(Versie.versie.desc()).limit(1)
        )
    else:
        statement = statement.where(Versie.versie == Document.versie)
    found = await load_versions(session, statement)
    if not found:
        raise NotFound()
    return found[0]


# --- authorisation ---------------------------------------------------------------------------


def document_clause(auth: AuthContext, scopes: tuple[str, ...] = READ):
    """The SQL condition on the (joined, latest) version for the documents a client may use; None for all."""
    limits = auth.type_limits(COMPONENT, scopes)
    if limits is None:
        return None
    return limits_clause(
        limits, Versie.informatieobjecttype_id, InformatieObjectType, Versie.vertrouwelijkheidaanduiding
    )


def allows(auth: AuthContext, scopes: tuple[str, ...], found: DocumentVersion) -> bool:
    return auth.allows(COMPONENT, scopes, found.type_url, found.version.vertrouwelijkheidaanduiding)


def ensure_allowed(auth: AuthContext, scopes: tuple[str, ...], *found: DocumentVersion) -> None:
    """403 unless one of ``scopes`` is granted for the type and vertrouwelijkheid of each given version."""
    if not all(allows(auth, scopes, version) for version in found):
        raise PermissionDenied("Niet de juiste autorisaties beschikbaar voor dit informatieobject.")


def readable_documents(statement: Select, auth: AuthContext, document_id_column) -> Select:
    """``statement`` (of gebruiksrechten, verzendingen, ...) limited to those of documents the client may read."""
    clause = document_clause(auth)
    if clause is None:
        return statement
    readable = (
        select(Versie.document_id)
        .join(Document, and_(Document.id == Versie.document_id, Document.versie == Versie.versie))
        .where(clause)
    )
    return statement.where(document_id_column.in_(readable))


# --- document bodies -------------------------------------------------------------------------


async def _parts_by_document(session: AsyncSession, found: Sequence[DocumentVersion]) -> dict[int, list[Bestandsdeel]]:
    """The bestandsdelen of the locked documents among ``found`` (only a locked document has any)."""
    locked = {v.document.id for v in found if v.document.lock and v.is_latest}
    parts: dict[int, list[Bestandsdeel]] = defaultdict(list)
    if locked:
        rows = await session.scalars(
            select(Bestandsdeel).where(Bestandsdeel.document_id.in_(locked)).order_by(Bestandsdeel.volgnummer)
        )
        for part in rows:
            parts[part.document_id].append(part)
    return parts


def part_body(part: Bestandsdeel) -> dict:
    return {
        "url": url_of("bestandsdelen", part.uuid),
        "volgnummer": part.volgnummer,
        "omvang": part.omvang,
        "voltooid": part.voltooid,
        "lock": part.lock,
    }


def _document_body(found: DocumentVersion, parts: list[Bestandsdeel]) -> dict:
    version, document = found.version, found.document
    body = {
        "url": found.url,
        "identificatie": document.identificatie,
        "bronorganisatie": document.bronorganisatie,
        "creatiedatum": iso_date(version.creatiedatum),
        "titel": version.titel,
        "vertrouwelijkheidaanduiding": version.vertrouwelijkheidaanduiding,
        "auteur": version.auteur,
        "status": version.status,
        "inhoudIsVervallen": version.inhoud_is_vervallen,
        "formaat": version.formaat,
        "taal": version.taal,
        "versie": version.versie,
        "beginRegistratie": iso_datetime(version.begin_registratie),
        "bestandsnaam": version.bestandsnaam,
        "inhoud": download_url(document.uuid, version.versie) if version.inhoud else None,
        "bestandsomvang": version.bestandsomvang,
        "link": version.link,
        "beschrijving": version.beschrijving,
        "ontvangstdatum": iso_date(version.ontvangstdatum),
        "verzenddatum": iso_date(version.verzenddatum),
        "indicatieGebruiksrecht": version.indicatie_gebruiksrecht,
        "verschijningsvorm": version.verschijningsvorm,
        "ondertekening": version.ondertekening,
        "integriteit": version.integriteit,
        "informatieobjecttype": found.type_url,
        "locked": bool(document.lock),
        "bestandsdelen": [part_body(part) for part in parts],
        "trefwoorden": version.trefwoorden,
    }
    if not body["link"]:  # the OAS allows no empty URL: an unset link is left out
        del body["link"]
    return body


async def document_bodies(session: AsyncSession, found: Sequence[DocumentVersion]) -> list[dict]:
    parts = await _parts_by_document(session, found)
    return [_document_body(v, parts.get(v.document.id, []) if v.is_latest else []) for v in found]


async def document_body(session: AsyncSession, found: DocumentVersion) -> dict:
    return (await document_bodies(session, [found]))[0]


def document_list_statement(params: dict[str, Any], auth: AuthContext) -> Select:
    """Latest versions matching the list (or ``_zoek``) filters, readable by the client, oldest document first."""
    statement = latest_statement()
    if "identificatie" in params:
        statement = statement.where(Document.identificatie == params["identificatie"])
    if "bronorganisatie" in params:
        statement = statement.where(Document.bronorganisatie == params["bronorganisatie"])
    for trefwoord in params.get("trefwoorden", []):
        statement = statement.where(json_contains(Versie.trefwoorden, trefwoord))
    if "uuid__in" in params:
        statement = statement.where(Document.uuid.in_(params["uuid__in"]) if params["uuid__in"] else false())
    clause = document_clause(auth)
    if clause is not None:
        statement = statement.where(clause)
    return statement.order_by(Document.id)


# --- expand ----------------------------------------------------------------------------------

# drc-011..013: only informatieobjecttype (Catalogi API) and objects of this API, as the *Embedded schemas list.
DOCUMENT_EXPANDS = {"informatieobjecttype"}
RELATION_EXPANDS = {"informatieobject", "informatieobject.informatieobjecttype"}


def parse_expand(value: str | None, allowed: set[str], *, on_list: bool) -> set[str]:
    """The requested expand paths; an unknown one is a 400 on a list and a 404 on a detail (drc-013)."""
    if not value:
        return set()
    paths = {path.strip() for path in value.split(",") if path.strip()}
    unknown = sorted(paths - allowed)
    if unknown:
        if not on_list:
            raise NotFound(f"Kan {', '.join(unknown)} niet uitbreiden (expand).")
        raise ValidationError(
            [
                InvalidParam(
                    "expand",
                    "invalid-expand",
                    f"Onbekende expand: {', '.join(unknown)}. Mogelijk: {', '.join(sorted(allowed))}.",
                )
            ]
        )
    return paths


async def type_bodies(session: AsyncSession, uuids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict]:
    """Informatieobjecttype bodies as the Catalogi API serves them (from its per-process cache)."""
    from ..catalogi import queries as catalogi

    wanted = list(dict.fromkeys(uuids))
    if not wanted:
        return {}
    bodies = await catalogi.cached_bodies(
        session,
        "informatieobjecttypen",
        InformatieObjectType,
        catalogi.informatieobjecttype_bodies,
        wanted,
        date.today(),
    )
    return {uuid.UUID(body["url"].rsplit("/", 1)[1]): body for body in bodies}


async def expand_documents(
    session: AsyncSession, found: Sequence[DocumentVersion], bodies: list[dict], paths: set[str]
) -> list[dict]:
    if "informatieobjecttype" in paths:
        types = await type_bodies(session, (v.type_uuid for v in found))
        for version, body in zip(found, bodies, strict=True):
            body["_expand"] = {"informatieobjecttype": types.get(version.type_uuid, {})}
    return bodies


async def expand_relations(session: AsyncSession, document_ids: list[int], bodies: list[dict], paths: set[str]) -> None:
    """``_expand.informatieobject`` (and inside it its informatieobjecttype) on gebruiksrechten or verzendingen."""
    if "informatieobject" not in paths and "informatieobject.informatieobjecttype" not in paths:
        return
    latest_versions = await latest_by_ids(session, document_ids)
    ordered = list(latest_versions.values())
    document_bodies_ = await document_bodies(session, ordered)
    nested = {p.split(".", 1)[1] for p in paths if p.startswith("informatieobject.")}
    await expand_documents(session, ordered, document_bodies_, nested)
    by_id = {v.document.id: body for v, body in zip(ordered, document_bodies_, strict=True)}
    for document_id, body in zip(document_ids, bodies, strict=True):
        body["_expand"] = {"informatieobject": by_id.get(document_id, {})}


# --- gebruiksrechten, objectinformatieobjecten, verzendingen ---------------------------------


async def document_uuids(session: AsyncSession, ids: Iterable[int]) -> dict[int, uuid.UUID]:
    ids = set(ids)
    if not ids:
        return {}
    return dict((await session.execute(select(Document.id, Document.uuid).where(Document.id.in_(ids)))).all())


async def gebruiksrechten_bodies(session: AsyncSession, rows: Sequence[Gebruiksrechten]) -> list[dict]:
    uuids = await document_uuids(session, (row.document_id for row in rows))
    return [
        {
            "url": url_of("gebruiksrechten", row.uuid),
            "informatieobject": document_url(uuids[row.document_id]),
            "startdatum": iso_datetime(row.startdatum),
            "einddatum": iso_datetime(row.einddatum),
            "omschrijvingVoorwaarden": row.omschrijving_voorwaarden,
        }
        for row in rows
    ]


async def objectinformatieobject_bodies(session: AsyncSession, rows: Sequence[ObjectInformatieObject]) -> list[dict]:
    uuids = await document_uuids(session, (row.document_id for row in rows))
    return [
        {
            "url": url_of("objectinformatieobjecten", row.uuid),
            "informatieobject": document_url(uuids[row.document_id]),
            "object": row.object,
            "objectType": row.object_type,
        }
        for row in rows
    ]


async def verzending_bodies(session: AsyncSession, rows: Sequence[Verzending]) -> list[dict]:
    uuids = await document_uuids(session, (row.document_id for row in rows))
    return [
        {
            "url": url_of("verzendingen", row.uuid),
            "betrokkene": row.betrokkene,
            "informatieobject": document_url(uuids[row.document_id]),
            "aardRelatie": row.aard_relatie,
            "toelichting": row.toelichting,
            "ontvangstdatum": iso_date(row.ontvangstdatum),
            "verzenddatum": iso_date(row.verzenddatum),
            "contactPersoon": row.contact_persoon,
            "contactpersoonnaam": row.contactpersoonnaam,
            "binnenlandsCorrespondentieadres": row.binnenlands_correspondentieadres,
            "buitenlandsCorrespondentieadres": row.buitenlands_correspondentieadres,
            "correspondentiePostadres": row.correspondentie_postadres,
            "faxnummer": row.faxnummer,
            "emailadres": row.emailadres,
            "mijnOverheid": row.mijn_overheid,
            "telefoonnummer": row.telefoonnummer,
        }
        for row in rows
    ]


def document_id_of_url(url: str):
    """A SQL expression for the id of the document a URL of this installation names (no match otherwise)."""
    ref = urls.resolve(url)
    if ref is None or ref.api != API or ref.resource != DOCUMENTS:
        return None
    return select(Document.id).where(Document.uuid == ref.uuid).scalar_subquery()


async def get_by_uuid(session: AsyncSession, model, uuid_: uuid.UUID):
    obj = await session.scalar(select(model).where(model.uuid == uuid_))
    if obj is None:
        raise NotFound()
    return obj
