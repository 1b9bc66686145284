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
CHAR_WIDTH = 6.8  # the average width of a 12px system-ui character, a little generous
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


def _open(title: str, description: str, height: int = HEIGHT, *, titled: bool = True) -> list[str]:
    """The SVG's start. `titled=False` when the page heading already names the chart, so the
    title is not shown twice (it stays in <title> and aria-label for screen readers)."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'class="chart-svg" role="img" aria-label="{_e(title)}" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">',
        f"<title>{_e(title)}</title>",
        f"<desc>{_e(description)}</desc>",
    ]
    if titled:
        out.append(
            f'<text x="{WIDTH / 2}" y="18" text-anchor="middle" font-size="14" '
            f'font-weight="bold">{_e(title)}</text>'
        )
    return out


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def count_ticks(largest: float) -> list[int]:
    """Whole-number ticks from 0 for a count axis: at most six, evenly spaced, covering `largest`."""
    top = max(1, math.ceil(largest))
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        step = candidate
        if math.ceil(top / step) <= 5:
            break
    else:
        step = 10 ** math.ceil(math.log10(top / 5))
    return list(range(0, math.ceil(top / step) * step + 1, step))


def _ticks(lo: float, hi: float, integer: bool) -> list[float]:
    if integer:
        return [float(t) for t in count_ticks(hi)]
    span = hi - lo
    if lo == int(lo) and span == int(span) and span >= 4 and span % 4:
        steps = count_ticks(span)  # a whole-number scale (0–10) keeps whole-number ticks
        if steps[-1] == span:
            return [lo + t for t in steps]
    return [lo + span * i / 4 for i in range(5)]


def _x_labels(labels: Sequence[str], slot: float, base: float) -> list[str]:
    """Labels under the x axis that never run into each other: straight when they fit in their
    slot, else thinned, and turned 40 degrees when even one per slot would not fit."""
    widest = max((len(label) for label in labels), default=0) * CHAR_WIDTH
    out: list[str] = []
    if widest <= slot - 4:
        for i, label in enumerate(labels):
            x = LEFT + slot * (i + 0.5)
            out.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle">{_e(label)}</text>')
        return out
    step = max(1, math.ceil((FONT + 4) / slot))  # turned labels need a line's height each
    if step == 1 and widest <= 2 * slot - 4:  # every other label fits straight
        step = 2
        for i in range(0, len(labels), step):
            x = LEFT + slot * (i + 0.5)
            out.append(
                f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle">{_e(labels[i])}</text>'
            )
        return out
    for i in range(0, len(labels), step):
        x = LEFT + slot * (i + 0.5)
        out.append(
            f'<text x="{x:.1f}" y="{base + 12}" text-anchor="end" '
            f'transform="rotate(-40 {x:.1f} {base + 12})">{_e(labels[i])}</text>'
        )
    return out


def _axes(
    lo: float,
    hi: float,
    labels: Sequence[str],
    y_label: str,
    x_label: str,
    *,
    integer: bool = False,
    percent: bool = False,
) -> list[str]:
    """Axis lines, y ticks (whole numbers for counts), x labels that fit, the axis titles."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    out = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" stroke="#555"/>',
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#555"/>',
    ]
    for value in _ticks(lo, hi, integer):
        y = _y(value, lo, hi)
        shown = f"{round(value * 100)}%" if percent else _fmt(value)
        out.append(
            f'<line x1="{LEFT - 3}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end">{shown}</text>')
    out += _x_labels(labels, plot_w / max(1, len(labels)), base)
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
    counts: bool = False,
    percent: bool = False,
    titled: bool = True,
) -> str:
    """A line over labelled points; None leaves a gap. `counts`: whole-number ticks;
    `percent`: values from 0 to 1 shown as 0%–100%; `titled=False`: the page names it."""
    labels = [label for label, _ in points]
    values = [v for _, v in points]
    known = [v for v in values if v is not None]
    lo = y_min if y_min is not None else min([0.0, *known])
    largest = max(known, default=1.0)
    if y_max is not None:
        hi = y_max
    else:
        hi = float(count_ticks(largest)[-1]) if counts else _nice_max(largest)
    out = _open(title, description or _summary(title, labels, values), titled=titled)
    out += _axes(lo, hi, labels, y_label, x_label, integer=counts, percent=percent)
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
    titled: bool = True,
) -> str:
    """Bars of counts per category, each stacked from the series in order, with a legend."""
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    hi = float(count_ticks(max(totals, default=0.0))[-1])
    if description is None:
        parts = [
            f"{c}: " + ", ".join(f"{name} {_fmt(vals[i])}" for name, vals in series.items())
            for i, c in enumerate(categories)
        ]
        description = f"{title}. " + "; ".join(parts)
    legend_height = 18 * math.ceil(len(series) / 4)
    out = _open(title, description, HEIGHT + legend_height, titled=titled)
    out += _axes(0.0, hi, categories, y_label, x_label, integer=True)
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
    counts: bool = False,
    titled: bool = True,
) -> str:
    """One bar per label; None is drawn as no bar and described as no data."""
    largest = max((v for v in values if v is not None), default=0.0)
    hi = float(count_ticks(largest)[-1]) if counts else _nice_max(largest)
    out = _open(title, description or _summary(title, labels, values), titled=titled)
    out += _axes(0.0, hi, labels, y_label, x_label, integer=counts)
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


def _wrap(text: str, width: int, lines: int = 3) -> list[str]:
    import textwrap

    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], textwrap.shorten(" ".join(wrapped[lines - 1 :]), width, placeholder="…")]
    return wrapped


def dumbbell_chart(
    title: str,
    rows: Sequence[tuple[str, float, float]],
    *,
    lo: int,
    hi: int,
    first: str,
    second: str,
    tick_labels: Mapping[int, str] | None = None,
    description: str | None = None,
    titled: bool = False,
) -> str:
    """Two views of the same thing side by side, one row each: a circle for the first view, a
    square for the second (shape as well as colour), joined by a line as long as the gap.

    Each row's words sit on their own lines above its track, so long items never squeeze the
    scale on a phone. `tick_labels` name the scale points (1 = Never …) in the description.
    """
    pad, first_color, second_color = 20, "#3F72AF", "#C8412B"
    per_line = int((WIDTH - 2 * pad) / CHAR_WIDTH)
    top = 44 if titled else 22
    legend = [
        f'<circle cx="{pad + 6}" cy="{top - 4}" r="6" fill="{first_color}"/>'
        f'<text x="{pad + 16}" y="{top}">{_e(first)}</text>',
        f'<rect x="{WIDTH / 2 + 4}" y="{top - 10}" width="11" height="11" fill="{second_color}"/>'
        f'<text x="{WIDTH / 2 + 20}" y="{top}">{_e(second)}</text>',
    ]
    scale_y = top + 22
    span = (WIDTH - 2 * pad) / ((hi - lo) or 1)

    def x_of(value: float) -> float:
        return pad + (value - lo) * span

    body: list[str] = []
    y = scale_y + 14
    for label, a, b in rows:
        lines = _wrap(label, per_line)
        for k, line in enumerate(lines):
            body.append(f'<text x="{pad}" y="{y + 12 + 15 * k}">{_e(line)}</text>')
        track = y + 15 * len(lines) + 12
        left, right = sorted((x_of(a), x_of(b)))
        body.append(
            f'<line x1="{pad}" y1="{track}" x2="{WIDTH - pad}" y2="{track}" stroke="#ddd"/>'
            f'<line x1="{left:.1f}" y1="{track}" x2="{right:.1f}" y2="{track}" stroke="#888" '
            f'stroke-width="3"/>'
        )
        named = {v: f" ({tick_labels[int(v)]})" if tick_labels and int(v) in tick_labels else ""
                 for v in (a, b)}  # fmt: skip
        body.append(
            f'<circle cx="{x_of(a):.1f}" cy="{track}" r="7" fill="{first_color}">'
            f"<title>{_e(first)}: {_fmt(a)}{_e(named[a])}</title></circle>"
            f'<rect x="{x_of(b) - 5:.1f}" y="{track - 5}" width="10" height="10" '
            f'fill="{second_color}"><title>{_e(second)}: {_fmt(b)}{_e(named[b])}</title></rect>'
        )
        y = track + 16
    height = int(y + 6)
    scale = [
        f'<text x="{x_of(v):.1f}" y="{scale_y}" text-anchor="middle">{v}</text>'
        f'<line x1="{x_of(v):.1f}" y1="{scale_y + 4}" x2="{x_of(v):.1f}" y2="{height - 4}" '
        f'stroke="#eee"/>'
        for v in range(lo, hi + 1)
    ]
    if description is None:
        parts = [
            f"{label}: {first} {_fmt(a)}, {second} {_fmt(b)}" for label, a, b in rows
        ]
        description = f"{title}. " + ("; ".join(parts) if parts else "No differences.")
    out = _open(title, description, height, titled=titled)
    return "\n".join([*out, *legend, *scale, *body, "</svg>"])
