"""NVC 'faux feelings' check: words used as feelings that are judgements of the other person.

Built on Rosenberg's Nonviolent Communication (Rosenberg 2003): "I feel abandoned" says what the
other did; the feelings under it (lonely, scared) and the needs (connection, reassurance) are what
a partner can hear. The word lists and notes are written for Nearer (MIT). The words and what lies
under them are data (content/coach/faux_feelings.yaml); the patterns that find them are cues in
content/rules/coach_feelings.yaml. What stays here is tidying the found word to its table entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# The cues that find a faux feeling, each capturing it as `word` (content/rules/coach_feelings.yaml).
CUES = ("cue.feelings.faux_word", "cue.feelings.you_are_doing_it_to_me", "cue.feelings.dont_care")
# The words the `dont_care` cue finds ("you don't care", "I don't matter") all stand for this one.
DONT_CARE = "like you don't care"


@dataclass(frozen=True)
class FauxFeelings:
    """content/coach/faux_feelings.yaml: faux word -> (real feelings, needs), and variants."""

    faux: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    variants: dict[str, str]


@cache
def table() -> FauxFeelings:
    """The faux-feelings table, read on first use."""
    import yaml

    raw: dict[str, Any] = yaml.safe_load(
        (resources.files("nearer.content") / "coach" / "faux_feelings.yaml").read_text("utf-8"))
    faux = {str(word): (tuple(entry["feelings"]), tuple(entry["needs"]))
            for word, entry in raw["faux"].items()}
    variants = {str(k): str(v) for k, v in raw["variants"].items()}
    unknown = sorted(v for v in variants.values() if v not in faux)
    if unknown or DONT_CARE not in faux:
        raise ValueError(f"faux_feelings.yaml: variants of unknown words {unknown}, or no {DONT_CARE!r}")
    return FauxFeelings(faux, variants)


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    from nearer.analysis.rulebook import cue

    return tuple(cue(name) for name in CUES)


@dataclass(frozen=True)
class FeelingCheck:
    word: str
    start: int
    end: int
    feelings: tuple[str, ...]
    needs: tuple[str, ...]
    note: str


def _canonical(word: str) -> str:
    low = re.sub(r"\s+", " ", word.lower().replace("’", "'"))
    words = table()
    if low in words.faux:
        return low
    if low in words.variants:
        return words.variants[low]
    return DONT_CARE


def check_feelings(text: str) -> tuple[FeelingCheck, ...]:
    """Every faux feeling in the text, in order, with the feelings and needs it may stand for."""
    found: dict[int, FeelingCheck] = {}
    faux = table().faux
    for rx in _patterns():
        for m in rx.finditer(text):
            start, end = m.span("word")
            key = _canonical(m.group("word"))
            feelings, needs = faux[key]
            note = (f"'{m.group('word')}' says what you think your partner did more than what you "
                    f"feel; underneath it you may feel {' or '.join(feelings[:2])}, and need "
                    f"{' and '.join(needs[:2])}.")
            found.setdefault(start, FeelingCheck(m.group("word"), start, end, feelings, needs, note))
    return tuple(found[k] for k in sorted(found))
