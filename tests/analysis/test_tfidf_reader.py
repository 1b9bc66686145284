"""The wording heads read text through tfidf.Reader, which keeps each word's known columns; training
reads through tfidf.features. The two must give the same columns, values and order, or a head
would read differently in the app than it was trained to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.analysis import tfidf
from nearer.analysis.coach import wording as coach_wording
from nearer.analysis.emotions import wording as emotion_wording
from nearer.analysis.safety import who
from nearer.analysis.safety import wording as safety_wording

HEADS: dict[str, tuple[Callable[[], Any], Callable[[Any], tuple[str, ...]]]] = {
    "safety wording": (safety_wording.load_head, lambda head: ("pieces",)),
    "safety who": (who.load_head, lambda head: ("words",)),
    "emotion wording": (emotion_wording.load_head, lambda head: head.kinds),
    "coach wording": (coach_wording.load_head, lambda head: coach_wording.FEATURES),
}

LINES = (
    "I've given the dog to my sister and sorted the insurance papers.",
    "ok so ur keeping the bike n the speaker, dont argue",
    "He said he'd kill me if I left. I believe him.",
    "Thank you for everything, honestly. You were always kind to me.",
    "",
    "   ",
    "İstanbul was LOVELY!!! 😊 naïve café d3ad t1red",
    "rope rope rope ropes",
)


@pytest.mark.parametrize("name", sorted(HEADS))
@pytest.mark.parametrize("line", LINES)
def test_the_reader_gives_what_training_computes(name: str, line: str) -> None:
    load, kinds = HEADS[name]
    head = load()
    assert head.features(line) == tfidf.features(line, kinds(head), head.index, head.idf)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120), st.sampled_from(sorted(HEADS)))
def test_any_text_reads_the_same_both_ways_and_twice(text: str, name: str) -> None:
    load, kinds = HEADS[name]
    head = load()
    expected = tfidf.features(text, kinds(head), head.index, head.idf)
    assert head.features(text) == expected
    assert head.features(text) == expected  # the words' columns kept from the first reading


def test_a_word_met_again_counts_its_pieces_again() -> None:
    index = {" ab": 0, "ab ": 1, "ab": 2, " ab ": 3}
    idf = np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32)
    reader = tfidf.Reader(("pieces",), index, idf)
    columns, values = reader.features("ab ab")
    # pieces come shortest first, each in the order met: "ab", " ab", "ab ", " ab " (" a" and
    # "b " are unknown)
    assert columns == [2, 0, 1, 3]
    raw = [(1 + np.log(2)) * w for w in (3.0, 1.0, 2.0, 4.0)]  # each piece seen twice
    norm = float(np.sqrt(sum(v * v for v in raw)))
    assert values == pytest.approx([v / norm for v in raw], abs=1e-12)


def test_words_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = tfidf.Reader(("pieces",), {"ab": 0}, np.ones(1, dtype=np.float32))
    monkeypatch.setattr(tfidf.Reader, "WORDS_KEPT", 2)
    reader.features("ab abc abcd abcde")
    assert len(reader._words) == 2
    assert reader.features("abcde")[0] == [0]  # a word not kept is still read

