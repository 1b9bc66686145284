"""The coach's derived key gates and scan anchors skip only text where no match can be."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from nearer.analysis.coach_keys import anchor_for, required_keys

from nearer.analysis.coach import ALL_RULES, _scan_start

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"


def test_keys_of_a_plain_alternation_are_its_words() -> None:
    assert required_keys(r"\b(?:grow up|make a life)\b") == ("grow up", "make a life")
    # The parser factors out a shared first letter; what follows it is still in every match.
    assert required_keys(r"\b(?:grow up|get a life)\b") == ("et a life", "row up")


def test_optional_part_gives_no_key_and_a_required_part_does() -> None:
    assert required_keys(r"\b(?:you|u)(?: absolute)? idiot\b") == (" idiot",)
    assert required_keys(r"x?(?:ab)?") == ()


def test_one_keyless_alternative_means_no_gate() -> None:
    assert required_keys(r"whatever|k") == ()


def test_longer_keys_holding_a_shorter_one_are_dropped() -> None:
    assert required_keys(r"done talking|done here|done ") == ("done ",)


def test_repeated_letter_splits_the_literal_run() -> None:
    # "wa+h" can read "waaah": both "wa" and "ah" are in every match, "wah" is not.
    assert required_keys(r"wa+h") in (("wa",), ("ah",))
    assert re.search("wa+h", "waaah") and "wah" not in "waaah"


def test_anchor_reach_counts_the_widest_text_before_the_key() -> None:
    anchor = anchor_for(r"(?:oh |well )?sure")
    assert anchor is not None and anchor.keys == ("sure",) and anchor.reach == 5


def test_anchor_keeps_a_longer_key_unless_a_prefix_stands_in() -> None:
    anchor = anchor_for(r"big deal|no big deal")
    assert anchor is not None and set(anchor.keys) == {"big deal", "no big deal"}


def test_lookahead_text_counts_but_negative_lookahead_does_not() -> None:
    assert required_keys(r"\bfine(?=\s*bye)") == ("fine",)
    assert required_keys(r"(?!bye)\bk\b") == ()


def _corpus() -> list[str]:
    texts: list[str] = []
    for path in sorted(DATA.glob("coach_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line)["text"]))
    return texts


def _same_matches(low: str) -> None:
    for rule in ALL_RULES:
        assert rule.lower is not None
        full = [m.span() for m in rule.lower.finditer(low)]
        start = _scan_start(rule, low)
        gated = [] if start < 0 else [m.span() for m in rule.lower.finditer(low, start)]
        assert gated == full, (rule.rx.pattern[:60], low)


def test_gated_scan_finds_exactly_what_a_full_scan_finds_on_long_drafts() -> None:
    texts = [t.lower() for t in _corpus()]
    rng = random.Random(7)
    for _ in range(150):
        _same_matches(" ".join(rng.sample(texts, 12))[: rng.randint(40, 700)])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["you", "u", "r", "so", "never", "done", "talking", "again", "big",
                                 "deal", "no", "waaah", "wah", "🙄", "eye", "roll", ",", ".", "?",
                                 "'", "fine", "bye", "sure", "oh", "well", "whatever", "k", "lol",
                                 "not", "my", "fault", "calm", "down", "what", "about", "idiot"]),
                min_size=1, max_size=30))
def test_gated_scan_is_exact_on_random_word_soup(words: list[str]) -> None:
    _same_matches(" ".join(words))
