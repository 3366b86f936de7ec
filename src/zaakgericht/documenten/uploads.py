"""Reading request bodies that carry file contents, streaming the contents into storage.

Two kinds of body carry a file:

- a document as JSON with ``inhoud`` in base64. The top-level ``inhoud`` string is found
  while the body streams in and decoded straight into storage; only the rest of the body
  (the metadata, at most ``METADATA_LIMIT`` bytes) is kept and parsed as JSON;
- a bestandsdeel as ``multipart/form-data`` (or ``application/x-www-form-urlencoded``) with
  ``inhoud`` and ``lock``: parsed by python-multipart's streaming parsers, ``inhoud`` goes
  straight into storage.

So the size of a file never decides how much memory a request takes.
"""

import binascii
import re
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

import orjson
from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, QuerystringParser, parse_options_header

from ..api.edge import refuse_nul_in_json
from ..api.errors import ParseError, UnsupportedMediaType, ValidationError
from ..settings import get_settings
from .storage import FileChanges, StoredFile, Writer

# The metadata of a document is small; anything beyond this outside ``inhoud`` is refused.
METADATA_LIMIT = 1024 * 1024
# The first characters of ``inhoud`` decide whether it is base64 or a URL (a client sending back what it read).
_HEAD = 2048
_QUOTE_OR_BACKSLASH = re.compile(rb'["\\]')
_WHITESPACE = b" \t\r\n"
_SENTINEL = "\x00"


def too_large(name: str, limit: int) -> ValidationError:
    return ValidationError.single(name, "file-too-large", f"Het verzoek is groter dan toegestaan ({limit} bytes).")


def not_base64() -> ValidationError:
    return ValidationError.single(
        "inhoud", "invalid", "De inhoud is geen geldige base64 en kon niet worden gedecodeerd."
    )


def _ensure_json(request: Request) -> None:
    content_type = request.headers.get("content-type", "application/json").split(";")[0].strip()
    if content_type != "application/json" and not content_type.endswith("+json"):
        raise UnsupportedMediaType(f'Ongeldige media type "{content_type}" in verzoek.')


class _Base64Decoder:
    """Decodes base64 arriving in pieces of any length; padding (required) only at the very end."""

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, data: bytes) -> bytes:
        data = self._pending + data.translate(None, _WHITESPACE)
        usable = len(data) // 4 * 4
        self._pending = data[usable:]
        return self._decode(data[:usable])

    def finish(self) -> bytes:
        # The OAS's format byte is RFC 4648 base64: padded to a multiple of four characters.
        rest, self._pending = self._pending, b""
        if rest:
            raise not_base64()
        return b""

    @staticmethod
    def _decode(data: bytes) -> bytes:
        try:
            return binascii.a2b_base64(data, strict_mode=True)
        except binascii.Error:
            raise not_base64() from None


class _InhoudScanner:
    """Splits a JSON object body into its top-level ``inhoud`` string (as decoded bytes) and the rest.

    Outside ``inhoud`` it follows the JSON structure byte by byte (that part is small);
    inside it, it moves from quote or backslash to the next in bulk.
    """

    def __init__(self) -> None:
        self.rest = bytearray()
        self.streamed = False  # a base64 inhoud went to storage
        self._stack: list[int] = []
        self._in_string = False
        self._escape = False
        self._key: bytearray | None = None  # the key being read at depth 1
        self._expect_key = False
        self._last_key = b""
        self._inhoud_value_next = False
        # Inside the inhoud string:
        self._in_inhoud = False
        self._inhoud_seen = False
        self._head = bytearray()
        self._mode = ""  # "", "base64" or "url"
        self._url = bytearray()
        self._escape_pending = b""
        self._decoder = _Base64Decoder()

    def feed(self, chunk: bytes) -> list[bytes]:
        """Consume a chunk; returns decoded inhoud bytes to store."""
        out: list[bytes] = []
        position = 0
        while position < len(chunk):
            if self._in_inhoud:
                position = self._feed_inhoud(chunk, position, out)
            else:
                position = self._feed_structure(chunk, position)
            if len(self.rest) > METADATA_LIMIT:
                raise too_large("nonFieldErrors", METADATA_LIMIT)
        return out

    def finish(self) -> None:
        if self._in_inhoud:
            raise ParseError("JSON parse error - de tekst van inhoud is niet afgesloten.")

    # --- the JSON structure outside inhoud ---

    def _feed_structure(self, chunk: bytes, position: int) -> int:
        for index in range(position, len(chunk)):
            byte = chunk[index]
            if self._in_string:
                self._string_byte(byte)
                continue
            if self._inhoud_value_next and byte == 0x22 and not self._inhoud_seen:  # the opening quote
                self._inhoud_value_next = False
                self._inhoud_seen = True
                self._in_inhoud = True
                return index + 1
            if byte not in _WHITESPACE:
                self._inhoud_value_next = False
            self.rest.append(byte)
            self._structure_byte(byte)
        return len(chunk)

    def _string_byte(self, byte: int) -> None:
        self.rest.append(byte)
        if self._escape:
            self._escape = False
        elif byte == 0x5C:  # backslash
            self._escape = True
        elif byte == 0x22:  # closing quote
            self._in_string = False
            if self._key is not None:
                self._last_key, self._key = bytes(self._key), None
            return
        if self._key is not None and len(self._key) <= 64:
            self._key.append(byte)

    def _structure_byte(self, byte: int) -> None:
        at_top = len(self._stack) == 1 and self._stack[0] == 0x7B
        if byte == 0x22:
            self._in_string = True
            self._key = bytearray() if at_top and self._expect_key else None
            self._expect_key = False
        elif byte in (0x7B, 0x5B):  # { [
            self._stack.append(byte)
            self._expect_key = len(self._stack) == 1 and byte == 0x7B
        elif byte in (0x7D, 0x5D) and self._stack:  # } ]
            self._stack.pop()
        elif byte == 0x2C and at_top:  # ,
            self._expect_key = True
        elif byte == 0x3A and at_top:  # :
            self._inhoud_value_next = self._last_key == b"inhoud"
            if self._inhoud_value_next and self._inhoud_seen:
                raise ValidationError.single("inhoud", "invalid", "Geef de inhoud één keer.")

    # --- the inhoud string ---

    def _feed_inhoud(self, chunk: bytes, position: int, out: list[bytes]) -> int:
        while position < len(chunk):
            if self._escape_pending:
                position = self._feed_escape(chunk, position, out)
                continue
            match = _QUOTE_OR_BACKSLASH.search(chunk, position)
            end = match.start() if match else len(chunk)
            if end > position:
                self._take(chunk[position:end], out)
            if match is None:
                return len(chunk)
            if chunk[end] == 0x22:
                self._end_inhoud(out)
                return end + 1
            self._escape_pending = b"\\"
            position = end + 1
        return position

    def _feed_escape(self, chunk: bytes, position: int, out: list[bytes]) -> int:
        if len(self._escape_pending) == 1:
            self._escape_pending += chunk[position : position + 1]
            position += 1
        needed = 6 if self._escape_pending[1:2] == b"u" else 2
        take = min(needed - len(self._escape_pending), len(chunk) - position)
        self._escape_pending += chunk[position : position + take]
        position += take
        if len(self._escape_pending) == needed:
            escape, self._escape_pending = self._escape_pending, b""
            try:
                character = orjson.loads(b'"' + escape + b'"').encode()
            except (orjson.JSONDecodeError, UnicodeEncodeError):
                raise ParseError("JSON parse error - ongeldige escape in inhoud.") from None
            self._take(character, out)
        return position

    def _take(self, data: bytes, out: list[bytes]) -> None:
        if self._mode == "base64":
            out.append(self._decoder.feed(data))
        elif self._mode == "url":
            self._url += data
            if len(self._url) > METADATA_LIMIT:
                raise too_large("inhoud", METADATA_LIMIT)
        else:
            self._head += data
            if len(self._head) >= _HEAD:
                self._decide(out)

    def _decide(self, out: list[bytes]) -> None:
        head, self._head = bytes(self._head), bytearray()
        if head.startswith((b"http://", b"https://")):
            self._mode = "url"
            self._url += head
            return
        if head.startswith(b"data:") and b";base64," in head:  # a data URI, as some clients send
            head = head.split(b";base64,", 1)[1]
        self._mode = "base64"
        if head:
            self.streamed = True
            out.append(self._decoder.feed(head))

    def _end_inhoud(self, out: list[bytes]) -> None:
        self._in_inhoud = False
        if not self._mode:
            self._decide(out)
        if self._mode == "url":
            self.rest += orjson.dumps(self._url.decode("utf-8", "replace"))
        elif self.streamed:
            out.append(self._decoder.finish())
            self.rest += orjson.dumps(_SENTINEL)
        else:
            self.rest += b'""'


@dataclass
class DocumentBody:
    """A document request: the JSON without a streamed ``inhoud``, and the stored inhoud if one was sent."""

    data: dict
    inhoud: StoredFile | None = None


async def document_body(request: Request, files: FileChanges) -> DocumentBody:
    """Read a document body; a base64 ``inhoud`` is decoded into storage as it arrives."""
    _ensure_json(request)
    limit = get_settings().documenten_max_body_size
    scanner = _InhoudScanner()
    writer: Writer | None = None
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise too_large("inhoud", limit)
            for data in scanner.feed(chunk):
                writer = writer or files.storage.writer()
                await writer.write(data)
        scanner.finish()
        stored = files.add(await writer.commit()) if writer is not None else None
    except BaseException:
        if writer is not None:
            await writer.abort()
        raise
    rest = bytes(scanner.rest)
    data = _parse_object(rest)
    if data.get("inhoud") is not None and not isinstance(data["inhoud"], str):
        raise ValidationError.single("inhoud", "invalid", "Geef de inhoud als tekst in base64 (of null).")
    if stored is not None and data.get("inhoud") == _SENTINEL:
        del data["inhoud"]
    elif isinstance(data.get("inhoud"), str) and data["inhoud"] and not _is_url(data["inhoud"]):
        # Only an inhoud the scanner could not see (e.g. a key with escapes) gets here; it is small.
        stored = await _store_base64(data.pop("inhoud"), files)
    refuse_nul_in_json(rest, data)
    return DocumentBody(data, stored)


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


async def _store_base64(text: str, files: FileChanges) -> StoredFile:
    decoder = _Base64Decoder()
    writer = files.storage.writer()
    try:
        await writer.write(decoder.feed(text.encode("ascii", "replace")))
        await writer.write(decoder.finish())
    except BaseException:
        await writer.abort()
        raise
    return files.add(await writer.commit())


def _parse_object(raw: bytes) -> dict:
    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"JSON parse error - {exc}") from None
    if not isinstance(data, dict):
        raise ValidationError.single(
            "nonFieldErrors", "invalid", "Ongeldige data. Verwacht een dictionary, kreeg een lijst of waarde."
        )
    return data


# --- bestandsdelen ---------------------------------------------------------------------------


@dataclass
class PartBody:
    lock: str | None
    inhoud: StoredFile | None


class _PartReader:
    """Collects the ``lock`` field and streams the ``inhoud`` field of a form into a storage writer."""

    def __init__(self, files: FileChanges, max_size: int) -> None:
        self.files = files
        self.max_size = max_size
        self.lock: bytearray | None = None
        self.writer: Writer | None = None
        self.field = ""
        self.ended = False  # the closing boundary of a multipart body was seen
        self.pending: list[bytes] = []
        self._header_field = bytearray()
        self._header_value = bytearray()

    def start_field(self, name: str) -> None:
        self.field = name
        if name == "lock":
            self.lock = bytearray()
        elif name == "inhoud":
            if self.writer is not None:
                raise ValidationError.single("inhoud", "invalid", "Geef de inhoud één keer.")
            self.writer = self.files.storage.writer()

    def data(self, data: bytes) -> None:
        if self.field == "inhoud":
            self.pending.append(data)
        elif self.field == "lock" and self.lock is not None:
            self.lock += data
            if len(self.lock) > 1000:
                raise ValidationError.single("lock", "max_length", "De lock is te lang.")

    async def flush(self) -> None:
        pending, self.pending = self.pending, []
        for data in pending:
            await self.writer.write(data)
            if self.writer.size > self.max_size:
                raise ValidationError.single(
                    "inhoud",
                    "file-size",
                    f"Het bestandsdeel is groter dan de afgesproken omvang van {self.max_size} bytes.",
                )

    # multipart/form-data headers of one part
    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def header_end(self) -> None:
        if bytes(self._header_field).lower() == b"content-disposition":
            _, options = parse_options_header(bytes(self._header_value))
            self.field = options.get(b"name", b"").decode("latin-1")
        self._header_field, self._header_value = bytearray(), bytearray()

    def headers_finished(self) -> None:
        self.start_field(self.field)

    def part_end(self) -> None:
        self.field = ""


class _PercentDecoder:
    """Decodes ``application/x-www-form-urlencoded`` values arriving in pieces."""

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, data: bytes) -> bytes:
        data = self._pending + data
        cut = data.rfind(b"%", max(0, len(data) - 2))
        if cut != -1:
            data, self._pending = data[:cut], data[cut:]
        else:
            self._pending = b""
        return unquote_to_bytes(data.replace(b"+", b" "))

    def finish(self) -> bytes:
        rest, self._pending = self._pending, b""
        return unquote_to_bytes(rest)


def _multipart_parser(reader: _PartReader, boundary: bytes) -> MultipartParser:
    return MultipartParser(
        boundary,
        {
            "on_part_begin": lambda: None,
            "on_part_data": lambda data, start, end: reader.data(bytes(data[start:end])),
            "on_part_end": reader.part_end,
            "on_header_field": reader.header_field,
            "on_header_value": reader.header_value,
            "on_header_end": reader.header_end,
            "on_headers_finished": reader.headers_finished,
            "on_end": lambda: setattr(reader, "ended", True),
        },
    )


def _urlencoded_parser(reader: _PartReader) -> QuerystringParser:
    name = bytearray()
    decoder = _PercentDecoder()

    def field_start() -> None:
        nonlocal decoder
        name.clear()
        decoder = _PercentDecoder()
        reader.field = "?"

    def field_name(data: bytes, start: int, end: int) -> None:
        name.extend(data[start:end])

    def field_data(data: bytes, start: int, end: int) -> None:
        if reader.field == "?":
            reader.start_field(unquote_to_bytes(bytes(name)).decode("utf-8", "replace"))
        reader.data(decoder.feed(bytes(data[start:end])))

    def field_end() -> None:
        if reader.field == "?":
            reader.start_field(unquote_to_bytes(bytes(name)).decode("utf-8", "replace"))
        reader.data(decoder.finish())
        reader.part_end()

    return QuerystringParser(
        {
            "on_field_start": field_start,
            "on_field_name": field_name,
            "on_field_data": field_data,
            "on_field_end": field_end,
        }
    )


async def part_body(request: Request, files: FileChanges, max_size: int) -> PartBody:
    """Read a bestandsdeel upload; ``inhoud`` larger than ``max_size`` is refused as soon as it is."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    reader = _PartReader(files, max_size)
    if content_type == b"multipart/form-data" and options.get(b"boundary"):
        parser = _multipart_parser(reader, options[b"boundary"])
    elif content_type == b"application/x-www-form-urlencoded":
        parser = _urlencoded_parser(reader)
        reader.ended = True
    else:
        raise UnsupportedMediaType(
            f'Ongeldige media type "{content_type.decode("latin-1")}" in verzoek; gebruik multipart/form-data.'
        )
    try:
        async for chunk in request.stream():
            try:
                parser.write(chunk)
            except FormParserError as exc:
                raise ParseError(f"Multipart parse error - {exc}") from None
            if reader.writer is not None:
                await reader.flush()
        parser.finalize()
        if not reader.ended:
            raise ParseError("Multipart parse error - het verzoek is onvolledig (de afsluitende boundary ontbreekt).")
        if reader.writer is not None:
            await reader.flush()
        stored = files.add(await reader.writer.commit()) if reader.writer is not None else None
    except BaseException:
        if reader.writer is not None:
            await reader.writer.abort()
        raise
    lock = reader.lock.decode("utf-8", "replace") if reader.lock is not None else None
    return PartBody(lock, stored)
