"""The text layer: a Doc is split once, and each string is embedded once, for every detector."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from nearer.analysis import embeddings
from nearer.analysis.text import Doc, embed_docs, embedding_key, normalise
from nearer.services import text_checks


class CountingEncoder:
    """A fake encoder: a row per text (its length in column 0), counting calls and texts."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), embeddings.DIMENSIONS), dtype=np.float32)
        rows[:, 0] = [len(t) for t in texts]
        return rows

    @property
    def texts(self) -> list[str]:
        return [t for call in self.calls for t in call]


def test_normalised_text_keeps_every_offset() -> None:
    text = "I want to k!ll myself \u2019cause su1c1de feels close"
    doc = Doc(text)
    assert doc.norm == normalise(text) == "I want to kill myself 'cause suicide feels close"
    assert len(doc.norm) == len(text)


def test_sentences_and_clauses_are_stripped_spans() -> None:
    doc = Doc("We talked.  It was nice, but short!\n\nThen bed")
    assert [doc.norm[s:e] for s, e in doc.sentences] == ["We talked", "It was nice, but short",
                                                        "Then bed"]
    assert [doc.norm[s:e] for s, e in doc.clauses] == ["We talked", "It was nice", "short",
                                                      "Then bed"]
    assert doc.sentence_bounds.index(doc.text.index("nice")) == 1


def test_tokens_carry_offsets_in_lower_case() -> None:
    doc = Doc("Don't SHOUT at me")
    assert [(t.word, doc.text[t.start:t.end]) for t in doc.tokens] == [
        ("don't", "Don't"), ("shout", "SHOUT"), ("at", "at"), ("me", "me")]


def test_negation_reaches_a_few_words_within_its_clause() -> None:
    doc = Doc("I am not angry at you at all today, just tired. Never again, ok")
    angry = doc.text.index("angry")
    tired = doc.text.index("tired")
    assert doc.negated(angry, angry + 5)
    assert not doc.negated(tired, tired + 5)  # past the comma: another clause
    today = doc.text.index("today")
    assert not doc.negated(today, today + 5)  # five words on: out of reach
    again = doc.text.index("again")
    assert doc.negated(again) and not doc.negated(doc.text.index("ok"))


def test_a_doc_embeds_each_string_once_and_keys_by_what_the_encoder_reads() -> None:
    fake = CountingEncoder()
    doc = Doc("We talked. It was nice.", embedder=fake)
    rows = doc.embed(["We talked", "It was nice"])
    assert rows.shape == (2, embeddings.DIMENSIONS) and rows[0, 0] == len("we talked")
    again = doc.embed([" WE TALKED ", "It was nice", "something new"])
    assert fake.calls == [["we talked", "it was nice"], ["something new"]]
    assert again[0, 0] == rows[0, 0] and embedding_key(" WE TALKED ") == "we talked"
    assert doc.embeddings.shape == (2, embeddings.DIMENSIONS)  # one row per sentence, cached
    assert len(fake.calls) == 2
    assert doc.text_embedding[0] == len("we talked. it was nice.")
    assert len(fake.calls) == 3


def test_many_docs_share_one_encoder_call_and_shared_strings_are_encoded_once() -> None:
    fake = CountingEncoder()
    docs = [Doc("a"), Doc("b")]
    assert embed_docs(docs, [["one", "two"], ["two", "three"]], fake) == 3
    assert fake.calls == [["one", "two", "three"]]
    assert embed_docs(docs, [["one"], ["three"]], fake) == 0  # nothing new: no call at all
    assert docs[1].embed(["two"], )[0, 0] == 3


def test_a_saved_entry_is_split_and_embedded_once_for_safety_and_emotions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nearer.analysis.emotions import detector
    from nearer.analysis.safety import semantic

    real = embeddings.embed
    calls: list[list[str]] = []

    def counting(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    detector._prototypes()  # prototypes are a fixed list, embedded (and cached) apart
    monkeypatch.setattr(embeddings, "embed", counting)
    semantic.clear_cache()
    text = "We walked to the park after work. It felt like old times for a moment."
    reading = text_checks.read_text(text)
    assert len(calls) == 1  # one encoder call for every detector
    embedded = calls[0]
    assert len(embedded) == len(set(embedded))  # nothing encoded twice
    # Safety's sentences (each with the mark that ends it) and whole text, and the emotion
    # reader's unit (the same whole text).
    assert sorted(embedded) == sorted(["we walked to the park after work.",
                                       "it felt like old times for a moment.",
                                       text.lower()])
    assert reading.family is not None and reading.emotions
    semantic.clear_cache()


def test_reading_through_the_doc_matches_reading_each_detector_alone() -> None:
    from nearer.analysis import emotions, safety
    from nearer.analysis.safety import semantic

    texts = ["I can't do this anymore, I want to die.",
             "He grabbed my phone again and checked my messages. I am scared of him.",
             "Dinner was quiet; I am not angry, just sad."]
    semantic.clear_cache()
    together = text_checks.read_many(texts)
    semantic.clear_cache()
    for text, reading in zip(texts, together, strict=True):
        alone = safety.assess(text)
        semantic.clear_cache()
        assert reading.safety == alone
        found = emotions.detect(text)
        assert reading.emotions == [e.to_dict() for e in found]


def test_neighbour_pairs_join_each_two_sentences_and_never_the_whole_of_a_longer_text() -> None:
    from nearer.analysis.safety import model_units
    from nearer.analysis.text import neighbour_pairs

    two = "  I can't sleep. Look after Shaz for me.  "
    doc = Doc(two)
    assert [two[s:e] for s, e in neighbour_pairs(two, doc.sentences)] == [two.strip()]
    three = "I can't sleep. Look after Shaz for me! It won't be long now."
    doc = Doc(three)
    assert [three[s:e] for s, e in neighbour_pairs(three, doc.sentences)] == [
        "I can't sleep. Look after Shaz for me!", "Look after Shaz for me! It won't be long now."]
    units = [u.strip() for u in model_units(three)]
    assert "Look after Shaz for me! It won't be long now." in units and three not in units
    assert model_units("Just one line here") == ["Just one line here"]
