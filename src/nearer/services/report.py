"""The report for a counsellor: the person's own data, chosen section by section and by date.

Everything here is read through services/access.py: the person's own items, and a partner's
entry only when the partner shared it and the person chose it. A partner's private data is
never read at all, so it cannot appear.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from markupsafe import Markup
from sqlalchemy import select

from nearer.domain import charts
from nearer.domain.errors import InvalidInput, NearerError, Problem
from nearer.domain.field_checks import DAY_RANGE, day_in_range
from nearer.domain.support_sections import REPORT_SECTIONS
from nearer.services import instruments, perception_gap, rhythm_time, self_awareness
from nearer.services.access import readable_entry, require_user
from nearer.services.pattern_figures import Figure, figures
from nearer.storage.db import Database
from nearer.storage.models import Entry, InstrumentResponse, utcnow

MAX_DAYS = 730
MAX_ENTRIES = 200


@dataclass(frozen=True)
class ReportOptions:
    start: date
    end: date
    sections: tuple[str, ...]
    entry_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ScoreSeries:
    instrument: str
    about: str
    subscale: str
    points: tuple[tuple[str, float], ...]
    latest_band: str
    svg: Markup

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "about": self.about,
            "subscale": self.subscale,
            "points": [{"date": d, "value": v} for d, v in self.points],
            "latest_band": self.latest_band,
        }


@dataclass(frozen=True)
class ReportEntry:
    id: int
    written: str
    kind: str
    whose: str  # "mine" or "partner-shared"
    feelings: tuple[str, ...]
    intensity: int | None
    text: str
    prompt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "feelings": list(self.feelings)}


@dataclass(frozen=True)
class Report:
    title: str
    start: date
    end: date
    sections: tuple[str, ...]
    made_on: date
    scores: tuple[ScoreSeries, ...] = ()
    figures: tuple[Figure, ...] = ()
    entries: tuple[ReportEntry, ...] = ()
    reflections: tuple[ReportEntry, ...] = ()
    gap: tuple[dict[str, Any], ...] = ()
    gap_available: bool = False
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "sections": list(self.sections),
            "made_on": self.made_on.isoformat(),
            "scores": [s.to_dict() for s in self.scores],
            "patterns": [
                {"id": f.id, "title": f.title, "summary": f.summary} for f in self.figures
            ],
            "entries": [e.to_dict() for e in self.entries],
            "reflections": [e.to_dict() for e in self.reflections],
            "gap": list(self.gap),
            "gap_available": self.gap_available,
            "notes": list(self.notes),
        }


def _date(value: Any, name: str, problems: list[Problem]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            problems.append(Problem(name, "must be a date like 2026-09-01"))
            return None
    if not day_in_range(day):
        problems.append(Problem(name, DAY_RANGE))
        return None
    return day


def parse_sections(value: Any, allowed: Iterable[str], name: str = "sections") -> tuple[str, ...]:
    """Section names from a list or a comma-separated string, each checked."""
    known = list(allowed)
    raw: list[Any] = value.split(",") if isinstance(value, str) else list(value or [])
    wanted = [str(s).strip().lower() for s in raw if str(s).strip()]
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise InvalidInput([Problem(name, f"{unknown[0]!r} is not one of: {', '.join(known)}")])
    return tuple(s for s in known if s in wanted)


def parse_entry_ids(value: Any, name: str = "entries") -> tuple[int, ...]:
    raw: list[Any] = value.split(",") if isinstance(value, str) else list(value or [])
    ids: list[int] = []
    for item in raw:
        text = str(item).strip()
        if not text:
            continue
        if not text.isdigit() or len(text) > 12:
            raise InvalidInput([Problem(name, f"{text[:20]!r} is not an entry number")])
        ids.append(int(text))
    if len(ids) > MAX_ENTRIES:
        raise InvalidInput([Problem(name, f"choose at most {MAX_ENTRIES} entries")])
    return tuple(dict.fromkeys(ids))


def options(
    start: Any, end: Any, sections: Any, entry_ids: Any = None, *, today: date | None = None
) -> ReportOptions:
    """Checked report options; the range defaults to the last 12 weeks up to today."""
    problems: list[Problem] = []
    today = today or utcnow().date()
    first = _date(start, "from", problems)
    last = _date(end, "to", problems)
    if problems:
        raise InvalidInput(problems)
    last = last or today
    first = first or last - timedelta(weeks=12)
    if first > last:
        raise InvalidInput([Problem("from", "must be on or before the 'to' date")])
    if (last - first).days > MAX_DAYS:
        raise InvalidInput([Problem("from", f"the range may span at most {MAX_DAYS} days")])
    chosen = parse_sections(sections, REPORT_SECTIONS)
    if not chosen:
        raise InvalidInput([Problem("sections", "choose at least one section")])
    return ReportOptions(first, last, chosen, parse_entry_ids(entry_ids))


def _bounds(opts: ReportOptions, zone: tzinfo) -> tuple[datetime, datetime]:
    """From the first day's midnight to the midnight after the last day, in the reader's zone."""
    return (
        datetime.combine(opts.start, time.min, zone).astimezone(UTC),
        datetime.combine(opts.end + timedelta(days=1), time.min, zone).astimezone(UTC),
    )


def _scores(db: Database, user_id: int, opts: ReportOptions, zone: tzinfo) -> list[ScoreSeries]:
    low, high = _bounds(opts, zone)
    with db.transaction() as session:
        keys = session.execute(
            select(InstrumentResponse.instrument_id, InstrumentResponse.about)
            .where(
                InstrumentResponse.user_id == user_id,
                InstrumentResponse.created_at >= low,
                InstrumentResponse.created_at < high,
            )
            .distinct()
        ).all()
    series: list[ScoreSeries] = []
    for instrument_id, about in sorted(keys):
        try:
            instrument = instruments.get_instrument(db, instrument_id, user_id)
        except NearerError:
            continue  # an added questionnaire that no longer loads
        history = [
            r
            for r in instruments.list_responses(db, user_id, instrument_id, about)
            if low <= r.created_at < high
        ]
        for sub in instrument.subscales:
            points = [
                (label, value)
                for label, value in instruments.trend_points(history, sub.id, zone)
                if value is not None
            ]
            if not points:
                continue
            newest = history[-1].subscales().get(sub.id, {})
            band = str(newest.get("band", {}).get("label", ""))
            title = f"{instrument.title}: {sub.title}" + (
                " (about my partner)" if about == "partner" else ""
            )
            svg = charts.line_chart(
                title,
                points,
                y_label="score",
                x_label="date answered",
                y_min=float(newest.get("min", 0)),
                y_max=float(newest.get("max", 1)),
            )
            series.append(
                ScoreSeries(instrument.title, about, sub.title, tuple(points), band, Markup(svg))
            )
    return series


def entry_item(entry: Entry, user_id: int, zone: tzinfo = UTC) -> ReportEntry:
    """One entry as the report shows it, dated in the reader's zone `zone`."""
    from nearer.domain.prompts import get_prompt

    prompt = None
    if entry.prompt_id:
        try:
            prompt = get_prompt(entry.prompt_id).text
        except KeyError:
            prompt = None
    return ReportEntry(
        entry.id,
        entry.created_at.astimezone(zone).strftime("%d %b %Y"),
        entry.kind,
        "mine" if entry.owner_id == user_id else "partner-shared",
        tuple(entry.feelings),
        entry.intensity,
        entry.text,
        prompt,
    )


def chosen_entries(
    db: Database, user_id: int, ids: Sequence[int], zone: tzinfo = UTC
) -> list[ReportEntry]:
    """Each chosen entry the person may read: their own, or one their partner shared with them."""
    found = []
    with db.transaction() as session:
        for entry_id in ids:
            try:
                entry = readable_entry(session, user_id, entry_id)
            except NearerError:
                raise InvalidInput(
                    [Problem("entries", f"entry {entry_id} is not one you can read")]
                ) from None
            found.append(entry_item(entry, user_id, zone))
    return found


def _reflections(
    db: Database, user_id: int, opts: ReportOptions, zone: tzinfo
) -> list[ReportEntry]:
    low, high = _bounds(opts, zone)
    with db.transaction() as session:
        rows = session.scalars(
            select(Entry)
            .where(
                Entry.owner_id == user_id,
                Entry.kind == "reflection",
                Entry.created_at >= low,
                Entry.created_at < high,
            )
            .order_by(Entry.created_at, Entry.id)
        ).all()
        return [entry_item(e, user_id, zone) for e in rows]


def _patterns(db: Database, user_id: int, opts: ReportOptions) -> list[Figure]:
    weeks = min(self_awareness.MAX_WEEKS, (opts.end - opts.start).days // 7 + 1)
    mine = self_awareness.my_patterns(db, user_id, weeks, today=opts.end)
    return figures(mine) if mine.entry_count else []


def build(
    db: Database, user_id: int, opts: ReportOptions, *, for_professional: bool = False,
    zone: tzinfo | None = None,
) -> Report:
    """The report as data; the HTML and PDF are both drawn from it by nearer.services.report_render.
    Days and dates are the reader's: `zone` (a professional's), else the person's own zone."""
    with db.transaction() as session:
        require_user(session, user_id)
    zone = zone or rhythm_time.own_zone(db, user_id)
    sections = opts.sections
    notes: list[str] = []
    gap: list[dict[str, Any]] = []
    gap_available = False
    if "gap" in sections:
        try:
            gap = perception_gap.couple_gap(db, user_id).rows()
            gap_available = True
        except NearerError:
            notes.append(
                "The perception gap is left out: it needs you both linked, both answers and both "
                "consents."
            )
    entries = chosen_entries(db, user_id, opts.entry_ids, zone) if "entries" in sections else []
    return Report(
        title="Report prepared for a counsellor" if not for_professional else "Shared with you",
        start=opts.start,
        end=opts.end,
        sections=sections,
        made_on=utcnow().astimezone(zone).date(),
        scores=tuple(_scores(db, user_id, opts, zone)) if "scores" in sections else (),
        figures=tuple(_patterns(db, user_id, opts)) if "patterns" in sections else (),
        entries=tuple(entries),
        reflections=(tuple(_reflections(db, user_id, opts, zone)) if "reflections" in sections
                     else ()),
        gap=tuple(gap),
        gap_available=gap_available,
        notes=tuple(notes),
    )
