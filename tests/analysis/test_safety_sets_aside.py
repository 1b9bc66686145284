"""A rule for a weak sign (`sets_aside: false`) that context rules out cannot judge: it never hides
its sentence from the learned heads, as a rule that is sure of what it read does. Every sentence
here was written for this file."""

from __future__ import annotations

from nearer.analysis.safety import detector


def _set_aside(text: str) -> set[int]:
    return set(detector._rule_stage(detector.Doc(text)).vetoed)


def test_a_weak_sign_ruled_out_leaves_its_sentence_to_the_heads() -> None:
    # passwords written down beside a memorial would count; a "recipe book" reads as media,
    # which rules the match out, and euphemism.accounts_left_for_someone cannot say
    text = ("Wrote my banking passwords on a card and slid it into the recipe book for Ana. "
            "She'll find them one day, after the memorial.")
    assert not detector.assess(text, deep=False).flagged
    assert _set_aside(text) == set()


def test_a_sure_rule_ruled_out_still_sets_its_sentence_aside() -> None:
    # the same kind of cue (a film) rules out a rule that sets sentences aside
    text = "In the film the detective keeps saying he wants to kill himself and everyone laughs."
    assert not detector.assess(text, deep=False).flagged
    assert _set_aside(text) == {0}
