"""The e-mail to a zaak's initiators when it reaches a status whose statustype has ``informeren`` set.

The address is the standard one: ``contactpersoonRol.emailadres`` of the initiator's rol (the OAS
describes the contactpersoon as the betrokkene itself when that is a natuurlijk persoon). The message
is queued in the transaction that sets the status, so it goes out only when the status does.
"""

import logging
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.errors import ValidationError
from ..catalogi.models import StatusType, ZaakType
from ..notificaties.email import normalized_address, queue_email
from . import queries
from .models import Rol, Zaak

logger = logging.getLogger("zaakgericht.zaken")

TIMEZONE = ZoneInfo("Europe/Amsterdam")
MAANDEN = ("januari februari maart april mei juni juli augustus september oktober november december").split()


async def inform_initiators(
    session: AsyncSession, zaak: Zaak, zaaktype: ZaakType, statustype: StatusType, moment: datetime
) -> None:
    """Queue the status e-mail to each initiator with an e-mail address (none when informeren is off)."""
    if not statustype.informeren:
        return
    for naam, adres in await _initiator_addresses(session, zaak):
        onderwerp, tekst, html = status_email(zaak, zaaktype, statustype, moment, naam)
        queue_email(
            session,
            aan=adres,
            onderwerp=onderwerp,
            tekst=tekst,
            html=html,
            ordering_key=queries.url_of("zaken", zaak.uuid),
        )


async def _initiator_addresses(session: AsyncSession, zaak: Zaak) -> list[tuple[str, str]]:
    """(naam, address) of each initiator with a valid address, each address once."""
    contactpersonen = await session.scalars(
        select(Rol.contactpersoon_rol)
        .where(Rol.zaak_id == zaak.id, Rol.omschrijving_generiek == "initiator")
        .order_by(Rol.id)
    )
    found: dict[str, str] = {}
    for contactpersoon in contactpersonen:
        adres = (contactpersoon or {}).get("emailadres") or ""
        if not adres:
            continue
        try:
            adres = normalized_address(adres)
        except ValidationError:
            # Stored before addresses were checked; the status change itself must not fail on it.
            logger.warning("Zaak %s: het e-mailadres van een initiator is ongeldig; geen e-mail", zaak.identificatie)
            continue
        found.setdefault(adres.lower(), (contactpersoon.get("naam") or "", adres))
    return list(found.values())


def status_email(
    zaak: Zaak, zaaktype: ZaakType, statustype: StatusType, moment: datetime, naam: str
) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the e-mail about a new status."""
    onderwerp = f"Nieuwe status van uw zaak {zaak.identificatie}"
    status = statustype.statustekst or statustype.omschrijving
    datum = dutch_date(moment)
    link = f"{urls.base_url()}/mijn-zaken/{zaak.uuid}"
    aanhef = f"Beste {naam}," if naam else "Beste heer of mevrouw,"
    tekst = (
        f"{aanhef}\n\n"
        f"Uw zaak {zaak.identificatie} ({zaaktype.omschrijving}) heeft een nieuwe status.\n\n"
        f"Status: {status}\n"
        f"Datum: {datum}\n\n"
        f"Bekijk uw zaak op {link}\n\n"
        "Met vriendelijke groet,\n"
        "Uw gemeente\n\n"
        "Dit is een automatisch bericht. U kunt niet op dit bericht antwoorden.\n"
    )
    html = (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(onderwerp)}</title>\n</head>\n<body>\n"
        f"<p>{escape(aanhef)}</p>\n"
        f"<p>Uw zaak {escape(zaak.identificatie)} ({escape(zaaktype.omschrijving)}) heeft een nieuwe status.</p>\n"
        f"<p><strong>Status:</strong> {escape(status)}<br>\n<strong>Datum:</strong> {escape(datum)}</p>\n"
        f'<p><a href="{escape(link)}">Bekijk uw zaak {escape(zaak.identificatie)}</a></p>\n'
        "<p>Met vriendelijke groet,<br>\nUw gemeente</p>\n"
        "<p>Dit is een automatisch bericht. U kunt niet op dit bericht antwoorden.</p>\n"
        "</body>\n</html>\n"
    )
    return onderwerp, tekst, html


def dutch_date(moment: datetime) -> str:
    """E.g. "10 maart 2026", the day as it is in the Netherlands."""
    day = queries.aware(moment).astimezone(TIMEZONE).date()
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"
