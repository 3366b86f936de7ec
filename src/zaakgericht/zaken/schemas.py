"""Request bodies of the Zaken API, mirroring the OAS request schemas (camelCase on the wire)."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator
from pydantic_core import PydanticCustomError
from shapely.errors import GEOSException, ShapelyError
from shapely.geometry import shape

from ..api.moments import Moment
from ..api.schemas import VERTROUWELIJKHEIDAANDUIDING, Body, Duration, Rsin, Url

ARCHIEFNOMINATIE = Literal["blijvend_bewaren", "vernietigen"]
ARCHIEFSTATUS = Literal["nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen"]
BETALINGSINDICATIE = Literal["", "nvt", "nog_niet", "gedeeltelijk", "geheel"]
GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


def _optional_url(value: str) -> str:
    return value if value == "" else Url.__metadata__[-1].func(value)


OptionalUrl = Annotated[str, Field(max_length=1000), AfterValidator(_optional_url)]


def geometry(value: Any) -> dict:
    """A GeoJSON geometry (WGS84) that Shapely understands."""
    if not isinstance(value, dict) or value.get("type") not in GEOMETRY_TYPES:
        raise PydanticCustomError("invalid", "Geef een GeoJSON-geometrie (Point, Polygon, ...).")
    try:
        geometry = shape(value)
    # ShapelyError: an empty part of a Multi* geometry, a FeatureCollection inside a GeometryCollection, ...
    except (ShapelyError, GEOSException, ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise PydanticCustomError("invalid", "Ongeldige GeoJSON-geometrie.") from None
    if geometry.is_empty:
        raise PydanticCustomError("invalid", "De geometrie is leeg.")
    return value


Geometry = Annotated[dict, AfterValidator(geometry)]


class VerlengingIn(Body):
    reden: str = Field(max_length=200)
    duur: Duration


class OpschortingIn(Body):
    indicatie: bool
    reden: str = Field(max_length=200)


class RelevanteZaakIn(Body):
    url: Url
    aard_relatie: Literal["vervolg", "onderwerp", "bijdrage"]


class KenmerkIn(Body):
    kenmerk: str = Field(max_length=40)
    bron: str = Field(max_length=40)


class ProcessobjectIn(Body):
    datumkenmerk: str = Field(max_length=250)
    identificatie: str = Field(max_length=250)
    objecttype: str = Field(max_length=250)
    registratie: str = Field(max_length=250)


class ZaakIn(Body):
    identificatie: str = Field("", max_length=40)
    bronorganisatie: Rsin
    omschrijving: str = Field("", max_length=80)
    toelichting: str = Field("", max_length=1000)
    zaaktype: Url
    registratiedatum: date | None = None
    verantwoordelijke_organisatie: Rsin
    startdatum: date
    einddatum_gepland: date | None = None
    uiterlijke_einddatum_afdoening: date | None = None
    publicatiedatum: date | None = None
    communicatiekanaal: OptionalUrl = ""
    producten_of_diensten: list[Url] = []
    vertrouwelijkheidaanduiding: VERTROUWELIJKHEIDAANDUIDING | None = None
    betalingsindicatie: BETALINGSINDICATIE = ""
    laatste_betaaldatum: Moment | None = None
    zaakgeometrie: Geometry | None = None
    verlenging: VerlengingIn | None = None
    opschorting: OpschortingIn | None = None
    selectielijstklasse: OptionalUrl = ""
    hoofdzaak: Url | None = None
    relevante_andere_zaken: list[RelevanteZaakIn] = []
    kenmerken: list[KenmerkIn] = []
    archiefnominatie: ARCHIEFNOMINATIE | None = None
    archiefstatus: ARCHIEFSTATUS = "nog_te_archiveren"
    archiefactiedatum: date | None = None
    opdrachtgevende_organisatie: str = Field("", max_length=9)
    processobjectaard: str | None = Field(None, max_length=200)
    startdatum_bewaartermijn: date | None = None
    processobject: ProcessobjectIn | None = None

    @field_validator("vertrouwelijkheidaanduiding", "archiefnominatie", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if value == "" else value


class StatusIn(Body):
    zaak: Url
    statustype: Url
    datum_status_gezet: Moment
    statustoelichting: str = Field("", max_length=1000)
    gezetdoor: Annotated[OptionalUrl, Field(max_length=200)] = ""


class ResultaatIn(Body):
    zaak: Url
    resultaattype: Url
    toelichting: str = Field("", max_length=1000)


class GeoWithinIn(Body):
    within: Geometry | None = None


class ZaakZoekGeometrie(Body):
    zaakgeometrie: GeoWithinIn | None = None
