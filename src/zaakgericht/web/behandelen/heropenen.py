"""Reopening a closed zaak from its dossier: the status to go back to and the reason, then a confirmation.

In ZGW a zaak is reopened by giving it a status that is not the eindstatus (zrc-008), which needs the scope
``zaken.heropenen``; in the web application the manager has it (``accounts.ROL_SCOPES``). The Zaken service
then clears the einddatum, the archiefnominatie and the archiefactiedatum; the resultaat stays, as the standard
says, until the zaak is closed again. The reason is the new status's statustoelichting, so the Geschiedenis
shows it. One path with the API: ``zaken.create_status``.
"""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from sqlalchemy import select
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api import urls
from ...api.errors import InvalidParam, ValidationError
from ...catalogi.models import StatusType
from ...zaken import service as zaken
from ..layout.security import Forbidden
from . import bevestigen
from .dossier_page import Behandelaar, act, parse_uuid

router = APIRouter()

VELDEN = ("statustype", "toelichting")


def mag_heropenen(medewerker: Medewerker) -> bool:
    return accounts.auth_context(medewerker).has_scope(zaken.HEROPENEN)


def _fouten(waarden: dict[str, str]) -> dict[str, str]:
    fouten = {}
    if parse_uuid(waarden["statustype"]) is None:
        fouten["statustype"] = "Kies de status waarmee de zaak weer verdergaat."
    if not waarden["toelichting"]:
        fouten["toelichting"] = "Vul de reden in waarom de zaak weer opengaat."
    elif len(waarden["toelichting"]) > 1000:
        fouten["toelichting"] = "Een reden heeft hoogstens 1000 tekens."
    return fouten


def _bezwaren(exc: ValidationError) -> ValidationError:
    """The service's objections to the statustype (of another zaaktype, unknown) as a choice from the list."""
    return ValidationError(
        [
            InvalidParam("statustype", param.code, "Kies een van de statussen uit de lijst.")
            if param.name == "statustype" or param.code == "zaaktype-mismatch"
            else param
            for param in exc.invalid_params
        ]
    )


@router.post("/zaakdossier/{zaak_uuid}/heropenen")
async def heropenen(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Reopen the closed zaak at the chosen status, with the reason; first the confirmation page."""
    if not mag_heropenen(medewerker):
        raise Forbidden("Alleen een manager kan een afgesloten zaak heropenen.")
    form = await request.form()
    waarden = {
        "formulier": "heropenen",
        "statustype": str(form.get("statustype", "")),
        "toelichting": str(form.get("toelichting", "")).strip(),
    }
    fouten = _fouten(waarden)

    async def change(session, auth, zaak) -> None:
        # Our own rules before the standard's: only a closed zaak, and not to its eindstatus (with the scope
        # geforceerd-bijwerken the API would take that as a new eindstatus).
        if zaak.einddatum is None:
            raise ValidationError.single(
                "formulier", "zaak-open", "De zaak is niet afgesloten; heropenen is niet nodig."
            )
        eindstatus = await session.scalar(
            select(StatusType.uuid)
            .where(StatusType.zaaktype_id == zaak.zaaktype_id)
            .order_by(StatusType.volgnummer.desc())
            .limit(1)
        )
        if str(eindstatus) == waarden["statustype"]:
            raise ValidationError.single(
                "statustype",
                "eindstatus",
                "Kies een status voor de eindstatus; met de eindstatus blijft de zaak afgesloten.",
            )
        try:
            await zaken.create_status(
                session,
                auth,
                {
                    "zaak": urls.build("zaken", "zaken", zaak.uuid),
                    "statustype": urls.build("catalogi", "statustypen", waarden["statustype"]),
                    "datumStatusGezet": datetime.now(UTC).isoformat(),
                    "statustoelichting": waarden["toelichting"],
                },
            )
        except ValidationError as exc:
            raise _bezwaren(exc) from None

    if not fouten and not bevestigen.bevestigd(form):
        proef = await bevestigen.proef(medewerker, zaak_uuid, change, VELDEN)
        if not proef.fouten:
            return await _bevestigen(request, medewerker, zaak_uuid, waarden, proef)
        fouten = proef.fouten
    return await act(request, medewerker, zaak_uuid, fouten, waarden, VELDEN, change, "heropend")


async def _bevestigen(
    request: Request, medewerker: Medewerker, zaak_uuid: uuid.UUID, waarden: dict[str, str], proef: bevestigen.Proef
) -> Response:
    """ "Weet u zeker dat u zaak ... wilt heropenen?", with the status, what is cleared and the reason."""
    found, today = await bevestigen.te_bevestigen(medewerker, zaak_uuid)
    status = {str(value): label for value, label in found.statustypen}.get(waarden["statustype"], "")
    gevolgen = [
        f"De zaak krijgt weer de status '{status}' en is dan weer open.",
        "De einddatum en de archiefgegevens (archiefnominatie en archiefactiedatum) vervallen; het resultaat "
        "blijft staan tot de zaak opnieuw wordt afgesloten.",
        f"De reden komt in de geschiedenis van de zaak: {waarden['toelichting']}",
    ]
    if proef.emails:
        gevolgen.append("De aanvrager krijgt een e-mail over de nieuwe status.")
    return bevestigen.bevestigpagina(
        request,
        titel=f"Zaak {found.identificatie} heropenen",
        vraag=f"Weet u zeker dat u zaak {found.identificatie} wilt heropenen?",
        gevolgen=gevolgen,
        action=f"/zaakdossier/{zaak_uuid}/heropenen",
        knop="Ja, zaak heropenen",
        velden={"statustype": waarden["statustype"], "toelichting": waarden["toelichting"]},
        terug=(f"/zaakdossier/{zaak_uuid}#heropenen", "Nee, terug naar de zaak"),
        kruimelpad=bevestigen.kruimels(found.identificatie, zaak_uuid, ("Heropenen", None)),
    )
