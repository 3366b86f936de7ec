"""The zaakdossier's forms on the parts of a zaak: its eigenschappen. Each runs through the domain services in
one transaction (``act``), so the checks, audit trail and notifications are those of the APIs."""

import uuid

from fastapi import APIRouter, Request
from starlette.responses import Response

from ...api import urls
from ...api.errors import InvalidParam, ValidationError
from ...zaken import dossier_onderdelen, parts
from .dossier_page import Behandelaar, act, parse_uuid
from .onderdelen import (
    ONLEESBAAR,
    invoerwaarde,
    opslagwaarde,
    sleutel,
    veldformaat,
)

router = APIRouter()


def _hernoemd(exc: ValidationError, namen: dict[str, str]) -> ValidationError:
    """The service's objections with the names of the form's fields (``namen``: the service's name -> ours)."""
    return ValidationError([InvalidParam(namen.get(p.name, p.name), p.code, p.reason) for p in exc.invalid_params])


# --- eigenschappen ---------------------------------------------------------------------------


def _ongewijzigd(formaat: str, invoer: str, opgeslagen: str) -> bool:
    """Whether a field still holds the stored value (a date field may write it differently)."""
    if invoer == invoerwaarde(formaat, opgeslagen):
        return True
    nieuw = opslagwaarde(formaat, invoer)
    return nieuw is not None and nieuw == opslagwaarde(formaat, invoerwaarde(formaat, opgeslagen))


def _eigenschap_wijzigingen(item: dossier_onderdelen.EigenschapWaarden, ingevuld: list[str]) -> tuple[list, list]:
    """What the fields of one eigenschap change: (field name, zaakeigenschap or None, new value or None to
    remove it) per changed field, and the objections to the values (the Zaken service's ``waarde_errors``)."""
    eigenschap = item.eigenschap
    formaat = veldformaat(eigenschap)
    wijzigingen, fouten = [], []
    for index, invoer in enumerate(ingevuld):
        naam = sleutel(eigenschap.uuid, index)
        huidige = item.waarden[index] if index < len(item.waarden) else None
        if huidige is not None and _ongewijzigd(formaat, invoer, huidige.waarde):
            continue
        if not invoer:
            if huidige is not None:
                wijzigingen.append((naam, huidige, None))
            continue
        if item.maximum is not None and index >= item.maximum:
            fouten.append(InvalidParam(naam, "max", f"Deze eigenschap heeft hoogstens {item.maximum} waarden."))
            continue
        waarde = opslagwaarde(formaat, invoer)
        if waarde is None:
            fouten.append(InvalidParam(naam, "invalid", ONLEESBAAR[formaat]))
            continue
        fouten += [InvalidParam(naam, p.code, p.reason) for p in parts.waarde_errors(eigenschap, waarde)]
        wijzigingen.append((naam, huidige, waarde))
    return wijzigingen, fouten


async def _eigenschappen_opslaan(session, auth, zaak, ingevuld: dict[uuid.UUID, list[str]]) -> None:
    """Create, change and remove (an emptied field) the zaak's zaakeigenschappen; all or nothing."""
    wijzigingen, fouten = [], []
    for item in await dossier_onderdelen.eigenschappen(session, zaak):
        if item.eigenschap.uuid in ingevuld:
            eigen_wijzigingen, eigen_fouten = _eigenschap_wijzigingen(item, ingevuld[item.eigenschap.uuid])
            wijzigingen += [(item, *wijziging) for wijziging in eigen_wijzigingen]
            fouten += eigen_fouten
    if fouten:
        raise ValidationError(fouten)
    for item, naam, huidige, waarde in wijzigingen:
        try:
            if waarde is None:
                await parts.delete_zaakeigenschap(session, auth, huidige)
            elif huidige is None:
                data = {
                    "zaak": urls.build("zaken", "zaken", zaak.uuid),
                    "eigenschap": urls.build("catalogi", "eigenschappen", item.eigenschap.uuid),
                    "waarde": waarde,
                }
                await parts.save_zaakeigenschap(session, auth, zaak.uuid, data)
            else:
                await parts.save_zaakeigenschap(session, auth, zaak.uuid, {"waarde": waarde}, huidige, partial=True)
        except ValidationError as exc:
            raise _hernoemd(exc, {"waarde": naam}) from None


@router.post("/zaakdossier/{zaak_uuid}/eigenschappen")
async def eigenschappen_opslaan(request: Request, zaak_uuid: uuid.UUID, medewerker: Behandelaar) -> Response:
    """Every field of an eigenschap is named ``eigenschap-<uuid>``, one per value, in the order of the values."""
    form = await request.form()
    ingevuld = {
        eigenschap_uuid: [str(value).strip() for value in form.getlist(name)]
        for name in form.keys()
        if name.startswith("eigenschap-") and (eigenschap_uuid := parse_uuid(name.removeprefix("eigenschap-")))
    }
    waarden = {
        sleutel(eigenschap_uuid, index): value
        for eigenschap_uuid, values in ingevuld.items()
        for index, value in enumerate(values)
    }

    async def change(session, auth, zaak) -> None:
        await _eigenschappen_opslaan(session, auth, zaak, ingevuld)

    velden = tuple(waarden)
    waarden["formulier"] = "eigenschappen"
    return await act(request, medewerker, zaak_uuid, {}, waarden, velden, change, "eigenschappen-opgeslagen")
