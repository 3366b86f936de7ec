"""Building blocks of request bodies shared by every API: camelCase bodies and checked value types."""

from typing import Annotated, Literal
from urllib.parse import urlsplit

import isodate
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

# Confidentiality, from low to high.
VERTROUWELIJKHEIDAANDUIDING = Literal[
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
]


def _duration(value: str) -> str:
    try:
        isodate.parse_duration(value)
    except (isodate.ISO8601Error, ValueError):
        raise PydanticCustomError("invalid", "Ongeldige duur; gebruik ISO 8601, bijvoorbeeld P8W of P10Y.") from None
    return value


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PydanticCustomError("invalid", "Voer een geldige URL in.")
    return value


def passes_elfproef(value: str) -> bool:
    """A BSN or RSIN: 9 digits whose weighted sum (9..2, and -1 for the last digit) is a multiple of 11."""
    if len(value) != 9 or not value.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], range(9, 1, -1), strict=True))
    return (total - int(value[8])) % 11 == 0


def _rsin(value: str) -> str:
    if len(value) != 9 or not value.isdigit():
        raise PydanticCustomError("invalid-length", "Een RSIN bestaat uit precies 9 cijfers.")
    if not passes_elfproef(value):
        raise PydanticCustomError("invalid", "Dit RSIN voldoet niet aan de elfproef.")
    return value


Duration = Annotated[str, AfterValidator(_duration)]
Url = Annotated[str, Field(max_length=1000), AfterValidator(_url)]
Rsin = Annotated[str, AfterValidator(_rsin)]


class Body(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")
