"""Issue 13 item 6: two people joining each other's invite at the same moment.

On PostgreSQL this deadlocked 2 times in 55 (a 500). Now both accounts are locked one row at a
time in id order, so the slower join waits, then finds the couple made: exactly one couple, and
the slower person gets a clear Conflict (409), never a database error.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from support import local_person

from nearer.domain.errors import Conflict
from nearer.services import couples
from nearer.storage.db import Database
from nearer.storage.models import Couple, CoupleMember, Invite

ROUNDS = 30


def _race(*actions: Any) -> list[object]:
    """Run the actions at once; each one's result, or the exception it raised."""
    outcomes: list[object] = [None] * len(actions)
    barrier = threading.Barrier(len(actions))

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = actions[i]()
        except BaseException as error:  # every kind is reported to the test
            outcomes[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def _live_couples(db: Database) -> list[set[int]]:
    with db.transaction() as session:
        live = session.query(Couple.id).filter(Couple.ended_at.is_(None)).all()
        return [
            {m.user_id for m in session.query(CoupleMember).filter_by(couple_id=cid)}
            for (cid,) in live
        ]


def test_joining_each_others_invite_at_once_makes_one_couple_and_one_409(db: Database) -> None:
    a, b = local_person(db), local_person(db)
    for round_ in range(ROUNDS):
        code_a, code_b = couples.create_invite(db, a), couples.create_invite(db, b)
        first, second = _race(
            partial(couples.join, db, b, code_a), partial(couples.join, db, a, code_b)
        )
        won = [o for o in (first, second) if isinstance(o, couples.CoupleStatus)]
        lost = [o for o in (first, second) if not isinstance(o, couples.CoupleStatus)]
        assert len(won) == 1 and won[0].linked, (round_, first, second)
        assert len(lost) == 1 and type(lost[0]) is Conflict, (round_, first, second)
        assert str(lost[0]) == couples.ALREADY_LINKED
        assert _live_couples(db) == [{a, b}]
        with db.transaction() as session:
            assert session.query(Invite).count() == 0  # both invites are used up
        couples.unlink(db, a)
    assert _live_couples(db) == []


def test_a_deadlock_victim_is_run_again_not_turned_into_a_500(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Deadlock(Exception):
        sqlstate = "40P01"

    a, b = local_person(db), local_person(db)
    code = couples.create_invite(db, a)
    real = couples._join_once
    calls: list[int] = []

    def once_a_victim(database: Database, user_id: int, wanted: str) -> None:
        calls.append(user_id)
        if len(calls) == 1:
            raise OperationalError("UPDATE users …", {}, Deadlock())
        real(database, user_id, wanted)

    monkeypatch.setattr(couples, "_join_once", once_a_victim)
    assert couples.join(db, b, code).linked
    assert calls == [b, b]
    assert _live_couples(db) == [{a, b}]


def test_other_database_errors_are_not_retried(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken(Exception):
        sqlstate = "08006"  # connection failure

    calls: list[int] = []

    def broken(database: Database, user_id: int, wanted: str) -> None:
        calls.append(user_id)
        raise OperationalError("SELECT …", {}, Broken())

    a, b = local_person(db), local_person(db)
    code = couples.create_invite(db, a)
    monkeypatch.setattr(couples, "_join_once", broken)
    with pytest.raises(OperationalError):
        couples.join(db, b, code)
    assert calls == [b]
