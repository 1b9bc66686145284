"""The coach's rules as data: checks by name, what a flag says fired, and how a rule file is read.

The per-rule example tests are generated in test_rulebook.py; these cover the coach's own wiring.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from nearer.analysis import rulebook
from nearer.analysis.coach import analyze
from nearer.analysis.coach.checks import CHECKS
from nearer.analysis.coach.detector import WHY, all_rules
from nearer.analysis.coach.rules import GROUPS, build
from nearer.analysis.rulebook import RulebookError

SAFETY_FREE = "Our own wording."


def _coach_file(tmp_path: Path, checks: str, pattern: str = r"\bnag\b", extra: str = "") -> Path:
    (tmp_path / "coach_rules.yaml").write_text(textwrap.dedent(f"""\
        group: coach.rules
        source: {SAFETY_FREE}
        rules:
          - id: coach.blame.test_rule
            kind: blame
            pattern: '{pattern}'
            reason: a test rule
            checks: {checks}
            {extra}
            match: [stop the nag]
            no_match: [stop the nagging]
        """), encoding="utf-8")
    return tmp_path


def test_every_check_a_rule_names_is_registered() -> None:
    named = {name for group in GROUPS for spec in rulebook.rules(group) for name in spec.checks}
    assert named and named <= set(CHECKS)
    assert set(CHECKS) - named == set(), "a registered check no rule uses is dead code"


def test_an_unknown_check_is_a_load_error_naming_file_and_rule(tmp_path: Path) -> None:
    book = rulebook.load(_coach_file(tmp_path, "[not_negated, no_such_check]"))
    with pytest.raises(RulebookError, match=r"coach_rules\.yaml: coach\.blame\.test_rule: .*no_such_check"):
        build(book.groups["coach.rules"])


def test_a_known_check_loads_and_the_rule_keeps_its_id_order_and_keys(tmp_path: Path) -> None:
    book = rulebook.load(_coach_file(tmp_path, "[not_negated]"))
    (rule,) = build(book.groups["coach.rules"])
    assert rule.id == "coach.blame.test_rule" and rule.kind == "blame"
    assert rule.checks == (CHECKS["not_negated"],) and rule.why is None
    assert rule.need == ("nag",) and rule.lower is not None


def test_an_upper_case_letter_in_a_pattern_scans_the_text_as_written(tmp_path: Path) -> None:
    # The lower-cased fast path could never see "N" in lower-cased text, so it is not used.
    book = rulebook.load(_coach_file(tmp_path, "[]", pattern=r"\b[N]ag\b"))
    (rule,) = build(book.groups["coach.rules"])
    assert rule.lower is None and rule.rx.search("stop the nag")


def test_why_must_be_text(tmp_path: Path) -> None:
    book = rulebook.load(_coach_file(tmp_path, "[]", extra="options: {why: [1, 2]}"))
    with pytest.raises(RulebookError, match="options.why"):
        build(book.groups["coach.rules"])


def test_rules_load_in_file_order_with_unique_ids() -> None:
    rules = all_rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids)) == sum(len(rulebook.rules(g)) for g in GROUPS)
    assert ids[0].startswith("coach.blame.") and rulebook.rules("coach.voices")[-1].id == ids[-1]


def test_a_flag_names_the_rule_that_fired() -> None:
    result = analyze("you never listen to me. whatever.", model=False)
    assert [(f.kind, f.rule) for f in result.flags] == [
        ("blame", "coach.blame.you_always_never"), ("stonewalling", "coach.stonewalling.whatever")]
    assert result.fired == ("coach.blame.you_always_never", "coach.stonewalling.whatever")
    known = {r.id for r in all_rules()}
    assert set(result.fired) <= known


def test_a_rule_with_its_own_why_says_it() -> None:
    (flag,) = analyze("you forgot my birthday. how thoughtful of you", model=False).flags
    assert flag.kind == "contempt" and flag.rule == "coach.contempt.how_lovely_of_you"
    assert flag.why.startswith("Sarcasm and mock praise") and flag.why != WHY["contempt"]
    (plain,) = analyze("you forgot my birthday, you are pathetic", model=False).flags
    assert plain.kind == "contempt" and plain.why == WHY["contempt"]


def test_a_threat_names_the_safety_check() -> None:
    result = analyze("I'll hurt you if you do that again", model=False)
    threats = [f for f in result.flags if f.kind == "threat"]
    # The safety rule's id once its rules are data; until then "safety.rule" (or "safety.model").
    named = {(m.start, m.end): m.rule or f"safety.{m.source}" for m in result.safety.matches}
    assert threats and all(f.rule == named[(f.start, f.end)] for f in threats)
    assert all(f.rule for f in result.flags)


def test_checks_still_decide_a_negated_match_is_set_aside() -> None:
    assert analyze("it's not your fault", model=False).flags == ()
    assert [f.rule for f in analyze("it's your fault", model=False).flags] == ["coach.blame.your_fault"]
