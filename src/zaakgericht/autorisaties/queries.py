"""Reads of the Autorisaties API: the list filter, look-ups and the JSON bodies of applicaties.

Bodies are built in bulk: a page of any size costs two queries on top of the page
itself (its client ids and its autorisaties). Secrets are never read here.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.errors import NotFound
from .models import Applicatie, ApplicatieClient, Autorisatie

API = "autorisaties"
RESOURCE = "applicaties"

# The Dutch descriptions of the ``component`` enum in the OAS (``componentWeergave``).
COMPONENT_WEERGAVE = {
    "ac": "Autorisaties API",
    "nrc": "Notificaties API",
    "zrc": "Zaken API",
    "ztc": "Catalogi API",
    "drc": "Documenten API",
    "brc": "Besluiten API",
}

# Per component the limits its autorisaties carry (OAS schemas zrc, drc, brc; the others have none):
# (name in the API, attribute of Autorisatie).
COMPONENT_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "zrc": (("zaaktype", "zaaktype"), ("maxVertrouwelijkheidaanduiding", "max_vertrouwelijkheidaanduiding")),
    "drc": (
        ("informatieobjecttype", "informatieobjecttype"),
        ("maxVertrouwelijkheidaanduiding", "max_vertrouwelijkheidaanduiding"),
    ),
    "brc": (("besluittype", "besluittype"),),
}


def url_of(uuid_: uuid.UUID) -> str:
    return urls.build(API, RESOURCE, uuid_)


def applicatie_statement(params: dict[str, Any]) -> Select:
    """Applicaties in creation order; ``clientIds`` keeps those having every given client id."""
    statement = select(Applicatie).order_by(Applicatie.id)
    for client_id in dict.fromkeys(params.get("clientIds") or []):
        owners = select(ApplicatieClient.applicatie_id).where(ApplicatieClient.client_id == client_id)
        statement = statement.where(Applicatie.id.in_(owners))
    return statement


async def get_by_uuid(session: AsyncSession, uuid_: uuid.UUID) -> Applicatie:
    applicatie = await session.scalar(select(Applicatie).where(Applicatie.uuid == uuid_))
    if applicatie is None:
        raise NotFound()
    return applicatie


async def get_by_client_id(session: AsyncSession, client_id: str) -> Applicatie:
    applicatie = await session.scalar(
        select(Applicatie)
        .join(ApplicatieClient, ApplicatieClient.applicatie_id == Applicatie.id)
        .where(ApplicatieClient.client_id == client_id)
    )
    if applicatie is None:
        raise NotFound(f"Er is geen applicatie met client id {client_id}.")
    return applicatie


def autorisatie_body(autorisatie: Autorisatie) -> dict:
    body: dict[str, Any] = {
        "component": autorisatie.component,
        "componentWeergave": COMPONENT_WEERGAVE.get(autorisatie.component, autorisatie.component),
        "scopes": list(autorisatie.scopes or []),
    }
    for name, attribute in COMPONENT_FIELDS.get(autorisatie.component, ()):
        value = getattr(autorisatie, attribute)
        # The OAS allows neither "" nor null here: a limit that was not given is left out.
        if value:
            body[name] = value
    return body


async def applicatie_bodies(session: AsyncSession, applicaties: Sequence[Applicatie]) -> list[dict]:
    """The bodies of ``applicaties`` in order: two queries whatever their number."""
    ids = [applicatie.id for applicatie in applicaties]
    client_ids: dict[int, list[str]] = defaultdict(list)
    autorisaties: dict[int, list[dict]] = defaultdict(list)
    if ids:
        rows = await session.execute(
            select(ApplicatieClient.applicatie_id, ApplicatieClient.client_id)
            .where(ApplicatieClient.applicatie_id.in_(ids))
            .order_by(ApplicatieClient.id)
        )
        for applicatie_id, client_id in rows:
            client_ids[applicatie_id].append(client_id)
        for autorisatie in await session.scalars(
            select(Autorisatie).where(Autorisatie.applicatie_id.in_(ids)).order_by(Autorisatie.id)
        ):
            autorisaties[autorisatie.applicatie_id].append(autorisatie_body(autorisatie))
    return [
        {
            "url": url_of(applicatie.uuid),
            "clientIds": client_ids[applicatie.id],
            "label": applicatie.label,
            "heeftAlleAutorisaties": applicatie.heeft_alle_autorisaties,
            "autorisaties": autorisaties[applicatie.id],
        }
        for applicatie in applicaties
    ]
