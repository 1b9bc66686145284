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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Protocol

from nearer.domain.day_totals import (
    DayTotals,
    add_up,
    merge_lists,
    of_entry,
    specific,
    valence_of,
)

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


def icc_from_sums(
    n: int, sums: Sequence[int], columns: Mapping[str, Sequence[int]]
) -> Fraction | None:
    """ICC(3,1) of the derived-ratings matrix from its sums, exactly (see nearer.domain.day_totals).

    With a = x·m per occasion (x its rating, m its chosen words), c_j the rating sum of column j
    and N = n·k: N·SSR = n·Σa² − (Σa)²; N·SSC = k·Σc_j² − (Σa)²; N·SST = N·Σx²m − (Σa)²; and
    ICC = (MSR − MSE) / (MSR + (k − 1)·MSE) = (A − B) / (A + (k − 1)·B) with A = N·SSR·(k − 1),
    B = N·SSE, all integers.
    """
    k = len(columns)
    if n < 2 or k < 2:
        return None
    a, aa, xxm = sums[1], sums[2], sums[3]
    big_n, square = n * k, a * a
    ssr = n * aa - square
    if ssr <= 0:
        return None  # no variation between occasions: MSR = 0
    ssc = k * sum(c[1] * c[1] for c in columns.values()) - square
    sse = big_n * xxm - square - ssr - ssc
    rows, error = ssr * (k - 1), sse
    return Fraction(rows - error, rows + (k - 1) * error)


def _valence_granularity(totals: DayTotals, valence: str) -> float | None:
    sums = totals.valence.get(valence)
    if not sums or sums[0] < MIN_OCCASIONS:
        return None
    valences = valence_of()
    columns = {
        w: c for w, c in totals.rated_words.items() if c[0] > 0 and valences.get(w) == valence
    }
    if len(columns) < 2:
        return None
    icc = icc_from_sums(sums[0], sums, columns)
    if icc is None:
        return None
    return float(1 - min(Fraction(1), max(Fraction(0), icc)))


def differentiation_of(totals: DayTotals) -> Differentiation:
    """Granularity per valence over the entries added up in `totals`."""
    return Differentiation(
        negative=_valence_granularity(totals, "negative"),
        positive=_valence_granularity(totals, "positive"),
    )


def differentiation(entries: Sequence[FeelingEntry]) -> Differentiation:
    """Granularity per valence over the given entries (see the module docstring)."""
    whole = DayTotals()
    for _, part in _parts(entries):
        whole.merge(part)
    return differentiation_of(whole)


def _parts(entries: Iterable[FeelingEntry]) -> Iterator[tuple[date, DayTotals]]:
    for e in entries:
        yield of_entry(e.created_at, e.intensity, e.feelings, (), None)


def specific_words(entries: Iterable[FeelingEntry]) -> set[str]:
    """Distinct wheel words chosen (family names such as "joy" do not count as specific)."""
    words: set[str] = set()
    for _, part in _parts(entries):
        words |= part.specific_words()
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
    (default: the week of the latest entry). Every entry counts as rated."""
    if not entries and today is None:
        return []
    today = today if today is not None else max(e.created_at for e in entries).date()
    return trend_from_days(add_up(_parts(entries)), weeks, today=today)


def trend_from_days(
    days: Mapping[date, DayTotals],
    weeks: int,
    *,
    today: date,
    words_before: Iterable[str] = (),
) -> list[WeekPoint]:
    """The weekly trend from day totals up to `today`: vocabulary from every entry, and
    differentiation from the rated ones over the WINDOW_WEEKS weeks up to each point.
    `words_before`: words chosen on days not given (before them), counted as already known."""
    last = week_start(today)
    first = last - timedelta(weeks=weeks - 1)
    known = {d: t for d, t in days.items() if d <= today}
    reach = first - timedelta(weeks=WINDOW_WEEKS - 1)
    rated: dict[date, DayTotals] = {}  # per week, only what differentiation reads
    for day, totals in known.items():
        if day >= reach:
            week = rated.setdefault(week_start(day), DayTotals())
            merge_lists(week.valence, totals.valence)
            merge_lists(week.rated_words, totals.rated_words)
    week_words: dict[date, set[str]] = {}
    before: set[str] = specific(words_before)
    for day, totals in known.items():
        words = totals.specific_words()
        if day < first:
            before |= words
        else:
            week_words.setdefault(week_start(day), set()).update(words)
    window = DayTotals()
    for back in range(1, WINDOW_WEEKS):  # the weeks before the first point's own
        tally = rated.get(first - timedelta(weeks=back))
        if tally is not None:
            merge_lists(window.valence, tally.valence)
            merge_lists(window.rated_words, tally.rated_words)
    points = []
    for offset in range(weeks):
        start = first + timedelta(weeks=offset)
        this_week = week_words.get(start, set())
        # The window slides: this week comes in, the oldest goes (rated holds none before reach).
        for monday, sign in ((start, 1), (start - timedelta(weeks=WINDOW_WEEKS), -1)):
            tally = rated.get(monday)
            if tally is not None:
                merge_lists(window.valence, tally.valence, sign)
                merge_lists(window.rated_words, tally.rated_words, sign)
        diff = differentiation_of(window)
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
        before |= this_week
    return points
