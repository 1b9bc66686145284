"""Each rule's whole-detector examples, generated from the rule files (`flags` / `no_flags`).

A rule's `match` / `no_match` examples test its pattern alone. `flags` are texts the rule must
flag with its context checks and all; `no_flags` are texts its pattern matches but its context
checks must set aside (praise after "you always", comfort after "calm down", a joke about a
sports loss). A rule added to a file with such examples is tested here without a line of Python.
"""

from __future__ import annotations

import pytest

from nearer.analysis import rulebook
from nearer.analysis.coach import find_flags
from nearer.analysis.rulebook import RuleSpec
from nearer.analysis.safety import assess

RULES = rulebook.all_rules()
WITH_FLAGS = [spec for spec in RULES if spec.flags]
WITH_NO_FLAGS = [spec for spec in RULES if spec.no_flags]


def _fired(spec: RuleSpec, text: str) -> bool:
    if spec.group.startswith("coach."):
        return any(flag.rule == spec.id for flag in find_flags(text))
    return any(match.rule == spec.id for match in assess(text, deep=False).matches)


def test_some_rules_carry_whole_detector_examples() -> None:
    assert {s.group.split(".")[0] for s in WITH_FLAGS} == {"coach", "safety"}
    assert {s.group.split(".")[0] for s in WITH_NO_FLAGS} == {"coach", "safety"}


@pytest.mark.parametrize("spec", WITH_FLAGS, ids=[s.id for s in WITH_FLAGS])
def test_rule_flags_its_examples(spec: RuleSpec) -> None:
    missed = [text for text in spec.flags if not _fired(spec, text)]
    assert not missed, f"{spec.id} does not flag {missed}"


@pytest.mark.parametrize("spec", WITH_NO_FLAGS, ids=[s.id for s in WITH_NO_FLAGS])
def test_rule_sets_aside_its_look_alikes(spec: RuleSpec) -> None:
    wrong = [text for text in spec.no_flags if _fired(spec, text)]
    assert not wrong, f"{spec.id} flags {wrong}"


@pytest.mark.parametrize("spec", WITH_NO_FLAGS, ids=[s.id for s in WITH_NO_FLAGS])
def test_look_alikes_reach_the_pattern(spec: RuleSpec) -> None:
    """A no_flags example the pattern never matches would prove nothing about the checks."""
    unmatched = [text for text in spec.no_flags if not spec.pattern.search(text)]
    assert not unmatched, f"{spec.id}: pattern does not match {unmatched}"
