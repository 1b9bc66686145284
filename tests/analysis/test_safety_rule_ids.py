"""Every safety result names the rules (by their rule-file id) or the model that fired, and the
detector's rules are the rule files' rules."""

from __future__ import annotations

from nearer.analysis import rulebook
from nearer.analysis.safety import RULES, assess

SAFETY_FILES = ("safety.self_harm", "safety.passive", "safety.euphemism")


def test_the_detector_runs_every_rule_of_the_rule_files_in_file_order() -> None:
    ids = [r.id for r in RULES if r.id]
    expected = [spec.id for group in SAFETY_FILES for spec in rulebook.rules(group)]
    assert ids[: len(expected)] == expected


def test_a_rule_match_names_its_rule_id_and_reason() -> None:
    result = assess("I want to kill myself, I mean it", deep=False)
    (match,) = result.matches
    assert match.source == "rule" and match.rule == "self_harm.killing_themself"
    assert result.fired == ("rule: self_harm.killing_themself (mentions killing themself)",)
    assert result.to_dict()["matches"][0]["rule"] == "self_harm.killing_themself"


def test_each_fired_rule_is_named_once() -> None:
    result = assess("I want to kill myself. I want to kill myself tonight.", deep=False)
    assert len(result.matches) == 2
    assert result.fired == ("rule: self_harm.killing_themself (mentions killing themself)",)


def test_ids_from_different_rule_files() -> None:
    passive = assess("my family would honestly be better off without me", deep=False)
    assert {m.rule for m in passive.matches} == {"passive.others_would_be_better"}
    euphemism = assess("I've been googling painless ways to go", deep=False)
    assert "euphemism.looking_up_how_die" in {m.rule for m in euphemism.matches}


def test_a_model_only_hit_names_the_model_not_a_rule() -> None:
    text = ("The weather was grey all week. "
    "I've started sleeping in the kids' room with the door locked because of his temper.")
    result = assess(text)
    (match,) = result.matches
    assert match.source == "model" and match.rule == ""
    assert result.fired and all(f.startswith("model: ") for f in result.fired)


def test_nothing_fired_names_nothing() -> None:
    result = assess("We planted tulips along the fence today.", deep=False)
    assert result.fired == () and result.matches == ()
