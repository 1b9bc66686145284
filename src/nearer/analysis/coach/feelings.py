"""NVC 'faux feelings' check: words used as feelings that are judgements of the other person.

Built on Rosenberg's Nonviolent Communication (Rosenberg 2003): "I feel abandoned" says what the
other did; the feelings under it (lonely, scared) and the needs (connection, reassurance) are what
a partner can hear. The word lists and notes are written for Nearer (MIT).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# faux word (stem) -> (real feelings to consider, needs to consider)
FAUX: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "abandoned": (("lonely", "scared", "sad"), ("connection", "reassurance", "belonging")),
    "ignored": (("lonely", "hurt", "sad"), ("to be seen", "attention", "connection")),
    "manipulated": (("uneasy", "wary", "angry"), ("trust", "honesty", "choice")),
    "rejected": (("hurt", "sad", "embarrassed"), ("acceptance", "closeness", "warmth")),
    "unappreciated": (("sad", "discouraged", "tired"), ("appreciation", "recognition", "fairness")),
    "betrayed": (("hurt", "shocked", "angry"), ("trust", "honesty", "safety")),
    "neglected": (("lonely", "sad"), ("care", "attention", "closeness")),
    "used": (("resentful", "sad", "angry"), ("mutuality", "respect", "fairness")),
    "unloved": (("sad", "lonely", "scared"), ("love", "closeness", "reassurance")),
    "unwanted": (("sad", "lonely", "insecure"), ("belonging", "warmth", "reassurance")),
    "invisible": (("lonely", "sad"), ("to be seen", "attention")),
    "disrespected": (("hurt", "angry"), ("respect", "consideration")),
    "unheard": (("frustrated", "lonely"), ("to be heard", "understanding")),
    "misunderstood": (("frustrated", "lonely"), ("understanding", "to be heard")),
    "attacked": (("scared", "tense", "hurt"), ("safety", "gentleness")),
    "blamed": (("hurt", "tense"), ("fairness", "understanding")),
    "criticized": (("hurt", "embarrassed"), ("acceptance", "appreciation")),
    "judged": (("hurt", "embarrassed", "self-conscious"), ("acceptance", "understanding")),
    "pressured": (("tense", "overwhelmed"), ("choice", "space")),
    "taken for granted": (("sad", "resentful"), ("appreciation", "to matter")),
    "let down": (("disappointed", "sad"), ("reliability", "trust")),
    "belittled": (("hurt", "ashamed"), ("respect", "dignity")),
    "dismissed": (("hurt", "frustrated"), ("understanding", "to be taken seriously")),
    "invalidated": (("hurt", "frustrated"), ("understanding", "acceptance")),
    "smothered": (("overwhelmed", "restless"), ("space", "autonomy")),
    "controlled": (("frustrated", "anxious"), ("autonomy", "choice")),
    "trapped": (("anxious", "frustrated"), ("freedom", "choice")),
    "unsupported": (("overwhelmed", "alone"), ("support", "teamwork")),
    "cheated": (("angry", "hurt"), ("fairness", "honesty")),
    "unimportant": (("sad", "hurt"), ("to matter", "care")),
    "like you don't care": (("sad", "lonely", "hurt"), ("care", "reassurance", "to matter")),
}

_VARIANTS: dict[str, str] = {
    "criticised": "criticized", "ignoring": "ignored", "manipulating": "manipulated",
    "rejecting": "rejected", "abandoning": "abandoned", "using": "used", "controlling": "controlled",
    "judging": "judged", "criticizing": "criticized", "criticising": "criticized",
    "attacking": "attacked", "blaming": "blamed", "pressuring": "pressured",
    "neglecting": "neglected", "dismissing": "dismissed", "not heard": "unheard",
    "not appreciated": "unappreciated", "not important": "unimportant", "not loved": "unloved",
    "not wanted": "unwanted", "not supported": "unsupported", "not seen": "invisible",
}

_WORDS = "|".join(sorted((re.escape(w) for w in [*FAUX, *_VARIANTS] if " you " not in f" {w} "),
                         key=len, reverse=True))
_FEEL = r"(?:feel|feels|felt|feeling|made me feel|make me feel|makes me feel)"
_PATTERNS = (
    re.compile(rf"\b{_FEEL}\s+(?:so |really |very |kind of |kinda |a bit |a little |totally |"
               rf"completely |quite |pretty |super |just |like i'?m |like i was |that i'?m )*"
               rf"(?P<word>{_WORDS})\b", re.I),
    re.compile(rf"\b{_FEEL}\s+(?:like|that)\s+(?:you|u)(?:'?re| are| r)?\s+(?P<word>ignoring|"
               rf"manipulating|rejecting|abandoning|using|controlling|judging|criticizing|criticising|"
               rf"attacking|blaming|pressuring|neglecting|dismissing)\s+me\b", re.I),
    re.compile(rf"\b{_FEEL}\s+(?:like|that)\s+(?P<word>(?:you|u)\s+(?:don'?t|dont|do not|never|no "
               rf"longer|stopped)\s+(?:really\s+|even\s+)?(?:care|love|listen|want|notice|respect|"
               rf"see|think about|value)|i\s+(?:don'?t|dont)\s+matter|i'?m\s+not\s+(?:important|a "
               rf"priority)|i'?m\s+(?:invisible|a burden|nothing))", re.I),
)


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
    if low in FAUX:
        return low
    if low in _VARIANTS:
        return _VARIANTS[low]
    return "like you don't care"


def check_feelings(text: str) -> tuple[FeelingCheck, ...]:
    """Every faux feeling in the text, in order, with the feelings and needs it may stand for."""
    found: dict[int, FeelingCheck] = {}
    for rx in _PATTERNS:
        for m in rx.finditer(text):
            start, end = m.span("word")
            key = _canonical(m.group("word"))
            feelings, needs = FAUX[key]
            note = (f"'{m.group('word')}' says what you think your partner did more than what you "
                    f"feel; underneath it you may feel {' or '.join(feelings[:2])}, and need "
                    f"{' and '.join(needs[:2])}.")
            found.setdefault(start, FeelingCheck(m.group("word"), start, end, feelings, needs, note))
    return tuple(found[k] for k in sorted(found))
