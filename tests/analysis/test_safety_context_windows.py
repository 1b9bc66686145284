"""Context a rule reads beyond its own sentence: what makes a match self-injury may stand in the
next sentence (`needs_across`), and the past may be told just after ("That was twenty years
back."). Every sentence here was written for this file."""

from __future__ import annotations

from nearer.analysis.safety import assess


def test_what_makes_it_self_injury_may_stand_in_the_next_sentence() -> None:
    alone = "Scratched my forearm with the wire brush again."
    assert assess(alone, deep=False).level == "none"  # a workshop scrape, as far as the rules can say
    for after in ("On purpose, like last week.", "Long sleeves to work so nobody asks."):
        result = assess(f"{alone} {after}", deep=False)
        assert "self_harm" in result.kinds, after
        assert [m.rule for m in result.matches] == ["self_harm.injures_body_part"]


def test_a_past_told_just_after_and_put_behind_is_set_aside() -> None:
    then = "The winter after the divorce I didn't want to live."
    assert "self_harm" in assess(then, deep=False).kinds
    behind = f"{then} That was fifteen years back. A good counsellor brought me through."
    assert assess(behind, deep=False).level == "none"
    # without the past put behind, it still counts
    assert "self_harm" in assess(f"{then} That was fifteen years back. It is back now.",
                                 deep=False).kinds
