"""API: the caller's own patterns (families by week, heavy times, tags, words, granularity)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from nearer.domain.fields import TimeZone
from nearer.services import rhythm_time, self_awareness
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors
from nearer.web.schemas.patterns import MyPatterns

router = APIRouter(tags=["patterns"])


@router.get("/patterns", responses=errors(401, 422))
def my_patterns(
    user: ApiUser,
    db: Db,
    weeks: Annotated[int, Query(ge=1, le=self_awareness.MAX_WEEKS)] = 8,
    tz: Annotated[TimeZone | None, Query(description="An IANA time zone; your own (Account) when absent.")] = None,
) -> MyPatterns:
    """Only ever the caller's own entries; there is no way to ask for someone else's."""
    zone = self_awareness.zone_named(tz or rhythm_time.get_settings(db, user.id).time_zone)
    return MyPatterns.model_validate(
        self_awareness.my_patterns(db, user.id, weeks, zone=zone).to_dict()
    )
