"""Per-process caches of response bodies for data that rarely changes, kept correct across processes.

Every write to a cached domain raises that domain's row in ``cache_version`` inside its
own transaction. A read first fetches the version (one small query); when it differs
from the version the process cached under, the process drops its cache. So every
process sees a committed change on its next request, however many processes run.
"""

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any

from sqlalchemy import BigInteger, String, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class CacheVersion(Base):
    __tablename__ = "cache_version"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


async def bump(session: AsyncSession, name: str) -> None:
    """Mark the cached domain ``name`` as changed, in the caller's transaction."""
    increment = update(CacheVersion).where(CacheVersion.name == name).values(version=CacheVersion.version + 1)
    if (await session.execute(increment)).rowcount == 0:
        # First change of this domain: create its row (a concurrent first change may win), then count.
        insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
        await session.execute(insert(CacheVersion).values(name=name, version=0).on_conflict_do_nothing())
        await session.execute(increment)


_VERSION_QUERY = select(CacheVersion.version).where(CacheVersion.name == bindparam("name"))


class BodyCache:
    """Bodies by key, valid for one version of a domain."""

    MAX_ENTRIES = 50_000

    def __init__(self, name: str) -> None:
        self.name = name
        self._version: int | None = None
        self._bodies: dict[Hashable, dict] = {}

    async def sync(self, session: AsyncSession) -> int:
        """The current version; drops the cache when another request or process changed the domain."""
        version = await session.scalar(_VERSION_QUERY, {"name": self.name}) or 0
        if version != self._version or len(self._bodies) > self.MAX_ENTRIES:
            self._bodies.clear()
            self._version = version
        return version

    async def bodies(
        self,
        session: AsyncSession,
        keys: Sequence[Hashable],
        build: Callable[[list[Hashable]], Awaitable[dict[Hashable, dict]]],
    ) -> list[dict[str, Any]]:
        """The bodies of ``keys`` in order; ``build`` makes the missing ones (absent keys are left out)."""
        version = await self.sync(session)
        found = {key: self._bodies[key] for key in keys if key in self._bodies}
        missing = [key for key in keys if key not in found]
        if missing:
            built = await build(missing)
            found.update(built)
            # A request that read an older version must not fill the cache of a newer one.
            if self._version == version:
                self._bodies.update(built)
        return [found[key] for key in keys if key in found]
