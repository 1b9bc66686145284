"""Issue 13 item 6 through the API: simultaneous mutual joins answer 200 and 409, never 500."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_signup

from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import Couple

ROUNDS = 15


@pytest.fixture
def clients(db: Database, tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """Two separate clients (each with its own event loop thread) on one app and database."""
    from nearer.web.app import create_app

    settings = Settings(
        data_dir=tmp_path,
        secret_key="test-secret-key-0123456789",
        _env_file=None,  # type: ignore[call-arg]
    )
    app = create_app(db=db, settings=settings)
    with TestClient(app, base_url="https://testserver") as one:
        with TestClient(app, base_url="https://testserver") as two:
            yield one, two


def _at_once(joins: dict[str, tuple[Any, dict[str, str], str]]) -> dict[str, Any]:
    """Each named person posts a join with their own client, all released at the same moment."""
    answers: dict[str, Any] = {}
    barrier = threading.Barrier(len(joins))

    def join(name: str) -> None:
        client, headers, code = joins[name]
        barrier.wait()
        answers[name] = client.post("/api/v1/couple/join", json={"code": code}, headers=headers)

    threads = [threading.Thread(target=join, args=(name,)) for name in joins]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def test_simultaneous_mutual_joins_give_200_and_409(db: Database, clients: tuple[Any, Any]) -> None:
    one, two = clients
    a, b = api_signup(one, "a@example.org"), api_signup(two, "b@example.org")
    for round_ in range(ROUNDS):
        code_a = one.post("/api/v1/couple/invite", headers=a).json()["code"]
        code_b = two.post("/api/v1/couple/invite", headers=b).json()["code"]
        answers = _at_once({"b": (two, b, code_a), "a": (one, a, code_b)})
        codes = sorted(r.status_code for r in answers.values())
        assert codes == [200, 409], (round_, {k: r.text for k, r in answers.items()})
        loser = next(r for r in answers.values() if r.status_code == 409)
        assert loser.json() == {"detail": "You are already linked with a partner."}
        with db.transaction() as session:
            assert session.query(Couple).filter(Couple.ended_at.is_(None)).count() == 1
        assert one.get("/api/v1/couple", headers=a).json()["linked"] is True
        assert one.delete("/api/v1/couple", headers=a).status_code == 204
