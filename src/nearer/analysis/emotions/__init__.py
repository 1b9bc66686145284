"""The emotion reader: the families a text suggests, with evidence; see detector.py."""

from __future__ import annotations

from nearer.analysis.emotions.detector import (
    FAMILIES,
    MAX_UNITS,
    PARAMS,
    Emotion,
    Params,
    Prepared,
    Span,
    _units,
    assemble,
    detect,
    detect_many,
    dominant,
    embedding_texts,
    family_probabilities,
    from_pass,
    needs_pass,
    prepare,
    similarities,
    unit_scores,
)

__all__ = ["FAMILIES", "MAX_UNITS", "PARAMS", "Emotion", "Params", "Prepared", "Span", "_units",
           "assemble", "detect", "detect_many", "dominant", "embedding_texts",
           "family_probabilities", "from_pass", "needs_pass", "prepare", "similarities", "unit_scores"]
