"""API: the caller's own patterns (families by week, heavy times, tags, words, granularity)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from nearer.services import self_awareness
from nearer.web.deps import ApiUser, Db

router = APIRouter(tags=["patterns"])


@router.get("/patterns")
def my_patterns(
    user: ApiUser,
    db: Db,
    weeks: Annotated[int, Query(ge=1, le=self_awareness.MAX_WEEKS)] = 8,
    tz: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    """Only ever the caller's own entries; there is no way to ask for someone else's."""
    zone = self_awareness.zone_named(tz)
    return self_awareness.my_patterns(db, user.id, weeks, zone=zone).to_dict()
