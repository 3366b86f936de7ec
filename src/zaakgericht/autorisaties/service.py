"""Creating applicaties and managing their JWT secrets (the provider side of JWT-ZGW)."""

from dataclasses import dataclass, field

from sqlalchemy import select

from ..db import write_session
from .models import Applicatie, ApplicatieClient, Autorisatie

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
    extra: dict = field(default_factory=dict)


def autorisaties_for_scopes(
    scopes: list[str],
    *,
    zaaktypen: list[str],
    informatieobjecttypen: list[str],
    besluittypen: list[str],
    max_vertrouwelijkheidaanduiding: str,
) -> list[AutorisatieSpec]:
    """Group scopes per component; zaken/documenten/besluiten scopes get one autorisatie per type."""
    by_component: dict[str, list[str]] = {}
    for scope in scopes:
        prefix = scope.split(".", 1)[0]
        component = COMPONENT_BY_SCOPE_PREFIX.get(prefix, "zrc" if prefix == "audittrails" else prefix)
        by_component.setdefault(component, []).append(scope)
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
