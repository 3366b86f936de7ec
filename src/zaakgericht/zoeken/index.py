"""Keeping the search index in step with the zaken, in the transaction of each change.

The domain services call ``index_zaak`` after every change of what a zaak is found by (the zaak itself,
a rol, an adres-zaakobject, a zaakinformatieobject) and ``index_document`` after a document changed.
Each call rewrites all rows of the zaak from its current state: a few small queries, and no way for
the index to drift from the data. Removal needs no call: the rows go with their zaak (ON DELETE CASCADE).
"""

import re
import unicodedata
import uuid
from collections.abc import Iterable

from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api.auth import vertrouwelijkheid_level
from ..documenten.models import EnkelvoudigInformatieObject as Document
from ..documenten.models import InformatieObjectVersie as Versie
from ..documenten.models import ObjectInformatieObject
from ..documenten.storage import Storage
from ..zaken.models import Rol, Zaak, ZaakInformatieObject, ZaakObject
from . import tekst
from .models import DocumentTekst, ZoekIndex

# The betrokkenen a person searches for by name or number; medewerkers and afdelingen are not indexed.
BETROKKENE_TYPES = ("natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging")
# Zaken rewritten per round of a rebuild.
BATCH = 500

_DOCUMENT_URL = re.compile(r"/enkelvoudiginformatieobjecten/([0-9a-fA-F-]{36})/?$")
_ZAAK_URL = re.compile(r"/zaken/([0-9a-fA-F-]{36})/?$")


_NOT_A_WORD = re.compile(r"[\W_]+")


def normalise(value: str) -> str:
    """Words of letters and digits in lower case without diacritics, one space apart: the form of the index
    and of every query. Both databases then see the same words (``Aanvraag.pdf`` is ``aanvraag pdf``)."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_A_WORD.sub(" ", plain).split())


def adres_token(postcode: str, huisnummer: object) -> str:
    """One word for a postcode with its huisnummer (``pc1234ab12``): found whole, never as part of 1234AB 120."""
    postcode = re.sub(r"\s", "", str(postcode or "")).lower()
    nummer = str(huisnummer or "").strip()
    if not postcode or not nummer.isdigit():
        return ""
    return f"pc{postcode}{int(nummer)}"


def _tekst(*parts: object) -> str:
    # A trailing space ends the last word, so ``pc1234ab12 `` does not match ``pc1234ab123``.
    return normalise(" ".join(str(part) for part in parts if part)) + " "


def betrokkene_naam(betrokkene_type: str, gegevens: dict, afwijkende_naam: str = "") -> str:
    """The name of a person or company as people say it."""
    if betrokkene_type == "natuurlijk_persoon":
        parts = [gegevens.get(key) or "" for key in ("voornamen", "voorvoegselGeslachtsnaam", "geslachtsnaam")]
        if not parts[0]:
            parts[0] = gegevens.get("voorletters") or ""
        naam = " ".join(part for part in parts if part)
    elif betrokkene_type == "niet_natuurlijk_persoon":
        naam = gegevens.get("statutaireNaam") or ""
    else:
        naam = ", ".join(name for name in gegevens.get("handelsnaam") or [] if isinstance(name, str))
    return naam or afwijkende_naam


def _verblijfsadres(gegevens: dict) -> list[str]:
    adres = gegevens.get("verblijfsadres") or {}
    if not isinstance(adres, dict):
        return []
    postcode = adres.get("aoaPostcode") or ""
    return [
        adres_token(postcode, adres.get("aoaHuisnummer")),
        postcode,
        adres.get("gorOpenbareRuimteNaam") or "",
        adres.get("wplWoonplaatsNaam") or "",
    ]


def _rol_row(rol: Rol) -> tuple[str, str]:
    gegevens = rol.betrokkene_identificatie or {}
    naam = betrokkene_naam(rol.betrokkene_type, gegevens, rol.afwijkende_naam_betrokkene)
    numbers = [gegevens.get(key) or "" for key in ("inpBsn", "innNnpId", "kvkNummer", "vestigingsNummer")]
    extra = [gegevens["bezoekadres"]] if isinstance(gegevens.get("bezoekadres"), str) else []
    return naam, _tekst(naam, gegevens.get("voorletters") or "", *numbers, *_verblijfsadres(gegevens), *extra)


def _adres_row(zaakobject: ZaakObject) -> tuple[str, str]:
    adres = zaakobject.object_identificatie or {}
    straat = " ".join(str(adres.get(key) or "") for key in ("gorOpenbareRuimteNaam", "huisnummer", "huisletter"))
    label = " ".join(straat.split()) + (f", {adres['wplWoonplaatsNaam']}" if adres.get("wplWoonplaatsNaam") else "")
    postcode = adres.get("postcode") or ""
    return label, _tekst(adres_token(postcode, adres.get("huisnummer")), postcode, label)


def _stricter(first: str, second: str) -> str:
    return first if vertrouwelijkheid_level(first) >= vertrouwelijkheid_level(second) else second


def document_uuid(url: str) -> uuid.UUID | None:
    """The uuid of a document URL (of this installation or the one it was made under)."""
    match = _DOCUMENT_URL.search(url)
    return uuid.UUID(match[1]) if match else None


async def index_zaak(session: AsyncSession, zaak_id: int) -> None:
    """Rewrite the index rows of one zaak."""
    await index_zaken(session, [zaak_id])


async def index_zaken(session: AsyncSession, zaak_ids: Iterable[int]) -> None:
    """Rewrite the index rows of these zaken from their current state (six queries for any number)."""
    ids = sorted(set(zaak_ids))
    if not ids:
        return
    await session.flush()
    zaken = {
        row.id: row
        for row in await session.execute(
            select(
                Zaak.id,
                Zaak.identificatie,
                Zaak.omschrijving,
                Zaak.zaaktype_id,
                Zaak.vertrouwelijkheidaanduiding,
                Zaak.startdatum,
            ).where(Zaak.id.in_(ids))
        )
    }
    rows: list[dict] = []

    def add(zaak_id: int, bron: str, label: str, tekst: str, vertrouwelijkheid: str | None = None, **extra) -> None:
        zaak = zaken[zaak_id]
        vertrouwelijk = _stricter(zaak.vertrouwelijkheidaanduiding, vertrouwelijkheid or "openbaar")
        rows.append(
            {
                "zaak_id": zaak_id,
                "zaaktype_id": zaak.zaaktype_id,
                "vertrouwelijkheidaanduiding": vertrouwelijk,
                "startdatum": zaak.startdatum,
                "bron": bron,
                "label": label[:300],
                "zaaknummer": extra.get("zaaknummer"),
                "tekst": tekst,
            }
        )

    for zaak in zaken.values():
        # Found through ``zaaknummer`` only (any part of it), not as words.
        add(zaak.id, "zaaknummer", zaak.identificatie, "", zaaknummer=zaak.identificatie.lower())
        if zaak.omschrijving:
            add(zaak.id, "omschrijving", zaak.omschrijving, _tekst(zaak.omschrijving))
    for rol in await session.scalars(
        select(Rol).where(Rol.zaak_id.in_(zaken), Rol.betrokkene_type.in_(BETROKKENE_TYPES)).order_by(Rol.id)
    ):
        naam, tekst = _rol_row(rol)
        add(rol.zaak_id, "betrokkene", naam, tekst)
    for zaakobject in await session.scalars(
        select(ZaakObject)
        .where(ZaakObject.zaak_id.in_(zaken), ZaakObject.object_type == "adres")
        .order_by(ZaakObject.id)
    ):
        label, tekst = _adres_row(zaakobject)
        add(zaakobject.zaak_id, "adres", label, tekst)
    for zaak_id, titel, tekst, vertrouwelijkheid in await _documenten(session, list(zaken)):
        add(zaak_id, "document", titel, tekst, vertrouwelijkheid)
    await session.execute(delete(ZoekIndex).where(ZoekIndex.zaak_id.in_(ids)))
    if rows:
        await session.execute(insert(ZoekIndex), rows)


async def _documenten(session: AsyncSession, zaak_ids: list[int]) -> list[tuple[int, str, str, str]]:
    """(zaak id, title, searchable text, vertrouwelijkheid) of the documents of these zaken (two queries)."""
    links = (
        await session.execute(
            select(ZaakInformatieObject.zaak_id, ZaakInformatieObject.informatieobject)
            .where(ZaakInformatieObject.zaak_id.in_(zaak_ids))
            .order_by(ZaakInformatieObject.id)
        )
    ).all()
    by_uuid: dict[uuid.UUID, list[int]] = {}
    for zaak_id, url in links:
        if (found := document_uuid(url)) is not None:
            by_uuid.setdefault(found, []).append(zaak_id)
    if not by_uuid:
        return []
    documenten = await session.execute(
        select(
            Document.uuid, Versie.titel, Versie.bestandsnaam, Versie.vertrouwelijkheidaanduiding, DocumentTekst.tekst
        )
        .join(Versie, and_(Versie.document_id == Document.id, Versie.versie == Document.versie))
        .outerjoin(
            DocumentTekst,
            and_(DocumentTekst.document_id == Document.id, DocumentTekst.inhoud_sha256 == Versie.inhoud_sha256),
        )
        .where(Document.uuid.in_(by_uuid))
    )
    found = []
    for document, titel, bestandsnaam, vertrouwelijkheid, inhoud in documenten:
        for zaak_id in by_uuid[document]:
            found.append((zaak_id, titel or bestandsnaam, _tekst(titel, bestandsnaam, inhoud), vertrouwelijkheid))
    return found


async def zaken_of_document(session: AsyncSession, document_id: int) -> list[int]:
    """The zaken a document belongs to, found through the Documenten API's mirror of their
    zaakinformatieobjecten (indexed by document, where the zaakinformatieobject holds only a URL)."""
    objecten = await session.scalars(
        select(ObjectInformatieObject.object).where(
            ObjectInformatieObject.document_id == document_id, ObjectInformatieObject.object_type == "zaak"
        )
    )
    uuids = {found for url in objecten if (found := _zaak_uuid(url)) is not None}
    if not uuids:
        return []
    return list(await session.scalars(select(Zaak.id).where(Zaak.uuid.in_(uuids))))


def _zaak_uuid(url: str) -> uuid.UUID | None:
    match = _ZAAK_URL.search(url)
    return uuid.UUID(match[1]) if match else None


async def index_document(session: AsyncSession, document_id: int) -> None:
    """After a document changed (title, vertrouwelijkheid, contents): the zaken it belongs to."""
    await index_zaken(session, await zaken_of_document(session, document_id))


async def rebuild(session: AsyncSession) -> int:
    """The whole index anew, from every zaak (for existing data and after a migration); the number of zaken."""
    await session.execute(delete(ZoekIndex))
    total, last = 0, 0
    while True:
        ids = list(await session.scalars(select(Zaak.id).where(Zaak.id > last).order_by(Zaak.id).limit(BATCH)))
        if not ids:
            return total
        await index_zaken(session, ids)
        total, last = total + len(ids), ids[-1]


async def count_rows(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(ZoekIndex)) or 0


async def document_changed(session: AsyncSession, storage: Storage, document_id: int) -> None:
    """After a document was created or changed: its text (when the contents are new) and its zaken's rows."""
    await tekst.store_text(session, storage, document_id)
    await index_document(session, document_id)
