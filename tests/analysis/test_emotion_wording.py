"""The emotion wording head: its features, its arithmetic, its file, and how the reader mixes it in.

The "clear lines" checked at the end are TRAINING lines (data/train/emotions_train.jsonl, read
here by id, one per family, each naming its feeling): they check that the shipped weights read
what they were taught, not how the head does on new text (the dev and test figures in
MODEL_CARD.md say that). They are read from the data file rather than written here, so no test
sentence repeats a training line (tests/analysis/test_sets_apart.py).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from nearer.analysis import emotion_model, tfidf
from nearer.analysis.emotion_head import FAMILIES, load_head
from nearer.analysis.emotions import detect, detect_many, wording
from nearer.analysis.emotions.wording import EmotionWordingHead, read_head, save_head

ROOT = Path(__file__).resolve().parents[2]
# One training line per family, by id (see the module docstring).
TRAINING_IDS = {
    "emotions-00005": "joy",
    "emotions-00023": "love",
    "emotions-00037": "sadness",
    "emotions-00051": "anger",
    "emotions-00069": "fear",
    "emotions-00081": "shame",
    "emotions-00097": "neutral",
}
ODD = {
    "empty": "",
    "white space": "  \n\t ",
    "emoji only": "\U0001F62D\U0001F62D\U0001F494 \U0001F621",
    "huge": "We argued about the bins again and then made up over tea. " * 2000,
    "symbols": "!!! ??? ... ---",
}


def training_lines() -> dict[str, tuple[str, list[str]]]:
    found = {}
    with (ROOT / "data" / "train" / "emotions_train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in TRAINING_IDS:
                found[row["id"]] = (row["text"], row["families"])
    return found


def test_words_are_tokens_and_neighbouring_pairs_marked_apart_from_pieces() -> None:
    mark = tfidf.WORD_MARK
    assert tfidf.words("So SO happy") == Counter({f"{mark}so": 2, f"{mark}happy": 1,
                                                  f"{mark}so so": 1, f"{mark}so happy": 1})
    assert not set(tfidf.words("ab cd")) & set(tfidf.pieces("ab cd"))
    assert tfidf.words("") == Counter() and tfidf.pieces("") == Counter()


def _toy() -> EmotionWordingHead:
    """Two keys: the word "yay" pushes to joy, the piece "gr" to anger; both kinds read."""
    vocabulary = (f"{tfidf.WORD_MARK}yay", "gr")
    weights = np.zeros((7, 2), np.float32)
    weights[0, 0] = 3.0
    weights[3, 1] = 2.0
    return EmotionWordingHead(vocabulary, np.array([2.0, 1.0], np.float32), weights,
                              np.zeros(7, np.float32), 1.0, ("words", "pieces"), {})


def test_each_kind_of_feature_is_scaled_to_unit_length_on_its_own() -> None:
    head = _toy()
    columns, values = head.features("yay yay grr")
    # "yay" twice: (1 + ln 2) * 2, alone in its kind -> 1; "gr" once in "grr": alone -> 1
    assert dict(zip(columns, values, strict=True)) == pytest.approx({0: 1.0, 1: 1.0})
    assert head.features("nothing known") == ([], [])


def test_probabilities_are_the_softmax_of_the_weighted_features() -> None:
    head = _toy()
    logits = np.zeros(7)
    logits[0], logits[3] = 3.0, 2.0
    expected = np.exp(logits) / np.exp(logits).sum()
    assert head.probabilities(["yay grr"])[0] == pytest.approx(expected, abs=1e-6)
    assert head.probabilities(["zzz"])[0] == pytest.approx([1 / 7] * 7, abs=1e-6)


def test_a_head_written_and_read_back_is_the_same(tmp_path: Path) -> None:
    head = _toy()
    save_head(tmp_path / "w.npz", head)
    back = read_head(tmp_path / "w.npz")
    assert back.vocabulary == head.vocabulary and back.kinds == head.kinds
    assert np.array_equal(back.weights, head.weights) and np.array_equal(back.idf, head.idf)


def test_a_file_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    head = _toy()
    save_head(tmp_path / "short.npz", replace(head, vocabulary=head.vocabulary[:1]))
    with pytest.raises(ValueError, match="vocabulary"):
        read_head(tmp_path / "short.npz")
    save_head(tmp_path / "kinds.npz", replace(head, kinds=("letters",)))
    with pytest.raises(ValueError, match="kinds"):
        read_head(tmp_path / "kinds.npz")


def test_the_packaged_head_loads_once_and_is_small_and_well_formed() -> None:
    assert wording.model_path().stat().st_size < 2_000_000
    head = wording.load_head()
    assert wording.load_head() is head
    assert head.weights.shape == (len(FAMILIES), len(head.vocabulary)) and head.temperature > 0
    assert head.kinds and set(head.kinds) <= set(tfidf.KINDS)
    assert head.meta["counts"]["own"] >= 1500


@pytest.mark.parametrize("text", list(ODD.values()), ids=list(ODD))
def test_odd_texts_give_finite_probabilities_that_sum_to_one(text: str) -> None:
    probs = wording.load_head().probabilities([text])
    assert probs.shape == (1, len(FAMILIES))
    assert np.isfinite(probs).all() and probs.sum() == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("text", list(ODD.values()), ids=list(ODD))
def test_odd_texts_do_not_trouble_the_reader(text: str) -> None:
    found = detect(text)
    assert found and all(e.family in FAMILIES and math.isfinite(e.score) for e in found)


def test_the_same_text_gets_the_same_answer() -> None:
    texts = [text for text, _ in training_lines().values()]
    head = wording.load_head()
    first = head.probabilities(texts)
    assert np.array_equal(first, head.probabilities(texts))
    assert np.array_equal(first, read_head(wording.model_path()).probabilities(texts))
    assert np.allclose(first.sum(axis=1), 1.0, atol=1e-5)
    assert detect_many(texts) == detect_many(texts)


@pytest.mark.parametrize(("line_id", "family"), list(TRAINING_IDS.items()))
def test_clear_training_lines_read_their_family(line_id: str, family: str) -> None:
    text, families = training_lines()[line_id]
    assert families == [family]  # the data file still says what this test expects
    probs = wording.load_head().probabilities([text])[0]
    assert FAMILIES[int(probs.argmax())] == family


def test_the_reader_averages_the_two_heads_by_the_wording_weight(monkeypatch: pytest.MonkeyPatch) -> None:
    head = load_head()
    texts = ["unit one here", "unit two here"]
    rows = np.zeros((2, head.weights.shape[1]), np.float32)
    alone = emotion_model.head_probabilities(rows, [None, None], replace(head, combine={
        **head.combine, "wording_weight": 0.0}), texts=texts)
    words = emotion_model.wording_probabilities(texts, [None, None])
    half = emotion_model.head_probabilities(rows, [None, None], replace(head, combine={
        **head.combine, "wording_weight": 0.5}), texts=texts)
    assert half == pytest.approx(0.5 * alone + 0.5 * words)
    assert np.allclose(half.sum(axis=1), 1.0)


def test_a_contrast_tail_is_averaged_in_as_for_the_embedding_head() -> None:
    head = wording.load_head()
    both = emotion_model.wording_probabilities(["first part", "plain"], ["second part", None], head)
    expected = 0.5 * head.probabilities(["first part"])[0] + 0.5 * head.probabilities(["second part"])[0]
    assert both[0] == pytest.approx(expected, abs=1e-6)
    assert both[1] == pytest.approx(head.probabilities(["plain"])[0], abs=1e-6)
