"""Recognise self-harm and violence language in free text (INTERFACE STUB — being replaced)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Level = Literal["none", "concern", "urgent"]


@dataclass(frozen=True)
class SafetyMatch:
    kind: str  # "self_harm" | "violence"
    start: int
    end: int
    quote: str
    reason: str


@dataclass(frozen=True)
class SafetyResult:
    level: Level = "none"
    kinds: tuple[str, ...] = ()
    matches: tuple[SafetyMatch, ...] = field(default_factory=tuple)

    @property
    def flagged(self) -> bool:
        return self.level != "none"

    def summary(self) -> dict[str, Any]:
        return {"level": self.level, "kinds": list(self.kinds)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "kinds": list(self.kinds),
            "matches": [m.__dict__ for m in self.matches],
        }


def assess(text: str) -> SafetyResult:
    return SafetyResult()
