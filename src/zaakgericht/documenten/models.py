"""Documents (enkelvoudige informatieobjecten) with their versions, bestandsdelen and relations.

A document is one row that lives as long as the document (its uuid, identity, lock and
the number of its latest version) plus one row per version with the metadata and the
contents of that version. Every PUT/PATCH adds a version; older ones stay readable. A
version without new contents points at the same stored file as the one before it (the
file is not copied). A document points at an informatieobjecttype of this installation's
catalogue (foreign key), so authorisation on type and vertrouwelijkheid is plain SQL.
"""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdMixin, IntPK, UtcDateTime


class EnkelvoudigInformatieObject(IdMixin, Base):
    """The document across its versions."""

    __tablename__ = "enkelvoudiginformatieobject"
    __table_args__ = (UniqueConstraint("bronorganisatie", "identificatie"),)

    # The identity of the document: unique per bronorganisatie, fixed once created.
    identificatie: Mapped[str] = mapped_column(String(40), index=True)
    bronorganisatie: Mapped[str] = mapped_column(String(9))
    # The lock id while the document is checked out (drc-009); empty when unlocked.
    lock: Mapped[str] = mapped_column(String(100), default="")
    # Who holds the lock: the client id and the user of its token (a medewerker of the web application).
    lock_client_id: Mapped[str] = mapped_column(String(100), default="", server_default="")
    lock_user_id: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # The number of the latest version.
    versie: Mapped[int] = mapped_column(Integer, default=1)


class InformatieObjectVersie(Base):
    """One version of a document: its metadata and (a reference to) its contents."""

    __tablename__ = "informatieobject_versie"
    __table_args__ = (UniqueConstraint("document_id", "versie"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("enkelvoudiginformatieobject.id", ondelete="CASCADE"))
    versie: Mapped[int] = mapped_column(Integer)
    begin_registratie: Mapped[datetime] = mapped_column(UtcDateTime)
    informatieobjecttype_id: Mapped[int] = mapped_column(ForeignKey("informatieobjecttype.id"), index=True)
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    creatiedatum: Mapped[date] = mapped_column(Date)
    titel: Mapped[str] = mapped_column(String(200))
    auteur: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="")
    inhoud_is_vervallen: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    formaat: Mapped[str] = mapped_column(String(255), default="")
    taal: Mapped[str] = mapped_column(String(3))
    bestandsnaam: Mapped[str] = mapped_column(String(255), default="")
    bestandsomvang: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # The stored file (storage key) and its SHA-256; empty when this version has no contents.
    inhoud: Mapped[str] = mapped_column(String(100), default="")
    inhoud_sha256: Mapped[str] = mapped_column(String(64), default="")
    link: Mapped[str] = mapped_column(String(200), default="")
    beschrijving: Mapped[str] = mapped_column(String(1000), default="")
    ontvangstdatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    verzenddatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    indicatie_gebruiksrecht: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    verschijningsvorm: Mapped[str] = mapped_column(Text, default="")
    # {"soort", "datum"} and {"algoritme", "waarde", "datum"}, or null.
    ondertekening: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    integriteit: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    trefwoorden: Mapped[list[str]] = mapped_column(JSON, default=list)


class Bestandsdeel(IdMixin, Base):
    """One part of a large upload, in flight until the document is unlocked and the parts are joined."""

    __tablename__ = "bestandsdeel"
    __table_args__ = (UniqueConstraint("document_id", "volgnummer"),)

    document_id: Mapped[int] = mapped_column(ForeignKey("enkelvoudiginformatieobject.id", ondelete="CASCADE"))
    volgnummer: Mapped[int] = mapped_column(Integer)
    omvang: Mapped[int] = mapped_column(BigInteger)
    # The lock under which the upload started.
    lock: Mapped[str] = mapped_column(String(100))
    # The stored part once received (storage key and SHA-256).
    inhoud: Mapped[str] = mapped_column(String(100), default="")
    inhoud_sha256: Mapped[str] = mapped_column(String(64), default="")

    @property
    def voltooid(self) -> bool:
        return bool(self.inhoud)


class Gebruiksrechten(IdMixin, Base):
    __tablename__ = "gebruiksrechten"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("enkelvoudiginformatieobject.id", ondelete="CASCADE"), index=True
    )
    startdatum: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    einddatum: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    omschrijving_voorwaarden: Mapped[str] = mapped_column(Text)


class ObjectInformatieObject(IdMixin, Base):
    """The mirror of a zaakinformatieobject or besluitinformatieobject; while one exists the document stays."""

    __tablename__ = "objectinformatieobject"
    __table_args__ = (UniqueConstraint("document_id", "object"),)

    document_id: Mapped[int] = mapped_column(ForeignKey("enkelvoudiginformatieobject.id"))
    object: Mapped[str] = mapped_column(String(1000), index=True)
    object_type: Mapped[str] = mapped_column(String(20))


class Verzending(IdMixin, Base):
    __tablename__ = "verzending"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("enkelvoudiginformatieobject.id", ondelete="CASCADE"), index=True
    )
    betrokkene: Mapped[str] = mapped_column(String(200), index=True)
    aard_relatie: Mapped[str] = mapped_column(String(20), index=True)
    toelichting: Mapped[str] = mapped_column(String(200), default="")
    ontvangstdatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    verzenddatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    contact_persoon: Mapped[str] = mapped_column(String(1000))
    contactpersoonnaam: Mapped[str] = mapped_column(String(40), default="")
    # The one address of the verzending: an address group (JSON), or a number, e-mail address or MijnOverheid.
    binnenlands_correspondentieadres: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    buitenlands_correspondentieadres: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    correspondentie_postadres: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    faxnummer: Mapped[str | None] = mapped_column(String(15), nullable=True)
    emailadres: Mapped[str | None] = mapped_column(String(100), nullable=True)
    mijn_overheid: Mapped[bool] = mapped_column(Boolean, default=False)
    telefoonnummer: Mapped[str | None] = mapped_column(String(15), nullable=True)
