"""The learned safety head: its file, its arithmetic, and how its verdicts join the rules'.

Sentences here are not in data/train (checked by test_test_sentences_are_not_training_lines), so
they test new text, not replayed tuning data.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from nearer.analysis.safety_model import (
    CLASSES,
    SafetyHead,
    load_head,
    model_path,
    read_head,
    save_head,
    use_head,
)
from support import training_texts

from nearer.analysis import safety_semantic
from nearer.analysis.safety import (
    WRITER_HARMED,
    WRITER_SELF_HARM,
    WRITER_THREATENS,
    assess,
)

ROOT = Path(__file__).resolve().parents[2]
THREAT = "If you walk out on me tonight I will hurt you, believe me."
HARMED = "When he drinks he shoves me into the doorframe and says worse is coming."
SELF = "I have been quietly saving up my tablets and I know when I will take them."
MODEL_ONLY = ("The weather was grey all week. "
    "I've started sleeping in the kids' room with the door locked because of his temper.")
# Passive wishes worded like stonewalling: the coach's harsh drafts are taught to the head as
# none ("I'm done talking", "leave me alone"), and these must still read as self-harm to it.
PASSIVE_NEAR_STONEWALLING = (
    "I'm done. I can't do this anymore and I don't want to wake up tomorrow.",
    "I can't anymore. Everyone would be better off without me.",
    "i'm so done with everything, i just want to go to sleep and never wake up",
)
TEST_SENTENCES = (THREAT, HARMED, SELF, MODEL_ONLY, *PASSIVE_NEAR_STONEWALLING)


def test_test_sentences_are_not_training_lines() -> None:
    lines = training_texts("safety_train", "safety_dev")
    assert not {t.lower() for t in TEST_SENTENCES} & lines


def test_packaged_head_is_small_loads_once_and_is_well_formed() -> None:
    assert model_path().stat().st_size < 2_000_000
    head = load_head()
    assert load_head() is head  # read once per process
    assert head.weights.shape == (3, 384) and head.who_weights.shape == (384,)
    assert all(0.3 <= t < 1 for t in head.thresholds.values()) and 0 < head.who_threshold < 1
    assert head.meta["counts"]["self_harm"] >= 1000 and head.meta["counts"]["none"] >= 2000


def test_probabilities_are_a_temperature_softmax(tmp_path: Path) -> None:
    # Zero weights, bias (0, ln 3, 0), temperature 1: softmax = (1/5, 3/5, 1/5) for any input.
    head = SafetyHead(np.zeros((3, 384), np.float32), np.array([0, math.log(3), 0], np.float32),
                      1.0, {"self_harm": 0.5, "violence": 0.5}, np.zeros(384, np.float32), 0.0,
                      0.5, {})
    probs = head.probabilities(np.ones((2, 384), np.float32))
    assert np.allclose(probs, [[0.2, 0.6, 0.2]] * 2, atol=1e-6)
    # Temperature 2 halves the logits: (1, sqrt 3, 1) / (2 + sqrt 3).
    hot = SafetyHead(head.weights, head.bias, 2.0, head.thresholds, head.who_weights, 0.0, 0.5, {})
    s3 = math.sqrt(3)
    assert np.allclose(hot.probabilities(np.ones((1, 384), np.float32))[0],
                       [1 / (2 + s3), s3 / (2 + s3), 1 / (2 + s3)], atol=1e-6)
    assert np.allclose(head.threatens(np.ones((1, 384), np.float32)), [0.5])
    path = tmp_path / "h.npz"
    save_head(path, head)
    again = read_head(path)
    assert np.allclose(again.probabilities(np.ones((1, 384), np.float32)), probs[:1])
    assert again.thresholds == head.thresholds


def test_a_head_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    bad = SafetyHead(np.zeros((2, 384), np.float32), np.zeros(2, np.float32), 1.0,
                     {"self_harm": 0.5, "violence": 0.5}, np.zeros(384, np.float32), 0.0, 0.5, {})
    save_head(tmp_path / "bad.npz", bad)
    with pytest.raises(ValueError, match="3 classes"):
        read_head(tmp_path / "bad.npz")


def test_who_is_at_risk() -> None:
    threat = assess(THREAT)
    assert threat.kinds == ("violence",) and threat.who == (WRITER_THREATENS,) and threat.threatens
    harmed = assess(HARMED)
    assert "violence" in harmed.kinds and WRITER_HARMED in harmed.who and not harmed.threatens
    self = assess(SELF)
    assert self.kinds == ("self_harm",) and self.who == (WRITER_SELF_HARM,)


def test_rules_alone_tell_a_threat_by_the_writer_from_one_against_them() -> None:
    assert assess("i swear ill stab him if he comes near us", deep=False).threatens
    assert not assess("he swore he would stab me if I left", deep=False).threatens


def test_every_result_names_what_fired() -> None:
    rules = assess(THREAT, deep=False)
    assert rules.fired and all(f.startswith("rule: ") for f in rules.fired)
    both = assess(HARMED)
    assert any(f.startswith("rule: ") for f in both.fired)
    assert any(f.startswith("model: reads like violence") for f in both.fired)
    assert assess("We planted tulips along the fence today.").fired == ()


def test_where_only_the_model_fires_it_names_its_best_sentence_and_confidence() -> None:
    result = assess(MODEL_ONLY)
    assert result.level == "concern" and result.kinds == ("violence",)
    (match,) = result.matches
    assert match.source == "model"
    assert match.quote == "I've started sleeping in the kids' room with the door locked because of his temper."
    assert MODEL_ONLY[match.start:match.end] == match.quote
    assert match.reason.startswith("reads like violence or abuse language (model, ")
    assert match.reason.endswith("% confident)")
    assert not assess(MODEL_ONLY, deep=False).flagged


def test_a_swapped_head_decides_alone() -> None:
    # A head that always says "none" with certainty: only the rules can flag.
    never = SafetyHead(np.zeros((3, 384), np.float32), np.array([50, 0, 0], np.float32), 1.0,
                       {"self_harm": 0.5, "violence": 0.5}, np.zeros(384, np.float32), 0.0, 0.5,
                       {})
    safety_semantic.clear_cache()
    try:
        with use_head(never):
            assert not assess(MODEL_ONLY).flagged
            assert assess(THREAT).flagged  # the rules still fire
    finally:
        safety_semantic.clear_cache()
    assert assess(MODEL_ONLY).flagged


@pytest.mark.parametrize("text", [
    "I would never lay a hand on you, you know that.",
    "She grabbed me a seat near the front at the concert.",
    "He beat me at backgammon three nights running.",
])
def test_frames_the_head_blurs_are_left_to_the_rules(text: str) -> None:
    assert not assess(text).flagged


def test_classes_are_in_the_trained_order() -> None:
    assert CLASSES == ("none", "self_harm", "violence")


def test_one_word_alone_is_not_judged_by_the_model() -> None:
    """A single token (a code, a name, a test marker) carries no meaning to judge; before this
    floor the head read "canaryPAGEBIDqz" as violence at 52 %. Two ordinary words still reach it."""
    from nearer.analysis.safety import assess
    from nearer.analysis.safety.semantic import long_enough

    assert assess("canaryPAGEBIDqz").level == "none"
    assert not long_enough("canaryPAGEBIDqz")
    assert long_enough("please help me now")


@pytest.mark.parametrize("text", PASSIVE_NEAR_STONEWALLING)
def test_the_head_still_reads_passive_wishes_worded_like_stonewalling(text: str) -> None:
    fired = assess(text).fired
    assert any(f.startswith("model: reads like self-harm") for f in fired), fired


GOODBYE_NEAR_STONEWALLING = ("Sorted out the will and gave the dog to my sister. You will not hear "
                             "from me after Sunday.")


def test_the_heads_read_a_goodbye_worded_like_stonewalling() -> None:
    # A miss while the coach drafts were taught as none (0.763 against 0.78); the third batch's
    # self-harm lines brought it back (0.865 against 0.83); the ordinary journaling lines of
    # 2026-12-05 raised the bar again. No rule fires on it.
    fired = assess(GOODBYE_NEAR_STONEWALLING).fired
    assert any(f.startswith(("model: reads like self-harm", "wording model: reads like self-harm"))
               for f in fired), fired


@pytest.mark.parametrize(
    ("text", "threatens"),
    [
        # A person planning to get away, read as violence by the head, with a conditional that
        # the who head once took for a threat: never the threatener's panel on its word alone.
        ("If I text my sister the code word she comes for me and the kids.", False),
        ("If you go to that party without me, I'll make you regret it.", True),
        ("Keep ignoring me and you'll be sorry, I swear.", True),
    ],
)
def test_the_who_heads_short_of_sure_need_the_writers_words(text: str, threatens: bool) -> None:
    # The who heads lean to a threat (between the threshold and `sure`) in every case; only a
    # sentence that says what the writer will do ("I'll", "I swear", "you'll be sorry") makes a
    # head-only reading a threat by the writer.
    from nearer.analysis.safety import who
    from nearer.analysis.safety.detector import _threatens
    from nearer.analysis.safety.semantic import Scored

    leaning = (who.threshold() + who.sure()) / 2
    assert who.threshold() <= leaning < who.sure()
    unit = Scored(0, len(text), 0.01, 0.97, leaning)
    assert _threatens(text, unit, [unit]) is threatens
    sure = Scored(0, len(text), 0.01, 0.97, who.sure())
    assert _threatens(text, sure, [sure])  # both heads sure: no word of intent needed
    low = Scored(0, len(text), 0.01, 0.97, who.threshold() - 0.01)
    assert not _threatens(text, low, [low])


def test_the_escape_plan_is_never_read_as_the_writers_threat() -> None:
    # Read by the real heads: the person getting away is not the one threatening.
    result = assess("If I text my sister the code word she comes for me and the kids.")
    assert not result.threatens


@pytest.mark.parametrize(
    ("writer_did_it", "done_to_writer"),
    [
        ("I shoved him against the wardrobe this morning.", "He shoved me against the wardrobe this morning."),
        ("I grabbed her wrist and wouldn't let go.", "She grabbed my wrist and wouldn't let go."),
        ("Took his wallet and his car keys so he stays in.", "He took my wallet and my car keys so I stay in."),
    ],
)
def test_the_who_words_read_who_did_it(writer_did_it: str, done_to_writer: str) -> None:
    # The same act, the writer as the doer and as the one it was done to: the words head reads
    # the direction the embedding blurs ("i shoved" / "shoved me").
    from nearer.analysis.safety import who

    doer, target = who.load_head().probabilities([writer_did_it, done_to_writer])
    assert doer > 0.5 > target
