"""What the beheerder reads of the catalogue: the catalogi with the versions of their zaaktypen, and one version with
its parts.

A zaaktype is its catalogus and identificatie; each version (a row of ``zaaktype``) is concept or published and
valid from beginGeldigheid to eindeGeldigheid (both days included). The overview costs two queries whatever the
number of catalogi, zaaktypen and versions: the catalogi, and every version with its number of open zaken (a
correlated count on the index of ``zaak.zaaktype_id``). A version with its parts costs a fixed nine.

The numbers of open zaken are counts only, of every zaak whatever its vertrouwelijkheid: the beheerder sees no zaak.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ...api import urls
from ...catalogi.models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from ...catalogi.queries import Version, pick_version
from ...referentielijsten import service as selectielijst
from ...zaken.models import Zaak

Stand = Literal["concept", "toekomstig", "geldig", "beeindigd"]

STANDEN: dict[str, str] = {
    "concept": "Concept",
    "toekomstig": "Gepubliceerd, nog niet geldig",
    "geldig": "Geldig vandaag",
    "beeindigd": "Beëindigd",
}


def stand_op(concept: bool, begin: date | None, einde: date | None, vandaag: date) -> Stand:
    """Where a version stands today: a concept, published but not yet valid, valid today, or ended."""
    if concept:
        return "concept"
    if begin is not None and begin > vandaag:
        return "toekomstig"
    if einde is not None and einde < vandaag:
        return "beeindigd"
    return "geldig"


@dataclass(frozen=True)
class Versie:
    """One version of a zaaktype, as the timeline shows it."""

    id: int
    uuid: uuid.UUID
    omschrijving: str
    versiedatum: date
    begin: date | None
    einde: date | None
    concept: bool
    doorlooptijd: str
    open_zaken: int
    stand: Stand

    @property
    def geldig_vandaag(self) -> bool:
        return self.stand == "geldig"


@dataclass
class Tijdlijn:
    """A zaaktype (catalogus + identificatie) with its versions, oldest first."""

    identificatie: str
    versies: list[Versie] = field(default_factory=list)

    @property
    def vandaag(self) -> Versie | None:
        """The published version valid today, if any."""
        return next((versie for versie in self.versies if versie.geldig_vandaag), None)

    @property
    def omschrijving(self) -> str:
        """The omschrijving of the version valid today, else of the newest."""
        return (self.vandaag or self.versies[-1]).omschrijving

    @property
    def open_zaken(self) -> int:
        return sum(versie.open_zaken for versie in self.versies)


@dataclass
class CatalogusOverzicht:
    uuid: uuid.UUID
    domein: str
    rsin: str
    naam: str
    versie: str
    zaaktypen: list[Tijdlijn] = field(default_factory=list)


def _open_zaken():
    return (
        select(func.count(Zaak.id))
        .where(Zaak.zaaktype_id == ZaakType.id, Zaak.einddatum.is_(None))
        .correlate(ZaakType)
        .scalar_subquery()
    )


def _versie_kolommen():
    return (
        ZaakType.id,
        ZaakType.uuid,
        ZaakType.catalogus_id,
        ZaakType.identificatie,
        ZaakType.omschrijving,
        ZaakType.versiedatum,
        ZaakType.begin_geldigheid,
        ZaakType.einde_geldigheid,
        ZaakType.concept,
        ZaakType.doorlooptijd,
        _open_zaken().label("open_zaken"),
    )


def _versie(row, vandaag: date) -> Versie:
    return Versie(
        id=row.id,
        uuid=row.uuid,
        omschrijving=row.omschrijving,
        versiedatum=row.versiedatum,
        begin=row.begin_geldigheid,
        einde=row.einde_geldigheid,
        concept=row.concept,
        doorlooptijd=row.doorlooptijd,
        open_zaken=row.open_zaken,
        stand=stand_op(row.concept, row.begin_geldigheid, row.einde_geldigheid, vandaag),
    )


def _op_volgorde(versie: Versie) -> tuple:
    return (versie.begin or date.min, versie.versiedatum, versie.id)


async def overzicht(session: AsyncSession, vandaag: date) -> list[CatalogusOverzicht]:
    """Every catalogus with its zaaktypen (by omschrijving) and their versions (oldest first); two queries."""
    catalogi = {
        catalogus.id: CatalogusOverzicht(
            catalogus.uuid, catalogus.domein, catalogus.rsin, catalogus.naam or "", catalogus.versie or ""
        )
        for catalogus in await session.scalars(select(Catalogus).order_by(Catalogus.domein, Catalogus.naam))
    }
    tijdlijnen: dict[tuple[int, str], Tijdlijn] = {}
    for row in await session.execute(select(*_versie_kolommen())):
        sleutel = (row.catalogus_id, row.identificatie)
        tijdlijnen.setdefault(sleutel, Tijdlijn(row.identificatie)).versies.append(_versie(row, vandaag))
    for (catalogus_id, _), tijdlijn in tijdlijnen.items():
        tijdlijn.versies.sort(key=_op_volgorde)
        catalogi[catalogus_id].zaaktypen.append(tijdlijn)
    for catalogus in catalogi.values():
        catalogus.zaaktypen.sort(key=lambda tijdlijn: (tijdlijn.omschrijving.casefold(), tijdlijn.identificatie))
    return list(catalogi.values())


# --- one version with its parts ------------------------------------------------------------------------------


def selectielijst_naam(soort: str, url: str) -> str:
    """A selectielijst URL of the shipped selectielijst by its name ("6. Verzoeken behandelen (2020)"); another URL
    (of the public Selectielijst API) as it is."""
    ref = urls.resolve(url) if url else None
    item = selectielijst.get_item(soort, ref.uuid) if ref and ref.resource == soort else None
    if item is None:
        return url
    if soort == selectielijst.PROCESTYPEN:
        return f"{item['nummer']}. {item['naam']} ({item['jaar']})"
    if soort == selectielijst.RESULTATEN:
        toevoeging = f" ({item['omschrijving']})" if item.get("omschrijving") else ""
        return f"{item['volledigNummer']} {item['naam']}{toevoeging}"
    return item["omschrijving"]


@dataclass(frozen=True)
class Documenttype:
    """An informatieobjecttype as the zaaktype uses it: in which direction, at which status."""

    omschrijving: str
    volgnummer: int
    richting: str
    statustype: str  # the omschrijving of the statustype, or ""
    categorie: str  # of the version valid today (else the newest); "" if the catalogue has none of that name
    vertrouwelijkheid: str
    bekend: bool


@dataclass(frozen=True)
class Besluittype:
    omschrijving: str
    categorie: str
    reactietermijn: str | None
    bekend: bool


@dataclass
class ZaaktypeDetail:
    zaaktype: ZaakType
    catalogus: Catalogus
    versie: Versie
    versies: list[Versie]  # every version of the same identificatie, oldest first
    procestype: str
    statustypen: list[StatusType]
    roltypen: list[RolType]
    eigenschappen: list[tuple[Eigenschap, str]]  # with the omschrijving of its statustype, or ""
    resultaattypen: list[tuple[ResultaatType, str, str]]  # with the names of its selectielijstklasse and omschrijving
    documenttypen: list[Documenttype]
    besluittypen: list[Besluittype]


async def zaaktype_detail(session: AsyncSession, zaaktype_uuid: uuid.UUID, vandaag: date) -> ZaaktypeDetail | None:
    """One version of a zaaktype with every part; None if there is none of that uuid. Nine queries."""
    gevonden = (
        await session.execute(
            select(ZaakType, Catalogus)
            .join(Catalogus, Catalogus.id == ZaakType.catalogus_id)
            .where(ZaakType.uuid == zaaktype_uuid)
        )
    ).first()
    if gevonden is None:
        return None
    zaaktype, catalogus = gevonden
    versies = sorted(
        (
            _versie(row, vandaag)
            for row in await session.execute(
                select(*_versie_kolommen()).where(
                    ZaakType.catalogus_id == zaaktype.catalogus_id, ZaakType.identificatie == zaaktype.identificatie
                )
            )
        ),
        key=_op_volgorde,
    )

    def van_dit_zaaktype(model):
        return select(model).where(model.zaaktype_id == zaaktype.id)

    statustypen = list(await session.scalars(van_dit_zaaktype(StatusType).order_by(StatusType.volgnummer)))
    statusnaam = {statustype.id: statustype.omschrijving for statustype in statustypen}
    roltypen = list(await session.scalars(van_dit_zaaktype(RolType).order_by(RolType.omschrijving, RolType.id)))
    eigenschappen = list(await session.scalars(van_dit_zaaktype(Eigenschap).order_by(Eigenschap.naam)))
    resultaattypen = list(await session.scalars(van_dit_zaaktype(ResultaatType).order_by(ResultaatType.omschrijving)))
    ztiots = list(
        await session.scalars(
            van_dit_zaaktype(ZaakTypeInformatieObjectType).order_by(
                ZaakTypeInformatieObjectType.volgnummer, ZaakTypeInformatieObjectType.richting
            )
        )
    )
    # The linked types are named (version-independent); shown as the version valid today.
    iots = list(
        await session.scalars(
            select(InformatieObjectType).where(
                InformatieObjectType.catalogus_id == zaaktype.catalogus_id,
                InformatieObjectType.omschrijving.in_(sorted({ztiot.informatieobjecttype for ztiot in ztiots})),
            )
        )
    )
    besluittypen = list(
        await session.scalars(
            select(BesluitType).where(
                BesluitType.catalogus_id == zaaktype.catalogus_id,
                BesluitType.omschrijving.in_(list(zaaktype.besluittypen)),
            )
        )
    )

    def gekozen(objecten, naam: str):
        """The version of the type of that name valid today (the published one first), else the newest."""
        kandidaten = {obj.id: obj for obj in objecten if obj.omschrijving == naam}
        versie = pick_version(
            [
                Version(o.id, o.uuid, o.catalogus_id, naam, o.concept, o.begin_geldigheid, o.einde_geldigheid)
                for o in kandidaten.values()
            ],
            vandaag,
        )
        return kandidaten[versie.id] if versie else None

    documenttypen = []
    for ztiot in ztiots:
        iot = gekozen(iots, ztiot.informatieobjecttype)
        documenttypen.append(
            Documenttype(
                omschrijving=ztiot.informatieobjecttype,
                volgnummer=ztiot.volgnummer,
                richting=ztiot.richting,
                statustype=statusnaam.get(ztiot.statustype_id, ""),
                categorie=iot.informatieobjectcategorie if iot else "",
                vertrouwelijkheid=iot.vertrouwelijkheidaanduiding if iot else "",
                bekend=iot is not None,
            )
        )
    besluiten = []
    for naam in zaaktype.besluittypen:
        besluittype = gekozen(besluittypen, naam)
        besluiten.append(
            Besluittype(
                omschrijving=naam,
                categorie=besluittype.besluitcategorie if besluittype else "",
                reactietermijn=besluittype.reactietermijn if besluittype else None,
                bekend=besluittype is not None,
            )
        )
    return ZaaktypeDetail(
        zaaktype=zaaktype,
        catalogus=catalogus,
        versie=next(versie for versie in versies if versie.id == zaaktype.id),
        versies=versies,
        procestype=selectielijst_naam(selectielijst.PROCESTYPEN, zaaktype.selectielijst_procestype),
        statustypen=statustypen,
        roltypen=roltypen,
        eigenschappen=[(eigenschap, statusnaam.get(eigenschap.statustype_id, "")) for eigenschap in eigenschappen],
        resultaattypen=[
            (
                resultaattype,
                selectielijst_naam(selectielijst.RESULTATEN, resultaattype.selectielijstklasse),
                selectielijst_naam(selectielijst.RESULTAATTYPEOMSCHRIJVINGEN, resultaattype.resultaattypeomschrijving),
            )
            for resultaattype in resultaattypen
        ],
        documenttypen=documenttypen,
        besluittypen=besluiten,
    )
