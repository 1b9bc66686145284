"""The feelings wheel and the "feeling or judgement?" nudge."""

from nearer.domain import feelings


def test_wheel_has_the_seven_families_with_8_to_15_words_each() -> None:
    wheel = feelings.wheel()
    assert tuple(wheel) == ("joy", "love", "sadness", "anger", "fear", "shame", "neutral")
    assert all(8 <= len(words) <= 15 for words in wheel.values())


def test_no_word_sits_in_two_families() -> None:
    words = [w for ws in feelings.wheel().values() for w in ws]
    assert len(words) == len(set(words))


def test_family_of_is_case_and_space_insensitive() -> None:
    assert feelings.family_of("  Hurt ") == "sadness"
    assert feelings.family_of("fed   up") == "anger"
    assert feelings.family_of("fear") == "fear"
    assert feelings.family_of("blorp") is None


def test_all_words_is_sorted_and_complete() -> None:
    words = feelings.all_words()
    assert words == sorted(words)
    assert "lonely" in words and "grateful" in words
    assert len(words) == sum(len(ws) for ws in feelings.wheel().values())


def test_judgement_word_gets_gentle_nudge_with_wheel_feelings() -> None:
    nudge = feelings.judgement_nudge("Ignored")
    assert nudge is not None
    assert nudge.word == "ignored"
    assert nudge.feelings == ("lonely", "hurt", "frustrated")
    assert "attention" in nudge.needs
    assert "lonely, hurt or frustrated" in nudge.message
    assert nudge.to_dict()["needs"] == list(nudge.needs)


def test_every_judgement_suggests_real_wheel_feelings() -> None:
    for word in feelings.judgement_words():
        nudge = feelings.judgement_nudge(word)
        assert nudge is not None and nudge.needs
        assert all(feelings.family_of(f) is not None for f in nudge.feelings), word


def test_a_real_feeling_gets_no_nudge() -> None:
    assert feelings.judgement_nudge("lonely") is None
    assert feelings.judgement_nudge("let down") is not None
