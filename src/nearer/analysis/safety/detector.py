"""Recognise self-harm and violence language in free text, fast, offline, with reasons.

Rules first (the rule files `nearer/content/rules/safety_*.yaml`, read by `nearer.analysis.rulebook`,
and violence.py): each rule runs only when one of its key substrings (derived from its own
pattern) occurs in the text, and compiles the first time one does (never at import). A match is then
judged in its sentence and clause: negation just before it, a past-and-resolved tense, a joking
tone for hyperbole-prone phrases, quoted media, or a non-person doer ("it hit me") cancel or
lower it. Written for Nearer, MIT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from nearer.analysis.safety.rules import (
    Rule,
    RuleKeys,
    check_options,
    from_spec,
    keys_of,
    threatens,
)
from nearer.analysis.safety.semantic import Scored, long_enough, score_units
from nearer.analysis.safety.semantic import enabled as _semantic_enabled
from nearer.analysis.text import Doc, neighbour_pairs, with_ending

if TYPE_CHECKING:
    from collections.abc import Sequence

    from nearer.analysis.rulebook import RuleSpec

Level = Literal["none", "concern", "urgent"]
KINDS = ("self_harm", "violence")
_RANK = {"none": 0, "concern": 1, "urgent": 2}
_WORD = re.compile(r"[a-z']+")
_AUX = frozenset("has had have did does do would will 'll keeps kept keep to tried trying "
                 "started and then also once twice who that been be being was were is are could would should "
                 "might must could've would've should've couldve wouldve almost nearly "
                 "literally".split())
_TAIL = 16  # characters after a sentence still read for its tone ("... . lol")
_EARNEST_TAIL = 40  # a retraction of the joke may come in the next sentence ("... haha. not even joking")
_WINDOW = 120  # characters either side of a match that count as its context
_MEDIA_WINDOW = 60  # a film or book named this close to a match frames it as a story
_PAST_TAIL = 60  # characters after a sentence still read for when it happened ("That was years back.")
_CROSS = 160  # characters either side read by a rule's window_needs, across sentence breaks

_WORD_START = re.compile(r"\b[a-z0-9]{1,3}")


class _Keys(NamedTuple):
    # Each distinct key is searched once per text (str.find runs in C and beats one big regex
    # alternation); a found key wakes the rules that list it.
    rules_for_key: dict[str, tuple[int, ...]]
    # Keys grouped by the first three characters of their first word. Keys that begin a word
    # are looked for only when a word of the text begins with those characters (one C-level
    # findall), which also skips keys buried inside other words ("rap" in "therapy").
    keys_by_gram: dict[str, tuple[str, ...]]
    other_keys: tuple[str, ...]  # keys that may start inside a word, or are short: each looked for


# The safety rule files, in the order the detector has always read them.
GROUPS = ("safety.self_harm", "safety.passive", "safety.euphemism", "safety.violence",
          "safety.control", "safety.coercive", "safety.indirect", "safety.signals",
          "safety.everyday", "safety.writer")


class _RuleIndex(NamedTuple):
    specs: tuple[RuleSpec, ...]  # every rule as read from its file; compiled when woken (_rule)
    # Keys derived from the patterns (the rule files). Those the key walker proves begin a word
    # are grouped by their first three characters; the rest ("dal" of "suicidal") are each
    # looked for.
    derived: _Keys
    # Hand-written keys (rule groups still written in Python) are written to begin at a word
    # start ("unaliv", not "aliv") and grouped by their leading letters, as before.
    written: _Keys
    always: tuple[int, ...]  # rules whose pattern gave no keys: scanned in every sentence


_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def _keys(every: Sequence[RuleKeys], chosen: list[int], written: bool) -> _Keys:
    rules_of_key: dict[str, list[int]] = {}
    for i in chosen:
        for key in every[i].keys:
            rules_of_key.setdefault(key, []).append(i)
    for_key = {key: tuple(rules_of_key[key]) for key in sorted(rules_of_key)}
    # A key counts as a word start only if it is one in every rule that lists it.
    inside = {k for i in chosen for k in every[i].keys_inside_words}
    by_gram: dict[str, tuple[str, ...]] = {}
    other: list[str] = []
    for key in for_key:
        if written:
            gram = key[:len(key) - len(key.lstrip(_ALNUM))][:3]
        else:
            gram = key[:3] if key not in inside and not key[:3].strip(_ALNUM) else ""
        if written or len(gram) == 3:
            by_gram[gram] = (*by_gram.get(gram, ()), key)
        else:
            other.append(key)
    return _Keys(for_key, by_gram, tuple(other))


class _Cues(NamedTuple):
    """The context cues and word lists of safety_cues.yaml, compiled on first use."""

    negated_tail: re.Pattern[str]
    past: re.Pattern[str]
    resolved: re.Pattern[str]
    rule_past: re.Pattern[str]
    rule_past_after: re.Pattern[str]
    rule_resolved: re.Pattern[str]
    relapse: re.Pattern[str]
    humour: re.Pattern[str]
    earnest: re.Pattern[str]
    media: re.Pattern[str]
    self_ref: re.Pattern[str]
    embarrassed: re.Pattern[str]
    self_harm_escalate: re.Pattern[str]
    reported_question: re.Pattern[str]
    nonperson: frozenset[str]
    soft_doer: frozenset[str]
    adverbs: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    from nearer.analysis import rulebook

    patterns, word_lists = _Cues._fields[:-3], _Cues._fields[-3:]
    return _Cues._make((*rulebook.cues("cue", patterns), *map(rulebook.words, word_lists)))


@lru_cache(maxsize=1)
def _index() -> _RuleIndex:
    """Every rule's keys, built on first use, not at import. No pattern compiles here: a rule
    compiles when a text first holds one of its keys (`_rule`), so reading one entry compiles
    the few rules it wakes, not all of them."""
    from nearer.analysis import rulebook

    specs = tuple(spec for group in GROUPS for spec in rulebook.rules(group))
    for spec in specs:
        check_options(spec)  # a mistake in a rule file shows at once, not when a text wakes it
    every = [keys_of(spec) for spec in specs]
    derived = [i for i, (r, spec) in enumerate(zip(every, specs, strict=True)) if r.keys and spec.id]
    written = [i for i, (r, spec) in enumerate(zip(every, specs, strict=True))
               if r.keys and not spec.id]
    always = tuple(i for i, r in enumerate(every) if not r.keys)
    return _RuleIndex(specs, _keys(every, derived, False), _keys(every, written, True), always)


@cache
def _rule(index: int) -> Rule:
    """The rule at this place in the index, compiled on first use."""
    return from_spec(_index().specs[index])


def rules() -> tuple[Rule, ...]:
    """Every safety rule, compiled (on first use)."""
    return tuple(_rule(i) for i in range(len(_index().specs)))


def __getattr__(name: str) -> Any:
    if name == "RULES":
        return rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Who is at risk, per match and per result.
WRITER_SELF_HARM = "writer_self_harm"  # the writer may hurt themself
WRITER_HARMED = "writer_harmed"  # the writer is hurt, threatened or controlled
WRITER_THREATENS = "writer_threatens"  # the writer threatens or hurts someone
_KIND_WORDS = {"self_harm": "self-harm language", "violence": "violence or abuse language"}


@dataclass(frozen=True)
class SafetyMatch:
    kind: str  # "self_harm" | "violence"
    start: int
    end: int
    quote: str
    reason: str
    source: str = "rule"  # "rule" | "model"
    who: str = ""  # WRITER_SELF_HARM | WRITER_HARMED | WRITER_THREATENS
    rule: str = ""  # the id of the rule that matched ("self_harm.kill_myself"); "" for the model


@dataclass(frozen=True)
class SafetyResult:
    level: Level = "none"
    kinds: tuple[str, ...] = ()
    matches: tuple[SafetyMatch, ...] = field(default_factory=tuple)
    who: tuple[str, ...] = ()  # who is at risk: WRITER_SELF_HARM / WRITER_HARMED / WRITER_THREATENS
    fired: tuple[str, ...] = ()  # every rule (by id) and model that fired, in words

    @property
    def flagged(self) -> bool:
        return self.level != "none"

    @property
    def threatens(self) -> bool:
        """The writer threatens or hurts someone (the panel then speaks to them about that)."""
        return WRITER_THREATENS in self.who

    def summary(self) -> dict[str, Any]:
        """What the writer's own answer says: the level, the kinds, and who is at risk."""
        return {"level": self.level, "kinds": list(self.kinds), "who": list(self.who)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "kinds": list(self.kinds),
            "matches": [m.__dict__ for m in self.matches],
            "who": list(self.who),
            "fired": list(self.fired),
        }


class _Spans:
    """The Doc's sentence and clause boundaries, read by offset, with the safety windows."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.norm
        self._doc = doc
        self._sent = doc.sentence_bounds

    @property
    def _clause(self) -> Any:
        return self._doc.clause_bounds  # only texts with a match need clauses

    @staticmethod
    def _find(bounds: Any, pos: int) -> tuple[int, int]:
        return bounds.around(pos)  # type: ignore[no-any-return]

    def sentence_index(self, pos: int) -> int:
        return self._sent.index(pos)

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        return self._sent[index]

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
    cues = _cues()
    if any(w in cues.soft_doer for w in words):
        return False
    for word in reversed(words):
        if word in cues.adverbs or word in _AUX:
            continue
        return word not in cues.nonperson
    return True


def _inside_quotes(text: str, start: int) -> bool:
    return text.count('"', 0, start) % 2 == 1


def _joking(spans: _Spans, start: int, end: int) -> bool:
    """A joking tone in the match's sentence or just after it ("I want to die. lol"; an earlier
    "lol" does not count), not taken back nearby ("... haha. not even joking"), nor beside a
    plan or the means."""
    s, e = spans.sentence_span(start, end)
    cues = _cues()
    # a plan or the means told beside the joke take the joke back too ("haha guess i'll walk
    # into the lake ... also me: has a date picked and the note half written")
    return bool(cues.humour.search(spans.text, s, e + _TAIL)) and not cues.earnest.search(
        spans.text, s, e + _EARNEST_TAIL
    ) and not cues.self_harm_escalate.search(spans.text, s, e + _CROSS)


def _blocked(rule: Rule, m: re.Match[str], spans: _Spans, sentence: str) -> bool:
    """Context that makes this match something other than a safety signal."""
    cues = _cues()
    if rule.skip_if is not None and rule.skip_if.search(sentence):
        return True
    prefix = spans.clause_prefix(m.start())
    if rule.skip_before is not None and rule.skip_before.search(prefix[-60:]):
        return True
    if rule.negatable and cues.negated_tail.search(prefix[-60:]):
        return True
    if cues.reported_question.search(prefix):
        return True
    if rule.check_subject and not _person_doer(prefix):
        return True
    near = spans.text[max(m.start() - _MEDIA_WINDOW, 0):m.end() + _MEDIA_WINDOW]
    if cues.media.search(near) and cues.media.search(sentence) and (
        _inside_quotes(spans.text, m.start()) or not cues.self_ref.search(m.group())
    ):
        return True
    return False


def _unmet(rule: Rule, m: re.Match[str], spans: _Spans, sentence: str) -> bool:
    """The words this rule needs beside its match are not there: the rule cannot say, so it
    neither fires nor sets the sentence aside ("pills" without "I'm done" is for the heads)."""
    window = max(0, m.start() - _CROSS), m.end() + _CROSS
    if rule.needs is not None and not rule.needs.search(sentence) and not (
            rule.needs_across and rule.needs.search(spans.text, *window)):
        return True
    return rule.window_needs is not None and not rule.window_needs.search(spans.text, *window)


def _judge(rule: Rule, m: re.Match[str], spans: _Spans) -> str:
    """The level this match earns in context: "none" when context shows it is not a safety
    signal (a film, a negation, an embarrassed hyperbole, a past put behind: the sentence is
    then set aside), "unmet" when the words the rule needs are missing (it cannot say)."""
    sentence = spans.sentence(m.start(), m.end())
    ruled_out = "none" if rule.sets_aside else "unmet"
    if _blocked(rule, m, spans, sentence):
        return ruled_out
    cues = _cues()
    if rule.hyperbole and cues.embarrassed.search(sentence):
        return ruled_out
    clause = spans.clause(m.start(), m.end())
    s, e = spans.sentence_span(m.start(), m.end())
    # the rules' own past may also open the sentence ("Many years back, after the stillbirth, I
    # had harmed myself") or be told just after it ("... didn't want to live. That was twenty
    # years back.")
    past = (cues.past.search(clause) or cues.rule_past.search(clause)
            or cues.rule_past.search(spans.text, s, m.start())
            or cues.rule_past_after.search(spans.text, e, e + _PAST_TAIL))
    if past and (cues.resolved.search(spans.text) or cues.rule_resolved.search(spans.text)) \
            and not cues.relapse.search(spans.text):
        return ruled_out
    if _unmet(rule, m, spans, sentence):
        return "unmet"
    if rule.hyperbole and _joking(spans, m.start(), m.end()):
        return rule.joke_level
    level = rule.level
    if rule.urgent_if is not None and rule.urgent_if.search(sentence):
        level = "urgent"
    if rule.concern_if is not None and rule.concern_if.search(sentence):
        level = "concern"
    if rule.kind == "self_harm" and level == "concern" and cues.self_harm_escalate.search(
        spans.text, max(0, m.start() - 150), m.end() + 150
    ):
        level = "urgent"
    return "concern" if past else level


def _keep_strongest(found: list[tuple[str, SafetyMatch]]) -> list[tuple[str, SafetyMatch]]:
    """Among overlapping matches of one kind keep the highest level (then the longest)."""
    found.sort(key=lambda f: (-_RANK[f[0]], -(f[1].end - f[1].start), f[1].start))
    kept: list[tuple[str, SafetyMatch]] = []
    for level, match in found:
        if not any(k.kind == match.kind and k.start < match.end and match.start < k.end
                   for _, k in kept):
            kept.append((level, match))
    return sorted(kept, key=lambda f: f[1].start)


def _wake(table: _Keys, grams: set[str], lower: str, spans: _Spans,
          hits: dict[int, set[int]]) -> None:
    """Add, per rule, the sentences where one of its keys occurs."""
    keys = [k for g in grams.intersection(table.keys_by_gram) for k in table.keys_by_gram[g]]
    keys += table.other_keys
    for key in keys:
        at = lower.find(key)
        if at == -1:
            continue
        sentences = set()
        while at != -1:
            sentence = spans.sentence_index(at)
            sentences.add(sentence)
            at = lower.find(key, max(spans.sentence_bounds(sentence)[1], at + 1))  # once per sentence
        for index in table.rules_for_key[key]:
            hits.setdefault(index, set()).update(sentences)


def _candidates(doc: Doc, spans: _Spans) -> dict[int, set[int]]:
    """Rule index -> indexes of the sentences where one of its keys occurs (every sentence for a
    rule without keys)."""
    lower = doc.lower
    table = _index()
    hits: dict[int, set[int]] = {}
    starts = set(_WORD_START.findall(lower))
    _wake(table.derived, starts, lower, spans, hits)
    _wake(table.written, starts, lower, spans, hits)
    for index in table.always:
        hits[index] = set(range(len(spans._sent)))
    return hits


@lru_cache(maxsize=1)
def _threat_ids() -> frozenset[str]:
    """The ids of the threat-shaped rules (option `writer_may_threaten` in their rule files)."""
    return frozenset(spec.id for spec in _index().specs if threatens(spec))


# The writer as the doer of a threat ("I'll ...", "im gonna ...", "I swear I will ..."), in the words
# before a match or starting it: cue.safety_head.writer_doer / writer_first (safety_head.yaml).
def _rule_who(rule: Rule, m: re.Match[str], spans: _Spans) -> str:
    if rule.kind == "self_harm":
        return WRITER_SELF_HARM
    if rule.writer_may_threaten:
        quote = m.group().lower()
        prefix = spans.clause_prefix(m.start()).lower()
        c = _head_cues()
        before = spans.text[spans.sentence_span(m.start(), m.end())[0]:m.start()].lower()
        # Someone else's words reported in the sentence ("he ... said come back and ill break ur
        # neck"): the "I" in them is theirs, not the writer's (cue.safety_head.reported_other).
        if not c.reported_other.search(before) and (
                c.writer_doer.search(prefix) or c.writer_first.search(quote)
                # The writer telling the partner ("I ... told him he'd be next", "Told her ..."):
                # cue.safety_head.writer_told, read on the sentence before the match.
                or c.writer_told.search(before)):
            return WRITER_THREATENS
        # Said to the partner ("... and you'll regret it"): the writer's, unless the sentence
        # reports someone else's words ("he said I'd see what happens").
        if c.said_to_you.match(quote) and not c.reported.search(before):
            return WRITER_THREATENS
    return WRITER_HARMED


def model_spans(text: str | Doc, typing: bool = False) -> list[tuple[int, int]]:
    """What the learned head reads in a text, as spans of its normalised form: each sentence,
    and, when it has more than one, each pair of neighbouring sentences (the whole text when it
    has two), read as Doc.unit_rows reads them (a sentence alone, a pair of a longer text
    pooled from one pass over it). The training script scores its lines through this same
    function. Found once per Doc (the pre-encoding and the pass check both ask)."""
    doc = Doc.of(text)
    return list(doc.memo(f"safety.model_spans.{typing}",
                         lambda: _units(_Spans(doc), set(), pairs=not typing)))


def model_units(text: str | Doc, typing: bool = False) -> list[str]:
    """The strings of model_spans."""
    doc = Doc.of(text)
    return [doc.norm[s:e] for s, e in model_spans(doc, typing)]


def likely_texts(text: str | Doc, typing: bool = False) -> list[str]:
    """The units the head will likely encode alone for this text, found before the rules run
    (a rule may still set one aside; then its row is simply not read): those not scored yet.
    While a draft is typed, that is the sentence being typed. The pairs of a longer text come
    from its one pass (needs_pass)."""
    from nearer.analysis.safety import semantic

    doc = Doc.of(text)
    if not doc.text.strip() or not _semantic_enabled():
        return []
    return [doc.norm[s:e] for s, e in semantic.unscored(doc, model_spans(doc, typing))
            if doc.reads_alone((s, e))]


# Frames the head blurs (embeddings read words, not scope): a harm verb under negation ("I will
# never hurt you"), and everyday frames round harm words ("he grabbed me a coffee", "she pushes
# me to be better", "he beat me at chess", "hit me up"): cue.safety_head.blurs. The head does not
# judge these sentences; rules still do.
class _HeadCues(NamedTuple):
    blurs: re.Pattern[str]
    writer_doer: re.Pattern[str]
    writer_first: re.Pattern[str]
    writer_intends: re.Pattern[str]
    said_to_you: re.Pattern[str]
    reported: re.Pattern[str]
    reported_other: re.Pattern[str]
    writer_told: re.Pattern[str]


@cache
def _head_cues() -> _HeadCues:
    from nearer.analysis import rulebook

    return _HeadCues(*rulebook.cues("cue.safety_head", _HeadCues._fields))


def _units(spans: _Spans, vetoed: set[int], pairs: bool = True) -> list[tuple[int, int]]:
    """Sentences the learned heads may judge: not ones a rule already weighed and set aside,
    nor ones in a frame the heads blur; and (`pairs`) pairs of neighbouring sentences."""
    units: list[tuple[int, int]] = []
    count = len(spans._sent)
    for index in range(count):
        start, end = spans.sentence_bounds(index)
        if index in vetoed or not spans.text[start:end].strip():
            continue
        if _head_cues().blurs.search(spans.text, start, end) or _put_behind(spans, start, end):
            vetoed.add(index)
            continue
        units.append(with_ending(spans.text, (start, end)))
    # Meaning may sit across sentences ("Gave the dog to my sister. You won't hear from me."):
    # each pair of neighbouring sentences is read as one unit too; a text of two sentences is
    # read whole. A pair, not the whole text, so no reading encodes a long draft whole (the
    # encoder would cut it at 128 tokens anyway); a pause while typing (pairs=False) reads the
    # sentences only.
    if pairs and len(units) > 1 and not vetoed:
        units += neighbour_pairs(spans.text, units)
    return units


def _put_behind(spans: _Spans, start: int, end: int) -> bool:
    """A sentence about the past in a text that says it is over ("I used to cut in high school,
    I'm proud of how far I've come"): the rules set such a match aside (`_judge`), and the heads
    may not read it as a signal either. Other sentences of the text are still read. (The rules
    also read cue.rule_past, cue.rule_resolved and cue.relapse; the heads' units do not, so the
    units the heads were trained on stay as they were.)"""
    cues = _cues()
    return bool(cues.past.search(spans.text, start, end) and cues.resolved.search(spans.text))


def _model_stage(doc: Doc, spans: _Spans, vetoed: set[int], pairs: bool) -> list[Scored]:
    try:
        return score_units(doc, _units(spans, vetoed, pairs))
    except Exception:  # noqa: BLE001 - a missing model must never stop a journal entry saving
        return []


class _Worded(NamedTuple):
    """A unit as the wording head scored it."""

    start: int
    end: int
    self_harm: float
    violence: float

    def probability(self, kind: str) -> float:
        return self.self_harm if kind == "self_harm" else self.violence


def _wording_units(spans: _Spans, vetoed: set[int], pairs: bool) -> list[tuple[int, int]]:
    """What the wording head reads: the meaning head's units (not the sentences a rule set
    aside, nor frames that blur harm words: "I would never hurt you", "hit me up"), each long
    enough to judge."""
    return [(s, e) for s, e in _units(spans, set(vetoed), pairs) if long_enough(spans.text[s:e])]


def wording_units(text: str | Doc) -> list[str]:
    """The strings the wording head reads in a text at rest (its training script scores its
    dev lines through this, so thresholds are chosen on what the app reads)."""
    doc = Doc.of(text)
    if not doc.text.strip():
        return []
    spans = _Spans(doc)
    return [spans.text[s:e] for s, e in _wording_units(spans, set(_rule_stage(doc).vetoed), True)]


def scored_units(text: str | Doc) -> list[Scored]:
    """The meaning head's reading of each unit of a text at rest, as assess reads it (training
    scripts choose thresholds on what the app reads)."""
    doc = Doc.of(text)
    if not doc.text.strip():
        return []
    spans = _Spans(doc)
    return _model_stage(doc, spans, set(_rule_stage(doc).vetoed), pairs=True)


def _wording_stage(spans: _Spans, vetoed: set[int], pairs: bool) -> list[_Worded]:
    """The wording head over its units: microseconds per unit, no encoder."""
    from nearer.analysis.safety.wording import load_head

    try:
        units = _wording_units(spans, vetoed, pairs)
        if not units:
            return []
        probs = load_head().unit_probabilities([spans.text[s:e] for s, e in units])
    except Exception:  # noqa: BLE001 - a missing model must never stop a journal entry saving
        return []
    return [_Worded(s, e, p[1], p[2]) for (s, e), p in zip(units, probs, strict=True)]


def _head_reading(kind: str, scored: list[Scored], worded: list[_Worded]
                  ) -> tuple[Scored | _Worded, str, float] | None:
    """The unit a head reads as `kind`, which head, and how sure it is; None when none does. The
    meaning head is asked first; the wording head where it did not fire (on a unit the meaning
    head leans the same way on); the nearest lines (neighbours.py) where neither did, on a unit the
    meaning head leans that way on."""
    from nearer.analysis.safety import neighbours, wording
    from nearer.analysis.safety.model import load_head

    best = max(scored, key=lambda u: (u.probability(kind), u.start - u.end), default=None)
    if best is not None and best.probability(kind) >= load_head().thresholds[kind]:
        return best, "model", best.probability(kind)
    words_head = wording.load_head()
    meaning = {(u.start, u.end): u.probability(kind) for u in scored}
    agreed = [u for u in worded
              if meaning.get((u.start, u.end), 0.0) >= words_head.meaning_floor[kind]]
    worded_best = max(agreed, key=lambda u: (u.probability(kind), u.start - u.end), default=None)
    if worded_best is not None and worded_best.probability(kind) >= words_head.thresholds[kind]:
        return worded_best, "wording model", worded_best.probability(kind)
    near = neighbours.load()
    other = KINDS[1 - KINDS.index(kind)]
    leaning = [u for u in scored if near.admits(u.probability(kind), u.probability(other))]
    best = max(leaning, key=lambda u: (u.nearness(kind), u.start - u.end), default=None)
    if best is not None and best.nearness(kind) >= near.thresholds[kind]:
        return best, "nearest lines", near.confidence(kind, best.nearness(kind))
    return None


def _model_matches(text: str, scored: list[Scored], worded: list[_Worded], rule_kinds: set[str]
                   ) -> tuple[list[tuple[str, SafetyMatch]], list[str]]:
    """Per kind that a head passes the threshold of: what fired, and (where no rule found that
    kind) a match on the highest-scoring sentence that says what it reads like and how sure the
    head is (_head_reading)."""
    found: list[tuple[str, SafetyMatch]] = []
    fired: list[str] = []
    for kind in KINDS:
        reading = _head_reading(kind, scored, worded)
        if reading is None:
            continue
        best, model, p = reading
        fired.append(f"{model}: reads like {_KIND_WORDS[kind]} ({p:.0%} confident)")
        if kind in rule_kinds:
            continue
        who = WRITER_SELF_HARM
        words = _KIND_WORDS[kind]
        if kind == "violence":
            who = WRITER_THREATENS if _threatens(text, best, scored) else WRITER_HARMED
            if who == WRITER_THREATENS:
                words = "a threat to hurt someone"
        start, end = _trim(text, best.start, best.end)
        reason = f"reads like {words} ({model}, {p:.0%} confident)"
        found.append(("concern", SafetyMatch(kind, start, end, text[start:end], reason,
                                             "model", who)))
    return found, fired


def _threatens(text: str, unit: Scored | _Worded, scored: list[Scored]) -> bool:
    """Whether a reading no rule made (a head's alone) is a threat by the writer: the who heads
    (meaning and words, who.py) must say so for the same unit (the meaning head scored the same
    units), and the sentence must say what the writer will do (cue.safety_head.writer_intends:
    "I'll", "I swear", "or else"), unless the heads are sure (who.sure: "I slapped her", "took
    her keys and her card"; chosen on dev so that reading without such words adds no writer
    being hurt).
    The meaning head's who half alone read conditionals in a victim's escape plan ("if I text my
    sister the code word…") as threats: a person being hurt is never shown the panel for people
    who threaten on a head's word alone unless both heads are sure (dev, 2026-12-06: harmed lines
    called threats 4 → 0 of 359, threats kept 32 → 30 of 49; MODEL_CARD.md, "Round 18: who is at risk, read from the words too")."""
    from nearer.analysis.safety import who

    same = [u for u in scored if (u.start, u.end) == (unit.start, unit.end)]
    if not same or same[0].threatens < who.threshold():
        return False
    return same[0].threatens >= who.sure() or bool(
        _head_cues().writer_intends.search(text[unit.start:unit.end].lower()))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _threat_from_head(match: SafetyMatch, scored: list[Scored]) -> bool:
    """The who head reads the smallest scored unit holding a violence rule's match."""
    from nearer.analysis.safety import who

    holding = [u for u in scored if u.start <= match.start and match.end <= u.end]
    if not holding:
        return False
    unit = min(holding, key=lambda u: u.end - u.start)
    return unit.threatens >= who.threshold()


class _RuleStage(NamedTuple):
    kept: list[tuple[str, SafetyMatch]]  # (level, match) per match that counts
    vetoed: set[int]  # sentences a rule weighed and set aside: the head may not overrule them


def _rule_stage(doc: Doc) -> _RuleStage:
    """The rules over a text, once per Doc (embedding_texts and assess both need them)."""
    return doc.memo("safety.rules", lambda: _run_rules(doc))


def _run_rules(doc: Doc) -> _RuleStage:
    norm, text = doc.norm, doc.text
    spans = _Spans(doc)
    found: list[tuple[str, SafetyMatch]] = []
    vetoed: set[int] = set()
    for index, sentences in sorted(_candidates(doc, spans).items()):
        rule = _rule(index)
        # A rule runs only over sentences holding one of its keys; matches never cross a
        # sentence break, which also keeps "he said it. I'll kill ..." apart.
        for sentence in sorted(sentences):
            start, end = spans.sentence_bounds(sentence)
            for m in rule.pattern.finditer(norm, start, end):
                level = _judge(rule, m, spans)
                if level == "unmet":
                    continue
                if level == "none":
                    vetoed.add(sentence)
                else:
                    quote = text[m.start():m.end()]
                    found.append((level, SafetyMatch(rule.kind, m.start(), m.end(), quote,
                                                     rule.reason, "rule",
                                                     _rule_who(rule, m, spans), rule.id)))
    return _RuleStage(_keep_strongest(found), vetoed)


def embedding_texts(text: str | Doc) -> list[str]:
    """The strings the learned head will need embedded alone for this text and has not read yet
    (so a caller can embed them together with other detectors' strings, in one call); the
    pairs of a longer text come from its one pass (needs_pass)."""
    from nearer.analysis.safety import semantic

    doc = Doc.of(text)
    if not doc.text or not doc.text.strip() or not _semantic_enabled():
        return []
    spans = _Spans(doc)
    units = _units(spans, set(_rule_stage(doc).vetoed))
    return [spans.text[s:e] for s, e in semantic.unscored(doc, units) if doc.reads_alone((s, e))]


def needs_pass(text: str | Doc) -> bool:
    """Whether the meaning head will pool a unit of this text it has not read yet from one pass
    over it (a pair of neighbouring sentences in a text of more than two, Doc.unit_rows): the
    pass is then worth starting early. Not when every such unit is read already (a draft the
    coach read, then sent)."""
    from nearer.analysis.safety import semantic

    doc = Doc.of(text)
    if not doc.text.strip() or not _semantic_enabled() or not doc.needs_pass():
        return False
    return any(not doc.reads_alone(u) for u in semantic.unscored(doc, model_spans(doc)))


def _fired(match: SafetyMatch) -> str:
    """What fired, in words: "rule: self_harm.kill_myself (mentions killing themself)"."""
    return f"rule: {match.rule} ({match.reason})" if match.rule else f"rule: {match.reason}"


def assess(text: str | Doc, *, deep: bool = True, typing: bool = False) -> SafetyResult:
    """Level ("none" | "concern" | "urgent"), kinds, who is at risk, the matched spans with
    reasons, and what fired.

    A text is flagged when a rule fires OR the learned head passes its threshold. `deep=False`
    skips the head (rules only, ~2 ms): the coach's rules-only mode. Everything else, the coach's
    per-keystroke reading included, gets both stages. `typing=True` (a pause while a draft is
    typed) has the head read each sentence but not the pairs of neighbouring sentences, so a
    pause encodes only the sentence being typed; the reading at rest reads the pairs too.
    """
    doc = Doc.of(text)
    text = doc.text
    if not text or not text.strip():
        return SafetyResult()
    stage = _rule_stage(doc)
    kept = list(stage.kept)
    vetoed = set(stage.vetoed)
    fired = list(dict.fromkeys(_fired(m) for _, m in kept))
    if deep and _semantic_enabled():
        spans = _Spans(doc)
        # The wording head needs no encoder: it reads while the sentences are still encoding.
        worded = _wording_stage(spans, vetoed, pairs=not typing)
        scored = _model_stage(doc, spans, vetoed, pairs=not typing)
        if scored or worded:
            # The who head settles only threat-shaped rule matches whose doer the rules could
            # not read; a rule that describes the writer being hurt is never overruled, so a
            # person being harmed is never shown the panel for people who threaten.
            kept = [(lvl, replace(m, who=WRITER_THREATENS)
                     if m.kind == "violence" and m.who == WRITER_HARMED
                     and m.rule in _threat_ids()
                     and _threat_from_head(m, scored) else m) for lvl, m in kept]
            extra, model_fired = _model_matches(text, scored, worded,
                                                {m.kind for _, m in kept})
            kept = sorted(kept + extra, key=lambda f: f[1].start)
            fired += model_fired
    if not kept:
        return SafetyResult()
    top = max((lvl for lvl, _ in kept), key=_RANK.__getitem__)
    kinds = tuple(sorted({m.kind for _, m in kept}))
    who = tuple(w for w in (WRITER_SELF_HARM, WRITER_HARMED, WRITER_THREATENS)
                if any(m.who == w for _, m in kept))
    return SafetyResult(level=top, kinds=kinds, matches=tuple(m for _, m in kept),  # type: ignore[arg-type]
                        who=who, fired=tuple(fired))
