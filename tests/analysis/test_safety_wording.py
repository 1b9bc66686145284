"""The safety wording head: its pieces of letters, its arithmetic, its file, and how it joins the
rules and the meaning head.

Sentences here are not in data/train (checked below), so they test new text.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from support import training_texts

from nearer.analysis.safety import assess, wording
from nearer.analysis.safety import semantic as meaning_semantic
from nearer.analysis.safety.model import SafetyHead, use_head
from nearer.analysis.safety.wording import WordingHead, pieces, read_head, save_head

ROOT = Path(__file__).resolve().parents[2]
ORDINARY = "He scrolled his phone through dinner again and I went to bed feeling invisible."


def test_test_sentences_are_not_training_lines() -> None:
    lines = training_texts("safety_train", "safety_dev")
    assert ORDINARY.lower() not in lines


def test_pieces_are_the_runs_of_two_to_five_letters_of_each_padded_word() -> None:
    # " ab " gives " a", "ab", "b ", " ab", "ab ", " ab " (the 5-letter run does not fit)
    assert pieces("AB") == Counter({" a": 1, "ab": 1, "b ": 1, " ab": 1, "ab ": 1, " ab ": 1})
    # words split at any run of white space, pieces never cross a word
    assert pieces("ab  ab\nab") == Counter({k: 3 for k in pieces("ab")})
    assert not any(" " in p.strip() for p in pieces("ab cd"))


def test_coded_spellings_and_curly_quotes_read_as_the_letters_they_stand_for() -> None:
    assert pieces("k!ll") == pieces("kill")
    assert pieces("won\u2019t") == pieces("won't")


def _toy(thresholds: dict[str, float] | None = None) -> WordingHead:
    """Three pieces: "ab" pushes to self_harm, "cd" to violence, "lu" (of "lunch") to none."""
    vocabulary = ("ab", "cd", "lu")
    idf = np.array([2.0, 1.0, 1.0], np.float32)
    weights = np.array([[0.0, 0.0, 3.0], [3.0, 0.0, 0.0], [0.0, 3.0, 0.0]], np.float32)
    return WordingHead(vocabulary, idf, weights, np.zeros(3, np.float32), 1.0,
                       thresholds or {"self_harm": 0.5, "violence": 0.5}, {})


def test_features_are_tf_idf_of_known_pieces_scaled_to_unit_length() -> None:
    head = _toy()
    # "ab ab cd": "ab" twice -> (1 + ln 2) * 2; "cd" once -> 1 * 1; unknown pieces ignored
    columns, values = head.features("ab ab cd")
    raw = {0: (1 + math.log(2)) * 2.0, 1: 1.0}
    norm = math.hypot(*raw.values())
    assert dict(zip(columns, values, strict=True)) == pytest.approx({c: v / norm for c, v in raw.items()})
    assert head.features("zzz") == ([], [])


def test_probabilities_are_the_softmax_of_the_weighted_features() -> None:
    head = _toy()
    (p,) = head.probabilities(["ab"])
    # only "ab" is known: its value is 1 after scaling; logits (0, 3, 0)
    expected = np.exp([0.0, 3.0, 0.0]) / np.exp([0.0, 3.0, 0.0]).sum()
    assert p == pytest.approx(expected, abs=1e-6)
    (nothing,) = head.probabilities(["zzz"])
    assert nothing == pytest.approx([1 / 3] * 3, abs=1e-6)


def test_a_head_written_and_read_back_is_the_same(tmp_path: Path) -> None:
    head = _toy({"self_harm": 0.7, "violence": 0.8})
    save_head(tmp_path / "w.npz", head)
    back = read_head(tmp_path / "w.npz")
    assert back.vocabulary == head.vocabulary and back.thresholds == head.thresholds
    assert np.array_equal(back.weights, head.weights) and np.array_equal(back.idf, head.idf)


def test_a_file_whose_weights_do_not_fit_its_vocabulary_is_refused(tmp_path: Path) -> None:
    head = _toy()
    bad = WordingHead(("ab",), head.idf[:1], head.weights, head.bias, 1.0, head.thresholds, {})
    save_head(tmp_path / "bad.npz", bad)
    with pytest.raises(ValueError, match="vocabulary"):
        read_head(tmp_path / "bad.npz")


def test_the_packaged_head_is_small_and_loads_once() -> None:
    assert wording.model_path().stat().st_size < 2_000_000
    head = wording.load_head()
    assert wording.load_head() is head
    assert head.weights.shape == (3, len(head.vocabulary))
    assert set(head.thresholds) == {"self_harm", "violence"}


def _silent_meaning_head() -> SafetyHead:
    """A meaning head that never fires, so what fires is the wording head's or a rule's."""
    return SafetyHead(np.zeros((3, 384), np.float32), np.array([9.0, 0.0, 0.0], np.float32), 1.0,
                      {"self_harm": 0.99, "violence": 0.99}, np.zeros(384, np.float32), -9.0,
                      0.5, {})


def test_where_only_the_wording_head_fires_it_names_itself_its_sentence_and_confidence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    meaning_semantic.clear_cache()
    text = "Lunch was fine. abab abab abab."
    with use_head(_silent_meaning_head()), wording.use_head(_toy()):
        result = assess(text)
    meaning_semantic.clear_cache()
    assert result.kinds == ("self_harm",) and result.level == "concern"
    (match,) = result.matches
    assert match.source == "model" and match.quote == "abab abab abab."
    assert "wording model" in match.reason and "% confident" in match.reason
    assert any(f.startswith("wording model: reads like self-harm") for f in result.fired)


def test_violence_only_the_wording_head_reads_is_the_writer_being_harmed_by_default(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    meaning_semantic.clear_cache()
    with use_head(_silent_meaning_head()), wording.use_head(_toy()):
        result = assess("We talked for ages. cdcd cdcd again.")
    meaning_semantic.clear_cache()
    assert result.kinds == ("violence",) and result.who == ("writer_harmed",)


def test_below_its_threshold_the_wording_head_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    meaning_semantic.clear_cache()
    strict = _toy({"self_harm": 0.999, "violence": 0.999})
    with use_head(_silent_meaning_head()), wording.use_head(strict):
        result = assess("Lunch was fine. abab abab abab.")
    meaning_semantic.clear_cache()
    assert not result.flagged


def test_rules_only_reading_never_asks_the_wording_head(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    with use_head(_silent_meaning_head()), wording.use_head(_toy()):
        assert not assess("Lunch was fine. abab abab abab.", deep=False).flagged


def test_an_ordinary_sad_entry_reads_as_no_danger() -> None:
    assert not assess(ORDINARY).flagged


def test_a_unit_is_read_once_per_head_and_forgotten_when_the_cache_is_cleared(
        monkeypatch: pytest.MonkeyPatch) -> None:
    head, other = _toy(), _toy()
    calls: list[str] = []
    features = WordingHead.features

    def counting(self: WordingHead, text: str) -> tuple[list[int], list[float]]:
        calls.append(text)
        return features(self, text)

    monkeypatch.setattr(WordingHead, "features", counting)
    wording.clear_cache()
    first = head.unit_probabilities(["abab abab", "cdcd"])
    assert head.unit_probabilities(["cdcd", "abab abab"]) == first[::-1]
    assert calls == ["abab abab", "cdcd"]  # the second reading came from the cache
    other.unit_probabilities(["cdcd"])  # another head reads for itself
    assert calls[-1] == "cdcd" and len(calls) == 3
    wording.clear_cache()
    head.unit_probabilities(["cdcd"])
    assert len(calls) == 4
    assert first[0] == pytest.approx(tuple(head.probabilities(["abab abab"])[0]))
