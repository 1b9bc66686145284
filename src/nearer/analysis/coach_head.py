"""The coach's learned head: one logistic regression per kind over frozen all-MiniLM-L6-v2
sentence embeddings (multi-label: a draft can show several kinds).

Trained by `make train` (training/train_coach.py) on the hand-written messages in data/train/,
stored in models/coach.npz, run here in numpy only. Each kind's raw score is calibrated with
Platt scaling fitted on cross-validated scores, so a probability of 0.8 means about 8 in 10
such drafts really show that kind; a kind counts when its probability reaches the kind's
threshold (chosen on the dev split, see MODEL_CARD.md). The head takes an embeddings matrix
and returns probabilities; the coach decides what to do with them. Written for Nearer, MIT.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nearer.analysis.weights import packaged_path, read_weights, sigmoid, write_weights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

KINDS = ("blame", "contempt", "criticism", "defensiveness", "dismissal", "stonewalling", "threat")
MODEL_FILE = "coach.npz"


@dataclass(frozen=True)
class CoachHead:
    weights: NDArray[np.float32]  # (7, 384), rows in KINDS order
    bias: NDArray[np.float32]  # (7,)
    scale: NDArray[np.float32]  # (7,) Platt scaling: p = sigmoid(scale * z + shift)
    shift: NDArray[np.float32]  # (7,)
    thresholds: dict[str, float]  # per kind: flag when its probability reaches this
    meta: dict[str, Any]

    def probabilities(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """Calibrated probability of each kind, one row per embedding, columns in KINDS order."""
        return sigmoid((vectors @ self.weights.T + self.bias) * self.scale + self.shift)

    def kinds_over(self, probabilities: NDArray[np.float32]) -> list[tuple[str, float]]:
        """The kinds whose probability (one row) reaches their threshold, with that probability."""
        return [(kind, float(probabilities[i])) for i, kind in enumerate(KINDS)
                if float(probabilities[i]) >= self.thresholds[kind]]


def model_path() -> Path:
    return packaged_path(MODEL_FILE)


def save_head(path: Path, head: CoachHead) -> None:
    """Write the weights (float32) and the settings; used by the training script."""
    settings = {"kinds": list(KINDS), "thresholds": head.thresholds, "meta": head.meta}
    arrays = {"weights": head.weights, "bias": head.bias, "scale": head.scale, "shift": head.shift}
    write_weights(path, arrays, settings)


def read_head(path: Path) -> CoachHead:
    arrays, settings = read_weights(path, ("weights", "bias", "scale", "shift"))
    if tuple(settings.get("kinds", ())) != KINDS:
        raise ValueError(f"{path}: the kinds differ from {KINDS}")
    weights, bias, scale, shift = arrays
    if weights.shape[0] != len(KINDS) or any(a.shape != (len(KINDS),) for a in arrays[1:]):
        raise ValueError(f"{path}: expected {len(KINDS)} kinds")
    thresholds = {k: float(settings["thresholds"][k]) for k in KINDS}
    return CoachHead(weights, bias, scale, shift, thresholds, dict(settings.get("meta", {})))


@lru_cache(maxsize=1)
def load_head() -> CoachHead:
    """The packaged head, read once per process (tens of kilobytes)."""
    return read_head(model_path())
