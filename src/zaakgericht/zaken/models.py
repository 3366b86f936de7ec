"""Zaken and what belongs to them: statussen, resultaat, rollen, eigenschappen, objecten and relations.

A zaak points at a zaaktype of this installation's catalogue (foreign key), so the
types of its statussen, rollen, resultaat and eigenschappen are checked and joined in
SQL. Nested groups the standard defines as one value (betrokkeneIdentificatie,
objectIdentificatie, kenmerken, relevanteAndereZaken) are JSON; the parts clients
filter on are copied into indexed columns.
"""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdMixin, UtcDateTime


class Zaak(IdMixin, Base):
    __tablename__ = "zaak"
    __table_args__ = (
        UniqueConstraint("bronorganisatie", "identificatie"),
        # The werkvoorraad: the open zaken of a behandelaar, or without one ("").
        Index(
            "ix_zaak_open_behandelaar",
            "behandelaar",
            postgresql_where=text("einddatum IS NULL"),
            sqlite_where=text("einddatum IS NULL"),
        ),
    )

    identificatie: Mapped[str] = mapped_column(String(40), index=True)
    bronorganisatie: Mapped[str] = mapped_column(String(9))
    omschrijving: Mapped[str] = mapped_column(String(80), default="")
    toelichting: Mapped[str] = mapped_column(Text, default="")
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id"), index=True)
    registratiedatum: Mapped[date] = mapped_column(Date, index=True)
    verantwoordelijke_organisatie: Mapped[str] = mapped_column(String(9))
    startdatum: Mapped[date] = mapped_column(Date, index=True)
    einddatum: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    # The identificatie of the medewerker of the newest behandelaar rol, "" without one: kept by the rol
    # services (``parts.sync_behandelaar``) so the werkvoorraad lists need no search through the rollen.
    behandelaar: Mapped[str] = mapped_column(String(24), default="", server_default="")
    einddatum_gepland: Mapped[date | None] = mapped_column(Date, nullable=True)
    uiterlijke_einddatum_afdoening: Mapped[date | None] = mapped_column(Date, nullable=True)
    publicatiedatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    communicatiekanaal: Mapped[str] = mapped_column(String(1000), default="")
    producten_of_diensten: Mapped[list[str]] = mapped_column(JSON, default=list)
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    betalingsindicatie: Mapped[str] = mapped_column(String(20), default="")
    laatste_betaaldatum: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # GeoJSON, with its bounding box for a quick prefilter of geographic searches.
    zaakgeometrie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    geometrie_min_x: Mapped[float | None] = mapped_column(Float, nullable=True)
    geometrie_min_y: Mapped[float | None] = mapped_column(Float, nullable=True)
    geometrie_max_x: Mapped[float | None] = mapped_column(Float, nullable=True)
    geometrie_max_y: Mapped[float | None] = mapped_column(Float, nullable=True)
    verlenging_reden: Mapped[str] = mapped_column(String(200), default="")
    verlenging_duur: Mapped[str | None] = mapped_column(String(40), nullable=True)
    opschorting_indicatie: Mapped[bool] = mapped_column(Boolean, default=False)
    opschorting_reden: Mapped[str] = mapped_column(String(200), default="")
    selectielijstklasse: Mapped[str] = mapped_column(String(1000), default="")
    # Deelzaken go with their hoofdzaak (zrc-023).
    hoofdzaak_id: Mapped[int | None] = mapped_column(
        ForeignKey("zaak.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # [{"url": ..., "aardRelatie": ...}]
    relevante_andere_zaken: Mapped[list[dict]] = mapped_column(JSON, default=list)
    # [{"kenmerk": ..., "bron": ...}]
    kenmerken: Mapped[list[dict]] = mapped_column(JSON, default=list)
    archiefnominatie: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    archiefstatus: Mapped[str] = mapped_column(String(40), default="nog_te_archiveren", index=True)
    archiefactiedatum: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    opdrachtgevende_organisatie: Mapped[str] = mapped_column(String(9), default="")
    processobjectaard: Mapped[str | None] = mapped_column(String(200), nullable=True)
    startdatum_bewaartermijn: Mapped[date | None] = mapped_column(Date, nullable=True)
    processobject: Mapped[dict | None] = mapped_column(JSON, nullable=True)


# The KCC finds a zaaknummer without regard to case (``web/kcc/queries.py``).
Index("ix_zaak_identificatie_lower", func.lower(Zaak.identificatie))


class ZaakChildMixin:
    """Belongs to one zaak and is removed with it (zrc-023)."""

    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)


class Rol(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "rol"

    betrokkene: Mapped[str] = mapped_column(String(1000), default="")
    betrokkene_type: Mapped[str] = mapped_column(String(30))
    afwijkende_naam_betrokkene: Mapped[str] = mapped_column(String(625), default="")
    roltype_id: Mapped[int] = mapped_column(ForeignKey("roltype.id"), index=True)
    # Copied from the roltype when the rol is made.
    omschrijving: Mapped[str] = mapped_column(String(100))
    omschrijving_generiek: Mapped[str] = mapped_column(String(20), index=True)
    roltoelichting: Mapped[str] = mapped_column(String(1000))
    registratiedatum: Mapped[datetime] = mapped_column(UtcDateTime)
    indicatie_machtiging: Mapped[str] = mapped_column(String(20), default="")
    contactpersoon_rol: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    betrokkene_identificatie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # The identifying numbers of betrokkeneIdentificatie, for the rol__betrokkeneIdentificatie__* filters.
    inp_bsn: Mapped[str] = mapped_column(String(9), default="", index=True)
    anp_identificatie: Mapped[str] = mapped_column(String(17), default="")
    inp_a_nummer: Mapped[str] = mapped_column(String(10), default="")
    inn_nnp_id: Mapped[str] = mapped_column(String(9), default="", index=True)
    ann_identificatie: Mapped[str] = mapped_column(String(17), default="")
    vestigings_nummer: Mapped[str] = mapped_column(String(24), default="", index=True)
    # identificatie of a medewerker or organisatorische eenheid.
    identificatie: Mapped[str] = mapped_column(String(24), default="", index=True)


class Status(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "status"
    __table_args__ = (Index("ix_status_zaak_id_datum_status_gezet", "zaak_id", "datum_status_gezet"),)

    statustype_id: Mapped[int] = mapped_column(ForeignKey("statustype.id"), index=True)
    datum_status_gezet: Mapped[datetime] = mapped_column(UtcDateTime)
    statustoelichting: Mapped[str] = mapped_column(String(1000), default="")
    gezetdoor_id: Mapped[int | None] = mapped_column(
        ForeignKey("rol.id", ondelete="SET NULL"), nullable=True, index=True
    )


class Resultaat(IdMixin, Base):
    __tablename__ = "resultaat"

    # One resultaat per zaak.
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), unique=True)
    resultaattype_id: Mapped[int] = mapped_column(ForeignKey("resultaattype.id"), index=True)
    toelichting: Mapped[str] = mapped_column(String(1000), default="")


class ZaakEigenschap(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "zaakeigenschap"

    eigenschap_id: Mapped[int] = mapped_column(ForeignKey("eigenschap.id"), index=True)
    # Copied from the eigenschap.
    naam: Mapped[str] = mapped_column(String(20))
    waarde: Mapped[str] = mapped_column(Text)


class ZaakObject(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "zaakobject"

    object: Mapped[str] = mapped_column(String(1000), default="", index=True)
    zaakobjecttype_id: Mapped[int | None] = mapped_column(ForeignKey("zaakobjecttype.id"), nullable=True, index=True)
    object_type: Mapped[str] = mapped_column(String(100), index=True)
    object_type_overige: Mapped[str] = mapped_column(String(100), default="")
    object_type_overige_definitie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    relatieomschrijving: Mapped[str] = mapped_column(String(80), default="")
    object_identificatie: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class ZaakInformatieObject(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "zaakinformatieobject"
    __table_args__ = (UniqueConstraint("zaak_id", "informatieobject"),)

    informatieobject: Mapped[str] = mapped_column(String(1000), index=True)
    titel: Mapped[str] = mapped_column(String(200), default="")
    beschrijving: Mapped[str] = mapped_column(Text, default="")
    registratiedatum: Mapped[datetime] = mapped_column(UtcDateTime)
    vernietigingsdatum: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    status_id: Mapped[int | None] = mapped_column(ForeignKey("status.id", ondelete="SET NULL"), nullable=True)
    # Not part of the Zaken API: the municipality shows this document to the betrokkenen of this zaak in the
    # PIP ("Mijn zaken"), whatever its vertrouwelijkheidaanduiding. Per zaak, as a document may belong to
    # zaken of different people.
    zichtbaar_voor_betrokkene: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class KlantContact(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "klantcontact"

    identificatie: Mapped[str] = mapped_column(String(14))
    datumtijd: Mapped[datetime] = mapped_column(UtcDateTime)
    kanaal: Mapped[str] = mapped_column(String(20), default="")
    onderwerp: Mapped[str] = mapped_column(String(200), default="")
    toelichting: Mapped[str] = mapped_column(String(1000), default="")


class ZaakBesluit(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "zaakbesluit"
    __table_args__ = (UniqueConstraint("zaak_id", "besluit"),)

    besluit: Mapped[str] = mapped_column(String(1000), index=True)


class ZaakContactMoment(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "zaakcontactmoment"

    contactmoment: Mapped[str] = mapped_column(String(1000), index=True)


class ZaakVerzoek(IdMixin, ZaakChildMixin, Base):
    __tablename__ = "zaakverzoek"

    verzoek: Mapped[str] = mapped_column(String(1000), index=True)
