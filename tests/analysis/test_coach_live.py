"""The coach's live path: read at every pause in typing with both learned heads, encoding only the
pieces that changed, and giving the same reading as the finished draft read from scratch.

The page asks for the typing reading at every pause (`typing=True`: each sentence, so a pause
encodes only the sentence being typed) and for the full reading once typing rests (the pairs of
neighbouring sentences too)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from nearer.analysis import embeddings, row_cache
from nearer.analysis.coach import analyze
from nearer.analysis.safety import assess, semantic
from nearer.analysis.text import embedding_key
from nearer.services.text_checks import check_safety

DRAFTS = (
    "I know the week has been long for you. I miss you, honestly. Last night you were on your "
    "phone all through dinner and I felt invisible. Can we keep Friday free, just us?",
    "so u said ud ring ur mum back and once again u didnt. im so tired of remembering "
    "everything. whatever, ill do it myself like always",
    "Sorted out the will and gave the dog to my sister. You will not hear from me after Sunday. "
    "Tell Mum I'm sorry.",
)


def pauses(draft: str) -> list[str]:
    """The draft as it stands after each word, and finished."""
    return [draft[:m.start()] for m in re.finditer(r"\s+", draft)] + [draft]


def forget() -> None:
    row_cache.clear()
    semantic.clear_cache()


def cold(text: str) -> dict[str, Any]:
    forget()
    return analyze(text).to_named_dict()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The real encoder, with every string it encodes recorded."""
    real = embeddings.embed
    seen: list[str] = []

    def counting(texts: Sequence[str]) -> Any:
        seen.extend(texts)
        return real(texts)

    monkeypatch.setattr(embeddings, "embed", counting)
    forget()
    yield seen
    forget()


@pytest.mark.parametrize("draft", DRAFTS)
def test_typing_reads_each_pause_as_the_finished_text_read_cold(
        counted: list[str], draft: str) -> None:
    live = [(text, analyze(text).to_named_dict()) for text in pauses(draft)]
    checked = live[2::5] + live[-1:]
    for text, reading in checked:
        assert reading == cold(text), text


@pytest.mark.parametrize("draft", DRAFTS)
def test_the_drafts_safety_is_what_saving_it_would_say(counted: list[str], draft: str) -> None:
    for text in pauses(draft)[-3:]:
        assert analyze(text).safety.to_dict() == check_safety(text).to_dict()
    forget()
    assert analyze(draft).safety.to_dict() == assess(draft).to_dict()


def test_a_pause_encodes_only_the_sentence_being_typed_and_the_pair_it_ends(
        counted: list[str]) -> None:
    draft = DRAFTS[0]
    steps = pauses(draft)
    for text in steps[:-3]:
        analyze(text)
    counted.clear()
    text = steps[-3]
    analyze(text)
    typed = "Can we keep Friday free,"
    assert text.endswith(typed)
    pair = "Last night you were on your phone all through dinner and I felt invisible. " + typed
    # the sentence being typed and the pair it ends, each once; never the whole draft
    assert sorted(map(embedding_key, counted)) == sorted(map(embedding_key, [typed, pair]))
    counted.clear()
    analyze(text)  # the same pause again: nothing to encode
    assert counted == []


def test_the_row_cache_stays_bounded_while_typing(counted: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_cache.SHARED, "size", 5)
    readings = [analyze(text).to_named_dict() for text in pauses(DRAFTS[0])]
    assert len(row_cache.SHARED) <= 5
    assert readings[-1] == cold(DRAFTS[0])


def test_a_draft_only_the_safety_head_reads_shows_help_while_typed(counted: list[str]) -> None:
    draft = ("I've written everyone a letter and sorted the will. This is the last week anyone has "
             "to put up with me.")
    assert not assess(draft, deep=False).flagged
    readings = [analyze(text) for text in pauses(draft)]
    final = readings[-1]
    assert final.safety.flagged and "self_harm" in final.safety.kinds
    assert not final.gentle
    assert any(fired.startswith("model") for fired in final.safety.fired)


def test_rules_only_reads_nothing_through_the_encoder(counted: list[str]) -> None:
    for text in pauses(DRAFTS[2]):
        analyze(text, model=False)
    assert counted == []


def cold_typing(text: str) -> dict[str, Any]:
    forget()
    return analyze(text, typing=True).to_named_dict()


@pytest.mark.parametrize("draft", DRAFTS)
def test_each_typing_reading_is_the_same_text_read_cold(counted: list[str], draft: str) -> None:
    live = [(text, analyze(text, typing=True).to_named_dict()) for text in pauses(draft)]
    for text, reading in live[3::5] + live[-1:]:
        assert reading == cold_typing(text), text


def test_a_typing_pause_encodes_only_the_sentence_being_typed(counted: list[str]) -> None:
    draft = DRAFTS[0]
    steps = pauses(draft)
    for text in steps[:-3]:
        analyze(text, typing=True)
    counted.clear()
    text = steps[-3]
    analyze(text, typing=True)
    typed = "Can we keep Friday free,"
    assert text.endswith(typed)
    # one string for both heads: the sentence being typed, as the text layer splits it
    assert list(map(embedding_key, counted)) == [embedding_key(typed)]
    counted.clear()
    # at rest the pairs are read: the three pairs of neighbouring sentences, nothing else
    rest = analyze(text)
    sentences = ["I know the week has been long for you.", "I miss you, honestly.",
                 "Last night you were on your phone all through dinner and I felt invisible.",
                 typed]
    pairs = [f"{a} {b}" for a, b in zip(sentences[:-1], sentences[1:], strict=True)]
    assert sorted(map(embedding_key, counted)) == sorted(map(embedding_key, pairs))
    forget()
    assert rest.to_named_dict() == analyze(text).to_named_dict()


def test_a_typing_reading_of_one_sentence_reads_it_as_the_rest_reading_would(
        counted: list[str]) -> None:
    text = "I felt invisible at dinner and I miss you"
    assert analyze(text, typing=True).to_named_dict() == cold(text)


def test_what_only_a_pair_of_sentences_shows_appears_once_typing_rests(
        counted: list[str]) -> None:
    # Neither sentence alone reads as a goodbye; together they do.
    draft = "The letters are in the top drawer for the kids. I feel lighter than I have in years."
    typing = analyze(draft, typing=True)
    assert not typing.safety.flagged
    rest = analyze(draft)
    assert rest.safety.flagged and "self_harm" in rest.safety.kinds
    assert rest.safety.to_dict() == check_safety(draft).to_dict()


def test_typing_readings_with_rules_only_read_nothing_through_the_encoder(
        counted: list[str]) -> None:
    for text in pauses(DRAFTS[2]):
        analyze(text, model=False, typing=True)
    assert counted == []
