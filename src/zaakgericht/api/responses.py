"""JSON responses (orjson), HTTP caching with ETag / If-None-Match / HEAD, and the header of a download."""

import hashlib
import re
import unicodedata
from typing import Any
from urllib.parse import quote

import orjson
from fastapi import Request
from fastapi.responses import Response


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(content=orjson.dumps(data), status_code=status, media_type="application/json", headers=headers)


def created(data: dict, status: int = 201) -> Response:
    return json_response(data, status, headers={"Location": data["url"]})


def cached_detail(request: Request, data: dict) -> Response:
    """A detail response with an ETag over its JSON; 304 when the client already has it."""
    content = orjson.dumps(data)
    etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    if_none_match = request.headers.get("if-none-match", "")
    known = {value.strip().removeprefix("W/") for value in if_none_match.split(",") if value.strip()}
    if etag in known or "*" in known:
        return Response(status_code=304, headers={"ETag": etag})
    body = b"" if request.method == "HEAD" else content
    response = Response(content=body, media_type="application/json", headers={"ETag": etag})
    if request.method == "HEAD":
        response.headers["content-length"] = str(len(content))
    return response


def content_disposition(bestandsnaam: str) -> str:
    """The Content-Disposition of a download (API and web alike) whose name cannot break out of the header:
    control characters (CR, LF, NUL, ...) dropped, ASCII with a UTF-8 alternative, "document" when empty."""
    naam = "".join(teken for teken in bestandsnaam if unicodedata.category(teken)[0] != "C").strip() or "document"
    ascii_naam = re.sub(r"[^A-Za-z0-9 ._()\-]", "_", naam)
    return f"attachment; filename=\"{ascii_naam}\"; filename*=UTF-8''{quote(naam, safe='')}"
