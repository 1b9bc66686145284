"""Recognise self-harm and violence language in free text, fast, offline, with reasons.

Rules first (see safety_selfharm.py and safety_violence.py): each pattern is compiled once at
import and runs only when one of its cheap key substrings occurs in the text. A match is then
judged in its sentence and clause: negation just before it, a past-and-resolved tense, a joking
tone for hyperbole-prone phrases, quoted media, or a non-person doer ("it hit me") cancel or
lower it. Written for Nearer, MIT.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from nearer.analysis.safety_control import CONTROL_RULES
from nearer.analysis.safety_euphemism import EUPHEMISM_RULES
from nearer.analysis.safety_indirect import INDIRECT_RULES
from nearer.analysis.safety_passive import PASSIVE_RULES
from nearer.analysis.safety_rules import (
    ADVERBS,
    EARNEST,
    EMBARRASSED,
    HUMOUR,
    MEDIA,
    NEGATED_TAIL,
    NONPERSON,
    PAST,
    REPORTED_QUESTION,
    RESOLVED,
    SELF_HARM_ESCALATE,
    SELF_REF,
    SOFT_DOER,
    Rule,
)
from nearer.analysis.safety_selfharm import SELF_HARM_RULES
from nearer.analysis.safety_semantic import enabled as _semantic_enabled
from nearer.analysis.safety_semantic import semantic_hits
from nearer.analysis.safety_signals import SIGNAL_RULES
from nearer.analysis.safety_violence import VIOLENCE_RULES

Level = Literal["none", "concern", "urgent"]
KINDS = ("self_harm", "violence")
_RANK = {"none": 0, "concern": 1, "urgent": 2}
RULES: tuple[Rule, ...] = (SELF_HARM_RULES + PASSIVE_RULES + EUPHEMISM_RULES + VIOLENCE_RULES
                          + CONTROL_RULES + INDIRECT_RULES + SIGNAL_RULES)

# One-for-one replacements only, so offsets in the normalised text equal offsets in the input.
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                              "`": "'", "\u00b4": "'", "\u2032": "'"})
# Coded spellings ("su1c1de", "k!ll", "k*ll", "unal1ve"): a digit or symbol between two letters
# reads as the letter it stands for. Same length, so offsets still line up.
_LEET = re.compile(r"(?<=[A-Za-z])[10!*3@$4]+(?=[A-Za-z])")
_LEET_MAP = str.maketrans({"1": "i", "0": "o", "!": "i", "*": "i", "3": "e", "@": "a", "$": "s",
                           "4": "a"})
_SENTENCE_BREAK = re.compile(r"[.!?\n;]+|\s[-\u2013\u2014]+\s")
_CLAUSE_BREAK = re.compile(r"[.!?\n;,:()]+|\s[-\u2013\u2014]+\s|\s(?:but|though|although|"
                           r"whereas|except)\s", re.IGNORECASE)
_WORD = re.compile(r"[a-z']+")
_AUX = frozenset("has had have did does do would will 'll keeps kept keep to tried trying "
                 "started and then also once twice who that been be being was were is are could would should "
                 "might must could've would've should've couldve wouldve almost nearly "
                 "literally".split())
_TAIL = 16  # characters after a sentence still read for its tone ("... . lol")
_WINDOW = 120  # characters either side of a match that count as its context
_MEDIA_WINDOW = 60  # a film or book named this close to a match frames it as a story
_CROSS = 160  # characters either side read by a rule's window_needs, across sentence breaks

# Each distinct key is searched once per text (str.find runs in C and beats one big regex
# alternation); a found key wakes the rules that list it.
_RULES_FOR_KEY: dict[str, tuple[int, ...]] = {
    key: tuple(i for i, r in enumerate(RULES) if key in r.keys)
    for key in sorted({k for r in RULES for k in r.keys})
}
# Keys grouped by the first three characters of their first word. Keys are written to begin at a
# word start ("unaliv", not "aliv"), so intersecting with the word starts of the text (one C-level
# findall) leaves only the few keys worth a str.find, and skips keys buried inside other words
# ("rap" in "therapy").
_WORD_START = re.compile(r"\b[a-z0-9]{1,3}")
_KEYS_BY_GRAM: dict[str, tuple[str, ...]] = {}
for _key in _RULES_FOR_KEY:
    _gram = _key[:len(_key) - len(_key.lstrip("abcdefghijklmnopqrstuvwxyz0123456789"))][:3]
    _KEYS_BY_GRAM[_gram] = (*_KEYS_BY_GRAM.get(_gram, ()), _key)


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


class _Spans:
    """Sentence and clause boundaries of one text, found once and looked up by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sent = self._bounds(_SENTENCE_BREAK)
        self._clauses: tuple[list[int], list[int]] | None = None

    @property
    def _clause(self) -> tuple[list[int], list[int]]:
        if self._clauses is None:  # only texts with a match need clauses
            self._clauses = self._bounds(_CLAUSE_BREAK)
        return self._clauses

    def _bounds(self, pattern: re.Pattern[str]) -> tuple[list[int], list[int]]:
        starts, ends = [0], []
        for m in pattern.finditer(self.text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(self.text))
        return starts, ends

    @staticmethod
    def _find(bounds: tuple[list[int], list[int]], pos: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(bounds[0], pos) - 1, 0)
        return bounds[0][i], bounds[1][i]

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self._sent[0], pos) - 1, 0)

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        return self._sent[0][index], self._sent[1][index]

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        # Clipped to a window round the match: text typed without punctuation is one long
        # "sentence", and a word 900 characters away ("film") must not decide this match.
        s = self._find(self._sent, start)[0]
        e = self._find(self._sent, max(end - 1, start))[1]
        return max(s, start - _WINDOW), min(e, end + _WINDOW)

    def sentence(self, start: int, end: int) -> str:
        s, e = self.sentence_span(start, end)
        return self.text[s:e]

    def clause_prefix(self, start: int) -> str:
        return self.text[max(self._find(self._clause, start)[0], start - _WINDOW):start]

    def clause(self, start: int, end: int) -> str:
        s = self._find(self._clause, start)[0]
        e = self._find(self._clause, max(end - 1, start))[1]
        return self.text[max(s, start - _WINDOW):min(e, end + _WINDOW)]


def _person_doer(prefix: str) -> bool:
    """False when the doer just before the verb is the writer, a thing, or acts by accident."""
    words = _WORD.findall(prefix.lower())[-6:]
    if any(w in SOFT_DOER for w in words):
        return False
    for word in reversed(words):
        if word in ADVERBS or word in _AUX:
            continue
        return word not in NONPERSON
    return True


def _inside_quotes(text: str, start: int) -> bool:
    return text.count('"', 0, start) % 2 == 1


def _tone_window(spans: _Spans, start: int, end: int) -> str:
    """The match's sentence plus a short tail: "I want to die. lol" jokes; an earlier "lol" does not."""
    s, e = spans.sentence_span(start, end)
    return spans.text[s:e + _TAIL]


def _joking(window: str) -> bool:
    return bool(HUMOUR.search(window)) and not EARNEST.search(window)


def _blocked(rule: Rule, m: re.Match[str], spans: _Spans, sentence: str) -> bool:
    """Context that makes this match something other than a safety signal."""
    if rule.needs is not None and not rule.needs.search(sentence):
        return True
    if rule.skip_if is not None and rule.skip_if.search(sentence):
        return True
    if rule.window_needs is not None and not rule.window_needs.search(
        spans.text, max(0, m.start() - _CROSS), m.end() + _CROSS
    ):
        return True
    prefix = spans.clause_prefix(m.start())
    if rule.negatable and NEGATED_TAIL.search(prefix[-60:]):
        return True
    if REPORTED_QUESTION.search(prefix):
        return True
    if rule.check_subject and not _person_doer(prefix):
        return True
    near = spans.text[max(m.start() - _MEDIA_WINDOW, 0):m.end() + _MEDIA_WINDOW]
    if MEDIA.search(near) and MEDIA.search(sentence) and (
        _inside_quotes(spans.text, m.start()) or not SELF_REF.search(m.group())
    ):
        return True
    return False


def _judge(rule: Rule, m: re.Match[str], spans: _Spans) -> str:
    """The level this match earns in context ("none" when it does not count)."""
    sentence = spans.sentence(m.start(), m.end())
    if _blocked(rule, m, spans, sentence):
        return "none"
    level = rule.level
    if rule.hyperbole and EMBARRASSED.search(sentence):
        return "none"
    if rule.hyperbole:
        window = _tone_window(spans, m.start(), m.end())
        if _joking(window):
            return rule.joke_level
    if rule.urgent_if is not None and rule.urgent_if.search(sentence):
        level = "urgent"
    if rule.concern_if is not None and rule.concern_if.search(sentence):
        level = "concern"
    if rule.kind == "self_harm" and level == "concern" and SELF_HARM_ESCALATE.search(
        spans.text, max(0, m.start() - 150), m.end() + 150
    ):
        level = "urgent"
    if PAST.search(spans.clause(m.start(), m.end())):
        if RESOLVED.search(spans.text):
            return "none"
        level = "concern"
    return level


def _keep_strongest(found: list[tuple[str, SafetyMatch]]) -> list[tuple[str, SafetyMatch]]:
    """Among overlapping matches of one kind keep the highest level (then the longest)."""
    found.sort(key=lambda f: (-_RANK[f[0]], -(f[1].end - f[1].start), f[1].start))
    kept: list[tuple[str, SafetyMatch]] = []
    for level, match in found:
        if not any(k.kind == match.kind and k.start < match.end and match.start < k.end
                   for _, k in kept):
            kept.append((level, match))
    return sorted(kept, key=lambda f: f[1].start)


def _lower_same_length(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few characters lower-case to two ("İ"); keep those as they are so offsets still line up.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _candidates(norm: str, spans: _Spans) -> dict[int, set[int]]:
    """Rule index -> indexes of the sentences where one of its keys occurs."""
    lower = _lower_same_length(norm)
    grams = set(_WORD_START.findall(lower))
    keys = [k for g in grams.intersection(_KEYS_BY_GRAM) for k in _KEYS_BY_GRAM[g]]
    hits: dict[int, set[int]] = {}
    for key in keys:
        rules = _RULES_FOR_KEY[key]
        at = lower.find(key)
        if at == -1:
            continue
        sentences = set()
        while at != -1:
            sentence = spans.sentence_index(at)
            sentences.add(sentence)
            at = lower.find(key, max(spans.sentence_bounds(sentence)[1], at + 1))  # once per sentence
        for index in rules:
            hits.setdefault(index, set()).update(sentences)
    return hits


def _semantic_units(spans: _Spans, vetoed: set[int]) -> list[tuple[int, int]]:
    """Sentences the embedding stage may judge: not ones a rule already weighed and set aside,
    nor ones that joke, tell a story, or speak of a past now resolved (embeddings miss those)."""
    units: list[tuple[int, int]] = []
    count = len(spans._sent[0])
    for index in range(count):
        start, end = spans.sentence_bounds(index)
        sentence = spans.text[start:end]
        if index in vetoed or not sentence.strip() or _joking(sentence) or MEDIA.search(sentence):
            continue
        if PAST.search(sentence) and RESOLVED.search(spans.text):
            continue
        units.append((start, end))
    # A short entry is also read whole: its meaning may sit across sentences.
    if 1 < count <= 4 and not vetoed and len(spans.text) <= 300 and len(units) == count:
        units.append((0, len(spans.text)))
    return units


def _semantic(text: str, spans: _Spans, vetoed: set[int]) -> list[tuple[str, SafetyMatch]]:
    try:
        hits = semantic_hits(spans.text, _semantic_units(spans, vetoed))
    except Exception:  # noqa: BLE001 - a missing model must never stop a journal entry saving
        return []
    return [("concern", SafetyMatch(h.kind, h.start, h.end, text[h.start:h.end], h.reason))
            for h in hits]


def assess(text: str, *, deep: bool = True) -> SafetyResult:
    """Level ("none" | "concern" | "urgent"), kinds, and the matched spans with reasons.

    `deep=False` skips the embedding stage (rules only, ~2 ms): for per-keystroke checks of
    text that is never stored. Everything that is saved gets both stages.
    """
    if not text or not text.strip():
        return SafetyResult()
    norm = _LEET.sub(lambda m: m.group().translate(_LEET_MAP), text.translate(_SAME_LENGTH))
    spans = _Spans(norm)
    found: list[tuple[str, SafetyMatch]] = []
    vetoed: set[int] = set()
    for index, sentences in sorted(_candidates(norm, spans).items()):
        rule = RULES[index]
        # A rule runs only over sentences holding one of its keys; matches never cross a
        # sentence break, which also keeps "he said it. I'll kill ..." apart.
        for sentence in sorted(sentences):
            start, end = spans.sentence_bounds(sentence)
            for m in rule.pattern.finditer(norm, start, end):
                level = _judge(rule, m, spans)
                if level == "none":
                    vetoed.add(sentence)
                else:
                    quote = text[m.start():m.end()]
                    found.append((level, SafetyMatch(rule.kind, m.start(), m.end(), quote,
                                                     rule.reason)))
    if not found and deep and _semantic_enabled():
        found = _semantic(text, spans, vetoed)
    if not found:
        return SafetyResult()
    kept = _keep_strongest(found)
    top = max((lvl for lvl, _ in kept), key=_RANK.__getitem__)
    kinds = tuple(sorted({m.kind for _, m in kept}))
    return SafetyResult(level=top, kinds=kinds, matches=tuple(m for _, m in kept))  # type: ignore[arg-type]
