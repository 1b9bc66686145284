"""Emotional granularity: how precisely a person names feelings, as a skill that grows.

Two measures (Barrett 2017; Barrett, Gross, Conner & Benvenuto 2001; Tugade, Fredrickson &
Barrett 2004):

(a) Vocabulary: the number of distinct specific wheel words a person chose in a week, and
    cumulatively since their first entry.

(b) Differentiation, per valence (negative = sadness, anger, fear and shame words; positive = joy
    and love words; neutral words count for neither):
    - Occasions are entries that chose at least one word of that valence; the emotions are the
      distinct words of that valence used in the window.
    - Ratings are derived from the entry: a chosen word is rated with the entry's intensity
      (0–10), every other word of that valence 0. (Callers with explicit per-word ratings can use
      `icc_consistency` on their own matrix.)
    - On the n × k matrix (occasions × emotions), a two-way ANOVA gives
          MSR = k·Σ_i (row_mean_i − grand)² / (n − 1)
          MSE = (SST − SSR − SSC) / ((n − 1)(k − 1))
          ICC(3,1) = (MSR − MSE) / (MSR + (k − 1)·MSE)
      ICC(3,1) is the single-measure consistency form (Shrout & Fleiss 1979). Consistency, because
      people use different words at different levels and only whether they move together matters;
      single-measure, because the average-measure ICC(3,k) grows with k, and the number of words a
      person uses changes week to week (it would read a bigger vocabulary as less granularity).
    - Granularity = 1 − ICC, with ICC clipped to [0, 1], so it lies in [0, 1]; higher means the
      feelings were told apart more finely. Overall = mean of the valences that have a value.
    - Needed per valence: at least MIN_OCCASIONS occasions, at least 2 distinct words, and some
      variation between occasions (MSR > 0); otherwise the value is None.
The weekly trend measures differentiation over a rolling WINDOW_WEEKS window ending that week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from nearer.domain.feelings import NEGATIVE_FAMILIES, POSITIVE_FAMILIES, family_of

MIN_OCCASIONS = 4
WINDOW_WEEKS = 4


class FeelingEntry(Protocol):
    """What granularity needs from an entry (nearer.domain.patterns.EntryFacts fits)."""

    @property
    def created_at(self) -> datetime: ...
    @property
    def intensity(self) -> int: ...
    @property
    def feelings(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Differentiation:
    negative: float | None
    positive: float | None

    @property
    def overall(self) -> float | None:
        values = [v for v in (self.negative, self.positive) if v is not None]
        return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class WeekPoint:
    week_start: date  # the Monday
    distinct_words: int
    cumulative_words: int
    new_words: tuple[str, ...]
    negative: float | None
    positive: float | None
    granularity: float | None
    message: str


def icc_consistency(matrix: Sequence[Sequence[float]]) -> float | None:
    """ICC(3,1) of an occasions × emotions matrix; None when it is undefined."""
    n = len(matrix)
    k = len(matrix[0]) if n else 0
    if n < 2 or k < 2 or any(len(row) != k for row in matrix):
        return None
    grand = sum(sum(row) for row in matrix) / (n * k)
    row_means = [sum(row) / k for row in matrix]
    col_means = [sum(row[j] for row in matrix) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_cols = n * sum((m - grand) ** 2 for m in col_means)
    ss_total = sum((x - grand) ** 2 for row in matrix for x in row)
    ms_rows = ss_rows / (n - 1)
    ms_error = (ss_total - ss_rows - ss_cols) / ((n - 1) * (k - 1))
    if ms_rows <= 0:
        return None
    return (ms_rows - ms_error) / (ms_rows + (k - 1) * ms_error)


def _valence_words(entry: FeelingEntry, families: tuple[str, ...]) -> set[str]:
    words = set()
    for word in entry.feelings:
        family = family_of(word)
        if family in families and word.strip().lower() not in families:
            words.add(word.strip().lower())
    return words


def _valence_granularity(
    entries: Sequence[FeelingEntry], families: tuple[str, ...]
) -> float | None:
    occasions = [(e, _valence_words(e, families)) for e in entries]
    occasions = [(e, words) for e, words in occasions if words]
    columns = sorted(set().union(*(words for _, words in occasions))) if occasions else []
    if len(occasions) < MIN_OCCASIONS or len(columns) < 2:
        return None
    matrix = [
        [float(e.intensity) if w in words else 0.0 for w in columns] for e, words in occasions
    ]
    icc = icc_consistency(matrix)
    if icc is None:
        return None
    return 1.0 - min(1.0, max(0.0, icc))


def differentiation(entries: Sequence[FeelingEntry]) -> Differentiation:
    """Granularity per valence over the given entries (see the module docstring)."""
    return Differentiation(
        negative=_valence_granularity(entries, NEGATIVE_FAMILIES),
        positive=_valence_granularity(entries, POSITIVE_FAMILIES),
    )


def specific_words(entries: Iterable[FeelingEntry]) -> set[str]:
    """Distinct wheel words chosen (family names such as "joy" do not count as specific)."""
    words = set()
    for entry in entries:
        for word in entry.feelings:
            key = word.strip().lower()
            if family_of(key) is not None and family_of(key) != key:
                words.add(key)
    return words


def week_start(moment: datetime | date) -> date:
    """The Monday of the ISO week containing `moment`."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def _message(distinct: int, new: tuple[str, ...], granularity: float | None) -> str:
    parts = []
    if distinct == 0:
        parts.append("No feelings named this week, and that is fine.")
    else:
        parts.append(
            f"You named {distinct} different feeling{'s' if distinct != 1 else ''} this week."
        )
    if new:
        parts.append(f"New to your words: {', '.join(new)}.")
    if granularity is None:
        parts.append(
            "When a few entries name two or more feelings of the same kind (say hurt "
            "and lonely), you will see how finely you tell them apart."
        )
    elif granularity >= 0.5:
        parts.append(
            "You are telling similar feelings apart; that skill keeps growing with practice."
        )
    else:
        parts.append(
            "Similar feelings often come together for you; naming which one is "
            "strongest is a skill that grows with practice."
        )
    return " ".join(parts)


def granularity_trend(
    entries: Sequence[FeelingEntry], weeks: int = 8, *, today: date | None = None
) -> list[WeekPoint]:
    """One point per week, oldest first, for the `weeks` weeks ending with `today`'s week
    (default: the week of the latest entry)."""
    if not entries and today is None:
        return []
    last = (
        week_start(today) if today is not None else week_start(max(e.created_at for e in entries))
    )
    first = last - timedelta(weeks=weeks - 1)
    ordered = sorted(entries, key=lambda e: e.created_at)
    points = []
    for offset in range(weeks):
        start = first + timedelta(weeks=offset)
        end = start + timedelta(weeks=1)
        week = [e for e in ordered if start <= e.created_at.date() < end]
        before = specific_words(e for e in ordered if e.created_at.date() < start)
        this_week = specific_words(week)
        window_start = end - timedelta(weeks=WINDOW_WEEKS)
        window = [e for e in ordered if window_start <= e.created_at.date() < end]
        diff = differentiation(window)
        new = tuple(sorted(this_week - before))
        points.append(
            WeekPoint(
                week_start=start,
                distinct_words=len(this_week),
                cumulative_words=len(before | this_week),
                new_words=new,
                negative=diff.negative,
                positive=diff.positive,
                granularity=diff.overall,
                message=_message(len(this_week), new, diff.overall),
            )
        )
    return points
