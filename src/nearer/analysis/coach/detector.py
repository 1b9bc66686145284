"""The message coach: flag blame, criticism, contempt, defensiveness, stonewalling and dismissal in a draft.

Frameworks: Gottman's Four Horsemen and their antidotes (Gottman 1994; Gottman & Silver 1999) and
Rosenberg's Nonviolent Communication (Rosenberg 2003) for the feeling check and the rewrite.
Pure and offline: rules over clauses (content/rules/coach_*.yaml, read by rules.py) with
negation, quotation, sarcasm and politeness handled by the named checks (checks.py, context.py).
The rules load and compile on first use, not at import. Every flag names what fired it: a rule id
from the YAML, "model.coach_head" for the learned head, and for a threat the safety rule's id
("violence.…", from content/rules/safety_*.yaml) or "safety.model" when the safety model found it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from nearer.analysis.coach.feelings import FeelingCheck, check_feelings
from nearer.analysis.safety import (
    WRITER_HARMED,
    WRITER_SELF_HARM,
    WRITER_THREATENS,
    SafetyResult,
    assess,
)
from nearer.analysis.text import Doc

if TYPE_CHECKING:
    from nearer.analysis.coach.rules import Rule

__all__ = ["KINDS", "MAX_CHARS", "CoachInputError", "CoachResult", "FeelingCheck", "Flag",
           "analyze", "analyze_many"]

MAX_CHARS = 20_000
# Testing for many keys costs more than the scan it saves (measured on 40- and 500-character texts).
_MAX_GATE_KEYS = 24
_MAX_ANCHOR_KEYS = 8
KINDS = ("blame", "contempt", "criticism", "defensiveness", "dismissal", "stonewalling", "threat")



class _Why(Mapping[str, str]):
    """Kind -> why it matters and its antidote (content/coach/why.yaml), read on first use."""

    @cached_property
    def _texts(self) -> dict[str, str]:
        import yaml

        raw: dict[str, Any] = yaml.safe_load(
            (resources.files("nearer.content") / "coach" / "why.yaml").read_text("utf-8"))
        texts = {str(k): str(v) for k, v in raw["why"].items()}
        missing = sorted(set(KINDS) - set(texts))
        if missing:
            raise ValueError(f"why.yaml: no explanation for {missing}")
        return texts

    def __getitem__(self, kind: str) -> str:
        return self._texts[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


WHY: Mapping[str, str] = _Why()


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every coach rule, read and compiled on first use."""
    from nearer.analysis.coach.rules import load

    return load()


def __getattr__(name: str) -> Any:
    if name == "ALL_RULES":
        return all_rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class CoachInputError(ValueError):
    """The draft cannot be analysed; the message says why, in words for the user."""


@dataclass(frozen=True)
class Flag:
    kind: str
    start: int
    end: int
    quote: str
    why: str
    rule: str = ""  # what fired: a rule id ("coach.blame.your_fault"), "model.coach_head", a safety id


@dataclass(frozen=True)
class CoachResult:
    text: str
    flags: tuple[Flag, ...]
    kinds: tuple[str, ...]
    gentle: bool
    feeling_check: tuple[FeelingCheck, ...]
    rewrite: str | None
    safety: SafetyResult

    @property
    def fired(self) -> tuple[str, ...]:
        """What fired, once each in the order of the flags: rule ids, the model, the safety check."""
        return tuple(dict.fromkeys(f.rule for f in self.flags))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "flags": [{"kind": f.kind, "start": f.start, "end": f.end, "quote": f.quote,
                       "why": f.why} for f in self.flags],
            "kinds": list(self.kinds),
            "gentle": self.gentle,
            "feeling_check": [{"word": c.word, "start": c.start, "end": c.end,
                               "feelings": list(c.feelings), "needs": list(c.needs),
                               "note": c.note} for c in self.feeling_check],
            "rewrite": self.rewrite,
            "safety": self.safety.to_dict(),
        }

    def to_named_dict(self) -> dict[str, Any]:
        """`to_dict` plus what fired (the API and the page): each flag's `rule` and the result's
        `fired`. `to_dict` stays as it is: `nearer coach --jsonl` lines are built from it."""
        out = self.to_dict()
        for row, flag in zip(out["flags"], self.flags, strict=True):
            row["rule"] = flag.rule
        out["fired"] = list(self.fired)
        return out


def _validate(text: object) -> str:
    if not isinstance(text, str):
        raise CoachInputError("The draft must be text.")
    if not text.strip():
        raise CoachInputError("The draft is empty: write the message you want to send first.")
    if len(text) > MAX_CHARS:
        raise CoachInputError(f"The draft is {len(text):,} characters long; the coach reads at most "
                              f"{MAX_CHARS:,}. Try one message or one opening line at a time.")
    if "\x00" in text:
        raise CoachInputError("The draft contains binary data (NUL bytes), not readable text.")
    junk = sum(1 for ch in text if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co")
                                                       and ch not in "\n\r\t"))
    if junk * 5 > len(text):
        raise CoachInputError("The draft looks like binary junk (mostly control or unreadable "
                              "characters), not a message.")
    return text


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and not (text[end - 1].isalnum() or ord(text[end - 1]) > 0x2000):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _scan_start(rule: Rule, low: str) -> int:
    """Where a match of the rule can first start in the lower-cased text, or -1 if nowhere.

    The keys come from the rule's own pattern (analysis/keys.py), so skipping is exact: the results
    are the same as scanning every character, only cheaper.
    """
    if rule.need and len(rule.need) <= _MAX_GATE_KEYS and not any(map(low.__contains__, rule.need)):
        return -1
    anchor = rule.anchor
    if anchor is None or len(anchor.keys) > _MAX_ANCHOR_KEYS:
        return 0
    first = min((i for i in map(low.find, anchor.keys) if i >= 0), default=-1)
    return -1 if first < 0 else max(0, first - anchor.reach)


def find_flags(text: str, set_aside: list[tuple[str, int, int]] | None = None) -> tuple[Flag, ...]:
    """All flags in the draft, ordered by position, one per kind and span. Matches the rules
    weighed and set aside (quoted, negated, sincere, about oneself...) go into `set_aside`."""
    from nearer.analysis.coach.context import build_context

    ctx = build_context(text)
    low = text.lower()
    same_length = len(low) == len(text)  # a few letters grow when lower-cased; offsets must hold
    found: list[Flag] = []
    for rule in all_rules():
        if same_length and rule.lower:
            start = _scan_start(rule, low)
            if start < 0:
                continue
            matches = rule.lower.finditer(low, start)
        else:
            matches = rule.rx.finditer(text)
        for m in matches:
            group = next((g for g in ("hit", "hit2") if m.groupdict().get(g) is not None), 0)
            start, end = _span(text, *m.span(group))
            if end <= start:
                continue
            if ctx.is_masked(start, end):
                if set_aside is not None:
                    set_aside.append((rule.kind, start, end))
                continue
            if any(f.kind == rule.kind and f.start < end and start < f.end for f in found):
                continue
            if all(check(ctx, m, start, end) for check in rule.checks):
                why = rule.why or WHY[rule.kind]
                found.append(Flag(rule.kind, start, end, text[start:end], why, rule.id))
            elif set_aside is not None:
                set_aside.append((rule.kind, start, end))
    # "You're being paranoid" tells them their feelings are wrong (dismissal); the trait word in
    # it is not a second, separate attack on their character.
    dismissed = {(f.start, f.end) for f in found if f.kind == "dismissal"}
    found = [f for f in found if not (f.kind in ("criticism", "contempt")
                                      and (f.start, f.end) in dismissed)]
    return tuple(sorted(found, key=lambda f: (f.start, f.end, f.kind)))


def _start_encoding(doc: Doc, typing: bool) -> None:
    """Start encoding the pieces both heads will read and the cache does not hold, on the
    encoder's threads, so they encode while the rules run (while typing: the sentence being
    typed), and the one pass over a longer draft that both heads pool its pairs from."""
    from nearer.analysis import coach_model
    from nearer.analysis.safety import likely_texts
    from nearer.analysis.text import start_whole

    wanted = coach_model.embedding_texts(doc.text, typing) + likely_texts(doc, typing)
    try:
        if coach_model.needs_pass(doc.text, typing):
            start_whole([doc])
        doc.start(wanted)
    except Exception:  # noqa: BLE001 - the heads meet any failure on their own terms
        return


def _leverage(text: str) -> bool:
    """Self-harm said as leverage over the partner ("if you leave, I'll end it"): a threat too."""
    from nearer.analysis.coach import context

    return bool(context.cue("leverage").search(text))


def analyze(draft: str | Doc, model: bool = True, typing: bool = False) -> CoachResult:
    """Read one draft and say what in it will likely trigger defensiveness, why, and a gentler way.
    The rules and the learned heads (coach and safety) read it (`model=False`: rules only).

    The heads read sentences and pairs of neighbouring sentences, never a long draft whole, and
    their rows are cached per process. The page calls this on every pause in typing with
    `typing=True`: the heads then read each sentence but not the pairs, so a pause encodes only
    the sentence being typed; once typing rests, the page reads the draft once more in full
    (`typing=False`, the same result as reading the finished draft from scratch)."""
    from nearer.analysis import coach_model
    from nearer.analysis.coach.rewrite import build_rewrite

    doc = draft if isinstance(draft, Doc) else Doc(_validate(draft))
    text = _validate(doc.text) if isinstance(draft, Doc) else doc.text
    deep = model and coach_model.enabled()
    if deep:
        _start_encoding(doc, typing)
    set_aside: list[tuple[str, int, int]] = []
    flags = find_flags(text, set_aside)
    checks = check_feelings(text)
    kinds = tuple(sorted({f.kind for f in flags}))
    # Both stages of the safety check, as for saved text: a draft only the safety head
    # recognises shows its panel while it is typed. Rows come from the shared cache, so a pause
    # in typing encodes only the sentence that changed (model=False or NEARER_COACH_MODEL=0: the
    # rules only, and the encoder is never loaded).
    # the wording head needs no encoder: it reads while the sentences encode
    words = coach_model.word_probabilities(text, typing) if deep else None
    safety = assess(doc, deep=deep, typing=typing)
    # The writer threatening someone is its own kind; a threat is never reworded, and nothing
    # reads gently while a safety level or a threat stands.
    threats = tuple(Flag("threat", m.start, m.end, m.quote, WHY["threat"],
                         m.rule or f"safety.{m.source}")
                    for m in safety.matches if m.who == WRITER_THREATENS)
    # The learned head speaks where no rule did, quoting the piece it scored highest ("Reads like
    # …"); where rules fire, their spans and reasons stand, and the head only adds a threat.
    learned: tuple[Flag, ...] = ()
    if deep:
        learned = tuple(Flag(h.kind, h.start, h.end, text[h.start:h.end], h.reason(WHY[h.kind]))
                        for h in coach_model.head_flags(doc, vetoes=set_aside,
                                                        typing=typing, words=words)
                        if coach_model.adds(h.kind, bool(flags), bool(threats)))
        learned = tuple(replace(f, rule="model.coach_head") for f in learned)
        if WRITER_SELF_HARM in safety.who and not _leverage(text):
            # The writer's own pain ("i want to disappear"), not a threat to the partner: the
            # crisis panel is theirs, and the head's "threat" would accuse them.
            learned = tuple(f for f in learned if f.kind != "threat")
        if WRITER_HARMED in safety.who and WRITER_THREATENS not in safety.who:
            # A threat made against the writer, told or quoted ("he said if I leave he'll kill
            # me"): the panel tells them it is never their fault, and the head's "threat" would
            # tell them to get help with their anger.
            learned = tuple(f for f in learned if f.kind != "threat")
    threats += tuple(f for f in learned if f.kind == "threat")
    flags += tuple(f for f in learned if f.kind != "threat")
    kinds = tuple(sorted({f.kind for f in flags}))
    rewrite = None if threats else build_rewrite(text, flags, checks)
    if threats:
        flags = tuple(sorted(flags + threats, key=lambda f: (f.start, f.end, f.kind)))
        kinds = tuple(sorted({f.kind for f in flags}))
    # "Reads gently" is said of a full reading only: the reading while typing skips the pairs of
    # sentences, which alone may hold what the whole draft means (one sentence has no pairs).
    partial = typing and len(doc.sentences) > 1
    gentle = not flags and not safety.flagged and not partial
    return CoachResult(text=text, flags=flags, kinds=kinds, gentle=gentle,
                       feeling_check=checks, rewrite=rewrite, safety=safety)


def analyze_many(texts: Sequence[str]) -> list[CoachResult]:
    """The same results as calling analyze on each draft; raises on the first bad one."""
    return [analyze(t) for t in texts]
