"""The safety detector's third reader: how close a sentence sits to lines people wrote.

The kind head (model.py) draws one straight boundary through the encoder's space; a disclosure
said sideways ("gave the dog to my sister, she'll love him better than I could") lands on the
safe side of it while sitting right beside lines of the same kind in the training data. This
reader keeps every training line's embedding (its whole text; a `none` line's sentences too) and
scores a unit by how much closer its nearest self-harm (or violence) lines are than its nearest
`none` lines (and than to lines of the other kind): the mean similarity of the K nearest of the
kind minus the higher of the same for `none` and for the other kind. The lines are stored in a smaller space (the top DIMENSIONS directions of the
training embeddings, each row cut to int8) so the file stays small; a unit is projected the same
way. It speaks only where the kind head leans the same way (`admits`). Thresholds were chosen on the dev split with an index of the train split only, so that this
reader adds at most a set share of dev `none` lines to what the rules and the two heads already
flag; a logistic fit on the same dev lines turns a score into the confidence the app shows
(training/train_safety_neighbours.py; MODEL_CARD.md, "Nearest lines"). Numpy only.
Written for Nearer, MIT.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nearer.analysis.safety.model import CLASSES, KINDS
from nearer.analysis.weights import Packaged, packaged_path

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MODEL_FILE = "safety_neighbours.npz"
SCALE = 127  # rows are stored as round(row * SCALE) in int8
MIN_WORDS = 6  # session 20: "A walk by the river." and "ordered new school shoes" read as self-harm


@dataclass(frozen=True)
class Neighbours:
    basis: NDArray[np.float32]  # (DIMENSIONS, 384): the directions rows are projected onto
    rows: NDArray[np.float32]  # (n, DIMENSIONS), unit length, sorted by class
    starts: tuple[int, int, int, int]  # rows of CLASSES[i] are rows[starts[i]:starts[i + 1]]
    k: int
    thresholds: dict[str, float]  # per kind: flag when the score reaches this
    calibration: dict[str, tuple[float, float]]  # per kind: confidence = sigmoid(a * score + b)
    meaning_floor: float  # the kind head must give the kind at least this, and more than the other
    meta: dict[str, Any]

    def admits(self, probability: float, other: float) -> bool:
        """Whether this reader may speak for a kind on a unit the kind head gives `probability`
        of it and `other` of the other kind: only where the head leans that way ("I will kill you
        if you leave" sits near "I'll kill myself if you leave", but the head reads violence)."""
        return probability >= self.meaning_floor and probability >= other

    @staticmethod
    def long_enough(unit: str) -> bool:
        """Whether a unit has the MIN_WORDS words this reader needs: a few words sit near lines
        by topic alone ("A walk by the river." beside "the bottom of the river")."""
        return len(unit.split()) >= MIN_WORDS

    def project(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        import numpy as np

        out = vectors @ self.basis.T
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        result: NDArray[np.float32] = (out / np.maximum(norms, 1e-9)).astype(np.float32)
        return result

    def scores(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """Per embedding, one column per kind (KINDS order): the mean similarity of its K nearest
        lines of that kind minus the higher of that of its K nearest lines of each other class
        (so "I will kill you if you leave", nearest to threats, is not read as self-harm for
        sitting near "I'll kill myself if you leave")."""
        import numpy as np

        if not len(vectors):
            return np.zeros((0, len(KINDS)), dtype=np.float32)
        sims = self.project(vectors) @ self.rows.T
        nearest = []
        for c in range(len(CLASSES)):
            part = sims[:, self.starts[c]:self.starts[c + 1]]
            k = min(self.k, part.shape[1])
            nearest.append(np.partition(part, part.shape[1] - k, axis=1)[:, -k:].mean(axis=1))
        columns = []
        for kind in KINDS:
            c = CLASSES.index(kind)
            others = np.max([nearest[o] for o in range(len(CLASSES)) if o != c], axis=0)
            columns.append(nearest[c] - others)
        out: NDArray[np.float32] = np.stack(columns, axis=1).astype(np.float32)
        return out

    def confidence(self, kind: str, score: float) -> float:
        """The dev split's share of lines of the kind at this score (a logistic fit)."""
        import math

        a, b = self.calibration[kind]
        return 1.0 / (1.0 + math.exp(-(a * score + b)))


def build(vectors: NDArray[np.float32], labels: NDArray[Any], dimensions: int, k: int,
          thresholds: dict[str, float], calibration: dict[str, tuple[float, float]],
          meaning_floor: float, meta: dict[str, Any]) -> Neighbours:
    """An index of training rows (unit-length embeddings, labels as CLASSES indices): the basis is
    the top `dimensions` right singular vectors of the rows (not centred), each row projected,
    made unit length again and cut to int8 as it will be stored."""
    import numpy as np

    _, _, vt = np.linalg.svd(vectors.astype(np.float64), full_matrices=False)
    basis = vt[:dimensions].astype(np.float32)
    order = np.argsort(labels, kind="stable")
    counts = np.bincount(labels, minlength=len(CLASSES))
    starts = tuple(int(x) for x in np.concatenate([[0], np.cumsum(counts)]))
    unquantised = Neighbours(basis, np.zeros((0, dimensions), np.float32),
                             starts, k, thresholds, calibration,  # type: ignore[arg-type]
                             meaning_floor, meta)
    projected = unquantised.project(vectors[order])
    rows = (np.round(projected * SCALE).clip(-SCALE, SCALE) / SCALE).astype(np.float32)
    return replace(unquantised, rows=rows)


def save(path: Path, index: Neighbours) -> None:
    """Rows as int8, the basis as float32, settings as JSON (training script only)."""
    import numpy as np

    settings = {"starts": list(index.starts), "k": index.k, "thresholds": index.thresholds,
                "calibration": {k: list(v) for k, v in index.calibration.items()},
                "meaning_floor": index.meaning_floor, "meta": index.meta}
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        np.savez_compressed(handle, basis=index.basis.astype(np.float32),
                            rows=np.round(index.rows * SCALE).astype(np.int8),
                            settings=np.array(json.dumps(settings, sort_keys=True)))


def read(path: Path) -> Neighbours:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        settings: dict[str, Any] = json.loads(str(data["settings"]))
        basis = data["basis"].astype(np.float32)
        rows = data["rows"].astype(np.float32) / SCALE
    starts = tuple(int(x) for x in settings["starts"])
    if len(starts) != len(CLASSES) + 1 or starts[-1] != len(rows) or rows.shape[1] != len(basis):
        raise ValueError(f"{path}: rows do not match the settings")
    return Neighbours(basis, rows, starts, int(settings["k"]),  # type: ignore[arg-type]
                      {k: float(settings["thresholds"][k]) for k in KINDS},
                      {k: (float(a), float(b)) for k, (a, b) in settings["calibration"].items()},
                      float(settings["meaning_floor"]), dict(settings.get("meta", {})))


_INDEX: Packaged[Neighbours] = Packaged(lambda: read(packaged_path(MODEL_FILE)))


def load() -> Neighbours:
    """The packaged index, read once per process (unless swapped with use())."""
    return _INDEX.load()


def use(index: Neighbours) -> AbstractContextManager[None]:
    """Score with another index for a while (benchmarks: the index of the train split only).
    The caller clears the semantic stage's cache, which holds scores."""
    return _INDEX.use(index)
