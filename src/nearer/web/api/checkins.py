"""API: daily check-ins, the reveal, sharing, the closeness trend, and the person's own clock."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request, Response

from nearer.services import checkins, rhythm_time
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.paging import LIMIT_DEFAULT, Cursor, Limit, link_next, paged_errors
from nearer.web.schemas.rhythm import (
    CheckInOut,
    CheckInPage,
    CheckInWrite,
    PartnerDayOut,
    SafetyOut,
    SavedTodayOut,
    SettingsOut,
    SettingsWrite,
    SharingOut,
    SharingWrite,
    TodayOut,
    TrendOut,
)

router = APIRouter(tags=["check-ins"])


def _out(view: checkins.CheckInView | None) -> CheckInOut | None:
    return None if view is None else CheckInOut(**view.to_dict())


def today_out(view: checkins.Today) -> TodayOut:
    partner = None
    if view.partner is not None:
        state: Literal["none", "waiting", "revealed"] = view.partner.state  # type: ignore[assignment]
        partner = PartnerDayOut(
            name=view.partner.name, state=state, answer=_out(view.partner.answer)
        )
    return TodayOut(
        day=view.day,
        mine=_out(view.mine),
        partner=partner,
        sharing=view.sharing,
        partner_shares=view.partner_shares,
    )


@router.get("/checkins/today", responses=errors(401))
def get_today(user: ApiUser, db: Db) -> TodayOut:
    """Your check-in for your local today, and your partner's once you have both checked in."""
    return today_out(checkins.today(db, user.id))


@router.put("/checkins/today", responses=with_body(401))
def put_today(body: CheckInWrite, user: ApiUser, db: Db) -> SavedTodayOut:
    """Check in for today; `safety` is what the safety check noticed in your note (yours alone)."""
    saved = checkins.check_in(db, user.id, body.closeness, body.mood, body.note_kind, body.note)
    safety = saved.safety.summary() if saved.safety else {"level": "none", "kinds": [], "who": []}
    return SavedTodayOut(**today_out(checkins.today(db, user.id)).model_dump(),
                         safety=SafetyOut(**safety))


@router.get("/checkins", responses=paged_errors(401))
def list_mine(
    request: Request,
    response: Response,
    user: ApiUser,
    db: Db,
    days: int | None = Query(None, ge=1, le=366, description="Only the last `days` local days."),
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> CheckInPage:
    """Your own check-ins, newest first, a page at a time (`next` and `Link` lead to older ones)."""
    page = checkins.history_page(db, user.id, days=days, limit=limit, cursor=cursor)
    link_next(request, response, page)
    return CheckInPage(items=[CheckInOut(**v.__dict__) for v in page.items], next=page.next)


@router.get("/checkins/trend", responses=errors(401, 422))
def get_trend(user: ApiUser, db: Db, days: int = Query(56, ge=7, le=366)) -> TrendOut:
    found = checkins.closeness_trend(db, user.id, days)
    return TrendOut(days=found.days, mine=found.mine, partner=found.partner)


@router.put("/checkins/sharing", responses=with_body(401, 409))
def put_sharing(body: SharingWrite, user: ApiUser, db: Db) -> SharingOut:
    """Share your own check-ins with your partner, or stop at any time."""
    return SharingOut(sharing=checkins.set_sharing(db, user.id, body.sharing))


@router.get("/me/rhythm", responses=errors(401))
def get_rhythm_settings(user: ApiUser, db: Db) -> SettingsOut:
    return SettingsOut(**rhythm_time.get_settings(db, user.id).to_dict())


@router.put("/me/rhythm", responses=with_body(401))
def put_rhythm_settings(body: SettingsWrite, user: ApiUser, db: Db) -> SettingsOut:
    """Your time zone (IANA name) and your own check-in time."""
    found = rhythm_time.set_settings(db, user.id, body.time_zone, body.checkin_time)
    return SettingsOut(**found.to_dict())
