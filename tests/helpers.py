"""Small helpers shared by the API tests."""

from sqlalchemy import select

from zaakgericht import db
from zaakgericht.notificaties.models import OutboxMessage


async def outbox_payloads() -> list[dict]:
    async with db.read_session() as session:
        return [row.payload for row in (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()]


def invalid_params(response) -> dict[str, str]:
    """``{name: code}`` of a 400 response."""
    return {param["name"]: param["code"] for param in response.json()["invalidParams"]}
