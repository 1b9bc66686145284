"""Page: "My patterns" — the person's own feelings over time as server-drawn SVG charts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from nearer.services import rhythm_time, self_awareness
from nearer.services.pattern_figures import Figure, figures
from nearer.web.deps import Db, PageUser
from nearer.web.templating import render

router = APIRouter()
__all__ = ["Figure", "figures", "router"]


@router.get("/patterns")
def patterns_page(
    request: Request,
    user: PageUser,
    db: Db,
    weeks: Annotated[int, Query(ge=1, le=self_awareness.MAX_WEEKS)] = 8,
    tz: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    # The person's own zone (Account) unless they ask for another one here.
    chosen = tz or rhythm_time.get_settings(db, user.id).time_zone
    mine = self_awareness.my_patterns(db, user.id, weeks, zone=self_awareness.zone_named(chosen))
    context = {
        "user": user,
        "mine": mine,
        "figures": figures(mine),
        "tz": tz or "",
        "weeks": weeks,
    }
    return render(request, "patterns.html", context)
