"""The "My patterns" figures: the person's own feelings over time as SVG charts with summaries.

Used by the patterns page and by the report for a counsellor, so both draw the same charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from nearer.domain import charts
from nearer.services.self_awareness import MyPatterns

WORDS_IN_CHART = 6  # more labels than this overlap on a phone; the summary lists them all
LABEL_CHARS = 8


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    svg: Markup  # built by nearer.domain.charts, which escapes every piece of text
    summary: str


def _week(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _feelings_figures(mine: MyPatterns) -> list[Figure]:
    p = mine.patterns
    weeks = [_week(w) for w in p.weeks]
    used = {f: [float(c) for c in counts] for f, counts in p.family_by_week.items() if sum(counts)}
    title = "Feelings by week"
    families = charts.stacked_bar_chart(
        title,
        weeks,
        used,
        y_label="entries",
        x_label="week starting",
        description=p.summaries["families"],
        titled=False,
    )
    title2 = "How strong feelings were, week by week"
    intensity = charts.line_chart(
        title2,
        list(zip(weeks, p.intensity_by_week, strict=True)),
        y_label="average intensity (0–10)",
        x_label="week starting",
        y_min=0,
        y_max=10,
        description=p.summaries["intensity"],
        titled=False,
    )
    return [
        Figure("families", title, Markup(families), p.summaries["families"]),
        Figure("intensity", title2, Markup(intensity), p.summaries["intensity"]),
    ]


def _heavy_figures(mine: MyPatterns) -> list[Figure]:
    p = mine.patterns
    out = []
    for key, title, buckets, x_label in (
        (
            "hours",
            "Hours that carry heavy feelings",
            p.heavy_hours,
            f"time of day ({mine.timezone})",
        ),
        ("weekdays", "Weekdays that carry heavy feelings", p.heavy_weekdays, "day of the week"),
    ):
        labels = [b.label[:3] if key == "weekdays" else b.label for b in buckets]
        svg = charts.bar_chart(
            title,
            labels,
            [float(b.count) for b in buckets],
            y_label="heavy entries",
            x_label=x_label,
            description=p.summaries[key],
            counts=True,
            titled=False,
        )
        out.append(Figure(key, title, Markup(svg), p.summaries[key]))
    return out


def _words_and_growth(mine: MyPatterns) -> list[Figure]:
    p = mine.patterns
    top = p.top_words[:WORDS_IN_CHART]
    title = "Feeling words you use most"
    words = charts.bar_chart(
        title,
        [_short(w) for w, _ in top],
        [float(n) for _, n in top],
        y_label="times chosen",
        x_label="feeling word",
        description=p.summaries["words"],
        counts=True,
        titled=False,
    )
    trend = mine.trend
    latest = trend[-1].message if trend else ""
    title2 = "Naming feelings: a skill that grows"
    growth = charts.line_chart(
        title2,
        [(_week(t.week_start), float(t.cumulative_words)) for t in trend],
        y_label="feeling words used so far",
        x_label="week starting",
        description=latest,
        counts=True,
        titled=False,
    )
    title3 = "Telling similar feelings apart"
    apart_summary = (
        "How often you named similar feelings (like hurt and lonely) apart rather than "
        "together, over the four weeks up to each point: higher means more often. " + latest
    )
    apart = charts.line_chart(
        title3,
        [(_week(t.week_start), t.granularity) for t in trend],
        y_label="named apart (% of the time)",
        x_label="week starting",
        y_min=0,
        y_max=1,
        description=apart_summary,
        percent=True,
        titled=False,
    )
    return [
        Figure("words", title, Markup(words), p.summaries["words"]),
        Figure("growth", title2, Markup(growth), latest),
        Figure("apart", title3, Markup(apart), apart_summary),
    ]


def figures(mine: MyPatterns) -> list[Figure]:
    """Every chart of the page, each with its accessible text summary."""
    return [*_feelings_figures(mine), *_heavy_figures(mine), *_words_and_growth(mine)]
