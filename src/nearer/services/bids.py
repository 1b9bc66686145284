"""Bids for connection: each written from its author's own side, private unless shared.

The weekly view speaks of "our bids": the caller's own and those their partner shared with this
very couple. It never scores the partner and never shows what the partner kept private.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from nearer.analysis.safety import SafetyResult
from nearer.domain.errors import InvalidInput, NotFound, Problem
from nearer.domain.field_checks import is_row_id
from nearer.domain.journal import check_text
from nearer.domain.paging import DEFAULT_LIMIT, Page
from nearer.domain.rhythm import (
    BID_DIRECTIONS,
    BID_RESPONSES,
    MAX_BID,
    WeekOfBids,
    bids_by_week,
    bids_movement,
    week_start,
)
from nearer.services.access import current_couple_id, partner_id, require_user
from nearer.services.paging import keyset_page
from nearer.services.rhythm_time import today_of
from nearer.services.sharing import bind_share, check_visibility
from nearer.services.text_checks import read_text
from nearer.storage.db import Database
from nearer.storage.models import Bid

WEEKS = 8


@dataclass(frozen=True)
class BidView:
    id: int
    day: date
    direction: str
    text: str
    response: str
    visibility: str
    mine: bool
    # What the safety check noticed, only on the author's own just-saved bid.
    safety: SafetyResult | None = None

    @classmethod
    def of(cls, row: Bid, reader: int) -> BidView:
        return cls(row.id, row.day, row.direction, row.text, row.response, row.visibility,
                   row.author_id == reader)  # fmt: skip


def _check(text: object, direction: object, response: object) -> str:
    problems: list[Problem] = []
    clean = check_text(text, problems)
    if not problems and len(clean) > MAX_BID:
        problems.append(Problem("text", f"is over {MAX_BID} characters; a sentence is enough"))
    if direction not in BID_DIRECTIONS:
        problems.append(Problem("direction", "should be 'made' or 'noticed'"))
    if response not in BID_RESPONSES:
        problems.append(Problem("response", "should be 'toward', 'away' or 'against'"))
    if problems:
        raise InvalidInput(problems)
    return clean


def add_bid(
    db: Database,
    user_id: int,
    text: object,
    direction: object,
    response: object,
    visibility: object = "private",
    now: datetime | None = None,
) -> BidView:
    clean = _check(text, direction, response)
    shown = check_visibility(visibility)
    with db.transaction() as session:
        require_user(session, user_id)
        bid = Bid(author_id=user_id, day=today_of(session, user_id, now), text=clean,
                  direction=str(direction), response=str(response))  # fmt: skip
        bind_share(session, user_id, bid, shown)
        session.add(bid)
        session.flush()
        view = BidView.of(bid, user_id)
    return replace(view, safety=read_text(clean, emotions=False).safety)


def _own(session: Session, user_id: int, bid_id: int) -> Bid:
    bid = session.get(Bid, bid_id) if is_row_id(bid_id) else None
    if bid is None or bid.author_id != user_id:
        raise NotFound("bid")
    return bid


def set_visibility(db: Database, user_id: int, bid_id: int, visibility: object) -> BidView:
    shown = check_visibility(visibility)
    with db.transaction() as session:
        bid = _own(session, user_id, bid_id)
        bind_share(session, user_id, bid, shown)
        return BidView.of(bid, user_id)


def delete_bid(db: Database, user_id: int, bid_id: int) -> None:
    with db.transaction() as session:
        session.delete(_own(session, user_id, bid_id))


def our_bid_rows(session: Session, user_id: int, first: date | None = None) -> list[Bid]:
    """The caller's bids and those their partner shared with this very couple."""
    query = readable_bids(session, user_id, first)
    return list(session.scalars(query.order_by(Bid.day.desc(), Bid.id.desc())))


def readable_bids(session: Session, user_id: int, first: date | None = None) -> Select[Bid]:
    """The query of the bids the caller may read (on or after `first`), in no order."""
    other = partner_id(session, user_id)
    couple = current_couple_id(session, user_id)
    readable = Bid.author_id == user_id
    if other is not None and couple is not None:
        readable = or_(
            readable,
            and_(Bid.author_id == other, Bid.visibility == "shared",
                 Bid.shared_couple_id == couple),
        )  # fmt: skip
    query = select(Bid).where(readable)
    if first is not None:
        query = query.where(Bid.day >= first)
    return query


def our_bids(db: Database, user_id: int, days: int = 56, now: datetime | None = None) -> list[BidView]:
    with db.transaction() as session:
        first = today_of(session, user_id, now) - timedelta(days=days - 1)
        return [BidView.of(b, user_id) for b in our_bid_rows(session, user_id, first)]


def bids_page(
    db: Database,
    user_id: int,
    *,
    days: int | None = None,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
    now: datetime | None = None,
) -> Page[BidView]:
    """One page of our bids (the caller's, and those their partner shares with this couple),
    of the last `days` local days or all, newest first, and the cursor to older ones."""
    with db.transaction() as session:
        first = None
        if days is not None:
            first = today_of(session, user_id, now) - timedelta(days=days - 1)
        query = readable_bids(session, user_id, first)
        page = keyset_page(session, query, (Bid.day, Bid.id), limit=limit, cursor=cursor)
        return Page([BidView.of(b, user_id) for b in page.items], page.next)


@dataclass(frozen=True)
class BidWeeks:
    weeks: list[WeekOfBids]
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "weeks": [
                {"week": w.week.isoformat(), "total": w.total, "toward": w.toward,
                 "share_toward": None if w.share is None else round(w.share, 3)}
                for w in self.weeks
            ],
            "sentence": self.sentence,
        }  # fmt: skip


def weekly(db: Database, user_id: int, weeks: int = WEEKS, now: datetime | None = None) -> BidWeeks:
    with db.transaction() as session:
        this_week = week_start(today_of(session, user_id, now))
        mondays = [this_week - timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]
        found = bids_by_week(((b.day, b.response) for b in our_bid_rows(session, user_id, mondays[0])), mondays)
    return BidWeeks(found, bids_movement(found[-1], found[-2]) if len(found) > 1 else "")
