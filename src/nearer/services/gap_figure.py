"""The perception gap drawn at a glance: per sign, how each sees themself beside how the other
sees them (a dumbbell per row), above the conversation cards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from nearer.domain import charts

FIRST = "How each sees themself"
SECOND = "How the other sees them"


def gap_svg(rows: Sequence[Mapping[str, Any]], scale_labels: Mapping[int, str]) -> Markup:
    """One row per sign (the reader's words: "I …" for their own, "My partner …" for theirs)."""
    lo, hi = min(scale_labels), max(scale_labels)
    points = [(str(r["text"]), float(r["self_view"]), float(r["partner_view"])) for r in rows]
    legend = ", ".join(f"{value} = {label}" for value, label in sorted(scale_labels.items()))
    parts = [
        f"{text}: {FIRST.lower()} {int(a)}, {SECOND.lower()} {int(b)}" for text, a, b in points
    ]
    description = f"Where your views differ ({legend}). " + "; ".join(parts)
    svg = charts.dumbbell_chart(
        "Where your views differ",
        points,
        lo=lo,
        hi=hi,
        first=FIRST,
        second=SECOND,
        tick_labels=scale_labels,
        description=description,
    )
    return Markup(svg)  # charts escapes every piece of text it is given
