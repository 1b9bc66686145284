"""Perception gap: hand-computed differences, ordering, tie-breaks and wording."""

from __future__ import annotations

import pytest

from nearer.domain.instruments import AnswerError, builtin_instruments, load_instrument
from nearer.domain.perception_gap import perception_gap

SIGNS = builtin_instruments()["signs"]
IDS = [item.id for item in SIGNS.items]


def _answers(values: list[int]) -> dict[str, int]:
    return dict(zip(IDS, values, strict=True))


A_SELF = _answers([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2])
B_ABOUT_A = _answers([5, 2, 3, 2, 2, 1, 2, 2, 2, 2, 2, 2])  # sg01 +3, sg03 +1, sg06 -1
B_SELF = _answers([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3])
A_ABOUT_B = _answers([3, 3, 3, 3, 3, 3, 3, 1, 3, 3, 3, 3])  # sg08 -2


def test_gaps_hand_computed_and_ordered_largest_first() -> None:
    gaps = perception_gap(A_SELF, B_ABOUT_A, B_SELF, A_ABOUT_B, SIGNS)
    got = [(g.item_id, g.subject, g.self_view, g.partner_view, g.difference) for g in gaps]
    assert got == [
        ("sg01", "a", 2, 5, -3),
        ("sg08", "b", 3, 1, 2),
        ("sg03", "a", 2, 3, -1),  # size 1 tie: questionnaire order sg03 before sg06
        ("sg06", "a", 2, 1, 1),
    ]


def test_ties_on_same_item_put_partner_a_first() -> None:
    b_about_a = dict(A_SELF, sg05=4)  # a: 2 vs 4
    a_about_b = dict(B_SELF, sg05=1)  # b: 3 vs 1
    gaps = perception_gap(A_SELF, b_about_a, B_SELF, a_about_b, SIGNS)
    assert [(g.item_id, g.subject) for g in gaps] == [("sg05", "a"), ("sg05", "b")]


def test_equal_views_are_left_out_unless_asked_for() -> None:
    assert perception_gap(A_SELF, A_SELF, B_SELF, B_SELF, SIGNS) == []
    everything = perception_gap(A_SELF, A_SELF, B_SELF, B_SELF, SIGNS, min_difference=0)
    assert len(everything) == 2 * len(IDS)
    assert 'You both answered "Rarely"' in everything[0].starter


def test_starter_when_partner_sees_more_of_the_behaviour() -> None:
    gap = perception_gap(A_SELF, B_ABOUT_A, B_SELF, A_ABOUT_B, SIGNS)[0]
    assert gap.starter == (
        "Your partner sees you steering away from serious conversations about the relationship "
        'more often than you see it in yourself (you: "Rarely", your partner: "Almost always"). '
        "Ask each other for one recent example, and listen before explaining."
    )
    assert gap.starter_for_partner.startswith(
        "You see your partner steering away from serious conversations"
    )
    assert '(they: "Rarely", you: "Almost always")' in gap.starter_for_partner


def test_starter_when_subject_sees_more_of_it_in_themselves() -> None:
    gap = perception_gap(A_SELF, B_ABOUT_A, B_SELF, A_ABOUT_B, SIGNS)[1]
    assert gap.item_id == "sg08"
    assert gap.starter.startswith(
        "You see yourself leaving the other unsure where they stand more often than your "
        "partner sees it in you"
    )
    assert gap.starter_for_partner.startswith("Your partner sees themselves leaving the other")
    assert gap.to_dict()["size"] == 2


def test_incomplete_answers_are_rejected() -> None:
    broken = dict(A_SELF)
    del broken["sg04"]
    with pytest.raises(AnswerError, match="missing items: sg04"):
        perception_gap(A_SELF, broken, B_SELF, A_ABOUT_B, SIGNS)


def test_self_only_instrument_has_no_gap() -> None:
    attachment = builtin_instruments()["attachment"]
    answers = {item.id: 4 for item in attachment.items}
    with pytest.raises(ValueError, match="self and partner"):
        perception_gap(answers, answers, answers, answers, attachment)


def test_item_without_gist_quotes_the_statement() -> None:
    inst = load_instrument(
        """
id: mini
title: Mini
version: 1
source: s
licence: MIT
about: [self, partner]
what_it_is: x
what_it_is_not: y
scale: {min: 1, max: 3, labels: {1: never, 3: always}}
subscales:
  - {id: s, title: S, bands_source: t, bands: [{min: 1, max: 3, label: l, wording: w}]}
items:
  - {id: q, text_self: I hide, text_partner: They hide, subscale: s}
"""
    )
    gap = perception_gap({"q": 1}, {"q": 3}, {"q": 2}, {"q": 2}, inst)
    assert len(gap) == 1
    assert 'sees you doing what "I hide" describes' in gap[0].starter
    assert '(you: "never", your partner: "always")' in gap[0].starter
