"""Request bodies of the Catalogi API, mirroring the request schemas of the 1.3.1 OAS.

Read-only fields of the OAS are absent (and ignored when a client sends them back).
Fields that link types version-independently (besluittypen, deelzaaktypen,
informatieobjecttype, ...) take the omschrijving / identificatie the OAS names, and
also the URL that clients written for other implementations send.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import EmailStr, Field

from ..api.schemas import VERTROUWELIJKHEIDAANDUIDING, Body, Duration, Rsin, Url

AFLEIDINGSWIJZE = Literal[
    "afgehandeld",
    "ander_datumkenmerk",
    "eigenschap",
    "gerelateerde_zaak",
    "hoofdzaak",
    "ingangsdatum_besluit",
    "termijn",
    "vervaldatum_besluit",
    "zaakobject",
]
OBJECTTYPE = Literal[
    "",
    "adres",
    "besluit",
    "buurt",
    "enkelvoudig_document",
    "gemeente",
    "gemeentelijke_openbare_ruimte",
    "huishouden",
    "inrichtingselement",
    "kadastrale_onroerende_zaak",
    "kunstwerkdeel",
    "maatschappelijke_activiteit",
    "medewerker",
    "natuurlijk_persoon",
    "niet_natuurlijk_persoon",
    "openbare_ruimte",
    "organisatorische_eenheid",
    "pand",
    "spoorbaandeel",
    "status",
    "terreindeel",
    "terrein_gebouwd_object",
    "vestiging",
    "waterdeel",
    "wegdeel",
    "wijk",
    "woonplaats",
    "woz_deelobject",
    "woz_object",
    "woz_waarde",
    "zakelijk_recht",
    "overige",
]
OMSCHRIJVING_GENERIEK_ROL = Literal[
    "adviseur",
    "behandelaar",
    "belanghebbende",
    "beslisser",
    "initiator",
    "klantcontacter",
    "zaakcoordinator",
    "mede_initiator",
]


class CatalogusIn(Body):
    domein: str = Field(max_length=5, min_length=1)
    rsin: Rsin
    contactpersoon_beheer_naam: str = Field(max_length=40, min_length=1)
    contactpersoon_beheer_telefoonnummer: str = Field("", max_length=20)
    contactpersoon_beheer_emailadres: EmailStr | Literal[""] = Field("", max_length=254)
    naam: str | None = Field(None, max_length=200)
    versie: str | None = Field(None, max_length=20)
    begindatum_versie: date | None = None


class ReferentieProcesIn(Body):
    naam: str = Field(max_length=80)
    link: Annotated[Url, Field(max_length=200)] | Literal[""] = ""


class BronCatalogusIn(Body):
    url: Annotated[Url, Field(max_length=200)]
    domein: str = Field(max_length=5)
    rsin: str = Field(max_length=9)


class BronZaaktypeIn(Body):
    url: Annotated[Url, Field(max_length=200)]
    identificatie: str = Field(max_length=50)
    omschrijving: str = Field(max_length=80)


class ZaakTypenRelatieIn(Body):
    zaaktype: str = Field(max_length=1000, min_length=1)
    aard_relatie: Literal["vervolg", "bijdrage", "onderwerp"]
    toelichting: str = Field("", max_length=255)


class GeldigheidIn(Body):
    begin_geldigheid: date
    einde_geldigheid: date | None = None
    begin_object: date | None = None
    einde_object: date | None = None


class ZaakTypeIn(GeldigheidIn):
    identificatie: str = Field(max_length=50, min_length=1)
    omschrijving: str = Field(max_length=80, min_length=1)
    omschrijving_generiek: str = Field("", max_length=80)
    vertrouwelijkheidaanduiding: VERTROUWELIJKHEIDAANDUIDING
    doel: str = Field(min_length=1)
    aanleiding: str = Field(min_length=1)
    toelichting: str = ""
    indicatie_intern_of_extern: Literal["intern", "extern"]
    handeling_initiator: str = Field(max_length=20, min_length=1)
    onderwerp: str = Field(max_length=80, min_length=1)
    handeling_behandelaar: str = Field(max_length=20, min_length=1)
    doorlooptijd: Duration
    servicenorm: Duration | None = None
    opschorting_en_aanhouding_mogelijk: bool
    verlenging_mogelijk: bool
    verlengingstermijn: Duration | None = None
    trefwoorden: list[Annotated[str, Field(max_length=30)]] = []
    publicatie_indicatie: bool
    publicatietekst: str = ""
    verantwoordingsrelatie: list[Annotated[str, Field(max_length=40)]] = []
    producten_of_diensten: list[Url]
    selectielijst_procestype: Annotated[str, Field(max_length=200)] = ""
    referentieproces: ReferentieProcesIn
    verantwoordelijke: str = Field(max_length=50, min_length=1)
    broncatalogus: BronCatalogusIn | None = None
    bronzaaktype: BronZaaktypeIn | None = None
    catalogus: Url
    besluittypen: list[str]
    deelzaaktypen: list[str | None] = []
    gerelateerde_zaaktypen: list[ZaakTypenRelatieIn]
    versiedatum: date


class CheckListItemIn(Body):
    itemnaam: str = Field(max_length=30, min_length=1)
    toelichting: str | None = Field(None, max_length=1000)
    vraagstelling: str = Field(max_length=255, min_length=1)
    verplicht: bool = False


class SubTypeIn(Body):
    zaaktype: Url
    begin_geldigheid: date | None = None


class StatusTypeIn(SubTypeIn):
    omschrijving: str = Field(max_length=80, min_length=1)
    omschrijving_generiek: str = Field("", max_length=80)
    statustekst: str = Field("", max_length=1000)
    volgnummer: int = Field(ge=1, le=9999)
    informeren: bool = False
    doorlooptijd: Duration | None = None
    toelichting: str | None = Field(None, max_length=1000)
    checklistitem_statustype: list[CheckListItemIn] = []
    eigenschappen: list[Url | None] = []


class RolTypeIn(SubTypeIn):
    omschrijving: str = Field(max_length=100, min_length=1)
    omschrijving_generiek: OMSCHRIJVING_GENERIEK_ROL
    catalogus: Url | None = None


class BrondatumArchiefprocedureIn(Body):
    afleidingswijze: AFLEIDINGSWIJZE
    datumkenmerk: str = Field("", max_length=80)
    einddatum_bekend: bool = False
    objecttype: OBJECTTYPE = ""
    registratie: str = Field("", max_length=80)
    procestermijn: Duration | None = None


class ResultaatTypeIn(SubTypeIn):
    omschrijving: str = Field(max_length=30, min_length=1)
    resultaattypeomschrijving: Url
    selectielijstklasse: Url
    toelichting: str = ""
    archiefnominatie: Literal["blijvend_bewaren", "vernietigen", ""] = ""
    archiefactietermijn: Duration | None = None
    brondatum_archiefprocedure: BrondatumArchiefprocedureIn | None = None
    procesobjectaard: str | None = Field(None, max_length=200)
    catalogus: Url | None = None
    indicatie_specifiek: bool | None = None
    procestermijn: Duration | None = None
    besluittypen: list[str] = []
    informatieobjecttypen: list[str | None] = []


class EigenschapSpecificatieIn(Body):
    groep: str = Field("", max_length=32)
    formaat: Literal["tekst", "getal", "datum", "datum_tijd"]
    lengte: str = Field(max_length=14, min_length=1)
    kardinaliteit: str = Field(max_length=3, min_length=1)
    waardenverzameling: list[Annotated[str, Field(max_length=100)]] = []


class EigenschapIn(SubTypeIn):
    naam: str = Field(max_length=20, min_length=1)
    definitie: str = Field(max_length=255, min_length=1)
    specificatie: EigenschapSpecificatieIn
    toelichting: str = Field("", max_length=1000)
    statustype: Url | None = None


class ZaakObjectTypeIn(SubTypeIn):
    begin_geldigheid: date
    ander_objecttype: bool
    objecttype: Annotated[Url, Field(max_length=200)]
    relatie_omschrijving: str = Field(max_length=80, min_length=1)
    catalogus: Url


class ZaakTypeInformatieObjectTypeIn(Body):
    zaaktype: Url
    informatieobjecttype: str = Field(max_length=100, min_length=1)
    volgnummer: int = Field(ge=1, le=999)
    richting: Literal["inkomend", "intern", "uitgaand"]
    statustype: Url | None = None


class InformatieObjectTypeOmschrijvingGeneriekIn(Body):
    informatieobjecttype_omschrijving_generiek: str = Field(max_length=80)
    definitie_informatieobjecttype_omschrijving_generiek: str = Field(max_length=255)
    herkomst_informatieobjecttype_omschrijving_generiek: str = Field(max_length=12)
    hierarchie_informatieobjecttype_omschrijving_generiek: str = Field(max_length=80)
    opmerking_informatieobjecttype_omschrijving_generiek: str | None = Field(None, max_length=255)


class InformatieObjectTypeIn(GeldigheidIn):
    catalogus: Url
    omschrijving: str = Field(max_length=80, min_length=1)
    vertrouwelijkheidaanduiding: VERTROUWELIJKHEIDAANDUIDING
    informatieobjectcategorie: str = Field(max_length=80, min_length=1)
    trefwoord: list[Annotated[str, Field(max_length=30)]] = []
    omschrijving_generiek: InformatieObjectTypeOmschrijvingGeneriekIn | None = None


class BesluitTypeIn(GeldigheidIn):
    catalogus: Url
    omschrijving: str = Field("", max_length=80)
    omschrijving_generiek: str = Field("", max_length=80)
    besluitcategorie: str = Field("", max_length=40)
    reactietermijn: Duration | None = None
    publicatie_indicatie: bool
    publicatietekst: str = ""
    publicatietermijn: Duration | None = None
    toelichting: str = ""
    informatieobjecttypen: list[str]
