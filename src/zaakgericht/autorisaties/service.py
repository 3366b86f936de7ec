"""The rules of the Autorisaties API, and the provider side of JWT-ZGW (applicaties with secrets).

``save_applicatie`` and ``delete_applicatie`` validate, write and queue the notification
inside the caller's transaction; rules are named after the Autorisaties 1.0.0
gedragsregels (ac-001 .. ac-003). ``create_applicatie_with_secret`` and ``set_secret``
are the operator's doors (CLI, demo, tests): secrets are not part of the API.
"""

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api.body import validate
from ..api.errors import InvalidParam, ValidationError
from ..db import write_session
from ..notificaties.service import queue_notificatie
from . import queries
from .models import Applicatie, ApplicatieClient, Autorisatie
from .schemas import ApplicatieIn, AutorisatieIn

# The component an autorisatie belongs to follows from the prefix of its scopes.
COMPONENT_BY_SCOPE_PREFIX = {
    "catalogi": "ztc",
    "zaken": "zrc",
    "documenten": "drc",
    "besluiten": "brc",
    "autorisaties": "ac",
    "notificaties": "nrc",
}


class ClientExists(Exception):
    pass


class UnknownClient(Exception):
    pass


@dataclass
class AutorisatieSpec:
    component: str
    scopes: list[str]
    zaaktype: str = ""
    informatieobjecttype: str = ""
    besluittype: str = ""
    max_vertrouwelijkheidaanduiding: str = ""


def autorisaties_for_scopes(
    scopes: list[str],
    *,
    zaaktypen: list[str],
    informatieobjecttypen: list[str],
    besluittypen: list[str],
    max_vertrouwelijkheidaanduiding: str,
) -> list[AutorisatieSpec]:
    """Group scopes per component; zaken/documenten/besluiten scopes get one autorisatie per type.

    Raises ValueError when such scopes come without the types they apply to (ac-003).
    """
    by_component: dict[str, list[str]] = {}
    for scope in scopes:
        prefix = scope.split(".", 1)[0]
        component = COMPONENT_BY_SCOPE_PREFIX.get(prefix, "zrc" if prefix == "audittrails" else prefix)
        by_component.setdefault(component, []).append(scope)
    for component, types, option in (
        ("zrc", zaaktypen, "--zaaktype"),
        ("drc", informatieobjecttypen, "--informatieobjecttype"),
        ("brc", besluittypen, "--besluittype"),
    ):
        if component in by_component and not types:
            raise ValueError(f"De scopes {', '.join(by_component[component])} gelden per type: geef {option} op.")
    specs: list[AutorisatieSpec] = []
    for component, component_scopes in by_component.items():
        if component == "zrc":
            specs += [
                AutorisatieSpec(
                    component,
                    component_scopes,
                    zaaktype=url,
                    max_vertrouwelijkheidaanduiding=max_vertrouwelijkheidaanduiding,
                )
                for url in zaaktypen
            ]
        elif component == "drc":
            specs += [
                AutorisatieSpec(
                    component,
                    component_scopes,
                    informatieobjecttype=url,
                    max_vertrouwelijkheidaanduiding=max_vertrouwelijkheidaanduiding,
                )
                for url in informatieobjecttypen
            ]
        elif component == "brc":
            specs += [AutorisatieSpec(component, component_scopes, besluittype=url) for url in besluittypen]
        else:
            specs.append(AutorisatieSpec(component, component_scopes))
    return specs


async def create_applicatie_with_secret(
    *, client_id: str, secret: str, label: str, heeft_alle_autorisaties: bool, autorisaties: list[AutorisatieSpec]
) -> Applicatie:
    async with write_session() as session:
        if await session.scalar(select(ApplicatieClient.id).where(ApplicatieClient.client_id == client_id)):
            raise ClientExists(
                f"Client id {client_id} bestaat al; gebruik 'zaakgericht applicatie secret' om het geheim te wijzigen."
            )
        applicatie = Applicatie(label=label, heeft_alle_autorisaties=heeft_alle_autorisaties)
        session.add(applicatie)
        await session.flush()
        session.add(ApplicatieClient(applicatie_id=applicatie.id, client_id=client_id, secret=secret))
        for spec in autorisaties:
            session.add(
                Autorisatie(
                    applicatie_id=applicatie.id,
                    component=spec.component,
                    scopes=spec.scopes,
                    zaaktype=spec.zaaktype,
                    informatieobjecttype=spec.informatieobjecttype,
                    besluittype=spec.besluittype,
                    max_vertrouwelijkheidaanduiding=spec.max_vertrouwelijkheidaanduiding,
                )
            )
        return applicatie


async def set_secret(client_id: str, secret: str) -> None:
    async with write_session() as session:
        client = await session.scalar(select(ApplicatieClient).where(ApplicatieClient.client_id == client_id))
        if client is None:
            raise UnknownClient(f"Er is geen applicatie met client id {client_id}.")
        client.secret = secret


# --- the Autorisaties API ----------------------------------------------------------------------

KANAAL = "autorisaties"
NOTIFICATIE_RESOURCE = "applicatie"

# ac-003: per component, the scope prefix that makes its limits required, and those limits
# as (name in the API, attribute of AutorisatieIn).
REQUIRED_LIMITS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "zrc": (
        "zaken",
        (("zaaktype", "zaaktype"), ("maxVertrouwelijkheidaanduiding", "max_vertrouwelijkheidaanduiding")),
    ),
    "drc": (
        "documenten",
        (
            ("informatieobjecttype", "informatieobjecttype"),
            ("maxVertrouwelijkheidaanduiding", "max_vertrouwelijkheidaanduiding"),
        ),
    ),
    "brc": ("besluiten", (("besluittype", "besluittype"),)),
}

# ac-001: a client id already used by another applicatie (the code of the reference implementation).
CLIENT_ID_EXISTS = "clientId-exists"


def _specification_errors(body: ApplicatieIn) -> list[InvalidParam]:
    """ac-002: either heeftAlleAutorisaties or autorisaties, never both, never neither."""
    if body.heeft_alle_autorisaties and body.autorisaties:
        return [
            InvalidParam(
                "nonFieldErrors",
                "ambiguous-authorizations-specified",
                "Geef óf heeftAlleAutorisaties op óf autorisaties, niet beide.",
            )
        ]
    if not body.heeft_alle_autorisaties and not body.autorisaties:
        return [
            InvalidParam(
                "nonFieldErrors",
                "missing-authorizations",
                "Geef autorisaties op, of zet heeftAlleAutorisaties op true.",
            )
        ]
    return []


def _required_limit_errors(body: ApplicatieIn) -> list[InvalidParam]:
    """ac-003: zaken, documenten and besluiten scopes need their type (and maximum vertrouwelijkheid)."""
    errors = []
    for position, autorisatie in enumerate(body.autorisaties):
        if autorisatie.component not in REQUIRED_LIMITS:
            continue
        prefix, limits = REQUIRED_LIMITS[autorisatie.component]
        if not any(scope.split(".", 1)[0] == prefix for scope in autorisatie.scopes):
            continue
        for name, attribute in limits:
            if getattr(autorisatie, attribute) is None:
                errors.append(
                    InvalidParam(
                        f"autorisaties.{position}.{name}",
                        "required",
                        f"{name} is verplicht bij component {autorisatie.component} met {prefix}-scopes.",
                    )
                )
    return errors


async def _ensure_client_ids_free(session: AsyncSession, client_ids: list[str], applicatie: Applicatie | None) -> None:
    """ac-001: a client id identifies one applicatie only."""
    if not client_ids:
        return
    statement = select(ApplicatieClient.client_id).where(ApplicatieClient.client_id.in_(client_ids))
    if applicatie is not None:
        statement = statement.where(ApplicatieClient.applicatie_id != applicatie.id)
    taken = sorted((await session.scalars(statement)).all())
    if taken:
        raise ValidationError.single(
            "clientIds",
            CLIENT_ID_EXISTS,
            f"De client id(s) {', '.join(taken)} zijn al in gebruik bij een andere applicatie.",
        )


async def _set_client_ids(session: AsyncSession, applicatie: Applicatie, client_ids: list[str], is_new: bool) -> None:
    """Client ids that stay keep their secret; new ones get none; removed ones are deleted."""
    existing: set[str] = set()
    if not is_new:
        existing = set(
            (
                await session.scalars(
                    select(ApplicatieClient.client_id).where(ApplicatieClient.applicatie_id == applicatie.id)
                )
            ).all()
        )
    removed = existing - set(client_ids)
    if removed:
        await session.execute(
            delete(ApplicatieClient).where(
                ApplicatieClient.applicatie_id == applicatie.id, ApplicatieClient.client_id.in_(removed)
            )
        )
    for client_id in client_ids:
        if client_id not in existing:
            session.add(ApplicatieClient(applicatie_id=applicatie.id, client_id=client_id, secret=None))


def _autorisatie_row(applicatie: Applicatie, autorisatie: AutorisatieIn) -> Autorisatie:
    """Only the limits of the autorisatie's own component are kept."""
    row = Autorisatie(applicatie_id=applicatie.id, component=autorisatie.component, scopes=list(autorisatie.scopes))
    for _name, attribute in queries.COMPONENT_FIELDS.get(autorisatie.component, ()):
        setattr(row, attribute, getattr(autorisatie, attribute) or "")
    return row


async def _set_autorisaties(
    session: AsyncSession, applicatie: Applicatie, autorisaties: list[AutorisatieIn], is_new: bool
) -> None:
    if not is_new:
        await session.execute(delete(Autorisatie).where(Autorisatie.applicatie_id == applicatie.id))
    for autorisatie in autorisaties:
        session.add(_autorisatie_row(applicatie, autorisatie))


def _notify(session: AsyncSession, applicatie: Applicatie, actie: str) -> None:
    url = queries.url_of(applicatie.uuid)
    queue_notificatie(
        session,
        kanaal=KANAAL,
        hoofd_object=url,
        resource=NOTIFICATIE_RESOURCE,
        resource_url=url,
        actie=actie,
        kenmerken={},
    )


async def save_applicatie(
    session: AsyncSession, data: dict, applicatie: Applicatie | None = None, *, partial: bool = False
) -> Applicatie:
    """Create (``applicatie`` None), replace or patch an applicatie with its client ids and autorisaties.

    A patch is validated as the current representation with the patch laid over it.
    """
    if partial and applicatie is not None:
        data = {**(await queries.applicatie_bodies(session, [applicatie]))[0], **data}
    body = validate(ApplicatieIn, data)
    errors = _specification_errors(body) + _required_limit_errors(body)
    if errors:
        raise ValidationError(errors)
    # A client id given twice names the same client: it is stored once.
    client_ids = list(dict.fromkeys(body.client_ids))
    await _ensure_client_ids_free(session, client_ids, applicatie)

    is_new = applicatie is None
    if applicatie is None:
        applicatie = Applicatie()
        session.add(applicatie)
    applicatie.label = body.label
    applicatie.heeft_alle_autorisaties = body.heeft_alle_autorisaties
    await session.flush()
    await _set_client_ids(session, applicatie, client_ids, is_new)
    await _set_autorisaties(session, applicatie, body.autorisaties, is_new)
    await session.flush()
    _notify(session, applicatie, "create" if is_new else ("partial_update" if partial else "update"))
    return applicatie


async def delete_applicatie(session: AsyncSession, applicatie: Applicatie) -> None:
    """Delete an applicatie with its client ids (and their secrets) and autorisaties."""
    _notify(session, applicatie, "destroy")
    await session.execute(delete(Autorisatie).where(Autorisatie.applicatie_id == applicatie.id))
    await session.execute(delete(ApplicatieClient).where(ApplicatieClient.applicatie_id == applicatie.id))
    await session.execute(delete(Applicatie).where(Applicatie.id == applicatie.id))
