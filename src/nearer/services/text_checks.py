"""What happens to every piece of text that enters Nearer: a safety check and an emotion reading."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nearer.analysis.safety import SafetyResult


@dataclass(frozen=True)
class TextReading:
    safety: SafetyResult
    emotions: list[dict[str, Any]] | None
    family: str | None


def check_safety(text: str) -> SafetyResult:
    from nearer.analysis.safety import assess

    return assess(text)


def read_text(text: str, *, emotions: bool = True) -> TextReading:
    """Safety always; emotions for journal text (the model loads on first use only)."""
    safety = check_safety(text)
    if not emotions:
        return TextReading(safety, None, None)
    from nearer.analysis import emotions as emotion_model

    found = emotion_model.detect(text)
    return TextReading(safety, [e.to_dict() for e in found], emotion_model.dominant(found))
