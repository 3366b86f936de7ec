"""Generated identificaties, unique per organisation: ``ZAAK-2026-0000000042``.

One counter row per (kind, organisation, year), raised inside the caller's transaction:
on PostgreSQL the UPDATE locks the row until commit, on SQLite the write transaction
holds the database lock, so two requests never receive the same number. (The row is
locked until the zaak is committed, so creations per organisation queue briefly.)
"""

from collections.abc import Awaitable, Callable
from datetime import date

from sqlalchemy import Integer, String, UniqueConstraint, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IntPK


class IdentificatieTeller(Base):
    __tablename__ = "identificatie_teller"
    __table_args__ = (UniqueConstraint("soort", "organisatie", "jaar"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    soort: Mapped[str] = mapped_column(String(20))
    organisatie: Mapped[str] = mapped_column(String(9))
    jaar: Mapped[int] = mapped_column(Integer)
    laatste: Mapped[int] = mapped_column(Integer, default=0)


async def _next_number(session: AsyncSession, soort: str, organisatie: str, jaar: int) -> int:
    where = (
        IdentificatieTeller.soort == soort,
        IdentificatieTeller.organisatie == organisatie,
        IdentificatieTeller.jaar == jaar,
    )
    increment = (
        update(IdentificatieTeller)
        .where(*where)
        .values(laatste=IdentificatieTeller.laatste + 1)
        .returning(IdentificatieTeller.laatste)
    )
    number = await session.scalar(increment)
    if number is None:
        # The first of the year: create the counter (a concurrent first request may win), then count.
        insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
        await session.execute(
            insert(IdentificatieTeller)
            .values(soort=soort, organisatie=organisatie, jaar=jaar, laatste=0)
            .on_conflict_do_nothing()
        )
        number = await session.scalar(increment)
    return number


async def generate(
    session: AsyncSession,
    soort: str,
    organisatie: str,
    prefix: str,
    exists: Callable[[str], Awaitable[bool]],
    digits: int = 10,
) -> str:
    """The next free identificatie; numbers a client already used by hand are skipped."""
    year = date.today().year
    while True:
        number = await _next_number(session, soort, organisatie, year)
        identificatie = f"{prefix}-{year}-{number:0{digits}d}"
        if not await exists(identificatie):
            return identificatie


async def is_taken(session: AsyncSession, column, organisatie_column, organisatie: str, identificatie: str) -> bool:
    found = await session.scalar(
        select(column).where(column == identificatie, organisatie_column == organisatie).limit(1)
    )
    return found is not None
