"""The server-side sessions of citizens (DigiD, BSN) and companies (eHerkenning, KvK-nummer) in the PIP.

Kept apart from the medewerkers' ``web_sessie``: a citizen is no account, only the identity the broker
(or the test login) vouched for, and their session has its own cookie and shorter terms.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IntPK, UtcDateTime

LOGIN_METHODES = ("digid", "eherkenning", "test")


class BurgerSessie(Base):
    """A logged-in citizen or company. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "burger_sessie"
    __table_args__ = (
        # Exactly one of the two identities.
        CheckConstraint("(bsn IS NULL) <> (kvk_nummer IS NULL)", name="een_identiteit"),
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    bsn: Mapped[str | None] = mapped_column(String(9), nullable=True)
    kvk_nummer: Mapped[str | None] = mapped_column(String(8), nullable=True)
    naam: Mapped[str] = mapped_column(String(200), default="")
    methode: Mapped[str] = mapped_column(String(20))  # one of LOGIN_METHODES
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)
    laatst_gezien: Mapped[datetime] = mapped_column(UtcDateTime)
    # The earlier of (last request + idle term) and (login + maximum term).
    verloopt: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
