"""Reads of the Notificaties API: kanalen and abonnementen as JSON bodies."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..api import urls
from .models import Abonnement, AbonnementKanaal, Kanaal


def kanaal_body(kanaal: Kanaal) -> dict:
    body = {
        "url": urls.build("notificaties", "kanaal", kanaal.uuid),
        "naam": kanaal.naam,
        "filters": kanaal.filters,
    }
    if kanaal.documentatie_link:
        body["documentatieLink"] = kanaal.documentatie_link
    return body


async def abonnement_bodies(session: AsyncSession, abonnementen: Sequence[Abonnement]) -> list[dict]:
    groups: dict[int, list[dict]] = defaultdict(list)
    if abonnementen:
        rows = await session.execute(
            select(AbonnementKanaal.abonnement_id, Kanaal.naam, AbonnementKanaal.filters)
            .join(Kanaal, Kanaal.id == AbonnementKanaal.kanaal_id)
            .where(AbonnementKanaal.abonnement_id.in_([a.id for a in abonnementen]))
            .order_by(AbonnementKanaal.id)
        )
        for abonnement_id, naam, filters in rows.all():
            groups[abonnement_id].append({"naam": naam, "filters": filters or {}})
    return [
        {
            "url": urls.build("notificaties", "abonnement", a.uuid),
            "callbackUrl": a.callback_url,
            "auth": a.auth,
            "kanalen": groups[a.id],
        }
        for a in abonnementen
    ]
