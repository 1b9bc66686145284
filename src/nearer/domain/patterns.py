"""Patterns over a person's journal: families by week, intensity, heavy times, tags, words.

All aggregates are plain counts and means, so each can be checked by hand:
- weeks are ISO weeks starting Monday, from the first entry's week to the last, empty weeks kept;
- an entry's family is `EntryFacts.family`, or else the family of its first wheel word;
- "heavy" entries are those whose family is sadness, anger, fear or shame; per hour bucket
  (three hours each, 00–03 … 21–24) and per weekday we report their count and mean intensity;
- a tag's share for a family = entries of that family carrying the tag / entries of that family.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from nearer.domain.day_totals import DayTotals, add_up, monday, of_entry
from nearer.domain.feelings import FAMILIES, NEGATIVE_FAMILIES, family_of

HOUR_BUCKET = 3
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TOP_WORDS = 10


@dataclass(frozen=True)
class EntryFacts:
    """What patterns need to know about one journal entry."""

    created_at: datetime
    intensity: int
    feelings: tuple[str, ...]
    tags: tuple[str, ...]
    family: str | None


@dataclass(frozen=True)
class Bucket:
    label: str
    count: int
    mean_intensity: float | None


@dataclass(frozen=True)
class TagShare:
    tag: str
    count: int
    share: float


@dataclass(frozen=True)
class Patterns:
    weeks: tuple[date, ...]
    family_by_week: dict[str, tuple[int, ...]]
    intensity_by_week: tuple[float | None, ...]
    heavy_hours: tuple[Bucket, ...]
    heavy_weekdays: tuple[Bucket, ...]
    tags_by_family: dict[str, tuple[TagShare, ...]]
    top_words: tuple[tuple[str, int], ...]
    summaries: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "weeks": [w.isoformat() for w in self.weeks],
            "family_by_week": {f: list(c) for f, c in self.family_by_week.items()},
            "intensity_by_week": list(self.intensity_by_week),
            "heavy_hours": [b.__dict__ for b in self.heavy_hours],
            "heavy_weekdays": [b.__dict__ for b in self.heavy_weekdays],
            "tags_by_family": {
                f: [t.__dict__ for t in shares] for f, shares in self.tags_by_family.items()
            },
            "top_words": [[w, c] for w, c in self.top_words],
            "summaries": dict(self.summaries),
        }


def entry_family(entry: EntryFacts) -> str | None:
    """The entry's family, or the family of its first wheel word."""
    if entry.family is not None:
        return entry.family
    for word in entry.feelings:
        family = family_of(word)
        if family is not None:
            return family
    return None


def facts_by_day(entries: Sequence[EntryFacts]) -> dict[date, DayTotals]:
    """Day totals of `entries` (each counts as rated: `EntryFacts.intensity` is always given)."""
    return add_up(
        of_entry(e.created_at, e.intensity, e.feelings, e.tags, entry_family(e)) for e in entries
    )


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None


def _buckets(groups: Sequence[list[int]], labels: Sequence[str]) -> tuple[Bucket, ...]:
    return tuple(Bucket(labels[i], n, _mean(s, n)) for i, (n, s) in enumerate(groups))


def _hour_labels() -> list[str]:
    return [f"{h:02d}–{h + HOUR_BUCKET:02d}" for h in range(0, 24, HOUR_BUCKET)]


def _tags(
    families: Mapping[str, int], tags: Mapping[str, Mapping[str, int]]
) -> dict[str, tuple[TagShare, ...]]:
    result: dict[str, tuple[TagShare, ...]] = {}
    for family in FAMILIES:
        members, counts = families.get(family, 0), tags.get(family)
        if members and counts:
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            result[family] = tuple(TagShare(tag, n, round(n / members, 4)) for tag, n in ranked)
    return result


def summarise(entries: Sequence[EntryFacts]) -> Patterns:
    """Every aggregate for the "My patterns" page, with a plain-text summary per chart."""
    return summarise_days(facts_by_day(entries))


def summarise_days(days: Mapping[date, DayTotals]) -> Patterns:
    """The same aggregates from day totals: weeks run from the first day's week to the last's.
    Ratings count where there is one (weekly means, heavy hours and weekdays)."""
    used = sorted(d for d, t in days.items() if not t.empty)
    weeks: tuple[date, ...] = ()
    if used:
        first, last = monday(used[0]), monday(used[-1])
        weeks = tuple(first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1))
    # Each field is summed once, and only where it is read: this runs on every page view.
    by_family: dict[str, list[int]] = {f: [0] * len(weeks) for f in FAMILIES}
    rated = [[0, 0] for _ in weeks]  # per week: rated entries, sum of their ratings
    families: dict[str, int] = {}
    tags: dict[str, dict[str, int]] = {}
    words: dict[str, int] = {}
    hours = [[0, 0] for _ in range(24 // HOUR_BUCKET)]
    weekdays = [[0, 0] for _ in WEEKDAYS]
    start = weeks[0] if weeks else date.min
    for day in used:
        totals = days[day]
        i = (day - start).days // 7
        rated[i][0] += totals.rated
        rated[i][1] += totals.intensity_sum
        for family, n in totals.families.items():
            if family in by_family:
                by_family[family][i] += n
            families[family] = families.get(family, 0) + n
        for family, counts in totals.tags.items():
            mine = tags.setdefault(family, {})
            for tag, n in counts.items():
                mine[tag] = mine.get(tag, 0) + n
        for word, n in totals.words.items():
            words[word] = words.get(word, 0) + n
        for hour, (n, s) in totals.heavy.items():
            weekdays[day.weekday()][0] += n
            weekdays[day.weekday()][1] += s
            hours[hour // HOUR_BUCKET][0] += n
            hours[hour // HOUR_BUCKET][1] += s
    patterns = Patterns(
        weeks=weeks,
        family_by_week={f: tuple(counts) for f, counts in by_family.items()},
        intensity_by_week=tuple(_mean(total, n) for n, total in rated),
        heavy_hours=_buckets(hours, _hour_labels()),
        heavy_weekdays=_buckets(weekdays, WEEKDAYS),
        tags_by_family=_tags(families, tags),
        top_words=tuple(sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WORDS]),
    )
    patterns.summaries.update(_summaries(patterns))
    return patterns


def _week_label(week: date) -> str:
    return f"the week of {week.day} {week.strftime('%b')}"


def _family_summary(p: Patterns) -> str:
    totals = {f: sum(c) for f, c in p.family_by_week.items() if sum(c) > 0}
    if not totals:
        return "No entries yet, so there is nothing to show over time."
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], FAMILIES.index(kv[0])))
    listed = ", ".join(f"{f} {n}" for f, n in ranked[:3])
    weeks = len(p.weeks)
    return (
        f"Over {weeks} week{'s' if weeks != 1 else ''}, the feelings that came up most "
        f"were: {listed} (number of entries)."
    )


def _intensity_summary(p: Patterns) -> str:
    points = [(w, v) for w, v in zip(p.weeks, p.intensity_by_week, strict=True) if v is not None]
    if not points:
        return "No intensity ratings yet."
    (w0, v0), (w1, v1) = points[0], points[-1]
    if len(points) == 1:
        return f"Average intensity in {_week_label(w0)} was {v0:g} out of 10."
    return (
        f"Average intensity was {v0:g} out of 10 in {_week_label(w0)} and "
        f"{v1:g} in {_week_label(w1)}."
    )


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _joined(labels: Sequence[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _bucket_summary(buckets: Sequence[Bucket], what: str) -> str:
    """Where heavy feelings gathered; ties are named as ties, never broken by chance."""
    used = [b for b in buckets if b.count and b.mean_intensity is not None]
    if not used:
        return f"No heavy feelings (sadness, anger, fear, shame) recorded by {what} yet."
    top = max(b.count for b in used)
    most = [b.label for b in used if b.count == top]
    peak = max(b.mean_intensity or 0.0 for b in used)
    strongest = [b.label for b in used if b.mean_intensity == peak]
    if len(most) == 1:
        first = f"Heavy feelings were logged most often {what} {most[0]} ({_entries(top)})"
    else:
        first = f"{_joined(most)} tie for heavy feelings ({_entries(top)} each)"
        first = (f"The hours {first}" if what == "between" else first)
    if len(used) == 1:
        return f"{first}, at an average of {peak:g} out of 10."
    if len(strongest) == 1:
        return f"{first}; they were strongest {what} {strongest[0]} (average {peak:g} out of 10)."
    return f"{first}; they were equally strong {what} {_joined(strongest)} (average {peak:g} out of 10)."


def _tag_summary(p: Patterns) -> str:
    lines = []
    for family in NEGATIVE_FAMILIES:
        shares = p.tags_by_family.get(family)
        if shares:
            top = shares[0]
            lines.append(
                f"{top.tag} came with {family} in {top.count} "
                f"entr{'ies' if top.count != 1 else 'y'} ({top.share:.0%})"
            )
    if not lines:
        return "No tags came with heavy feelings yet."
    text = "; ".join(lines)
    return text[0].upper() + text[1:] + "."


def _words_summary(p: Patterns) -> str:
    if not p.top_words:
        return "No feeling words chosen yet."
    listed = ", ".join(f"{w} ({n})" for w, n in p.top_words[:5])
    return f"The feeling words you used most: {listed}."


def _summaries(p: Patterns) -> dict[str, str]:
    return {
        "families": _family_summary(p),
        "intensity": _intensity_summary(p),
        "hours": _bucket_summary(p.heavy_hours, "between"),
        "weekdays": _bucket_summary(p.heavy_weekdays, "on"),
        "tags": _tag_summary(p),
        "words": _words_summary(p),
    }
