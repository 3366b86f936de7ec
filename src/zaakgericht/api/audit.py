"""The audit trail of zaken, documents and besluiten (``AuditTrail`` in the Zaken, Documenten and Besluiten APIs).

Every write on a main object or one of its sub-resources records who did it (the
applicatie and the user named in the token), what changed (the JSON before and after)
and when, in the same transaction as the change.
"""

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Response
from sqlalchemy import JSON, Integer, String, Text, Uuid, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdMixin, UtcDateTime, read_session
from .auth import AuthContext, require_scopes
from .errors import NotFound
from .responses import json_response

ACTIE_WEERGAVE = {
    "create": "Object aangemaakt",
    "update": "Object bijgewerkt",
    "partial_update": "Object deels bijgewerkt",
    "destroy": "Object verwijderd",
}

# The HTTP status each action answers with, recorded as ``resultaat``.
ACTIE_RESULTAAT = {"create": 201, "update": 200, "partial_update": 200, "destroy": 204}


class AuditTrail(IdMixin, Base):
    __tablename__ = "audittrail"

    bron: Mapped[str] = mapped_column(String(3))
    # The uuid of the main object (zaak, informatieobject, besluit): its trail is listed by it.
    hoofd_object_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    hoofd_object: Mapped[str] = mapped_column(String(1000))
    applicatie_id: Mapped[str] = mapped_column(String(100))
    applicatie_weergave: Mapped[str] = mapped_column(String(200))
    gebruikers_id: Mapped[str] = mapped_column(String(255))
    gebruikers_weergave: Mapped[str] = mapped_column(String(255))
    actie: Mapped[str] = mapped_column(String(50))
    resultaat: Mapped[int] = mapped_column(Integer)
    resource: Mapped[str] = mapped_column(String(50))
    resource_url: Mapped[str] = mapped_column(String(1000))
    resource_weergave: Mapped[str] = mapped_column(String(200))
    toelichting: Mapped[str] = mapped_column(Text)
    aanmaakdatum: Mapped[datetime] = mapped_column(UtcDateTime)
    oud: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    nieuw: Mapped[dict | None] = mapped_column(JSON, nullable=True)


def record(
    session: AsyncSession,
    auth: AuthContext,
    *,
    bron: str,
    actie: str,
    hoofd_object_uuid: uuid.UUID,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    resource_weergave: str,
    oud: dict | None,
    nieuw: dict | None,
) -> AuditTrail:
    entry = AuditTrail(
        bron=bron,
        hoofd_object_uuid=hoofd_object_uuid,
        hoofd_object=hoofd_object,
        applicatie_id=auth.client_id,
        applicatie_weergave=auth.applicatie_label,
        gebruikers_id=auth.user_id,
        gebruikers_weergave=auth.user_representation,
        actie=actie,
        resultaat=ACTIE_RESULTAAT.get(actie, 200),
        resource=resource,
        resource_url=resource_url,
        resource_weergave=resource_weergave[:200],
        toelichting=auth.audit_toelichting,
        aanmaakdatum=datetime.now(UTC),
        oud=oud,
        nieuw=nieuw,
    )
    session.add(entry)
    return entry


def actie_of(partial: bool) -> str:
    """The audit (and notification) actie of a PUT or PATCH."""
    return "partial_update" if partial else "update"


async def delete_trail(session: AsyncSession, bron: str, hoofd_object_uuid: uuid.UUID) -> None:
    """A destroyed main object takes its history with it (no soft deletes)."""
    await session.execute(
        delete(AuditTrail).where(AuditTrail.bron == bron, AuditTrail.hoofd_object_uuid == hoofd_object_uuid)
    )


def _datetime(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite returns naive datetimes; they were written in UTC.
        value = value.replace(tzinfo=UTC)
    return value.isoformat().replace("+00:00", "Z")


def body(entry: AuditTrail) -> dict:
    return {
        "uuid": str(entry.uuid),
        "bron": entry.bron,
        "applicatieId": entry.applicatie_id,
        "applicatieWeergave": entry.applicatie_weergave,
        "gebruikersId": entry.gebruikers_id,
        "gebruikersWeergave": entry.gebruikers_weergave,
        "actie": entry.actie,
        "actieWeergave": ACTIE_WEERGAVE.get(entry.actie, entry.actie),
        "resultaat": entry.resultaat,
        "hoofdObject": entry.hoofd_object,
        "resource": entry.resource,
        "resourceUrl": entry.resource_url,
        "toelichting": entry.toelichting,
        "resourceWeergave": entry.resource_weergave,
        "aanmaakdatum": _datetime(entry.aanmaakdatum),
        # The OAS types both as objects: a create has no "oud", a destroy no "nieuw".
        "wijzigingen": {key: value for key, value in (("oud", entry.oud), ("nieuw", entry.nieuw)) if value is not None},
    }


async def trail(session: AsyncSession, bron: str, hoofd_object_uuid: uuid.UUID) -> list[dict]:
    entries = await session.scalars(
        select(AuditTrail)
        .where(AuditTrail.bron == bron, AuditTrail.hoofd_object_uuid == hoofd_object_uuid)
        .order_by(AuditTrail.aanmaakdatum, AuditTrail.id)
    )
    return [body(entry) for entry in entries]


async def trail_entry(session: AsyncSession, bron: str, hoofd_object_uuid: uuid.UUID, uuid_: uuid.UUID) -> dict:
    entry = await session.scalar(
        select(AuditTrail).where(
            AuditTrail.bron == bron, AuditTrail.hoofd_object_uuid == hoofd_object_uuid, AuditTrail.uuid == uuid_
        )
    )
    if entry is None:
        raise NotFound()
    return body(entry)


AuditLezen = Annotated[AuthContext, require_scopes("audittrails.lezen")]
# Raises (NotFound, PermissionDenied) unless the client may read the hoofdobject's trail. A hoofdobject
# that is gone took its trail with it: a 404, though the OAS lists none there.
EnsureReadable = Callable[[AsyncSession, AuthContext, uuid.UUID], Awaitable[None]]


def trail_router(collection: str, bron: str, ensure_readable: EnsureReadable) -> APIRouter:
    """The audittrail list and detail below each hoofdobject of ``collection`` (e.g. ``/zaken``)."""
    router = APIRouter()

    @router.get(f"{collection}/{{hoofd_object_uuid}}/audittrail", name="audittrail_list")
    async def audittrail_list(hoofd_object_uuid: uuid.UUID, auth: AuditLezen) -> Response:
        async with read_session() as session:
            await ensure_readable(session, auth, hoofd_object_uuid)
            return json_response(await trail(session, bron, hoofd_object_uuid))

    @router.get(f"{collection}/{{hoofd_object_uuid}}/audittrail/{{uuid}}", name="audittrail_read")
    async def audittrail_read(hoofd_object_uuid: uuid.UUID, uuid: uuid.UUID, auth: AuditLezen) -> Response:
        async with read_session() as session:
            await ensure_readable(session, auth, hoofd_object_uuid)
            return json_response(await trail_entry(session, bron, hoofd_object_uuid, uuid))

    return router
