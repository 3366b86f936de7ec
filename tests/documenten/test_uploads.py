"""The streaming readers of request bodies: base64 inside JSON found and decoded however the body is cut up."""

import base64
import json
import random

import pytest

from zaakgericht.api.errors import ParseError, ValidationError
from zaakgericht.documenten.uploads import _SENTINEL, _InhoudScanner, _PercentDecoder


def scan(raw: bytes, cuts: list[int]) -> tuple[dict, bytes, bool]:
    scanner = _InhoudScanner()
    decoded = []
    for start, end in zip([0, *cuts], [*cuts, len(raw)], strict=True):
        decoded += scanner.feed(raw[start:end])
    scanner.finish()
    return json.loads(bytes(scanner.rest)), b"".join(decoded), scanner.streamed


def random_cuts(raw: bytes, rng: random.Random) -> list[int]:
    return sorted(rng.sample(range(1, len(raw)), min(len(raw) - 1, rng.randint(1, 40))))


@pytest.mark.parametrize("seed", range(25))
def test_inhoud_is_split_off_wherever_the_chunks_end(seed):
    rng = random.Random(seed)
    data = rng.randbytes(rng.randint(0, 5000))
    encoded = base64.b64encode(data).decode()
    if rng.random() < 0.5:  # JSON escapes: "\/" for "/" and line breaks as "\n"
        encoded = "\\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
        encoded = encoded.replace("/", "\\/")
    raw = (
        '{"titel": "A \\"quoted\\" inhoud: \\"x\\"", "nested": {"inhoud": "niet deze"}, '
        '"lijst": ["inhoud", {"inhoud": 1}], "inhoud" : "' + encoded + '", "taal": "dut"}'
    ).encode()
    rest, decoded, streamed = scan(raw, random_cuts(raw, rng))
    assert decoded == data
    assert rest["titel"] == 'A "quoted" inhoud: "x"'
    assert rest["nested"] == {"inhoud": "niet deze"} and rest["taal"] == "dut"
    assert rest["inhoud"] == (_SENTINEL if data else "")
    assert streamed == bool(data)


def test_urls_null_and_empty_inhoud_stay_in_the_json():
    for value in ("http://testserver/documenten/x/download?versie=1", None, ""):
        rest, decoded, streamed = scan(json.dumps({"inhoud": value, "a": 1}).encode(), [5, 17])
        assert (rest["inhoud"], decoded, streamed) == (value, b"", False)


def test_invalid_base64_and_broken_json():
    for value in ("QUJD=RUZH", "QUJDR", "ab$c"):
        with pytest.raises(ValidationError):
            scan(json.dumps({"inhoud": value}).encode(), [3])
    with pytest.raises(ParseError):
        scan(b'{"inhoud": "QUJD', [])
    with pytest.raises(ValidationError):
        scan(b'{"inhoud": "QUJD", "inhoud": "QUJD"}', [])


def test_percent_decoding_across_chunks():
    data = bytes(range(256))
    from urllib.parse import quote_from_bytes

    encoded = quote_from_bytes(data).encode()
    for cut in range(1, 12):
        decoder = _PercentDecoder()
        pieces = [encoded[i : i + cut] for i in range(0, len(encoded), cut)]
        assert b"".join(decoder.feed(p) for p in pieces) + decoder.finish() == data
