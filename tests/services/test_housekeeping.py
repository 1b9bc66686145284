"""Housekeeping deletes expired sessions and old attempt counters, and keeps everything live."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from nearer.domain.errors import LoginFailed
from nearer.services import accounts, housekeeping
from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import AuthSession, ThrottleBucket, utcnow

PW = "long-enough-pw"


@pytest.fixture
def settings() -> Settings:
    return Settings(secret_key="test-secret-key-0123456789", _env_file=None)  # type: ignore[call-arg]


def _age_sessions(db: Database, token_count: int) -> None:
    with db.transaction() as session:
        hashes = [h for (h,) in session.query(AuthSession.token_hash).limit(token_count).all()]
        session.execute(
            update(AuthSession)
            .where(AuthSession.token_hash.in_(hashes))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )


def test_sweep_removes_only_expired_sessions_and_stale_counters(
    db: Database, settings: Settings
) -> None:
    accounts.sign_up(db, "ana@example.org", PW)
    tokens = [
        accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token for _ in range(3)
    ]
    _age_sessions(db, 2)
    with pytest.raises(LoginFailed):
        accounts.log_in(db, settings, "ana@example.org", "wrong-guess", "1.1.1.1")
    with db.transaction() as session:  # 3 counters; make one 61 minutes old (both windows passed)
        key = session.query(ThrottleBucket.key).order_by(ThrottleBucket.key).first()[0]  # type: ignore[index]
        session.execute(
            update(ThrottleBucket)
            .where(ThrottleBucket.key == key)
            .values(window_start=utcnow() - timedelta(minutes=61))
        )
    swept = housekeeping.sweep(db, settings)
    assert (swept.sessions, swept.counters) == (2, 1)
    alive = [t for t in tokens if accounts.account_for_token(db, t) is not None]
    assert len(alive) == 1
    with db.transaction() as session:
        assert session.query(AuthSession).count() == 1
        assert session.query(ThrottleBucket).count() == 2
    assert housekeeping.sweep(db, settings) == housekeeping.Swept(0, 0)


def test_the_app_sweeps_at_start_up(sqlite_db: Database, settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from nearer.web.app import create_app

    accounts.sign_up(sqlite_db, "ana@example.org", PW)
    accounts.log_in(sqlite_db, settings, "ana@example.org", PW, "1.1.1.1")
    _age_sessions(sqlite_db, 1)
    app = create_app(db=sqlite_db, settings=settings)
    with sqlite_db.transaction() as session:
        assert session.query(AuthSession).count() == 1
    with TestClient(app, base_url="https://testserver"):
        with sqlite_db.transaction() as session:
            assert session.query(AuthSession).count() == 0


def test_serving_sweeps_again_every_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    from nearer.web import lifespan

    slept: list[float] = []
    sweeps: list[int] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) > 3:
            raise asyncio.CancelledError

    async def fake_sweep(db: Any, settings: Any) -> None:
        sweeps.append(1)

    monkeypatch.setattr(lifespan, "_sweep_once", fake_sweep)
    daily = Settings(secret_key="test-secret-key-0123456789", _env_file=None)  # type: ignore[call-arg]
    with pytest.raises(asyncio.CancelledError):
        asyncio.run(lifespan._every(None, daily, sleep=fake_sleep))  # type: ignore[arg-type]
    assert slept == [86400.0] * 4 and len(sweeps) == 3
