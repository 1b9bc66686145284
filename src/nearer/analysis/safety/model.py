"""The learned safety head: logistic regression over frozen all-MiniLM-L6-v2 sentence embeddings.

Two small linear heads, trained by `make train` (training/train_safety.py) on the hand-written
lines in data/train/, stored in models/safety.npz and run here in numpy only:

- the kind head: none / self_harm / violence, softmax with a temperature fitted on cross-validated
  predictions, so its probabilities are calibrated;
- the who head: for violence language, whether the writer is the one threatening (vs being hurt);
  since session 18 the app reads the mean of its probability and the who head over words
  (who.py), against who.py's thresholds.

The thresholds that turn a probability into a flag were chosen on the dev split (voices never
trained on); see MODEL_CARD.md. Written for Nearer, MIT.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nearer.analysis.weights import (
    Packaged,
    packaged_path,
    read_weights,
    sigmoid,
    softmax,
    write_weights,
)

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

CLASSES = ("none", "self_harm", "violence")
KINDS = CLASSES[1:]
MODEL_FILE = "safety.npz"


@dataclass(frozen=True)
class SafetyHead:
    weights: NDArray[np.float32]  # (3, 384), rows in CLASSES order
    bias: NDArray[np.float32]  # (3,)
    temperature: float
    thresholds: dict[str, float]  # per kind: flag when its probability reaches this
    who_weights: NDArray[np.float32]  # (384,)
    who_bias: float
    who_threshold: float  # this head's own threshold, alone (kept for the record: the app uses who.py's)
    meta: dict[str, Any]

    def probabilities(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """Calibrated class probabilities, one row per embedding, columns in CLASSES order."""
        return softmax((vectors @ self.weights.T + self.bias) / self.temperature)

    def threatens(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """Probability that violence language is the writer threatening someone."""
        return sigmoid(vectors @ self.who_weights + self.who_bias)


def model_path() -> Path:
    return packaged_path(MODEL_FILE)


def save_head(path: Path, head: SafetyHead) -> None:
    """Write the weights (float32) and the settings; used by the training script."""
    settings = {
        "temperature": head.temperature,
        "thresholds": head.thresholds,
        "who_bias": head.who_bias,
        "who_threshold": head.who_threshold,
        "meta": head.meta,
    }
    arrays = {"weights": head.weights, "bias": head.bias, "who_weights": head.who_weights}
    write_weights(path, arrays, settings)


def read_head(path: Path) -> SafetyHead:
    (weights, bias, who), settings = read_weights(path, ("weights", "bias", "who_weights"))
    if weights.shape[0] != len(CLASSES) or bias.shape != (len(CLASSES),):
        raise ValueError(f"{path}: expected {len(CLASSES)} classes")
    thresholds = {k: float(settings["thresholds"][k]) for k in KINDS}
    return SafetyHead(weights, bias, float(settings["temperature"]), thresholds, who,
                      float(settings["who_bias"]), float(settings["who_threshold"]),
                      dict(settings.get("meta", {})))


_HEAD: Packaged[SafetyHead] = Packaged(lambda: read_head(model_path()))


def load_head() -> SafetyHead:
    """The packaged head, read once per process (a few kilobytes; well under a millisecond),
    unless a benchmark has swapped in another with use_head()."""
    return _HEAD.load()


def use_head(head: SafetyHead) -> AbstractContextManager[None]:
    """Score with another head for a while (benchmarks: the head fitted on the train split only).
    The caller clears safety_semantic's sentence cache, which holds probabilities."""
    return _HEAD.use(head)
