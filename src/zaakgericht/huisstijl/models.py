"""The one row of the organisation's huisstijl."""

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UtcDateTime


class Huisstijl(Base):
    """The organisation's name, colours and logo; one row (id 1), absent until a beheerder sets it.

    ``versie`` rises with every change: the ETag of the stylesheet and the logo."""

    __tablename__ = "huisstijl"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisatie_naam: Mapped[str] = mapped_column(String(200))
    kleur_primair: Mapped[str] = mapped_column(String(7))
    kleur_accent: Mapped[str] = mapped_column(String(7))
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_type: Mapped[str | None] = mapped_column(String(20), nullable=True)
    versie: Mapped[int] = mapped_column(Integer, default=1)
    gewijzigd: Mapped[datetime] = mapped_column(UtcDateTime)
