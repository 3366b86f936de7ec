"""The zaak a change is about (``ZaakRef``), finding it by its URL, and recording a change of it: the audit
trail entry and the notification on the ``zaken`` kanaal.

Below the Zaken services, so that the Besluiten service (a besluit's zaak) and ``koppelingen`` (a zaakbesluit in
the zaak's trail) use the same reference and the same record without importing the Zaken services.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import audit, urls
from ..api.auth import AuthContext
from ..api.errors import ValidationError
from ..catalogi.models import ZaakType
from ..notificaties.service import queue_notificatie
from . import queries
from .models import Zaak


@dataclass(slots=True)
class ZaakRef:
    """A zaak with its zaaktype: what authorisation, the audit trail and notifications need."""

    zaak: Zaak
    zaaktype: ZaakType

    @property
    def url(self) -> str:
        return queries.url_of("zaken", self.zaak.uuid)

    @property
    def zaaktype_url(self) -> str:
        return urls.build("catalogi", "zaaktypen", self.zaaktype.uuid)

    @property
    def closed(self) -> bool:
        return self.zaak.einddatum is not None


async def load(session: AsyncSession, zaak: Zaak) -> ZaakRef:
    zaaktype = await session.get_one(ZaakType, zaak.zaaktype_id)
    return ZaakRef(zaak, zaaktype)


def local_ref(url: str, resource: str, field: str, api: str = queries.API) -> uuid.UUID:
    """The uuid in a URL of this installation naming ``resource``; a 400 on ``field`` otherwise."""
    ref = urls.resolve(url)
    if ref is None:
        raise ValidationError.single(field, "bad-url", f"De URL {url} verwijst niet naar een bekend object.")
    # A resource of ours of another kind (a besluittype where a zaaktype belongs): invalid-resource.
    if ref.api != api or ref.resource != resource:
        raise ValidationError.single(field, "invalid-resource", f"De URL {url} verwijst niet naar {resource}.")
    return ref.uuid


async def local_object(session: AsyncSession, url: str, resource: str, model, field: str, api: str = queries.API):
    """The row a URL of this installation points at; 400 ``bad-url`` when it does not exist (a GET would 404)."""
    obj = await session.scalar(select(model).where(model.uuid == local_ref(url, resource, field, api)))
    if obj is None:
        raise ValidationError.single(field, "bad-url", f"Het object {url} bestaat niet.")
    return obj


async def zaak_from_url(session: AsyncSession, url: str, field: str = "zaak") -> ZaakRef:
    """The zaak a URL names, with its zaaktype (one query); 400 ``bad-url`` when there is none."""
    uuid_ = local_ref(url, "zaken", field)
    row = (
        await session.execute(
            select(Zaak, ZaakType).join(ZaakType, ZaakType.id == Zaak.zaaktype_id).where(Zaak.uuid == uuid_)
        )
    ).first()
    if row is None:
        raise ValidationError.single(field, "bad-url", f"Het object {url} bestaat niet.")
    return ZaakRef(*row)


def record(
    session: AsyncSession,
    auth: AuthContext,
    ref: ZaakRef,
    *,
    resource: str,
    resource_url: str,
    actie: str,
    oud: dict | None,
    nieuw: dict | None,
    weergave: str,
    notify: bool = True,
) -> None:
    """The audit trail entry and (where the standard names the action) the notification of a change."""
    audit.record(
        session,
        auth,
        bron="zrc",
        actie=actie,
        hoofd_object_uuid=ref.zaak.uuid,
        hoofd_object=ref.url,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=weergave,
        oud=oud,
        nieuw=nieuw,
    )
    if notify:
        notify_change(session, ref, resource, resource_url, actie)


def notify_change(session: AsyncSession, ref: ZaakRef, resource: str, resource_url: str, actie: str) -> None:
    queue_notificatie(
        session,
        kanaal="zaken",
        hoofd_object=ref.url,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken={
            "bronorganisatie": ref.zaak.bronorganisatie,
            "zaaktype": ref.zaaktype_url,
            "vertrouwelijkheidaanduiding": ref.zaak.vertrouwelijkheidaanduiding,
        },
    )
