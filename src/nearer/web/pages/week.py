"""Pages: the weekly look back."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nearer.services import week
from nearer.web.deps import Db, PageUser
from nearer.web.templating import render

router = APIRouter()


@router.get("/week")
def week_page(request: Request, user: PageUser, db: Db, week_of: date | None = None) -> Response:
    found = week.look_back(db, user.id, week_of)
    context = {
        "user": user,
        "w": found,
        "previous": found.week - timedelta(weeks=1),
        "next": None if found.is_current else found.week + timedelta(weeks=1),
    }
    return render(request, "week.html", context)
