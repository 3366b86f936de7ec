"""Request bodies of the Notificaties API 1.0.0."""

from typing import Annotated, Literal

from pydantic import Field

from ..api.moments import Moment
from ..api.schemas import Body, Url

Kenmerk = Annotated[str, Field(min_length=1, max_length=1000)]


class KanaalIn(Body):
    naam: str = Field(min_length=1, max_length=50)
    documentatie_link: Annotated[Url, Field(max_length=200)] | Literal[""] = ""
    filters: list[Annotated[str, Field(min_length=1, max_length=100)]] = []


class FilterGroupIn(Body):
    naam: str = Field(min_length=1)
    filters: dict[str, Kenmerk] = {}


class AbonnementIn(Body):
    callback_url: Url = Field(max_length=200)
    auth: str = Field(min_length=1, max_length=1000)
    kanalen: list[FilterGroupIn]


class MessageIn(Body):
    kanaal: str = Field(min_length=1, max_length=50)
    hoofd_object: Url
    resource: str = Field(min_length=1, max_length=100)
    resource_url: Url
    actie: str = Field(min_length=1, max_length=100)
    aanmaakdatum: Moment
    kenmerken: dict[str, Kenmerk] = {}
