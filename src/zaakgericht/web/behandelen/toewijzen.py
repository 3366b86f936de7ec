"""Who handles a zaak: oppakken, teruggeven and toewijzen, for one zaak, a selection or a colleague's whole
werkvoorraad (overdragen). One path for all of them, so the same rules and the same services apply.

The rules are our own (the Zaken API lets any client with ``zaken.bijwerken`` change the rollen): a
medewerker takes only a zaak without a behandelaar; only the behandelaar or a manager hands a zaak back or
gives it to someone else; the new behandelaar must be allowed to see the zaak (its zaaktype and
vertrouwelijkheid). The change itself goes through the Zaken services (``parts.delete_rol`` and
``parts.create_rol``), so the audit trail and the notifications are as through the API.
"""

from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...api import urls
from ...api.auth import AuthContext, limits_clause
from ...api.errors import ApiError, ValidationError
from ...behandeling import service as behandeling
from ...catalogi.models import RolType, ZaakType
from ...zaken import parts
from ...zaken.models import Rol, Zaak

Actie = Literal["oppakken", "teruggeven", "toewijzen"]

# Why a zaak was not changed, in words for the person (also the confirmations' codes on a redirect).
WEIGERINGEN = {
    "al-toegewezen": "Deze zaak heeft al een behandelaar; vraag die of een manager om de zaak toe te wijzen.",
    "niet-uw-zaak": "Alleen de behandelaar van de zaak of een manager kan de zaak teruggeven of toewijzen.",
    "geen-toegang": "De gekozen collega mag deze zaak niet inzien (zaaktype of vertrouwelijkheid).",
    "geen-rol": "Het zaaktype van deze zaak kent geen rol behandelaar.",
}


class Weigering(Exception):
    """One zaak that was left as it was, with the reason in words."""

    def __init__(self, code: str, tekst: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.tekst = tekst or WEIGERINGEN.get(code, "De behandelaar van deze zaak kon niet worden gewijzigd.")


async def medewerker_met_autorisaties(session: AsyncSession, gebruikersnaam: str) -> Medewerker | None:
    """The active medewerker with this gebruikersnaam, autorisaties loaded (to see what they may see)."""
    return await session.scalar(
        select(Medewerker)
        .options(selectinload(Medewerker.autorisaties))
        .where(Medewerker.gebruikersnaam == gebruikersnaam, Medewerker.actief.is_(True))
    )


async def _zichtbaar_voor(session: AsyncSession, medewerker: Medewerker, zaken: list[Zaak]) -> set[int]:
    """The ids of those zaken the medewerker may see, in one query."""
    ids = [zaak.id for zaak in zaken]
    limits = accounts.type_limits(medewerker)
    if limits is None or not ids:
        return set(ids)
    rows = await session.scalars(
        select(Zaak.id)
        .join(ZaakType, ZaakType.id == Zaak.zaaktype_id)
        .where(Zaak.id.in_(ids), limits_clause(limits, Zaak.zaaktype_id, ZaakType, Zaak.vertrouwelijkheidaanduiding))
    )
    return set(rows)


async def _behandelaar_roltypen(session: AsyncSession, zaken: list[Zaak]) -> dict[int, object]:
    """Per zaaktype id the uuid of its (first) roltype behandelaar, in one query."""
    rows = await session.execute(
        select(RolType.zaaktype_id, RolType.uuid)
        .where(
            RolType.zaaktype_id.in_({zaak.zaaktype_id for zaak in zaken}),
            RolType.omschrijving_generiek == "behandelaar",
        )
        .order_by(RolType.id.desc())
    )
    return dict(rows.all())  # the lowest id last, so it wins


def _regel_weigering(actie: Actie, zaak: Zaak, medewerker: Medewerker) -> str | None:
    """The code of the rule that keeps this medewerker from this action on this zaak, or None."""
    if actie == "oppakken":
        return "al-toegewezen" if zaak.behandelaar else None
    if zaak.behandelaar != medewerker.gebruikersnaam and "manager" not in medewerker.rollen:
        return "niet-uw-zaak"
    return None


async def wijzig_behandelaar(
    session: AsyncSession,
    auth: AuthContext,
    medewerker: Medewerker,
    zaken: list[Zaak],
    actie: Actie,
    nieuwe: Medewerker | None = None,
    *,
    notitie: str = "",
) -> dict[int, Weigering]:
    """Apply ``actie`` by ``medewerker`` to each zaak (toewijzen: to ``nieuwe``, whom the caller chose among
    those the person may give work to), with ``notitie`` in each changed dossier. Returns the refused zaken
    by id; the others are changed, all in the caller's transaction. A zaak the services refuse is rolled back
    to its savepoint, so it is left exactly as it was."""
    if actie == "oppakken":
        nieuwe = medewerker
    elif actie == "teruggeven":
        nieuwe = None
    weigeringen: dict[int, Weigering] = {}
    zichtbaar = await _zichtbaar_voor(session, nieuwe, zaken) if nieuwe is not None else set()
    roltypen = await _behandelaar_roltypen(session, zaken) if nieuwe is not None else {}
    moment = datetime.now(UTC)
    for zaak in zaken:
        code = _regel_weigering(actie, zaak, medewerker)
        if code is None and nieuwe is not None:
            if zaak.id not in zichtbaar:
                code = "geen-toegang"
            elif zaak.zaaktype_id not in roltypen:
                code = "geen-rol"
        if code is not None:
            weigeringen[zaak.id] = Weigering(code)
            continue
        try:
            async with session.begin_nested():
                await _vervang_behandelaar(session, auth, zaak, nieuwe, roltypen.get(zaak.zaaktype_id))
                if notitie:
                    await behandeling.add_notitie(session, auth, zaak, notitie, moment)
        except ApiError as exc:
            reden = exc.invalid_params[0].reason if isinstance(exc, ValidationError) and exc.invalid_params else ""
            weigeringen[zaak.id] = Weigering("niet-gelukt", reden)
    return weigeringen


async def _vervang_behandelaar(
    session: AsyncSession, auth: AuthContext, zaak: Zaak, behandelaar: Medewerker | None, roltype
) -> None:
    """Make ``behandelaar`` the zaak's only behandelaar, or leave it without one, through the Zaken services:
    each rol removed or added is in the audit trail and notified."""
    rollen = (await session.scalars(select(Rol).where(Rol.zaak_id == zaak.id, parts.is_behandelaar_rol()))).all()
    for rol in rollen:
        await parts.delete_rol(session, auth, rol)
    if behandelaar is None:
        return
    await parts.create_rol(
        session,
        auth,
        {
            "zaak": urls.build("zaken", "zaken", zaak.uuid),
            "betrokkeneType": "medewerker",
            "roltype": urls.build("catalogi", "roltypen", roltype),
            "roltoelichting": "Behandelaar",
            "betrokkeneIdentificatie": {
                "identificatie": behandelaar.gebruikersnaam,
                "achternaam": behandelaar.naam[:200],
            },
        },
    )
