"""The day's starting point: today's check-in, this week's step, what the partner shared lately,
today's question, and a break if one is running. Each part comes from the service that owns who
may see it, so the home page can never show more than those pages do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from nearer.domain.path import NextStep, PathFacts, next_step
from nearer.services import breaks, checkins, instruments, journal, questions, steps
from nearer.services.access import partner_id, require_user
from nearer.services.profile import name_of
from nearer.services.views import EntryView
from nearer.storage.db import Database
from nearer.storage.models import Entry, utcnow

NEWS_DAYS = 7
NEWS_ITEMS = 3


@dataclass(frozen=True)
class Home:
    today: checkins.Today
    steps: steps.StepsWeek
    breaks: list[breaks.BreakView]
    partner_entries: list[EntryView]
    question: questions.QuestionView | None
    questions_open: bool
    next: NextStep
    partner_name: str | None  # None when not linked
    shared_count: int  # everything the partner shared this week, of which a few are shown


def _path_facts(db: Database, user_id: int, linked: bool, has_step: bool) -> PathFacts:
    answered = instruments.latest_responses(db, user_id)
    with db.transaction() as session:
        kinds = set(session.scalars(select(Entry.kind).where(Entry.owner_id == user_id).distinct()).all())
    return PathFacts(
        answered_signs=("signs", "self") in answered,
        has_journal_entry=bool(kinds - {"reflection"}),
        has_reflection="reflection" in kinds,
        linked=linked,
        step_this_week=has_step,
    )


def _partner_name(db: Database, user_id: int) -> str | None:
    with db.transaction() as session:
        other = partner_id(session, user_id)
        return None if other is None else name_of(require_user(session, other))


def home(db: Database, user_id: int) -> Home:
    since = utcnow() - timedelta(days=NEWS_DAYS)
    shared = [e for e in journal.partner_entries(db, user_id) if e.created_at >= since]
    overview = questions.overview(db, user_id)
    week = steps.this_week(db, user_id)
    partner = _partner_name(db, user_id)
    return Home(
        checkins.today(db, user_id),
        week,
        breaks.current_breaks(db, user_id),
        shared[:NEWS_ITEMS],
        overview.current,
        overview.open and overview.linked,
        next_step(_path_facts(db, user_id, partner is not None, bool(week.mine))),
        partner,
        len(shared),
    )
