"""Builds one ZGW API as an ASGI sub-application with the behaviour every API shares.

Each API gets: the ``API-version`` header on every response, the request's base URL
in a context variable, problem+json for every error, and its official OAS at
``schema/openapi.yaml`` and ``schema/openapi.json``.
"""

import logging

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import oas
from .edge import refuse_nul
from .errors import ApiError, Conflict, MethodNotAllowed, NotFound, problem_response
from .urls import MOUNTS, request_base_url, reset_base_url, set_base_url

logger = logging.getLogger("zaakgericht.api")


class ApiVersionMiddleware:
    """Pure ASGI middleware: sets the base URL for URL building and adds ``API-version``."""

    def __init__(self, app: ASGIApp, version: str) -> None:
        self.app = app
        self.version = version.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = set_base_url(request_base_url(Request(scope)))

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"api-version", self.version)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_version)
        finally:
            reset_base_url(token)


async def _api_error(request: Request, exc: ApiError) -> Response:
    return problem_response(exc, request)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 405:
        return problem_response(MethodNotAllowed(f'Methode "{request.method}" niet toegestaan.'), request)
    if exc.status_code == 404:
        return problem_response(NotFound(), request)
    error = ApiError(str(exc.detail))
    error.status = exc.status_code
    return problem_response(error, request)


async def _request_validation_error(request: Request, exc: RequestValidationError) -> Response:
    # Only path parameters are declared to FastAPI; a malformed uuid names no resource.
    return problem_response(NotFound(), request)


async def _integrity_error(request: Request, exc: IntegrityError) -> Response:
    # The service checks every rule first; a constraint only fires when a concurrent
    # request won the race, and retrying gives the client the precise answer.
    return problem_response(Conflict("Een gelijktijdige wijziging kwam ertussen; probeer het opnieuw."), request)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    logger.exception("Onverwachte fout bij %s %s", request.method, request.url.path)
    return problem_response(ApiError(), request)


def create_api(name: str) -> FastAPI:
    api = FastAPI(title=name, openapi_url=None, docs_url=None, redoc_url=None, dependencies=[Depends(refuse_nul)])
    version = oas.api_version(name)
    api.add_middleware(ApiVersionMiddleware, version=version)
    api.add_exception_handler(ApiError, _api_error)
    api.add_exception_handler(StarletteHTTPException, _http_error)
    api.add_exception_handler(RequestValidationError, _request_validation_error)
    api.add_exception_handler(IntegrityError, _integrity_error)
    api.add_exception_handler(Exception, _unexpected_error)

    def server_url(request: Request) -> str:
        return f"{request_base_url(request)}{MOUNTS[name]}"

    @api.get("/schema/openapi.yaml", include_in_schema=False)
    async def schema_yaml(request: Request) -> Response:
        return Response(oas.spec_yaml(name, server_url(request)), media_type="application/yaml")

    @api.get("/schema/openapi.json", include_in_schema=False)
    async def schema_json(request: Request) -> Response:
        return Response(oas.spec_json(name, server_url(request)), media_type="application/json")

    return api
