"""How the safety meaning head reads its units (Doc.unit_rows): a sentence alone, and a longer
piece of a longer text (two sentences) as the mean of its own tokens' states in ONE encoder pass
over the whole text (embeddings.read_whole, Doc.pooled)."""

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
    whole, first = doc.pooled([(0, len(TWO)), (0, 40)])
    assert _cos(whole, embeddings.embed([TWO])[0]) > 0.9999  # the whole: one bare encoding
    alone = embeddings.embed([TWO[:40]])[0]
    assert 0.5 < _cos(first, alone) < 0.999  # the same words, read beside the next sentence
    assert abs(float(np.linalg.norm(first)) - 1.0) < 1e-5
    # a text of one sentence: its piece is its bare row
    (only,) = Doc(TWO[:40]).pooled([(0, 40)])
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
    near, far = doc.pooled([(0, 80), (len(LONG) - 80, len(LONG))])
    doc.pooled([(100, 200)])
    assert len(calls) == 1  # the pass is made once, then pooled again
    assert _cos(near, far) < 0.999  # pieces from different windows, each its own row


def test_many_docs_share_calls_and_a_row_does_not_depend_on_its_company() -> None:
    texts = [TWO, LONG, "We planted tulips along the fence today."]
    docs = [Doc(t) for t in texts]
    read_docs_whole(docs)
    alone = [Doc(t).pooled([(0, 30)])[0] for t in texts]
    together = [d.pooled([(0, 30)])[0] for d in docs]
    for a, b in zip(alone, together, strict=True):
        assert _cos(a, b) > 0.9999


def test_a_started_pass_is_waited_for_not_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Doc(TWO)
    start_whole([doc])

    def refuse(texts: Sequence[str]) -> list[embeddings.TokenStates]:
        raise AssertionError("made twice")

    monkeypatch.setattr(embeddings, "read_whole", refuse)
    (row,) = doc.pooled([(0, len(TWO))])
    assert _cos(row, embeddings.embed([TWO])[0]) > 0.9999


def test_a_swapped_encoder_embeds_each_piece_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def fake(texts: Sequence[str]) -> np.ndarray:
        seen.append(list(texts))
        return np.ones((len(texts), embeddings.DIMENSIONS), dtype=np.float32)

    monkeypatch.setattr(embeddings, "embed", fake)
    Doc(TWO).pooled([(0, 40)])
    assert seen == [[TWO[:40].lower()]]


THREE = ("Go on, tell your friends about us. See what I do to you when you get home. "
         "I mean it.")


def test_a_sentence_is_read_alone_and_a_pair_of_a_longer_text_from_its_pass() -> None:
    doc = Doc(THREE)
    first, second, pair, whole = (0, 34), (35, 74), (0, 74), (0, len(THREE))
    assert [doc.reads_alone(s) for s in (first, second, pair, whole)] == [True, True, False, True]
    rows = doc.unit_rows([second, pair, whole])
    # a sentence: its bare row, whatever its neighbours say
    assert _cos(rows[0], embeddings.embed([THREE[35:74]])[0]) > 0.9999
    # a pair of a longer text: pooled from the one pass over it, not encoded alone
    assert _cos(rows[1], doc.pooled([pair])[0]) > 0.9999
    assert _cos(rows[1], embeddings.embed([THREE[:74]])[0]) < 0.999
    assert _cos(rows[2], embeddings.embed([THREE])[0]) > 0.9999  # the whole text: its bare row
    assert doc.needs_pass() and not Doc(THREE[:74]).needs_pass()


def test_a_threat_is_not_diluted_by_the_sentence_before_it() -> None:
    """Read in one pass beside "Go on, tell your friends about us.", the threat's own tokens fell
    from 99 % to 26 % violence (session 13): a sentence is read alone, so no neighbour dilutes
    it."""
    from nearer.analysis.safety import assess, semantic

    semantic.clear_cache()
    (alone,) = semantic.score_units(Doc(THREE[35:74]), [(0, 39)])
    (inside,) = semantic.score_units(Doc(THREE), [(35, 74)])
    assert (inside.self_harm, inside.violence) == (alone.self_harm, alone.violence)
    result = assess(THREE)
    assert "violence" in result.kinds and "writer_threatens" in result.who


class _Held:
    """A pass that has not finished: its future is not done until `finish`."""

    def __init__(self, states: embeddings.TokenStates) -> None:
        self.states, self.finished = states, False

    def done(self) -> bool:
        return self.finished

    def result(self) -> list[embeddings.TokenStates]:
        self.finished = True
        return [self.states]


def test_starting_a_chunk_does_not_wait_for_its_passes() -> None:
    """Batch work starts its next chunk (start_docs) while the passes of that chunk run: the
    whole text of a short Doc is left to its pass, not waited for and not encoded alone; the
    Doc's row is then the pass's, taken when read."""
    from nearer.analysis import text as text_layer

    doc = Doc(TWO)
    held = _Held(embeddings.read_whole(doc.norm))
    doc._memo[text_layer._PENDING] = (held, 0)
    assert doc.prefetch([TWO], wait=False) == []
    assert not held.finished
    (row,) = doc.embed([TWO])  # now the pass is taken (one window: the bare row)
    assert held.finished
    assert _cos(row, embeddings.embed([TWO])[0]) > 0.9999


def test_a_long_text_whose_pass_is_under_way_is_encoded_alone_at_once() -> None:
    from nearer.analysis import text as text_layer

    doc = Doc(LONG)
    assert len(embeddings.read_whole(doc.norm).offsets) > embeddings.MAX_TOKENS - 2
    held = _Held(embeddings.read_whole(doc.norm))
    doc._memo[text_layer._PENDING] = (held, 0)
    assert doc.prefetch([LONG], wait=False) == [text_layer.embedding_key(LONG)]
    assert not held.finished
