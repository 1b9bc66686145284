"""The dump test: after the demo data and a walk-through in real Chromium, a copy of the SQLite
file and a `pg_dump` of PostgreSQL hold none of the text anyone wrote, while the people
themselves still read it all in their browsers."""

from __future__ import annotations

import re
import shutil
import socket
import sqlite3
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import POSTGRES_URL, _postgres_reachable
from sqlalchemy import create_engine, text

from nearer.services import demo
from nearer.settings import Settings
from nearer.storage.db import Database

pytestmark = pytest.mark.e2e

# What the walk-through writes, each a distinct phrase that appears nowhere else.
WRITTEN = {
    "private": "Zephyr lantern worry about the mortgage letter",
    "shared": "Quillfeather thanks for the long walk by the canal",
    "bid": "Marigold asked Alex to dance in the kitchen",
    "note": "Saffron guide note: tap my shoulder when I drift",
    "checkin": "Bramble one line about the quiet breakfast",
    "answer": "Juniper answer about the bookshop by the river",
}


def _demo_texts() -> list[str]:
    texts = [row[3] for row in demo._ENTRIES]
    texts += [row[2] for row in demo._BIDS]
    texts += [t for row in demo._ANSWERS for t in row[1:]]
    texts += [
        "My mum noticed, but she was often busy; I learned to calm myself alone.",
        "I think I miss your bids when I'm on my laptop. Could you tap my shoulder?",
        "Alex put the phone away at dinner.",
        "Thanks for sharing these. Let's look at the weekly trend together.",
    ]
    return texts


def _needles() -> list[str]:
    """Every text in full, and a distinctive opening piece of it (in case of re-wrapping)."""
    found = []
    for written in [*_demo_texts(), *WRITTEN.values()]:
        found += [written, written[:24]]
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Database, folder: Path) -> Iterator[str]:
    import uvicorn

    from nearer.web.app import create_app

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(
        data_dir=folder,
        secret_key="dump-secret-key-0123456789",
        quick_exit_url=f"{base}/static/neutral.html",
        _env_file=None,  # type: ignore[call-arg]
    )
    app = create_app(db=db, settings=settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield base
    server.should_exit = True
    thread.join(timeout=10)


def _log_in(page: Any, server: str, email: str) -> None:
    page.goto(f"{server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(r"/(welcome)?$"))  # Today, or the welcome of a new account


def _walk_through(browser: Any, server: str) -> None:
    """Sam writes through every kind of form; Alex and Robin read what they may."""
    sam = browser.new_context().new_page()
    _log_in(sam, server, demo.DEMO_ACCOUNTS[0])
    for key, shared in (("private", False), ("shared", True)):
        sam.goto(f"{server}/journal")
        sam.fill("textarea[name=text]", WRITTEN[key])
        if shared:
            sam.check("input[name=visibility][value=shared]")
        sam.click("#new-entry button[type=submit]")
        sam.wait_for_load_state()
    sam.goto(f"{server}/journal")
    assert WRITTEN["private"] in sam.inner_text("main")

    sam.goto(f"{server}/bids")
    sam.fill("#bid-form input[name=text]", WRITTEN["bid"])
    sam.check("#bid-form input[name=direction][value=made]")
    sam.check("#bid-form input[name=response][value=toward]")
    sam.click("#bid-form button[type=submit]")
    sam.wait_for_load_state()
    assert WRITTEN["bid"] in sam.inner_text("main")

    sam.goto(f"{server}/guides/gentle-start-up")
    sam.fill("form[action='/guides/gentle-start-up/note'] textarea[name=text]", WRITTEN["note"])
    sam.click("form[action='/guides/gentle-start-up/note'] button[type=submit]")
    sam.wait_for_load_state()

    sam.goto(f"{server}/checkin")
    form = "#checkin-form"
    sam.check(f"{form} input[name=note_kind][value=appreciated]")
    sam.fill(f"{form} input[name=note]", WRITTEN["checkin"])
    sam.click(f"{form} button[type=submit]")
    sam.wait_for_load_state()

    sam.goto(f"{server}/questions")
    if sam.locator("#answer-form textarea[name=text]").count():
        sam.fill("#answer-form textarea[name=text]", WRITTEN["answer"])
        sam.click("#answer-form button[type=submit]")
        sam.wait_for_load_state()

    alex = browser.new_context().new_page()
    _log_in(alex, server, demo.DEMO_ACCOUNTS[1])
    alex.goto(f"{server}/partner")
    seen = alex.inner_text("main")
    assert WRITTEN["shared"] in seen and WRITTEN["private"] not in seen
    assert "It felt like us again" in seen  # a demo entry Sam shared, opened with the couple key

    sam.goto(f"{server}/support")  # the counsellor's note, opened for Sam
    assert "Thanks for sharing these" in sam.inner_text("main")
    robin = browser.new_context().new_page()
    _log_in(robin, server, demo.DEMO_PROFESSIONAL)
    robin.goto(f"{server}/professional")
    robin.click("main a[href^='/clients/']")
    robin.wait_for_load_state()
    assert "Thanks for sharing these" in robin.inner_text("main")


def _assert_nothing_found(dump: bytes, what: str) -> None:
    assert b"sam@demo.nearer" in dump, f"the {what} holds no data at all: the search proves nothing"
    found = [n for n in _needles() if n.encode() in dump]
    assert found == [], f"plain text found in the {what}: {found[:5]}"


def _assert_no_family_in_day_totals(totals: list[bytes], what: str) -> None:
    """The day totals' sums (`totals`, per family) as stored: the demo's entries have families
    (sadness, joy, ...), so a plain row would name them. Only this column is searched: family
    names such as "joy" are also wheel words a person may choose, plain by design elsewhere."""
    from nearer.domain.crypto import PREFIX
    from nearer.domain.feelings import FAMILIES

    assert len(totals) >= 4, f"the {what} holds no day totals: the search proves nothing"
    assert all(PREFIX.encode() in raw for raw in totals)
    # Searched outside the sealed values: a sealed value is random base64, where a short name
    # ("joy") turns up by chance in about one run in thirty.
    sealed = re.compile(re.escape(PREFIX.encode()) + rb"[A-Za-z0-9_\-]+=*")
    plain = [sealed.sub(b"", raw) for raw in totals]
    found = sorted({f for raw in plain for f in FAMILIES if f.encode() in raw})
    assert found == [], f"emotion families readable in the day totals of the {what}: {found}"


def _sqlite_day_totals(path: Path) -> list[bytes]:
    with sqlite3.connect(path) as conn:
        return [
            bytes(str(raw), "utf-8") for (raw,) in conn.execute("SELECT totals FROM day_totals")
        ]


def _pg_dump_day_totals(dump: bytes) -> list[bytes]:
    """The `totals` field of each row of the day_totals COPY block (the last column)."""
    block = re.search(rb"COPY [\w.]*day_totals \([^)]*\) FROM stdin;\n(.*?)\n\\\.", dump, re.S)
    assert block is not None, "no day_totals table in the pg_dump"
    header = re.search(rb"COPY [\w.]*day_totals \(([^)]*)\)", dump)
    assert header is not None and header.group(1).split(b", ")[-1] == b"totals"
    return [line.split(b"\t")[-1] for line in block.group(1).split(b"\n") if line]


def test_sqlite_file_holds_no_written_text(
    browser: Any, tmp_path: Path, sqlite_template: Path
) -> None:
    path = tmp_path / "dump.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    demo.seed_demo(db)
    for server in _serve(db, tmp_path):
        _walk_through(browser, server)
    db.dispose()
    with sqlite3.connect(path) as conn:  # fold the write-ahead log into the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "stolen.sqlite3"
    shutil.copy(path, copy)
    _assert_nothing_found(copy.read_bytes(), "SQLite file")
    _assert_no_family_in_day_totals(_sqlite_day_totals(copy), "SQLite file")


@pytest.fixture
def postgres_schema() -> Iterator[tuple[str, str]]:
    if not _postgres_reachable() or not shutil.which("pg_dump"):
        pytest.skip("PostgreSQL or pg_dump is not available here")
    schema = f"nearer_dump_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield schema, f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_pg_dump_holds_no_written_text(
    browser: Any, tmp_path: Path, postgres_schema: tuple[str, str]
) -> None:
    schema, url = postgres_schema
    db = Database(url)
    demo.seed_demo(db)
    for server in _serve(db, tmp_path):
        _walk_through(browser, server)
    db.dispose()
    target = db.engine.url
    dumped = subprocess.run(
        [
            "pg_dump",
            "-h",
            str(target.host),
            "-p",
            str(target.port or 5432),
            "-U",
            str(target.username),
            "-d",
            str(target.database),
            "-n",
            schema,
        ],  # fmt: skip
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    _assert_nothing_found(dumped, "pg_dump")
    _assert_no_family_in_day_totals(_pg_dump_day_totals(dumped), "pg_dump")
