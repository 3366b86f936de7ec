"""A signal for one medewerker about one zaak, and each medewerker's choice of a daily digest e-mail.

A signal names its receiver by gebruikersnaam, as ``zaak.behandelaar`` does: the services that make
signals know the behandelaar by that name, and a signal for an identificatie without an account (set by
another system through the API) harms nobody. Signals go with their zaak (``ON DELETE CASCADE``).
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdMixin, UtcDateTime

TOEGEWEZEN = "toegewezen"
DOCUMENT = "document"
BERICHT = "bericht"
TERMIJN = "termijn"
TERUGBELVERZOEK = "terugbelverzoek"
# The soorten as the pages name them.
SOORTEN = {
    TOEGEWEZEN: "Toegewezen",
    DOCUMENT: "Document van betrokkene",
    BERICHT: "Bericht van betrokkene",
    TERMIJN: "Termijn",
    TERUGBELVERZOEK: "Terugbelverzoek",
}


class Signaal(IdMixin, Base):
    __tablename__ = "signaal"
    __table_args__ = (
        # The list and the digest: one person's signals, the newest first.
        Index("ix_signaal_ontvanger", "ontvanger", "aangemaakt"),
        # The count in the header: one person's unread signals.
        Index(
            "ix_signaal_ongelezen",
            "ontvanger",
            postgresql_where=text("gelezen IS NULL"),
            sqlite_where=text("gelezen IS NULL"),
        ),
        # The daily termijn job makes at most one termijn signal per person, zaak and day, however often it runs.
        Index(
            "ix_signaal_termijn_per_dag",
            "ontvanger",
            "zaak_id",
            "dag",
            unique=True,
            postgresql_where=text("soort = 'termijn'"),
            sqlite_where=text("soort = 'termijn'"),
        ),
    )

    ontvanger: Mapped[str] = mapped_column(String(150))  # gebruikersnaam
    soort: Mapped[str] = mapped_column(String(20))
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    tekst: Mapped[str] = mapped_column(String(500))
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)
    dag: Mapped[date] = mapped_column(Date)  # the local date of ``aangemaakt``
    gelezen: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class SignaalVoorkeur(Base):
    """Whether a medewerker wants the daily digest, and the last day one was sent (never twice a day)."""

    __tablename__ = "signaal_voorkeur"

    medewerker_id: Mapped[int] = mapped_column(ForeignKey("medewerker.id", ondelete="CASCADE"), primary_key=True)
    dagelijks_overzicht: Mapped[bool] = mapped_column(Boolean, default=False)
    overzicht_verstuurd: Mapped[date | None] = mapped_column(Date, nullable=True)
