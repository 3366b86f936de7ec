"""The rules of employee accounts: validation, passwords, lock-out, sessions and autorisaties.

Every change of a medewerker goes through this module, whether it comes from the CLI or
from the beheer pages. Functions taking an ``AsyncSession`` work inside the caller's
transaction; ``log_in``, ``session_for`` and ``end_session`` open their own, because a
failed login must be counted even though the caller is refused.
"""

import asyncio
import hashlib
import math
import re
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..api.auth import VERTROUWELIJKHEIDAANDUIDINGEN, AuthContext, vertrouwelijkheid_level
from ..api.schemas import passes_elfproef
from ..catalogi.models import BesluitType, Catalogus, InformatieObjectType, ZaakType, ZaakTypeInformatieObjectType
from ..catalogi.queries import url_of
from ..db import read_session, write_session
from ..settings import get_settings
from .models import LoginPoging, Medewerker, MedewerkerAutorisatie, OpgeslagenFilter, WebSessie

ROLLEN = {
    "behandelaar": "Behandelaar",
    "kcc": "KCC-medewerker",
    "beheerder": "Beheerder",
    "manager": "Manager",
    "archivaris": "Archivaris",
}

VERTROUWELIJKHEID_LABELS = {
    "openbaar": "Openbaar",
    "beperkt_openbaar": "Beperkt openbaar",
    "intern": "Intern",
    "zaakvertrouwelijk": "Zaakvertrouwelijk",
    "vertrouwelijk": "Vertrouwelijk",
    "confidentieel": "Confidentieel",
    "geheim": "Geheim",
    "zeer_geheim": "Zeer geheim",
}
assert list(VERTROUWELIJKHEID_LABELS) == VERTROUWELIJKHEIDAANDUIDINGEN

MIN_WACHTWOORD_LENGTE = 12
# The gebruikersnaam is the medewerker's identificatie in the rollen of zaken: at most 24 characters.
_GEBRUIKERSNAAM = re.compile(r"^[A-Za-z0-9._@+-]{1,24}$")
# A session's expiry slides forward at most this often, so most requests only read.
_REFRESH_AFTER = timedelta(seconds=60)

_hasher = PasswordHasher()
_dummy_hash: str | None = None


def now() -> datetime:
    """The current time (tests move it with time-machine)."""
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite gives timestamps back without a zone; they are stored in UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class ValidationFailed(Exception):
    """Input that breaks a rule: ``errors`` maps a field name to a Dutch message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


class UnknownMedewerker(Exception):
    def __init__(self, gebruikersnaam: str = "") -> None:
        super().__init__(f"Medewerker {gebruikersnaam} bestaat niet.".replace("  ", " "))


class LoginFailed(Exception):
    """Unknown gebruikersnaam, wrong password or an inactive account: one message for all."""

    def __init__(self) -> None:
        super().__init__("De gebruikersnaam of het wachtwoord is onjuist.")


class TooManyAttempts(Exception):
    """Refused without trying: the delay after failed logins of this name, or the limit of this client,
    has not passed. The same for names with and without an account; ``retry_after`` in seconds."""

    def __init__(self, retry_after: int) -> None:
        wacht = f"{retry_after} seconden" if retry_after < 120 else f"ongeveer {round(retry_after / 60)} minuten"
        super().__init__(f"Er is te vaak geprobeerd in te loggen. Wacht {wacht} en probeer het daarna opnieuw.")
        self.retry_after = retry_after


@dataclass
class MedewerkerGegevens:
    """What a beheerder (or the CLI) says about a medewerker; everything but the password."""

    gebruikersnaam: str
    naam: str
    organisatie: str
    rollen: list[str]
    email: str = ""
    afdeling: str = ""
    heeft_alle_autorisaties: bool = False
    # (zaaktype URL, max vertrouwelijkheidaanduiding)
    autorisaties: list[tuple[str, str]] = field(default_factory=list)
    oidc_subject: str = ""


# -- passwords -----------------------------------------------------------------------------------


async def hash_password(wachtwoord: str) -> str:
    # Argon2 is deliberately slow: keep it off the event loop.
    return await asyncio.to_thread(_hasher.hash, wachtwoord)


async def _verify(wachtwoord_hash: str | None, wachtwoord: str) -> bool:
    global _dummy_hash
    if wachtwoord_hash is None:
        # Unknown accounts cost as much as known ones, so timing tells nothing.
        if _dummy_hash is None:
            _dummy_hash = await hash_password(secrets.token_urlsafe(16))
        wachtwoord_hash = _dummy_hash
        wachtwoord = ""
    try:
        return await asyncio.to_thread(_hasher.verify, wachtwoord_hash, wachtwoord) and wachtwoord != ""
    except (VerificationError, InvalidHashError):
        return False


def check_wachtwoord(wachtwoord: str) -> str | None:
    """The Dutch objection to a new password, or None."""
    if len(wachtwoord) < MIN_WACHTWOORD_LENGTE:
        return f"Een wachtwoord heeft ten minste {MIN_WACHTWOORD_LENGTE} tekens."
    if len(wachtwoord) > 1000:
        return "Een wachtwoord heeft hoogstens 1000 tekens."
    return None


# -- validation ----------------------------------------------------------------------------------


def _rsin_error(value: str) -> str | None:
    if len(value) != 9 or not value.isdigit():
        return "Een RSIN bestaat uit precies 9 cijfers."
    if not passes_elfproef(value):
        return "Dit RSIN voldoet niet aan de elfproef."
    return None


def _normalised(gegevens: MedewerkerGegevens) -> MedewerkerGegevens:
    gegevens.gebruikersnaam = gegevens.gebruikersnaam.strip()
    gegevens.naam = gegevens.naam.strip()
    gegevens.email = gegevens.email.strip()
    gegevens.organisatie = gegevens.organisatie.strip()
    gegevens.afdeling = gegevens.afdeling.strip()
    gegevens.oidc_subject = gegevens.oidc_subject.strip()
    gegevens.rollen = [rol for rol in ROLLEN if rol in gegevens.rollen] + [
        rol for rol in gegevens.rollen if rol not in ROLLEN
    ]
    return gegevens


async def _validate(session: AsyncSession, gegevens: MedewerkerGegevens, medewerker_id: int | None) -> None:
    errors: dict[str, str] = {}
    if not gegevens.gebruikersnaam:
        errors["gebruikersnaam"] = "Vul een gebruikersnaam in."
    elif not _GEBRUIKERSNAAM.match(gegevens.gebruikersnaam):
        errors["gebruikersnaam"] = "Gebruik alleen letters, cijfers en . _ @ + - (hoogstens 24 tekens)."
    else:
        other = await session.scalar(select(Medewerker.id).where(Medewerker.gebruikersnaam == gegevens.gebruikersnaam))
        if other is not None and other != medewerker_id:
            errors["gebruikersnaam"] = "Deze gebruikersnaam is al in gebruik."
    if not gegevens.naam:
        errors["naam"] = "Vul een naam in."
    elif len(gegevens.naam) > 200:
        errors["naam"] = "Een naam heeft hoogstens 200 tekens."
    if gegevens.email:
        try:
            validate_email(gegevens.email, check_deliverability=False)
        except EmailNotValidError:
            errors["email"] = "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."
        if len(gegevens.email) > 254:
            errors["email"] = "Een e-mailadres heeft hoogstens 254 tekens."
    if not gegevens.organisatie:
        errors["organisatie"] = "Vul het RSIN van de organisatie in."
    elif error := _rsin_error(gegevens.organisatie):
        errors["organisatie"] = error
    if len(gegevens.afdeling) > 200:
        errors["afdeling"] = "Een afdeling of team heeft hoogstens 200 tekens."
    if not gegevens.rollen:
        errors["rollen"] = "Kies ten minste één rol."
    elif unknown := [rol for rol in gegevens.rollen if rol not in ROLLEN]:
        errors["rollen"] = f"Onbekende rol: {', '.join(unknown)}. Kies uit {', '.join(ROLLEN)}."
    zaaktypen = [zaaktype for zaaktype, _ in gegevens.autorisaties]
    if gegevens.heeft_alle_autorisaties and gegevens.autorisaties:
        errors["autorisaties"] = "Kies alle autorisaties óf autorisaties per zaaktype, niet beide."
    elif len(set(zaaktypen)) != len(zaaktypen):
        errors["autorisaties"] = "Een zaaktype staat er meer dan eens in."
    elif any(not zaaktype.startswith(("http://", "https://")) or len(zaaktype) > 1000 for zaaktype in zaaktypen):
        errors["autorisaties"] = "Een zaaktype wordt aangeduid met zijn URL."
    elif any(niveau not in VERTROUWELIJKHEIDAANDUIDINGEN for _, niveau in gegevens.autorisaties):
        errors["autorisaties"] = (
            f"Kies een vertrouwelijkheidaanduiding uit: {', '.join(VERTROUWELIJKHEIDAANDUIDINGEN)}."
        )
    if len(gegevens.oidc_subject) > 255:
        errors["oidc_subject"] = "Een OpenID Connect-subject heeft hoogstens 255 tekens."
    elif gegevens.oidc_subject:
        other = await session.scalar(select(Medewerker.id).where(Medewerker.oidc_subject == gegevens.oidc_subject))
        if other is not None and other != medewerker_id:
            errors["oidc_subject"] = "Dit subject hoort al bij een andere medewerker."
    if errors:
        raise ValidationFailed(errors)


def _apply(medewerker: Medewerker, gegevens: MedewerkerGegevens) -> None:
    medewerker.gebruikersnaam = gegevens.gebruikersnaam
    medewerker.naam = gegevens.naam
    medewerker.email = gegevens.email
    medewerker.organisatie = gegevens.organisatie
    medewerker.afdeling = gegevens.afdeling
    medewerker.rollen = list(gegevens.rollen)
    medewerker.heeft_alle_autorisaties = gegevens.heeft_alle_autorisaties
    medewerker.oidc_subject = gegevens.oidc_subject or None
    medewerker.autorisaties = [
        MedewerkerAutorisatie(zaaktype=zaaktype, max_vertrouwelijkheidaanduiding=niveau)
        for zaaktype, niveau in gegevens.autorisaties
    ]


# -- changing medewerkers -------------------------------------------------------------------------


async def create_medewerker(session: AsyncSession, gegevens: MedewerkerGegevens, wachtwoord: str | None) -> Medewerker:
    """A new, active medewerker. Without a password the account can only log in through OpenID Connect."""
    gegevens = _normalised(gegevens)
    errors: dict[str, str] = {}
    try:
        await _validate(session, gegevens, None)
    except ValidationFailed as exc:
        errors = exc.errors
    if wachtwoord is not None and (error := check_wachtwoord(wachtwoord)):
        errors["wachtwoord"] = error
    if errors:
        raise ValidationFailed(errors)
    medewerker = Medewerker(
        aangemaakt=now(),
        actief=True,
        mislukte_pogingen=0,
        wachtwoord_hash=await hash_password(wachtwoord) if wachtwoord is not None else None,
        autorisaties=[],
    )
    _apply(medewerker, gegevens)
    session.add(medewerker)
    await session.flush()
    return medewerker


async def update_medewerker(
    session: AsyncSession, medewerker_uuid: uuid.UUID, gegevens: MedewerkerGegevens
) -> Medewerker:
    medewerker = await get_medewerker(session, medewerker_uuid, for_update=True)
    gegevens = _normalised(gegevens)
    await _validate(session, gegevens, medewerker.id)
    # Replaced autorisaties are deleted before the new ones are inserted (unique per zaaktype).
    medewerker.autorisaties = []
    await session.flush()
    _apply(medewerker, gegevens)
    await session.flush()
    return medewerker


async def set_wachtwoord(session: AsyncSession, medewerker: Medewerker, wachtwoord: str) -> None:
    """Sets a new password, lifts a lock-out and ends the medewerker's sessions."""
    if error := check_wachtwoord(wachtwoord):
        raise ValidationFailed({"wachtwoord": error})
    medewerker.wachtwoord_hash = await hash_password(wachtwoord)
    await deblokkeren(session, medewerker)
    await end_sessions_of(session, medewerker.id)


async def set_actief(
    session: AsyncSession, medewerker: Medewerker, actief: bool, *, door: Medewerker | None = None
) -> None:
    """(De)activates an account; a deactivated medewerker is logged out everywhere at once.

    ``door`` is the beheerder who does it: nobody deactivates their own account.
    """
    if not actief and door is not None and door.id == medewerker.id:
        raise ValidationFailed({"actief": "U kunt uw eigen account niet deactiveren."})
    medewerker.actief = actief
    if not actief:
        await end_sessions_of(session, medewerker.id)


async def deblokkeren(session: AsyncSession, medewerker: Medewerker) -> None:
    """Lifts the delay after failed logins of this medewerker's name (not the limit of a client)."""
    medewerker.mislukte_pogingen = 0
    medewerker.geblokkeerd_tot = None
    await session.execute(delete(LoginPoging).where(LoginPoging.sleutel == _account_key(medewerker.gebruikersnaam)))


# -- reading medewerkers --------------------------------------------------------------------------


async def get_medewerker(session: AsyncSession, medewerker_uuid: uuid.UUID, *, for_update: bool = False) -> Medewerker:
    statement = (
        select(Medewerker).where(Medewerker.uuid == medewerker_uuid).options(selectinload(Medewerker.autorisaties))
    )
    if for_update:
        statement = statement.with_for_update()
    medewerker = await session.scalar(statement)
    if medewerker is None:
        raise UnknownMedewerker()
    return medewerker


async def get_by_gebruikersnaam(session: AsyncSession, gebruikersnaam: str) -> Medewerker:
    medewerker = await session.scalar(
        select(Medewerker)
        .where(Medewerker.gebruikersnaam == gebruikersnaam)
        .options(selectinload(Medewerker.autorisaties))
        .with_for_update()
    )
    if medewerker is None:
        raise UnknownMedewerker(gebruikersnaam)
    return medewerker


async def list_medewerkers(session: AsyncSession) -> list[Medewerker]:
    return list((await session.scalars(select(Medewerker).order_by(Medewerker.naam, Medewerker.id))).all())


def is_geblokkeerd(medewerker: Medewerker) -> bool:
    """Whether the delay after failed logins of this medewerker still runs (``log_in`` keeps it on the row)."""
    return medewerker.geblokkeerd_tot is not None and _aware(medewerker.geblokkeerd_tot) > now()


def type_limits(medewerker: Medewerker) -> dict[str, int] | None:
    """Per zaaktype URL the highest vertrouwelijkheid level the medewerker may see; None for everything.

    The same shape as ``api.auth.AuthContext.type_limits``, so ``api.auth.limits_clause``
    filters zaken for a person in SQL exactly as for an API client.
    """
    if medewerker.heeft_alle_autorisaties:
        return None
    return {a.zaaktype: vertrouwelijkheid_level(a.max_vertrouwelijkheidaanduiding) for a in medewerker.autorisaties}


async def team(session: AsyncSession, medewerker: Medewerker) -> list[tuple[str, str]]:
    """(gebruikersnaam, naam) of the active medewerkers of the same organisation and afdeling, oneself included."""
    if not medewerker.afdeling:
        return [(medewerker.gebruikersnaam, medewerker.naam)]
    rows = await session.execute(
        select(Medewerker.gebruikersnaam, Medewerker.naam)
        .where(
            Medewerker.organisatie == medewerker.organisatie,
            Medewerker.afdeling == medewerker.afdeling,
            Medewerker.actief.is_(True),
        )
        .order_by(Medewerker.naam)
    )
    return [(row[0], row[1]) for row in rows]


# --- saved werkvoorraad filters ----------------------------------------------------------------------

FILTERNAAM_MAX = 80


async def opgeslagen_filters(session: AsyncSession, medewerker: Medewerker) -> list[OpgeslagenFilter]:
    """The medewerker's saved filters, by name."""
    rows = await session.scalars(
        select(OpgeslagenFilter).where(OpgeslagenFilter.medewerker_id == medewerker.id).order_by(OpgeslagenFilter.naam)
    )
    return list(rows)


async def filter_opslaan(
    session: AsyncSession, medewerker: Medewerker, naam: str, filters: dict[str, str]
) -> OpgeslagenFilter:
    """Save ``filters`` under ``naam`` for the medewerker; a filter of the same name gets the new values."""
    naam = " ".join(naam.split())
    if not naam:
        raise ValueError("Geef het filter een naam.")
    if len(naam) > FILTERNAAM_MAX:
        raise ValueError(f"Een naam heeft hoogstens {FILTERNAAM_MAX} tekens.")
    bestaand = await session.scalar(
        select(OpgeslagenFilter).where(OpgeslagenFilter.medewerker_id == medewerker.id, OpgeslagenFilter.naam == naam)
    )
    if bestaand is None:
        bestaand = OpgeslagenFilter(medewerker_id=medewerker.id, naam=naam, filters=filters, aangemaakt=now())
        session.add(bestaand)
    else:
        bestaand.filters = filters
    return bestaand


async def filter_verwijderen(session: AsyncSession, medewerker: Medewerker, filter_uuid: uuid.UUID) -> bool:
    """Delete one of the medewerker's own saved filters; False when they have none with this uuid."""
    result = await session.execute(
        delete(OpgeslagenFilter).where(
            OpgeslagenFilter.uuid == filter_uuid, OpgeslagenFilter.medewerker_id == medewerker.id
        )
    )
    return result.rowcount > 0


# What each role may do, in the scopes of the ZGW APIs: the web acts through the same services.
ROL_SCOPES = {
    "behandelaar": {
        "zaken.lezen",
        "zaken.aanmaken",
        "zaken.bijwerken",
        "zaken.statussen.toevoegen",
        "documenten.lezen",
        "documenten.aanmaken",
        "documenten.bijwerken",
        "documenten.lock",
        "documenten.verwijderen",
        "besluiten.lezen",
        "besluiten.aanmaken",
        "besluiten.bijwerken",
    },
    # manager: also reopening a closed zaak (zaken.heropenen, zrc-008), with a reason, from the dossier.
    "manager": {"zaken.lezen", "zaken.bijwerken", "zaken.heropenen", "documenten.lezen", "besluiten.lezen"},
    # kcc: bijwerken to register klantcontacten; no documents or besluiten (internal work).
    "kcc": {"zaken.lezen", "zaken.bijwerken"},
    "archivaris": {"zaken.lezen", "documenten.lezen", "besluiten.lezen"},
    "beheerder": set(),
}


@dataclass(slots=True)
class MedewerkerAuth(AuthContext):
    """A medewerker acting in the web application: the scopes of their roles, on the zaaktypen of their
    autorisaties. The services check it as they check an API client; the audit trail names the person.

    ``limits`` holds, per component (``zrc``, ``drc``, ``brc``), the type URLs with the highest
    vertrouwelijkheid level, or None for every type; a component without an entry allows nothing.
    """

    scopes: frozenset[str] = frozenset()
    limits: dict[str, dict[str, int] | None] = field(default_factory=dict)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def type_limits(self, component: str, scopes: tuple[str, ...]) -> dict[str, int] | None:
        if not self.scopes & set(scopes):
            return {}
        return self.limits.get(component, {})


WEB_CLIENT_ID = "zaakgericht-web"


def auth_context(medewerker: Medewerker) -> MedewerkerAuth:
    """The medewerker's rights on zaken; ``documenten_auth_context`` adds their documents and besluiten."""
    return MedewerkerAuth(
        client_id=WEB_CLIENT_ID,
        applicatie_label="Zaakgericht (webapplicatie)",
        heeft_alle_autorisaties=False,
        user_id=medewerker.gebruikersnaam,
        user_representation=medewerker.naam,
        scopes=frozenset().union(*(ROL_SCOPES.get(rol, set()) for rol in medewerker.rollen)),
        limits={"zrc": type_limits(medewerker)},
    )


async def documenten_auth_context(session: AsyncSession, medewerker: Medewerker) -> MedewerkerAuth:
    """The medewerker's rights on zaken, and on the documents and besluiten of the types their zaaktypen
    name (every version of those informatieobjecttypen and besluittypen), up to the vertrouwelijkheid
    they may see of that zaaktype: who may see a zaak may see its documents and besluiten."""
    auth = auth_context(medewerker)
    zaaktype_limits = auth.limits["zrc"]
    if zaaktype_limits is None:
        auth.limits.update(drc=None, brc=None)
        return auth
    auth.limits.update(drc={}, brc={})
    by_uuid = {uuid.UUID(url.rstrip("/").rsplit("/", 1)[1]): level for url, level in zaaktype_limits.items()}
    if not by_uuid:
        return auth
    informatieobjecttypen = await session.execute(
        select(ZaakType.uuid, InformatieObjectType.uuid)
        .join(ZaakTypeInformatieObjectType, ZaakTypeInformatieObjectType.zaaktype_id == ZaakType.id)
        .join(
            InformatieObjectType,
            (InformatieObjectType.catalogus_id == ZaakType.catalogus_id)
            & (InformatieObjectType.omschrijving == ZaakTypeInformatieObjectType.informatieobjecttype),
        )
        .where(ZaakType.uuid.in_(by_uuid))
    )
    for zaaktype_uuid, type_uuid in informatieobjecttypen:
        _raise_limit(auth.limits["drc"], url_of("informatieobjecttypen", type_uuid), by_uuid[zaaktype_uuid])
    zaaktypen = await session.execute(
        select(ZaakType.uuid, ZaakType.catalogus_id, ZaakType.besluittypen).where(ZaakType.uuid.in_(by_uuid))
    )
    named = {(catalogus_id, omschrijving) for _, catalogus_id, namen in zaaktypen for omschrijving in namen}
    if named:
        besluittypen = await session.execute(
            select(BesluitType.uuid, BesluitType.catalogus_id, BesluitType.omschrijving).where(
                BesluitType.catalogus_id.in_({catalogus_id for catalogus_id, _ in named})
            )
        )
        for type_uuid, catalogus_id, omschrijving in besluittypen:
            if (catalogus_id, omschrijving) in named:
                # Besluiten have no vertrouwelijkheid: who may see the zaaktype may see its besluiten.
                auth.limits["brc"][url_of("besluittypen", type_uuid)] = len(VERTROUWELIJKHEIDAANDUIDINGEN) - 1
    return auth


def _raise_limit(limits: dict[str, int], type_url: str, level: int) -> None:
    limits[type_url] = max(level, limits.get(type_url, -1))


@dataclass
class ZaaktypeKeuze:
    url: str
    label: str


async def published_zaaktypen(session: AsyncSession) -> list[ZaaktypeKeuze]:
    """The published zaaktypen of every catalogue: what autorisaties can name (each version apart)."""
    rows = (
        await session.execute(
            select(ZaakType.uuid, ZaakType.identificatie, ZaakType.omschrijving, ZaakType.begin_geldigheid)
            .join(Catalogus, Catalogus.id == ZaakType.catalogus_id)
            .where(ZaakType.concept.is_(False))
            .order_by(ZaakType.omschrijving, ZaakType.identificatie, ZaakType.begin_geldigheid)
        )
    ).all()
    return [
        ZaaktypeKeuze(
            url=url_of("zaaktypen", row.uuid),
            label=f"{row.omschrijving} ({row.identificatie}, geldig vanaf {row.begin_geldigheid:%d-%m-%Y})",
        )
        for row in rows
    ]


# -- logging in and sessions ---------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class SessieInfo:
    token: str
    csrf_token: str


def _account_key(gebruikersnaam: str) -> str:
    return "account:" + hashlib.sha256(gebruikersnaam.strip().lower().encode()).hexdigest()


def _client_key(client: str) -> str:
    return "client:" + hashlib.sha256(client.encode()).hexdigest()


async def _pogingen(session: AsyncSession, keys: list[str]) -> dict[str, LoginPoging]:
    rows = await session.scalars(select(LoginPoging).where(LoginPoging.sleutel.in_(keys)).with_for_update())
    return {row.sleutel: row for row in rows}


def _seconds_to_wait(pogingen: dict[str, LoginPoging], moment: datetime) -> int:
    waits = [(_aware(row.wacht_tot) - moment).total_seconds() for row in pogingen.values() if row.wacht_tot]
    return math.ceil(max([0.0, *waits]))


async def _count_failure(
    session: AsyncSession, pogingen: dict[str, LoginPoging], key: str, moment: datetime
) -> LoginPoging:
    """Counts one failure under ``key`` (a new window when the last one is over) and returns its row."""
    window = timedelta(seconds=get_settings().login_window_seconds)
    row = pogingen.get(key)
    if row is None:
        # A concurrent first failure may have created it: insert if absent, then lock it.
        insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
        new = insert(LoginPoging).values(sleutel=key, mislukt=0, sinds=moment).on_conflict_do_nothing()
        await session.execute(new)
        row = (await _pogingen(session, [key]))[key]
    if moment - _aware(row.sinds) > window:
        row.mislukt, row.sinds, row.wacht_tot = 0, moment, None
    row.mislukt += 1
    return row


def account_delay(mislukt: int) -> float:
    """Seconds before the next login of a name after ``mislukt`` failures in a row: none for the first few,
    then doubling up to a maximum. Short enough that nobody can keep a person out for long, long enough to
    make guessing passwords slow; the per-client limit stops one client from renewing it endlessly."""
    settings = get_settings()
    if mislukt < settings.login_free_attempts:
        return 0.0
    delay = settings.login_delay_seconds * 2 ** min(mislukt - settings.login_free_attempts, 32)
    return min(delay, settings.login_max_delay_seconds)


async def _record_failure(
    session: AsyncSession,
    pogingen: dict[str, LoginPoging],
    gebruikersnaam: str,
    client: str,
    medewerker: Medewerker | None,
    moment: datetime,
) -> None:
    settings = get_settings()
    # Forget other windows that are over (and whose delay has passed): the table holds only current ones.
    over = moment - timedelta(seconds=settings.login_window_seconds + settings.login_max_delay_seconds)
    ours = [_account_key(gebruikersnaam), _client_key(client)]
    await session.execute(
        delete(LoginPoging).where(LoginPoging.sinds < over, LoginPoging.sleutel.not_in(ours)),
        execution_options={"synchronize_session": False},
    )
    account = await _count_failure(session, pogingen, _account_key(gebruikersnaam), moment)
    delay = account_delay(account.mislukt)
    account.wacht_tot = moment + timedelta(seconds=delay) if delay else None
    if medewerker is not None:
        # Shown to beheer, who can lift it (``deblokkeren``).
        medewerker.mislukte_pogingen = account.mislukt
        medewerker.geblokkeerd_tot = account.wacht_tot
    if client:
        van_client = await _count_failure(session, pogingen, _client_key(client), moment)
        if van_client.mislukt >= settings.login_client_max_failures:
            van_client.wacht_tot = _aware(van_client.sinds) + timedelta(seconds=settings.login_window_seconds)


async def log_in(gebruikersnaam: str, wachtwoord: str, client: str = "") -> tuple[Medewerker, SessieInfo]:
    """Checks the password and starts a session; counts failures per name and per ``client`` (its address).

    Raises LoginFailed (the same for an unknown name, a wrong password and an inactive account), or
    TooManyAttempts before trying anything while the name's delay or the client's limit runs: an
    attacker cannot learn whether an account exists, nor lock a person out for more than the delay.
    """
    moment = now()
    keys = [_account_key(gebruikersnaam)] + ([_client_key(client)] if client else [])
    failed = False
    async with write_session() as session:
        pogingen = await _pogingen(session, keys)
        if wait := _seconds_to_wait(pogingen, moment):
            raise TooManyAttempts(wait)
        medewerker = await session.scalar(
            select(Medewerker).where(Medewerker.gebruikersnaam == gebruikersnaam.strip()).with_for_update()
        )
        if medewerker is None or not medewerker.actief or medewerker.wachtwoord_hash is None:
            await _verify(None, wachtwoord)
            failed = True
        elif not await _verify(medewerker.wachtwoord_hash, wachtwoord):
            failed = True
        if failed:
            await _record_failure(session, pogingen, gebruikersnaam, client, medewerker, moment)
        else:
            await deblokkeren(session, medewerker)
            if _hasher.check_needs_rehash(medewerker.wachtwoord_hash):
                medewerker.wachtwoord_hash = await hash_password(wachtwoord)
            sessie = await start_session(session, medewerker)
    if failed:
        raise LoginFailed()  # after the commit: the failure is counted
    return medewerker, sessie


async def start_session(session: AsyncSession, medewerker: Medewerker) -> SessieInfo:
    await delete_expired_sessions(session)
    moment = now()
    token = secrets.token_urlsafe(32)
    csrf_token = secrets.token_urlsafe(32)
    session.add(
        WebSessie(
            token_hash=_token_hash(token),
            medewerker_id=medewerker.id,
            csrf_token=csrf_token,
            aangemaakt=moment,
            laatst_gezien=moment,
            verloopt=moment + timedelta(seconds=get_settings().session_seconds),
        )
    )
    await session.flush()
    return SessieInfo(token=token, csrf_token=csrf_token)


async def log_in_oidc(gebruikersnaam: str, subject: str) -> tuple[Medewerker, SessieInfo]:
    """Starts a session for the active medewerker with this oidc subject or, failing that, gebruikersnaam.

    Accounts are never created here; LoginFailed when there is none.
    """
    async with write_session() as session:
        medewerker = None
        if subject:
            medewerker = await session.scalar(select(Medewerker).where(Medewerker.oidc_subject == subject))
        if medewerker is None and gebruikersnaam:
            medewerker = await session.scalar(select(Medewerker).where(Medewerker.gebruikersnaam == gebruikersnaam))
        if medewerker is None or not medewerker.actief:
            raise LoginFailed()
        return medewerker, await start_session(session, medewerker)


@dataclass
class ActieveSessie:
    medewerker: Medewerker
    csrf_token: str
    id: int = 0
    geweigerd_formulier: dict | None = None


@dataclass(frozen=True)
class GeweigerdFormulier:
    """A refused form to show again on its page: the objections by field and the values entered."""

    fouten: dict[str, str]
    waarden: dict[str, str]


async def session_for(token: str) -> ActieveSessie | None:
    """The medewerker (with autorisaties) of an unexpired session of an active account; slides its expiry."""
    if not token:
        return None
    moment = now()
    async with read_session() as session:
        row = (
            await session.execute(
                select(WebSessie, Medewerker)
                .join(Medewerker, Medewerker.id == WebSessie.medewerker_id)
                .where(WebSessie.token_hash == _token_hash(token), WebSessie.verloopt > moment, Medewerker.actief)
                .options(selectinload(Medewerker.autorisaties))
            )
        ).first()
    if row is None:
        return None
    sessie, medewerker = row
    if moment - _aware(sessie.laatst_gezien) >= _REFRESH_AFTER:
        async with write_session() as session:
            await session.execute(
                update(WebSessie)
                .where(WebSessie.id == sessie.id)
                .values(laatst_gezien=moment, verloopt=moment + timedelta(seconds=get_settings().session_seconds))
            )
    return ActieveSessie(
        medewerker=medewerker,
        csrf_token=sessie.csrf_token,
        id=sessie.id,
        geweigerd_formulier=sessie.geweigerd_formulier,
    )


async def keep_refused_form(sessie: ActieveSessie, pad: str, formulier: GeweigerdFormulier) -> None:
    """Keep a refused form for the next GET of ``pad`` (one per session: a newer refusal replaces it)."""
    bewaard = {"pad": pad, "fouten": formulier.fouten, "waarden": formulier.waarden}
    async with write_session() as session:
        await session.execute(update(WebSessie).where(WebSessie.id == sessie.id).values(geweigerd_formulier=bewaard))


async def take_refused_form(sessie: ActieveSessie | None, pad: str) -> GeweigerdFormulier | None:
    """The refused form kept for ``pad``, removed so that it is shown once; None when there is none."""
    bewaard = sessie.geweigerd_formulier if sessie else None
    if not bewaard or bewaard.get("pad") != pad:
        return None
    async with write_session() as session:
        await session.execute(update(WebSessie).where(WebSessie.id == sessie.id).values(geweigerd_formulier=None))
    sessie.geweigerd_formulier = None
    return GeweigerdFormulier(fouten=bewaard["fouten"], waarden=bewaard["waarden"])


async def end_session(token: str) -> None:
    async with write_session() as session:
        await session.execute(delete(WebSessie).where(WebSessie.token_hash == _token_hash(token)))


async def end_sessions_of(session: AsyncSession, medewerker_id: int) -> None:
    await session.execute(delete(WebSessie).where(WebSessie.medewerker_id == medewerker_id))


async def delete_expired_sessions(session: AsyncSession) -> int:
    result = await session.execute(delete(WebSessie).where(WebSessie.verloopt <= now()))
    return result.rowcount or 0
