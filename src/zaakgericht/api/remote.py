"""Fetching resources of other installations by URL, with a per-process cache.

Where the standard lets a field point at another installation (a selectielijst,
another catalogue), the URL must answer 200 with the expected shape. URLs of this
installation never come here: they are resolved to rows directly.
"""

import time
from typing import Any

import httpx

from ..settings import get_settings
from . import outgoing


class RemoteError(Exception):
    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


_cache: dict[str, tuple[float, Any]] = {}


async def fetch_json(url: str) -> Any:
    """The JSON at ``url``; raises RemoteError('bad-url') when it is not a 200 with JSON."""
    settings = get_settings()
    cached = _cache.get(url)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    try:
        # Redirects are followed by the client: each hop passes the policy like the first URL.
        async with outgoing.client(
            outgoing.remote_hosts, timeout=settings.remote_timeout_seconds, follow_redirects=True
        ) as client:
            response = await client.get(url, headers={"Accept": "application/json"})
    except outgoing.Refused:
        raise RemoteError("bad-url", outgoing.REFUSED_REASON.format(url=url)) from None
    except httpx.HTTPError as exc:
        raise RemoteError("bad-url", f"De URL {url} kon niet worden opgehaald: {exc}.") from None
    if response.status_code != 200:
        raise RemoteError("bad-url", f"De URL {url} gaf status {response.status_code} in plaats van 200.")
    try:
        data = response.json()
    except ValueError:
        raise RemoteError("bad-url", f"De URL {url} gaf geen JSON terug.") from None
    _cache[url] = (time.monotonic() + settings.remote_cache_seconds, data)
    return data


def clear_cache() -> None:
    _cache.clear()
