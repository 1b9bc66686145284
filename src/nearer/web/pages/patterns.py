"""Page: "My patterns" — the person's own feelings over time as server-drawn SVG charts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from nearer.services import self_awareness
from nearer.services.collector import collector_paused
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
    zone = self_awareness.zone_named(tz) if tz else None  # None: the person's own zone
    with collector_paused():  # the charts and the page are built from the same many small objects
        mine = self_awareness.my_patterns(db, user.id, weeks, zone=zone)
        context = {
            "user": user,
            "mine": mine,
            "figures": figures(mine),
            "tz": tz or "",
            "weeks": weeks,
        }
        return render(request, "patterns.html", context)
