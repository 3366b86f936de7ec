"""What a citizen or company does on their own zaak in the PIP: add a document, send the behandelaar a message.

Each action first finds the zaak among the person's own (``service.eigen_zaak``, as a betrokkene): any
other zaak is a NotFound, whatever its address. Then it acts through the Documenten, Zaken and behandeling
services with ``service.auth_context`` for that zaak, so the checks (an open zaak only), the audit trail
and the notifications are as for anyone else. Both work in the caller's transaction.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from ..api.errors import NotFound, PermissionDenied, ValidationError
from ..behandeling import service as behandeling
from ..documenten import dossier as documenten
from ..documenten import zaakdocumenten
from ..documenten.storage import FileChanges, StoredFile
from ..signalen import service as signalen
from ..zaken import service as zaken
from ..zaken.models import Zaak, ZaakInformatieObject
from .service import Identiteit, auth_context, eigen_zaak

# A citizen's document is about them: never more open than this, whatever the type's default.
VERTROUWELIJKHEID = "zaakvertrouwelijk"
AFGESLOTEN = "Deze zaak is afgehandeld. U kunt er niets meer aan toevoegen."


async def _open_zaak(session: AsyncSession, identiteit: Identiteit, zaak_uuid: uuid.UUID) -> tuple[Zaak, str]:
    """The person's open zaak and its zaaktype's URL; NotFound for any other, PermissionDenied once closed."""
    found = await eigen_zaak(session, identiteit, zaak_uuid)
    if found is None:
        raise NotFound()
    if found[0].einddatum is not None:
        raise PermissionDenied(AFGESLOTEN)
    return found


async def inkomend_type(session: AsyncSession, zaak_uuid: uuid.UUID, today: date) -> str:
    """The URL of the first informatieobjecttype the zaaktype names as inkomend; "" when it names none."""
    typen = await documenten.documenttypen_van_zaak(session, zaak_uuid, today)
    inkomend = [type_ for type_ in typen if type_.richting == "inkomend"]
    return urls.build("catalogi", "informatieobjecttypen", inkomend[0].uuid) if inkomend else ""


async def document_toevoegen(
    session: AsyncSession,
    identiteit: Identiteit,
    zaak_uuid: uuid.UUID,
    *,
    inhoud: StoredFile,
    bestandsnaam: str,
    formaat: str,
    titel: str,
    files: FileChanges,
    today: date,
) -> None:
    """Add the person's file to their open zaak as a document received today, of the zaaktype's first
    inkomend type. They may see it themselves afterwards (marked for the betrokkenen)."""
    zaak, zaaktype_url = await _open_zaak(session, identiteit, zaak_uuid)
    type_url = await inkomend_type(session, zaak_uuid, today)
    if not type_url:
        raise ValidationError.single(
            "bestand", "no_type", "Bij deze zaak kunt u geen documenten toevoegen. Neem contact op met de gemeente."
        )
    auth = auth_context(identiteit, zaaktype_url, (type_url,))
    nieuw = zaakdocumenten.NieuwDocument(
        inhoud=inhoud,
        bestandsnaam=bestandsnaam,
        formaat=formaat,
        titel=titel,
        informatieobjecttype=type_url,
        vertrouwelijkheidaanduiding=VERTROUWELIJKHEID,
        auteur=identiteit.weergave[:200],
        bronorganisatie=zaak.bronorganisatie,
        creatiedatum=today,
        ontvangstdatum=today,
    )
    document = await zaakdocumenten.add_to_zaak(session, auth, await zaken.load(session, zaak), nieuw, files)
    await session.execute(
        update(ZaakInformatieObject)
        .where(ZaakInformatieObject.zaak_id == zaak.id, ZaakInformatieObject.informatieobject == document.url)
        .values(zichtbaar_voor_betrokkene=True)
    )
    signalen.document_toegevoegd(session, zaak, auth.user_id, titel)


async def bericht_sturen(
    session: AsyncSession, identiteit: Identiteit, zaak_uuid: uuid.UUID, onderwerp: str, tekst: str, moment: datetime
) -> None:
    """A message from the person to whoever handles their open zaak (a taak of soort bericht)."""
    zaak, zaaktype_url = await _open_zaak(session, identiteit, zaak_uuid)
    await behandeling.create_bericht(session, auth_context(identiteit, zaaktype_url), zaak, onderwerp, tekst, moment)
