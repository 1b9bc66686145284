"""kill -9 under load on SQLite: every write the server acknowledged is there after a restart."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from server_support import free_port, server_env, sign_up, start_server

pytestmark = pytest.mark.scale

CLIENTS = 8
TOTAL = 520  # acknowledged writes wanted in all, across both lives of the server
KILL_AFTER = 260  # kill -9 once this many were acknowledged
# Seconds from the first start to the last write (the run needs about 35 s of CPU in all). A stuck
# server fails the test instead of hanging it.
DEADLINE = 120.0


class Ledger:
    """Writes the server acknowledged (201 with an id), and anything else it answered."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acknowledged: list[tuple[int, int, str]] = []  # (client, entry id, text)
        self.refused: list[str] = []

    def count(self) -> int:
        with self.lock:
            return len(self.acknowledged)


def _sign_up_and_write(
    client: int, url: str, auths: dict[int, dict[str, str]], ledger: Ledger, stop: threading.Event
) -> None:
    # Each client comes through the "proxy" with its own address, as people behind one would.
    address = {"X-Forwarded-For": f"203.0.113.{client + 1}"}
    with httpx.Client(base_url=url, timeout=10.0) as http:
        try:
            auth = auths[client] = sign_up(http, f"writer{client}@example.org", address)
        except Exception as error:
            with ledger.lock:
                ledger.refused.append(f"client {client} could not sign up: {error!r}")
            return
        n = 0
        while not stop.is_set() and ledger.count() < TOTAL:
            text = f"client {client} write {n}: we talked after dinner"
            n += 1
            try:
                response = http.post("/api/v1/entries", json={"text": text}, headers=auth)
            except httpx.TransportError:
                time.sleep(0.05)  # the server is down (killed); this write was never acknowledged
                continue
            with ledger.lock:
                if response.status_code == 201 and response.json()["text"] == text:
                    ledger.acknowledged.append((client, response.json()["id"], text))
                else:
                    ledger.refused.append(f"{response.status_code} {response.text[:200]}")


def _wait_for(condition: Callable[[], bool], ledger: Ledger, deadline: float, what: str) -> None:
    while not condition():
        assert ledger.refused == []  # fail on the first refusal, not at the deadline
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_kill_9_loses_no_acknowledged_write_on_sqlite(tmp_path: Path) -> None:
    deadline = time.monotonic() + DEADLINE
    file = tmp_path / "nearer.sqlite3"
    env = server_env(tmp_path, DATABASE_URL=f"sqlite:///{file}", FORWARDED_ALLOW_IPS="127.0.0.1")
    port = free_port()
    log = tmp_path / "server.log"
    server = start_server(env, log, port=port)
    stop = threading.Event()
    threads: list[threading.Thread] = []
    try:
        auths: dict[int, dict[str, str]] = {}
        ledger = Ledger()
        threads = [
            threading.Thread(
                target=_sign_up_and_write, args=(c, server.url, auths, ledger, stop), daemon=True
            )
            for c in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        _wait_for(
            lambda: len(auths) == CLIENTS and ledger.count() >= KILL_AFTER,
            ledger,
            deadline,
            f"{CLIENTS} sign-ups and {KILL_AFTER} writes",
        )
        server.kill()
        at_kill = ledger.count()
        server = start_server(env, log, port=port)  # the same file, the same port
        _wait_for(lambda: ledger.count() >= TOTAL, ledger, deadline, f"{TOTAL} writes")
        stop.set()
        for thread in threads:
            thread.join(timeout=15)  # each is at most one request (10 s timeout) from stopping
        assert not any(t.is_alive() for t in threads)
        assert ledger.refused == []
        assert len(auths) == CLIENTS
        assert KILL_AFTER <= at_kill < TOTAL <= ledger.count()  # killed mid-way, then carried on

        with httpx.Client(base_url=server.url, timeout=30.0) as http:
            stored: dict[int, tuple[int, str]] = {}
            for client in range(CLIENTS):
                cursor: dict[str, str | int] = {"limit": 200}
                while True:  # every page, oldest last
                    listed = http.get("/api/v1/entries", params=cursor, headers=auths[client])
                    assert listed.status_code == 200
                    page = listed.json()
                    stored.update({e["id"]: (client, e["text"]) for e in page["items"]})
                    if page["next"] is None:
                        break
                    cursor = {"limit": 200, "cursor": page["next"]}
        ids = [entry_id for _, entry_id, _ in ledger.acknowledged]
        assert len(set(ids)) == len(ids)
        missing = [a for a in ledger.acknowledged if stored.get(a[1]) != (a[0], a[2])]
        assert missing == []
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        server.stop()
    with sqlite3.connect(file) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
