"""Query parameters of list endpoints: declared per endpoint, validated like input.

An unknown parameter or a value of the wrong shape is a 400 with ``invalidParams``,
as the standard demands; a valid value becomes a typed Python value.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from .errors import InvalidParam, ValidationError

PAGE = "page"


@dataclass(frozen=True, slots=True)
class Filter:
    parse: Callable[[str], Any]


def _text(value: str) -> str:
    return value


def _uri(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("Voer een geldige URL in.")
    return value


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("Voer een geldige datum in (JJJJ-MM-DD).") from None


def _bool(value: str) -> bool:
    lowered = value.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise ValueError("Voer true of false in.")


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError("Voer een geheel getal in.") from None


def _csv(value: str) -> list[str]:
    return [part for part in value.split(",") if part]


TEXT = Filter(_text)
URI = Filter(_uri)
DATE = Filter(_date)
BOOL = Filter(_bool)
INT = Filter(_int)
CSV = Filter(_csv)


class ChoiceError(ValueError):
    """A value outside the allowed choices (code ``invalid_choice``)."""


def choice(options: Iterable[str]) -> Filter:
    allowed = tuple(options)

    def parse(value: str) -> str:
        if value not in allowed:
            raise ChoiceError(f"Selecteer een geldige keuze. {value} is geen beschikbare keuze.")
        return value

    return Filter(parse)


def parse_filters(query: Mapping[str, str], declared: Mapping[str, Filter]) -> dict[str, Any]:
    """Validate ``query`` against the declared filters; ``page`` is always allowed."""
    unknown = sorted(key for key in query if key not in declared and key != PAGE)
    if unknown:
        raise ValidationError.single(
            "nonFieldErrors", "unknown-parameters", f"Onbekende query parameters: {', '.join(unknown)}"
        )
    values: dict[str, Any] = {}
    errors: list[InvalidParam] = []
    for name, spec in declared.items():
        if name not in query:
            continue
        raw = query[name]
        try:
            values[name] = spec.parse(raw)
        except ValueError as exc:
            code = "invalid_choice" if isinstance(exc, ChoiceError) else "invalid"
            errors.append(InvalidParam(name, code, str(exc)))
    if errors:
        raise ValidationError(errors)
    return values
