"""The daily work of signaleringen: termijn signals for the zaken whose termijn is near, and the digest e-mail.

Both may run any number of times a day, in any number of processes, and do their work once per day:
a termijn signal is unique per person, zaak and day (a unique index), and a digest is claimed by setting
the day it was sent in the same transaction that puts the e-mail in the outbox. The worker (and ``serve``
with its in-process dispatcher) runs them every hour; ``zaakgericht signalen dagelijks`` runs them once.
"""

import asyncio
import contextlib
import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..accounts.models import Medewerker
from ..api.errors import ValidationError
from ..db import write_session
from ..notificaties.email import queue_email
from ..settings import get_settings
from ..zaken.models import Zaak
from ..zaken.service import TIMEZONE, local_time
from .models import TERMIJN, Signaal, SignaalVoorkeur
from .service import nieuw_signaal

logger = logging.getLogger("zaakgericht.signalen")

INTERVAL_SECONDS = 3600


def _dagen(aantal: int) -> str:
    return f"{aantal} dag" if aantal == 1 else f"{aantal} dagen"


def termijn_tekst(identificatie: str, gepland: date | None, uiterlijk: date | None, today: date) -> str:
    """The nearest of the zaak's two termijnen in words."""
    termijnen = [(uiterlijk, "uiterste einddatum"), (gepland, "geplande einddatum")]
    day, label = min((termijn for termijn in termijnen if termijn[0] is not None), key=lambda termijn: termijn[0])
    datum = f"{day:%d-%m-%Y}"
    if day < today:
        return f"De {label} van zaak {identificatie} is {_dagen((today - day).days)} verstreken ({datum})."
    if day == today:
        return f"De {label} van zaak {identificatie} is vandaag ({datum})."
    return f"De {label} van zaak {identificatie} is over {_dagen((day - today).days)} ({datum})."


async def maak_termijnsignalen(session: AsyncSession, now: datetime) -> int:
    """Today's termijn signal for the behandelaar of each open zaak whose termijn ends within
    ``signalen_termijn_dagen`` days or has passed; returns how many were made.

    Unread termijn signals of earlier days are removed first: today's signal says how many days are left
    now, and a zaak that was closed or got a later termijn no longer needs one.
    """
    today = now.astimezone(TIMEZONE).date()
    grens = today + timedelta(days=get_settings().signalen_termijn_dagen)
    await session.execute(
        delete(Signaal).where(Signaal.soort == TERMIJN, Signaal.gelezen.is_(None), Signaal.dag < today)
    )
    al_gemaakt = set(
        (
            await session.execute(
                select(Signaal.ontvanger, Signaal.zaak_id).where(Signaal.soort == TERMIJN, Signaal.dag == today)
            )
        ).all()
    )
    zaken = await session.execute(
        select(
            Zaak.id, Zaak.identificatie, Zaak.behandelaar, Zaak.einddatum_gepland, Zaak.uiterlijke_einddatum_afdoening
        ).where(
            Zaak.einddatum.is_(None),
            Zaak.behandelaar != "",
            or_(
                and_(Zaak.einddatum_gepland.is_not(None), Zaak.einddatum_gepland <= grens),
                and_(Zaak.uiterlijke_einddatum_afdoening.is_not(None), Zaak.uiterlijke_einddatum_afdoening <= grens),
            ),
        )
    )
    nieuw = [
        nieuw_signaal(behandelaar, TERMIJN, zaak_id, termijn_tekst(identificatie, gepland, uiterlijk, today), now)
        for zaak_id, identificatie, behandelaar, gepland, uiterlijk in zaken
        if (behandelaar, zaak_id) not in al_gemaakt
    ]
    session.add_all(nieuw)
    return len(nieuw)


def _overzicht(medewerker: Medewerker, regels: list[tuple], today: date) -> tuple[str, str]:
    """Subject and text of one person's digest: the signals' texts and links, nothing more (no BSN)."""
    base = get_settings().base_url.rstrip("/")
    aantal = len(regels)
    onderwerp = f"Uw signaleringen van {today:%d-%m-%Y}: {aantal} nieuw"
    regels_tekst = []
    for aangemaakt, tekst, zaak_uuid in regels:
        regels_tekst.append(f"- {local_time(aangemaakt):%d-%m %H:%M}  {tekst}")
        if base:
            regels_tekst.append(f"  {base}/zaakdossier/{zaak_uuid}")
    waar = f"{base}/signalen" if base else "Signaleringen in Zaakgericht"
    tekst = (
        f"Beste {medewerker.naam},\n\n"
        f"U heeft {aantal} {'signalering' if aantal == 1 else 'signaleringen'} van het afgelopen etmaal "
        "nog niet gelezen:\n\n" + "\n".join(regels_tekst) + "\n\n"
        f"Alle signaleringen staan op {waar}. Daar zet u dit dagelijkse overzicht ook uit.\n"
    )
    return onderwerp, tekst


async def verstuur_overzichten(session: AsyncSession, now: datetime) -> int:
    """Put today's digest in the outbox for each active medewerker who chose it and has an e-mail address and
    unread signals of the last 24 hours; returns how many. A person is done for the day once looked at,
    with or without signals: at most one digest a day."""
    today = now.astimezone(TIMEZONE).date()
    ontvangers = (
        await session.scalars(
            select(Medewerker)
            .join(SignaalVoorkeur, SignaalVoorkeur.medewerker_id == Medewerker.id)
            .where(
                SignaalVoorkeur.dagelijks_overzicht.is_(True),
                or_(SignaalVoorkeur.overzicht_verstuurd.is_(None), SignaalVoorkeur.overzicht_verstuurd < today),
                Medewerker.actief.is_(True),
                Medewerker.email != "",
            )
            .order_by(Medewerker.id)
        )
    ).all()
    if not ontvangers:
        return 0
    per_persoon: dict[str, list[tuple]] = defaultdict(list)
    rows = await session.execute(
        select(Signaal.ontvanger, Signaal.aangemaakt, Signaal.tekst, Zaak.uuid)
        .join(Zaak, Zaak.id == Signaal.zaak_id)
        .where(
            Signaal.ontvanger.in_([medewerker.gebruikersnaam for medewerker in ontvangers]),
            Signaal.gelezen.is_(None),
            Signaal.aangemaakt >= now - timedelta(days=1),
        )
        .order_by(Signaal.aangemaakt, Signaal.id)
    )
    for ontvanger, *regel in rows:
        per_persoon[ontvanger].append(tuple(regel))
    verstuurd = 0
    for medewerker in ontvangers:
        # The claim: a second run (or process) finds the day already set and sends nothing.
        claimed = await session.execute(
            update(SignaalVoorkeur)
            .where(
                SignaalVoorkeur.medewerker_id == medewerker.id,
                or_(SignaalVoorkeur.overzicht_verstuurd.is_(None), SignaalVoorkeur.overzicht_verstuurd < today),
            )
            .values(overzicht_verstuurd=today)
        )
        regels = per_persoon.get(medewerker.gebruikersnaam)
        if claimed.rowcount != 1 or not regels:
            continue
        onderwerp, tekst = _overzicht(medewerker, regels, today)
        try:
            queue_email(session, aan=medewerker.email, onderwerp=onderwerp, tekst=tekst)
        except ValidationError:
            logger.warning("Geen dagelijks overzicht voor %s: het e-mailadres is ongeldig", medewerker.gebruikersnaam)
            continue
        verstuurd += 1
    return verstuurd


async def dagelijks(now: datetime, *, overzicht: bool = True) -> tuple[int, int]:
    """Today's termijn signals, then (with ``overzicht``) the digests: (signals made, digests queued).
    The termijn signals come first, so the digest tells of them."""
    try:
        async with write_session() as session:
            termijnen = await maak_termijnsignalen(session, now)
    except IntegrityError:
        termijnen = 0  # another process made today's termijn signals at the same moment
    overzichten = 0
    if overzicht:
        async with write_session() as session:
            overzichten = await verstuur_overzichten(session, now)
    return termijnen, overzichten


async def periodiek(stop: asyncio.Event, interval: float = INTERVAL_SECONDS) -> None:
    """Run ``dagelijks`` every ``interval`` seconds until ``stop`` is set; the digests only from
    ``signalen_overzicht_uur`` o'clock, so they arrive at the start of the working day."""
    while not stop.is_set():
        now = datetime.now(TIMEZONE)
        try:
            await dagelijks(now, overzicht=now.hour >= get_settings().signalen_overzicht_uur)
        except Exception:
            logger.exception("Fout bij de dagelijkse signaleringen; opnieuw over %s s", interval)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)
