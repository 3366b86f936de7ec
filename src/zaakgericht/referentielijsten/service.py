"""Selectielijst data: the shipped copy, and look-ups of selectielijst URLs (ours or remote).

The data ships with the package so a catalogue can be configured offline; URLs of the
public Selectielijst API are accepted too and fetched (and cached) when used.
"""

import json
import uuid
from functools import lru_cache
from importlib import resources
from typing import Any

from ..api import urls
from ..api.remote import RemoteError, fetch_json

PROCESTYPEN = "procestypen"
RESULTATEN = "resultaten"
RESULTAATTYPEOMSCHRIJVINGEN = "resultaattypeomschrijvingen"

# The fields that make a remote document the resource we expect (else: invalid-resource).
_SHAPES = {
    PROCESTYPEN: ("nummer", "jaar", "naam"),
    RESULTATEN: ("procesType", "nummer", "waardering"),
    RESULTAATTYPEOMSCHRIJVINGEN: ("omschrijving", "definitie"),
}

_LABELS = {
    PROCESTYPEN: "procestype",
    RESULTATEN: "resultaat (selectielijstklasse)",
    RESULTAATTYPEOMSCHRIJVINGEN: "resultaattypeomschrijving",
}


@lru_cache
def _load(name: str) -> dict[str, dict[str, Any]]:
    text = resources.files("zaakgericht.referentielijsten").joinpath("data", f"{name}.json").read_text("utf-8")
    return {item["url"]: item for item in json.loads(text)}


def _with_urls(name: str, item: dict[str, Any]) -> dict[str, Any]:
    data = dict(item)
    data["url"] = urls.build("referentielijsten", name, item["url"])
    if name == RESULTATEN:
        data["procesType"] = urls.build("referentielijsten", PROCESTYPEN, item["procesType"])
    return data


def list_items(name: str) -> list[dict[str, Any]]:
    return [_with_urls(name, item) for item in _load(name).values()]


def get_item(name: str, uuid_: uuid.UUID) -> dict[str, Any] | None:
    item = _load(name).get(str(uuid_))
    return _with_urls(name, item) if item else None


def procestypen(jaar: int | None = None) -> list[dict[str, Any]]:
    return [item for item in list_items(PROCESTYPEN) if jaar is None or item["jaar"] == jaar]


def resultaten(procestype_url: str | None = None) -> list[dict[str, Any]]:
    items = list_items(RESULTATEN)
    if procestype_url:
        items = [item for item in items if item["procesType"] == procestype_url]
    return items


async def lookup(name: str, url: str) -> dict[str, Any]:
    """The selectielijst resource at ``url``; RemoteError('bad-url' | 'invalid-resource') otherwise."""
    if urls.is_local(url):
        ref = urls.resolve(url)
        if ref is not None and ref.api == "referentielijsten" and ref.resource in _SHAPES and ref.resource != name:
            raise RemoteError("invalid-resource", f"De URL {url} verwijst niet naar een {_LABELS[name]}.")
        item = get_item(name, ref.uuid) if ref and ref.resource == name else None
        if item is None:
            raise RemoteError("bad-url", f"De URL {url} verwijst niet naar een bestaande {_LABELS[name]}.")
        return item
    data = await fetch_json(url)
    if not isinstance(data, dict) or not all(key in data for key in _SHAPES[name]):
        raise RemoteError("invalid-resource", f"De URL {url} verwijst niet naar een {_LABELS[name]}.")
    return data
