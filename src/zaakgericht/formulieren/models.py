"""Which zaaktypen citizens may start online, and the forms they are filling in (concepts).

A zaaktype is named by its catalogus and identificatie, not by one version: a new version of the zaaktype
stays online, and the form always follows the version valid on the day.
"""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IntPK, UtcDateTime


class OnlineFormulier(Base):
    """A zaaktype that beheer offers (or no longer offers) as a public form, with a short introduction."""

    __tablename__ = "online_formulier"
    __table_args__ = (UniqueConstraint("catalogus_id", "zaaktype_identificatie"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    catalogus_id: Mapped[int] = mapped_column(ForeignKey("catalogus.id", ondelete="CASCADE"))
    zaaktype_identificatie: Mapped[str] = mapped_column(String(50))
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    intro: Mapped[str] = mapped_column(Text, default="")


class FormulierConcept(Base):
    """A form a citizen is filling in: their identity, the answers so far and the files already stored.

    The URL carries a random token (only its SHA-256 is stored). Once sent, ``zaak_uuid`` names the zaak
    it made, so sending it again shows the same confirmation; the files then belong to the zaak's documents.
    """

    __tablename__ = "formulier_concept"
    __table_args__ = (CheckConstraint("(bsn IS NULL) <> (kvk_nummer IS NULL)", name="een_identiteit"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    bsn: Mapped[str | None] = mapped_column(String(9), nullable=True)
    kvk_nummer: Mapped[str | None] = mapped_column(String(8), nullable=True)
    formulier_id: Mapped[int] = mapped_column(ForeignKey("online_formulier.id", ondelete="CASCADE"), index=True)
    # {"omschrijving", "toelichting", "eigenschappen": {uuid: [stored values]}, "emailadres", "telefoonnummer"}
    antwoorden: Mapped[dict] = mapped_column(JSON, default=dict)
    # {informatieobjecttype omschrijving: {"key", "size", "sha256", "bestandsnaam", "formaat"}}
    bestanden: Mapped[dict] = mapped_column(JSON, default=dict)
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)
    verloopt: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    zaak_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
