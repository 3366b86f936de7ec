"""Kanalen, abonnementen, and the outbox of messages written in the same transaction as their cause."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdMixin, IntPK, UtcDateTime


class Kanaal(IdMixin, Base):
    __tablename__ = "kanaal"

    naam: Mapped[str] = mapped_column(String(50), unique=True)
    documentatie_link: Mapped[str] = mapped_column(String(200), default="")
    # Names of the kenmerken an abonnement may filter on.
    filters: Mapped[list[str]] = mapped_column(JSON, default=list)


class Abonnement(IdMixin, Base):
    __tablename__ = "abonnement"

    callback_url: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(1000))


class AbonnementKanaal(Base):
    """One kanaal of an abonnement with its filters on kenmerken."""

    __tablename__ = "abonnement_kanaal"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    abonnement_id: Mapped[int] = mapped_column(ForeignKey("abonnement.id", ondelete="CASCADE"), index=True)
    kanaal_id: Mapped[int] = mapped_column(ForeignKey("kanaal.id", ondelete="CASCADE"), index=True)
    filters: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class OutboxMessage(Base):
    """A message to deliver.

    A ``notificatie`` row holds a message as published; the dispatcher routes it to the
    matching abonnementen as one ``webhook`` row each, which it then delivers with
    retries. Webhook rows keep the ``sequence`` (the id of the notificatie row) and the
    ``ordering_key`` (the hoofdObject), so messages about one zaak reach a subscriber in
    the order they were published.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "kind", "delivered_at", "dead_at", "next_attempt_at"),
        Index("ix_outbox_order", "abonnement_id", "ordering_key", "sequence"),
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    # "notificatie" (to route), "webhook" (to deliver to one abonnement), later "email".
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict] = mapped_column(JSON)
    # Sent as the Idempotency-Key header: the same for every delivery of one message.
    message_id: Mapped[uuid.UUID] = mapped_column(Uuid, default=uuid.uuid4)
    abonnement_id: Mapped[int | None] = mapped_column(ForeignKey("abonnement.id", ondelete="CASCADE"), nullable=True)
    ordering_key: Mapped[str] = mapped_column(String(1000), default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    dead_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
