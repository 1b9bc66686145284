"""The safety detector's rule type, built from the rule files (`nearer/content/rules/safety_*.yaml`).

Written for Nearer, MIT. The patterns, context cues (negation, tense, humour, media) and word lists
are data now; see `nearer.analysis.rulebook`. The approach of pairing trigger patterns with negation
scope follows NegEx (Chapman et al. 2001, J Biomed Inform 34(5)) in spirit: a trigger counts only
when no negation cue sits in the few words just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from nearer.analysis.rulebook import RuleSpec

Level = str  # "none" | "concern" | "urgent"
_FLAGS = re.IGNORECASE
_PATTERN_OPTIONS = ("needs", "urgent_if", "concern_if", "skip_if", "skip_before", "window_needs")
_FLAG_OPTIONS = {"negatable": bool, "hyperbole": bool, "check_subject": bool, "joke_level": str,
                 "writer_may_threaten": bool, "needs_across": bool, "sets_aside": bool}


@dataclass(frozen=True)
class Rule:
    kind: str  # "self_harm" | "violence"
    level: Level  # level when the rule fires in the present tense
    pattern: re.Pattern[str]
    reason: str
    keys: tuple[str, ...]  # lower-case substrings; the regex runs only if one is present
    negatable: bool = True  # False when the pattern already contains its own negation
    hyperbole: bool = False  # a joking tone ("lol") cancels it ...
    joke_level: Level = "none"  # ... or lowers it to this, for words too grave to wave away
    needs: re.Pattern[str] | None = None  # must also occur in the same sentence
    # ... or, with needs_across, within the window read by window_needs ("Burnt my arm with the
    # heat gun again. On purpose.": what makes it self-injury may stand in the next sentence)
    needs_across: bool = False
    # Whether context that rules the match out (a film, a negation, a past put behind) also sets
    # the sentence aside from the learned heads. A rule for signs that are weak on their own
    # (a thank-you, passwords written down) says `false`: ruled out, it simply cannot say, and
    # the heads read the sentence as they would without it.
    sets_aside: bool = True
    urgent_if: re.Pattern[str] | None = None  # raises a "concern" rule to "urgent"
    concern_if: re.Pattern[str] | None = None  # lowers an "urgent" rule to "concern"
    skip_if: re.Pattern[str] | None = None  # sentence cues that make it something else
    # Cues ending right before the match in its clause that make it something else: a thing as
    # the one about to die ("my phone's about to die") is not the writer.
    skip_before: re.Pattern[str] | None = None
    check_subject: bool = False  # the doer must be a person other than the writer
    # Must occur within a short window either side, across sentence breaks: "im so done. gonna do
    # it this weekend" is a plan only because of the sentence before it.
    window_needs: re.Pattern[str] | None = None
    # A threat-shaped rule: the writer may be the one threatening ("I'll hurt him"), so who is at
    # risk is read from the words before it (and, when they are unclear, the learned head).
    writer_may_threaten: bool = False
    id: str = ""  # the rule file's id ("self_harm.kill_myself"); named in what fired
    keys_inside_words: tuple[str, ...] = ()  # derived keys that may begin inside a word


def _lead(key: str) -> str:
    return key.lstrip("'’ -_.,!?/")


def _word_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Keys starting with a letter or digit: "'ll" becomes "ll" (still in every match); a key
    left shorter than two characters gates nothing, so the rule is then always scanned."""
    stripped = tuple(_lead(k) for k in keys)
    if any(len(k) < 2 or not k[0].isalnum() for k in stripped):
        return ()
    return tuple(sorted(set(stripped)))


class RuleKeys(NamedTuple):
    """What the detector's key index needs of a rule, known without compiling its pattern."""

    keys: tuple[str, ...]
    keys_inside_words: tuple[str, ...]


def keys_of(spec: RuleSpec) -> RuleKeys:
    """The rule's keys as the detector looks for them (`Rule.keys`, `Rule.keys_inside_words`)."""
    keys = _word_keys(spec.keys)
    inside = {_lead(x) for x in spec.keys_inside_words}
    return RuleKeys(keys, tuple(k for k in keys if k in inside))


def check_options(spec: RuleSpec) -> None:
    """A RulebookError for an option the detector does not know or of the wrong type (checked
    when the rules are indexed, before any pattern compiles)."""
    from nearer.analysis.rulebook import RulebookError

    for name, value in spec.options.items():
        if not (name in _PATTERN_OPTIONS and isinstance(value, str)
                or name in _FLAG_OPTIONS and isinstance(value, _FLAG_OPTIONS[name])):
            raise RulebookError(f"{spec.group}: {spec.id}: unknown or ill-typed option {name!r}")


def threatens(spec: RuleSpec) -> bool:
    """Whether the rule is threat-shaped (`Rule.writer_may_threaten`), read from its options."""
    return spec.options.get("writer_may_threaten") is True


def from_spec(spec: RuleSpec) -> Rule:
    """A Rule from its rule-file entry: its pattern and the options that are patterns compiled,
    keys as derived."""
    check_options(spec)
    opts: dict[str, object] = {}
    for name, value in spec.options.items():
        opts[name] = re.compile(value, _FLAGS) if name in _PATTERN_OPTIONS else value
    level = spec.level or "concern"
    keys, inside = keys_of(spec)
    return Rule(spec.kind, level, spec.pattern, spec.reason, keys, id=spec.id,
                keys_inside_words=inside, **opts)  # type: ignore[arg-type]


def rules_of(group: str) -> tuple[Rule, ...]:
    """One rule file's rules ("safety.self_harm"), in file order, compiled."""
    from nearer.analysis import rulebook

    return tuple(from_spec(spec) for spec in rulebook.rules(group))
