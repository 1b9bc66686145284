"""The safety detector: self-harm and violence language, who is at risk, and what fired.

`assess(text_or_doc)` is the whole check (rules, then the learned head); see detector.py. The rule
tables compile on first use, so importing this package is cheap.
"""

from __future__ import annotations

from typing import Any

from nearer.analysis.safety.detector import (
    KINDS,
    WRITER_HARMED,
    WRITER_SELF_HARM,
    WRITER_THREATENS,
    Level,
    SafetyMatch,
    SafetyResult,
    assess,
    embedding_texts,
    likely_texts,
    model_spans,
    model_units,
    needs_pass,
)

__all__ = ["KINDS", "RULES", "WRITER_HARMED", "WRITER_SELF_HARM", "WRITER_THREATENS", "Level",
           "SafetyMatch", "SafetyResult", "assess", "embedding_texts", "likely_texts",
           "model_spans", "model_units", "needs_pass"]


def __getattr__(name: str) -> Any:
    if name == "RULES":  # every rule, compiled on first use
        from nearer.analysis.safety.detector import rules

        return rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
