"""Two `nearer serve` processes on one PostgreSQL database under mixed load from 16 clients."""

from __future__ import annotations

import os
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_support import PASSWORD, server_env, start_server
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from nearer.domain.people import name_for_partner
from nearer.storage.db import Database

pytestmark = [pytest.mark.scale, pytest.mark.postgres]

CLIENTS = 16
ROUNDS = 6
LOAD_TIMEOUT = 60.0  # seconds for all clients together
POSTGRES_URL = os.environ.get(
    "NEARER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def shared_database() -> Iterator[str]:
    """A private, migrated schema for this test alone, dropped at the end."""
    admin = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    schema = f"nearer_scale_{uuid.uuid4().hex[:10]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL}; CI must start it.")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL}")
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        Database(url).dispose()
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


class Load:
    """What every client saw: each response's status, and every invite code handed out."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[tuple[str, int]] = Counter()
        self.server_errors: list[str] = []
        self.codes: list[str] = []
        self.board: dict[int, str] = {}  # client -> its latest open invite code
        self.tokens: dict[str, str] = {}  # email -> its one login's token
        self.crashed: list[str] = []  # clients that stopped on an exception


class Client:
    """One person, whose requests alternate between the two servers."""

    def __init__(self, number: int, urls: list[str], load: Load) -> None:
        self.number = number
        self.load = load
        self.random = random.Random(number)
        address = {"X-Forwarded-For": f"198.51.100.{number + 1}"}  # each behind the proxy
        # A fresh connection per request: an idle keep-alive connection that the server closes
        # just as a request goes out is a client-side reset, not something the servers did.
        fresh = httpx.Limits(max_keepalive_connections=0)
        self.http = [
            httpx.Client(base_url=u, timeout=30.0, headers=address, limits=fresh) for u in urls
        ]
        self.calls = number  # so neighbours start on different servers

    def call(self, method: str, path: str, action: str, **kwargs: Any) -> httpx.Response:
        self.calls += 1
        response = self.http[self.calls % 2].request(method, path, **kwargs)
        with self.load.lock:
            self.load.statuses[(action, response.status_code)] += 1
            if response.status_code >= 500:
                self.load.server_errors.append(f"{action}: {response.status_code} {response.text}")
        return response

    def sign_up(self) -> None:
        email = f"person{self.number}@example.org"
        self.call("POST", "/api/v1/users", "sign-up", json={"email": email, "password": PASSWORD})
        login = self.call(
            "POST", "/api/v1/auth/token", "login", data={"username": email, "password": PASSWORD}
        )
        token = login.json()["access_token"]
        for http in self.http:
            http.headers["Authorization"] = f"Bearer {token}"
        with self.load.lock:
            self.load.tokens[email] = token

    def round(self, n: int) -> None:
        visibility = "shared" if n % 2 else "private"
        body = {"text": f"round {n}: we laughed at the same joke", "visibility": visibility}
        self.call("POST", "/api/v1/entries", f"write {visibility}", json=body)
        self.call("GET", "/api/v1/entries", "read own")
        if self.call("GET", "/api/v1/couple", "couple status").json()["linked"]:
            self.call("GET", "/api/v1/partner/entries", "read partner's")
            if n == ROUNDS // 2:
                self.call("DELETE", "/api/v1/couple", "unlink")
            return
        invite = self.call("POST", "/api/v1/couple/invite", "invite")
        with self.load.lock:
            if invite.status_code == 201:
                self.load.codes.append(invite.json()["code"])
                self.load.board[self.number] = invite.json()["code"]
            others = sorted(c for c in self.load.board if c != self.number)
        if others:
            other = self.random.choice(others)
            code = self.load.board.get(other)
            joined = code and self.call("POST", "/api/v1/couple/join", "join", json={"code": code})
            if joined and joined.status_code == 200:
                with self.load.lock:
                    self.load.board.pop(other, None)

    def run(self) -> None:
        try:
            self.sign_up()
            for n in range(ROUNDS):
                self.round(n)
        except Exception as error:
            with self.load.lock:
                self.load.crashed.append(f"client {self.number}: {error!r}")
        finally:
            for http in self.http:
                http.close()


def test_two_servers_on_one_postgres_give_no_5xx_and_unique_invites(
    shared_database: str, tmp_path: Path
) -> None:
    env = server_env(tmp_path, DATABASE_URL=shared_database, FORWARDED_ALLOW_IPS="127.0.0.1")
    first = start_server(env, tmp_path / "first.log", ready=False)
    second = start_server(env, tmp_path / "second.log", ready=False)
    try:
        first.wait_ready()
        second.wait_ready()
        load = Load()
        clients = [Client(n, [first.url, second.url], load) for n in range(CLIENTS)]
        threads = [threading.Thread(target=c.run, daemon=True) for c in clients]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + LOAD_TIMEOUT
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        assert not any(t.is_alive() for t in threads), f"clients still busy after {LOAD_TIMEOUT} s"

        assert load.server_errors == []
        assert load.crashed == []
        assert len(load.codes) == len(set(load.codes)) > 0
        seen = load.statuses
        assert seen[("sign-up", 201)] == seen[("login", 200)] == CLIENTS
        assert seen[("write private", 201)] == CLIENTS * ROUNDS // 2
        assert seen[("read own", 200)] == seen[("couple status", 200)] == CLIENTS * ROUNDS
        assert seen[("join", 200)] > 0
        assert {status for action, status in seen if action == "join"} <= {200, 404, 409}
        _assert_couples_agree(first.url, load.tokens)
    finally:
        first.stop()
        second.stop()
    for server in (first, second):
        assert "Traceback" not in server.output()


def _assert_couples_agree(url: str, tokens: dict[str, str]) -> None:
    """After the storm, whoever says they are linked to someone is named back by that someone
    (nobody here has a display name, so each is named by their email's first part, all distinct)."""
    name_of = {name_for_partner(None, email): email for email in tokens}
    assert len(name_of) == len(tokens)
    partner_of: dict[str, str | None] = {}
    with httpx.Client(base_url=url, timeout=30.0) as http:
        for email, token in tokens.items():
            auth = {"Authorization": f"Bearer {token}"}
            named = http.get("/api/v1/couple", headers=auth).json()["partner_name"]
            partner_of[email] = None if named is None else name_of[named]
    for email, partner in partner_of.items():
        if partner is not None:
            assert partner_of[partner] == email
