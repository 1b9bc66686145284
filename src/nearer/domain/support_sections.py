"""The names of what a person can put in a report or grant to a professional."""

from __future__ import annotations

# What the person's own report can hold, in the order it is printed.
REPORT_SECTIONS: dict[str, str] = {
    "scores": "Questionnaire scores and their trend",
    "patterns": "My patterns (emotion charts)",
    "entries": "Journal entries I choose",
    "reflections": "My reflections",
    "gap": "Our perception gap (only if we both consented)",
}

# What a person can grant a professional, section by section.
GRANT_SECTIONS: dict[str, str] = {
    "scores": "Questionnaire scores and their trend",
    "patterns": "My patterns (emotion charts)",
    "entries": "Journal entries I choose",
    "report": "The report as PDF (scores and patterns, plus chosen entries if you share those)",
    "safety": "My private safety check answers",
}
