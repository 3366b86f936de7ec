"""Domain and HTTP errors, rendered as ``application/problem+json`` as the standard prescribes.

Services raise these; the exception handlers installed on every API turn them into
``Fout`` / ``ValidatieFout`` bodies with the codes clients of the standard rely on.
"""

from dataclasses import dataclass

import orjson
from fastapi import Request
from fastapi.responses import Response


@dataclass(frozen=True, slots=True)
class InvalidParam:
    name: str
    code: str
    reason: str


class ApiError(Exception):
    status: int = 500
    code: str = "error"
    title: str = "Er is een serverfout opgetreden."
    type_name: str = "APIException"

    def __init__(self, detail: str | None = None, *, code: str | None = None) -> None:
        self.detail = detail or self.title
        if code:
            self.code = code
        super().__init__(self.detail)

    def body(self, instance: str, base_url: str) -> dict:
        return {
            "type": f"{base_url}/ref/fouten/{self.type_name}/",
            "code": self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
        }


class ValidationError(ApiError):
    status = 400
    code = "invalid"
    title = "Invalid input."
    type_name = "ValidationError"

    def __init__(self, invalid_params: list[InvalidParam], detail: str | None = None) -> None:
        self.invalid_params = invalid_params
        super().__init__(detail or "; ".join(f"{p.name}: {p.reason}" for p in invalid_params))

    @classmethod
    def single(cls, name: str, code: str, reason: str) -> "ValidationError":
        return cls([InvalidParam(name, code, reason)])

    def body(self, instance: str, base_url: str) -> dict:
        body = super().body(instance, base_url)
        body["invalidParams"] = [{"name": p.name, "code": p.code, "reason": p.reason} for p in self.invalid_params]
        return body


class ParseError(ValidationError):
    """Malformed JSON: a 400 like any other invalid input, so it carries ``invalidParams`` too."""

    code = "parse_error"
    title = "Malformed request."
    type_name = "ParseError"

    def __init__(self, detail: str) -> None:
        super().__init__([InvalidParam("nonFieldErrors", "parse_error", detail)], detail)


class NotAuthenticated(ApiError):
    status = 401
    code = "not_authenticated"
    title = "Authenticatiegegevens zijn niet opgegeven."
    type_name = "NotAuthenticated"


class PermissionDenied(ApiError):
    status = 403
    code = "permission_denied"
    title = "U heeft geen toestemming om deze actie uit te voeren."
    type_name = "PermissionDenied"


class NotFound(ApiError):
    status = 404
    code = "not_found"
    title = "Niet gevonden."
    type_name = "NotFound"


class MethodNotAllowed(ApiError):
    status = 405
    code = "method_not_allowed"
    title = "Methode niet toegestaan."
    type_name = "MethodNotAllowed"


class Conflict(ApiError):
    status = 409
    code = "conflict"
    title = "De wijziging botst met een andere wijziging."
    type_name = "Conflict"


class UnsupportedMediaType(ApiError):
    status = 415
    code = "unsupported_media_type"
    title = "Ongeldige media type in verzoek."
    type_name = "UnsupportedMediaType"


def problem_response(error: ApiError, request: Request) -> Response:
    from .urls import request_base_url

    return Response(
        content=orjson.dumps(error.body(request.url.path, request_base_url(request))),
        status_code=error.status,
        media_type="application/problem+json",
    )
