"""JWT-ZGW authentication and scope checks.

A token is an HS256 JWT with ``client_id`` and ``iat`` claims, signed with the secret
stored for that client id. The client's Applicatie decides what it may do: either
``heeftAlleAutorisaties`` or the scopes of its Autorisaties.
"""

import time
import warnings
from dataclasses import dataclass, field

import jwt
import jwt.warnings
from fastapi import Depends, Request
from sqlalchemy import select

from ..autorisaties.models import Applicatie, ApplicatieClient, Autorisatie
from ..db import read_session
from ..settings import get_settings
from .errors import NotAuthenticated, PermissionDenied

# ZGW secrets are agreed between parties and are often shorter than RFC 7518 recommends.
warnings.filterwarnings("ignore", category=jwt.warnings.InsecureKeyLengthWarning)

VERTROUWELIJKHEIDAANDUIDINGEN = [
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
]


@dataclass(slots=True)
class AuthContext:
    client_id: str
    applicatie_label: str
    heeft_alle_autorisaties: bool
    autorisaties: list[Autorisatie] = field(default_factory=list)
    user_id: str = ""
    user_representation: str = ""

    def has_scope(self, scope: str) -> bool:
        return self.heeft_alle_autorisaties or any(scope in a.scopes for a in self.autorisaties)

    def has_any_scope(self, scopes: tuple[str, ...]) -> bool:
        return any(self.has_scope(scope) for scope in scopes)


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


def _verified_claims(token: str, secret: str) -> dict:
    settings = get_settings()
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            options={"require": ["iat"], "verify_aud": False, "verify_iat": False},
        )
    except jwt.PyJWTError as exc:
        raise NotAuthenticated(f"Ongeldige JWT: {exc}", code="not_authenticated") from exc
    now = time.time()
    iat = claims["iat"]
    if not isinstance(iat, (int, float)):
        raise NotAuthenticated("De claim 'iat' is geen tijdstip.")
    if iat > now + settings.jwt_leeway:
        raise NotAuthenticated("De JWT is uitgegeven in de toekomst ('iat').")
    if iat + settings.jwt_expiry + settings.jwt_leeway < now:
        raise NotAuthenticated("De JWT is verlopen.")
    return claims


async def authenticate(request: Request) -> AuthContext:
    token = _bearer_token(request)
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise NotAuthenticated(f"Ongeldige JWT: {exc}") from exc
    if header.get("alg") != "HS256":
        raise NotAuthenticated("Alleen HS256-ondertekende JWT's worden geaccepteerd.")
    client_id = unverified.get("client_id") or unverified.get("iss")
    if not isinstance(client_id, str) or not client_id:
        raise NotAuthenticated("De claim 'client_id' ontbreekt.")

    async with read_session() as session:
        row = (
            await session.execute(
                select(ApplicatieClient.secret, Applicatie)
                .join(Applicatie, Applicatie.id == ApplicatieClient.applicatie_id)
                .where(ApplicatieClient.client_id == client_id)
            )
        ).first()
        if row is None or not row[0]:
            raise NotAuthenticated("Onbekende client_id.")
        secret, applicatie = row
        claims = _verified_claims(token, secret)
        autorisaties = []
        if not applicatie.heeft_alle_autorisaties:
            autorisaties = list(
                (await session.scalars(select(Autorisatie).where(Autorisatie.applicatie_id == applicatie.id))).all()
            )
    return AuthContext(
        client_id=client_id,
        applicatie_label=applicatie.label,
        heeft_alle_autorisaties=applicatie.heeft_alle_autorisaties,
        autorisaties=autorisaties,
        user_id=str(claims.get("user_id") or ""),
        user_representation=str(claims.get("user_representation") or ""),
    )


def require_scopes(*scopes: str):
    """A dependency that authenticates and demands at least one of ``scopes``."""

    async def dependency(request: Request) -> AuthContext:
        context = await authenticate(request)
        if not context.has_any_scope(scopes):
            raise PermissionDenied("Niet de juiste autorisaties beschikbaar voor deze aanvraag.")
        return context

    return Depends(dependency)
