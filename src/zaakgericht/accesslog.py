"""The access log: one line per request with its method, route, status and duration, and nothing personal.

Uvicorn's own access log writes the whole request line, query string included, and query strings hold
BSNs (``?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=...``, the KCC search). So
``zaakgericht serve`` turns it off and this middleware logs instead: the route template
(``/zaken/api/v1/zaken/{uuid}``) rather than the path, never the query string, and in a path that no
route matched every run of 8 or more digits masked (a BSN, KvK-nummer or RSIN typed into an address).
"""

import copy
import logging
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("zaakgericht.access")

_DIGITS = re.compile(r"\d{8,}")


def logged_path(scope: Scope) -> str:
    """The route template of the request when a route matched it, otherwise its path with long numbers masked."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if isinstance(template, str) and template:
        return scope.get("root_path", "") + template
    return _DIGITS.sub("***", scope.get("path", ""))


class AccessLogMiddleware:
    """Logs every HTTP request of the wrapped application once it is answered (or failed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            duration = (time.perf_counter() - started) * 1000
            logger.info("%s %s %d %.1fms", scope["method"], logged_path(scope), status, duration)


def log_config(log_level: str) -> dict:
    """Uvicorn's logging configuration plus the application's own loggers (the access log among them)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["zaakgericht"] = {"handlers": ["default"], "level": log_level.upper(), "propagate": False}
    return config
