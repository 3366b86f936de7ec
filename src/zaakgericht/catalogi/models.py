"""The catalogue: catalogussen and the types that describe zaken, documents and besluiten.

Links between zaaktype, besluittype and informatieobjecttype are version-independent
(historiemodel of Catalogi 1.3): they are stored as the omschrijving / identificatie
of the other type and resolved to the version valid on the relevant date when read.
"""

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdMixin


class Catalogus(IdMixin, Base):
    __tablename__ = "catalogus"
    __table_args__ = (UniqueConstraint("domein", "rsin"),)

    domein: Mapped[str] = mapped_column(String(5))
    rsin: Mapped[str] = mapped_column(String(9))
    contactpersoon_beheer_naam: Mapped[str] = mapped_column(String(40))
    contactpersoon_beheer_telefoonnummer: Mapped[str] = mapped_column(String(20), default="")
    contactpersoon_beheer_emailadres: Mapped[str] = mapped_column(String(254), default="")
    naam: Mapped[str | None] = mapped_column(String(200), nullable=True)
    versie: Mapped[str | None] = mapped_column(String(20), nullable=True)
    begindatum_versie: Mapped[date | None] = mapped_column(Date, nullable=True)


class GeldigheidMixin:
    begin_geldigheid: Mapped[date | None] = mapped_column(Date, nullable=True)
    einde_geldigheid: Mapped[date | None] = mapped_column(Date, nullable=True)
    begin_object: Mapped[date | None] = mapped_column(Date, nullable=True)
    einde_object: Mapped[date | None] = mapped_column(Date, nullable=True)


class ZaakType(IdMixin, GeldigheidMixin, Base):
    __tablename__ = "zaaktype"
    __table_args__ = (Index("ix_zaaktype_catalogus_identificatie", "catalogus_id", "identificatie"),)

    catalogus_id: Mapped[int] = mapped_column(ForeignKey("catalogus.id", ondelete="CASCADE"))
    concept: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    identificatie: Mapped[str] = mapped_column(String(50))
    omschrijving: Mapped[str] = mapped_column(String(80))
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    doel: Mapped[str] = mapped_column(Text)
    aanleiding: Mapped[str] = mapped_column(Text)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    indicatie_intern_of_extern: Mapped[str] = mapped_column(String(6))
    handeling_initiator: Mapped[str] = mapped_column(String(20))
    onderwerp: Mapped[str] = mapped_column(String(80))
    handeling_behandelaar: Mapped[str] = mapped_column(String(20))
    doorlooptijd: Mapped[str] = mapped_column(String(40))
    servicenorm: Mapped[str | None] = mapped_column(String(40), nullable=True)
    opschorting_en_aanhouding_mogelijk: Mapped[bool] = mapped_column(Boolean)
    verlenging_mogelijk: Mapped[bool] = mapped_column(Boolean)
    verlengingstermijn: Mapped[str | None] = mapped_column(String(40), nullable=True)
    trefwoorden: Mapped[list[str]] = mapped_column(JSON, default=list)
    publicatie_indicatie: Mapped[bool] = mapped_column(Boolean)
    publicatietekst: Mapped[str] = mapped_column(Text, default="")
    verantwoordingsrelatie: Mapped[list[str]] = mapped_column(JSON, default=list)
    producten_of_diensten: Mapped[list[str]] = mapped_column(JSON, default=list)
    selectielijst_procestype: Mapped[str] = mapped_column(String(200), default="")
    referentieproces_naam: Mapped[str] = mapped_column(String(80))
    referentieproces_link: Mapped[str] = mapped_column(String(200), default="")
    verantwoordelijke: Mapped[str] = mapped_column(String(50))
    broncatalogus: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    bronzaaktype: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # Version-independent links: besluittype omschrijvingen, zaaktype identificaties.
    besluittypen: Mapped[list[str]] = mapped_column(JSON, default=list)
    deelzaaktypen: Mapped[list[str]] = mapped_column(JSON, default=list)
    # [{"zaaktype": identificatie, "aardRelatie": ..., "toelichting": ...}]
    gerelateerde_zaaktypen: Mapped[list[dict]] = mapped_column(JSON, default=list)
    versiedatum: Mapped[date] = mapped_column(Date)

    catalogus: Mapped[Catalogus] = relationship(lazy="raise")


class ZaakTypeChildMixin:
    """A sub-type that belongs to one version of a zaaktype.

    It follows the zaaktype's concept state, and its geldigheid is the zaaktype's
    (derived when read, never stored twice).
    """

    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True)


class StatusType(IdMixin, ZaakTypeChildMixin, Base):
    __tablename__ = "statustype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer"),)

    omschrijving: Mapped[str] = mapped_column(String(80))
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    statustekst: Mapped[str] = mapped_column(String(1000), default="")
    volgnummer: Mapped[int] = mapped_column(Integer)
    informeren: Mapped[bool] = mapped_column(Boolean, default=False)
    doorlooptijd: Mapped[str | None] = mapped_column(String(40), nullable=True)
    toelichting: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    checklistitem_statustype: Mapped[list[dict]] = mapped_column(JSON, default=list)


class RolType(IdMixin, ZaakTypeChildMixin, Base):
    __tablename__ = "roltype"

    omschrijving: Mapped[str] = mapped_column(String(100))
    omschrijving_generiek: Mapped[str] = mapped_column(String(20), index=True)


class ResultaatType(IdMixin, ZaakTypeChildMixin, Base):
    __tablename__ = "resultaattype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "omschrijving"),)

    omschrijving: Mapped[str] = mapped_column(String(30))
    resultaattypeomschrijving: Mapped[str] = mapped_column(String(1000))
    # Copied from the resultaattypeomschrijving (rule ztc-002).
    omschrijving_generiek: Mapped[str] = mapped_column(String(20), default="")
    selectielijstklasse: Mapped[str] = mapped_column(String(1000))
    toelichting: Mapped[str] = mapped_column(Text, default="")
    archiefnominatie: Mapped[str] = mapped_column(String(20), default="")
    archiefactietermijn: Mapped[str | None] = mapped_column(String(40), nullable=True)
    brondatum_afleidingswijze: Mapped[str] = mapped_column(String(20), default="")
    brondatum_datumkenmerk: Mapped[str] = mapped_column(String(80), default="")
    brondatum_einddatum_bekend: Mapped[bool] = mapped_column(Boolean, default=False)
    brondatum_objecttype: Mapped[str] = mapped_column(String(80), default="")
    brondatum_registratie: Mapped[str] = mapped_column(String(80), default="")
    brondatum_procestermijn: Mapped[str | None] = mapped_column(String(40), nullable=True)
    procesobjectaard: Mapped[str | None] = mapped_column(String(200), nullable=True)
    indicatie_specifiek: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    procestermijn: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # Version-independent links by omschrijving.
    besluittypen: Mapped[list[str]] = mapped_column(JSON, default=list)
    informatieobjecttypen: Mapped[list[str]] = mapped_column(JSON, default=list)


class Eigenschap(IdMixin, ZaakTypeChildMixin, Base):
    __tablename__ = "eigenschap"
    __table_args__ = (UniqueConstraint("zaaktype_id", "naam"),)

    naam: Mapped[str] = mapped_column(String(20))
    definitie: Mapped[str] = mapped_column(String(255))
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
    specificatie_groep: Mapped[str] = mapped_column(String(32), default="")
    specificatie_formaat: Mapped[str] = mapped_column(String(10))
    specificatie_lengte: Mapped[str] = mapped_column(String(14))
    specificatie_kardinaliteit: Mapped[str] = mapped_column(String(3))
    specificatie_waardenverzameling: Mapped[list[str]] = mapped_column(JSON, default=list)
    statustype_id: Mapped[int | None] = mapped_column(
        ForeignKey("statustype.id", ondelete="SET NULL"), nullable=True, index=True
    )


class ZaakObjectType(IdMixin, ZaakTypeChildMixin, Base):
    __tablename__ = "zaakobjecttype"

    ander_objecttype: Mapped[bool] = mapped_column(Boolean)
    objecttype: Mapped[str] = mapped_column(String(200))
    relatie_omschrijving: Mapped[str] = mapped_column(String(80))


class ZaakTypeInformatieObjectType(IdMixin, ZaakTypeChildMixin, Base):
    __tablename__ = "zaaktypeinformatieobjecttype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer", "richting"),)

    # Omschrijving of the informatieobjecttype (version-independent).
    informatieobjecttype: Mapped[str] = mapped_column(String(100), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    richting: Mapped[str] = mapped_column(String(10))
    statustype_id: Mapped[int | None] = mapped_column(ForeignKey("statustype.id", ondelete="SET NULL"), nullable=True)


class InformatieObjectType(IdMixin, GeldigheidMixin, Base):
    __tablename__ = "informatieobjecttype"
    __table_args__ = (Index("ix_informatieobjecttype_catalogus_omschrijving", "catalogus_id", "omschrijving"),)

    catalogus_id: Mapped[int] = mapped_column(ForeignKey("catalogus.id", ondelete="CASCADE"))
    concept: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    omschrijving: Mapped[str] = mapped_column(String(80))
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    informatieobjectcategorie: Mapped[str] = mapped_column(String(80))
    trefwoord: Mapped[list[str]] = mapped_column(JSON, default=list)
    omschrijving_generiek: Mapped[dict | None] = mapped_column(JSON, nullable=True)

    catalogus: Mapped[Catalogus] = relationship(lazy="raise")


class BesluitType(IdMixin, GeldigheidMixin, Base):
    __tablename__ = "besluittype"
    __table_args__ = (Index("ix_besluittype_catalogus_omschrijving", "catalogus_id", "omschrijving"),)

    catalogus_id: Mapped[int] = mapped_column(ForeignKey("catalogus.id", ondelete="CASCADE"))
    concept: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    omschrijving: Mapped[str] = mapped_column(String(80), default="")
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    besluitcategorie: Mapped[str] = mapped_column(String(40), default="")
    reactietermijn: Mapped[str | None] = mapped_column(String(40), nullable=True)
    publicatie_indicatie: Mapped[bool] = mapped_column(Boolean)
    publicatietekst: Mapped[str] = mapped_column(Text, default="")
    publicatietermijn: Mapped[str | None] = mapped_column(String(40), nullable=True)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    # Omschrijvingen of informatieobjecttypen (version-independent).
    informatieobjecttypen: Mapped[list[str]] = mapped_column(JSON, default=list)

    catalogus: Mapped[Catalogus] = relationship(lazy="raise")
