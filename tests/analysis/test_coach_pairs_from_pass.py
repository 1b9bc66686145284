"""The coach's learned head reads the pairs of neighbouring sentences of a longer draft from one
encoder pass over it (coach_model.from_pass), the pass the safety head pools its pairs from, and
each sentence alone: no pair is encoded on its own."""

from __future__ import annotations

import re

import numpy as np

from nearer.analysis import coach_model
from nearer.analysis.coach import analyze
from nearer.analysis.embeddings import embed
from nearer.analysis.text import Doc, embedding_key
from nearer.services.text_checks import read_text

TWO = "I missed the bus again. Can you pick up the kids at five?"
LONG = ("I got home late again and the sink was full. I know you had a long day too. "
        "Could we take turns with the dishes this week? I can do Monday and Wednesday.")
QUOTED = ('You said "I will sort it" on Sunday. The bins are still out. '
          "Can we make a plan tonight?")


def _pairs(text: str) -> list[int]:
    units = coach_model.pieces(text)
    return [i for i, (s, e) in enumerate(units) if re.search(r"[.!?] ", text[s:e].strip())]


def test_a_draft_of_two_sentences_is_read_whole_and_alone() -> None:
    units = coach_model.pieces(TWO)
    assert units == [(0, len(TWO))]
    assert coach_model.from_pass(TWO, units) == []
    assert coach_model.embedding_texts(TWO) == [TWO]
    assert not coach_model.needs_pass(TWO)


def test_the_pairs_of_a_longer_draft_come_from_the_pass() -> None:
    units = coach_model.pieces(LONG)
    assert len(units) == 3  # four sentences: three pairs
    assert coach_model.from_pass(LONG, units) == [0, 1, 2] == _pairs(LONG)
    assert coach_model.embedding_texts(LONG) == []
    assert coach_model.needs_pass(LONG)
    assert coach_model.from_pass(LONG, units, typing=True) == []  # typing: sentences alone


def test_a_pair_with_words_in_quotes_is_still_read_alone() -> None:
    units = coach_model.pieces(QUOTED)
    pooled = coach_model.from_pass(QUOTED, units)
    quoted = [i for i, (s, e) in enumerate(units) if '"' in QUOTED[s:e]]
    assert quoted and not set(quoted) & set(pooled)
    assert set(pooled) == set(range(len(units))) - set(quoted)


def test_no_pair_is_encoded_alone_when_a_draft_is_coached() -> None:
    doc = Doc(LONG)
    analyze(doc)
    pair_keys = {embedding_key(LONG[s:e]) for s, e in coach_model.pieces(LONG)}
    assert not pair_keys & set(doc._rows)
    assert doc.passes()


def test_the_head_reads_the_same_rows_whichever_path_comes_first() -> None:
    """Coached fresh, or after the entry was read for safety and emotions: the same flags."""
    fresh = coach_model.head_flags(LONG)
    doc = Doc(LONG)
    read_text(doc)
    assert coach_model.head_flags(doc) == fresh
    rows = coach_model._vectors(doc, coach_model.pieces(LONG), typing=False)
    spans = coach_model.pieces(LONG)
    assert np.allclose(rows, doc.pooled(spans), atol=1e-6)
    alone = embed([LONG[s:e] for s, e in spans])
    assert all(float(a @ b) < 0.9999 for a, b in zip(rows, alone, strict=True))  # in context
