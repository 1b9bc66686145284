"""A step, bid or break id no row can have (past 2^31 - 1, where PostgreSQL's integer ends and
SQLite overflows) is simply not found, on both databases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support import local_person

from nearer.domain.errors import NotFound
from nearer.domain.field_checks import MAX_ID
from nearer.services import bids, breaks, steps
from nearer.storage.db import Database

CALLS: dict[str, Callable[[Database, int, int], object]] = {
    "steps.mark_day": lambda db, me, i: steps.mark_day(db, me, i),
    "steps.set_visibility": lambda db, me, i: steps.set_visibility(db, me, i, "private"),
    "steps.remove_pick": steps.remove_pick,
    "bids.set_visibility": lambda db, me, i: bids.set_visibility(db, me, i, "private"),
    "bids.delete_bid": bids.delete_bid,
    "breaks.end_break": lambda db, me, i: breaks.end_break(db, me, i),
}


@pytest.mark.parametrize("row_id", [MAX_ID + 1, 2**63, 0, -1])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_an_id_out_of_range_is_not_found(db: Database, call: str, row_id: int) -> None:
    with pytest.raises(NotFound):
        CALLS[call](db, local_person(db), row_id)
