"""Putting zaaktypen online, keeping a citizen's form (a concept) between its steps, and sending it.

Sending is one transaction: the zaak with its first status and initiator (``zaken.intake``), its
zaakeigenschappen, the uploaded documents, a PDF of the submitted data as a document, and the
ontvangstbevestiging e-mail with that PDF through the outbox. A refusal anywhere leaves none of it (the
caller settles ``files``). The concept row is locked while it is sent and remembers its zaak, so sending it
twice (a double click, the back button) gives the one zaak.

A citizen acts through ``aanvraag_auth``: the rights to start a zaak of this one zaaktype with documents of
the types the form uses, and nothing else; the audit trail names the BSN or KvK-nummer.
"""

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..accounts.service import MedewerkerAuth
from ..api import urls
from ..api.auth import VERTROUWELIJKHEIDAANDUIDINGEN
from ..api.errors import ValidationError
from ..burgers.service import Identiteit
from ..documenten import zaakdocumenten
from ..documenten.storage import FileChanges, StoredFile, write_stream
from ..notificaties.email import Bijlage, queue_email
from ..zaken import intake, parts
from ..zaken import service as zaken
from ..zaken.models import ZaakInformatieObject
from ..zaken.service import TIMEZONE
from . import bevestiging, pdf
from .models import FormulierConcept, OnlineFormulier
from .queries import Formulier
from .samenvatting import aanvrager, samenvatting

FORMULIER_CLIENT_ID = "zaakgericht-formulieren"
AANVRAAG_SCOPES = frozenset({"zaken.aanmaken", "zaken.bijwerken", "documenten.aanmaken"})
CONCEPT_TERMIJN = timedelta(hours=24)
KANAAL = "Internet"
GEMEENTE = "Gemeente Voorbeeldstad"


# --- beheer ----------------------------------------------------------------------------------


async def zet_online(session: AsyncSession, catalogus_id: int, identificatie: str, online: bool, intro: str) -> None:
    """Offer the zaaktype (every version of it) as a form, or no longer; ``intro`` is shown above the form."""
    row = await session.scalar(
        select(OnlineFormulier).where(
            OnlineFormulier.catalogus_id == catalogus_id, OnlineFormulier.zaaktype_identificatie == identificatie
        )
    )
    if row is None:
        row = OnlineFormulier(catalogus_id=catalogus_id, zaaktype_identificatie=identificatie)
        session.add(row)
    row.online = online
    row.intro = intro


# --- concepts --------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _van(identiteit: Identiteit):
    if identiteit.bsn:
        return FormulierConcept.bsn == identiteit.bsn
    return FormulierConcept.kvk_nummer == identiteit.kvk_nummer


async def nieuw_concept(
    session: AsyncSession,
    identiteit: Identiteit,
    formulier: Formulier,
    bekend: dict,
    moment: datetime,
    files: FileChanges,
) -> str:
    """Start a form for the person, prefilled with ``bekend`` (``prefill.prefill``); returns its token.

    Expired concepts go on the way, with the files of those never sent (``files`` removes them after commit).
    """
    for verlopen in await session.scalars(select(FormulierConcept).where(FormulierConcept.verloopt <= moment)):
        if verlopen.zaak_uuid is None:
            files.remove_later(*(bestand["key"] for bestand in verlopen.bestanden.values()))
    await session.execute(delete(FormulierConcept).where(FormulierConcept.verloopt <= moment))
    token = secrets.token_urlsafe(32)
    session.add(
        FormulierConcept(
            token_hash=_token_hash(token),
            bsn=identiteit.bsn,
            kvk_nummer=identiteit.kvk_nummer,
            formulier_id=formulier.id,
            antwoorden={
                "aanvrager": {key: bekend.get(key, "") for key in ("bsn", "kvk_nummer", "naam")},
                "emailadres": bekend.get("emailadres", ""),
                "telefoonnummer": bekend.get("telefoonnummer", ""),
            },
            bestanden={},
            aangemaakt=moment,
            verloopt=moment + CONCEPT_TERMIJN,
        )
    )
    return token


async def concept(
    session: AsyncSession, identiteit: Identiteit, token: str, moment: datetime, *, for_update: bool = False
) -> FormulierConcept | None:
    """The person's unexpired concept with this token; None for anyone else's (or none at all)."""
    statement = select(FormulierConcept).where(
        FormulierConcept.token_hash == _token_hash(token), FormulierConcept.verloopt > moment, _van(identiteit)
    )
    if for_update:
        statement = statement.with_for_update()
    return await session.scalar(statement)


def bewaar_antwoorden(row: FormulierConcept, antwoorden: dict) -> None:
    """Merge a step's answers into the concept (a new dict, so the JSON column sees the change)."""
    row.antwoorden = {**row.antwoorden, **antwoorden}


def bewaar_bestanden(row: FormulierConcept, nieuw: dict[str, dict], weg: set[str], files: FileChanges) -> None:
    """Put stored files in the concept per document type, replacing or removing earlier ones."""
    bestanden = dict(row.bestanden)
    for omschrijving in weg | set(nieuw):
        if omschrijving in bestanden:
            files.remove_later(bestanden.pop(omschrijving)["key"])
    row.bestanden = {**bestanden, **nieuw}


# --- sending ---------------------------------------------------------------------------------


def aanvraag_auth(identiteit: Identiteit, zaaktype_url: str, informatieobjecttype_urls: list[str]) -> MedewerkerAuth:
    hoogste = len(VERTROUWELIJKHEIDAANDUIDINGEN) - 1
    return MedewerkerAuth(
        client_id=FORMULIER_CLIENT_ID,
        applicatie_label="Zaakgericht (e-formulieren)",
        heeft_alle_autorisaties=False,
        user_id=identiteit.nummer,
        user_representation=identiteit.weergave,
        scopes=AANVRAAG_SCOPES,
        limits={"zrc": {zaaktype_url: hoogste}, "drc": dict.fromkeys(informatieobjecttype_urls, hoogste), "brc": {}},
    )


def _stored(bestand: dict) -> StoredFile:
    return StoredFile(key=bestand["key"], size=bestand["size"], sha256=bestand["sha256"])


async def indienen(
    session: AsyncSession,
    identiteit: Identiteit,
    token: str,
    formulier: Formulier,
    files: FileChanges,
    moment: datetime,
) -> uuid.UUID | None:
    """Send the person's concept: the zaak it makes (the same one when it was sent before); None when the
    concept is not theirs or expired. Raises the services' ValidationError when anything is refused."""
    row = await concept(session, identiteit, token, moment, for_update=True)
    if row is None:
        return None
    if row.zaak_uuid is not None:
        return row.zaak_uuid
    antwoorden, today = row.antwoorden, moment.astimezone(TIMEZONE).date()
    zaaktype_url = urls.build("catalogi", "zaaktypen", formulier.zaaktype.uuid)
    typen = {bijlage.documenttype.omschrijving: bijlage.documenttype for bijlage in formulier.bijlagen}
    type_urls = [urls.build("catalogi", "informatieobjecttypen", type_.uuid) for type_ in typen.values()]
    if formulier.pdf_type is not None:
        type_urls.append(urls.build("catalogi", "informatieobjecttypen", formulier.pdf_type.uuid))
    auth = aanvraag_auth(identiteit, zaaktype_url, type_urls)

    def document(type_uuid: uuid.UUID, inhoud: StoredFile, bestandsnaam: str, formaat: str, titel: str):
        return zaakdocumenten.NieuwDocument(
            inhoud=inhoud,
            bestandsnaam=bestandsnaam,
            formaat=formaat,
            titel=titel[:200],
            informatieobjecttype=urls.build("catalogi", "informatieobjecttypen", type_uuid),
            vertrouwelijkheidaanduiding="zaakvertrouwelijk",  # about the person: never more open
            auteur=identiteit.weergave[:200],
            bronorganisatie=formulier.rsin,
            creatiedatum=today,
            ontvangstdatum=today,
        )

    bijlagen = [
        document(typen[omschrijving].uuid, _stored(bestand), bestand["bestandsnaam"], bestand["formaat"], omschrijving)
        for omschrijving, bestand in row.bestanden.items()
        if omschrijving in typen
    ]
    gegevens = antwoorden.get("aanvrager", {})
    initiator = intake.Initiator(
        bsn=identiteit.bsn or "",
        kvk_nummer=identiteit.kvk_nummer or "",
        naam=gegevens.get("naam", ""),
        emailadres=antwoorden.get("emailadres", ""),
        telefoonnummer=antwoorden.get("telefoonnummer", ""),
    )
    zaak = await intake.start_zaak(
        session,
        auth,
        {
            "bronorganisatie": formulier.rsin,
            "verantwoordelijkeOrganisatie": formulier.rsin,
            "zaaktype": zaaktype_url,
            "omschrijving": antwoorden.get("omschrijving", ""),
            "toelichting": antwoorden.get("toelichting", ""),
            "startdatum": today.isoformat(),
            "kenmerken": [{"kenmerk": KANAAL, "bron": "Binnengekomen via"}],
        },
        initiator=initiator,
        moment=moment,
        documenten=bijlagen,
        files=files,
        eigen_bevestiging=True,
    )
    await _eigenschappen(session, auth, zaak, formulier, antwoorden.get("eigenschappen", {}))
    onderdelen = samenvatting(formulier, antwoorden, row.bestanden)
    titel = f"Aanvraag {formulier.zaaktype.omschrijving}"
    inhoud = pdf.aanvraag_pdf(
        titel=titel, zaaknummer=zaak.identificatie, gemeente=GEMEENTE, ingediend=moment, onderdelen=onderdelen
    )
    bestandsnaam = f"aanvraag-{zaak.identificatie}.pdf"
    if formulier.pdf_type is not None:
        stored = files.add(await write_stream(files.storage, _een(inhoud)))
        nieuw = document(formulier.pdf_type.uuid, stored, bestandsnaam, "application/pdf", titel)
        await zaakdocumenten.add_to_zaak(session, auth, await zaken.load(session, zaak), nieuw, files)
    onderwerp, tekst, html = bevestiging.email(
        zaak, formulier.zaaktype, aanvrager(antwoorden), gegevens.get("naam", ""), moment
    )
    queue_email(
        session,
        aan=antwoorden.get("emailadres", ""),
        onderwerp=onderwerp,
        tekst=tekst,
        html=html,
        bijlagen=[Bijlage(bestandsnaam, "application/pdf", inhoud)],
        ordering_key=urls.build("zaken", "zaken", zaak.uuid),
    )
    # Everything on the zaak so far is the person's own: they see it in Mijn zaken.
    await session.execute(
        update(ZaakInformatieObject)
        .where(ZaakInformatieObject.zaak_id == zaak.id)
        .values(zichtbaar_voor_betrokkene=True)
    )
    row.zaak_uuid = zaak.uuid
    return zaak.uuid


async def _een(inhoud: bytes):
    yield inhoud


async def _eigenschappen(session: AsyncSession, auth, zaak, formulier: Formulier, waarden: dict) -> None:
    """The zaakeigenschappen of the answers; an objection names the eigenschap."""
    for eigenschap in formulier.eigenschappen:
        for waarde in waarden.get(str(eigenschap.uuid), []):
            data = {
                "zaak": urls.build("zaken", "zaken", zaak.uuid),
                "eigenschap": urls.build("catalogi", "eigenschappen", eigenschap.uuid),
                "waarde": waarde,
            }
            try:
                # The Zaken API stores any waarde; the form holds it to the eigenschap's specificatie.
                if objections := parts.waarde_errors(eigenschap, waarde):
                    raise ValidationError(objections)
                await parts.save_zaakeigenschap(session, auth, zaak.uuid, data)
            except ValidationError as exc:
                reden = "; ".join(param.reason for param in exc.invalid_params)
                raise ValidationError.single(
                    f"eigenschap-{eigenschap.uuid}", "invalid", f"{eigenschap.naam}: {reden}"
                ) from None
