"""Both partners unlinking at the same moment: one ends the couple, neither gets a 500.

Found by the two-process load test (tests/scale): on PostgreSQL each unlink held its own
membership row and waited for the other's, and PostgreSQL killed one as a deadlock.
"""

from __future__ import annotations

import threading

from support import local_person

from nearer.domain.errors import NotFound
from nearer.services import couples, journal
from nearer.storage.db import Database

ROUNDS = 12


def _unlink_together(db: Database, a: int, b: int) -> list[str]:
    """Both unlink at once (after a barrier); what each one ended with."""
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def unlink(person: int) -> None:
        start.wait(timeout=10)
        try:
            couples.unlink(db, person)
            outcomes.append("unlinked")
        except NotFound:
            outcomes.append("already unlinked")
        except Exception as error:  # a deadlock or anything else unexpected
            outcomes.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=unlink, args=(p,)) for p in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_partners_unlinking_at_the_same_moment_never_deadlock(db: Database) -> None:
    a, b = local_person(db), local_person(db)
    for n in range(ROUNDS):
        couples.join(db, b, couples.create_invite(db, a))
        journal.write(db, a, text=f"round {n}: shared with you", visibility="shared")
        outcomes = _unlink_together(db, a, b)
        assert sorted(outcomes) in (
            ["unlinked", "unlinked"],  # the second found the couple already ended
            ["already unlinked", "unlinked"],
        ), outcomes
        assert not couples.status(db, a).linked and not couples.status(db, b).linked
        assert journal.partner_entries(db, b) == []
