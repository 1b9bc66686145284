"""What the training scripts score with: one label's figures (precision, recall, F1, support, as
they print and store them) and a softmax with a temperature.

Written for Nearer, MIT.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def figures(pred: NDArray[np.bool_], truth: NDArray[np.bool_]) -> dict[str, float]:
    """One label's figures (rounded to 3 places) from its predicted and true marks per line."""
    tp = int((pred & truth).sum())
    fp = int((pred & ~truth).sum())
    fn = int((~pred & truth).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "support": int(truth.sum())}


def softmax(logits: NDArray[np.float64], temperature: float) -> NDArray[np.float64]:
    """Each row's probabilities from its logits, divided by the temperature first."""
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
    return out
