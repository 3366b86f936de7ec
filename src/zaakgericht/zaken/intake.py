"""Starting a zaak in one go: the zaak, its initiator, its first status and the documents that came with it,
in the caller's transaction.

Used where people start zaken (a medewerker at the counter or on the phone); every part goes
through the Zaken services, so validation, audit trail and notifications are as through the API.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.auth import AuthContext
from ..api.errors import ValidationError
from ..catalogi.models import RolType, StatusType, ZaakType
from ..documenten import zaakdocumenten
from ..documenten.storage import FileChanges
from ..documenten.zaakdocumenten import NieuwDocument
from . import parts, service
from .models import Zaak


@dataclass(frozen=True)
class Initiator:
    """Who asks for the zaak: a natuurlijk persoon by BSN or, with ``kvk_nummer`` (and no BSN), a vestiging;
    with how to reach them (the rol's ``contactpersoonRol``) when given."""

    bsn: str
    voornamen: str = ""
    geslachtsnaam: str = ""
    kvk_nummer: str = ""
    naam: str = ""  # a vestiging's handelsnaam, or the name for the contactpersoon
    emailadres: str = ""
    telefoonnummer: str = ""

    def rol_body(self) -> dict:
        """The rol's betrokkeneType, betrokkeneIdentificatie and (when reachable) contactpersoonRol."""
        if self.bsn:
            body = {
                "betrokkeneType": "natuurlijk_persoon",
                "betrokkeneIdentificatie": {
                    "inpBsn": self.bsn,
                    "voornamen": self.voornamen,
                    "geslachtsnaam": self.geslachtsnaam,
                },
            }
        else:
            vestiging = {"kvkNummer": self.kvk_nummer, "handelsnaam": [self.naam] if self.naam else []}
            body = {"betrokkeneType": "vestiging", "betrokkeneIdentificatie": vestiging}
        if self.emailadres or self.telefoonnummer:
            # Never the BSN as a name: the status e-mails greet the contactpersoon by it.
            naam = self.naam or f"{self.voornamen} {self.geslachtsnaam}".strip() or self.kvk_nummer
            body["contactpersoonRol"] = {
                "emailadres": self.emailadres,
                "telefoonnummer": self.telefoonnummer,
                "naam": naam[:40],
            }
        return body


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


async def _create_initiator(
    session: AsyncSession, auth: AuthContext, zaak_url: str, roltype: uuid.UUID, initiator: Initiator
) -> None:
    await parts.create_rol(
        session,
        auth,
        {
            "zaak": zaak_url,
            "roltype": urls.build("catalogi", "roltypen", roltype),
            "roltoelichting": "Initiator",
            **initiator.rol_body(),
        },
    )


async def start_zaak(
    session: AsyncSession,
    auth: AuthContext,
    zaak: dict,
    *,
    initiator: Initiator | None,
    moment: datetime,
    documenten: Sequence[NieuwDocument] = (),
    files: FileChanges | None = None,
    eigen_bevestiging: bool = False,
) -> Zaak:
    """Create ``zaak`` (a Zaken API body), then its initiator rol, the first status of its zaaktype and its
    documents (``documenten.zaakdocumenten.NieuwDocument``, their files stored in ``files``).

    ``eigen_bevestiging``: the caller confirms receipt to the initiator itself (the e-formulier's
    ontvangstbevestiging), so the first status' e-mail would be a second message about the same thing."""
    created, body = await service.create_zaak(session, auth, zaak)
    zaaktype = urls.resolve(zaak["zaaktype"]).uuid
    statustype, roltype = await _first_of(session, zaaktype)
    if initiator is not None and roltype is None:
        raise ValidationError.single("initiator", "not-found", "Het zaaktype kent geen rol initiator.")
    if initiator is not None and not eigen_bevestiging:
        await _create_initiator(session, auth, body["url"], roltype, initiator)
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
    if initiator is not None and eigen_bevestiging:
        # Added after the first status, so that status' e-mail (``informeren``) does not reach the initiator.
        await _create_initiator(session, auth, body["url"], roltype, initiator)
    if documenten:
        ref = await service.load(session, created)
        for nieuw in documenten:
            await zaakdocumenten.add_to_zaak(session, auth, ref, nieuw, files)
    return created
