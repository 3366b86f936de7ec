"""JWT-ZGW authentication and scope checks.

A token is an HS256 JWT with ``client_id`` and ``iat`` claims, signed with the secret
stored for that client id. The client's Applicatie decides what it may do: either
``heeftAlleAutorisaties`` or the scopes of its Autorisaties.
"""

import time
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import get_args

import jwt
import jwt.warnings
from fastapi import Depends, Request
from sqlalchemy import and_, bindparam, case, false, or_, select

from ..autorisaties.models import Applicatie, ApplicatieClient, Autorisatie
from ..db import read_session
from ..settings import get_settings
from .errors import NotAuthenticated, PermissionDenied
from .schemas import VERTROUWELIJKHEIDAANDUIDING
from .urls import resolve

# ZGW secrets are agreed between parties and are often shorter than RFC 7518 recommends.
warnings.filterwarnings("ignore", category=jwt.warnings.InsecureKeyLengthWarning)

VERTROUWELIJKHEIDAANDUIDINGEN = list(get_args(VERTROUWELIJKHEIDAANDUIDING))


@dataclass(slots=True)
class AuthContext:
    client_id: str
    applicatie_label: str
    heeft_alle_autorisaties: bool
    autorisaties: list[Autorisatie] = field(default_factory=list)
    user_id: str = ""
    user_representation: str = ""
    # The ``X-Audit-Toelichting`` header: why the client makes this change (for the audit trail).
    audit_toelichting: str = ""

    def has_scope(self, scope: str) -> bool:
        return self.heeft_alle_autorisaties or any(scope in a.scopes for a in self.autorisaties)

    def has_any_scope(self, scopes: tuple[str, ...]) -> bool:
        return any(self.has_scope(scope) for scope in scopes)

    def type_limits(self, component: str, scopes: tuple[str, ...]) -> dict[str, int] | None:
        """Per type URL, the highest vertrouwelijkheid level (index in VERTROUWELIJKHEIDAANDUIDINGEN)
        for which one of ``scopes`` is granted; None when everything is allowed.

        ``component`` is ``zrc`` (zaaktype), ``drc`` (informatieobjecttype) or ``brc`` (besluittype,
        which has no vertrouwelijkheid: every level counts).
        """
        if self.heeft_alle_autorisaties:
            return None
        field = TYPE_FIELD[component]
        limits: dict[str, int] = {}
        for autorisatie in self.autorisaties:
            type_url = getattr(autorisatie, field)
            if autorisatie.component != component or not type_url or not set(scopes) & set(autorisatie.scopes):
                continue
            level = vertrouwelijkheid_level(autorisatie.max_vertrouwelijkheidaanduiding or "zeer_geheim")
            limits[type_url] = max(level, limits.get(type_url, -1))
        return limits

    def allows(self, component: str, scopes: tuple[str, ...], type_url: str, vertrouwelijkheid: str = "") -> bool:
        """Whether one of ``scopes`` is granted for an object of this type and vertrouwelijkheid."""
        limits = self.type_limits(component, scopes)
        if limits is None:
            return True
        level = limits.get(type_url)
        return level is not None and vertrouwelijkheid_level(vertrouwelijkheid or "openbaar") <= level


TYPE_FIELD = {"zrc": "zaaktype", "drc": "informatieobjecttype", "brc": "besluittype"}


def vertrouwelijkheid_level(aanduiding: str) -> int:
    try:
        return VERTROUWELIJKHEIDAANDUIDINGEN.index(aanduiding)
    except ValueError:
        return len(VERTROUWELIJKHEIDAANDUIDINGEN) - 1


def make_token(client_id: str, secret: str, *, user_id: str = "", user_representation: str = "") -> str:
    """A JWT-ZGW token as a client would make it."""
    payload = {
        "iss": client_id,
        "iat": int(time.time()),
        "client_id": client_id,
        "user_id": user_id,
        "user_representation": user_representation,
    }
    return jwt.encode(payload, secret, algorithm="HS256")


def _bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Authenticatiegegevens zijn niet opgegeven.")
    return token.strip()


# Tokens are reused for many requests: remember their client id, and which (token, secret)
# pairs verified. Expiry is checked on every request.
_client_ids: dict[str, str] = {}
_verified: dict[tuple[str, str], dict] = {}
_REMEMBER_MAX = 10_000

# The applicatie of a client id with its autorisaties (none when it has them all), in one query:
# one row per autorisatie, or one row with None.
_CLIENT_QUERY = (
    select(ApplicatieClient.secret, Applicatie.label, Applicatie.heeft_alle_autorisaties, Autorisatie)
    .join(Applicatie, Applicatie.id == ApplicatieClient.applicatie_id)
    .outerjoin(
        Autorisatie,
        and_(Autorisatie.applicatie_id == Applicatie.id, Applicatie.heeft_alle_autorisaties.is_(False)),
    )
    .where(ApplicatieClient.client_id == bindparam("client_id"))
    .order_by(Autorisatie.id)
)


def _client_id(token: str) -> str:
    """The client the (not yet verified) token claims to come from."""
    client_id = _client_ids.get(token)
    if client_id is not None:
        return client_id
    try:
        unverified = jwt.api_jwt.decode_complete(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise NotAuthenticated(f"Ongeldige JWT: {exc}") from exc
    if unverified["header"].get("alg") != "HS256":
        raise NotAuthenticated("Alleen HS256-ondertekende JWT's worden geaccepteerd.")
    client_id = unverified["payload"].get("client_id") or unverified["payload"].get("iss")
    if not isinstance(client_id, str) or not client_id:
        raise NotAuthenticated("De claim 'client_id' ontbreekt.")
    _remember(_client_ids, token, client_id)
    return client_id


def _remember(memory: dict, key, value) -> None:
    if len(memory) >= _REMEMBER_MAX:
        memory.clear()
    memory[key] = value


def _verified_claims(token: str, secret: str) -> dict:
    claims = _verified.get((token, secret))
    if claims is None:
        try:
            claims = jwt.decode(
                token,
                secret,
                algorithms=["HS256"],
                options={"require": ["iat"], "verify_aud": False, "verify_iat": False},
            )
        except jwt.PyJWTError as exc:
            raise NotAuthenticated(f"Ongeldige JWT: {exc}") from exc
        _remember(_verified, (token, secret), claims)
    _check_lifetime(claims["iat"])
    return claims


def _check_lifetime(iat) -> None:
    settings = get_settings()
    now = time.time()
    if not isinstance(iat, (int, float)):
        raise NotAuthenticated("De claim 'iat' is geen tijdstip.")
    if iat > now + settings.jwt_leeway:
        raise NotAuthenticated("De JWT is uitgegeven in de toekomst ('iat').")
    if iat + settings.jwt_expiry + settings.jwt_leeway < now:
        raise NotAuthenticated("De JWT is verlopen.")


async def authenticate(request: Request) -> AuthContext:
    token = _bearer_token(request)
    client_id = _client_id(token)
    async with read_session() as session:
        rows = (await session.execute(_CLIENT_QUERY, {"client_id": client_id})).all()
    if not rows or not rows[0][0]:
        raise NotAuthenticated("Onbekende client_id.")
    secret, label, heeft_alle_autorisaties, _ = rows[0]
    claims = _verified_claims(token, secret)
    autorisaties = [row[3] for row in rows if row[3] is not None]
    return AuthContext(
        client_id=client_id,
        applicatie_label=label,
        heeft_alle_autorisaties=heeft_alle_autorisaties,
        autorisaties=autorisaties,
        user_id=str(claims.get("user_id") or ""),
        user_representation=str(claims.get("user_representation") or ""),
        audit_toelichting=request.headers.get("x-audit-toelichting", ""),
    )


def require_scopes(*scopes: str):
    """A dependency that authenticates and demands at least one of ``scopes``."""

    async def dependency(request: Request) -> AuthContext:
        context = await authenticate(request)
        if not context.has_any_scope(scopes):
            raise PermissionDenied("Niet de juiste autorisaties beschikbaar voor deze aanvraag.")
        return context

    return Depends(dependency)


@lru_cache(maxsize=64)
def vertrouwelijkheid_level_sql(column):
    """The level of a vertrouwelijkheidaanduiding column, in SQL."""
    levels = {aanduiding: level for level, aanduiding in enumerate(VERTROUWELIJKHEIDAANDUIDINGEN)}
    return case(levels, value=column, else_=len(VERTROUWELIJKHEIDAANDUIDINGEN) - 1)


def limits_clause(limits: dict[str, int], type_column, type_model, vertrouwelijkheid_column=None):
    """A SQL condition admitting only objects whose type (and vertrouwelijkheid) the limits allow.

    ``limits`` comes from ``AuthContext.type_limits``; type URLs of this installation are
    matched on the uuid of exactly that version (URLs of other hosts match nothing).
    """
    return _limits_clause(tuple(sorted(limits.items())), type_column, type_model, vertrouwelijkheid_column)


@lru_cache(maxsize=1024)
def _limits_clause(limits: tuple[tuple[str, int], ...], type_column, type_model, vertrouwelijkheid_column):
    # Built once per set of limits: clients send the same token for many requests.
    uuids_by_level: dict[int, list] = {}
    for type_url, level in limits:
        ref = resolve(type_url)
        if ref is not None:
            uuids_by_level.setdefault(level, []).append(ref.uuid)
    if not uuids_by_level:
        return false()
    conditions = []
    for level, uuids in uuids_by_level.items():
        condition = type_column.in_(select(type_model.id).where(type_model.uuid.in_(uuids)))
        if vertrouwelijkheid_column is not None:
            condition = and_(condition, vertrouwelijkheid_level_sql(vertrouwelijkheid_column) <= level)
        conditions.append(condition)
    return or_(*conditions)
