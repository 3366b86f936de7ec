"""Archive data of a zaak that closes (zrc-021): archiefnominatie and archiefactiedatum from its resultaattype.

The brondatum (the date the archiefactietermijn runs from) follows from the
resultaattype's ``brondatumArchiefprocedure.afleidingswijze``. When it cannot be
determined the archiefactiedatum stays empty: a date is never guessed.
"""

from collections.abc import Awaitable, Callable
from datetime import date, datetime

import isodate
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.remote import RemoteError, fetch_json
from ..catalogi.models import ResultaatType
from ..zaken.models import Zaak, ZaakEigenschap, ZaakObject


def add_duration(day: date, duration: str) -> date | None:
    """``day`` plus an ISO 8601 duration; None when that lies beyond 9999-12-31, the end of the calendar
    (a zaak started on 9999-12-31 has no legal end date that can be written down, so none is guessed)."""
    try:
        result = day + isodate.parse_duration(duration)
    except OverflowError:
        return None
    return result.date() if isinstance(result, datetime) else result


def parse_date(value) -> date | None:
    """A date from a stored value: ISO 8601 date or date-time, or the compact YYYYMMDD of eigenschappen."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    for candidate in (text[:10], text):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    if len(text) == 8 and text.isdigit():
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            return None
    return None


async def _afgehandeld(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    return zaak.einddatum


async def _termijn(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    if zaak.einddatum is None or not resultaattype.brondatum_procestermijn:
        return None
    return add_duration(zaak.einddatum, resultaattype.brondatum_procestermijn)


async def _hoofdzaak(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    if zaak.hoofdzaak_id is None:
        return None
    return await session.scalar(select(Zaak.einddatum).where(Zaak.id == zaak.hoofdzaak_id))


async def _eigenschap(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    values = await session.scalars(
        select(ZaakEigenschap.waarde).where(
            ZaakEigenschap.zaak_id == zaak.id, ZaakEigenschap.naam == resultaattype.brondatum_datumkenmerk
        )
    )
    dates = [day for day in map(parse_date, values) if day]
    return max(dates, default=None)


async def _zaakobject(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    """The latest ``datumkenmerk`` of the zaak's objects of the resultaattype's objecttype.

    An object is read where it lives (its URL); one without a URL by its objectIdentificatie.
    An object that cannot be read leaves the date undetermined rather than guessed.
    """
    rows = await session.execute(
        select(ZaakObject.object, ZaakObject.object_identificatie).where(
            ZaakObject.zaak_id == zaak.id, ZaakObject.object_type == resultaattype.brondatum_objecttype
        )
    )
    dates = []
    for object_url, identificatie in rows.all():
        try:
            data = await fetch_json(object_url) if object_url else identificatie
        except RemoteError:
            return None
        value = _attribute(data, resultaattype.brondatum_datumkenmerk)
        dates.append(parse_date(value))
    if not dates or None in dates:
        return None
    return max(dates)


def _attribute(data, path: str):
    """A (dotted) attribute of a JSON object, e.g. ``einddatum`` or ``looptijd.einddatum``."""
    for key in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


async def _gerelateerde_zaak(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    """The latest einddatum of the relevante andere zaken (those of this installation)."""
    uuids = [ref.uuid for ref in map(urls.resolve, (r["url"] for r in zaak.relevante_andere_zaken)) if ref]
    if not uuids:
        return None
    return await session.scalar(select(func.max(Zaak.einddatum)).where(Zaak.uuid.in_(uuids)))


async def _besluit_date(session: AsyncSession, zaak: Zaak, column_name: str) -> date | None:
    from ..besluiten.models import Besluit

    column = getattr(Besluit, column_name)
    return await session.scalar(select(func.max(column)).where(Besluit.zaak_id == zaak.id))


async def _ingangsdatum_besluit(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    return await _besluit_date(session, zaak, "ingangsdatum")


async def _vervaldatum_besluit(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    # zrc-021 names the latest vervaldatum itself (the Catalogi enum text says "the day after"; see the docs).
    return await _besluit_date(session, zaak, "vervaldatum")


async def _ander_datumkenmerk(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    return None  # The archivist sets the archiefactiedatum by hand.


BRONDATUM: dict[str, Callable[[AsyncSession, Zaak, ResultaatType], Awaitable[date | None]]] = {
    "afgehandeld": _afgehandeld,
    "ander_datumkenmerk": _ander_datumkenmerk,
    "eigenschap": _eigenschap,
    "gerelateerde_zaak": _gerelateerde_zaak,
    "hoofdzaak": _hoofdzaak,
    "ingangsdatum_besluit": _ingangsdatum_besluit,
    "termijn": _termijn,
    "vervaldatum_besluit": _vervaldatum_besluit,
    "zaakobject": _zaakobject,
}


async def brondatum(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> date | None:
    afleidingswijze = resultaattype.brondatum_afleidingswijze or "afgehandeld"
    return await BRONDATUM[afleidingswijze](session, zaak, resultaattype)


async def derive(session: AsyncSession, zaak: Zaak, resultaattype: ResultaatType) -> None:
    """Set the archive data of a zaak that has just received its final status."""
    if zaak.archiefnominatie is None and resultaattype.archiefnominatie:
        zaak.archiefnominatie = resultaattype.archiefnominatie
    if not resultaattype.archiefactietermijn:
        return
    start = await brondatum(session, zaak, resultaattype)
    if start is not None:
        zaak.archiefactiedatum = add_duration(start, resultaattype.archiefactietermijn)
