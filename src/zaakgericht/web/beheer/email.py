"""Beheer of e-mail: whether sending is configured, and the e-mails that wait in the outbox or could not be sent.

Without ``ZAAKGERICHT_SMTP_HOST`` and ``ZAAKGERICHT_EMAIL_AFZENDER`` e-mails to citizens wait in the outbox;
this page says so and shows them, text included (with the demo, this is where an ontvangstbevestiging is
read). Two queries per page of 25 (the page and the count); only the fields shown are read from the row,
never its attachments.
"""

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Request
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from ...db import read_session
from ...notificaties import email
from ...notificaties.models import OutboxMessage
from ...settings import get_settings
from ...zaken.service import local_time
from ..layout.security import Beheerder
from ..layout.templating import render

router = APIRouter(prefix="/beheer")

PAGE_SIZE = 25


@dataclass(frozen=True)
class WachtendeEmail:
    id: int
    aan: str
    onderwerp: str
    tekst: str
    aangemaakt: datetime
    pogingen: int
    mislukt: bool  # given up (dead); else it waits for (another) attempt
    laatste_fout: str


def _niet_verzonden():
    return (OutboxMessage.kind == email.EMAIL, OutboxMessage.delivered_at.is_(None))


async def niet_verzonden(session: AsyncSession, pagina: int) -> tuple[list[WachtendeEmail], int]:
    """One page of the e-mails not (yet) sent, the newest first, and how many there are."""
    totaal = await session.scalar(select(func.count()).select_from(OutboxMessage).where(*_niet_verzonden()))
    rows = await session.execute(
        select(
            OutboxMessage.id,
            OutboxMessage.payload["aan"].as_string(),
            OutboxMessage.payload["onderwerp"].as_string(),
            OutboxMessage.payload["tekst"].as_string(),
            OutboxMessage.created,
            OutboxMessage.attempts,
            OutboxMessage.dead_at,
            OutboxMessage.last_error,
        )
        .where(*_niet_verzonden())
        .order_by(OutboxMessage.id.desc())
        .limit(PAGE_SIZE)
        .offset((pagina - 1) * PAGE_SIZE)
    )
    emails = [
        WachtendeEmail(
            id=row[0],
            aan=row[1] or "",
            onderwerp=row[2] or "",
            tekst=row[3] or "",
            aangemaakt=local_time(row[4]),
            pogingen=row[5],
            mislukt=row[6] is not None,
            laatste_fout=row[7] or "",
        )
        for row in rows
    ]
    return emails, totaal or 0


def _pagina(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 100_000 else 1


@router.get("/e-mail")
async def email_pagina(request: Request, medewerker: Beheerder) -> Response:
    pagina = _pagina(request.query_params.get("pagina"))
    async with read_session() as session:
        emails, totaal = await niet_verzonden(session, pagina)
    settings = get_settings()
    return render(
        request,
        "beheer/email.html",
        {
            "ingesteld": email.configured(),
            "smtp_host": settings.smtp_host,
            "afzender": settings.email_afzender,
            "emails": emails,
            "totaal": totaal,
            "pagina": pagina,
            "paginas": max(1, -(-totaal // PAGE_SIZE)),
        },
    )
