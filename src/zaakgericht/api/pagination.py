"""ZGW pagination: ``{count, next, previous, results}``, 100 per page, ``page`` from 1."""

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .errors import NotFound
from .urls import base_url

PAGE_SIZE = 100


def page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    try:
        page = int(raw)
    except ValueError:
        raise NotFound("Ongeldige pagina.") from None
    if page < 1:
        raise NotFound("Ongeldige pagina.")
    return page


async def fetch_page(
    session: AsyncSession, statement: Select, page: int, page_size: int = PAGE_SIZE, *, rows: bool = False
) -> tuple[int, Sequence[Any]]:
    """The total count and the objects (or, with ``rows``, the plain rows) of one page; two queries."""
    count = await session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    if page > 1 and (page - 1) * page_size >= (count or 0):
        raise NotFound("Ongeldige pagina.")
    paged = statement.limit(page_size).offset((page - 1) * page_size)
    found = (await session.execute(paged)).all() if rows else (await session.scalars(paged)).all()
    return count or 0, found


def page_links(request: Request, page: int, count: int, page_size: int = PAGE_SIZE) -> tuple[str | None, str | None]:
    def link(number: int) -> str:
        params = dict(request.query_params)
        params["page"] = str(number)
        return f"{base_url()}{request.url.path}?{urlencode(params)}"

    next_link = link(page + 1) if page * page_size < count else None
    previous_link = link(page - 1) if page > 1 else None
    return next_link, previous_link


def paginated(request: Request, page: int, count: int, results: list[dict]) -> dict:
    next_link, previous_link = page_links(request, page, count)
    return {"count": count, "next": next_link, "previous": previous_link, "results": results}
