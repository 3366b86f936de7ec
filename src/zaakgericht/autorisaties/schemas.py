"""Request bodies of the Autorisaties API, mirroring the ``Applicatie`` schema of the 1.0.0 OAS.

Read-only fields (``url``, ``componentWeergave``) are absent and ignored when a client
sends them back, and so are the fields of another component (a ``zaaktype`` on a
``ztc`` autorisatie). An empty string or null for an optional limit counts as "not
given", as the reference implementation stores those fields blank.
"""

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from ..api.schemas import VERTROUWELIJKHEIDAANDUIDING, Body, Url

COMPONENT = Literal["ac", "nrc", "zrc", "ztc", "drc", "brc"]


def _blank_is_none(value: Any) -> Any:
    return None if value == "" else value


OptionalUrl = Annotated[Url | None, BeforeValidator(_blank_is_none)]
OptionalVertrouwelijkheid = Annotated[VERTROUWELIJKHEIDAANDUIDING | None, BeforeValidator(_blank_is_none)]
ClientId = Annotated[str, Field(min_length=1, max_length=50)]
Scope = Annotated[str, Field(min_length=1, max_length=100)]


class AutorisatieIn(Body):
    component: COMPONENT
    scopes: list[Scope]
    zaaktype: OptionalUrl = None
    informatieobjecttype: OptionalUrl = None
    besluittype: OptionalUrl = None
    max_vertrouwelijkheidaanduiding: OptionalVertrouwelijkheid = None


class ApplicatieIn(Body):
    client_ids: list[ClientId]
    label: str = Field(min_length=1, max_length=100)
    heeft_alle_autorisaties: bool = False
    autorisaties: list[AutorisatieIn] = []
