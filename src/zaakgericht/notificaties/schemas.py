"""Request bodies of the Notificaties API 1.0.0."""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..api.moments import Moment
from ..api.schemas import Body, Url

Kenmerk = Annotated[str, Field(min_length=1, max_length=1000)]

# What an HTTP client can send as a header value unchanged: visible ASCII, single spaces or tabs inside.
_HEADER_VALUE = re.compile(r"[\x21-\x7e]+(?:[ \t]+[\x21-\x7e]+)*")


def is_header_value(value: str) -> bool:
    return _HEADER_VALUE.fullmatch(value) is not None


def _header_value(value: str) -> str:
    if not is_header_value(value):
        raise PydanticCustomError(
            "invalid",
            "De auth wordt als Authorization-header meegestuurd en mag alleen zichtbare ASCII-tekens en spaties "
            "bevatten (geen letters met accenten, regeleinden of spaties aan het begin of eind).",
        )
    return value


class KanaalIn(Body):
    naam: str = Field(min_length=1, max_length=50)
    documentatie_link: Annotated[Url, Field(max_length=200)] | Literal[""] = ""
    filters: list[Annotated[str, Field(min_length=1, max_length=100)]] = []


class FilterGroupIn(Body):
    naam: str = Field(min_length=1)
    filters: dict[str, Kenmerk] = {}


class AbonnementIn(Body):
    callback_url: Annotated[Url, Field(max_length=200)]
    auth: Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_header_value)]
    kanalen: list[FilterGroupIn]


class MessageIn(Body):
    kanaal: str = Field(min_length=1, max_length=50)
    hoofd_object: Url
    resource: str = Field(min_length=1, max_length=100)
    resource_url: Url
    actie: str = Field(min_length=1, max_length=100)
    aanmaakdatum: Moment
    kenmerken: dict[str, Kenmerk] = {}
