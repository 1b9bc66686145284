"""The weekly look back: what the couple did this week, phrased as progress, never as a grade.

It holds the caller's own things, and of the partner's only what they chose to share with this
very couple (and their check-ins only on days the caller checked in too: the reveal holds here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from nearer.domain.errors import InvalidInput, Problem
from nearer.domain.field_checks import DAY_RANGE, day_in_range
from nearer.domain.rhythm import bids_by_week, bids_movement, week_start, zone
from nearer.services.access import current_couple_id, partner_id, require_user
from nearer.services.bids import our_bid_rows
from nearer.services.checkins import own_checkins, revealed_partner_days
from nearer.services.rhythm_time import today_of
from nearer.services.steps import PickView, pick_view, picks_in_weeks
from nearer.storage.db import Database
from nearer.storage.models import BreakRequest, InstrumentResponse, QuestionAnswer


@dataclass(frozen=True)
class WeekSummary:
    week: date
    is_current: bool
    my_checkins: int
    my_closeness: float | None
    partner_checkins: int  # revealed days only
    partner_closeness: float | None
    bids_total: int
    bids_toward: int
    bids_sentence: str
    my_steps: list[PickView] = field(default_factory=list)
    partner_steps: list[PickView] = field(default_factory=list)
    questions_together: int = 0
    breaks_returned: int = 0
    satisfaction: dict[str, Any] | None = None
    highlights: list[str] = field(default_factory=list)


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _highlights(s: WeekSummary) -> list[str]:
    """Short sentences of what happened, only ever counting what did."""
    lines: list[str] = []
    if s.my_checkins:
        lines.append(f"You checked in on {s.my_checkins} day{'s' if s.my_checkins != 1 else ''}.")
    if s.partner_checkins:
        lines.append(f"You saw each other's check-in on {s.partner_checkins} day"
                     f"{'s' if s.partner_checkins != 1 else ''}.")  # fmt: skip
    if s.bids_total:
        lines.append(s.bids_sentence)
    for pick in s.my_steps:
        if pick.times:
            lines.append(f"{pick.text} — {pick.celebration}")
    if s.questions_together:
        n = s.questions_together
        lines.append(f"You answered {n} closeness question{'s' if n != 1 else ''} together.")
    if s.breaks_returned:
        lines.append("You took a break when it got too much, and came back to each other.")
    if not lines:
        lines.append("A quiet week. That is allowed; the rhythm is here whenever you want it.")
    return lines


def look_back(
    db: Database, user_id: int, week: date | None = None, now: datetime | None = None
) -> WeekSummary:
    if week is not None and not day_in_range(week):
        raise InvalidInput([Problem("week_of", DAY_RANGE)])
    with db.transaction() as session:
        user = require_user(session, user_id)
        tz = zone(user.time_zone)
        this_monday = week_start(today_of(session, user_id, now))
        monday = week_start(week) if week else this_monday
        sunday = monday + timedelta(days=6)
        start = datetime.combine(monday, time(0), tzinfo=tz)
        end = start + timedelta(days=7)
        couple = current_couple_id(session, user_id)
        other = partner_id(session, user_id)

        mine = own_checkins(session, user_id, monday, sunday)
        _, shown, _ = revealed_partner_days(session, user_id, monday, sunday)
        weeks = [monday - timedelta(weeks=1), monday]
        bid_weeks = bids_by_week(
            ((b.day, b.response) for b in our_bid_rows(session, user_id, weeks[0]) if b.day <= sunday),
            weeks,
        )
        picks = picks_in_weeks(session, user_id, monday, monday)
        views = [pick_view(session, p, user_id) for p in picks]

        together = 0
        returned = 0
        if other is not None and couple is not None:
            answers = session.scalars(
                select(QuestionAnswer).where(
                    QuestionAnswer.couple_id == couple,
                    QuestionAnswer.user_id.in_([user_id, other]),
                )
            )
            by_question: dict[str, list[datetime]] = {}
            for a in answers:
                by_question.setdefault(a.question_id, []).append(a.created_at)
            together = sum(1 for times in by_question.values()
                           if len(times) == 2 and start <= max(times) < end)  # fmt: skip
            returned = sum(
                1 for b in session.scalars(select(BreakRequest).where(BreakRequest.couple_id == couple))
                if b.ended_at is not None and start <= b.started_at < end
            )  # fmt: skip
        satisfaction = session.scalar(
            select(InstrumentResponse)
            .where(InstrumentResponse.user_id == user_id,
                   InstrumentResponse.instrument_id == "satisfaction",
                   InstrumentResponse.created_at >= start, InstrumentResponse.created_at < end)
            .order_by(InstrumentResponse.created_at.desc())
            .limit(1)
        )  # fmt: skip
        sat = None
        if satisfaction is not None:
            part = satisfaction.scores.get("subscales", {}).get("satisfaction", {})
            band = part.get("band") or {}
            sat = {"value": part.get("value"), "max": part.get("max"),
                   "label": band.get("label"), "wording": band.get("wording")}  # fmt: skip

    summary = WeekSummary(
        week=monday,
        is_current=monday == this_monday,
        my_checkins=len(mine),
        my_closeness=_mean([r.closeness for r in mine.values()]),
        partner_checkins=len(shown),
        partner_closeness=_mean([r.closeness for r in shown.values()]),
        bids_total=bid_weeks[1].total,
        bids_toward=bid_weeks[1].toward,
        bids_sentence=bids_movement(bid_weeks[1], bid_weeks[0]),
        my_steps=[v for v in views if v.mine],
        partner_steps=[v for v in views if not v.mine],
        questions_together=together,
        breaks_returned=returned,
        satisfaction=sat,
    )
    return WeekSummary(**{**summary.__dict__, "highlights": _highlights(summary)})
