"""Generated identificaties, unique per organisation: ``ZAAK-2026-0000000042``.

One counter row per (kind, organisation, year), raised inside the caller's transaction:
on PostgreSQL the UPDATE locks the row until commit, on SQLite the write transaction
holds the database lock, so two requests never receive the same number.
"""

from collections.abc import Awaitable, Callable
from datetime import date

from sqlalchemy import Integer, String, UniqueConstraint, select, update
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
    number = await session.scalar(
        update(IdentificatieTeller)
        .where(
            IdentificatieTeller.soort == soort,
            IdentificatieTeller.organisatie == organisatie,
            IdentificatieTeller.jaar == jaar,
        )
        .values(laatste=IdentificatieTeller.laatste + 1)
        .returning(IdentificatieTeller.laatste)
    )
    if number is None:
        # The first of the year; a concurrent first insert fails on the unique constraint (409, retry).
        session.add(IdentificatieTeller(soort=soort, organisatie=organisatie, jaar=jaar, laatste=1))
        await session.flush()
        number = 1
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
