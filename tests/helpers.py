"""Small helpers shared by the tests."""

import os
import subprocess
import sys

from sqlalchemy import select

from zaakgericht import db
from zaakgericht.notificaties.models import OutboxMessage


async def outbox_payloads() -> list[dict]:
    async with db.read_session() as session:
        return [row.payload for row in (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()]


def invalid_params(response) -> dict[str, str]:
    """``{name: code}`` of a 400 response."""
    return {param["name"]: param["code"] for param in response.json()["invalidParams"]}


def zaakgericht(*args: str) -> subprocess.CompletedProcess:
    """Runs the ``zaakgericht`` command as an operator would, against the test database."""
    return subprocess.run(
        [sys.executable, "-c", "from zaakgericht.cli import app; app()", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
