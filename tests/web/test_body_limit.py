"""Issue 13 item 5: a body over 1 MB is refused before any handler runs, chunked or sized.

Before the fix a chunked body was cut at the limit and handed on; a valid JSON object or form
followed by padding still parsed, the entry was saved, and only then was the answer swapped for
413 "nothing was saved". Each test counts the rows to prove nothing was written. The requests go over a real socket to a
real uvicorn server, so a generator body really arrives in many chunks with no Content-Length
(Starlette's TestClient would join the chunks into one message first).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import func, select
from support import api_link, api_signup, csrf_of, page_login

from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import Entry
from nearer.web.limits import MAX_BODY_BYTES, LimitBodySize

MESSAGE = "The request is larger than 1,000 KB; nothing was saved."


def chunked(body: bytes, size: int = 64_000) -> Iterator[bytes]:
    """A generator body: httpx sends it with Transfer-Encoding: chunked and no Content-Length."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def entry_count(db: Database) -> int:
    with db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(Entry)) or 0)


@pytest.fixture
def live(sqlite_db: Database, tmp_path: Path) -> Iterator[str]:
    """The app on a free local port, served by uvicorn in a thread."""
    import uvicorn

    from nearer.web.app import create_app

    settings = Settings(
        data_dir=tmp_path,
        secret_key="test-secret-key-0123456789",
        cookie_secure=False,
        _env_file=None,  # type: ignore[call-arg]
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    config = uvicorn.Config(
        create_app(db=sqlite_db, settings=settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def pair(live: str) -> Iterator[tuple[httpx.Client, dict[str, str], dict[str, str]]]:
    with httpx.Client(base_url=live, timeout=30) as client:
        owner = api_signup(client, "owner@example.org")
        partner = api_signup(client, "partner@example.org")
        api_link(client, owner, partner)
        yield client, owner, partner


Pair = tuple[httpx.Client, dict[str, str], dict[str, str]]


@pytest.mark.parametrize("visibility", ["private", "shared"])
def test_chunked_api_body_over_the_limit_saves_nothing(
    sqlite_db: Database, pair: Pair, visibility: str
) -> None:
    client, owner, partner = pair
    # A complete, valid entry in the first chunk; whitespace padding takes it past 1 MB.
    head = f'{{"text": "canary-413", "visibility": "{visibility}"}}'.encode()
    body = head + b" " * (MAX_BODY_BYTES + 10 - len(head))
    response = client.post(
        "/api/v1/entries",
        content=chunked(body),
        headers={**owner, "Content-Type": "application/json"},
    )
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert response.status_code == 413
    assert entry_count(sqlite_db) == 0
    assert response.json() == {"detail": MESSAGE}
    assert client.get("/api/v1/partner/entries", headers=partner).json()["items"] == []


def test_chunked_api_body_exactly_at_the_limit_is_accepted(sqlite_db: Database, pair: Pair) -> None:
    client, owner, _ = pair
    head = b'{"text": "just fits"}'
    body = head + b" " * (MAX_BODY_BYTES - len(head))
    assert len(body) == 1_000_000
    response = client.post(
        "/api/v1/entries",
        content=chunked(body),
        headers={**owner, "Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.text
    assert entry_count(sqlite_db) == 1


def test_declared_length_over_the_limit_is_refused_unread(sqlite_db: Database, pair: Pair) -> None:
    client, owner, _ = pair
    head = b'{"text": "canary-413"}'
    body = head + b" " * (MAX_BODY_BYTES + 1 - len(head))
    response = client.post(
        "/api/v1/entries", content=body, headers={**owner, "Content-Type": "application/json"}
    )
    assert response.request.headers["content-length"] == "1000001"
    assert response.status_code == 413
    assert entry_count(sqlite_db) == 0
    assert response.json() == {"detail": MESSAGE}


def _logged_in(live: str) -> tuple[httpx.Client, str]:
    browser = httpx.Client(base_url=live, timeout=30)
    page_login(browser, "owner@example.org")
    return browser, csrf_of(browser.get("/journal").text)


@pytest.mark.parametrize("visibility", ["private", "shared"])
def test_chunked_form_over_the_limit_saves_nothing(
    live: str, sqlite_db: Database, pair: Pair, visibility: str
) -> None:
    browser, token = _logged_in(live)
    try:
        form = urlencode({"csrf_token": token, "text": "canary-413", "visibility": visibility})
        body = (form + "&pad=" + "x" * MAX_BODY_BYTES).encode()
        response = browser.post(
            "/journal",
            content=chunked(body),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    finally:
        browser.close()
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert entry_count(sqlite_db) == 0
    assert response.headers["content-type"].startswith("text/html")
    assert MESSAGE in response.text


def test_chunked_form_under_the_limit_still_saves(
    live: str, sqlite_db: Database, pair: Pair
) -> None:
    browser, token = _logged_in(live)
    try:
        body = urlencode({"csrf_token": token, "text": "small and chunked"}).encode()
        response = browser.post(
            "/journal",
            content=chunked(body, size=7),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    finally:
        browser.close()
    assert response.status_code == 303, response.text
    assert entry_count(sqlite_db) == 1


async def _drive(body_chunks: list[bytes]) -> tuple[bool, list[dict[str, Any]]]:
    """LimitBodySize alone, fed one ASGI message per chunk; was the inner app called?"""
    called = False
    sent: list[dict[str, Any]] = []
    queue = [
        {"type": "http.request", "body": c, "more_body": i < len(body_chunks) - 1}
        for i, c in enumerate(body_chunks)
    ]

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        nonlocal called
        called = True
        message = await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": message["body"]})

    async def receive() -> Any:
        return queue.pop(0)

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "path": "/api/v1/entries", "headers": []}
    await LimitBodySize(inner, limit=10)(scope, receive, send)
    return called, sent


def test_the_app_never_sees_a_body_that_grows_past_the_limit() -> None:
    import anyio

    called, sent = anyio.run(_drive, [b"1234", b"5678", b"901"])
    assert not called
    assert sent[0]["status"] == 413


def test_the_app_gets_the_whole_body_in_one_piece_when_it_fits() -> None:
    import anyio

    called, sent = anyio.run(_drive, [b"1234", b"5678", b"90"])
    assert called
    assert sent[0]["status"] == 200 and sent[1]["body"] == b"1234567890"
