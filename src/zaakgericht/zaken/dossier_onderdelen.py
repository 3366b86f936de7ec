"""Reads for the zaakdossier's sections on the parts of a zaak: its eigenschappen.

Each function costs one or two queries whatever the number of rows.
"""

from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..catalogi.models import Eigenschap, ZaakType
from .models import Zaak, ZaakEigenschap


async def zaak_met_type(session: AsyncSession, zaak_uuid: UUID) -> tuple[Zaak, ZaakType] | None:
    row = (
        await session.execute(
            select(Zaak, ZaakType).join(ZaakType, ZaakType.id == Zaak.zaaktype_id).where(Zaak.uuid == zaak_uuid)
        )
    ).first()
    return (row[0], row[1]) if row else None


# --- eigenschappen ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EigenschapWaarden:
    """An eigenschap of the zaaktype with the zaak's values of it (its zaakeigenschappen, oldest first)."""

    eigenschap: Eigenschap
    waarden: list[ZaakEigenschap] = field(default_factory=list)

    @property
    def maximum(self) -> int | None:
        """How many values the eigenschap takes: its kardinaliteit as a number, None for any number ("N")."""
        kardinaliteit = self.eigenschap.specificatie_kardinaliteit.strip()
        return int(kardinaliteit) if kardinaliteit.isdigit() and int(kardinaliteit) > 0 else None


async def eigenschappen(session: AsyncSession, zaak: Zaak) -> list[EigenschapWaarden]:
    """The eigenschappen of the zaak's zaaktype in the catalogue's order, each with the zaak's values."""
    gevonden = [
        EigenschapWaarden(eigenschap)
        for eigenschap in await session.scalars(
            select(Eigenschap).where(Eigenschap.zaaktype_id == zaak.zaaktype_id).order_by(Eigenschap.id)
        )
    ]
    if not gevonden:
        return []
    per_eigenschap = {item.eigenschap.id: item.waarden for item in gevonden}
    for zaakeigenschap in await session.scalars(
        select(ZaakEigenschap).where(ZaakEigenschap.zaak_id == zaak.id).order_by(ZaakEigenschap.id)
    ):
        per_eigenschap.get(zaakeigenschap.eigenschap_id, []).append(zaakeigenschap)
    return gevonden
