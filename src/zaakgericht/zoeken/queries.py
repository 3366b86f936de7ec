"""Searching zaken with one box: zaaknummer (in part), omschrijving, betrokkene (name, BSN, KvK-nummer,
postcode + huisnummer), adres and document (title and text), within the reader's autorisaties.

Two queries for any search: the matching index rows (``zoek_index`` through its full-text and pattern
indexes, the autorisaties in the same WHERE, at most MAX_TREFFERS rows, each with its zaak's startdatum),
then the newest MAX_RESULTATEN of those zaken with zaaktype and current status.

Words are matched by their start on PostgreSQL (``vries`` finds Vries and Vriesema; tsvector with the
'simple' configuration, no stemming, so names and numbers stay as typed) and anywhere inside on SQLite
(FTS5 trigram); numbers of 8 or more digits (BSN, KvK-nummer) and a postcode with huisnummer only whole.
A zaaknummer is found by three characters or more of its beginning (``zaak-2026-00``, also without the
letters: ``2026-00``) or its end (``0146``) on PostgreSQL (btree pattern indexes), by any part on SQLite.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, bindparam, literal_column, or_, select, text, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from ..api.auth import limits_clause
from ..api.schemas import passes_elfproef
from ..catalogi.models import StatusType, ZaakType
from ..zaken.models import Status, Zaak
from .index import adres_token, normalise
from .models import ZoekIndex

MAX_RESULTATEN = 50
# Index rows read per search; more matches are reported as "more than".
MAX_TREFFERS = 1000
MAX_LENGTE = 200

_POSTCODE_HUISNUMMER = re.compile(r"^([1-9][0-9]{3})\s*([a-z]{2})\s*([0-9]{1,5})$")
_WHOLE_NUMBER = re.compile(r"^[0-9]{8,}$")
_BRONNEN = {
    "zaaknummer": "zaaknummer",
    "omschrijving": "omschrijving",
    "betrokkene": "betrokkene",
    "adres": "adres",
    "document": "document",
}


@dataclass(frozen=True)
class Zoekvraag:
    """What was typed, taken apart: the words (normalised), the zaaknummer fragment, a person looked up."""

    woorden: tuple[str, ...]
    zaaknummer: str | None
    # ("bsn" | "kvk", number) when the search is a lookup of a person or company.
    persoon: tuple[str, str] | None = None


@dataclass(frozen=True)
class Treffer:
    uuid: uuid.UUID
    identificatie: str
    omschrijving: str
    zaaktype: str
    status: str
    startdatum: date
    einddatum: date | None
    # Where it matched, in words: "zaaknummer", "betrokkene 'Jan Jansen'", "document 'Aanvraag.pdf'".
    gevonden_in: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Zoekresultaat:
    treffers: list[Treffer]
    aantal: int  # zaken found (at most the number the MAX_TREFFERS rows name)
    meer: bool  # more rows matched than were read


def ontleed(zoekterm: str) -> Zoekvraag | None:
    """The search ``zoekterm`` asks for; None when it holds nothing to search on."""
    typed = zoekterm.strip().lower()[:MAX_LENGTE]
    plain = normalise(typed)
    compact = re.sub(r"[\s.]", "", typed)
    if match := _POSTCODE_HUISNUMMER.match(plain.replace(" ", "")) if plain else None:
        return Zoekvraag((adres_token(match[1] + match[2], match[3]),), None)
    persoon = None
    if compact.isdigit() and len(compact) == 9 and passes_elfproef(compact):
        persoon = ("bsn", compact)
    elif compact.isdigit() and len(compact) == 8:
        persoon = ("kvk", compact)
    if persoon:
        return Zoekvraag((persoon[1],), None, persoon)
    woorden = tuple(dict.fromkeys(plain.split()))
    fragment = " ".join(typed.split())
    zaaknummer = fragment if 3 <= len(fragment) <= 40 else None
    if not woorden and zaaknummer is None:
        return None
    return Zoekvraag(woorden, zaaknummer)


def _whole(word: str) -> bool:
    """A word found only whole: a number of 8 or more digits, a postcode with huisnummer (``pc1234ab12``)."""
    return bool(_WHOLE_NUMBER.match(word)) or (word.startswith("pc") and word[2:3].isdigit())


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_pattern(value: str) -> str:
    return f"%{_escaped(value)}%"


# The expressions of the pattern indexes of migration 0015, written as there so the planner uses them.
_NUMMER = literal_column("regexp_replace(zoek_index.zaaknummer, '^[a-z]+-', '')")
_EIND = literal_column("reverse(zoek_index.zaaknummer)")


def _postgres_branches(vraag: Zoekvraag) -> list:
    """One condition per index: the words, and a zaaknummer by its beginning (with or without its letters) or end."""
    branches = []
    if vraag.woorden:
        terms = [w if _whole(w) else f"{w}:*" for w in vraag.woorden]
        # The words are letters and digits only (``ontleed``), so the tsquery syntax cannot be broken.
        branches.append(
            text(
                "to_tsvector('simple'::regconfig, zoek_index.tekst) @@ to_tsquery('simple'::regconfig, :tsq)"
            ).bindparams(tsq=" & ".join(terms))
        )
    if vraag.zaaknummer:
        begin, eind = _escaped(vraag.zaaknummer) + "%", _escaped(vraag.zaaknummer[::-1]) + "%"
        for number, (expression, pattern) in enumerate(
            ((ZoekIndex.zaaknummer, begin), (_NUMMER, begin), (_EIND, eind))
        ):
            # The pattern is written into the statement: a prepared statement's generic plan cannot turn
            # ``LIKE $1`` into an index range, and fell back to reading every row.
            inline = bindparam(f"patroon_{number}", pattern, literal_execute=True)
            branches.append(and_(ZoekIndex.zaaknummer.isnot(None), expression.like(inline, escape="\\")))
    return branches


def _fts_phrase(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _sqlite_match(vraag: Zoekvraag):
    conditions = []
    long = [w for w in vraag.woorden if len(w) >= 3]
    short = [w for w in vraag.woorden if len(w) < 3]
    if vraag.woorden:
        words = [ZoekIndex.tekst.like(_like_pattern(w), escape="\\") for w in short]
        if long:
            # Whole numbers and the postcode token end with the space after them (``index._tekst``).
            phrases = [_fts_phrase(w + " " if _whole(w) else w) for w in long]
            fts = text("SELECT rowid FROM zoek_index_fts WHERE zoek_index_fts MATCH :fts").bindparams(
                fts="tekst : (" + " AND ".join(phrases) + ")"
            )
            words.append(ZoekIndex.id.in_(fts.columns(literal_column("rowid"))))
        conditions.append(and_(*words))
    if vraag.zaaknummer:
        conditions.append(
            and_(
                ZoekIndex.zaaknummer.isnot(None),
                ZoekIndex.zaaknummer.like(_like_pattern(vraag.zaaknummer), escape="\\"),
            )
        )
    return or_(*conditions)


def _status():
    """The statustype of the zaak's newest status (a correlated subquery over its index)."""
    return (
        select(StatusType.omschrijving)
        .join(Status, Status.statustype_id == StatusType.id)
        .where(Status.zaak_id == Zaak.id)
        .order_by(Status.datum_status_gezet.desc(), Status.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _gevonden_in(bron: str, label: str) -> str:
    if bron in ("zaaknummer", "omschrijving"):
        return bron
    return f"{_BRONNEN.get(bron, bron)} '{label}'"


def _matching_rows(vraag: Zoekvraag, postgres: bool, limits: dict[str, int] | None):
    """The index rows the search finds (at most MAX_TREFFERS + 1). On PostgreSQL one SELECT per index, joined
    by UNION ALL, so each stops at the rows it needs (an OR of them would first collect every match)."""
    columns = (ZoekIndex.zaak_id, ZoekIndex.bron, ZoekIndex.label, ZoekIndex.startdatum)
    allowed = (
        [limits_clause(limits, ZoekIndex.zaaktype_id, ZaakType, ZoekIndex.vertrouwelijkheidaanduiding)]
        if limits is not None
        else []
    )
    if not postgres:
        return select(*columns).where(_sqlite_match(vraag), *allowed).limit(MAX_TREFFERS + 1)
    parts = [select(*columns).where(branch, *allowed).limit(MAX_TREFFERS + 1) for branch in _postgres_branches(vraag)]
    if len(parts) == 1:
        return parts[0]
    found = union_all(*parts).subquery()
    return select(*found.c).limit(MAX_TREFFERS + 1)


async def zoek(session: AsyncSession, vraag: Zoekvraag, *, limits: dict[str, int] | None) -> Zoekresultaat:
    """The zaken ``vraag`` finds that the reader may see, the newest first."""
    postgres = session.bind.dialect.name == "postgresql"
    rows = (await session.execute(_matching_rows(vraag, postgres, limits))).all()
    meer = len(rows) > MAX_TREFFERS
    plaatsen: dict[int, list[str]] = {}
    startdata: dict[int, date] = {}
    for zaak_id, bron, label, startdatum in rows[:MAX_TREFFERS]:
        gevonden = plaatsen.setdefault(zaak_id, [])
        startdata[zaak_id] = startdatum
        if len(gevonden) < 3 and (plaats := _gevonden_in(bron, label)) not in gevonden:
            gevonden.append(plaats)
    if not plaatsen:
        return Zoekresultaat([], 0, False)
    nieuwste = sorted(plaatsen, key=lambda zaak_id: (startdata[zaak_id], zaak_id), reverse=True)[:MAX_RESULTATEN]
    zaken = await session.execute(
        select(
            Zaak.id,
            Zaak.uuid,
            Zaak.identificatie,
            Zaak.omschrijving,
            ZaakType.omschrijving,
            _status(),
            Zaak.startdatum,
            Zaak.einddatum,
        )
        .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
        .where(Zaak.id.in_(nieuwste))
    )
    by_id = {row[0]: row for row in zaken}
    treffers = [
        Treffer(
            uuid=row[1],
            identificatie=row[2],
            omschrijving=row[3],
            zaaktype=row[4],
            status=row[5] or "",
            startdatum=row[6],
            einddatum=row[7],
            gevonden_in=plaatsen[row[0]],
        )
        for row in (by_id[zaak_id] for zaak_id in nieuwste if zaak_id in by_id)
    ]
    return Zoekresultaat(treffers, len(plaatsen), meer)
