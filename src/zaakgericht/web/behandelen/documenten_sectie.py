"""The zaakdossier's Documenten section: the zaak's documents and what adding one offers."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...documenten import dossier as documenten
from ...settings import get_settings
from ...zaken.service import TIMEZONE
from ..layout.uploads import leesbare_omvang
from .dossier_queries import Dossier


async def documenten_sectie(session: AsyncSession, medewerker: Medewerker, zaak: Dossier) -> dict:
    """The template variables of the dossier's Documenten section."""
    auth = await accounts.documenten_auth_context(session, medewerker)
    mag_toevoegen = (
        zaak.einddatum is None and "behandelaar" in medewerker.rollen and auth.has_scope("documenten.aanmaken")
    )
    today = datetime.now(TIMEZONE).date()
    return {
        "zaakdocumenten": await documenten.zaak_documenten(session, auth, zaak.uuid),
        "mag_documenten_toevoegen": mag_toevoegen,
        "documenttypen": await documenten.documenttypen_van_zaak(session, zaak.uuid, today) if mag_toevoegen else [],
        "omvang": leesbare_omvang,
        "max_upload": leesbare_omvang(get_settings().web_max_upload_bytes),
    }
