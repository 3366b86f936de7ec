"""The search index, the extracted text of documents and the log of person lookups.

``zoek_index`` holds one row per place a zaak can be found by: its zaaknummer, its omschrijving, each
betrokkene (a person or company: name, BSN, KvK-nummer, address), each adres-zaakobject and each
document. ``tekst`` is the searchable text, lower case without diacritics (``index.normalise``). The
rows carry the zaak's zaaktype and the vertrouwelijkheid that governs who may find them, so a search
and its autorisaties are one scan of one table.

The full-text indexes are not in these models because each database has its own (migration 0015):
PostgreSQL a GIN index on ``to_tsvector('simple', tekst)`` and three pattern indexes on ``zaaknummer`` (its
beginning, its beginning after the letters, its end), SQLite an FTS5 table ``zoek_index_fts`` with the
trigram tokenizer, kept by triggers.
"""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IntPK, UtcDateTime

# The tables and indexes of migration 0015 that only one database has (see above).
DIALECT_OBJECTS = ("zoek_index_fts", "ix_zoek_index_tsv", "ix_zoek_index_zaaknummer")  # also _nummer, _eind


class ZoekIndex(Base):
    __tablename__ = "zoek_index"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    # Copied from the zaak, so the autorisaties filter needs no join.
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id"))
    # The zaak's, or a document's when that is stricter: who may not see the document does not find it.
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    # The zaak's, so the newest matches are chosen without reading the zaken.
    startdatum: Mapped[date] = mapped_column(Date)
    # zaaknummer, omschrijving, betrokkene, adres or document.
    bron: Mapped[str] = mapped_column(String(20))
    # What the person is shown as the place of the match: a name, a document's title (never a BSN).
    label: Mapped[str] = mapped_column(String(300), default="")
    # The identificatie in lower case, on the zaaknummer row only (found by a part of it).
    zaaknummer: Mapped[str | None] = mapped_column(String(40), nullable=True)
    tekst: Mapped[str] = mapped_column(Text, default="")


class DocumentTekst(Base):
    """The text of a document's current contents, extracted once when they are stored."""

    __tablename__ = "document_tekst"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("enkelvoudiginformatieobject.id", ondelete="CASCADE"), primary_key=True
    )
    # The contents this text was taken from: a new version with the same file keeps it.
    inhoud_sha256: Mapped[str] = mapped_column(String(64))
    tekst: Mapped[str] = mapped_column(Text, default="")


class PersoonRaadpleging(Base):
    """One lookup of a person or company by BSN or KvK-nummer: who, when, what for.

    The number itself is kept, as the AVG asks: a person may learn who looked them up and why.
    It is never written to a log file, nor shown beside the search.
    """

    __tablename__ = "persoon_raadpleging"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    moment: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    # The medewerker's gebruikersnaam.
    medewerker: Mapped[str] = mapped_column(String(150))
    # bsn or kvk.
    soort: Mapped[str] = mapped_column(String(10))
    nummer: Mapped[str] = mapped_column(String(20), index=True)
    # The purpose (doelbinding) and where the lookup was done.
    doel: Mapped[str] = mapped_column(String(200))
    toepassing: Mapped[str] = mapped_column(String(50))
