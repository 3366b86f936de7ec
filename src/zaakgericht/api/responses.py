"""JSON responses (orjson) and HTTP caching with ETag / If-None-Match / HEAD."""

import hashlib
from typing import Any

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
