"""The web application for people, mounted at ``/`` beside the APIs."""

from http import HTTPStatus

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..api.edge import refuse_nul_in_page
from ..api.urls import request_base_url, reset_base_url, set_base_url
from .layout.huisstijl import PUBLIEK, huisstijl_van
from .layout.security import Forbidden, LoginRequired, csrf_protect, get_sessie, login_url
from .layout.templating import STATIC_DIR, render

# The security headers of every response are set in ``zaakgericht.headers``.
_PAGE_HEADERS = [(b"cache-control", b"no-store")]


class WebMiddleware:
    """Sets the base URL for URL building and keeps personal pages out of caches."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = set_base_url(request_base_url(Request(scope)))
        # Static files and the huisstijl's stylesheet and logo are the same for everyone: cacheable.
        static = scope["path"].startswith("/static/") or scope["path"] in PUBLIEK

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start" and not static:
                message["headers"] = [*message.get("headers", []), *_PAGE_HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            reset_base_url(token)


async def _login_required(request: Request, exc: LoginRequired) -> Response:
    return RedirectResponse(login_url(exc.volgende, exc.login_path), status_code=303)


async def _page_state(request: Request) -> None:
    """What the header shows, for an error page whose route (if any) did not load it."""
    await get_sessie(request)
    await huisstijl_van(request)


async def _forbidden(request: Request, exc: Forbidden) -> Response:
    await _page_state(request)
    return render(request, "fout.html", {"titel": "Geen toegang", "melding": exc.message}, status_code=403)


_MESSAGES = {
    400: (
        "Ongeldige invoer",
        "Uw invoer kon niet worden verwerkt, bijvoorbeeld omdat er een teken in staat dat niet is toegestaan. "
        "Pas de invoer aan en probeer het opnieuw.",
    ),
    404: ("Pagina niet gevonden", "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de startpagina."),
    405: ("Niet toegestaan", "Deze pagina kan zo niet worden opgevraagd."),
}


async def _http_error(request: Request, exc: HTTPException) -> Response:
    await _page_state(request)
    titel, melding = _MESSAGES.get(
        exc.status_code, (HTTPStatus(exc.status_code).phrase, "Er ging iets mis. Probeer het later opnieuw.")
    )
    return render(request, "fout.html", {"titel": titel, "melding": melding}, status_code=exc.status_code)


async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
    # The only typed parameters of pages are ids in paths: one that is not a uuid names no page.
    await _page_state(request)
    titel, melding = _MESSAGES[404]
    return render(request, "fout.html", {"titel": titel, "melding": melding}, status_code=404)


def create_web_app() -> FastAPI:
    from .behandelen.behandeling import router as behandeling_router
    from .behandelen.documenten import router as documenten_router
    from .behandelen.onderdelen_views import router as onderdelen_router
    from .behandelen.views import router as behandelen_router
    from .beheer.catalogus import router as beheer_catalogus_router
    from .beheer.email import router as beheer_email_router
    from .beheer.huisstijl import router as beheer_huisstijl_router
    from .beheer.views import router as beheer_router
    from .formulieren.routes import router as formulieren_router
    from .kcc.views import router as kcc_router
    from .layout.help import router as help_router
    from .layout.huisstijl import router as huisstijl_router
    from .layout.oidc import router as oidc_router
    from .layout.views import router as layout_router
    from .pip.views import router as pip_router
    from .signalen.views import router as signalen_router
    from .zoeken.views import router as zoeken_router

    web = FastAPI(
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(refuse_nul_in_page), Depends(csrf_protect), Depends(huisstijl_van)],
        exception_handlers={
            LoginRequired: _login_required,
            Forbidden: _forbidden,
            HTTPException: _http_error,
            RequestValidationError: _invalid_request,
        },
    )
    web.add_middleware(WebMiddleware)
    web.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    web.include_router(layout_router)
    web.include_router(oidc_router)
    web.include_router(beheer_router)
    web.include_router(beheer_catalogus_router)
    web.include_router(beheer_email_router)
    web.include_router(beheer_huisstijl_router)
    web.include_router(huisstijl_router)
    web.include_router(help_router)
    web.include_router(behandelen_router)
    web.include_router(behandeling_router)
    web.include_router(documenten_router)
    web.include_router(onderdelen_router)
    web.include_router(kcc_router)
    web.include_router(zoeken_router)
    web.include_router(signalen_router)
    web.include_router(formulieren_router)  # before the PIP's /mijn-zaken/{zaak_uuid}
    web.include_router(pip_router)
    return web
