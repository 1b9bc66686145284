"""The day's starting point: today's check-in, this week's step, what the partner shared lately,
today's question, and a break if one is running. Each part comes from the service that owns who
may see it, so the home page can never show more than those pages do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from nearer.services import breaks, checkins, journal, questions, steps
from nearer.services.views import EntryView
from nearer.storage.db import Database
from nearer.storage.models import utcnow

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


def home(db: Database, user_id: int) -> Home:
    since = utcnow() - timedelta(days=NEWS_DAYS)
    shared = journal.partner_page(db, user_id, limit=NEWS_ITEMS, since=since).items
    overview = questions.overview(db, user_id)
    return Home(
        checkins.today(db, user_id),
        steps.this_week(db, user_id),
        breaks.current_breaks(db, user_id),
        shared,
        overview.current,
        overview.open and overview.linked,
    )
