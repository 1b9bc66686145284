"""What the rhythm pages share: the closeness chart and the feelings wheel."""

from __future__ import annotations

from typing import Any

from nearer.domain.charts import lines_chart
from nearer.services.checkins import Trend


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
