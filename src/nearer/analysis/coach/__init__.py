"""The message coach on a draft; see detector.py. Its rules compile on first use."""

from __future__ import annotations

from typing import Any

from nearer.analysis.coach.detector import (
    KINDS,
    MAX_CHARS,
    WHY,
    CoachInputError,
    CoachResult,
    FeelingCheck,
    Flag,
    _scan_start,
    analyze,
    analyze_many,
    find_flags,
)

__all__ = ["ALL_RULES", "KINDS", "MAX_CHARS", "WHY", "CoachInputError", "CoachResult",
           "FeelingCheck", "Flag", "_scan_start", "analyze", "analyze_many", "find_flags"]


def __getattr__(name: str) -> Any:
    if name == "ALL_RULES":  # every rule, compiled on first use
        from nearer.analysis.coach.detector import all_rules

        return all_rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
