"""The emotion reader's learned head: its file, its arithmetic, and clear lines it has never seen.

The lines here are not in data/train (checked below), so they test new text. A joy line that
never names the feeling ("We signed the lease ... and popped a bottle of fizz") reads neutral to
the head alone; MODEL_CARD.md lists it under weak spots rather than hiding it here.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from support import training_texts

from nearer.analysis.embeddings import embed
from nearer.analysis.emotion_head import (
    FAMILIES,
    EmotionHead,
    load_head,
    model_path,
    read_head,
    save_head,
)

ROOT = Path(__file__).resolve().parents[2]
CLEAR = {
    "I'm absolutely thrilled, the adoption panel said yes this morning!": "joy",
    "My chest went tight all evening thinking about tomorrow's biopsy.": "fear",
    "I shouted at my son over a spilt drink and I can't stop cringing at myself.": "shame",
    "Renewed the bus pass, then hung the washing out.": "neutral",
}


def test_test_lines_are_not_training_lines() -> None:
    lines = training_texts("emotions_train", "emotions_dev")
    assert not {t.lower() for t in CLEAR} & lines


def test_families_match_the_emotion_reader() -> None:
    from nearer.analysis import emotions

    assert emotions.FAMILIES == FAMILIES


def test_packaged_head_is_small_loads_once_and_is_well_formed() -> None:
    assert model_path().stat().st_size < 2_000_000
    head = load_head()
    assert load_head() is head
    assert head.weights.shape == (7, 384) and head.bias.shape == (7,) and head.temperature > 0
    assert set(head.thresholds) == set(FAMILIES) and all(0 < t < 1 for t in head.thresholds.values())
    assert head.meta["counts"]["own"] >= 1500


def test_probabilities_are_a_temperature_softmax() -> None:
    # Zero weights, bias ln(2) on joy and 0 elsewhere, temperature 1: joy 2/8, others 1/8 each.
    bias = np.zeros(7, np.float32)
    bias[0] = math.log(2)
    head = EmotionHead(np.zeros((7, 384), np.float32), bias, 1.0, dict.fromkeys(FAMILIES, 0.2), {})
    probs = head.probabilities(np.ones((2, 384), np.float32))
    assert np.allclose(probs[:, 0], 2 / 8) and np.allclose(probs[:, 1:], 1 / 8)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert head.families_over(probs[0]) == [("joy", pytest.approx(0.25))]


def test_save_and_read_round_trip_and_bad_files_are_refused(tmp_path: Path) -> None:
    head = load_head()
    save_head(tmp_path / "e.npz", head)
    again = read_head(tmp_path / "e.npz")
    assert np.array_equal(again.weights, head.weights) and again.temperature == head.temperature
    bad = tmp_path / "bad.npz"
    np.savez(bad, weights=np.zeros((7, 384)), bias=np.zeros(7),
             settings=np.array(json.dumps({"families": ["joy"], "temperature": 1, "thresholds": {}})))
    with pytest.raises(ValueError, match="families differ"):
        read_head(bad)


def test_same_line_same_probabilities() -> None:
    texts = list(CLEAR)
    first = load_head().probabilities(embed(texts))
    second = load_head().probabilities(embed(texts))
    assert np.array_equal(first, second)


@pytest.mark.parametrize(("line", "family"), list(CLEAR.items()))
def test_clear_unseen_lines(line: str, family: str) -> None:
    probs = load_head().probabilities(embed([line]))[0]
    assert FAMILIES[int(probs.argmax())] == family
