"""Citizen sessions of the PIP and what a logged-in citizen or company may do.

``log_in`` starts a session for an identity the broker (or the demo's test login) vouched for; ``session_for``
finds it again from the cookie's token and slides its expiry: it ends after ``burger_session_idle_seconds``
without a request and at the latest ``burger_session_max_seconds`` after login (the usual DigiD terms).

A person's zaken are those they are a betrokkene of (``betrokken``, ``eigen_zaak``): the reads of the PIP
and the citizen's actions both start from it. A citizen acts on a zaak only through ``auth_context``, made
for one zaak after ``eigen_zaak`` found the person to be a betrokkene of it: the zaaktype of that zaak
(every vertrouwelijkheid, as it is their own zaak) and the informatieobjecttype their documents get; nothing
else.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..accounts.service import MedewerkerAuth
from ..api import urls
from ..api.auth import VERTROUWELIJKHEIDAANDUIDINGEN
from ..catalogi.models import ZaakType
from ..db import read_session, write_session
from ..settings import get_settings
from ..zaken.models import Rol, Zaak
from .models import LOGIN_METHODES, BurgerSessie

PIP_CLIENT_ID = "zaakgericht-pip"
# Reading the own zaak, adding documents and klantcontact-like parts to it; nothing else.
PIP_SCOPES = frozenset({"zaken.lezen", "zaken.bijwerken", "documenten.lezen", "documenten.aanmaken"})
# A session's expiry slides forward at most this often, so most requests only read.
_REFRESH_AFTER = timedelta(seconds=30)


def now() -> datetime:
    """The current time (tests move it with time-machine)."""
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite gives timestamps back without a zone; they are stored in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Identiteit:
    """Who is logged in: a citizen by BSN or a company by KvK-nummer (exactly one)."""

    bsn: str | None
    kvk_nummer: str | None
    naam: str = ""
    methode: str = "test"

    def __post_init__(self) -> None:
        if (self.bsn is None) == (self.kvk_nummer is None):
            raise ValueError("exactly one of bsn and kvk_nummer")
        if self.methode not in LOGIN_METHODES:
            raise ValueError(f"unknown login method {self.methode}")

    @property
    def nummer(self) -> str:
        return self.bsn or self.kvk_nummer or ""

    @property
    def weergave(self) -> str:
        """How the person is named to themselves and in the zaak's history."""
        if self.naam:
            return self.naam
        # The BSN is not shown where it is not needed (the history, a document's auteur, the page header).
        return "Burger (BSN bekend)" if self.bsn else f"KvK-nummer {self.kvk_nummer}"


@dataclass(frozen=True)
class ActieveSessie:
    identiteit: Identiteit
    csrf_token: str


@dataclass(frozen=True)
class SessieInfo:
    token: str
    csrf_token: str


def _expiry(moment: datetime, aangemaakt: datetime) -> datetime:
    settings = get_settings()
    return min(
        moment + timedelta(seconds=settings.burger_session_idle_seconds),
        aangemaakt + timedelta(seconds=settings.burger_session_max_seconds),
    )


async def log_in(identiteit: Identiteit) -> SessieInfo:
    """Start a session for the identity (removing expired sessions on the way)."""
    moment = now()
    token, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    async with write_session() as session:
        await session.execute(delete(BurgerSessie).where(BurgerSessie.verloopt <= moment))
        session.add(
            BurgerSessie(
                token_hash=_token_hash(token),
                csrf_token=csrf_token,
                bsn=identiteit.bsn,
                kvk_nummer=identiteit.kvk_nummer,
                naam=identiteit.naam[:200],
                methode=identiteit.methode,
                aangemaakt=moment,
                laatst_gezien=moment,
                verloopt=_expiry(moment, moment),
            )
        )
    return SessieInfo(token=token, csrf_token=csrf_token)


async def session_for(token: str) -> ActieveSessie | None:
    """The identity of an unexpired session; slides its expiry (never past the maximum term)."""
    if not token:
        return None
    moment = now()
    async with read_session() as session:
        sessie = await session.scalar(
            select(BurgerSessie).where(BurgerSessie.token_hash == _token_hash(token), BurgerSessie.verloopt > moment)
        )
    if sessie is None:
        return None
    if moment - _aware(sessie.laatst_gezien) >= _REFRESH_AFTER:
        async with write_session() as session:
            await session.execute(
                update(BurgerSessie)
                .where(BurgerSessie.id == sessie.id)
                .values(laatst_gezien=moment, verloopt=_expiry(moment, _aware(sessie.aangemaakt)))
            )
    identiteit = Identiteit(sessie.bsn, sessie.kvk_nummer, sessie.naam, sessie.methode)
    return ActieveSessie(identiteit=identiteit, csrf_token=sessie.csrf_token)


async def end_session(token: str) -> None:
    async with write_session() as session:
        await session.execute(delete(BurgerSessie).where(BurgerSessie.token_hash == _token_hash(token)))


def auth_context(identiteit: Identiteit, zaaktype_url: str, informatieobjecttype_urls: tuple[str, ...] = ()):
    """The rights of a citizen on their own zaak (of ``zaaktype_url``) and the documents it gets.

    Only to be made for a zaak ``eigen_zaak`` found the person to be a betrokkene of: the limits name the
    zaaktype, not the zaak. The audit trail names the BSN or KvK-nummer and how the person logged in.
    """
    hoogste = len(VERTROUWELIJKHEIDAANDUIDINGEN) - 1
    return MedewerkerAuth(
        client_id=PIP_CLIENT_ID,
        applicatie_label="Zaakgericht (Mijn zaken)",
        heeft_alle_autorisaties=False,
        user_id=identiteit.nummer,
        user_representation=identiteit.weergave,
        scopes=PIP_SCOPES,
        limits={
            "zrc": {zaaktype_url: hoogste},
            "drc": dict.fromkeys(informatieobjecttype_urls, hoogste),
            "brc": {},
        },
    )


def betrokken(identiteit: Identiteit):
    """The condition on Zaak: the person is a betrokkene of it (in any rol).

    Their BSN as a natuurlijk persoon (``inpBsn``), or their KvK-nummer as a vestiging (``kvkNummer``: in the
    Zaken API 1.5 only a vestiging carries a KvK-nummer; a niet-natuurlijk persoon is identified by its RSIN).
    """
    if identiteit.bsn:
        rollen = select(Rol.zaak_id).where(Rol.betrokkene_type == "natuurlijk_persoon", Rol.inp_bsn == identiteit.bsn)
    else:
        kvk = Rol.betrokkene_identificatie["kvkNummer"].as_string()
        rollen = select(Rol.zaak_id).where(Rol.betrokkene_type == "vestiging", kvk == identiteit.kvk_nummer)
    return Zaak.id.in_(rollen)


async def eigen_zaak(session: AsyncSession, identiteit: Identiteit, zaak_uuid: uuid.UUID) -> tuple[Zaak, str] | None:
    """The person's zaak and the URL of its zaaktype; None when it does not exist or they are no betrokkene
    of it. One query."""
    row = (
        await session.execute(
            select(Zaak, ZaakType.uuid)
            .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
            .where(Zaak.uuid == zaak_uuid, betrokken(identiteit))
        )
    ).first()
    if row is None:
        return None
    return row[0], urls.build("catalogi", "zaaktypen", row[1])
