"""A cap on request size, enforced before any handler runs.

The body is read into memory up to the limit first and only then handed to the app, so a request
that turns out too large (declared or chunked) never reaches a handler and nothing is saved.
"""

from __future__ import annotations

import json
from html import escape

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nearer.web.form_text import unix_line_breaks

MAX_BODY_BYTES = 1_000_000  # the largest real request (an instrument file) is capped at 200 KB


def too_large_message(limit: int) -> str:
    return f"The request is larger than {limit // 1000:,} KB; nothing was saved."


class LimitBodySize:
    """ASGI middleware: 413 for bodies over the limit, by declared length or by counting."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        body = await self._read_body(receive)
        if body is None:
            await self._refuse(scope, send)
            return
        if not isinstance(body, bytes):  # the client went away before the body was complete
            return
        scope, body = unix_line_breaks(scope, body)  # while the body is in hand (form_text.py)
        await self.app(scope, _replay(body, receive), send)

    async def _read_body(self, receive: Receive) -> bytes | Message | None:
        """The whole body; None once it passes the limit; the disconnect message if one came."""
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return message
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = too_large_message(self.limit)
        path = str(scope.get("path", ""))
        if path.startswith("/api/") or path.endswith(".json"):
            body = json.dumps({"detail": message}).encode()
            kind = b"application/json"
        else:
            body = _error_page(message).encode()
            kind = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", kind),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the buffered body once, then waits on the real one (disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _error_page(message: str) -> str:
    # A plain page: the refusal happens before sessions and templates, and needs neither.
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Too large · Nearer</title>"
        '<link rel="stylesheet" href="/static/style.css"></head><body><main id="main">'
        f'<h1>Too large</h1><p class="error" role="alert">{escape(message)}</p>'
        "<p>Go back, shorten what you wrote, and send it again.</p>"
        '<p><a href="/">Home</a></p>'
        "</main></body></html>"
    )
