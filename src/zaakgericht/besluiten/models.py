"""Besluiten and the documents that record them.

A besluit points at a besluittype of this installation's catalogue (foreign key), so
authorisation by besluittype is a join in SQL. Its zaak is a zaak of our Zaken API
(foreign key, which the archive derivation of the Zaken API reads) or, for a zaak of
another installation, only that zaak's URL.
"""

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdMixin


class Besluit(IdMixin, Base):
    __tablename__ = "besluit"
    # brc-002: identificatie is unique within the verantwoordelijke organisatie.
    __table_args__ = (UniqueConstraint("verantwoordelijke_organisatie", "identificatie"),)

    identificatie: Mapped[str] = mapped_column(String(50), index=True)
    verantwoordelijke_organisatie: Mapped[str] = mapped_column(String(9))
    besluittype_id: Mapped[int] = mapped_column(ForeignKey("besluittype.id"), index=True)
    # A zaak of our Zaken API; the besluit stays when the zaak is destroyed.
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="SET NULL"), nullable=True, index=True)
    # A zaak of another installation (then zaak_id is empty).
    zaak_url: Mapped[str] = mapped_column(String(200), default="", index=True)
    datum: Mapped[date] = mapped_column(Date)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    bestuursorgaan: Mapped[str] = mapped_column(String(50), default="")
    ingangsdatum: Mapped[date] = mapped_column(Date)
    vervaldatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    vervalreden: Mapped[str] = mapped_column(String(30), default="")
    publicatiedatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    verzenddatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    uiterlijke_reactiedatum: Mapped[date | None] = mapped_column(Date, nullable=True)


class BesluitInformatieObject(IdMixin, Base):
    """A document in which (part of) the besluit is laid down; its aardRelatie is always "legt_vast" (brc-004)."""

    __tablename__ = "besluitinformatieobject"
    __table_args__ = (UniqueConstraint("besluit_id", "informatieobject"),)

    # brc-009: removed with the besluit. (The unique constraint indexes besluit_id.)
    besluit_id: Mapped[int] = mapped_column(ForeignKey("besluit.id", ondelete="CASCADE"))
    informatieobject: Mapped[str] = mapped_column(String(1000), index=True)
