"""Changes to zaken: validation against the catalogue, the life cycle, audit trail and notifications.

Every change of a zaak or one of its parts goes through here (or ``parts``), whether it
comes from the Zaken API, a web page or an e-formulier: validated, written, recorded in
the audit trail and queued as a notification in one transaction.
"""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from shapely.geometry import shape
from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import audit, identificatie, urls
from ..api.auth import AuthContext
from ..api.body import validate
from ..api.errors import InvalidParam, PermissionDenied, ValidationError
from ..api.remote import RemoteError, fetch_json
from ..archief.derivation import add_duration, derive
from ..catalogi.models import ResultaatType, StatusType, ZaakType
from ..koppelingen import service as koppelingen
from ..referentielijsten import service as selectielijst
from ..zoeken import index as zoekindex
from . import queries
from .informeren import inform_initiators
from .models import Resultaat, Rol, Status, Zaak, ZaakInformatieObject
from .ref import ZaakRef, load, local_object, local_ref, notify_change, record, zaak_from_url
from .schemas import ResultaatIn, StatusIn, ZaakIn

AANMAKEN = "zaken.aanmaken"
BIJWERKEN = "zaken.bijwerken"
STATUSSEN_TOEVOEGEN = "zaken.statussen.toevoegen"
HEROPENEN = "zaken.heropenen"
GEFORCEERD_BIJWERKEN = "zaken.geforceerd-bijwerken"
VERWIJDEREN = "zaken.verwijderen"

# Dates of the life cycle are dates in the municipality's time zone.
TIMEZONE = ZoneInfo("Europe/Amsterdam")


def local_time(moment: datetime) -> datetime:
    """A stored moment in the municipality's time zone (SQLite hands back naive datetimes, stored in UTC)."""
    return queries.aware(moment).astimezone(TIMEZONE)


# --- the zaak a change is about (``ref``) and who may change it ----------------------------------


def ensure_allowed(auth: AuthContext, ref: ZaakRef, scopes: tuple[str, ...]) -> None:
    """403 unless one of ``scopes`` is granted for this zaak's zaaktype and vertrouwelijkheid (zrc-006)."""
    if not auth.allows("zrc", scopes, ref.zaaktype_url, ref.zaak.vertrouwelijkheidaanduiding):
        raise PermissionDenied("Niet de juiste autorisaties beschikbaar voor deze zaak.")


def ensure_may_change(auth: AuthContext, ref: ZaakRef, scopes: tuple[str, ...] = (BIJWERKEN,)) -> None:
    """A change of the zaak or its parts: ``scopes`` while open, only ``geforceerd-bijwerken`` once closed (zrc-007)."""
    if ref.closed:
        if not auth.allows("zrc", (GEFORCEERD_BIJWERKEN,), ref.zaaktype_url, ref.zaak.vertrouwelijkheidaanduiding):
            raise PermissionDenied(
                "De zaak is afgesloten; alleen met de scope zaken.geforceerd-bijwerken kan zij nog worden gewijzigd."
            )
        return
    ensure_allowed(auth, ref, (*scopes, GEFORCEERD_BIJWERKEN))


def merged(current: dict, data: dict, partial: bool) -> dict:
    """A PATCH is validated as the current representation with the patch laid over it."""
    return {**current, **data} if partial else data


# --- zaken -----------------------------------------------------------------------------------


async def _zaaktype(session: AsyncSession, url: str, startdatum: date) -> ZaakType:
    """zrc-001: a published zaaktype of this catalogue, valid on the zaak's startdatum."""
    zaaktype = await local_object(session, url, "zaaktypen", ZaakType, "zaaktype", api="catalogi")
    if zaaktype.concept:
        raise ValidationError.single("zaaktype", "not-published", "Het zaaktype is nog niet gepubliceerd.")
    begin, einde = zaaktype.begin_geldigheid, zaaktype.einde_geldigheid
    if (begin and startdatum < begin) or (einde and startdatum > einde):
        raise ValidationError.single(
            "zaaktype",
            "zaaktype-niet-geldig",
            f"Het zaaktype is niet geldig op de startdatum {startdatum.isoformat()}.",
        )
    return zaaktype


async def _check_remote(url: str, field: str, shape_keys: tuple[str, ...]) -> list[InvalidParam]:
    try:
        data = await fetch_json(url)
    except RemoteError as exc:
        return [InvalidParam(field, exc.code, exc.reason)]
    if not isinstance(data, dict) or not all(key in data for key in shape_keys):
        return [InvalidParam(field, "invalid-resource", f"De URL {url} verwijst niet naar het verwachte object.")]
    return []


async def _zaak_url_errors(session: AsyncSession, url: str, field: str) -> list[InvalidParam]:
    """A URL that must point at an existing zaak (ours: looked up; another installation's: fetched)."""
    ref = urls.resolve(url)
    if ref is None and not urls.is_local(url):
        return await _check_remote(url, field, ("url", "zaaktype", "bronorganisatie"))
    if ref is None or ref.api != queries.API or ref.resource != "zaken":
        return [InvalidParam(field, "invalid-resource", f"De URL {url} verwijst niet naar een zaak.")]
    if await session.scalar(select(Zaak.id).where(Zaak.uuid == ref.uuid)) is None:
        return [InvalidParam(field, "bad-url", f"De zaak {url} bestaat niet.")]
    return []


async def _hoofdzaak_id(session: AsyncSession, body: ZaakIn, zaak: Zaak | None) -> int | None:
    """zrc-013: one level of deelzaken, never the zaak itself. Which deelzaaktypen the hoofdzaak's zaaktype names
    is not the API's concern (no rule of the standard); the dossier offers only those."""
    if body.hoofdzaak is None:
        return None
    ref = urls.resolve(body.hoofdzaak)
    if ref is None or ref.api != queries.API or ref.resource != "zaken":
        raise ValidationError.single("hoofdzaak", "no_match", "De hoofdzaak moet een zaak van deze Zaken API zijn.")
    hoofdzaak = await session.scalar(select(Zaak).where(Zaak.uuid == ref.uuid))
    if hoofdzaak is None:
        raise ValidationError.single("hoofdzaak", "bad-url", f"De zaak {body.hoofdzaak} bestaat niet.")
    if zaak is not None and hoofdzaak.id == zaak.id:
        raise ValidationError.single("hoofdzaak", "self-forbidden", "Een zaak kan niet haar eigen hoofdzaak zijn.")
    if hoofdzaak.hoofdzaak_id is not None:
        raise ValidationError.single(
            "hoofdzaak",
            "deelzaak-als-hoofdzaak",
            "De hoofdzaak is zelf een deelzaak; deelzaken van deelzaken mogen niet.",
        )
    if zaak is not None and await session.scalar(select(exists().where(Zaak.hoofdzaak_id == zaak.id))):
        raise ValidationError.single(
            "hoofdzaak", "deelzaak-als-hoofdzaak", "Deze zaak heeft zelf deelzaken en kan geen deelzaak worden."
        )
    return hoofdzaak.id


async def _validate_zaak(session: AsyncSession, body: ZaakIn, zaaktype: ZaakType, zaak: Zaak | None) -> None:
    errors: list[InvalidParam] = []
    if body.communicatiekanaal:
        errors += await _check_remote(body.communicatiekanaal, "communicatiekanaal", ("url", "naam", "omschrijving"))
    if body.selectielijstklasse:
        try:
            await selectielijst.lookup(selectielijst.RESULTATEN, body.selectielijstklasse)
        except RemoteError as exc:
            errors.append(InvalidParam("selectielijstklasse", exc.code, exc.reason))
    for position, relevante in enumerate(body.relevante_andere_zaken):
        errors += await _zaak_url_errors(session, relevante.url, f"relevanteAndereZaken.{position}.url")
    if not set(body.producten_of_diensten) <= set(zaaktype.producten_of_diensten):
        errors.append(
            InvalidParam(
                "productenOfDiensten",
                "invalid-products-services",
                "Alle producten en diensten moeten bij het zaaktype horen.",
            )
        )
    if body.betalingsindicatie == "nvt" and body.laatste_betaaldatum is not None:
        errors.append(
            InvalidParam(
                "laatsteBetaaldatum", "betaling-nvt", 'Bij betalingsindicatie "nvt" hoort geen laatste betaaldatum.'
            )
        )
    if body.laatste_betaaldatum is not None and body.laatste_betaaldatum.timestamp() > datetime.now().timestamp():
        errors.append(
            InvalidParam("laatsteBetaaldatum", "date-in-future", "Deze datum mag niet in de toekomst liggen.")
        )
    errors += await _archiefstatus_errors(session, body, zaak)
    if errors:
        raise ValidationError(errors)


async def _archiefstatus_errors(session: AsyncSession, body: ZaakIn, zaak: Zaak | None) -> list[InvalidParam]:
    """zrc-022: archived only with nominatie and actiedatum, and with every document archived."""
    if body.archiefstatus == "nog_te_archiveren":
        return []
    errors = []
    if body.archiefnominatie is None:
        errors.append(
            InvalidParam(
                "archiefnominatie", "archiefnominatie-not-set", "Geef de archiefnominatie bij deze archiefstatus."
            )
        )
    if body.archiefactiedatum is None:
        errors.append(
            InvalidParam(
                "archiefactiedatum", "archiefactiedatum-not-set", "Geef de archiefactiedatum bij deze archiefstatus."
            )
        )
    if zaak is not None:
        io_urls = list(
            await session.scalars(
                select(ZaakInformatieObject.informatieobject).where(ZaakInformatieObject.zaak_id == zaak.id)
            )
        )
        facts = await koppelingen.informatieobject_facts(session, io_urls)
        if any(fact.status != "gearchiveerd" for fact in facts.values()):
            errors.append(
                InvalidParam(
                    "archiefstatus",
                    "documents-not-archived",
                    "Alle informatieobjecten van de zaak moeten de status gearchiveerd hebben.",
                )
            )
    return errors


def _apply_zaak(zaak: Zaak, body: ZaakIn, zaaktype: ZaakType, data: dict) -> None:
    old_verlenging = zaak.verlenging_duur
    zaak.omschrijving = body.omschrijving
    zaak.toelichting = body.toelichting
    zaak.zaaktype_id = zaaktype.id
    zaak.registratiedatum = body.registratiedatum or zaak.registratiedatum or date.today()
    zaak.verantwoordelijke_organisatie = body.verantwoordelijke_organisatie
    zaak.startdatum = body.startdatum
    zaak.publicatiedatum = body.publicatiedatum
    zaak.communicatiekanaal = body.communicatiekanaal
    zaak.producten_of_diensten = body.producten_of_diensten
    # zrc-009: the zaaktype's vertrouwelijkheid unless the client gives one.
    zaak.vertrouwelijkheidaanduiding = body.vertrouwelijkheidaanduiding or zaaktype.vertrouwelijkheidaanduiding
    zaak.betalingsindicatie = body.betalingsindicatie
    # zrc-014: "nvt" clears the laatste betaaldatum.
    zaak.laatste_betaaldatum = None if body.betalingsindicatie == "nvt" else body.laatste_betaaldatum
    _apply_geometrie(zaak, body.zaakgeometrie)
    zaak.verlenging_reden = body.verlenging.reden if body.verlenging else ""
    zaak.verlenging_duur = body.verlenging.duur if body.verlenging else None
    zaak.opschorting_indicatie = body.opschorting.indicatie if body.opschorting else False
    zaak.opschorting_reden = body.opschorting.reden if body.opschorting else ""
    zaak.selectielijstklasse = body.selectielijstklasse
    zaak.relevante_andere_zaken = [r.model_dump(by_alias=True) for r in body.relevante_andere_zaken]
    zaak.kenmerken = [k.model_dump(by_alias=True) for k in body.kenmerken]
    zaak.archiefnominatie = body.archiefnominatie
    zaak.archiefstatus = body.archiefstatus
    zaak.archiefactiedatum = body.archiefactiedatum
    zaak.opdrachtgevende_organisatie = body.opdrachtgevende_organisatie
    zaak.processobjectaard = body.processobjectaard
    zaak.startdatum_bewaartermijn = body.startdatum_bewaartermijn
    zaak.processobject = body.processobject.model_dump(by_alias=True) if body.processobject else None
    _apply_termijnen(zaak, body, zaaktype, data, verlenging_changed=old_verlenging != zaak.verlenging_duur)


def _apply_termijnen(zaak: Zaak, body: ZaakIn, zaaktype: ZaakType, data: dict, *, verlenging_changed: bool) -> None:
    """Deadlines from the zaaktype: the servicenorm (planned end) and the doorlooptijd plus any verlenging (legal end).

    A date the client sends wins; a verlenging moves the legal end date unless the client also sent one.
    """
    zaak.einddatum_gepland = body.einddatum_gepland
    if "einddatumGepland" not in data and zaak.einddatum_gepland is None:
        zaak.einddatum_gepland = add_duration(body.startdatum, zaaktype.servicenorm or zaaktype.doorlooptijd)
    zaak.uiterlijke_einddatum_afdoening = body.uiterlijke_einddatum_afdoening
    given = "uiterlijkeEinddatumAfdoening" in data and not (verlenging_changed and "verlenging" in data)
    if zaak.uiterlijke_einddatum_afdoening is None or (verlenging_changed and not given):
        uiterlijk = add_duration(body.startdatum, zaaktype.doorlooptijd)
        if zaak.verlenging_duur and uiterlijk:
            uiterlijk = add_duration(uiterlijk, zaak.verlenging_duur)
        zaak.uiterlijke_einddatum_afdoening = uiterlijk


def _apply_geometrie(zaak: Zaak, geometrie: dict | None) -> None:
    zaak.zaakgeometrie = geometrie
    bounds = shape(geometrie).bounds if geometrie else (None, None, None, None)
    zaak.geometrie_min_x, zaak.geometrie_min_y, zaak.geometrie_max_x, zaak.geometrie_max_y = bounds


async def _identificatie(session: AsyncSession, body: ZaakIn, zaak: Zaak | None) -> str:
    """zrc-002: the client's identificatie, unique within the bronorganisatie, or a generated one."""
    if zaak is not None:
        if body.identificatie and body.identificatie != zaak.identificatie:
            raise ValidationError.single(
                "identificatie", "wijzigen-niet-toegelaten", "De identificatie van een zaak kan niet worden gewijzigd."
            )
        if body.bronorganisatie != zaak.bronorganisatie:
            raise ValidationError.single(
                "bronorganisatie",
                "wijzigen-niet-toegelaten",
                "De bronorganisatie van een zaak kan niet worden gewijzigd.",
            )
        return zaak.identificatie

    async def taken(value: str) -> bool:
        return await identificatie.is_taken(
            session, Zaak.identificatie, Zaak.bronorganisatie, body.bronorganisatie, value
        )

    if body.identificatie:
        if await taken(body.identificatie):
            raise ValidationError.single(
                "identificatie",
                "identificatie-niet-uniek",
                "Deze identificatie bestaat al voor deze bronorganisatie.",
            )
        return body.identificatie
    return await identificatie.generate(session, "zaak", body.bronorganisatie, "ZAAK", taken)


async def create_zaak(session: AsyncSession, auth: AuthContext, data: dict) -> tuple[Zaak, dict]:
    """A new zaak, and its representation."""
    body = validate(ZaakIn, data)
    zaaktype = await _zaaktype(session, body.zaaktype, body.startdatum)
    zaak = Zaak(bronorganisatie=body.bronorganisatie)
    vertrouwelijkheid = body.vertrouwelijkheidaanduiding or zaaktype.vertrouwelijkheidaanduiding
    if not auth.allows("zrc", (AANMAKEN,), urls.build("catalogi", "zaaktypen", zaaktype.uuid), vertrouwelijkheid):
        raise PermissionDenied("Niet de juiste autorisaties beschikbaar voor dit zaaktype.")
    await _validate_zaak(session, body, zaaktype, None)
    zaak.hoofdzaak_id = await _hoofdzaak_id(session, body, None)
    zaak.identificatie = await _identificatie(session, body, None)
    _apply_zaak(zaak, body, zaaktype, data)
    session.add(zaak)
    await session.flush()
    ref = ZaakRef(zaak, zaaktype)
    representation = queries.new_zaak_body(zaak, zaaktype.uuid, body.hoofdzaak)
    record(
        session,
        auth,
        ref,
        resource="zaak",
        resource_url=ref.url,
        actie="create",
        oud=None,
        nieuw=representation,
        weergave=zaak.identificatie,
    )
    await zoekindex.index_zaak(session, zaak.id)
    return zaak, representation


async def update_zaak(session: AsyncSession, auth: AuthContext, zaak: Zaak, data: dict, *, partial: bool) -> Zaak:
    ref = await load(session, zaak)
    ensure_may_change(auth, ref)
    current = await queries.zaak_body(session, zaak)
    body = validate(ZaakIn, merged(current, data, partial))
    zaaktype = ref.zaaktype
    if body.zaaktype != ref.zaaktype_url:
        zaaktype = await _zaaktype(session, body.zaaktype, body.startdatum)
        ensure_allowed(auth, ZaakRef(zaak, zaaktype), (BIJWERKEN, GEFORCEERD_BIJWERKEN))
    await _validate_zaak(session, body, zaaktype, zaak)
    await _identificatie(session, body, zaak)
    zaak.hoofdzaak_id = await _hoofdzaak_id(session, body, zaak)
    _apply_zaak(zaak, body, zaaktype, data)
    ref = ZaakRef(zaak, zaaktype)
    ensure_allowed(auth, ref, (BIJWERKEN, GEFORCEERD_BIJWERKEN))  # also for the new vertrouwelijkheid
    await session.flush()
    record(
        session,
        auth,
        ref,
        resource="zaak",
        resource_url=ref.url,
        actie=audit.actie_of(partial),
        oud=current,
        nieuw=await queries.zaak_body(session, zaak),
        weergave=zaak.identificatie,
    )
    await zoekindex.index_zaak(session, zaak.id)
    return zaak


async def delete_zaak(session: AsyncSession, auth: AuthContext, zaak: Zaak) -> None:
    """zrc-023: the zaak, its deelzaken and everything of both are removed, not hidden."""
    ref = await load(session, zaak)
    ensure_allowed(auth, ref, (VERWIJDEREN,))
    deelzaken = [
        await load(session, deelzaak)
        for deelzaak in await session.scalars(select(Zaak).where(Zaak.hoofdzaak_id == zaak.id))
    ]
    for removed in [*deelzaken, ref]:
        await koppelingen.remove_zaak(session, removed.zaak)
        await audit.delete_trail(session, "zrc", removed.zaak.uuid)
        notify_change(session, removed, "zaak", removed.url, "destroy")
    # The deelzaken and every part of both go by the database's ON DELETE CASCADE.
    await session.delete(zaak)
    await session.flush()


# --- statussen -------------------------------------------------------------------------------


async def create_status(session: AsyncSession, auth: AuthContext, data: dict) -> tuple[Status, dict]:
    """A new status, and its representation; the eindstatus closes the zaak, a later other status reopens it."""
    body = validate(StatusIn, data)
    ref = await zaak_from_url(session, body.zaak)
    statustype, eind_volgnummer = await _statustype(session, body.statustype, ref)
    is_eindstatus = statustype.volgnummer == eind_volgnummer
    latest = await session.scalar(select(func.max(Status.datum_status_gezet)).where(Status.zaak_id == ref.zaak.id))
    _ensure_may_set_status(auth, ref, is_eindstatus, first=latest is None)
    rol = await _gezetdoor(session, body.gezetdoor, ref) if body.gezetdoor else None
    status = Status(
        uuid=uuid.uuid4(),
        zaak_id=ref.zaak.id,
        statustype_id=statustype.id,
        datum_status_gezet=body.datum_status_gezet,
        statustoelichting=body.statustoelichting,
        gezetdoor_id=rol.id if rol else None,
    )
    if is_eindstatus:
        await close_zaak(session, ref, body.datum_status_gezet)
    elif ref.closed:
        reopen_zaak(ref.zaak)
    session.add(status)
    await inform_initiators(session, ref.zaak, ref.zaaktype, statustype, body.datum_status_gezet)
    is_latest = latest is None or queries.aware(body.datum_status_gezet) >= queries.aware(latest)
    representation = queries.new_status_body(
        status, ref.zaak.uuid, statustype.uuid, rol.uuid if rol else None, is_latest
    )
    record(
        session,
        auth,
        ref,
        resource="status",
        resource_url=representation["url"],
        actie="create",
        oud=None,
        nieuw=representation,
        weergave=statustype.omschrijving,
    )
    return status, representation


async def _statustype(session: AsyncSession, url: str, ref: ZaakRef) -> tuple[StatusType, int]:
    """zrc-016: a statustype of the zaak's zaaktype, with the volgnummer of that zaaktype's eindstatus."""
    eind = select(func.max(StatusType.volgnummer)).where(StatusType.zaaktype_id == ref.zaak.zaaktype_id)
    row = (
        await session.execute(
            select(StatusType, eind.scalar_subquery()).where(
                StatusType.uuid == local_ref(url, "statustypen", "statustype", api="catalogi")
            )
        )
    ).first()
    if row is None:
        raise ValidationError.single("statustype", "bad-url", f"Het statustype {url} bestaat niet.")
    if row[0].zaaktype_id != ref.zaak.zaaktype_id:
        raise ValidationError.single(
            "nonFieldErrors", "zaaktype-mismatch", "Het statustype hoort niet bij het zaaktype van de zaak."
        )
    return row[0], row[1]


async def _gezetdoor(session: AsyncSession, url: str, ref: ZaakRef) -> Rol:
    rol = await local_object(session, url, "rollen", Rol, "gezetdoor")
    if rol.zaak_id != ref.zaak.id:
        raise ValidationError.single("gezetdoor", "zaak-mismatch", "De rol hoort niet bij deze zaak.")
    return rol


def _ensure_may_set_status(auth: AuthContext, ref: ZaakRef, is_eindstatus: bool, *, first: bool) -> None:
    """The first status comes with creating the zaak; later ones need statussen.toevoegen; reopening
    needs heropenen; a closed zaak changes otherwise only with geforceerd-bijwerken (zrc-007, zrc-008)."""
    if ref.closed:
        scopes = (GEFORCEERD_BIJWERKEN,) if is_eindstatus else (HEROPENEN, GEFORCEERD_BIJWERKEN)
    elif first:
        scopes = (AANMAKEN, STATUSSEN_TOEVOEGEN, GEFORCEERD_BIJWERKEN)
    else:
        scopes = (STATUSSEN_TOEVOEGEN, GEFORCEERD_BIJWERKEN)
    ensure_allowed(auth, ref, scopes)


async def close_zaak(session: AsyncSession, ref: ZaakRef, moment: datetime) -> None:
    """zrc-007 and zrc-021: a resultaat is required, every document has its gebruiksrecht decided,
    einddatum follows from the final status, and the archive data are derived."""
    resultaat = await session.scalar(select(Resultaat).where(Resultaat.zaak_id == ref.zaak.id))
    if resultaat is None:
        raise ValidationError.single(
            "nonFieldErrors", "resultaat-does-not-exist", "De zaak heeft nog geen resultaat; zet dat eerst."
        )
    io_urls = list(
        await session.scalars(
            select(ZaakInformatieObject.informatieobject).where(ZaakInformatieObject.zaak_id == ref.zaak.id)
        )
    )
    facts = await koppelingen.informatieobject_facts(session, io_urls)
    if any(fact.indicatie_gebruiksrecht is None for fact in facts.values()):
        raise ValidationError.single(
            "nonFieldErrors",
            "indicatiegebruiksrecht-unset",
            "Van elk informatieobject van de zaak moet indicatieGebruiksrecht bepaald zijn (true of false).",
        )
    local = moment if moment.tzinfo is None else moment.astimezone(TIMEZONE)
    ref.zaak.einddatum = local.date()
    resultaattype = await session.get_one(ResultaatType, resultaat.resultaattype_id)
    await derive(session, ref.zaak, resultaattype)


def reopen_zaak(zaak: Zaak) -> None:
    """zrc-008: a non-final status after the final one reopens the zaak and clears what closing derived."""
    zaak.einddatum = None
    zaak.archiefnominatie = None
    zaak.archiefactiedatum = None


# --- resultaten ------------------------------------------------------------------------------


async def save_resultaat(
    session: AsyncSession, auth: AuthContext, data: dict, resultaat: Resultaat | None = None, *, partial: bool = False
) -> Resultaat:
    current = (await queries.resultaat_bodies(session, [resultaat]))[0] if resultaat else None
    body = validate(ResultaatIn, merged(current or {}, data, partial))
    ref = await zaak_from_url(session, body.zaak)
    ensure_may_change(auth, ref)
    resultaattype = await local_object(
        session, body.resultaattype, "resultaattypen", ResultaatType, "resultaattype", api="catalogi"
    )
    if resultaattype.zaaktype_id != ref.zaak.zaaktype_id:
        raise ValidationError.single(
            "nonFieldErrors", "zaaktype-mismatch", "Het resultaattype hoort niet bij het zaaktype van de zaak."
        )
    if resultaat is None:
        if await session.scalar(select(exists().where(Resultaat.zaak_id == ref.zaak.id))):
            raise ValidationError.single("zaak", "unique", "Deze zaak heeft al een resultaat.")
        resultaat = Resultaat(zaak_id=ref.zaak.id)
        session.add(resultaat)
    elif resultaat.zaak_id != ref.zaak.id:
        raise ValidationError.single("zaak", "wijzigen-niet-toegelaten", "De zaak van een resultaat ligt vast.")
    resultaat.resultaattype_id = resultaattype.id
    resultaat.toelichting = body.toelichting
    await session.flush()
    record(
        session,
        auth,
        ref,
        resource="resultaat",
        resource_url=queries.url_of("resultaten", resultaat.uuid),
        actie="create" if current is None else audit.actie_of(partial),
        oud=current,
        nieuw=(await queries.resultaat_bodies(session, [resultaat]))[0],
        weergave=resultaattype.omschrijving,
    )
    return resultaat


async def delete_resultaat(session: AsyncSession, auth: AuthContext, resultaat: Resultaat) -> None:
    ref = await load(session, await session.get_one(Zaak, resultaat.zaak_id))
    ensure_may_change(auth, ref)
    current = (await queries.resultaat_bodies(session, [resultaat]))[0]
    await session.delete(resultaat)
    await session.flush()
    record(
        session,
        auth,
        ref,
        resource="resultaat",
        resource_url=current["url"],
        actie="destroy",
        oud=current,
        nieuw=None,
        weergave=current["toelichting"] or "resultaat",
    )


async def close_with_resultaat(
    session: AsyncSession, auth: AuthContext, zaak: Zaak, resultaattype_url: str, toelichting: str, moment: datetime
) -> None:
    """Set (or change) the zaak's resultaat and then its eindstatus: the zaak closes and its archive data follow."""
    zaak_url = urls.build("zaken", "zaken", zaak.uuid)
    existing = await session.scalar(select(Resultaat).where(Resultaat.zaak_id == zaak.id))
    await save_resultaat(
        session, auth, {"zaak": zaak_url, "resultaattype": resultaattype_url, "toelichting": toelichting}, existing
    )
    eindstatustype = await session.scalar(
        select(StatusType.uuid)
        .where(StatusType.zaaktype_id == zaak.zaaktype_id)
        .order_by(StatusType.volgnummer.desc())
        .limit(1)
    )
    await create_status(
        session,
        auth,
        {
            "zaak": zaak_url,
            "statustype": urls.build("catalogi", "statustypen", eindstatustype),
            "datumStatusGezet": moment.isoformat(),
            "statustoelichting": toelichting,
        },
    )
