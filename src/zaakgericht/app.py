"""Builds the ASGI application: the ZGW APIs and the Selectielijst API on their mount points, the web app at ``/``."""

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from .accesslog import AccessLogMiddleware
from .api.edge import http_error_handler
from .api.responses import json_response
from .api.urls import MOUNTS
from .headers import SecurityHeadersMiddleware
from .settings import get_settings


def create_app() -> FastAPI:
    from .autorisaties.endpoints import api as autorisaties_api
    from .besluiten.endpoints import api as besluiten_api
    from .catalogi.endpoints import api as catalogi_api
    from .documenten.endpoints import api as documenten_api
    from .notificaties.endpoints import api as notificaties_api
    from .referentielijsten.endpoints import api as referentielijsten_api
    from .web.app import create_web_app
    from .zaken.endpoints import api as zaken_api

    app = FastAPI(title="Zaakgericht", openapi_url=None, docs_url=None, redoc_url=None)
    mounted = {
        "autorisaties": autorisaties_api,
        "besluiten": besluiten_api,
        "catalogi": catalogi_api,
        "documenten": documenten_api,
        "notificaties": notificaties_api,
        "referentielijsten": referentielijsten_api,
        "zaken": zaken_api,
    }
    for name, api in mounted.items():
        app.mount(MOUNTS[name], api)

    @app.get("/api", include_in_schema=False)
    async def index() -> Response:
        return json_response({"naam": "Zaakgericht", "apis": {name: f"{MOUNTS[name]}/" for name in mounted}})

    # Last: everything the APIs do not serve is a page of the web application.
    web = create_web_app()
    app.mount("/", web)
    # A path under an API's mount that reaches the web app or no mount at all (one holding a line feed)
    # still gets the API's problem+json; every other path the web's page.
    http_error = http_error_handler(web.exception_handlers[HTTPException])
    web.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(HTTPException, http_error)
    # Outermost: the security headers go on every response and the access log sees its final status.
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(AccessLogMiddleware)

    return app


@asynccontextmanager
async def _dispatching(app: FastAPI):
    """Delivers the outbox inside this process while it serves, and makes the hourly signaleringen."""
    from .notificaties.dispatcher import run
    from .signalen.taken import periodiek

    stop = asyncio.Event()
    task = asyncio.gather(run(stop), periodiek(stop))
    try:
        yield
    finally:
        stop.set()
        await task


def create_serving_app() -> FastAPI:
    """The app ``zaakgericht serve`` runs: with the outbox dispatcher unless turned off."""
    app = create_app()
    if get_settings().serve_dispatcher:
        app.router.lifespan_context = _dispatching
    return app
