"""Security headers on every response, and no caching of anything but the static files.

A pure ASGI middleware, so it also covers responses that never reach a route: 404s, 405s, the
413 of the body limit and redirects. The 500 handler adds the same headers itself (see app.py),
because Starlette answers a crash from outside every middleware.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
STATIC_PREFIX = "/static/"


def headers_for(path: str) -> dict[str, str]:
    """The headers a response to `path` carries. Only the static files (the same for everyone,
    no private text) may be cached; pages, API JSON and exports are `no-store`."""
    headers = dict(SECURITY_HEADERS)
    if not path.startswith(STATIC_PREFIX):
        headers["Cache-Control"] = "no-store"
    return headers


def apply_headers(target: MutableHeaders, path: str) -> None:
    for name, value in headers_for(path).items():
        target[name] = value  # replaces any value the route set


def _raw(headers: dict[str, str]) -> tuple[tuple[bytes, bytes], ...]:
    return tuple((name.lower().encode("latin-1"), value.encode("latin-1"))
                 for name, value in headers.items())


# The same headers as raw ASGI pairs, encoded once: every response gets one of these two lists.
_RAW_STATIC = _raw(headers_for(STATIC_PREFIX))
_RAW_PRIVATE = _raw(headers_for("/"))
_NAMES_STATIC = frozenset(name for name, _ in _RAW_STATIC)
_NAMES_PRIVATE = frozenset(name for name, _ in _RAW_PRIVATE)


def with_headers(raw: Iterable[tuple[bytes, bytes]], path: str) -> list[tuple[bytes, bytes]]:
    """`raw` (a response's ASGI header pairs) with `headers_for(path)` in place of any value
    the route set for the same names."""
    added, names = (
        (_RAW_STATIC, _NAMES_STATIC) if path.startswith(STATIC_PREFIX)
        else (_RAW_PRIVATE, _NAMES_PRIVATE)
    )
    kept = [pair for pair in raw if pair[0].lower() not in names]
    kept.extend(added)
    return kept


class SecurityHeaders:
    """ASGI middleware: adds `headers_for(path)` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_headers(message.get("headers", ()), path)
            await send(message)

        await self.app(scope, receive, send_with_headers)
