"""Steps picked at the same moment count one after the other: the week's limit (two) and "already
chosen" hold however many arrive at once (ten identical picks sent together all saved before), on
SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

from nearer.domain.errors import Conflict
from nearer.domain.rhythm_content import steps_catalogue
from nearer.services import accounts, steps
from nearer.storage.db import Database


def _at_once(db: Database, user_id: int, step_ids: list[str]) -> list[Any]:
    """Each step id picked by its own thread, all released together: the answers, in order."""
    barrier = threading.Barrier(len(step_ids))
    answers: list[Any] = [None] * len(step_ids)

    def pick(k: int) -> None:
        barrier.wait()
        try:
            answers[k] = steps.pick_step(db, user_id, step_id=step_ids[k])
        except Exception as error:  # noqa: BLE001 - the test reads what each thread met
            answers[k] = error

    threads = [threading.Thread(target=pick, args=(k,)) for k in range(len(step_ids))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _picked(db: Database, user_id: int) -> list[str]:
    return sorted(str(p.step_id) for p in steps.this_week(db, user_id).mine)


def test_the_same_step_sent_at_once_is_saved_once(db: Database) -> None:
    step = steps_catalogue()[0].id
    for round_ in range(3):
        person = accounts.sign_up(db, f"p{round_}@example.org", "long-enough-pw").id
        answers = _at_once(db, person, [step] * 8)
        saved = [a for a in answers if not isinstance(a, Exception)]
        assert len(saved) == 1, answers
        assert all(isinstance(a, Conflict) for a in answers if a not in saved), answers
        assert _picked(db, person) == [step]


def test_no_more_than_two_steps_a_week_however_many_arrive_together(db: Database) -> None:
    ids = [s.id for s in steps_catalogue()[:6]]
    for round_ in range(3):
        person = accounts.sign_up(db, f"q{round_}@example.org", "long-enough-pw").id
        answers = _at_once(db, person, ids)
        assert sum(not isinstance(a, Exception) for a in answers) == 2, answers
        assert all(isinstance(a, Conflict) for a in answers if isinstance(a, Exception)), answers
        assert len(_picked(db, person)) == 2
