"""Server-side SVG charts (no JavaScript) readable on a phone, and text sparklines for the CLI.

Each chart scales to its container (viewBox, width 100%), uses text of at least 12px, carries
role="img", an aria-label, <title> and <desc>, and escapes every piece of text it is given.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

WIDTH = 360  # a phone's width in CSS pixels; the viewBox scales up on larger screens
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 36, 56
FONT = 12
SPARKS = "▁▂▃▄▅▆▇█"
PALETTE = {
    "joy": "#E3A21A",
    "love": "#D9577A",
    "sadness": "#3F72AF",
    "anger": "#C8412B",
    "fear": "#7D5BA6",
    "shame": "#8A6D3B",
    "neutral": "#8C8C8C",
}
FALLBACK_COLORS = ("#3F72AF", "#E3A21A", "#C8412B", "#2E8B57", "#7D5BA6", "#8C8C8C", "#D9577A")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _open(title: str, description: str, height: int = HEIGHT) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'class="chart-svg" role="img" aria-label="{_e(title)}" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">',
        f"<title>{_e(title)}</title>",
        f"<desc>{_e(description)}</desc>",
        f'<text x="{WIDTH / 2}" y="18" text-anchor="middle" font-size="14" '
        f'font-weight="bold">{_e(title)}</text>',
    ]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _axes(lo: float, hi: float, labels: Sequence[str], y_label: str, x_label: str) -> list[str]:
    """Axis lines, 5 y ticks, thinned x labels and the two axis titles."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    out = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" stroke="#555"/>',
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#555"/>',
    ]
    for i in range(5):
        value = lo + (hi - lo) * i / 4
        y = base - plot_h * i / 4
        out.append(
            f'<line x1="{LEFT - 3}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end">{_fmt(value)}</text>')
    step = max(1, math.ceil(len(labels) / 6))  # about six labels fit across a phone
    slot = plot_w / max(1, len(labels))
    for i in range(0, len(labels), step):
        x = LEFT + slot * (i + 0.5)
        out.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle">{_e(labels[i])}</text>')
    out.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 8}" text-anchor="middle">{_e(x_label)}</text>'
    )
    out.append(
        f'<text x="12" y="{TOP + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 12 {TOP + plot_h / 2})">{_e(y_label)}</text>'
    )
    return out


def _y(value: float, lo: float, hi: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h - (value - lo) / ((hi - lo) or 1.0) * plot_h


def _summary(title: str, labels: Sequence[str], values: Sequence[float | None]) -> str:
    shown = [
        f"{label}: {'no data' if v is None else _fmt(v)}"
        for label, v in zip(labels, values, strict=True)
    ]
    return f"{title}. " + "; ".join(shown) if shown else f"{title}. No data yet."


def line_chart(
    title: str,
    points: Sequence[tuple[str, float | None]],
    *,
    y_label: str,
    x_label: str,
    y_min: float | None = None,
    y_max: float | None = None,
    description: str | None = None,
) -> str:
    """A line over labelled points; None leaves a gap."""
    labels = [label for label, _ in points]
    values = [v for _, v in points]
    known = [v for v in values if v is not None]
    lo = y_min if y_min is not None else min([0.0, *known])
    hi = y_max if y_max is not None else _nice_max(max(known, default=1.0))
    out = _open(title, description or _summary(title, labels, values))
    out += _axes(lo, hi, labels, y_label, x_label)
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(points))
    segment: list[str] = []
    for i, value in enumerate([*values, None]):
        if value is not None:
            x, y = LEFT + slot * (i + 0.5), _y(value, lo, hi)
            segment.append(f"{x:.1f},{y:.1f}")
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#3F72AF"/>')
        elif segment:
            out.append(
                f'<polyline points="{" ".join(segment)}" fill="none" stroke="#3F72AF" '
                f'stroke-width="2"/>'
            )
            segment = []
    if not known:
        out.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">No data yet</text>'
        )
    return "\n".join([*out, "</svg>"])


def stacked_bar_chart(
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    y_label: str,
    x_label: str,
    colors: Mapping[str, str] | None = None,
    description: str | None = None,
) -> str:
    """Bars per category, each stacked from the series in order, with a legend."""
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    hi = _nice_max(max(totals, default=0.0))
    if description is None:
        parts = [
            f"{c}: " + ", ".join(f"{name} {_fmt(vals[i])}" for name, vals in series.items())
            for i, c in enumerate(categories)
        ]
        description = f"{title}. " + "; ".join(parts)
    legend_height = 18 * math.ceil(len(series) / 4)
    out = _open(title, description, HEIGHT + legend_height)
    out += _axes(0.0, hi, categories, y_label, x_label)
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(categories))
    palette = {**PALETTE, **(colors or {})}
    names = list(series)
    color = {
        n: palette.get(n, FALLBACK_COLORS[k % len(FALLBACK_COLORS)]) for k, n in enumerate(names)
    }
    for i in range(len(categories)):
        bottom = 0.0
        for name in names:
            value = float(series[name][i])
            if value > 0:
                y_top, y_bottom = _y(bottom + value, 0.0, hi), _y(bottom, 0.0, hi)
                out.append(
                    f'<rect x="{LEFT + slot * (i + 0.15):.1f}" y="{y_top:.1f}" '
                    f'width="{slot * 0.7:.1f}" height="{y_bottom - y_top:.1f}" '
                    f'fill="{_e(color[name])}"><title>{_e(categories[i])}, {_e(name)}: '
                    f"{_fmt(value)}</title></rect>"
                )
            bottom += value
    for k, name in enumerate(names):  # legend rows below the x-axis title, four per row
        x, y = LEFT + (k % 4) * 78, HEIGHT + 12 + (k // 4) * 18
        out.append(
            f'<rect x="{x}" y="{y - 10}" width="11" height="11" fill="{_e(color[name])}"/>'
            f'<text x="{x + 15}" y="{y}">{_e(name)}</text>'
        )
    return "\n".join([*out, "</svg>"])


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    y_label: str,
    x_label: str,
    description: str | None = None,
) -> str:
    """One bar per label; None is drawn as no bar and described as no data."""
    hi = _nice_max(max((v for v in values if v is not None), default=0.0))
    out = _open(title, description or _summary(title, labels, values))
    out += _axes(0.0, hi, labels, y_label, x_label)
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(labels))
    for i, value in enumerate(values):
        if value is not None and value > 0:
            y = _y(value, 0.0, hi)
            out.append(
                f'<rect x="{LEFT + slot * (i + 0.15):.1f}" y="{y:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{HEIGHT - BOTTOM - y:.1f}" '
                f'fill="#3F72AF"><title>{_e(labels[i])}: {_fmt(value)}</title></rect>'
            )
    return "\n".join([*out, "</svg>"])


def sparkline(values: Sequence[float | None]) -> str:
    """A text sparkline (▁…█) scaled from the smallest to the largest value; None is a space."""
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    lo, hi = min(known), max(known)
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        elif hi == lo:
            out.append(SPARKS[3])
        else:
            out.append(SPARKS[round((value - lo) / (hi - lo) * (len(SPARKS) - 1))])
    return "".join(out)


def lines_chart(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    y_label: str,
    x_label: str,
    y_min: float,
    y_max: float,
    colors: Sequence[str] = ("#3F72AF", "#2E8B57"),
) -> str:
    """One line per series over shared labels; None is a gap (never a zero), with a legend."""
    parts = [
        f"{name}: "
        + ", ".join(
            f"{label} {'no check-in' if v is None else _fmt(v)}"
            for label, v in zip(labels, values, strict=True)
            if v is not None
        )
        for name, values in series.items()
    ]
    description = f"{title}. " + ("; ".join(parts) if parts else "No data yet.")
    out = _open(title, description, HEIGHT + 18)
    out += _axes(y_min, y_max, labels, y_label, x_label)
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(labels))
    for k, (name, values) in enumerate(series.items()):
        color = colors[k % len(colors)]
        segment: list[str] = []
        for i, value in enumerate([*values, None]):
            if value is not None:
                x, y = LEFT + slot * (i + 0.5), _y(value, y_min, y_max)
                segment.append(f"{x:.1f},{y:.1f}")
                out.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}">'
                    f"<title>{_e(name)}, {_e(labels[i])}: {_fmt(value)}</title></circle>"
                )
            elif segment:
                if len(segment) > 1:
                    out.append(
                        f'<polyline points="{" ".join(segment)}" fill="none" stroke="{color}" '
                        f'stroke-width="2"/>'
                    )
                segment = []
        x = LEFT + k * 150
        out.append(
            f'<rect x="{x}" y="{HEIGHT + 2}" width="11" height="11" fill="{color}"/>'
            f'<text x="{x + 15}" y="{HEIGHT + 12}">{_e(name)}</text>'
        )
    if not any(v is not None for values in series.values() for v in values):
        out.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">No check-ins yet</text>'
        )
    return "\n".join([*out, "</svg>"])
