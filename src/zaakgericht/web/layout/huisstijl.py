"""The organisation's huisstijl on every page: loaded once per request, and its stylesheet and logo served.

``/huisstijl.css`` holds the colours as design tokens (no inline style: the pages' CSP allows none);
``/huisstijl/logo`` the logo. Both are validated by ETag (the huisstijl's ``versie``). An SVG logo is served
under a policy that runs nothing (``sandbox``, no scripts) even when opened on its own; pages show it as
an image only, where a browser runs no script of it at all.
"""

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...db import read_session
from ...huisstijl import service

router = APIRouter()

CSS_PATH = "/huisstijl.css"
LOGO_PATH = "/huisstijl/logo"
PUBLIEK = (CSS_PATH, LOGO_PATH)
_LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'"
_CSS_POLICY = "default-src 'none'; frame-ancestors 'none'"
# Revalidated after an hour; the pages name the version in the URL, so a change shows on the next page.
_CACHE = "public, max-age=3600"


async def huisstijl_van(request: Request) -> service.Weergave:
    """The huisstijl of this request (looked up once per request); a dependency of every page."""
    huisstijl = getattr(request.state, "huisstijl", None)
    if huisstijl is None:
        async with read_session() as session:
            huisstijl = await service.weergave(session)
        request.state.huisstijl = huisstijl
    return huisstijl


def _etag(versie: int, soort: str) -> str:
    return f'"huisstijl-{soort}-{versie}"'


def _not_modified(request: Request, etag: str) -> bool:
    return etag in [tag.strip() for tag in request.headers.get("if-none-match", "").split(",")]


@router.get(CSS_PATH)
async def stylesheet(request: Request) -> Response:
    huisstijl = await huisstijl_van(request)
    etag = _etag(huisstijl.versie, "css")
    headers = {"ETag": etag, "Cache-Control": _CACHE, "Content-Security-Policy": _CSS_POLICY}
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    body = service.stylesheet(huisstijl) if huisstijl.ingesteld else "/* Geen eigen huisstijl ingesteld. */\n"
    return Response(body, media_type="text/css", headers=headers)


@router.get(LOGO_PATH)
async def logo(request: Request) -> Response:
    async with read_session() as session:
        gevonden = await service.logo(session)
    if gevonden is None:
        raise HTTPException(404)
    etag = _etag(gevonden.versie, "logo")
    headers = {"ETag": etag, "Cache-Control": _CACHE, "Content-Security-Policy": _LOGO_POLICY}
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    return Response(gevonden.inhoud, media_type=gevonden.content_type, headers=headers)
