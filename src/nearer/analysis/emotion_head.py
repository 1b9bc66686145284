"""The emotion reader's learned head: multinomial logistic regression over frozen
all-MiniLM-L6-v2 sentence embeddings, one probability per family (they sum to one).

Trained by `make train` (training/train_emotions.py) on the GoEmotions train split mapped to
the seven families (data/train/goemotions_families.yaml) plus Nearer's own journal-style lines,
stored in models/emotions.npz, run here in numpy only. A softmax temperature fitted on held-out
predictions calibrates the probabilities; a family counts when its probability reaches that
family's threshold (chosen on the dev sets, see MODEL_CARD.md). The head takes an embeddings
matrix and returns probabilities; the emotion reader combines them with its lexicon.
Written for Nearer, MIT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nearer.analysis.weights import packaged_path, read_weights, softmax, write_weights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

FAMILIES = ("joy", "love", "sadness", "anger", "fear", "shame", "neutral")
MODEL_FILE = "emotions.npz"


@dataclass(frozen=True)
class EmotionHead:
    weights: NDArray[np.float32]  # (7, 384), rows in FAMILIES order
    bias: NDArray[np.float32]  # (7,)
    temperature: float
    thresholds: dict[str, float]  # per family: counts when its probability reaches this
    meta: dict[str, Any]
    # How the emotion reader joins heads and prototypes per unit (chosen on dev): the heads'
    # share is (1 - wording_weight) * this head + wording_weight * the wording head
    # (emotions/wording.py; 0 when absent), the unit's probabilities are
    # head_weight * heads + (1 - head_weight) * prototypes, and a family is reported when its
    # combined score reaches min_score.
    combine: dict[str, float] = field(default_factory=lambda: {"head_weight": 1.0, "min_score": 0.25})

    def probabilities(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """Calibrated family probabilities, one row per embedding, columns in FAMILIES order."""
        return softmax((vectors @ self.weights.T + self.bias) / self.temperature)

    def families_over(self, probabilities: NDArray[np.float32]) -> list[tuple[str, float]]:
        """Families whose probability (one row) reaches their threshold, most probable first."""
        found = [(family, float(probabilities[i])) for i, family in enumerate(FAMILIES)
                 if float(probabilities[i]) >= self.thresholds[family]]
        return sorted(found, key=lambda item: -item[1])


def model_path() -> Path:
    return packaged_path(MODEL_FILE)


def save_head(path: Path, head: EmotionHead) -> None:
    """Write the weights (float32) and the settings; used by the training script."""
    settings = {"families": list(FAMILIES), "temperature": head.temperature,
                "thresholds": head.thresholds, "combine": head.combine, "meta": head.meta}
    write_weights(path, {"weights": head.weights, "bias": head.bias}, settings)


def read_head(path: Path) -> EmotionHead:
    (weights, bias), settings = read_weights(path, ("weights", "bias"))
    if tuple(settings.get("families", ())) != FAMILIES:
        raise ValueError(f"{path}: the families differ from {FAMILIES}")
    if weights.shape[0] != len(FAMILIES) or bias.shape != (len(FAMILIES),):
        raise ValueError(f"{path}: expected {len(FAMILIES)} families")
    thresholds = {f: float(settings["thresholds"][f]) for f in FAMILIES}
    head = EmotionHead(weights, bias, float(settings["temperature"]), thresholds,
                       dict(settings.get("meta", {})))
    if "combine" in settings:
        head = EmotionHead(head.weights, head.bias, head.temperature, head.thresholds, head.meta,
                           {k: float(v) for k, v in settings["combine"].items()})
    return head


@lru_cache(maxsize=1)
def load_head() -> EmotionHead:
    """The packaged head, read once per process (tens of kilobytes)."""
    return read_head(model_path())
