"""Derived keys that begin words, and the safety pre-filter built on them: it never hides a match.

(The key walker's other tests are in test_coach_keys.py.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.analysis.keys import derive
from nearer.analysis.safety import detector
from nearer.analysis.text import Doc

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"


@pytest.mark.parametrize(("pattern", "keys", "word_start"), [
    (r"\b(?:kill|kil|killing)\s+myself", ("myself",), True),
    (r"\b(?:sleeping\s+)?(?:pills|tablets)\b", ("pills", "tablets"), True),
    (r"\b(?:\w+\s+){0,3}?deep", ("deep",), True),
    (r"\b(?:i'?ve|ive)\s+cut", ("cut",), True),
    (r"\bi'?ll\b", ("ll",), False),  # "ill": the key sits inside a word
    (r"\bsu(?:i)?[cs]idal", ("idal",), False),
    (r"\b(?:a|b\s+)?deep", ("deep",), False),  # "adeep"
    (r"(?:x|y)\s*dead", ("dead",), False),
    (r"\bfoo|bar", ("bar", "foo"), False),
    (r"\bWAKE\b", ("wake",), True),
])
def test_derive_tells_keys_that_begin_words(pattern: str, keys: tuple[str, ...], word_start: bool) -> None:
    derived = derive(pattern, fold_case=True)
    assert derived.keys == keys and derived.word_start is word_start


def test_at_word_starts_only_a_prefix_stands_in_for_a_longer_key() -> None:
    # "alive" stands in for "unalive", but inside it "alive" does not begin a word.
    derived = derive(r"\b(?:unalive|alive)\b")
    assert derived.keys == ("alive",) and derived.inside_words == ("alive",)
    assert derive(r"\b(?:unalive|unaliving)\b").keys == ("unaliv",)  # the shared start


def _begins_word(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


PATTERNS = [r"\b(?:kill|kil)\s+(?:my\s?self|meself)", r"\b(?:so\s+|really\s+)?(?:sad|mad)\b",
            r"\bi'?(?:ll|ve)\s+go", r"\b(?:a\s+)?(?:b|c)at\b", r"(?:^|\s)x+y"]


@settings(max_examples=300)
@given(st.sampled_from(PATTERNS),
       st.lists(st.sampled_from(["kill", "kil", " ", "my", "self", "me", "so", "really", "sad",
                                 "mad", "i", "'", "ll", "ve", "go", "a", "b", "c", "at", "x",
                                 "y", "-", "_"]), max_size=12))
def test_word_start_keys_begin_a_word_in_every_match(pattern: str, parts: list[str]) -> None:
    text = "".join(parts)
    derived = derive(pattern, fold_case=True)
    for m in re.finditer(pattern, text, re.IGNORECASE):
        found = [at for key in derived.keys for at in range(m.start(), len(text))
                 if text.lower().startswith(key, at)]
        assert found, (pattern, text)
        if derived.word_start:
            assert any(_begins_word(text, at) for at in found), (pattern, text)


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(DATA.glob("safety_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                texts.append(str(json.loads(line)["text"]))
    return texts


def test_the_safety_prefilter_never_hides_a_match_of_a_rule_file_rule() -> None:
    """For every sentence of the benchmark sets, each rule with an id that matches there is
    among the rules the keys wake for that sentence."""
    every = detector.rules()
    checked = 0
    for text in _texts():
        doc = Doc.of(text)
        spans = detector._Spans(doc)
        woken = detector._candidates(doc, spans)
        for index, rule in enumerate(every):
            if not rule.id:
                continue
            for sentence in range(len(spans._sent)):
                start, end = spans.sentence_bounds(sentence)
                if rule.pattern.search(doc.norm, start, end):
                    checked += 1
                    assert sentence in woken.get(index, set()), (rule.id, text)
    assert checked > 500
