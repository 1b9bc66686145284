"""Tests for round 3 of emotion detection: situation patterns and their cues in the lexicon."""

from __future__ import annotations

from nearer.analysis.emotions_lexicon import SITUATION_WEIGHT, family_weights, find_hits

from nearer.analysis import emotions


def _situations(text: str) -> list[tuple[str, str]]:
    return [
        (h.family, text[h.start : h.end])
        for h in find_hits(text)
        if h.word is None and h.weight == SITUATION_WEIGHT
    ]


def test_own_wrongdoing_then_regret_is_a_shame_situation() -> None:
    text = "i yelled at my brother over dinner and i keep replaying it"
    assert ("shame", "i yelled at my brother over dinner and i keep replaying") in _situations(text)


def test_negated_wrongdoing_is_no_situation() -> None:
    assert _situations("i didnt yell at him, i wish i had said more") == []


def test_regret_cue_before_the_wrongdoing_does_not_count() -> None:
    # `then` must follow `first`: the order is what makes it a situation.
    assert _situations("wish i could sleep, i forgot the charger") == []


def test_worry_then_good_outcome_is_relief() -> None:
    text = "the mri results came back clear"
    assert [family for family, _ in _situations(text)] == ["joy"]
    assert family_weights(find_hits(text))["joy"] == SITUATION_WEIGHT + 0.6


def test_partner_then_caring_act_is_love() -> None:
    assert [f for f, _ in _situations("my husband sat with me all night at the hospital")] == [
        "love"
    ]


def test_caring_act_for_someone_else_is_no_love_situation() -> None:
    assert _situations("she left it for me to clean up") == []


def test_situations_steer_detection() -> None:
    cases = {
        "i lied to my sister about the money and now i can't look at her": "shame",
        "the biopsy was benign, we went for a long lunch": "joy",
        "she cancelled dinner again and i ate by myself": "sadness",
    }
    for text, family in cases.items():
        assert emotions.dominant(emotions.detect(text)) == family, text


def test_household_chores_stay_neutral() -> None:
    text = "ran the dishwasher, wiped the counters and took the recycling out"
    assert emotions.dominant(emotions.detect(text)) == "neutral"


def test_situation_spanning_a_contrast_keeps_its_weight() -> None:
    text = "i told her i was at the gym but i was at the pub"
    prepared = emotions.prepare(text)
    shame = [h for h in prepared.hits[0] if h.family == "shame"]
    assert [h.weight for h in shame] == [SITUATION_WEIGHT]
