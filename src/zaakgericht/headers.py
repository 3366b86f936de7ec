"""The security headers of every response: the pages of the web application, the APIs and the static files.

Pages get a Content-Security-Policy that allows scripts, styles, images and fonts from this
origin only: no inline script or style, no ``eval``, no framing, forms only to this site. Every
other response (JSON of the APIs, static files, downloads) gets the strictest policy, which
allows nothing to load or run. A response that sets its own policy (a download's ``sandbox``)
keeps it.
"""

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .api.urls import MOUNTS, request_base_url

PAGE_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# Nothing of the application uses these browser features: a script smuggled in cannot either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", PERMISSIONS_POLICY.encode()),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_HSTS = (b"strict-transport-security", b"max-age=31536000")
_NOT_PAGES = ("/static/", "/api/", *(f"{mount}/" for mount in MOUNTS.values()))


def _is_page(path: str) -> bool:
    return not (path + "/").startswith(_NOT_PAGES)


def security_headers(path: str, https: bool) -> list[tuple[bytes, bytes]]:
    """The headers every response to ``path`` carries (unless it sets them itself)."""
    policy = PAGE_POLICY if _is_page(path) else OTHER_POLICY
    headers = [*_COMMON, (b"content-security-policy", policy.encode())]
    if https:
        headers.append(_HSTS)
    return headers


class SecurityHeadersMiddleware:
    """Adds ``security_headers`` to every HTTP response of the wrapped application."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = request_base_url(Request(scope)).startswith("https://")
        extra = security_headers(scope["path"], https)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                message["headers"] = headers + [(name, value) for name, value in extra if name not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)
