"""Each request gets a keyring of its own, wiped when the answer has been sent."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from nearer.storage import keyring


class KeyringPerRequest:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        with keyring.scoped():
            await self.app(scope, receive, send)
