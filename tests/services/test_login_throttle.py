"""The login throttle cannot be raced, on SQLite and PostgreSQL, and never locks the owner out.

Limits here are the defaults: 5 attempts per (account, address), 10 per account from all
addresses, 100 failures per address, in a 15-minute window.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from nearer.domain.errors import LoginFailed, TooManyAttempts
from nearer.services import accounts
from nearer.settings import Settings
from nearer.storage.db import Database

OWNER = "owner@example.org"
RIGHT = "long-enough-pw"
HOME = "192.168.1.20"  # the partner guesses from the same home network as the owner


@pytest.fixture
def limits() -> Settings:
    return Settings(secret_key="test-secret-key-0123456789", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def evaluations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every password check the service really makes."""
    seen: list[int] = []
    lock = threading.Lock()
    real = accounts._password_ok

    def counting(user: Any, password: Any) -> bool:
        with lock:
            seen.append(1)
        return real(user, password)

    monkeypatch.setattr(accounts, "_password_ok", counting)
    return seen


def _attempt(db: Database, settings: Settings, password: str, address: str) -> str:
    try:
        accounts.log_in(db, settings, OWNER, password, address)
    except TooManyAttempts:
        return "slowed"
    except LoginFailed:
        return "wrong"
    return "in"


def _race(db: Database, settings: Settings, guesses: list[tuple[str, str]]) -> list[str]:
    start = threading.Barrier(len(guesses))

    def one(guess: tuple[str, str]) -> str:
        start.wait()
        return _attempt(db, settings, *guess)

    with ThreadPoolExecutor(max_workers=len(guesses)) as pool:
        return list(pool.map(one, guesses))


def test_forty_parallel_guesses_evaluate_only_five(
    db: Database, limits: Settings, evaluations: list[int]
) -> None:
    accounts.sign_up(db, OWNER, RIGHT)
    device = accounts.log_in(db, limits, OWNER, RIGHT, HOME).device  # the owner's own browser
    evaluations.clear()
    outcomes = _race(db, limits, [(f"guess-number-{n}", HOME) for n in range(40)])
    # 5 per (account, address): exactly 5 guesses are checked, the other 35 never are.
    assert len(evaluations) == 5
    assert outcomes.count("wrong") == 5 and outcomes.count("slowed") == 35
    # The attacker's 41st try is the right password: it is not even checked.
    assert _attempt(db, limits, RIGHT, HOME) == "slowed" and len(evaluations) == 5
    # The owner, on the same network but with their browser's device token, gets in.
    assert accounts.log_in(db, limits, OWNER, RIGHT, HOME, device=device).token


def test_forty_parallel_guesses_with_the_right_one_among_them(
    db: Database, limits: Settings, evaluations: list[int]
) -> None:
    accounts.sign_up(db, OWNER, RIGHT)
    guesses = [(RIGHT if n == 12 else f"guess-number-{n}", HOME) for n in range(40)]
    outcomes = _race(db, limits, guesses)
    # Which attempts win the race is up to the scheduler, but never more than 5 wrong guesses
    # are checked; the right one is checked only if it came within the limit. A success gives
    # its count back, so one more wrong guess may then pass, if any is still waiting at the gate.
    wrong, got_in = outcomes.count("wrong"), outcomes.count("in")
    assert wrong <= 5 and got_in <= 1 and wrong + got_in >= 5
    assert len(evaluations) == wrong + got_in
    assert outcomes.count("slowed") == 40 - wrong - got_in


def test_guesses_spread_over_addresses_stop_at_the_account_limit(
    db: Database, limits: Settings, evaluations: list[int]
) -> None:
    accounts.sign_up(db, OWNER, RIGHT)
    guesses = [(f"guess-number-{n}", f"10.0.{n % 8}.1") for n in range(40)]
    outcomes = _race(db, limits, guesses)
    # 8 addresses x 5 would allow 40; the account-wide limit of 10 holds across them all.
    assert len(evaluations) == 10
    assert outcomes.count("wrong") == 10 and outcomes.count("slowed") == 30


def test_right_password_at_guess_thirteen_does_not_get_in(db: Database, limits: Settings) -> None:
    accounts.sign_up(db, OWNER, RIGHT)
    outcomes = [_attempt(db, limits, f"guess-number-{n}", HOME) for n in range(12)]
    assert outcomes == ["wrong"] * 5 + ["slowed"] * 7
    assert _attempt(db, limits, RIGHT, HOME) == "slowed"


def test_right_password_within_the_limit_gets_in_and_is_not_counted(
    db: Database, limits: Settings
) -> None:
    accounts.sign_up(db, OWNER, RIGHT)
    for n in range(4):
        assert _attempt(db, limits, f"guess-number-{n}", HOME) == "wrong"
    for _ in range(3):  # successes give their count back: three in a row all get in
        assert _attempt(db, limits, RIGHT, HOME) == "in"
    assert _attempt(db, limits, "guess-number-9", HOME) == "wrong"  # the 5th failure
    assert _attempt(db, limits, RIGHT, HOME) == "slowed"


def test_window_passes_and_counting_starts_again(db: Database, limits: Settings) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from nearer.storage.models import ThrottleBucket

    accounts.sign_up(db, OWNER, RIGHT)
    for n in range(5):
        _attempt(db, limits, f"guess-number-{n}", HOME)
    assert _attempt(db, limits, RIGHT, HOME) == "slowed"
    with db.transaction() as session:  # move every window 15 minutes into the past
        rows = session.query(ThrottleBucket).all()
        for row in rows:
            session.execute(
                update(ThrottleBucket)
                .where(ThrottleBucket.key == row.key)
                .values(window_start=row.window_start - timedelta(minutes=15))
            )
    assert _attempt(db, limits, RIGHT, HOME) == "in"
