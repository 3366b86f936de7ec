"""Queueing notifications in the outbox, inside the caller's transaction."""

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from .models import OutboxMessage


def queue_notificatie(
    session: AsyncSession,
    *,
    kanaal: str,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    actie: str,
    kenmerken: dict[str, str],
) -> OutboxMessage:
    """Add a notification (the ``Message`` of the Notificaties API) to the outbox."""
    now = datetime.now(UTC)
    message = OutboxMessage(
        kind="notificatie",
        payload={
            "kanaal": kanaal,
            "hoofdObject": hoofd_object,
            "resource": resource,
            "resourceUrl": resource_url,
            "actie": actie,
            "aanmaakdatum": now.isoformat().replace("+00:00", "Z"),
            "kenmerken": kenmerken,
        },
        created=now,
        attempts=0,
        next_attempt_at=now,
    )
    session.add(message)
    return message
