"""What the rhythm pages share: errors beside their fields, and the closeness chart."""

from __future__ import annotations

from typing import Any

from nearer.domain.charts import lines_chart
from nearer.domain.errors import InvalidInput, NearerError
from nearer.services.checkins import Trend


def field_errors(error: NearerError) -> dict[str, str]:
    """Field → message, so each page shows a problem beside the field it is about."""
    if isinstance(error, InvalidInput):
        found: dict[str, str] = {}
        for problem in error.problems:
            found.setdefault(problem.field, problem.message)
        return found
    return {"form": str(error)}


def trend_svg(found: Trend) -> str:
    labels = [d.strftime("%d %b") for d in found.days]
    series: dict[str, list[int | None]] = {"You": list(found.mine)}
    if found.partner is not None:
        series["Your partner (shared)"] = list(found.partner)
    return lines_chart(
        "How close we felt",
        labels,
        series,
        y_label="Closeness (1–5)",
        x_label="Day (a gap is a day without a check-in)",
        y_min=1,
        y_max=5,
    )


def wheel_context() -> dict[str, Any]:
    from nearer.domain.feelings import wheel

    return {"wheel": wheel()}
