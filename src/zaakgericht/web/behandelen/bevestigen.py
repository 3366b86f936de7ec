"""A step before what cannot be undone in the zaakdossier (closing a zaak, reopening it, removing a document):
a page of its own that says what will happen, with "Ja" (the same form sent again, with ``bevestigd=ja``)
and "Nee" (back to where the person came from; nothing is done). Plain forms and links: no JavaScript.

Before the question, a change to a zaak is tried through the services and rolled back (``proef``): what the
services or our own rules refuse comes back on the form as any refused form does, so the page only asks
about what will succeed, and it can say what the change brings about (an e-mail to the citizen) because it
has just been done once, unseen.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from fastapi import Request
from sqlalchemy import event
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api.errors import NotFound, PermissionDenied, ValidationError
from ...db import read_session, write_session
from ...notificaties.email import EMAIL
from ...notificaties.models import OutboxMessage
from ...zaken import queries
from ...zaken.service import TIMEZONE
from ..layout.security import Forbidden
from ..layout.templating import render
from .dossier_page import fouten_van
from .dossier_queries import Dossier, dossier

BEVESTIGD = "bevestigd"  # the form field the "Ja" button adds


def bevestigd(form) -> bool:
    """Whether the form was sent from the confirmation page."""
    return form.get(BEVESTIGD) == "ja"


@dataclass(frozen=True)
class Proef:
    fouten: dict[str, str]  # the objections by form field, as a refused form shows them; empty: it will succeed
    emails: int = 0  # the e-mails the change queues (the status e-mail to the zaak's initiators)


class _Terugdraaien(Exception):
    """Raised inside the trial's transaction, so that it is rolled back."""


async def proef(medewerker: Medewerker, zaak_uuid: uuid.UUID, change, velden: tuple[str, ...]) -> Proef:
    """Run ``change(session, auth, zaak)`` as ``dossier_page.act`` does, and roll it back: nothing is kept,
    no notification or e-mail leaves (they are written in the same transaction)."""
    auth = accounts.auth_context(medewerker)
    emails: list[OutboxMessage] = []

    def geteld(_session, instance) -> None:
        if isinstance(instance, OutboxMessage) and instance.kind == EMAIL:
            emails.append(instance)

    try:
        async with write_session() as session:
            event.listen(session.sync_session, "transient_to_pending", geteld)
            try:
                zaak = await queries.readable_zaak(session, auth, zaak_uuid)
            except NotFound:
                raise HTTPException(404) from None
            await change(session, auth, zaak)
            await session.flush()  # the database's own checks, too
            raise _Terugdraaien
    except _Terugdraaien:
        return Proef({}, len(emails))
    except ValidationError as exc:
        return Proef(fouten_van(exc, velden))
    except PermissionDenied:
        raise Forbidden("U mag deze zaak niet wijzigen.") from None


async def te_bevestigen(medewerker: Medewerker, zaak_uuid: uuid.UUID) -> tuple[Dossier, date]:
    """The zaak as the dossier shows it, and today, for the sentences of a confirmation page; 404 when gone."""
    today = datetime.now(TIMEZONE).date()
    async with read_session() as session:
        found = await dossier(session, zaak_uuid, limits=accounts.type_limits(medewerker), today=today)
    if found is None:
        raise HTTPException(404)
    return found, today


def bevestigpagina(
    request: Request,
    *,
    titel: str,
    vraag: str,
    gevolgen: list[str],
    action: str,
    knop: str,
    velden: dict[str, str],
    terug: tuple[str, str],
    kruimelpad: list[tuple[str, str | None]],
) -> Response:
    """The confirmation page: ``vraag`` as its heading, ``gevolgen`` (one sentence each), the "Ja" button
    ``knop`` that sends ``velden`` (with ``bevestigd=ja``) to ``action``, and the link back ``terug``."""
    return render(
        request,
        "behandelen/bevestigen.html",
        {
            "titel": titel,
            "vraag": vraag,
            "gevolgen": gevolgen,
            "action": action,
            "knop": knop,
            "velden": {**velden, BEVESTIGD: "ja"},
            "terug": terug,
            "kruimelpad": kruimelpad,
        },
    )


def kruimels(identificatie: str, zaak_uuid: uuid.UUID, *verder: tuple[str, str | None]) -> list:
    """Werkvoorraad > Zaak ... > ``verder`` (label, url or None), the last the step being confirmed."""
    return [("Werkvoorraad", "/werkvoorraad"), (f"Zaak {identificatie}", f"/zaakdossier/{zaak_uuid}"), *verder]
