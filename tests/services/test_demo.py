"""The demo couple gives a newcomer something in every step to look at."""

from __future__ import annotations

from nearer.services import demo, instruments, journal, perception_gap, safety
from nearer.storage.db import Database


def test_demo_couple_has_something_in_every_step(db: Database) -> None:
    assert demo.seed_demo_if_new(db) is True
    sam, alex = demo.seed_demo(db)  # a second call finds the same couple
    assert len(journal.list_entries(db, sam)) == 8  # 7 journal entries and 1 reflection
    assert len(journal.list_entries(db, alex)) == 6
    assert {e.text[:5] for e in journal.partner_entries(db, sam)} == {"Cooke", "The t"}
    assert safety.joint_status(db, sam).available
    assert perception_gap.couple_gap(db, sam).rows()
    assert len(instruments.list_responses(db, sam, "satisfaction")) == 3
    assert demo.seed_demo_if_new(db) is False
