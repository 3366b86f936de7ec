"""The official OAS documents, packaged with the application and served per API."""

from functools import lru_cache
from importlib import resources

import orjson
import yaml

SPEC_FILES = {
    "catalogi": "catalogi-1.3.1.yaml",
    "zaken": "zaken-1.5.1.yaml",
    "documenten": "documenten-1.5.0.yaml",
    "besluiten": "besluiten-1.0.2.yaml",
    "autorisaties": "autorisaties-1.0.0.yaml",
    "notificaties": "notificaties-1.0.0.yaml",
    "referentielijsten": "selectielijst-api-1.0.0.yaml",
}


@lru_cache
def load_spec(api: str) -> dict:
    text = resources.files("zaakgericht.api").joinpath("specs", SPEC_FILES[api]).read_text("utf-8")
    # libyaml's loader parses the large OAS files about ten times faster than the pure-Python one.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def api_version(api: str) -> str:
    return load_spec(api)["info"]["version"]


@lru_cache(maxsize=32)
def _rendered(api: str, server_url: str) -> tuple[bytes, bytes]:
    spec = dict(load_spec(api))
    spec["servers"] = [{"url": server_url}]
    as_yaml = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True).encode("utf-8")
    return as_yaml, orjson.dumps(spec)


def spec_yaml(api: str, server_url: str) -> bytes:
    return _rendered(api, server_url)[0]


def spec_json(api: str, server_url: str) -> bytes:
    return _rendered(api, server_url)[1]
