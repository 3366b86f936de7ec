"""Request bodies of the Besluiten API, mirroring the OAS request schemas (camelCase on the wire)."""

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..api.schemas import Body, Rsin, Url

VERVALREDEN = Literal["tijdelijk", "ingetrokken_overheid", "ingetrokken_belanghebbende"]

VERVALREDEN_WEERGAVE = {
    "tijdelijk": "Besluit met tijdelijke werking",
    "ingetrokken_overheid": "Besluit ingetrokken door overheid",
    "ingetrokken_belanghebbende": "Besluit ingetrokken o.v.v. belanghebbende",
}

# The OAS limits the besluittype and zaak URLs of a besluit to 200 characters.
ShortUrl = Annotated[str, Field(max_length=200), Url.__metadata__[-1]]


class BesluitIn(Body):
    identificatie: str = Field("", max_length=50)
    verantwoordelijke_organisatie: Rsin
    besluittype: ShortUrl
    zaak: ShortUrl | None = None
    datum: date
    toelichting: str = ""
    bestuursorgaan: str = Field("", max_length=50)
    ingangsdatum: date
    vervaldatum: date | None = None
    vervalreden: VERVALREDEN | None = None
    publicatiedatum: date | None = None
    verzenddatum: date | None = None
    uiterlijke_reactiedatum: date | None = None

    @field_validator("zaak", "vervalreden", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        # Clients of the reference implementation send "" for "none".
        return None if value == "" else value


class BesluitInformatieObjectIn(Body):
    informatieobject: Url
    besluit: Url
