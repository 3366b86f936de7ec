"""What the e-formulieren read: the zaaktypen beheer may put online, the ones that are, and one form as its
zaaktype's configuration describes it (the version valid on the day). A fixed number of queries each."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..catalogi.models import Catalogus, Eigenschap, InformatieObjectType, StatusType, ZaakType
from ..catalogi.models import ZaakTypeInformatieObjectType as ZaakTypeIOT
from ..catalogi.queries import geldig_op
from .models import OnlineFormulier

# The document the submitted form itself becomes, when the zaaktype names this type as inkomend.
AANVRAAGFORMULIER = "Aanvraagformulier"


@dataclass(frozen=True)
class FormulierKeuze:
    """A zaaktype (all its versions) in beheer's list or the citizens' list of forms."""

    catalogus_id: int
    identificatie: str
    omschrijving: str
    online: bool
    intro: str


@dataclass(frozen=True)
class Documenttype:
    uuid: uuid.UUID
    omschrijving: str


@dataclass(frozen=True)
class BijlageVeld:
    """An inkomend informatieobjecttype asked for as an upload."""

    documenttype: Documenttype
    verplicht: bool

    @property
    def naam(self) -> str:
        return f"bijlage-{self.documenttype.uuid}"


@dataclass(frozen=True)
class Formulier:
    """One online form: the zaaktype version valid today and what the form asks."""

    id: int
    intro: str
    zaaktype: ZaakType
    rsin: str
    eigenschappen: list[Eigenschap]
    bijlagen: list[BijlageVeld]
    pdf_type: Documenttype | None  # the type of the PDF of the submitted data; None: no inkomend type


def _geldige_zaaktypen(today: date):
    return (
        select(ZaakType)
        .where(ZaakType.concept.is_(False), geldig_op(ZaakType.begin_geldigheid, ZaakType.einde_geldigheid, today))
        .order_by(ZaakType.omschrijving, ZaakType.identificatie, ZaakType.begin_geldigheid.desc())
    )


async def keuzes(session: AsyncSession, today: date, *, alleen_online: bool) -> list[FormulierKeuze]:
    """The published zaaktypen valid today (one per catalogus and identificatie), with whether they are online."""
    statement = _geldige_zaaktypen(today).add_columns(OnlineFormulier.online, OnlineFormulier.intro)
    statement = statement.outerjoin(
        OnlineFormulier,
        and_(
            OnlineFormulier.catalogus_id == ZaakType.catalogus_id,
            OnlineFormulier.zaaktype_identificatie == ZaakType.identificatie,
        ),
    )
    if alleen_online:
        statement = statement.where(OnlineFormulier.online.is_(True))
    gevonden: dict[tuple[int, str], FormulierKeuze] = {}
    for zaaktype, online, intro in (await session.execute(statement)).all():
        sleutel = (zaaktype.catalogus_id, zaaktype.identificatie)
        gevonden.setdefault(
            sleutel,
            FormulierKeuze(
                zaaktype.catalogus_id, zaaktype.identificatie, zaaktype.omschrijving, bool(online), intro or ""
            ),
        )
    return list(gevonden.values())


async def formulier(
    session: AsyncSession, identificatie: str, today: date, *, formulier_id: int | None = None
) -> Formulier | None:
    """The online form of the zaaktype ``identificatie`` (or of the row ``formulier_id``); None when it is not
    online or no version is valid today. Four queries."""
    statement = (
        _geldige_zaaktypen(today)
        .add_columns(OnlineFormulier.id, OnlineFormulier.intro, Catalogus.rsin)
        .join(Catalogus, Catalogus.id == ZaakType.catalogus_id)
        .join(
            OnlineFormulier,
            and_(
                OnlineFormulier.catalogus_id == ZaakType.catalogus_id,
                OnlineFormulier.zaaktype_identificatie == ZaakType.identificatie,
            ),
        )
        .where(OnlineFormulier.online.is_(True))
    )
    if formulier_id is not None:
        statement = statement.where(OnlineFormulier.id == formulier_id)
    else:
        statement = statement.where(ZaakType.identificatie == identificatie)
    row = (await session.execute(statement.limit(1))).first()
    if row is None:
        return None
    zaaktype, online_id, intro, rsin = row
    eerste_status = await session.scalar(
        select(StatusType.id).where(StatusType.zaaktype_id == zaaktype.id).order_by(StatusType.volgnummer).limit(1)
    )
    # Asked at the start: what the catalogue ties to no status or to the first; later ones are the behandelaar's.
    gevraagd = (None, eerste_status)
    eigenschappen = [
        eigenschap
        for eigenschap in await session.scalars(
            select(Eigenschap).where(Eigenschap.zaaktype_id == zaaktype.id).order_by(Eigenschap.id)
        )
        if eigenschap.statustype_id in gevraagd
    ]
    inkomend = await _inkomende_typen(session, zaaktype, today)
    pdf_type = next((type_ for type_, _ in inkomend if type_.omschrijving == AANVRAAGFORMULIER), None)
    pdf_type = pdf_type or (inkomend[0][0] if inkomend else None)
    bijlagen = [
        # Required when the catalogue ties the type to the first status: needed to start the zaak.
        BijlageVeld(type_, verplicht=eerste_status is not None and statustype_id == eerste_status)
        for type_, statustype_id in inkomend
        if type_ != pdf_type and statustype_id in gevraagd
    ]
    return Formulier(online_id, intro, zaaktype, rsin, eigenschappen, bijlagen, pdf_type)


async def _inkomende_typen(
    session: AsyncSession, zaaktype: ZaakType, today: date
) -> list[tuple[Documenttype, int | None]]:
    """The published informatieobjecttypen valid today that the zaaktype names as inkomend, in its order, with
    the statustype it ties each to."""
    rows = await session.execute(
        select(InformatieObjectType.uuid, InformatieObjectType.omschrijving, ZaakTypeIOT.statustype_id)
        .join(
            InformatieObjectType,
            and_(
                InformatieObjectType.omschrijving == ZaakTypeIOT.informatieobjecttype,
                InformatieObjectType.catalogus_id == zaaktype.catalogus_id,
            ),
        )
        .where(
            ZaakTypeIOT.zaaktype_id == zaaktype.id,
            ZaakTypeIOT.richting == "inkomend",
            InformatieObjectType.concept.is_(False),
            geldig_op(InformatieObjectType.begin_geldigheid, InformatieObjectType.einde_geldigheid, today),
        )
        .order_by(ZaakTypeIOT.volgnummer, ZaakTypeIOT.id)
    )
    seen: set[uuid.UUID] = set()
    typen = []
    for type_uuid, omschrijving, statustype_id in rows:
        if type_uuid not in seen:
            seen.add(type_uuid)
            typen.append((Documenttype(type_uuid, omschrijving), statustype_id))
    return typen
