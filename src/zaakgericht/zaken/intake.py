"""Starting a zaak in one go: the zaak, its initiator, its first status and the documents that came with it,
in the caller's transaction.

Used where people start zaken (a medewerker at the counter or on the phone); every part goes
through the Zaken services, so validation, audit trail and notifications are as through the API.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.auth import AuthContext
from ..api.errors import ValidationError
from ..catalogi.models import RolType, StatusType, ZaakType
from . import parts, service
from .models import Zaak

if TYPE_CHECKING:
    from ..documenten.storage import FileChanges
    from ..documenten.zaakdocumenten import NieuwDocument


@dataclass(frozen=True)
class Initiator:
    """A natuurlijk persoon who asks for the zaak."""

    bsn: str
    voornamen: str = ""
    geslachtsnaam: str = ""


async def _first_of(session: AsyncSession, zaaktype: uuid.UUID) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The zaaktype's first statustype and its initiator roltype."""
    zaaktype_id = select(ZaakType.id).where(ZaakType.uuid == zaaktype).scalar_subquery()
    statustype = await session.scalar(
        select(StatusType.uuid).where(StatusType.zaaktype_id == zaaktype_id).order_by(StatusType.volgnummer).limit(1)
    )
    roltype = await session.scalar(
        select(RolType.uuid)
        .where(RolType.zaaktype_id == zaaktype_id, RolType.omschrijving_generiek == "initiator")
        .order_by(RolType.id)
        .limit(1)
    )
    return statustype, roltype


async def start_zaak(
    session: AsyncSession,
    auth: AuthContext,
    zaak: dict,
    *,
    initiator: Initiator | None,
    moment: datetime,
    documenten: Sequence["NieuwDocument"] = (),
    files: "FileChanges | None" = None,
) -> Zaak:
    """Create ``zaak`` (a Zaken API body), then its initiator rol, the first status of its zaaktype and its
    documents (``documenten.zaakdocumenten.NieuwDocument``, their files stored in ``files``)."""
    created, body = await service.create_zaak(session, auth, zaak)
    zaaktype = urls.resolve(zaak["zaaktype"]).uuid
    statustype, roltype = await _first_of(session, zaaktype)
    if initiator is not None:
        if roltype is None:
            raise ValidationError.single("initiator", "not-found", "Het zaaktype kent geen rol initiator.")
        identificatie = {
            "inpBsn": initiator.bsn,
            "voornamen": initiator.voornamen,
            "geslachtsnaam": initiator.geslachtsnaam,
        }
        await parts.create_rol(
            session,
            auth,
            {
                "zaak": body["url"],
                "betrokkeneType": "natuurlijk_persoon",
                "roltype": urls.build("catalogi", "roltypen", roltype),
                "roltoelichting": "Initiator",
                "betrokkeneIdentificatie": identificatie,
            },
        )
    if statustype is not None:
        await service.create_status(
            session,
            auth,
            {
                "zaak": body["url"],
                "statustype": urls.build("catalogi", "statustypen", statustype),
                "datumStatusGezet": moment.isoformat(),
                "statustoelichting": "",
            },
        )
    if documenten:
        from ..documenten import zaakdocumenten

        ref = await service.load(session, created)
        for nieuw in documenten:
            await zaakdocumenten.add_to_zaak(session, auth, ref, nieuw, files)
    return created
