"""Alembic migrations: one history for SQLite and PostgreSQL."""

import asyncio
from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import AsyncSession

from ..settings import get_settings


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("zaakgericht.migrations")))
    config.set_main_option("sqlalchemy.url", url or get_settings().sqlalchemy_url)
    return config


def upgrade(url: str | None = None) -> None:
    """Bring the database to the newest schema (creates it when empty)."""
    settings = get_settings()
    if (url or settings.sqlalchemy_url).startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), "head")
    asyncio.run(_seed(url or settings.sqlalchemy_url))
    asyncio.run(_fill_search_index(url or settings.sqlalchemy_url))


async def _seed(url: str) -> None:
    """Data every installation starts with: the kanalen of our own APIs."""
    from ..db import create_engine
    from ..notificaties.service import ensure_own_kanalen

    engine = create_engine(url)
    try:
        async with AsyncSession(engine) as session, session.begin():
            await ensure_own_kanalen(session)
    finally:
        await engine.dispose()


async def _fill_search_index(url: str) -> None:
    """An empty search index over existing zaken (just after migration 0015) is built here, by the code that
    keeps it in step; an index that has rows is left as it is."""
    from sqlalchemy import exists, select

    from ..db import create_engine
    from ..zaken.models import Zaak
    from ..zoeken import index
    from ..zoeken.models import ZoekIndex

    engine = create_engine(url)
    try:
        async with AsyncSession(engine) as session, session.begin():
            if await session.scalar(select(exists().where(Zaak.id.isnot(None)))) and not await session.scalar(
                select(exists().where(ZoekIndex.id.isnot(None)))
            ):
                await index.rebuild(session)
    finally:
        await engine.dispose()
