"""Rows in context: a text is encoded once, and each of its pieces gets the mean of its own
tokens' states in that pass (embeddings.read_whole, Doc.in_context), as the safety meaning
head reads its units."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from nearer.analysis import embeddings
from nearer.analysis.text import Doc, read_docs_whole, start_whole

TWO = "I gave my guitar to my brother for good. He does not know why."
LONG = " ".join(f"On day {n} we walked along the river and talked about the kids and the week."
                for n in range(12))


@pytest.mark.parametrize(("count", "expected"), [
    (0, [(0, 0)]),
    (126, [(0, 126)]),
    # 127 tokens: two windows of ceil((127 + 32) / 2) = 80, the second ending at 127
    (127, [(0, 80), (47, 127)]),
    # 300: ceil((300 - 32) / 94) = 3 windows of ceil((300 + 64) / 3) = 122, starts 0, 89, 178
    (300, [(0, 122), (89, 211), (178, 300)]),
])
def test_windows_are_the_fewest_equal_ones_that_overlap(
        count: int, expected: list[tuple[int, int]]) -> None:
    assert embeddings.windows(count) == expected


@pytest.mark.parametrize("count", [127, 200, 251, 400, 1000])
def test_windows_cover_every_token_within_the_width_and_overlap(count: int) -> None:
    found = embeddings.windows(count)
    assert found[0][0] == 0 and found[-1][1] == count
    assert all(b - a <= embeddings.MAX_TOKENS - 2 for a, b in found)
    assert all(a2 <= b1 - embeddings.CONTEXT_OVERLAP for (_, b1), (a2, _) in zip(found, found[1:], strict=False))


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_a_text_read_whole_gives_its_bare_row_and_its_pieces_read_in_context() -> None:
    doc = Doc(TWO)
    whole, first = doc.in_context([(0, len(TWO)), (0, 40)])
    assert _cos(whole, embeddings.embed([TWO])[0]) > 0.9999  # the whole: one bare encoding
    alone = embeddings.embed([TWO[:40]])[0]
    assert 0.5 < _cos(first, alone) < 0.999  # the same words, read beside the next sentence
    assert abs(float(np.linalg.norm(first)) - 1.0) < 1e-5
    # a text of one sentence: its piece is its bare row
    (only,) = Doc(TWO[:40]).in_context([(0, 40)])
    assert _cos(only, alone) > 0.9999


def test_one_pass_per_doc_and_long_texts_read_in_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    real = embeddings.read_wholes
    calls: list[list[str]] = []

    def counting(texts: Sequence[str]) -> list[embeddings.TokenStates]:
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(embeddings, "read_wholes", counting)
    doc = Doc(LONG)
    states = embeddings.read_whole(LONG)
    assert len(states.offsets) > embeddings.MAX_TOKENS  # more than one window
    calls.clear()
    near, far = doc.in_context([(0, 80), (len(LONG) - 80, len(LONG))])
    doc.in_context([(100, 200)])
    assert len(calls) == 1  # the pass is made once, then pooled again
    assert _cos(near, far) < 0.999  # pieces from different windows, each its own row


def test_many_docs_share_calls_and_a_row_does_not_depend_on_its_company() -> None:
    texts = [TWO, LONG, "We planted tulips along the fence today."]
    docs = [Doc(t) for t in texts]
    read_docs_whole(docs)
    alone = [Doc(t).in_context([(0, 30)])[0] for t in texts]
    together = [d.in_context([(0, 30)])[0] for d in docs]
    for a, b in zip(alone, together, strict=True):
        assert _cos(a, b) > 0.9999


def test_a_started_pass_is_waited_for_not_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Doc(TWO)
    start_whole([doc])

    def refuse(texts: Sequence[str]) -> list[embeddings.TokenStates]:
        raise AssertionError("made twice")

    monkeypatch.setattr(embeddings, "read_whole", refuse)
    (row,) = doc.in_context([(0, len(TWO))])
    assert _cos(row, embeddings.embed([TWO])[0]) > 0.9999


def test_a_swapped_encoder_embeds_each_piece_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def fake(texts: Sequence[str]) -> np.ndarray:
        seen.append(list(texts))
        return np.ones((len(texts), embeddings.DIMENSIONS), dtype=np.float32)

    monkeypatch.setattr(embeddings, "embed", fake)
    Doc(TWO).in_context([(0, 40)])
    assert seen == [[TWO[:40].lower()]]


def test_the_safety_head_reads_a_sentence_in_the_context_of_its_text() -> None:
    from nearer.analysis.safety import semantic

    semantic.clear_cache()
    sentence = "I gave my guitar to my brother for good."
    spans = [(0, len(sentence))]
    calm = f"{sentence} He has wanted one since he was ten and he cried with joy."
    grim = f"{sentence} I won't be needing it where I'm going."
    (a,) = semantic.score_units(calm, spans, in_context=Doc(calm).in_context)
    (b,) = semantic.score_units(grim, spans, in_context=Doc(grim).in_context)
    # the same words, two readings: each kept per text, not per sentence
    assert (a.self_harm, a.violence) != (b.self_harm, b.violence)
    assert b.self_harm > a.self_harm
