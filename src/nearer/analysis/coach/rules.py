"""The coach's rules, read from content/rules/coach_rules.yaml, coach_families.yaml and coach_voices.yaml.

Each rule is one pattern per harsh move plus the names of the context checks (checks.py) that must
all hold for a match to become a flag. Kinds follow Gottman's Four Horsemen (criticism, contempt,
defensiveness, stonewalling; Gottman 1994, Gottman & Silver 1999) plus blame (global absolutes and
fault) and dismissal (invalidation); a rule's source, reason and examples are in its YAML entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from nearer.analysis.coach.checks import CHECKS, Check
from nearer.analysis.keys import Anchor
from nearer.analysis.rulebook import RulebookError, RuleSpec

__all__ = ["GROUPS", "Check", "Rule", "build", "load"]

# Scan order: where two rules of one kind overlap, the flag of the one read first stands.
GROUPS = ("coach.rules", "coach.families", "coach.voices")

# Escapes (\W, \S, \b ...) and group names are not letters the text must contain.
_NOT_LITERAL = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")


@dataclass(frozen=True)
class Rule:
    id: str  # the rule's id in its YAML file ("coach.blame.your_fault")
    kind: str
    rx: re.Pattern[str]
    checks: tuple[Check, ...] = ()
    why: str | None = None  # its own explanation, when the kind's (detector.WHY) does not fit
    lower: re.Pattern[str] | None = None  # the same pattern, case-sensitive, for lower-cased text
    need: tuple[str, ...] = ()  # one of these is in the lower-cased text of every match (keys.py)
    anchor: Anchor | None = None  # where in the lower-cased text a match can first start


def _lower_form(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern for lower-cased text: matching it without IGNORECASE is about twice as fast in
    CPython's re. None when the pattern spells an upper-case letter (it could never match there)."""
    if any(ch.isupper() for ch in _NOT_LITERAL.sub("", rx.pattern)):
        return None
    return re.compile(rx.pattern)


def _file(group: str) -> str:
    return group.replace(".", "_", 1) + ".yaml"


def build(specs: Iterable[RuleSpec]) -> tuple[Rule, ...]:
    """Coach rules from their specs; a check name that is not in checks.CHECKS is a load error."""
    out: list[Rule] = []
    for spec in specs:
        unknown = [name for name in spec.checks if name not in CHECKS]
        if unknown:
            raise RulebookError(f"{_file(spec.group)}: {spec.id}: unknown check(s) {unknown}; "
                                f"known: {sorted(CHECKS)}")
        why = spec.options.get("why")
        if why is not None and not isinstance(why, str):
            raise RulebookError(f"{_file(spec.group)}: {spec.id}: options.why must be text")
        out.append(Rule(spec.id, spec.kind, spec.pattern, tuple(CHECKS[n] for n in spec.checks),
                        why, _lower_form(spec.pattern), spec.keys, spec.anchor))
    return tuple(out)


def load() -> tuple[Rule, ...]:
    """Every coach rule, in scan order (read on first use by detector.all_rules)."""
    from nearer.analysis import rulebook

    return build(spec for group in GROUPS for spec in rulebook.rules(group))
