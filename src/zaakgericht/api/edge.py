"""What every request must pass before any of it reaches a query: the checks at the edge.

- No NUL character (U+0000) in any value a client sends: the path, the query string, the claims of a
  bearer token, a JSON body, a form field or a cookie. PostgreSQL cannot store or even compare text
  holding one, so it would end as a 500 deep inside a query; here it is a 400 naming the field, on
  every database alike.
- A JSON body is read up to ``ZAAKGERICHT_API_MAX_JSON_BODY_BYTES``, counted while it streams in, so
  an oversized body costs no more memory than the limit (413).
- A 404 or 405 for a path under an API's mount point that no API route answers (a path holding a
  line feed matches no mount; the bare mount point falls through to the web app) is problem+json
  all the same; elsewhere it is the web's own page.
"""

import base64
import binascii
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import orjson
from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ..settings import get_settings
from .errors import ApiError, NotFound, ValidationError
from .urls import MOUNTS

NUL = "\x00"
# How a NUL appears in JSON text: only escaped (a raw control character is not valid JSON).
_NUL_ESCAPE = b"\\u0000"
# The code Django REST framework (and so the reference implementation) gives a NUL in a field.
NUL_CODE = "null_characters_not_allowed"
NUL_REASON = "Dit veld mag geen NUL-teken (U+0000) bevatten."

_API_PREFIXES = ("/api", *MOUNTS.values())


class RequestTooLarge(ApiError):
    status = 413
    code = "request-too-large"
    title = "Het verzoek is te groot."
    type_name = "RequestTooLarge"


def nul_error(name: str) -> ValidationError:
    return ValidationError.single(name, NUL_CODE, NUL_REASON)


# --- finding a NUL ---------------------------------------------------------------------------


def nul_in_json(data: Any) -> str | None:
    """The name (``a.b.0.c``) of the first key or string in parsed JSON that holds a NUL, or None.

    Walked with a stack, not recursion: JSON may nest deeper than Python's recursion limit."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        name, value = stack.pop()
        if isinstance(value, str):
            if NUL in value:
                return name or "nonFieldErrors"
            continue
        if isinstance(value, dict):
            items = [(key, key, item) for key, item in value.items()]
        elif isinstance(value, list):
            items = [(str(index), "", item) for index, item in enumerate(value)]
        else:
            continue
        children = []
        for part, key, item in items:
            child = f"{name}.{part}" if name else part
            if NUL in key:
                return child
            children.append((child, item))
        stack.extend(reversed(children))  # depth first, in document order
    return None


def nul_in_pairs(pairs: Iterable[tuple[str, Any]]) -> str | None:
    """The first name of query parameters, form fields or cookies whose name or text value holds a NUL."""
    for name, value in pairs:
        if NUL in name or (isinstance(value, str) and NUL in value):
            return name
    return None


def nul_in_token(authorization: str) -> str | None:
    """The claim of a bearer token (not yet verified) that holds a NUL; a token that cannot be read is
    left to authentication to refuse."""
    parts = authorization.partition(" ")[2].strip().split(".")
    if len(parts) != 3:
        return None
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
    except (binascii.Error, ValueError):
        return None
    if _NUL_ESCAPE not in payload and NUL.encode() not in payload:
        return None
    try:
        claims = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return None
    return nul_in_json(claims)


def refuse_nul_in_json(raw: bytes, data: Any) -> None:
    """Refuse parsed JSON holding a NUL; the raw text tells cheaply whether the walk is needed at all."""
    if _NUL_ESCAPE in raw:
        name = nul_in_json(data)
        if name:
            raise nul_error(name)


# --- the dependencies: every route of the APIs and of the web app ------------------------------


async def refuse_nul(request: Request) -> None:
    """API routes: a path holding a NUL names nothing (404); a query parameter or token claim is a 400."""
    if NUL in request.url.path:
        raise NotFound()
    name = nul_in_pairs(request.query_params.multi_items()) or nul_in_token(request.headers.get("authorization", ""))
    if name:
        raise nul_error(name)


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def refuse_nul_in_page(request: Request) -> None:
    """Web routes: the same for the path, the query, the cookies and the fields of a submitted form
    (the form is read once; the view gets the same parsed form). Files in a form may hold anything."""
    if NUL in request.url.path:
        raise HTTPException(404)
    pairs = [*request.query_params.multi_items(), *request.cookies.items()]
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method not in ("GET", "HEAD", "OPTIONS") and content_type in _FORM_TYPES:
        pairs += (await request.form()).multi_items()
    if nul_in_pairs(pairs):
        raise HTTPException(400)


# --- JSON bodies of bounded size -------------------------------------------------------------


def too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(f"De JSON-body is groter dan toegestaan ({limit} bytes).")


async def read_json_bytes(request: Request) -> bytes:
    """The raw body, refused as soon as it exceeds the limit: on its Content-Length before reading,
    and while it streams in (a chunked body has none)."""
    limit = get_settings().api_max_json_body_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


# --- 404 and 405 outside every mount ---------------------------------------------------------


def is_api_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in _API_PREFIXES)


def http_error_handler(
    web_handler: Callable[[Request, HTTPException], Awaitable[Response]],
) -> Callable[[Request, HTTPException], Awaitable[Response]]:
    """The top-level app's handler of HTTP errors: problem+json for API paths, the web's page elsewhere."""
    from .component import _http_error as api_http_error  # component installs ``refuse_nul``

    async def handle(request: Request, exc: HTTPException) -> Response:
        if is_api_path(request.url.path):
            return await api_http_error(request, exc)
        return await web_handler(request, exc)

    return handle
