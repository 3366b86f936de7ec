"""Nothing holds a whole file in memory: uploads (bestandsdelen and base64 JSON), joining and downloads stream.

The requests go straight to the ASGI app with a streamed body, and the response body is
hashed and thrown away as it arrives (httpx's ASGI transport would keep both whole), so
the peak of traced Python memory shows what the server holds. It must stay far below the
size of the file.
"""

import asyncio
import base64
import hashlib
import tracemalloc
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import orjson
import pytest

from tests.documenten.factories import EIO, document_body
from zaakgericht.settings import get_settings

MIB = 1024 * 1024
FILE_SIZE = 30 * MIB
PART_SIZE = 10 * MIB
PEAK_LIMIT = 6 * MIB  # a fifth of the file; a whole file in memory would be 30 MiB or more
BLOCK = 64 * 1024


def block(number: int) -> bytes:
    """Deterministic, part-distinguishing contents, 64 KiB at a time."""
    return hashlib.sha256(number.to_bytes(8, "big")).digest() * (BLOCK // 32)


async def generated(start: int, size: int) -> AsyncIterator[bytes]:
    for offset in range(start, start + size, BLOCK):
        yield block(offset // BLOCK)[: min(BLOCK, start + size - offset)]


class Sink:
    """A response received chunk by chunk: status, headers, size and SHA-256, never the body itself."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: dict[str, str] = {}
        self.size = 0
        self.digest = hashlib.sha256()
        self.small = b""  # the body, when it is a small JSON answer

    async def __call__(self, message: dict) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            body = message.get("body", b"")
            self.size += len(body)
            self.digest.update(body)
            if self.size <= 64 * 1024:
                self.small += body

    def json(self):
        return orjson.loads(self.small)


async def call(app, method: str, url: str, headers: dict, body: AsyncIterator[bytes] | bytes = b"") -> Sink:
    """One request straight into the ASGI app, the request body streamed in chunks."""
    parts = urlsplit(url)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": parts.path,
        "raw_path": parts.path.encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver")] + [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
    }
    chunks = body.__aiter__() if not isinstance(body, bytes) else None
    done = False

    async def receive() -> dict:
        nonlocal done
        if done:  # the client stays connected until the answer is complete
            await asyncio.Event().wait()
        if chunks is None:
            done = True
            return {"type": "http.request", "body": body, "more_body": False}
        try:
            return {"type": "http.request", "body": await chunks.__anext__(), "more_body": True}
        except StopAsyncIteration:
            done = True
            return {"type": "http.request", "body": b"", "more_body": False}

    sink = Sink()
    await app(scope, receive, sink)
    return sink


async def multipart_part(lock: str, start: int, size: int) -> AsyncIterator[bytes]:
    boundary = "zaakgericht-geheugen"
    yield f'--{boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n{lock}\r\n'.encode()
    yield f'--{boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel"\r\n\r\n'.encode()
    async for chunk in generated(start, size):
        yield chunk
    yield f"\r\n--{boundary}--\r\n".encode()


async def base64_json(iot: str, size: int) -> AsyncIterator[bytes]:
    head = orjson.dumps(document_body(iot, inhoud="INHOUD")).split(b'"INHOUD"')
    yield head[0] + b'"'
    pending = b""
    async for chunk in generated(0, size):
        data = pending + chunk
        usable = len(data) // 3 * 3
        pending = data[usable:]
        yield base64.b64encode(data[:usable])
    yield base64.b64encode(pending) + b'"' + head[1]


def expected_digest(size: int) -> str:
    digest = hashlib.sha256()
    for offset in range(0, size, BLOCK):
        digest.update(block(offset // BLOCK)[: min(BLOCK, size - offset)])
    return digest.hexdigest()


@pytest.fixture
def traced():
    tracemalloc.start()
    yield
    tracemalloc.stop()


def peak_since_reset() -> int:
    return tracemalloc.get_traced_memory()[1]


async def test_a_large_file_goes_up_in_parts_and_down_with_flat_memory(app, superuser, iot, monkeypatch, traced):
    monkeypatch.setattr(get_settings(), "documenten_chunk_size", PART_SIZE)
    json_headers = {**superuser, "Content-Type": "application/json"}
    created = await call(app, "POST", EIO, json_headers, orjson.dumps(document_body(iot, bestandsomvang=FILE_SIZE)))
    assert created.status == 201
    document = created.json()
    tracemalloc.reset_peak()

    for index, part in enumerate(document["bestandsdelen"]):
        content_type = "multipart/form-data; boundary=zaakgericht-geheugen"
        body = multipart_part(document["lock"], index * PART_SIZE, part["omvang"])
        answer = await call(app, "PUT", part["url"], {**superuser, "Content-Type": content_type}, body)
        assert answer.status == 200, answer.small
    unlocked = await call(
        app, "POST", f"{document['url']}/unlock", json_headers, orjson.dumps({"lock": document["lock"]})
    )
    assert unlocked.status == 204, unlocked.small
    downloaded = await call(app, "GET", f"{document['url']}/download", superuser)

    assert (downloaded.status, downloaded.size) == (200, FILE_SIZE)
    assert downloaded.headers["content-length"] == str(FILE_SIZE)
    assert downloaded.digest.hexdigest() == expected_digest(FILE_SIZE)
    assert peak_since_reset() < PEAK_LIMIT, f"peak {peak_since_reset() / MIB:.1f} MiB"


async def test_base64_inhoud_in_json_is_decoded_as_it_streams_in(app, superuser, iot, traced):
    size = 12 * MIB
    tracemalloc.reset_peak()
    created = await call(app, "POST", EIO, {**superuser, "Content-Type": "application/json"}, base64_json(iot, size))
    assert created.status == 201, created.small
    document = created.json()
    assert document["bestandsomvang"] == size
    downloaded = await call(app, "GET", f"{document['url']}/download", superuser)
    assert downloaded.digest.hexdigest() == expected_digest(size)
    assert peak_since_reset() < PEAK_LIMIT, f"peak {peak_since_reset() / MIB:.1f} MiB"
