"""SQLite writers of one process take turns on a Python lock: many concurrent writers all
succeed, reads never wait for it, and the turn is handed on after a commit and after a
rollback alike."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from nearer.storage.db import Database, writer_queue


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'queue.sqlite3'}", run_migrations=False)
    with database.transaction() as session:
        session.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    return database


def count(db: Database) -> int:
    with db.transaction() as session:
        return int(session.execute(text("SELECT count(*) FROM notes")).scalar_one())


def test_many_concurrent_writers_all_succeed(db: Database) -> None:
    failures: list[BaseException] = []

    def write(k: int) -> None:
        try:
            for i in range(10):
                with db.transaction() as session:
                    session.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": f"{k}-{i}"})
                    session.execute(text("SELECT count(*) FROM notes")).scalar_one()
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert count(db) == 240
    queue = writer_queue(db.engine)
    assert queue is not None and not queue.busy


def test_a_write_holds_the_turn_until_commit_and_reads_go_on(db: Database) -> None:
    queue = writer_queue(db.engine)
    assert queue is not None
    with db.transaction() as session:
        session.execute(text("SELECT 1"))
        assert not queue.busy  # reading takes no turn
        session.execute(text("INSERT INTO notes (body) VALUES ('first')"))
        assert queue.busy
        seen: list[int] = []
        reader = threading.Thread(target=lambda: seen.append(count(db)))
        reader.start()
        reader.join()
        assert seen == [0]  # another connection reads meanwhile, without waiting for the turn
    assert not queue.busy
    assert count(db) == 1


def test_a_rolled_back_write_hands_the_turn_on(db: Database) -> None:
    queue = writer_queue(db.engine)
    assert queue is not None
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.execute(text("INSERT INTO notes (body) VALUES ('lost')"))
        assert queue.busy
        raise RuntimeError("changed my mind")
    assert not queue.busy
    order: list[str] = []
    writer = threading.Thread(target=lambda: (_insert(db), order.append("written")))
    writer.start()
    writer.join()
    assert order == ["written"] and count(db) == 1


def _insert(db: Database) -> None:
    with db.transaction() as session:
        session.execute(text("INSERT INTO notes (body) VALUES ('kept')"))


def test_other_databases_have_no_queue() -> None:
    from sqlalchemy import create_engine

    assert writer_queue(create_engine("sqlite://")) is None  # made outside make_engine
