"""Absolute URLs of this installation: building them, and resolving them back to (resource, uuid).

The base URL is ``ZAAKGERICHT_BASE_URL`` or, when unset, taken from the request; a
middleware stores it in a context variable so services can build URLs without a request.
"""

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request

from ..settings import get_settings

DEFAULT_BASE_URL = "http://127.0.0.1:8000"

MOUNTS = {
    "catalogi": "/catalogi/api/v1",
    "zaken": "/zaken/api/v1",
    "documenten": "/documenten/api/v1",
    "besluiten": "/besluiten/api/v1",
    "autorisaties": "/autorisaties/api/v1",
    "notificaties": "/notificaties/api/v1",
    "referentielijsten": "/referentielijsten/api/v1",
}

_base_url: ContextVar[str | None] = ContextVar("base_url", default=None)

_LOCAL_PATH = re.compile(r"^(?P<mount>/[a-z]+/api/v1)/(?P<resource>[a-z\-]+)/(?P<uuid>[0-9a-fA-F\-]{36})/?$")


def request_base_url(request: Request) -> str:
    configured = get_settings().base_url
    if configured:
        return configured.rstrip("/")
    return f"{request.url.scheme}://{request.url.netloc}"


def set_base_url(base_url: str):
    return _base_url.set(base_url.rstrip("/"))


def reset_base_url(token) -> None:
    _base_url.reset(token)


def base_url() -> str:
    return _base_url.get() or get_settings().base_url.rstrip("/") or DEFAULT_BASE_URL


def build(api: str, resource: str, uuid_: uuid.UUID | str) -> str:
    return f"{base_url()}{MOUNTS[api]}/{resource}/{uuid_}"


@dataclass(frozen=True, slots=True)
class LocalRef:
    api: str
    resource: str
    uuid: uuid.UUID


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" == base_url()


def resolve(url: str) -> LocalRef | None:
    """The resource a URL of this installation points at; None for another host or an unknown path."""
    if not is_local(url):
        return None
    match = _LOCAL_PATH.match(urlsplit(url).path)
    if not match:
        return None
    api = next((name for name, mount in MOUNTS.items() if mount == match["mount"]), None)
    if api is None:
        return None
    try:
        return LocalRef(api, match["resource"], uuid.UUID(match["uuid"]))
    except ValueError:
        return None
