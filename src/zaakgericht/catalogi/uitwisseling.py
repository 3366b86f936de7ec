"""Export and import of a catalogue as a ZIP in Open Zaak's format.

The ZIP holds one JSON file per resource type (``Catalogus.json``, ``ZaakType.json``, ...), each a
list of Catalogi API representations: exactly the bodies GET returns (``queries.*_bodies``).

**Export** takes a catalogus with everything in it, or chosen zaaktypen (every version of each
identificatie) with the informatieobjecttypen and besluittypen they name (every version of each
omschrijving) and the zaaktypen they name as deelzaaktype or gerelateerd zaaktype. Zaakobjecttypen,
which Open Zaak's nine files leave out, go in a tenth file ``ZaakObjectType.json``, written only when
there are any (a reader that knows only the nine can leave it aside).

**Import** runs in one transaction through the Catalogi services (their validation and
notifications, as an API write with the scope ``catalogi.schrijven``). Objects are known by their
``url`` within the file; a reference to an object that is not in the file must be one of this
installation's. What already exists is *matched*, not duplicated: a catalogus with the same
domein and RSIN; a zaaktype with the same identificatie, an informatieobjecttype or besluittype
with the same omschrijving, with the same beginGeldigheid (the same version) in that catalogus; the
parts of a matched zaaktype by volgnummer (statustype), omschrijving (roltype, resultaattype), naam
(eigenschap), volgnummer and richting (zaaktype-informatieobjecttype) or objecttype and
relatieOmschrijving (zaakobjecttype). Matching compares the
identity only, not the content. Selectielijst URLs of any host whose UUID is in the shipped
selectielijst are read as the shipped entry.

Everything is made as concept first; types that are published in the file are published at the
end, through the service's own publish (ztc-012). When publishing is refused the type stays a
concept and the report says so. When any object is refused, nothing is kept: the report says
per object what was created, matched or refused and why.
"""

import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic.alias_generators import to_camel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.auth import AuthContext
from ..api.edge import nul_in_json
from ..api.errors import ValidationError
from ..api.oas import load_spec
from ..api.remote import RemoteError
from ..autorisaties.models import Autorisatie
from ..db import write_session
from ..referentielijsten import service as selectielijst
from . import queries, service
from .models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)

# The files of the ZIP in the order an import makes them: what is named comes before what names it.
SOORTEN = (
    "Catalogus",
    "InformatieObjectType",
    "BesluitType",
    "ZaakType",
    "StatusType",
    "RolType",
    "Eigenschap",
    "ResultaatType",
    "ZaakTypeInformatieObjectType",
    "ZaakObjectType",
)
RESOURCE = {
    "Catalogus": "catalogussen",
    "InformatieObjectType": "informatieobjecttypen",
    "BesluitType": "besluittypen",
    "ZaakType": "zaaktypen",
    "StatusType": "statustypen",
    "RolType": "roltypen",
    "Eigenschap": "eigenschappen",
    "ResultaatType": "resultaattypen",
    "ZaakTypeInformatieObjectType": "zaaktype-informatieobjecttypen",
    "ZaakObjectType": "zaakobjecttypen",
}
MODEL = {
    "Catalogus": Catalogus,
    "InformatieObjectType": InformatieObjectType,
    "BesluitType": BesluitType,
    "ZaakType": ZaakType,
    "StatusType": StatusType,
    "RolType": RolType,
    "Eigenschap": Eigenschap,
    "ResultaatType": ResultaatType,
    "ZaakTypeInformatieObjectType": ZaakTypeInformatieObjectType,
    "ZaakObjectType": ZaakObjectType,
}
MAIN_KINDS = {
    "InformatieObjectType": service.INFORMATIEOBJECTTYPE,
    "BesluitType": service.BESLUITTYPE,
    "ZaakType": service.ZAAKTYPE,
}
SUB_SOORTEN = ("StatusType", "RolType", "Eigenschap", "ResultaatType", "ZaakTypeInformatieObjectType", "ZaakObjectType")
# Without a catalogus nothing in the file has a place; every other file may be left out (none of that kind).
VERPLICHT = ("Catalogus",)

# The fields of the ZIP that point at the selectielijst, and the list each points into.
SELECTIELIJST_VELDEN = {
    ("ZaakType", "selectielijstProcestype"): selectielijst.PROCESTYPEN,
    ("ResultaatType", "selectielijstklasse"): selectielijst.RESULTATEN,
    ("ResultaatType", "resultaattypeomschrijving"): selectielijst.RESULTAATTYPEOMSCHRIJVINGEN,
}

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_CATALOGI_URL = re.compile(rf"^https?://.+/(?:{'|'.join(RESOURCE.values())})/{_UUID}/?$")
_SELECTIELIJST_URL = re.compile(
    rf"^https?://.+/(?P<lijst>procestypen|resultaten|resultaattypeomschrijvingen)/(?P<uuid>{_UUID})/?$"
)

MIB = 1024 * 1024

# The import writes as an API client with catalogi.schrijven would: no forced writes.
IMPORT_AUTH = AuthContext(
    client_id="zaakgericht-catalogusimport",
    applicatie_label="Catalogusimport",
    heeft_alle_autorisaties=False,
    autorisaties=[Autorisatie(component="ztc", scopes=["catalogi.lezen", "catalogi.schrijven"])],
)


@dataclass(frozen=True)
class Grenzen:
    """Sizes far beyond any catalogue (the largest known have a few MB of JSON), checked while reading."""

    zip_bytes: int = 16 * MIB
    bestand_bytes: int = 32 * MIB
    totaal_bytes: int = 64 * MIB


AANGEMAAKT = "aangemaakt"
BESTAAND = "bestaand gebruikt"
GEWEIGERD = "geweigerd"
ZOU_AANGEMAAKT = "zou aangemaakt worden"


@dataclass
class Regel:
    """One line of the report: what happened to one object (or to the file as a whole)."""

    soort: str  # "ZaakType", ..., or "bestand" for the ZIP itself
    naam: str
    uitkomst: str  # AANGEMAAKT, BESTAAND or GEWEIGERD
    reden: str = ""

    def tekst(self) -> str:
        line = f"{self.soort} {self.naam}: {self.uitkomst}" if self.naam else f"{self.soort}: {self.uitkomst}"
        return f"{line} — {self.reden}" if self.reden else line


@dataclass
class Verslag:
    regels: list[Regel] = field(default_factory=list)

    @property
    def geweigerd(self) -> bool:
        return any(regel.uitkomst == GEWEIGERD for regel in self.regels)

    def tekst(self) -> str:
        lines = [regel.tekst() for regel in self.regels]
        if self.geweigerd:
            if any(regel.uitkomst == ZOU_AANGEMAAKT for regel in self.regels):
                lines.append("Wat na het geweigerde object komt, is niet meer gecontroleerd.")
            lines.append("De import is geweigerd; er is niets veranderd.")
        else:
            made = sum(regel.uitkomst == AANGEMAAKT for regel in self.regels)
            lines.append(f"De import is gelukt: {made} object(en) aangemaakt.")
        return "\n".join(lines)

    def weiger(self, soort: str, naam: str, reden: str) -> None:
        self.regels.append(Regel(soort, naam, GEWEIGERD, reden))


class ExportFout(Exception):
    """What to export cannot be found; the message is for people, in Dutch."""


# --- export ----------------------------------------------------------------------------------


async def _kies_catalogus(session: AsyncSession, domein: str | None, identificaties: list[str]) -> Catalogus:
    statement = select(Catalogus).order_by(Catalogus.id)
    if domein:
        statement = statement.where(Catalogus.domein == domein)
    if identificaties:
        statement = statement.where(
            Catalogus.id.in_(select(ZaakType.catalogus_id).where(ZaakType.identificatie.in_(identificaties)))
        )
    catalogi = (await session.scalars(statement)).all()
    if not catalogi:
        if domein:
            raise ExportFout(
                f"Er is geen catalogus met domein {domein}" + (" met deze zaaktypen." if identificaties else ".")
            )
        raise ExportFout("Er is geen catalogus met deze zaaktypen." if identificaties else "Er is nog geen catalogus.")
    if len(catalogi) > 1:
        domeinen = ", ".join(f"{c.domein} ({c.rsin})" for c in catalogi)
        raise ExportFout(f"Er zijn meerdere catalogi: {domeinen}. Kies er een met --catalogus DOMEIN.")
    return catalogi[0]


async def _versies(session: AsyncSession, model, attribute: str, catalogus_id: int, names: set[str]) -> list:
    if not names:
        return []
    statement = select(model).where(model.catalogus_id == catalogus_id, getattr(model, attribute).in_(names))
    return list((await session.scalars(statement.order_by(model.id))).all())


async def export_bestanden(
    session: AsyncSession, *, domein: str | None = None, identificaties: list[str] | None = None
) -> dict[str, list[dict]]:
    """The representations per file of a catalogus (all of it, or the chosen zaaktypen and what they name)."""
    identificaties = list(identificaties or [])
    catalogus = await _kies_catalogus(session, domein, identificaties)
    if not identificaties:
        zaaktypen = await _all(session, ZaakType, catalogus.id)
        iots = await _all(session, InformatieObjectType, catalogus.id)
        besluittypen = await _all(session, BesluitType, catalogus.id)
    else:
        wanted = set(identificaties)
        zaaktypen = await _versies(session, ZaakType, "identificatie", catalogus.id, wanted)
        missing = wanted - {z.identificatie for z in zaaktypen}
        if missing:
            raise ExportFout(f"De catalogus {catalogus.domein} heeft geen zaaktype {', '.join(sorted(missing))}.")
        # Deelzaaktypen and gerelateerde zaaktypen come along, else the file would name what it lacks.
        while True:
            named = {name for z in zaaktypen for name in z.deelzaaktypen}
            named |= {relatie["zaaktype"] for z in zaaktypen for relatie in z.gerelateerde_zaaktypen}
            if named <= wanted:
                break
            wanted |= named
            zaaktypen = await _versies(session, ZaakType, "identificatie", catalogus.id, wanted)
        ids = [z.id for z in zaaktypen]
        resultaattypen = (await session.scalars(select(ResultaatType).where(ResultaatType.zaaktype_id.in_(ids)))).all()
        besluit_names = {name for z in zaaktypen for name in z.besluittypen}
        besluit_names |= {name for r in resultaattypen for name in r.besluittypen}
        besluittypen = await _versies(session, BesluitType, "omschrijving", catalogus.id, besluit_names)
        iot_names = set(
            (
                await session.scalars(
                    select(ZaakTypeInformatieObjectType.informatieobjecttype).where(
                        ZaakTypeInformatieObjectType.zaaktype_id.in_(ids)
                    )
                )
            ).all()
        )
        iot_names |= {name for r in resultaattypen for name in r.informatieobjecttypen}
        iot_names |= {name for b in besluittypen for name in b.informatieobjecttypen}
        iots = await _versies(session, InformatieObjectType, "omschrijving", catalogus.id, iot_names)
    today = date.today()
    ids = [z.id for z in zaaktypen]
    bestanden: dict[str, list[dict]] = {
        "Catalogus": await queries.catalogus_bodies(session, [catalogus]),
        "InformatieObjectType": await queries.informatieobjecttype_bodies(session, iots, today),
        "BesluitType": await queries.besluittype_bodies(session, besluittypen, today),
        "ZaakType": await queries.zaaktype_bodies(session, zaaktypen, today),
    }
    for soort in SUB_SOORTEN:
        model = MODEL[soort]
        objs = (await session.scalars(select(model).where(model.zaaktype_id.in_(ids)).order_by(model.id))).all()
        bestanden[soort] = await service.SUBKINDS[RESOURCE[soort]].bodies(session, objs, today)
    volgorde = EXPORT_VOLGORDE + (("ZaakObjectType",) if bestanden["ZaakObjectType"] else ())
    return {soort: bestanden[soort] for soort in volgorde}


# The order of the files in the ZIP, as Open Zaak writes them.
EXPORT_VOLGORDE = (
    "Catalogus",
    "ZaakType",
    "ZaakTypeInformatieObjectType",
    "InformatieObjectType",
    "BesluitType",
    "ResultaatType",
    "RolType",
    "StatusType",
    "Eigenschap",
)


async def _all(session: AsyncSession, model, catalogus_id: int) -> list:
    return list(
        (await session.scalars(select(model).where(model.catalogus_id == catalogus_id).order_by(model.id))).all()
    )


def zip_bytes(bestanden: dict[str, list[dict]]) -> bytes:
    """The files as a ZIP (with fixed timestamps, so the same catalogue gives the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for soort, items in bestanden.items():
            info = zipfile.ZipInfo(f"{soort}.json", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, json.dumps(items, ensure_ascii=False, indent=2))
    return buffer.getvalue()


# --- reading the ZIP -------------------------------------------------------------------------


class _Weigering(Exception):
    """Stop reading or importing: the report holds why."""


def _lees_lid(archive: zipfile.ZipFile, info: zipfile.ZipInfo, grenzen: Grenzen, gelezen: list[int]) -> bytes:
    """One member, decompressed in pieces and counted: the sizes in the ZIP's headers are not trusted."""
    chunks = []
    size = 0
    with archive.open(info) as stream:
        while chunk := stream.read(64 * 1024):
            size += len(chunk)
            gelezen[0] += len(chunk)
            if size > grenzen.bestand_bytes:
                raise _TeGroot(
                    f"{info.filename} is uitgepakt groter dan {grenzen.bestand_bytes // MIB} MB; "
                    "zo groot is geen catalogus."
                )
            if gelezen[0] > grenzen.totaal_bytes:
                raise _TeGroot(
                    f"De bestanden in de ZIP zijn samen uitgepakt groter dan {grenzen.totaal_bytes // MIB} MB; "
                    "zo groot is geen catalogus."
                )
            chunks.append(chunk)
    return b"".join(chunks)


class _TeGroot(Exception):
    pass


def lees_zip(bron: bytes | Path, verslag: Verslag, grenzen: Grenzen = Grenzen()) -> dict[str, list[dict]] | None:
    """The lists in the ZIP per file, or None with the reasons in ``verslag``."""
    size = bron.stat().st_size if isinstance(bron, Path) else len(bron)
    if size > grenzen.zip_bytes:
        verslag.weiger(
            "bestand", "", f"Het bestand is groter dan {grenzen.zip_bytes // MIB} MB; zo groot is geen catalogus."
        )
        return None
    try:
        archive = zipfile.ZipFile(bron if isinstance(bron, Path) else io.BytesIO(bron))
    except (zipfile.BadZipFile, OSError, ValueError):
        verslag.weiger("bestand", "", "Het bestand is geen ZIP-bestand.")
        return None
    bestanden: dict[str, list[dict]] = {}
    with archive:
        members = archive.infolist()
        names = [info.filename for info in members]
        expected = {f"{soort}.json" for soort in SOORTEN}
        for name in names:
            if name not in expected:
                verslag.weiger(
                    "bestand",
                    name,
                    "Dit bestand hoort niet in een catalogusexport. "
                    f"Verwacht zijn: {', '.join(f'{s}.json' for s in SOORTEN)}.",
                )
            elif names.count(name) > 1:
                verslag.weiger("bestand", name, "Dit bestand staat meer dan eens in de ZIP.")
        for soort in VERPLICHT:
            if f"{soort}.json" not in names:
                verslag.weiger("bestand", f"{soort}.json", "Dit bestand ontbreekt in de ZIP.")
        if verslag.geweigerd:
            return None
        gelezen = [0]
        for info in members:
            soort = info.filename.removesuffix(".json")
            try:
                raw = _lees_lid(archive, info, grenzen, gelezen)
            except _TeGroot as exc:
                verslag.weiger("bestand", info.filename, str(exc))
                return None
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, OSError):
                verslag.weiger(
                    "bestand",
                    info.filename,
                    "Dit bestand in de ZIP is beschadigd of versleuteld en kan niet gelezen worden.",
                )
                return None
            items = _parse(info.filename, raw, verslag)
            if items is not None:
                bestanden[soort] = items
    return None if verslag.geweigerd else bestanden


# A catalogue nests a few levels (a list of objects holding lists of objects); the checks below recurse.
MAX_DIEPTE = 32


def _diepte(data: Any) -> int:
    """How deep JSON nests, walked with a stack (not recursion)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth <= MAX_DIEPTE:
                stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))
    return deepest


def _parse(name: str, raw: bytes, verslag: Verslag) -> list[dict] | None:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        verslag.weiger("bestand", name, "Dit bestand is geen tekst in UTF-8.")
        return None
    except RecursionError:
        verslag.weiger("bestand", name, f"Dit bestand is dieper genest dan {MAX_DIEPTE} niveaus; zo is geen catalogus.")
        return None
    except json.JSONDecodeError as exc:
        verslag.weiger("bestand", name, f"Dit bestand is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}).")
        return None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        verslag.weiger("bestand", name, "Dit bestand moet een lijst van objecten zijn.")
        return None
    if _diepte(data) > MAX_DIEPTE:
        verslag.weiger("bestand", name, f"Dit bestand is dieper genest dan {MAX_DIEPTE} niveaus; zo is geen catalogus.")
        return None
    if (where := nul_in_json(data)) is not None:
        verslag.weiger(
            "bestand", name, f"Dit bestand bevat een NUL-teken (in {where}); dat kan niet opgeslagen worden."
        )
        return None
    return data


# --- checking the content --------------------------------------------------------------------


def _velden(soort: str) -> tuple[set[str], set[str]]:
    """The (writable, read-only) properties of the OAS representation of ``soort``."""
    properties = load_spec("catalogi")["components"]["schemas"][soort]["properties"]
    read_only = {name for name, schema in properties.items() if schema.get("readOnly")}
    return set(properties) - read_only, read_only


def _naam(soort: str, item: dict, zaaktype_namen: dict[str, str]) -> str:
    def get(key: str) -> str:
        value = item.get(key)
        return "" if value is None else str(value)

    if soort == "Catalogus":
        return f"{get('domein')} ({get('rsin')})"
    if soort == "ZaakType":
        return f"{get('identificatie')} (vanaf {get('beginGeldigheid')})"
    if soort in ("InformatieObjectType", "BesluitType"):
        return f"{get('omschrijving')} (vanaf {get('beginGeldigheid')})"
    zaaktype = zaaktype_namen.get(get("zaaktype"), get("zaaktypeIdentificatie") or "?")
    own = {
        "StatusType": f"{get('volgnummer')}. {get('omschrijving')}",
        "RolType": get("omschrijving"),
        "Eigenschap": get("naam"),
        "ResultaatType": get("omschrijving"),
        "ZaakTypeInformatieObjectType": f"{get('richting')} {get('volgnummer')}",
        "ZaakObjectType": get("relatieOmschrijving"),
    }[soort]
    return f"{own} van zaaktype {zaaktype}"


def _strings(value: Any, path: str):
    """Every string in ``value`` with its place (``besluittypen.0``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}")


def shipped_selectielijst_url(url: str) -> str:
    """A selectielijst URL of any host as the shipped entry with the same UUID, when there is one."""
    match = _SELECTIELIJST_URL.match(url)
    if match and selectielijst.get_item(match["lijst"], match["uuid"]) is not None:
        return urls.build("referentielijsten", match["lijst"], match["uuid"].lower())
    return url


async def _exists_here(session: AsyncSession, url: str) -> bool:
    ref = urls.resolve(url)
    if ref is None or ref.api != queries.API:
        return False
    model = next((MODEL[s] for s, r in RESOURCE.items() if r == ref.resource), None)
    if model is None:
        return False
    return await session.scalar(select(model.id).where(model.uuid == ref.uuid)) is not None


async def _controleer(session: AsyncSession, bestanden: dict[str, list[dict]], verslag: Verslag) -> None:
    """Everything that can be known before writing: fields, references, the selectielijst."""
    in_file: set[str] = set()
    zaaktype_namen = {
        item.get("url"): str(item.get("identificatie"))
        for item in bestanden.get("ZaakType", [])
        if isinstance(item.get("url"), str)
    }
    for soort in SOORTEN:
        for item in bestanden.get(soort, []):
            url = item.get("url")
            if not isinstance(url, str) or not url:
                verslag.weiger(soort, _naam(soort, item, zaaktype_namen), "Het object heeft geen url.")
            elif url in in_file:
                verslag.weiger(soort, _naam(soort, item, zaaktype_namen), f"De url {url} komt meer dan eens voor.")
            else:
                in_file.add(url)
    for soort in SOORTEN:
        writable, read_only = _velden(soort)
        for item in bestanden.get(soort, []):
            naam = _naam(soort, item, zaaktype_namen)
            unknown = sorted(set(item) - writable - read_only)
            if unknown:
                verslag.weiger(
                    soort,
                    naam,
                    "Onbekend veld: " + ", ".join(f"'{key}'" for key in unknown) + " (niet in de Catalogi API).",
                )
            for key in sorted(set(item) & writable):
                kind = SELECTIELIJST_VELDEN.get((soort, key))
                if kind is not None:
                    await _controleer_selectielijst(soort, naam, key, item[key], kind, verslag)
                    continue
                for path, value in _strings(item[key], key):
                    if not _CATALOGI_URL.match(value) or value in in_file or await _exists_here(session, value):
                        continue
                    verslag.weiger(
                        soort,
                        naam,
                        f"{path} verwijst naar {value}; dat staat niet in het bestand en niet in de database.",
                    )


async def _controleer_selectielijst(soort: str, naam: str, key: str, value: Any, kind: str, verslag: Verslag) -> None:
    if not value or not isinstance(value, str):
        return  # a wrong type or a missing value is the service's to name
    try:
        await selectielijst.lookup(kind, shipped_selectielijst_url(value))
    except RemoteError:
        label = {
            "procestypen": "procestype",
            "resultaten": "selectielijstklasse",
            "resultaattypeomschrijvingen": "resultaattypeomschrijving",
        }[kind]
        verslag.weiger(soort, naam, f"{key}: de {label} {value} bestaat niet in de selectielijst.")


# --- writing ---------------------------------------------------------------------------------


_ENGELS = re.compile(r"^(Input|String|Value|List|Field|URL|Date|Datetime|Decimal|Object|Dictionary|Extra)\b")


def _nederlands(code: str, reason: str) -> str:
    """The reasons Pydantic gives in English (the API passes them on as they are), in Dutch for the report."""
    if not _ENGELS.match(reason):
        return reason
    number = re.search(r"(\d+)", reason)
    n = number[1] if number else ""
    if code == "max_length":
        return f"is te lang (ten hoogste {n})." if n else "is te lang."
    if code == "min_length":
        return "mag niet leeg zijn." if n in ("", "1") else f"is te kort (ten minste {n})."
    if code == "max_value":
        return f"is te groot (ten hoogste {n})." if n else "is te groot."
    if code == "min_value":
        return f"is te klein (ten minste {n})." if n else "is te klein."
    if code == "invalid_choice":
        choices = re.findall(r"'([^']*)'", reason)
        return (
            f"is geen toegestane waarde (kies uit {', '.join(choices)})." if choices else "is geen toegestane waarde."
        )
    return "heeft geen geldige waarde."


def _reden(exc: ValidationError) -> str:
    return "; ".join(f"{param.name}: {_nederlands(param.code, param.reason)}" for param in exc.invalid_params)


class _Import:
    def __init__(self, session: AsyncSession, bestanden: dict[str, list[dict]], verslag: Verslag) -> None:
        self.session = session
        self.bestanden = bestanden
        self.verslag = verslag
        self.nieuw: dict[str, str] = {}  # url in the file -> url here
        self.zaaktype_namen = {item["url"]: str(item.get("identificatie")) for item in bestanden.get("ZaakType", [])}
        self.bestaande_zaaktypen: dict[str, ZaakType] = {}  # url in the file -> the matched zaaktype
        self.aangemaakt: list[tuple[str, Any, dict, Regel]] = []  # (soort, obj, item, regel)

    def body(self, soort: str, item: dict) -> dict:
        writable, _ = _velden(soort)
        return {key: self.vertaal(soort, key, value) for key, value in item.items() if key in writable}

    def vertaal(self, soort: str, key: str, value: Any) -> Any:
        if (soort, key) in SELECTIELIJST_VELDEN and isinstance(value, str):
            return shipped_selectielijst_url(value)
        if isinstance(value, str):
            return self.nieuw.get(value, value)
        if isinstance(value, list):
            return [self.vertaal(soort, key, item) for item in value]
        if isinstance(value, dict):
            return {k: self.vertaal(soort, key, v) for k, v in value.items()}
        return value

    def regel(self, soort: str, item: dict, uitkomst: str, reden: str = "") -> Regel:
        regel = Regel(soort, _naam(soort, item, self.zaaktype_namen), uitkomst, reden)
        self.verslag.regels.append(regel)
        return regel

    def weiger(self, soort: str, item: dict, reden: str):
        self.regel(soort, item, GEWEIGERD, reden)
        return _Weigering()

    async def run(self) -> None:
        for item in self.bestanden.get("Catalogus", []):
            await self.catalogus(item)
        for soort in ("InformatieObjectType", "BesluitType", "ZaakType"):
            for item in self.bestanden.get(soort, []):
                await self.main_type(soort, item)
        for soort in SUB_SOORTEN:
            for item in self.bestanden.get(soort, []):
                await self.sub_type(soort, item)
        await self.zaaktype_links()
        await self.publish()

    async def catalogus(self, item: dict) -> None:
        domein, rsin = item.get("domein"), item.get("rsin")
        existing = None
        if isinstance(domein, str) and isinstance(rsin, str):  # else the service names what is wrong
            existing = await self.session.scalar(
                select(Catalogus).where(Catalogus.domein == domein, Catalogus.rsin == rsin)
            )
        if existing is not None:
            self.nieuw[item["url"]] = queries.url_of("catalogussen", existing.uuid)
            self.regel("Catalogus", item, BESTAAND)
            return
        try:
            catalogus = await service.create_catalogus(self.session, self.body("Catalogus", item))
        except ValidationError as exc:
            raise self.weiger("Catalogus", item, _reden(exc)) from None
        self.nieuw[item["url"]] = queries.url_of("catalogussen", catalogus.uuid)
        self.regel("Catalogus", item, AANGEMAAKT)

    async def _catalogus_id(self, url: Any) -> int | None:
        ref = urls.resolve(url) if isinstance(url, str) else None
        if ref is None:
            return None
        return await self.session.scalar(select(Catalogus.id).where(Catalogus.uuid == ref.uuid))

    async def main_type(self, soort: str, item: dict) -> None:
        kind = MAIN_KINDS[soort]
        body = self.body(soort, item)
        catalogus_id = await self._catalogus_id(body.get("catalogus"))
        try:
            begin = date.fromisoformat(item.get("beginGeldigheid") or "")
        except (TypeError, ValueError):
            begin = None
        if catalogus_id is not None and begin is not None and isinstance(item.get(kind.version_name), str):
            existing = await self.session.scalar(
                select(kind.model).where(
                    kind.model.catalogus_id == catalogus_id,
                    getattr(kind.model, kind.version_name) == item.get(kind.version_name),
                    kind.model.begin_geldigheid == begin,
                )
            )
            if existing is not None:
                self.nieuw[item["url"]] = queries.url_of(kind.kanaal, existing.uuid)
                if soort == "ZaakType":
                    self.bestaande_zaaktypen[item["url"]] = existing
                self.regel(soort, item, BESTAAND, "dezelfde versie bestaat al in de catalogus")
                return
        if soort == "ZaakType":
            # Zaaktypen may name each other; those links are set once every zaaktype exists.
            body["deelzaaktypen"] = []
            body["gerelateerdeZaaktypen"] = []
        try:
            obj = await service.save_type(self.session, IMPORT_AUTH, kind, body)
        except ValidationError as exc:
            raise self.weiger(soort, item, _reden(exc)) from None
        self.nieuw[item["url"]] = queries.url_of(kind.kanaal, obj.uuid)
        self.aangemaakt.append((soort, obj, item, self.regel(soort, item, AANGEMAAKT)))

    async def _bestaand_onderdeel(self, soort: str, item: dict, zaaktype: ZaakType):
        model = MODEL[soort]
        keys = {
            "StatusType": ("volgnummer",),
            "RolType": ("omschrijving",),
            "Eigenschap": ("naam",),
            "ResultaatType": ("omschrijving",),
            "ZaakTypeInformatieObjectType": ("volgnummer", "richting"),
            "ZaakObjectType": ("objecttype", "relatie_omschrijving"),
        }[soort]
        # Compared here, not in SQL: the file's values may be of any JSON type.
        parts = (
            await self.session.scalars(select(model).where(model.zaaktype_id == zaaktype.id).order_by(model.id))
        ).all()
        wanted = [item.get(to_camel(key)) for key in keys]
        return next((part for part in parts if [getattr(part, key) for key in keys] == wanted), None)

    async def sub_type(self, soort: str, item: dict) -> None:
        resource = RESOURCE[soort]
        zaaktype_url = item.get("zaaktype")
        zaaktype = self.bestaande_zaaktypen.get(zaaktype_url) if isinstance(zaaktype_url, str) else None
        if zaaktype is not None:
            existing = await self._bestaand_onderdeel(soort, item, zaaktype)
            if existing is None:
                raise self.weiger(
                    soort,
                    item,
                    "Het zaaktype bestaat al in deze versie, maar zonder dit onderdeel; "
                    "maak een nieuwe versie van het zaaktype om het toe te voegen.",
                )
            self.nieuw[item["url"]] = queries.url_of(resource, existing.uuid)
            self.regel(soort, item, BESTAAND, "het zaaktype bestaat al in deze versie")
            return
        body = self.body(soort, item)
        if soort == "StatusType":
            body["eigenschappen"] = []  # set from the other side, Eigenschap.statustype, which comes later
        try:
            obj = await service.save_subtype(self.session, IMPORT_AUTH, service.SUBKINDS[resource], body)
        except ValidationError as exc:
            raise self.weiger(soort, item, _reden(exc)) from None
        self.nieuw[item["url"]] = queries.url_of(resource, obj.uuid)
        self.regel(soort, item, AANGEMAAKT)

    async def zaaktype_links(self) -> None:
        for soort, obj, item, _regel in self.aangemaakt:
            if soort != "ZaakType" or not (item.get("deelzaaktypen") or item.get("gerelateerdeZaaktypen")):
                continue
            links = {
                "deelzaaktypen": self.vertaal(soort, "deelzaaktypen", item.get("deelzaaktypen") or []),
                "gerelateerdeZaaktypen": self.vertaal(
                    soort, "gerelateerdeZaaktypen", item.get("gerelateerdeZaaktypen") or []
                ),
            }
            try:
                await service.save_type(self.session, IMPORT_AUTH, service.ZAAKTYPE, links, obj, partial=True)
            except ValidationError as exc:
                raise self.weiger(soort, item, _reden(exc)) from None

    async def publish(self) -> None:
        for soort in ("InformatieObjectType", "BesluitType", "ZaakType"):
            for made_soort, obj, item, regel in self.aangemaakt:
                if made_soort != soort:
                    continue
                if item.get("concept", True) is not False:
                    regel.reden = "als concept"
                    continue
                try:
                    await service.publish_type(self.session, MAIN_KINDS[soort], obj)
                except ValidationError as exc:
                    regel.reden = f"als concept, want publiceren kon niet: {_reden(exc)}"
                else:
                    regel.reden = "en gepubliceerd"


async def importeer(bron: bytes | Path, grenzen: Grenzen = Grenzen()) -> Verslag:
    """Import a ZIP in one transaction; the report says per object what happened, and nothing is kept when
    anything is refused."""
    verslag = Verslag()
    bestanden = lees_zip(bron, verslag, grenzen)
    if bestanden is None:
        return verslag
    try:
        async with write_session() as session:
            await _controleer(session, bestanden, verslag)
            if verslag.geweigerd:
                raise _Weigering()
            await _Import(session, bestanden, verslag).run()
            if verslag.geweigerd:
                raise _Weigering()
    except _Weigering:
        # Rolled back: what was made before the refusal is gone again.
        for regel in verslag.regels:
            if regel.uitkomst == AANGEMAAKT:
                regel.uitkomst, regel.reden = ZOU_AANGEMAAKT, ""
    return verslag


async def exporteer(
    session: AsyncSession, *, domein: str | None = None, identificaties: list[str] | None = None
) -> bytes:
    return zip_bytes(await export_bestanden(session, domein=domein, identificaties=identificaties))
