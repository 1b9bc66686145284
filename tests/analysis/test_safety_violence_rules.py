"""The violence side of the safety rules, read from YAML: order, options and what changed.

The rules' own match / no_match examples are tested in test_rulebook.py; these tests check what
the files do once built into detector rules (written for Nearer, MIT).
"""

from __future__ import annotations

import pytest

from nearer.analysis import rulebook
from nearer.analysis.safety import assess
from nearer.analysis.safety.detector import WRITER_THREATENS, rules
from nearer.analysis.safety.signals import SIGNAL_RULES

GROUPS = ("safety.violence", "safety.control", "safety.coercive", "safety.indirect", "safety.signals",
          "safety.everyday")


def test_the_detector_reads_the_groups_in_their_old_order() -> None:
    """Ties between overlapping matches go to the earlier rule, so the order is part of the
    behaviour: self-harm files, then violence, control, coercive, indirect, signals and everyday."""
    ids = [r.id for r in rules()]
    ours = [spec.id for group in GROUPS for spec in rulebook.rules(group)]
    start = ids.index(ours[0])
    assert ids[start:start + len(ours)] == ours
    assert [r.id for r in SIGNAL_RULES] == [
        spec.id for group in ("safety.signals", "safety.everyday") for spec in rulebook.rules(group)
    ]


def test_every_rule_on_this_side_has_keys_and_a_kind() -> None:
    for group in GROUPS:
        for spec in rulebook.rules(group):
            assert spec.keys, spec.id  # derived from the pattern: none is scanned everywhere
            assert spec.kind in ("self_harm", "violence"), spec.id


@pytest.mark.parametrize(("text", "rule", "level", "who"), [
    ("my ex pulled a knife on me in the car park", "violence.weapon_on_me", "urgent",
     "writer_harmed"),
    ("she threw a mug at me during the row", "violence.thrown_at_me", "urgent", "writer_harmed"),
    pytest.param("I have to hand over the car keys as soon as I get in",
                 "violence.hand_things_over", "concern", "writer_harmed",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "known miss on new text: hand_things_over needs 'hand over my <phone, "
                     "money, wages, cards, passwords, pay, salary, keys>'; 'the car keys' is "
                     "not matched"))),
    ("I keep a bag packed in case he kicks off again", "signals.bag_packed", "concern",
     "writer_harmed"),
    # Found only since the keys come from the patterns: the hand-written key lists lacked
    # "kick", "id" and "hoping" although the patterns matched them. These three sentences were
    # written to reach those branches of the patterns (rule examples, not unseen text; the
    # unseen sentences for the same keys are in test_unseen_sentences_with_these_keys below).
    ("say one more word about my mum and I'll kick your teeth in",
     "indirect.writer_threatens_you", "urgent", "writer_threatens"),
    ("she took my ID off me after the argument", "control.things_taken", "concern",
     "writer_harmed"),
    ("part of me is hoping I get knocked down crossing the road tonight",
     "everyday.hope_for_accident", "concern", "writer_self_harm"),
    # The writer's own control and ultimatums (safety_writer.yaml): their panel, not a victim's.
    ("ring your sister one more time behind my back and you'll find out what happens",
     "writer.ultimatum", "concern", "writer_threatens"),
    ("I put a tracker on his car last week and he still has no idea",
     "writer.tracks_partner", "concern", "writer_threatens"),
    ("I've locked her passport in my drawer till she learns to respect me",
     "writer.control_taken", "concern", "writer_threatens"),
    # Someone else's ultimatum, reported: the writer is the one threatened.
    ("every time I mention my friends he goes, go on then, see them again and see what happens",
     "writer.ultimatum", "concern", "writer_harmed"),
])
def test_a_rule_fires_and_is_named(text: str, rule: str, level: str, who: str) -> None:
    result = assess(text, deep=False)
    assert result.level == level
    assert [(m.rule, m.who) for m in result.matches] == [(rule, who)]
    assert any(rule in fired for fired in result.fired)


@pytest.mark.parametrize(("text", "level", "kind", "who"), [
    # Written for the keys above without reading the patterns, then scored once; none is in
    # data/train or benchmarks/data (test_sets_apart.py), so they are new text. No rule was
    # changed for them.
    # Once a known miss ("I will kick you" was not among the writer-threatens verbs); found by
    # writer.threatens_harm since round 4 (the rule was written from the training lines).
    ("if you lie to me one more time I will kick you down the stairs", "urgent", "violence",
     "writer_threatens"),
    ("my husband locked my passport and ID in his desk so I can't open a bank account",
     "concern", "violence", "writer_harmed"),
    ("honestly hoping a bus hits me on the walk to work tomorrow", "concern", "self_harm",
     "writer_self_harm"),
])
def test_unseen_sentences_with_these_keys(text: str, level: str, kind: str, who: str) -> None:
    result = assess(text)
    assert (result.level, result.kinds) == (level, (kind,))
    assert who in {m.who for m in result.matches}


@pytest.mark.parametrize("text", [
    "he threw a ball at me",  # skip_if (a game)
    "the door hit me",  # check_subject (not a person)
    "my son hit me with a lego",  # check_subject (a child)
    "I hand over my phone to him sometimes",  # needs (no compulsion)
    "im gonna kill him lol",  # hyperbole with a joking tone
    "I'm in danger of failing maths this term",  # the pattern's own look-ahead
])
def test_options_from_the_files_still_set_matches_aside(text: str) -> None:
    assert assess(text, deep=False).level == "none"


# Who is at risk, read by the rules alone (round 5 of the who cues, safety_head.yaml): the writer's
# own threats and blows with the "I" left off, "ima"/"gonna", second-person warnings and the
# writer's reported own words are theirs; someone else's reported words stay someone else's.
@pytest.mark.parametrize(("text", "threatens"), [
    ("Took her phone and her car keys, she's not going anywhere tonight", True),
    ("ima slap u if u keep lying to me", True),
    ("don't make me come over there and hit you", True),
    ("Say that again and see what happens to your face", True),
    ("Keep it up and you'll be picking your teeth up off the floor", True),
    ("Smashed his laptop. Told him next time it's him.", True),
    ("I told my wife if she takes the kids I'll break her neck", True),
    ("she grabbed my hair and said come back and ill break ur neck", False),
    ("My husband told me if I leave he'll put me in the ground", False),
])
def test_who_reads_the_writer_as_the_doer(text: str, threatens: bool) -> None:
    result = assess(text, deep=False)
    assert "violence" in result.kinds
    assert (WRITER_THREATENS in result.who) is threatens
