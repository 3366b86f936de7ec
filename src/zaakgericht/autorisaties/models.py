"""Applicaties, their client ids (with the JWT secret) and their autorisaties."""

from sqlalchemy import JSON, Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdMixin, IntPK


class Applicatie(IdMixin, Base):
    __tablename__ = "applicatie"

    label: Mapped[str] = mapped_column(String(100))
    heeft_alle_autorisaties: Mapped[bool] = mapped_column(Boolean, default=False)

    clients: Mapped[list["ApplicatieClient"]] = relationship(
        back_populates="applicatie", lazy="raise", cascade="all, delete-orphan", order_by="ApplicatieClient.id"
    )
    autorisaties: Mapped[list["Autorisatie"]] = relationship(
        back_populates="applicatie", lazy="raise", cascade="all, delete-orphan", order_by="Autorisatie.id"
    )


class ApplicatieClient(Base):
    """One client id of an applicatie and the secret its JWTs are signed with.

    The secret is provider configuration, not part of the Autorisaties API, so an
    applicatie created through that API has client ids without a secret until an
    operator sets one (``zaakgericht applicatie secret``).
    """

    __tablename__ = "applicatie_client"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    applicatie_id: Mapped[int] = mapped_column(ForeignKey("applicatie.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(100), unique=True)
    secret: Mapped[str | None] = mapped_column(String(255), nullable=True)

    applicatie: Mapped[Applicatie] = relationship(back_populates="clients", lazy="raise")


class Autorisatie(Base):
    __tablename__ = "autorisatie"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    applicatie_id: Mapped[int] = mapped_column(ForeignKey("applicatie.id", ondelete="CASCADE"), index=True)
    component: Mapped[str] = mapped_column(String(10))
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    zaaktype: Mapped[str] = mapped_column(String(1000), default="")
    informatieobjecttype: Mapped[str] = mapped_column(String(1000), default="")
    besluittype: Mapped[str] = mapped_column(String(1000), default="")
    max_vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20), default="")

    applicatie: Mapped[Applicatie] = relationship(back_populates="autorisaties", lazy="raise")
