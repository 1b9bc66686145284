"""Attachment results as a point on the anxiety x avoidance plane, a picture, and plain wording.

Two continuous dimensions (Brennan, Clark & Shaver 1998; Fraley, Waller & Brennan 2000). The four
quadrant names come from the same literature (Bartholomew & Horowitz 1991 for the four-way
picture); they are shown as tendencies of today's answers, never as a label of a person, because
differences between people are of degree rather than type (Fraley & Waller 1998).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from nearer.domain.instruments import Score

SECURE = "secure"
ANXIOUS = "anxious-preoccupied"
DISMISSIVE = "dismissive-avoidant"
FEARFUL = "fearful-avoidant"

_EXPLAINED = {
    SECURE: "less worry about the relationship and more ease with closeness",
    ANXIOUS: "more worry about being let down or left, while closeness itself feels welcome",
    DISMISSIVE: "little worry about the relationship, with a pull toward independence and distance",
    FEARFUL: "worry about being let down together with unease about getting close",
}
_CLOSING = "This describes how you answered today, not who you are; tendencies can change."

# Plot geometry (SVG user units). The plot square sits inside margins that hold axis words.
_LEFT, _TOP, _SIDE = 64.0, 24.0, 272.0
_WIDTH, _HEIGHT = 352.0, 352.0


@dataclass(frozen=True)
class AttachmentPoint:
    """Anxiety and avoidance scores with the scale they were measured on."""

    anxiety: float
    avoidance: float
    scale_min: float
    scale_max: float

    @property
    def midpoint(self) -> float:
        return (self.scale_min + self.scale_max) / 2

    @property
    def quadrant(self) -> str:
        return quadrant(self.anxiety, self.avoidance, self.midpoint)

    def wording(self) -> str:
        return tendency_wording(self.anxiety, self.avoidance, self.midpoint)

    def svg(self) -> str:
        return quadrant_svg(self.anxiety, self.avoidance, self.scale_min, self.scale_max)

    def to_dict(self) -> dict[str, float | str]:
        return {
            "anxiety": round(self.anxiety, 2),
            "avoidance": round(self.avoidance, 2),
            "scale_min": self.scale_min,
            "scale_max": self.scale_max,
            "quadrant": self.quadrant,
            "wording": self.wording(),
        }


def attachment_point(result: Score) -> AttachmentPoint:
    """The plane point of a scored attachment questionnaire (needs anxiety and avoidance)."""
    anxiety = result.subscale("anxiety")
    avoidance = result.subscale("avoidance")
    return AttachmentPoint(anxiety.value, avoidance.value, anxiety.minimum, anxiety.maximum)


def quadrant(anxiety: float, avoidance: float, midpoint: float) -> str:
    """Which quadrant the point falls in; a score exactly on the midpoint counts as the lower side."""
    high_anxiety = anxiety > midpoint
    high_avoidance = avoidance > midpoint
    if high_anxiety and high_avoidance:
        return FEARFUL
    if high_anxiety:
        return ANXIOUS
    if high_avoidance:
        return DISMISSIVE
    return SECURE


def tendency_wording(
    anxiety: float, avoidance: float, midpoint: float, *, near: float = 0.5
) -> str:
    """A plain sentence about where the answers lean; never says what the person *is*.

    A score within `near` of the midpoint is called close to the middle, because a tiny step
    across the line should not read as a different pattern.
    """
    anxiety_near = abs(anxiety - midpoint) < near
    avoidance_near = abs(avoidance - midpoint) < near
    if anxiety_near and avoidance_near:
        return (
            "Your answers sit near the middle on both worry and distance, so they do not lean "
            "clearly toward any one pattern. " + _CLOSING
        )
    name = quadrant(anxiety, avoidance, midpoint)
    sentence = f"Your answers lean toward the {name} pattern: {_EXPLAINED[name]}."
    if anxiety_near:
        sentence += " Your worry score is close to the middle, so that part of the lean is slight."
    elif avoidance_near:
        sentence += (
            " Your distance score is close to the middle, so that part of the lean is slight."
        )
    return f"{sentence} {_CLOSING}"


def _check_inputs(anxiety: float, avoidance: float, scale_min: float, scale_max: float) -> None:
    values = (anxiety, avoidance, scale_min, scale_max)
    if not all(math.isfinite(v) for v in values):
        raise ValueError("attachment scores and scale ends must be finite numbers")
    if scale_min >= scale_max:
        raise ValueError(f"scale_min ({scale_min}) must be below scale_max ({scale_max})")
    for name, value in (("anxiety", anxiety), ("avoidance", avoidance)):
        if not scale_min <= value <= scale_max:
            raise ValueError(f"{name} {value} is outside the scale {scale_min}-{scale_max}")


def _x(avoidance: float, low: float, high: float) -> float:
    return _LEFT + (avoidance - low) / (high - low) * _SIDE


def _y(anxiety: float, low: float, high: float) -> float:
    # Higher anxiety sits higher on the picture, as in the published plots.
    return _TOP + (1 - (anxiety - low) / (high - low)) * _SIDE


def _text(x: float, y: float, words: str, extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle"{extra}>{escape(words)}</text>'


def _quadrant_labels() -> list[str]:
    # Names sit at the outer edge of each quadrant, where a person's point rarely lands,
    # so the mark never hides the words.
    quarter, three_quarters = _SIDE / 4, 3 * _SIDE / 4
    top, bottom = _TOP + 20, _TOP + _SIDE - 20
    spots = [
        (ANXIOUS, _LEFT + quarter, top),
        (FEARFUL, _LEFT + three_quarters, top),
        (SECURE, _LEFT + quarter, bottom),
        (DISMISSIVE, _LEFT + three_quarters, bottom),
    ]
    parts = []
    for name, x, y in spots:
        parts.append(f'<g class="quadrant" data-quadrant="{name}">')
        parts.append(_text(x, y - 6, f"{name}"))
        parts.append(_text(x, y + 10, "tendency", ' class="quadrant-note"'))
        parts.append("</g>")
    return parts


def _axes(mid_x: float, mid_y: float) -> list[str]:
    right, bottom = _LEFT + _SIDE, _TOP + _SIDE
    rotate = f' transform="rotate(-90 {14:.1f} {_TOP + _SIDE / 2:.1f})"'
    return [
        f'<rect x="{_LEFT}" y="{_TOP}" width="{_SIDE}" height="{_SIDE}" class="frame" '
        'fill="none" stroke="currentColor"/>',
        f'<line x1="{mid_x:.1f}" y1="{_TOP}" x2="{mid_x:.1f}" y2="{bottom}" class="midline" '
        'stroke="currentColor" stroke-dasharray="4 4"/>',
        f'<line x1="{_LEFT}" y1="{mid_y:.1f}" x2="{right}" y2="{mid_y:.1f}" class="midline" '
        'stroke="currentColor" stroke-dasharray="4 4"/>',
        _text(_LEFT + 54, bottom + 18, "at ease with closeness"),
        _text(right - 54, bottom + 18, "keeps more distance"),
        _text(_LEFT + _SIDE / 2, bottom + 40, "Avoidance: keeping distance →"),
        _text(14, _TOP + _SIDE / 2, "Anxiety: worry about the relationship →", rotate),
        _text(_LEFT - 28, _TOP + 12, "often"),
        _text(_LEFT - 28, _TOP + 24, "worries"),
        _text(_LEFT - 28, bottom - 12, "rarely"),
        _text(_LEFT - 28, bottom, "worries"),
    ]


def quadrant_svg(
    anxiety: float, avoidance: float, scale_min: float, scale_max: float, *, id_prefix: str = "att"
) -> str:
    """An accessible SVG of the anxiety x avoidance plane with the answers marked as a point.

    `id_prefix` keeps the title/desc ids unique when a page shows more than one picture.
    """
    if not id_prefix.replace("-", "").replace("_", "").isalnum():
        raise ValueError("id_prefix must be letters, digits, '-' or '_'")
    _check_inputs(anxiety, avoidance, scale_min, scale_max)
    mid = (scale_min + scale_max) / 2
    px, py = _x(avoidance, scale_min, scale_max), _y(anxiety, scale_min, scale_max)
    summary = (
        f"Anxiety {anxiety:.1f} and avoidance {avoidance:.1f} on a scale of "
        f"{scale_min:g} to {scale_max:g}. " + tendency_wording(anxiety, avoidance, mid)
    )
    label = f"Attachment tendencies: anxiety {anxiety:.1f}, avoidance {avoidance:.1f}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH:g} {_HEIGHT:g}" '
        f'role="img" aria-label="{escape(label)}" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        'class="attachment-plane" font-size="11" font-family="sans-serif">',
        f'<title id="{id_prefix}-title">{escape(label)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(summary)}</desc>',
        *_axes(_x(mid, scale_min, scale_max), _y(mid, scale_min, scale_max)),
        *_quadrant_labels(),
        f'<circle cx="{px:.1f}" cy="{py:.1f}" r="7" class="point" fill="#2f6f6a" '
        'stroke="#fff" stroke-width="2">'
        f"<title>Your answers: anxiety {anxiety:.1f}, avoidance {avoidance:.1f}</title></circle>",
        "</svg>",
    ]
    return "\n".join(parts)
