"""Property checks for the coach: any readable draft gives spans that quote it exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.analysis.coach import analyze

WORDS = ["you", "u", "never", "always", "so", "selfish", "not", "your", "fault", "whatever", "calm",
         "down", "I'm", "sorry", "said", '"', "it's", "a", "big", "deal", ",", ".", "🙄", "İ", "ẞ",
         "done", "talking", "what", "about", "overreacting", "love", "ur", "lazy", "!"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_flags_and_feelings_always_quote_the_draft(words: list[str]) -> None:
    text = " ".join(words)
    result = analyze(text)
    for flag in result.flags:
        assert text[flag.start:flag.end] == flag.quote and flag.quote
    for check in result.feeling_check:
        assert text[check.start:check.end] == check.word
    assert result.gentle == (not result.flags and not result.safety.flagged)
    # a rewrite is offered for every harsh draft except a threat (the coach never softens one)
    assert (result.rewrite is None) == (not result.flags or "threat" in result.kinds)
