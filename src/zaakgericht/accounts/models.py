"""Medewerkers (employee accounts), their autorisaties and their server-side web sessions."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdMixin, IntPK, UtcDateTime


class Medewerker(IdMixin, Base):
    """A person who works in the web applications.

    Authorised like an API applicatie: ``heeft_alle_autorisaties`` or a list of
    (zaaktype URL, max vertrouwelijkheidaanduiding), so the web filters zaken in SQL
    exactly as the API does (``type_limits`` + ``api.auth.limits_clause``).
    """

    __tablename__ = "medewerker"

    gebruikersnaam: Mapped[str] = mapped_column(String(150), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    # RSIN of the organisation the medewerker works for.
    organisatie: Mapped[str] = mapped_column(String(9))
    afdeling: Mapped[str] = mapped_column(String(200), default="")
    rollen: Mapped[list[str]] = mapped_column(JSON, default=list)
    heeft_alle_autorisaties: Mapped[bool] = mapped_column(Boolean, default=False)
    # Argon2 hash; None for accounts that only log in through OpenID Connect.
    wachtwoord_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    mislukte_pogingen: Mapped[int] = mapped_column(Integer, default=0)
    geblokkeerd_tot: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True, nullable=True)
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)

    autorisaties: Mapped[list["MedewerkerAutorisatie"]] = relationship(
        back_populates="medewerker",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="MedewerkerAutorisatie.id",
    )


class MedewerkerAutorisatie(Base):
    """The zaken of one zaaktype (exactly this version) up to a vertrouwelijkheidaanduiding."""

    __tablename__ = "medewerker_autorisatie"
    __table_args__ = (UniqueConstraint("medewerker_id", "zaaktype"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    medewerker_id: Mapped[int] = mapped_column(ForeignKey("medewerker.id", ondelete="CASCADE"))
    zaaktype: Mapped[str] = mapped_column(String(1000))
    max_vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))

    medewerker: Mapped[Medewerker] = relationship(back_populates="autorisaties", lazy="raise")


class WebSessie(Base):
    """A logged-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "web_sessie"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    medewerker_id: Mapped[int] = mapped_column(ForeignKey("medewerker.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    # A form the services refused (page path, objections by field, values entered), kept for the one GET
    # of that page the refusal redirects to, so the page shows them with its own address (Post/Redirect/Get).
    geweigerd_formulier: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)
    laatst_gezien: Mapped[datetime] = mapped_column(UtcDateTime)
    verloopt: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class LoginPoging(Base):
    """The failed logins of one gebruikersnaam, or from one client address, in the current window.

    ``sleutel`` is ``account:`` or ``client:`` and the SHA-256 of the (lower-cased) name or the
    address: what was typed is not stored. Names without an account are counted like names with one,
    so the delay tells nobody whether an account exists. No login is tried before ``wacht_tot``.
    """

    __tablename__ = "login_poging"

    sleutel: Mapped[str] = mapped_column(String(80), primary_key=True)
    mislukt: Mapped[int] = mapped_column(Integer, default=0)
    sinds: Mapped[datetime] = mapped_column(UtcDateTime)
    wacht_tot: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class OpgeslagenFilter(IdMixin, Base):
    """A set of werkvoorraad filters a medewerker saved under a name of their own, to open again in one click.

    ``filters`` holds the filter values by the names of the werkvoorraad's address (lijst, zaaktype, status,
    termijn, sortering); none of them can hold a BSN, so they may be put in a link.
    """

    __tablename__ = "opgeslagen_filter"
    __table_args__ = (UniqueConstraint("medewerker_id", "naam"),)

    medewerker_id: Mapped[int] = mapped_column(ForeignKey("medewerker.id", ondelete="CASCADE"))
    naam: Mapped[str] = mapped_column(String(80))
    filters: Mapped[dict] = mapped_column(JSON)
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)
