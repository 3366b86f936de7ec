"""Database engine, sessions, the declarative Base and the id/uuid mixin.

Read-only work takes a read session and writes a write session, so read traffic
can later move to a replica without touching the code that uses them.
"""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from uuid import UUID, uuid4

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, TypeDecorator, Uuid, event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .settings import get_settings

# Explicit constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY columns.
IntPK = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator):
    """A moment, stored in UTC and read back aware. SQLite keeps no offset: without this, a moment given
    as 09:00+01:00 would be stored as 09:00 and read back as 09:00 UTC, an hour off."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    """An integer primary key for joins and a public uuid for URLs."""

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True, default=uuid4)


_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None
_read_sessionmaker: async_sessionmaker[AsyncSession] | None = None


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # Transactions are begun by us (below), not by the driver before the first write.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_sqlite_begin(connection) -> None:
    """A write transaction takes SQLite's write lock at once, so what it read stays true until it commits.

    (The driver would only begin before the first write, letting two transactions both
    read a row as free and then both claim it.) Read sessions run in autocommit mode.
    """
    if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _json_serializer(value) -> str:
    # Unescaped text keeps JSON lists searchable with LIKE (see catalogi.queries.json_contains).
    return json.dumps(value, ensure_ascii=False)


def create_engine(url: str) -> AsyncEngine:
    # hide_parameters: SQL errors and echoed statements never show the values (BSNs) in logs.
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url, connect_args={"timeout": 30}, json_serializer=_json_serializer, hide_parameters=True
        )
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        event.listen(engine.sync_engine, "begin", _on_sqlite_begin)
        return engine
    return create_async_engine(
        url,
        pool_size=10,
        max_overflow=20,
        pool_recycle=1800,
        json_serializer=_json_serializer,
        hide_parameters=True,
    )


def get_engine() -> AsyncEngine:
    global _engine, _sessionmaker, _read_sessionmaker
    if _engine is None:
        settings = get_settings()
        if settings.sqlalchemy_url.startswith("sqlite"):
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        _engine = create_engine(settings.sqlalchemy_url)
        _sessionmaker = async_sessionmaker(_engine, expire_on_commit=False)
        # Reads run without BEGIN/ROLLBACK round trips. Under READ COMMITTED every statement
        # sees the latest committed data either way, so no consistency is given up.
        reading = _engine.execution_options(isolation_level="AUTOCOMMIT")
        _read_sessionmaker = async_sessionmaker(reading, expire_on_commit=False)
    return _engine


def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    get_engine()
    assert _sessionmaker is not None
    return _sessionmaker


async def dispose_engine() -> None:
    global _engine, _sessionmaker, _read_sessionmaker
    if _engine is not None:
        await _engine.dispose()
    _engine = _sessionmaker = _read_sessionmaker = None


@asynccontextmanager
async def write_session() -> AsyncIterator[AsyncSession]:
    """A session whose work is committed together at the end, or rolled back on error."""
    async with get_sessionmaker()() as session:
        async with session.begin():
            yield session


@asynccontextmanager
async def read_session() -> AsyncIterator[AsyncSession]:
    """A session for reads only; it may later point at a read replica."""
    get_engine()
    assert _read_sessionmaker is not None
    async with _read_sessionmaker() as session:
        yield session
