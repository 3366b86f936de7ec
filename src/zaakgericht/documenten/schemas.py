"""Request bodies of the Documenten API, mirroring the OAS request schemas (camelCase on the wire).

``inhoud`` is not part of these models: it is streamed from the request into storage
(``uploads``) before the rest of the body is validated here.
"""

import uuid
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..api.moments import Moment
from ..api.schemas import VERTROUWELIJKHEIDAANDUIDING, Body, Rsin, Url

STATUS = Literal["in_bewerking", "ter_vaststelling", "definitief", "gearchiveerd", ""]
# A vertrouwelijkheidaanduiding, or "" for "that of the informatieobjecttype" (drc-007).
VERTROUWELIJKHEID_OF_LEEG = Literal[(*get_args(VERTROUWELIJKHEIDAANDUIDING), "")]
ALGORITME = Literal[
    "crc_16",
    "crc_32",
    "crc_64",
    "fletcher_4",
    "fletcher_8",
    "fletcher_16",
    "fletcher_32",
    "hmac",
    "md5",
    "sha_1",
    "sha_256",
    "sha_512",
    "sha_3",
]
OBJECT_TYPE = Literal["besluit", "zaak", "verzoek"]
AARD_RELATIE = Literal["afzender", "geadresseerde"]


def _optional_url(value: str) -> str:
    return value if value == "" else Url.__metadata__[-1].func(value)


OptionalUrl = Annotated[str, Field(max_length=200), AfterValidator(_optional_url)]


def _empty_group(value: Any, keys: tuple[str, ...]) -> Any:
    """A group sent back as Open Zaak answers an unset one (``{"soort": "", "datum": null}``) means null."""
    if isinstance(value, dict) and all(value.get(key) in ("", None) for key in keys):
        return None
    return value


_GROUPS = (("ondertekening", ("soort", "datum")), ("integriteit", ("algoritme", "waarde", "datum")))


class OndertekeningIn(Body):
    soort: Literal["analoog", "digitaal", "pki"]
    datum: date


class IntegriteitIn(Body):
    algoritme: ALGORITME
    waarde: str = Field(min_length=1, max_length=128)
    datum: date


class DocumentIn(Body):
    identificatie: str = Field("", max_length=40)
    bronorganisatie: Rsin
    creatiedatum: date
    titel: str = Field(min_length=1, max_length=200)
    vertrouwelijkheidaanduiding: VERTROUWELIJKHEID_OF_LEEG = ""
    auteur: str = Field(min_length=1, max_length=200)
    status: STATUS = ""
    inhoud_is_vervallen: bool | None = None
    formaat: str = Field("", max_length=255)
    taal: str = Field(min_length=3, max_length=3)
    bestandsnaam: str = Field("", max_length=255)
    bestandsomvang: int | None = Field(None, ge=0, le=9223372036854775807)
    link: OptionalUrl = ""
    beschrijving: str = Field("", max_length=1000)
    ontvangstdatum: date | None = None
    verzenddatum: date | None = None
    indicatie_gebruiksrecht: bool | None = None
    verschijningsvorm: str = ""
    ondertekening: OndertekeningIn | None = None
    integriteit: IntegriteitIn | None = None
    informatieobjecttype: Annotated[Url, Field(max_length=200)]
    trefwoorden: list[str] = Field(default_factory=list)
    lock: str = ""

    @model_validator(mode="before")
    @classmethod
    def _unset_groups(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for key, fields in _GROUPS:
                if key in data:
                    data[key] = _empty_group(data[key], fields)
        return data


class UnlockIn(Body):
    lock: str = Field("", max_length=100)


class ZoekIn(Body):
    uuid__in: list[uuid.UUID] = Field(alias="uuid__in")
    identificatie: str | None = None
    bronorganisatie: str | None = None
    expand: str | None = None


class GebruiksrechtenIn(Body):
    informatieobject: Url
    startdatum: Moment
    einddatum: Moment | None = None
    omschrijving_voorwaarden: str = Field(min_length=1)


class ObjectInformatieObjectIn(Body):
    informatieobject: Url
    object: Url
    object_type: OBJECT_TYPE


class BinnenlandsAdresIn(Body):
    huisletter: str = Field("", max_length=1)
    huisnummer: int = Field(ge=1, le=99999)
    huisnummer_toevoeging: str = Field("", max_length=4)
    naam_openbare_ruimte: str = Field(min_length=1, max_length=80)
    postcode: str = Field("", max_length=6)
    woonplaatsnaam: str = Field(min_length=1, max_length=80)


class BuitenlandsAdresIn(Body):
    adres_buitenland1: str = Field(min_length=1, max_length=35, alias="adresBuitenland1")
    adres_buitenland2: str = Field("", max_length=35, alias="adresBuitenland2")
    adres_buitenland3: str = Field("", max_length=35, alias="adresBuitenland3")
    land_postadres: Annotated[Url, Field(max_length=200)]


class PostadresIn(Body):
    post_bus_of_antwoordnummer: int = Field(ge=1, le=9999)
    postadres_postcode: str = Field(min_length=1, max_length=6)
    postadres_type: Literal["antwoordnummer", "postbusnummer"]
    woonplaatsnaam: str = Field(min_length=1, max_length=80)


ADDRESS_FIELDS = (
    "binnenlandsCorrespondentieadres",
    "buitenlandsCorrespondentieadres",
    "correspondentiePostadres",
    "faxnummer",
    "emailadres",
    "mijnOverheid",
    "telefoonnummer",
)


class VerzendingIn(Body):
    betrokkene: Annotated[Url, Field(max_length=200)]
    informatieobject: Url
    aard_relatie: AARD_RELATIE
    toelichting: str = Field("", max_length=200)
    ontvangstdatum: date | None = None
    verzenddatum: date | None = None
    contact_persoon: Url
    contactpersoonnaam: str = Field("", max_length=40)
    binnenlands_correspondentieadres: BinnenlandsAdresIn | None = None
    buitenlands_correspondentieadres: BuitenlandsAdresIn | None = None
    correspondentie_postadres: PostadresIn | None = None
    faxnummer: str | None = Field(None, max_length=15)
    emailadres: str | None = Field(None, max_length=100)
    mijn_overheid: bool = False
    telefoonnummer: str | None = Field(None, max_length=15)

    @model_validator(mode="after")
    def _one_address(self) -> "VerzendingIn":
        given = [
            self.binnenlands_correspondentieadres is not None,
            self.buitenlands_correspondentieadres is not None,
            self.correspondentie_postadres is not None,
            bool(self.faxnummer),
            bool(self.emailadres),
            self.mijn_overheid,
            bool(self.telefoonnummer),
        ]
        if sum(given) != 1:
            raise PydanticCustomError(
                "invalid-address",
                "Een verzending heeft precies één adres: een correspondentieadres, postadres, faxnummer, "
                "e-mailadres, telefoonnummer of MijnOverheid.",
            )
        return self
