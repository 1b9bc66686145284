"""Precision, recall, F1 and support of one label, as the training scripts print and store them.

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
