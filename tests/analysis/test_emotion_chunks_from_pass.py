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


TURNING = ("Work ran late again and I missed dinner with Sam. I could tell he was hurt, even though he "
           "said it was fine. We barely spoke while we washed up. Later I sat in the car for a while "
           "before coming in, just breathing. I keep promising myself I'll leave on time, but "
           "tomorrow I am going to block out the evening in my calendar and tell my manager. I "
           "want us to have one slow dinner a week, with our phones in the drawer and the radio on.")


def test_a_contrast_tail_in_a_chunk_from_the_pass_comes_from_the_pass_too() -> None:
    item = emotions.prepare(TURNING)
    tails = emotions.detector.tails_from_pass(item)
    assert tails, "the 'but' turns a chunk read from the pass"
    (index, (start, end)), = tails.items()
    assert index in emotions.from_pass(item)
    assert TURNING[start:end] == item.tails[index]
    assert item.tails[index] not in emotions.embedding_texts(TURNING)
    doc = Doc(TURNING)
    rows = emotions.detector._rows([doc], [item])
    strings = item.masked + [t for t in item.tails if t]
    got = rows(strings)
    assert np.allclose(got[len(item.masked)], doc.pooled([(start, end)])[0], atol=1e-6)


def test_a_tail_with_a_feeling_blanked_is_still_encoded_alone() -> None:
    text = TURNING.replace("leave on time, but tomorrow", "leave on time, but I'm not angry, tomorrow")
    item = emotions.prepare(text)
    turned = [i for i, t in enumerate(item.tails) if t]
    assert turned and item.tails[turned[0]] != text[item.units[turned[0]].start
                                                    + (item.turns[turned[0]] or 0):].strip()
    assert not emotions.detector.tails_from_pass(item)
    assert item.tails[turned[0]] in emotions.embedding_texts(text)


def test_a_text_with_a_pooled_tail_reads_the_same_whichever_path_reads_it() -> None:
    alone = [e.to_dict() for e in emotions.detect(Doc(TURNING))]
    assert read_text(TURNING).emotions == alone
