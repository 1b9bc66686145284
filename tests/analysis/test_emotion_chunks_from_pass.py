"""The emotion reader's chunks of a long text are read from the text's one encoder pass (the
pass the safety head makes for it anyway), not encoded alone: emotions.from_pass."""

from __future__ import annotations

import numpy as np

from nearer.analysis import emotions
from nearer.analysis.text import Doc
from nearer.services.text_checks import read_text

SHORT = "We had a lovely walk. The kids laughed all afternoon."
LONG = ("Work ran late again and I missed dinner with Sam. I could tell he was hurt, even though he "
        "said it was fine. We barely spoke while we washed up. Later I sat in the car for a while "
        "before coming in, just breathing. I keep promising myself I'll leave on time. Tomorrow I "
        "am going to block out the evening in my calendar and tell my manager. I want us to have "
        "one slow dinner a week, with our phones in the drawer and the radio on.")
BLANKED = ("I'm not angry with him, honestly. " + LONG)


def _chunks(text: str) -> list[str]:
    return [u.text for u in emotions.prepare(text).units]


def test_a_short_text_is_one_unit_encoded_alone() -> None:
    item = emotions.prepare(SHORT)
    assert emotions.from_pass(item) == []
    assert emotions.embedding_texts(SHORT) == [SHORT]
    assert not emotions.needs_pass(SHORT)


def test_a_long_texts_chunks_of_several_sentences_come_from_the_pass() -> None:
    item = emotions.prepare(LONG)
    assert len(item.units) == 2  # 460 characters in chunks of at most 300
    assert emotions.from_pass(item) == [0, 1]
    assert emotions.needs_pass(LONG)
    assert not set(_chunks(LONG)) & set(emotions.embedding_texts(LONG))


def test_a_chunk_with_a_feeling_blanked_is_still_encoded_alone() -> None:
    item = emotions.prepare(BLANKED)
    blanked = [i for i, (u, m) in enumerate(zip(item.units, item.masked, strict=True)) if m != u.text]
    assert blanked, "the negated 'angry' is blanked in its chunk"
    assert not set(blanked) & set(emotions.from_pass(item))
    assert item.masked[blanked[0]] in emotions.embedding_texts(BLANKED)


def test_the_reading_is_the_same_whichever_path_reads_the_text() -> None:
    """Alone (the emotion reader with no pass made), or as a saved entry is read (safety's
    pass started first): the same families and scores."""
    alone = [e.to_dict() for e in emotions.detect(Doc(LONG))]
    saved = read_text(LONG).emotions
    assert saved == alone
    assert alone[0]["family"] in {"sadness", "shame", "love"}


def test_the_pooled_rows_are_the_chunks_own_tokens_in_the_pass() -> None:
    doc = Doc(LONG)
    item = emotions.prepare(LONG)
    rows = emotions.detector._rows([doc], [item])
    got = rows(item.masked)
    spans = [(u.start, u.end) for u in item.units]
    assert np.allclose(got, doc.pooled(spans), atol=1e-6)
