"""Concurrent writes of one SQLite file share one commit, and each still stands alone: its
result comes back only once committed, its own error rolls back only its own work, a failed
COMMIT keeps none of the batch, and each runs in its caller's context."""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.storage.db import Database, writer_queue

CALLER: contextvars.ContextVar[str] = contextvars.ContextVar("caller", default="nobody")


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'group.sqlite3'}", run_migrations=False)
    with database.transaction() as session:
        session.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT UNIQUE)"))
        session.execute(text("CREATE TABLE owners (id INTEGER PRIMARY KEY)"))
        session.execute(
            text(
                "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER "
                "REFERENCES owners(id))"
            )
        )
    database.share_commits()
    return database


def bodies(db: Database) -> list[str]:
    with db.transaction() as session:
        return [r[0] for r in session.execute(text("SELECT body FROM notes ORDER BY body"))]


def note(body: str) -> Callable[[Session], str]:
    def work(session: Session) -> str:
        session.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": body})
        return body

    return work


def commits(db: Database) -> list[int]:
    """Counts the COMMITs sent from now on (one item per COMMIT)."""
    seen: list[int] = []
    event.listen(db.engine, "commit", lambda _conn: seen.append(1))
    return seen


class Batch:
    """Writes started on threads while a first write holds the lead, so that all of them
    queue up and go into the next batch together."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.release = threading.Event()
        self.answers: dict[str, Any] = {}
        self.threads: list[threading.Thread] = []
        self._start("first", self._held)

    def _held(self, session: Session) -> str:
        self.release.wait(10)
        return note("first")(session)

    def _start(self, name: str, work: Callable[[Session], Any]) -> None:
        def call() -> None:
            CALLER.set(name)
            try:
                self.answers[name] = self.db.write(work)
            except Exception as error:  # noqa: BLE001 - kept for the test to look at
                self.answers[name] = error

        thread = threading.Thread(target=call)
        self.threads.append(thread)
        thread.start()

    def add(self, name: str, work: Callable[[Session], Any]) -> None:
        self._start(name, work)

    def run(self) -> dict[str, Any]:
        group = self.db._group
        assert group is not None
        deadline = time.monotonic() + 10
        while len(group._waiting) < len(self.threads) - 1 and time.monotonic() < deadline:
            time.sleep(0.005)  # the others are queued behind the first
        self.release.set()
        for thread in self.threads:
            thread.join(10)
        return self.answers


def test_many_concurrent_writes_are_all_kept_in_fewer_commits(db: Database) -> None:
    sent = commits(db)
    batch = Batch(db)
    for k in range(20):
        batch.add(f"n{k:02}", note(f"n{k:02}"))
    answers = batch.run()
    assert len(sent) == 2  # the first write alone, then the twenty that waited meanwhile
    assert answers == {name: name for name in answers}
    assert bodies(db) == sorted(["first", *(f"n{k:02}" for k in range(20))])
    queue = writer_queue(db.engine)
    assert queue is not None and not queue.busy


def test_a_failing_write_loses_only_its_own_work(db: Database) -> None:
    def half_then_fail(session: Session) -> None:
        session.execute(text("INSERT INTO notes (body) VALUES ('half')"))
        raise ValueError("bad input")

    batch = Batch(db)
    batch.add("before", note("before"))
    batch.add("failing", half_then_fail)
    batch.add("duplicate", note("before-dup"))
    batch.add("same-as-first", note("first"))  # breaks the UNIQUE rule: its own error only
    batch.add("after", note("after"))
    answers = batch.run()
    assert isinstance(answers["failing"], ValueError)
    assert isinstance(answers["same-as-first"], IntegrityError)
    assert answers["before"] == "before" and answers["after"] == "after"
    assert bodies(db) == ["after", "before", "before-dup", "first"]  # no "half"


def test_a_commit_that_fails_keeps_none_of_the_batch(db: Database) -> None:
    def orphan(session: Session) -> None:
        # Checked at COMMIT: the whole shared transaction is refused there.
        session.execute(text("PRAGMA defer_foreign_keys=ON"))
        session.execute(text("INSERT INTO pets (owner_id) VALUES (999)"))

    batch = Batch(db)
    batch.add("a", note("a"))
    batch.add("orphan", orphan)
    batch.add("b", note("b"))
    answers = batch.run()
    assert answers["first"] == "first"  # its own batch committed before
    for name in ("a", "orphan", "b"):
        assert isinstance(answers[name], IntegrityError), answers
    assert bodies(db) == ["first"]
    with db.transaction() as session:
        assert session.execute(text("SELECT count(*) FROM pets")).scalar_one() == 0


def test_a_write_that_ends_the_transaction_fails_the_whole_batch(db: Database) -> None:
    def ends_it(session: Session) -> None:
        session.connection().exec_driver_sql("ROLLBACK")
        raise ValueError("gone")

    batch = Batch(db)
    batch.add("a", note("a"))
    batch.add("ends", ends_it)
    batch.add("b", note("b"))
    answers = batch.run()
    assert all(isinstance(answers[n], Exception) for n in ("a", "ends", "b")), answers
    assert bodies(db) == ["first"]  # nothing after the ROLLBACK slipped in uncommitted or alone


def test_each_write_runs_in_its_callers_context(db: Database) -> None:
    def whose(session: Session) -> str:
        session.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": CALLER.get()})
        return CALLER.get()

    batch = Batch(db)
    for name in ("ana", "ben", "cai"):
        batch.add(name, whose)
    answers = batch.run()
    assert [answers[n] for n in ("ana", "ben", "cai")] == ["ana", "ben", "cai"]
    assert bodies(db) == ["ana", "ben", "cai", "first"]


def test_a_write_inside_a_write_is_refused(db: Database) -> None:
    def nested(session: Session) -> None:
        db.write(note("inner"))

    with pytest.raises(RuntimeError, match="inside a write"):
        db.write(nested)
    assert bodies(db) == []
    assert db.write(note("later")) == "later"  # the lead was handed back


def test_without_shared_commits_a_write_is_one_transaction(tmp_path: Path) -> None:
    plain = Database(f"sqlite:///{tmp_path / 'plain.sqlite3'}", run_migrations=False)
    with plain.transaction() as session:
        session.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT UNIQUE)"))
    assert plain.write(note("one")) == "one"
    with pytest.raises(IntegrityError):
        plain.write(note("one"))
    assert bodies(plain) == ["one"]
