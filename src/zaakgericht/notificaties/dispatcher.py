"""Delivering the outbox: route each notification to the matching abonnementen, then POST it.

Delivery is at least once. Every message carries an ``Idempotency-Key`` header that is
the same on every attempt and for every subscriber, so a subscriber can drop repeats.
A failed delivery is retried with exponential backoff and jitter; after the last
attempt the row is dead and stays visible (``zaakgericht outbox list``) until an
operator re-queues it (``zaakgericht outbox retry``).

Any number of dispatchers may run (inside ``serve`` and as ``zaakgericht worker``). A
delivery is claimed for ``ZAAKGERICHT_OUTBOX_CLAIM_SECONDS`` in its own committed
transaction, on PostgreSQL with ``FOR UPDATE SKIP LOCKED``, so two workers never deliver
the same row at once, and a worker that dies after claiming only delays the row until
the claim expires. Messages about one hoofdObject reach a subscriber in order: a
delivery waits while an earlier one to the same subscriber about the same object is
still pending.

E-mails (``email`` rows, see ``email.py``) are claimed and settled the same way and sent over SMTP;
a permanent refusal (a 5xx reply) makes one dead at once.
"""

import asyncio
import contextlib
import logging
import random
import uuid
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from ..api import outgoing
from ..db import write_session
from ..settings import get_settings
from . import email
from .models import Abonnement, AbonnementKanaal, Kanaal, OutboxMessage
from .schemas import is_header_value
from .service import outbox_written

logger = logging.getLogger("zaakgericht.outbox")

NOTIFICATIE = "notificatie"
WEBHOOK = "webhook"
EMAIL = email.EMAIL

CALLBACK_REFUSED = (
    "De callbackUrl van het abonnement (of een adres van die host) staat niet in ZAAKGERICHT_CALLBACK_HOSTS."
)


def _now() -> datetime:
    return datetime.now(UTC)


def _is_postgres(session: AsyncSession) -> bool:
    return session.bind.dialect.name == "postgresql"


def filters_match(filters: dict[str, str], kenmerken: dict[str, str]) -> bool:
    """A filter matches an equal kenmerk or ``*``; a kenmerk the message lacks does not exclude it."""
    return all(key not in kenmerken or value in ("*", kenmerken[key]) for key, value in filters.items())


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: doubling from the base, capped, with ±20 % jitter."""
    settings = get_settings()
    delay = min(settings.outbox_backoff_max, settings.outbox_backoff_base * 2 ** (attempts - 1))
    return timedelta(seconds=delay * random.uniform(0.8, 1.2))


# --- routing ---------------------------------------------------------------------------------


async def route_due(session: AsyncSession, now: datetime) -> int:
    """Replace due notifications by one webhook delivery per matching abonnement."""
    statement = (
        select(OutboxMessage)
        .where(
            OutboxMessage.kind == NOTIFICATIE,
            OutboxMessage.delivered_at.is_(None),
            OutboxMessage.dead_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.id)
        .limit(get_settings().outbox_batch_size)
    )
    if _is_postgres(session):
        # Routers take turns (no SKIP LOCKED), so deliveries keep the order of publication.
        statement = statement.with_for_update()
    notificaties = (await session.scalars(statement)).all()
    if not notificaties:
        return 0
    subscriptions: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    rows = await session.execute(
        select(Kanaal.naam, AbonnementKanaal.abonnement_id, AbonnementKanaal.filters).join(
            Kanaal, Kanaal.id == AbonnementKanaal.kanaal_id
        )
    )
    for kanaal, abonnement_id, filters in rows.all():
        subscriptions[kanaal].append((abonnement_id, filters or {}))
    for notificatie in notificaties:
        kenmerken = notificatie.payload.get("kenmerken") or {}
        matching = {
            abonnement_id
            for abonnement_id, filters in subscriptions[notificatie.payload["kanaal"]]
            if filters_match(filters, kenmerken)
        }
        for abonnement_id in sorted(matching):
            session.add(
                OutboxMessage(
                    kind=WEBHOOK,
                    payload=notificatie.payload,
                    message_id=notificatie.message_id,
                    abonnement_id=abonnement_id,
                    ordering_key=notificatie.ordering_key,
                    sequence=notificatie.id,
                    created=now,
                    attempts=0,
                    next_attempt_at=now,
                    last_error="",
                )
            )
        notificatie.delivered_at = now
    return len(notificaties)


# --- delivery --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    callback_url: str
    auth: str
    payload: dict
    message_id: uuid.UUID


async def claim(session: AsyncSession, now: datetime) -> list[Delivery]:
    """Reserve due deliveries for this worker; each is the oldest pending one for its subscriber and object."""
    earlier = aliased(OutboxMessage)
    waits_for_earlier = (
        select(earlier.id)
        .where(
            earlier.kind == WEBHOOK,
            earlier.abonnement_id == OutboxMessage.abonnement_id,
            earlier.ordering_key == OutboxMessage.ordering_key,
            earlier.sequence < OutboxMessage.sequence,
            earlier.delivered_at.is_(None),
            earlier.dead_at.is_(None),
        )
        .exists()
    )
    statement = (
        select(OutboxMessage, Abonnement.callback_url, Abonnement.auth)
        .join(Abonnement, Abonnement.id == OutboxMessage.abonnement_id)
        .where(
            OutboxMessage.kind == WEBHOOK,
            OutboxMessage.delivered_at.is_(None),
            OutboxMessage.dead_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
            ~waits_for_earlier,
        )
        .order_by(OutboxMessage.sequence, OutboxMessage.id)
        .limit(get_settings().outbox_batch_size)
    )
    if _is_postgres(session):
        statement = statement.with_for_update(skip_locked=True, of=OutboxMessage)
    claimed_until = now + timedelta(seconds=get_settings().outbox_claim_seconds)
    deliveries = []
    for row, callback_url, auth in (await session.execute(statement)).all():
        row.claimed_until = claimed_until
        deliveries.append(Delivery(row.id, callback_url, auth, row.payload, row.message_id))
    return deliveries


async def claim_emails(session: AsyncSession, now: datetime) -> list[email.EmailDelivery]:
    """Reserve due e-mails; each waits for earlier ones to the same address with the same ordering key."""
    if not email.configured():
        # Rows wait (not attempted, not dead); say so once, when there is one.
        if not email.warned_unconfigured() and await session.scalar(
            select(_due(now).where(OutboxMessage.kind == EMAIL).exists())
        ):
            email.warn_unconfigured()
        return []
    earlier = aliased(OutboxMessage)
    waits_for_earlier = (
        select(earlier.id)
        .where(
            earlier.kind == EMAIL,
            earlier.ordering_key == OutboxMessage.ordering_key,
            earlier.id < OutboxMessage.id,
            earlier.delivered_at.is_(None),
            earlier.dead_at.is_(None),
        )
        .exists()
    )
    statement = (
        _due(now)
        .where(
            OutboxMessage.kind == EMAIL,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
            or_(OutboxMessage.ordering_key == "", ~waits_for_earlier),
        )
        .order_by(OutboxMessage.id)
        .limit(get_settings().outbox_batch_size)
    )
    if _is_postgres(session):
        statement = statement.with_for_update(skip_locked=True)
    claimed_until = now + timedelta(seconds=get_settings().outbox_claim_seconds)
    deliveries = []
    for row in (await session.scalars(statement)).all():
        row.claimed_until = claimed_until
        deliveries.append(email.EmailDelivery(row.id, row.payload, row.message_id, row.created))
    return deliveries


def _due(now: datetime):
    return select(OutboxMessage).where(
        OutboxMessage.delivered_at.is_(None),
        OutboxMessage.dead_at.is_(None),
        OutboxMessage.next_attempt_at <= now,
    )


async def send_emails(deliveries: list[email.EmailDelivery]) -> list[email.Failure | None]:
    if not deliveries:
        return []
    try:
        return await asyncio.to_thread(email.send_batch, deliveries, get_settings())
    except Exception as exc:
        # send_batch settles each message itself; whatever still escapes must not leave the round unsettled.
        logger.exception("Fout bij het versturen van e-mails; ze worden later opnieuw geprobeerd")
        return [email.Failure(f"{type(exc).__name__}: {exc}", permanent=False)] * len(deliveries)


async def deliver(client: httpx.AsyncClient, delivery: Delivery) -> email.Failure | None:
    """POST one message; None when the subscriber accepted it, else what went wrong.

    Never raises: whatever goes wrong fails this delivery alone, so it cannot hold up the others.
    """
    if not is_header_value(delivery.auth):
        return email.Failure("De auth van het abonnement kan niet als HTTP-header worden verstuurd.", permanent=True)
    headers = {"Authorization": delivery.auth, "Idempotency-Key": str(delivery.message_id)}
    try:
        response = await client.post(delivery.callback_url, json=delivery.payload, headers=headers)
    except outgoing.Refused:
        # Allowed when the abonnement was made, perhaps, but not now: it will not become allowed by waiting.
        return email.Failure(CALLBACK_REFUSED, permanent=True)
    except httpx.HTTPError as exc:
        return email.Failure(f"{type(exc).__name__}: {exc}", permanent=False)
    except Exception as exc:
        logger.exception("Onverwachte fout bij het afleveren van bericht %s", delivery.id)
        return email.Failure(f"{type(exc).__name__}: {exc}", permanent=False)
    if 200 <= response.status_code < 300:
        return None
    return email.Failure(f"HTTP {response.status_code}: {response.text[:500]}", permanent=False)


async def settle(
    session: AsyncSession, outcomes: dict[int, str | None], now: datetime, permanent: Collection[int] = ()
) -> None:
    """Record the outcome of each attempt: delivered, retried later, or dead after the last attempt
    (at once for the ids in ``permanent``: refused for good)."""
    max_attempts = get_settings().outbox_max_attempts
    rows = (await session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(outcomes)))).all()
    for row in rows:
        error = outcomes[row.id]
        row.attempts += 1
        row.claimed_until = None
        if error is None:
            row.delivered_at = now
            continue
        row.last_error = error
        if row.attempts >= max_attempts or row.id in permanent:
            row.dead_at = now
            logger.warning("Bericht %s is na %s poging(en) niet afgeleverd: %s", row.id, row.attempts, error)
        else:
            row.next_attempt_at = now + backoff(row.attempts)


async def dispatch_once(client: httpx.AsyncClient, now: datetime | None = None) -> int:
    """Route and deliver what is due; returns how many rows were handled (0: nothing to do)."""
    now = now or _now()
    async with write_session() as session:
        routed = await route_due(session, now)
    async with write_session() as session:
        deliveries = await claim(session, now)
        emails = await claim_emails(session, now)
    if deliveries or emails:
        email_outcomes, *errors = await asyncio.gather(
            send_emails(emails), *(deliver(client, delivery) for delivery in deliveries)
        )
        failures = dict(zip([d.id for d in deliveries], errors, strict=True))
        failures.update(zip([e.id for e in emails], email_outcomes, strict=True))
        outcomes = {id_: failure and failure.error for id_, failure in failures.items()}
        permanent = {id_ for id_, failure in failures.items() if failure and failure.permanent}
        async with write_session() as session:
            await settle(session, outcomes, now, permanent)
    return routed + len(deliveries) + len(emails)


def http_client() -> httpx.AsyncClient:
    """Calls back only to ZAAKGERICHT_CALLBACK_HOSTS (see api/outgoing.py); redirects are not followed."""
    timeout = get_settings().outbox_delivery_timeout
    return outgoing.client(outgoing.callback_hosts, timeout=timeout, limits=httpx.Limits(max_connections=50))


async def run(stop: asyncio.Event, *, drain: bool = False) -> None:
    """Deliver until ``stop`` is set (or, with ``drain``, until nothing is due)."""
    poll = get_settings().outbox_poll_seconds
    coalesce = get_settings().outbox_coalesce_seconds
    async with http_client() as client:
        while not stop.is_set():
            outbox_written.clear()
            try:
                handled = await dispatch_once(client)
            except Exception:
                logger.exception("Fout bij het afleveren van de outbox; opnieuw over %s s", poll)
                handled = 0
            if handled:
                continue
            if drain:
                return
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(outbox_written.wait())]
            await asyncio.wait(waiters, timeout=poll, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()
            if outbox_written.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), coalesce)


# --- operators -------------------------------------------------------------------------------


async def list_rows(session: AsyncSession, *, dead_only: bool) -> list[OutboxMessage]:
    statement = select(OutboxMessage).where(OutboxMessage.delivered_at.is_(None)).order_by(OutboxMessage.id)
    if dead_only:
        statement = statement.where(OutboxMessage.dead_at.is_not(None))
    return list((await session.scalars(statement)).all())


async def retry(session: AsyncSession, ids: list[int] | None) -> int:
    """Re-queue dead rows (all of them when ``ids`` is None); returns how many."""
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.dead_at.is_not(None), OutboxMessage.delivered_at.is_(None))
        .values(dead_at=None, attempts=0, next_attempt_at=_now(), claimed_until=None)
    )
    if ids is not None:
        statement = statement.where(OutboxMessage.id.in_(ids))
    return (await session.execute(statement)).rowcount
