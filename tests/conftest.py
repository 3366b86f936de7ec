"""Shared fixtures: a migrated database (SQLite, or PostgreSQL via TEST_DATABASE_URL),
an ASGI client, API clients with tokens, and a counter of SQL queries."""

import asyncio
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import event, text

_tmp = Path(tempfile.mkdtemp(prefix="zaakgericht-tests-"))
os.environ["ZAAKGERICHT_DATA_DIR"] = str(_tmp)
os.environ["ZAAKGERICHT_DATABASE_URL"] = os.environ.get(
    "TEST_DATABASE_URL", f"sqlite+aiosqlite:///{_tmp / 'test.sqlite3'}"
)
os.environ.pop("ZAAKGERICHT_BASE_URL", None)
# The tests' other installations and subscribers are real servers on 127.0.0.1 (any port); the tests of the
# policy itself narrow these lists (tests/api/test_outgoing.py).
os.environ["ZAAKGERICHT_REMOTE_HOSTS"] = "127.0.0.1"
os.environ["ZAAKGERICHT_CALLBACK_HOSTS"] = "127.0.0.1, ontvanger.nl"

from zaakgericht import db  # noqa: E402
from zaakgericht.api.auth import make_token  # noqa: E402
from zaakgericht.api.remote import clear_cache  # noqa: E402
from zaakgericht.app import create_app  # noqa: E402
from zaakgericht.autorisaties import service as autorisaties_service  # noqa: E402
from zaakgericht.migrations import upgrade  # noqa: E402
from zaakgericht.models import load_all_models  # noqa: E402
from zaakgericht.notificaties.service import ensure_own_kanalen  # noqa: E402
from zaakgericht.settings import get_settings  # noqa: E402

BASE = "http://testserver"
DATABASE_URL = os.environ["ZAAKGERICHT_DATABASE_URL"]
IS_POSTGRES = DATABASE_URL.startswith("postgresql")


async def _drop_everything() -> None:
    engine = db.create_engine(DATABASE_URL)
    async with engine.begin() as connection:
        if IS_POSTGRES:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def migrated_database():
    """A fresh database, brought to the newest schema by the real migrations."""
    get_settings.cache_clear()
    load_all_models()
    asyncio.run(_drop_everything())
    upgrade(DATABASE_URL)
    yield


@pytest.fixture(autouse=True)
async def clean_tables():
    yield
    await empty_database()


async def empty_database() -> None:
    """Every table emptied, the own kanalen back and the remote cache cleared: as a fresh install."""
    tables = [table.name for table in reversed(db.Base.metadata.sorted_tables)]
    async with db.get_engine().begin() as connection:
        if IS_POSTGRES:
            await connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                await connection.execute(text(f"DELETE FROM {table}"))
    async with db.write_session() as session:
        await ensure_own_kanalen(session)
    clear_cache()


@pytest.fixture(scope="session")
def app():
    return create_app()


@pytest.fixture
async def client(app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as client:
        yield client


async def make_api_client(client_id: str, *, alle: bool = False, scopes: list[str] | None = None, **limits) -> dict:
    """Creates an applicatie and returns Authorization headers for it."""
    secret = f"{client_id}-secret"
    await autorisaties_service.create_applicatie_with_secret(
        client_id=client_id,
        secret=secret,
        label=client_id,
        heeft_alle_autorisaties=alle,
        autorisaties=autorisaties_service.autorisaties_for_scopes(
            scopes or [],
            zaaktypen=limits.get("zaaktypen", []),
            informatieobjecttypen=limits.get("informatieobjecttypen", []),
            besluittypen=limits.get("besluittypen", []),
            max_vertrouwelijkheidaanduiding=limits.get("max_vertrouwelijkheidaanduiding", "zeer_geheim"),
        ),
    )
    return {"Authorization": f"Bearer {make_token(client_id, secret)}"}


@pytest.fixture
async def superuser():
    return await make_api_client("superuser", alle=True)


@contextmanager
def count_queries():
    """Counts the SQL statements executed inside the block: ``with count_queries() as counted: ...; counted[0]``."""
    counted = [0]

    def count(*_args, **_kwargs):
        counted[0] += 1

    engine = db.get_engine().sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.fixture(scope="session")
def live_server():
    """This application served over real HTTP on 127.0.0.1, as "another installation" for remote URLs."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the live server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
