"""The safety detector's nearest-lines reader (neighbours.py): its arithmetic, its file, when it
may speak, and how it joins the rules and the two heads.

Sentences here are not in data/train (checked below), so they test new text.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
from support import training_texts

from nearer.analysis.safety import assess, neighbours, wording
from nearer.analysis.safety import semantic as meaning_semantic
from nearer.analysis.safety.model import SafetyHead, use_head
from nearer.analysis.safety.neighbours import Neighbours, build, read, save

SIDEWAYS = "Left the good tent and both rods in Tomasz's garage with a note saying keep them."
OTHER = "Tomasz and I argued about the thermostat again and then watched the match."


def test_test_sentences_are_not_training_lines() -> None:
    lines = training_texts("safety_train", "safety_dev")
    assert SIDEWAYS.lower() not in lines and OTHER.lower() not in lines


def _toy(k: int = 1, thresholds: dict[str, float] | None = None) -> Neighbours:
    """Two directions of a three-wide space; rows by class: none (1, 0) and (0.6, -0.8),
    self_harm (0, 1), violence (-1, 0)."""
    basis = np.array([[1, 0, 0], [0, 1, 0]], np.float32)
    rows = np.array([[1, 0], [0.6, -0.8], [0, 1], [-1, 0]], np.float32)
    return Neighbours(basis, rows, (0, 2, 3, 4), k, thresholds or {"self_harm": 0.1,
                                                                  "violence": 0.1},
                      {"self_harm": (10.0, -1.0), "violence": (10.0, -1.0)}, 0.0, {})


def test_a_score_is_the_kinds_nearest_minus_the_nearest_of_the_other_classes() -> None:
    # (3, 4, 5) projects to (3, 4), unit length (0.6, 0.8): similarity 0.6 and -0.28 to the none
    # rows, 0.8 to self_harm, -0.6 to violence. K = 1: self_harm 0.8 - max(0.6, -0.6) = 0.2;
    # violence -0.6 - max(0.6, 0.8) = -1.4.
    scores = _toy().scores(np.array([[3, 4, 5]], np.float32))
    assert scores[0].tolist() == pytest.approx([0.2, -1.4])


def test_with_k_two_the_nearest_of_a_class_are_averaged() -> None:
    # K = 2 (a class with one row uses it alone): none (0.6 + -0.28) / 2 = 0.16, self_harm 0.8,
    # violence -0.6: self_harm 0.8 - 0.16 = 0.64; violence -0.6 - 0.8 = -1.4.
    scores = _toy(k=2).scores(np.array([[0.6, 0.8, 0.0]], np.float32))
    assert scores[0].tolist() == pytest.approx([0.64, -1.4])


def test_no_rows_in_no_rows_out() -> None:
    assert _toy().scores(np.zeros((0, 3), np.float32)).shape == (0, 2)


def test_confidence_is_the_logistic_fit_of_the_score() -> None:
    assert _toy().confidence("self_harm", 0.2) == pytest.approx(1 / (1 + math.exp(-(10 * 0.2 - 1))))


def test_it_speaks_only_where_the_kind_head_leans_that_way() -> None:
    index = dataclasses.replace(_toy(), meaning_floor=0.2)
    assert index.admits(0.3, 0.1)
    assert not index.admits(0.3, 0.4)  # the head leans to the other kind
    assert not index.admits(0.15, 0.01)  # below the floor


def test_build_sorts_rows_by_class_projects_them_and_cuts_them_to_int8() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(12, 5)).astype(np.float32)
    labels = np.array([2, 0, 1, 0, 2, 1, 0, 0, 1, 2, 0, 0])
    index = build(vectors, labels, 3, 2, {"self_harm": 0.1, "violence": 0.2},
                  {"self_harm": (1.0, 0.0), "violence": (1.0, 0.0)}, 0.0, {"note": "toy"})
    assert index.basis.shape == (3, 5) and index.rows.shape == (12, 3)
    assert index.starts == (0, 6, 9, 12)
    assert np.allclose(np.linalg.norm(index.rows, axis=1), 1.0, atol=3 / neighbours.SCALE)
    assert np.allclose(index.rows * neighbours.SCALE, np.round(index.rows * neighbours.SCALE))
    # the basis holds orthonormal directions
    assert np.allclose(index.basis @ index.basis.T, np.eye(3), atol=1e-5)
    # the none rows come first, in their original order
    none_first = index.project(vectors[labels == 0])
    assert np.allclose(index.rows[:6], none_first, atol=1 / neighbours.SCALE)


def test_save_and_read_give_the_same_index(tmp_path: Path) -> None:
    index = _toy(k=3, thresholds={"self_harm": 0.05, "violence": 0.07})
    save(tmp_path / "n.npz", index)
    back = read(tmp_path / "n.npz")
    assert back.starts == index.starts and back.k == 3
    assert back.thresholds == {"self_harm": 0.05, "violence": 0.07}
    assert back.calibration == index.calibration and back.meaning_floor == 0.0
    assert np.allclose(back.rows, index.rows, atol=1 / neighbours.SCALE)
    with np.load(tmp_path / "n.npz") as data:
        assert data["rows"].dtype == np.int8


def test_a_file_whose_rows_do_not_match_its_settings_is_refused(tmp_path: Path) -> None:
    index = _toy()
    broken = Neighbours(index.basis, index.rows, (0, 2, 3, 9), 1, index.thresholds,
                        index.calibration, 0.0, {})
    save(tmp_path / "bad.npz", broken)
    with pytest.raises(ValueError, match="rows do not match"):
        read(tmp_path / "bad.npz")


def test_the_packaged_index_is_small_and_loads_once() -> None:
    path = Path(str(neighbours.packaged_path(neighbours.MODEL_FILE)))
    assert path.stat().st_size < 2_000_000
    index = neighbours.load()
    assert neighbours.load() is index
    assert index.rows.shape == (index.starts[-1], index.basis.shape[0])
    assert all(0 < t < 1 for t in index.thresholds.values())


def _meaning_head(lean: str) -> SafetyHead:
    """A meaning head that never reaches its own thresholds and leans to one kind everywhere."""
    bias = np.array([2.0, 1.0, 0.0] if lean == "self_harm" else [2.0, 0.0, 1.0], np.float32)
    return SafetyHead(np.zeros((3, 384), np.float32), bias, 1.0,
                      {"self_harm": 0.99, "violence": 0.99}, np.zeros(384, np.float32), -9.0,
                      0.5, {})


def _silent_words() -> wording.WordingHead:
    return wording.WordingHead(("zz",), np.ones(1, np.float32), np.zeros((3, 1), np.float32),
                               np.array([9.0, 0.0, 0.0], np.float32), 1.0,
                               {"self_harm": 0.99, "violence": 0.99}, {})


def _index_around(text: str, kind: str) -> Neighbours:
    """Real embeddings: `text` itself as a line of `kind`, OTHER as the only safe line."""
    from nearer.analysis.embeddings import embed

    vectors = embed([text, OTHER, "The bus was late so I walked the long way home."])
    labels = np.array([1 if kind == "self_harm" else 2, 0, 2 if kind == "self_harm" else 1])
    return build(vectors, labels, 3, 1, {"self_harm": 0.05, "violence": 0.05},
                 {"self_harm": (10.0, 0.0), "violence": (10.0, 0.0)}, 0.0, {})


def _assess_with(index: Neighbours, lean: str, text: str, monkeypatch: pytest.MonkeyPatch
                 ) -> object:
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    meaning_semantic.clear_cache()
    try:
        with use_head(_meaning_head(lean)), wording.use_head(_silent_words()), \
                neighbours.use(index):
            return assess(text)
    finally:
        meaning_semantic.clear_cache()


def test_where_only_the_nearest_lines_read_it_they_name_themselves_and_their_sentence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"Quiet Sunday. {SIDEWAYS}"
    result = _assess_with(_index_around(SIDEWAYS, "self_harm"), "self_harm", text, monkeypatch)
    assert result.kinds == ("self_harm",) and result.level == "concern"  # type: ignore[attr-defined]
    (match,) = result.matches  # type: ignore[attr-defined]
    assert match.source == "model" and match.quote == SIDEWAYS
    assert match.who == "writer_self_harm"
    assert "nearest lines" in match.reason and "% confident" in match.reason
    assert any(f.startswith("nearest lines: reads like self-harm")
               for f in result.fired)  # type: ignore[attr-defined]


def test_the_nearest_lines_stay_quiet_where_the_kind_head_leans_the_other_way(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"Quiet Sunday. {SIDEWAYS}"
    result = _assess_with(_index_around(SIDEWAYS, "self_harm"), "violence", text, monkeypatch)
    assert not result.flagged  # type: ignore[attr-defined]


def test_violence_only_the_nearest_lines_read_is_the_writer_being_harmed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    result = _assess_with(_index_around(SIDEWAYS, "violence"), "violence", SIDEWAYS, monkeypatch)
    assert result.kinds == ("violence",)  # type: ignore[attr-defined]
    assert result.who == ("writer_harmed",)  # type: ignore[attr-defined]


def test_a_safe_sentence_far_from_every_line_of_a_kind_is_left_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    result = _assess_with(_index_around(SIDEWAYS, "self_harm"), "self_harm", OTHER, monkeypatch)
    assert not result.flagged  # type: ignore[attr-defined]


def test_with_the_reader_off_nothing_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "0")
    with neighbours.use(_index_around(SIDEWAYS, "self_harm")):
        assert not assess(SIDEWAYS).flagged


def test_it_reads_only_units_of_six_words_or_more() -> None:
    assert not Neighbours.long_enough("A walk by the river.")
    assert Neighbours.long_enough("A long walk by the river.")


def test_a_short_unit_near_lines_of_a_kind_is_left_to_the_heads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    short = "Walked along the river."
    result = _assess_with(_index_around(short, "self_harm"), "self_harm", short, monkeypatch)
    assert not result.flagged  # type: ignore[attr-defined]
