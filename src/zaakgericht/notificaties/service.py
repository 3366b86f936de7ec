"""Notifications: queueing messages in the outbox, kanalen and abonnementen.

Our own APIs and other systems (``POST /notificaties``) publish the same way: the
message goes into the outbox in the caller's transaction, and the dispatcher routes it
to the abonnementen whose kanaal and filters match.
"""

import asyncio
from datetime import UTC, datetime

from sqlalchemy import delete, event, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import outgoing
from ..api.body import validate
from ..api.errors import ValidationError
from .models import Abonnement, AbonnementKanaal, Kanaal, OutboxMessage
from .schemas import AbonnementIn, KanaalIn, MessageIn

DOCUMENTATIE = "https://vng-realisatie.github.io/gemma-zaken/standaard/"

MESSAGE_FIELDS = ("kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum", "kenmerken")

# The kanalen of our own APIs and the kenmerken each announces, as the standard lists them.
OWN_KANALEN = {
    "autorisaties": [],
    "zaken": ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"],
    "documenten": ["bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"],
    "besluiten": ["verantwoordelijke_organisatie", "besluittype"],
    "zaaktypen": ["catalogus"],
    "informatieobjecttypen": ["catalogus"],
    "besluittypen": ["catalogus"],
}

# Set after a commit that queued messages, so an in-process dispatcher starts at once.
outbox_written = asyncio.Event()


def _wake_dispatcher(_session) -> None:
    outbox_written.set()


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
    return _queue(
        session,
        {
            "kanaal": kanaal,
            "hoofdObject": hoofd_object,
            "resource": resource,
            "resourceUrl": resource_url,
            "actie": actie,
            "aanmaakdatum": now.isoformat().replace("+00:00", "Z"),
            "kenmerken": kenmerken,
        },
        now,
    )


def _queue(session: AsyncSession, message: dict, now: datetime) -> OutboxMessage:
    row = OutboxMessage(
        kind="notificatie",
        payload=message,
        ordering_key=message["hoofdObject"],
        created=now,
        attempts=0,
        next_attempt_at=now,
        last_error="",
    )
    session.add(row)
    wake_dispatcher_on_commit(session)
    return row


def wake_dispatcher_on_commit(session: AsyncSession) -> None:
    """Let an in-process dispatcher start as soon as this transaction, which queued outbox rows, commits."""
    if not event.contains(session.sync_session, "after_commit", _wake_dispatcher):
        event.listen(session.sync_session, "after_commit", _wake_dispatcher, once=True)


async def ensure_own_kanalen(session: AsyncSession) -> None:
    """Create the kanalen of our own APIs where they do not exist yet."""
    existing = set((await session.scalars(select(Kanaal.naam))).all())
    for naam, filters in OWN_KANALEN.items():
        if naam not in existing:
            session.add(Kanaal(naam=naam, documentatie_link=DOCUMENTATIE, filters=filters))


# --- kanalen ---------------------------------------------------------------------------------


async def create_kanaal(session: AsyncSession, data: dict) -> Kanaal:
    body = validate(KanaalIn, data)
    if await session.scalar(select(Kanaal.id).where(Kanaal.naam == body.naam)):
        raise ValidationError.single("naam", "unique", f"Er bestaat al een kanaal met de naam '{body.naam}'.")
    kanaal = Kanaal(naam=body.naam, documentatie_link=body.documentatie_link, filters=body.filters)
    session.add(kanaal)
    await session.flush()
    return kanaal


# --- abonnementen ----------------------------------------------------------------------------


async def save_abonnement(
    session: AsyncSession, data: dict, abonnement: Abonnement | None = None, *, current: dict | None = None
) -> Abonnement:
    """Create or replace an abonnement; with ``current`` the data patches that representation."""
    body = validate(AbonnementIn, {**(current or {}), **data})
    if not outgoing.is_allowed(body.callback_url, outgoing.callback_hosts()):
        raise ValidationError.single("callbackUrl", "bad-url", outgoing.REFUSED_REASON.format(url=body.callback_url))
    names = [group.naam for group in body.kanalen]
    kanalen = {k.naam: k for k in (await session.scalars(select(Kanaal).where(Kanaal.naam.in_(names)))).all()}
    for position, group in enumerate(body.kanalen):
        kanaal = kanalen.get(group.naam)
        if kanaal is None:
            raise ValidationError.single(
                f"kanalen.{position}.naam", "kanaal-naam", f"Het kanaal '{group.naam}' bestaat niet."
            )
        unknown = sorted(set(group.filters) - set(kanaal.filters))
        if unknown:
            raise ValidationError.single(
                f"kanalen.{position}.filters",
                "kanaal-filters",
                f"Het kanaal '{group.naam}' kent de kenmerken {', '.join(unknown)} niet "
                f"(wel: {', '.join(kanaal.filters) or 'geen'}).",
            )
    if abonnement is None:
        abonnement = Abonnement()
        session.add(abonnement)
    abonnement.callback_url = body.callback_url
    abonnement.auth = body.auth
    await session.flush()
    await session.execute(delete(AbonnementKanaal).where(AbonnementKanaal.abonnement_id == abonnement.id))
    for group in body.kanalen:
        session.add(
            AbonnementKanaal(abonnement_id=abonnement.id, kanaal_id=kanalen[group.naam].id, filters=group.filters)
        )
    await session.flush()
    return abonnement


async def delete_abonnement(session: AsyncSession, abonnement: Abonnement) -> None:
    """Remove the abonnement; messages not yet delivered to it go with it."""
    await session.delete(abonnement)
    await session.flush()


# --- messages from other systems -------------------------------------------------------------


async def publish(session: AsyncSession, data: dict) -> dict:
    """``POST /notificaties``: a message from another system, routed like our own."""
    body = validate(MessageIn, data)
    if not await session.scalar(select(Kanaal.id).where(Kanaal.naam == body.kanaal)):
        raise ValidationError.single("kanaal", "kanaal_naam", f"Het kanaal '{body.kanaal}' bestaat niet.")
    # Subscribers receive the message as it was published.
    message = {key: data[key] for key in MESSAGE_FIELDS if key in data}
    message.setdefault("kenmerken", {})
    _queue(session, message, datetime.now(UTC))
    return message
