"""The coach's learned head: its file, its arithmetic, and a few clear drafts it has never seen.

The drafts here are not in data/train (checked below), so they test new text, not replayed
training lines.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from support import training_texts

from nearer.analysis.coach_head import KINDS, CoachHead, load_head, model_path, read_head, save_head
from nearer.analysis.coach_model import cached_embed, head_flags, pieces, word_probabilities

ROOT = Path(__file__).resolve().parents[2]
CLEAR = {
    "Lay one finger on my records again and I will break both your arms.": "threat",
    "Oh bravo, you managed to boil pasta without burning the flat down, a true chef.": "contempt",
    "Could we sit down on Saturday morning and plan the grocery budget together?": None,
    "Thank you for staying up with the baby last night, I slept like a log.": None,
}
# The writer's own distress is the safety detector's business, not a threat to the partner; the
# round-1 head called both of these `threat` (0.99) and the coach reported it.
OWN_DISTRESS = ("i want to disappear", "i just wanna die")


def test_test_drafts_are_not_training_lines() -> None:
    lines = training_texts("coach_train", "coach_dev")
    assert not {t.lower() for t in CLEAR} & lines
    assert not {t.lower() for t in OWN_DISTRESS} & lines


def test_packaged_head_is_small_loads_once_and_is_well_formed() -> None:
    assert model_path().stat().st_size < 2_000_000
    head = load_head()
    assert load_head() is head
    assert head.weights.shape == (7, 384) and head.bias.shape == (7,)
    assert head.scale.shape == (7,) and head.shift.shape == (7,)
    assert set(head.thresholds) == set(KINDS) and all(0.1 <= t < 1 for t in head.thresholds.values())
    counts = head.meta["counts"]
    assert all(counts[k] >= 400 for k in KINDS) and counts["gentle"] >= 1500


def test_probabilities_are_platt_scaled_sigmoids() -> None:
    # Zero weights: z = bias * scale + shift; bias 0, scale 1, shift ln 3 -> p = 3/4 for any input.
    head = CoachHead(np.zeros((7, 384), np.float32), np.zeros(7, np.float32), np.ones(7, np.float32),
                     np.full(7, math.log(3), np.float32), dict.fromkeys(KINDS, 0.8), {})
    probs = head.probabilities(np.random.default_rng(0).normal(size=(3, 384)).astype(np.float32))
    assert probs.shape == (3, 7)
    assert np.allclose(probs, 0.75, atol=1e-6)
    assert head.kinds_over(probs[0]) == []  # 0.75 is under every 0.8 threshold


def test_save_and_read_round_trip_and_bad_files_are_refused(tmp_path: Path) -> None:
    head = load_head()
    path = tmp_path / "coach.npz"
    save_head(path, head)
    again = read_head(path)
    assert np.array_equal(again.weights, head.weights) and again.thresholds == head.thresholds
    bad = tmp_path / "bad.npz"
    np.savez(bad, weights=np.zeros((3, 384)), bias=np.zeros(3), scale=np.zeros(3), shift=np.zeros(3),
             settings=np.array(json.dumps({"kinds": list(KINDS), "thresholds": {}})))
    with pytest.raises(ValueError, match="expected 7 kinds"):
        read_head(bad)


def test_pieces_are_the_whole_short_draft_else_pairs_then_each_sentence_of_a_long_one() -> None:
    short = "  You never call. I waited all night!  "
    assert [short[s:e] for s, e in pieces(short)] == ["You never call. I waited all night!"]
    three = "You never call. I waited all night. The kettle went cold."
    assert [three[s:e] for s, e in pieces(three)] == [
        "You never call. I waited all night.", "I waited all night. The kettle went cold."]
    text = "You never call. " + "I waited all night by the phone and the kettle went cold. " * 5
    found = [text[s:e] for s, e in pieces(text)]
    # five pairs of neighbouring sentences (never the whole draft), then the six sentences
    assert found[0] == "You never call. I waited all night by the phone and the kettle went cold."
    assert len(found) == 11 and found[5] == "You never call." and text.strip() not in found
    one = "just one line"
    assert [one[s:e] for s, e in pieces(one)] == [one]
    assert pieces("   ") == []


def test_same_draft_same_probabilities() -> None:
    texts = list(CLEAR)
    first = load_head().probabilities(cached_embed(texts))
    second = load_head().probabilities(cached_embed(list(reversed(texts))))[::-1]
    assert np.allclose(first, second, atol=1e-6)


@pytest.mark.parametrize(("draft", "kind"), list(CLEAR.items()))
def test_clear_unseen_drafts(draft: str, kind: str | None) -> None:
    found = {f.kind for f in head_flags(draft)}
    if kind is None:
        assert found == set()
    else:
        assert kind in found


@pytest.mark.parametrize("draft", OWN_DISTRESS)
def test_the_writers_own_distress_is_not_called_a_threat(draft: str) -> None:
    from nearer.analysis.coach import analyze

    assert "threat" not in analyze(draft).kinds


def test_the_wording_head_is_small_and_well_formed() -> None:
    from nearer.analysis.coach import wording

    assert wording.model_path().stat().st_size < 2_000_000
    head = wording.load_head()
    assert head.weights.shape == (len(KINDS), len(head.vocabulary)) == (7, len(head.idf))
    p = head.probabilities(["you never listen", "thanks for dinner love"])
    assert p.shape == (2, len(KINDS)) and ((p > 0) & (p < 1)).all()


def test_the_coach_reads_the_mean_of_both_heads() -> None:
    # A wording head that knows no word gives every kind sigmoid(bias): here 0.8 for blame and
    # 0.0 (to float precision) for the rest; the coach's probability is the mean with the head of
    # meaning's for the same piece, checked against both heads read apart.
    from nearer.analysis.coach import wording

    bias = np.full(len(KINDS), -40.0, dtype=np.float32)
    bias[KINDS.index("blame")] = math.log(0.8 / 0.2)
    blank = wording.CoachWording(("\tzzz",), np.ones(1, np.float32),
                                 np.zeros((len(KINDS), 1), np.float32), bias, {})
    draft = "Whatever, it was your idea to go to your mum's anyway."
    meaning = load_head().probabilities(cached_embed([draft]))[0]
    with wording.use_head(blank):
        combined = wording.combine(meaning[None, :], word_probabilities(draft))[0]
    assert combined[KINDS.index("blame")] == pytest.approx((meaning[KINDS.index("blame")] + 0.8) / 2)
    assert combined[KINDS.index("contempt")] == pytest.approx(meaning[KINDS.index("contempt")] / 2)


@pytest.mark.parametrize(
    ("at_them", "about_me"),
    [
        ("You always forget to ring when you'll be late.", "I always forget to ring when I'll be late, sorry."),
        ("It's your fault we missed the train, again.", "It's my fault we missed the train, sorry love."),
    ],
)
def test_the_wording_head_reads_who_the_words_are_about(at_them: str, about_me: str) -> None:
    # The same words pointed at the partner and at the writer: the embeddings sit close together,
    # the words do not ("you always" / "i always", "your fault" / "my fault").
    from nearer.analysis.coach import wording

    harsh = [KINDS.index(k) for k in ("blame", "criticism")]
    at, me = wording.load_head().probabilities([at_them, about_me])
    assert max(at[harsh]) > 0.5 > max(me[harsh])
