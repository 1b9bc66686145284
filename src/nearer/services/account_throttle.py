"""Attempt counters that cannot be raced: one row per bucket, bumped atomically in the database.

Every attempt first adds one to each of its buckets with a single INSERT ... ON CONFLICT DO
UPDATE ... RETURNING, in the transaction that then checks the new counts. An attempt whose
count is over a limit is refused and its transaction rolls back, so refused attempts cost
nobody anything; an allowed attempt keeps its count, so however many run at once, at most
`limit` of them are evaluated per bucket and window. A success gives its count back, so the
buckets end up counting failures only. Windows are fixed: a bucket starts again at 1 once its
window has passed.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, case, delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from nearer.domain.errors import TooManyAttempts
from nearer.storage.models import ThrottleBucket

_TABLE = cast(Table, ThrottleBucket.__table__)


@dataclass(frozen=True)
class Bucket:
    """What is counted (`kind` and the values it is per) and how many attempts are allowed."""

    kind: str
    parts: tuple[str, ...]
    limit: int

    @property
    def key(self) -> str:
        # Hashed, so the table never stores the emails and addresses that were tried.
        return hashlib.sha256("\x1f".join((self.kind, *self.parts)).encode()).hexdigest()


def _bump(session: Session, key: str, window: timedelta, now: datetime) -> tuple[int, datetime]:
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    fresh = insert(_TABLE).values(key=key, window_start=now, hits=1)
    expired = _TABLE.c.window_start <= now - window
    statement = fresh.on_conflict_do_update(
        index_elements=[_TABLE.c.key],
        set_={
            "hits": case((expired, 1), else_=_TABLE.c.hits + 1),
            "window_start": case(
                (expired, fresh.excluded.window_start), else_=_TABLE.c.window_start
            ),
        },
    ).returning(_TABLE.c.hits, _TABLE.c.window_start)
    hits, start = session.execute(statement).one()
    return int(hits), start


def take(session: Session, buckets: Sequence[Bucket], window: timedelta, now: datetime) -> None:
    """Count one attempt in every bucket, or raise TooManyAttempts (the caller rolls back)."""
    wait: timedelta | None = None
    # One key order for everyone, so two attempts never wait on each other's rows (no deadlock).
    for bucket in sorted(buckets, key=lambda b: b.key):
        hits, start = _bump(session, bucket.key, window, now)
        if hits > bucket.limit:
            left = start + window - now
            wait = left if wait is None else max(wait, left)
    if wait is not None:
        raise TooManyAttempts(math.ceil(wait.total_seconds()))


def give_back(session: Session, buckets: Sequence[Bucket]) -> None:
    """An attempt succeeded: it no longer counts against anyone."""
    for key in sorted(bucket.key for bucket in buckets):  # the same order as `take`
        session.execute(
            update(_TABLE)
            .where(_TABLE.c.key == key, _TABLE.c.hits > 0)
            .values(hits=_TABLE.c.hits - 1)
        )


def forget_before(session: Session, cutoff: datetime) -> int:
    """Delete counters whose window started before `cutoff` (they count nothing any more)."""
    result = session.execute(delete(_TABLE).where(_TABLE.c.window_start < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
