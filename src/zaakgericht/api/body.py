"""Reading request bodies: JSON parsing and Pydantic validation mapped to ``invalidParams``."""

from typing import Any, TypeVar, get_args

import orjson
from fastapi import Request
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import core_schema

from .edge import read_json_bytes, refuse_nul_in_json
from .errors import InvalidParam, ParseError, UnsupportedMediaType, ValidationError

Model = TypeVar("Model", bound=BaseModel)

# Pydantic error types -> the codes Django REST framework (and so the reference
# implementation and Open Zaak) uses for the same problem.
_CODES = {
    "missing": "required",
    "string_too_long": "max_length",
    "string_too_short": "min_length",
    "too_long": "max_length",
    "too_short": "min_length",
    "enum": "invalid_choice",
    "literal_error": "invalid_choice",
    "less_than_equal": "max_value",
    "greater_than_equal": "min_value",
    "url_parsing": "invalid",
}

# Errors raised by our own validators (PydanticCustomError) carry the standard's code as type.
_BUILTIN_TYPES = set(get_args(core_schema.ErrorType))

_REASONS = {
    "required": "Dit veld is vereist.",
    "null": "Dit veld mag niet leeg zijn.",
}


def _invalid_param(error: dict[str, Any]) -> InvalidParam:
    location = [str(part) for part in error["loc"] if not str(part).startswith("function-")]
    name = ".".join(location) or "nonFieldErrors"
    error_type = error["type"]
    if error_type not in _BUILTIN_TYPES:
        code = error_type
    elif error_type in _CODES:
        code = _CODES[error_type]
    elif error.get("input", ...) is None:
        code = "null"
    else:
        code = "invalid"
    reason = _REASONS.get(code) or error["msg"].removeprefix("Value error, ")
    return InvalidParam(name, code, reason)


def validation_error(exc: PydanticValidationError) -> ValidationError:
    return ValidationError([_invalid_param(error) for error in exc.errors()])


def validate(model: type[Model], data: Any) -> Model:
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise validation_error(exc) from None


async def json_body(request: Request) -> Any:
    """The parsed JSON body (of at most the configured size, without NUL); an empty body counts as an empty object."""
    raw = await read_json_bytes(request)
    if not raw.strip():
        return {}
    content_type = request.headers.get("content-type", "application/json").split(";")[0].strip()
    if content_type != "application/json" and not content_type.endswith("+json"):
        raise UnsupportedMediaType(f'Ongeldige media type "{content_type}" in verzoek.')
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"JSON parse error - {exc}") from None
    refuse_nul_in_json(raw, data)
    return data


async def json_object(request: Request) -> dict[str, Any]:
    data = await json_body(request)
    if not isinstance(data, dict):
        raise ValidationError.single(
            "nonFieldErrors", "invalid", "Ongeldige data. Verwacht een dictionary, kreeg een lijst of waarde."
        )
    return data
