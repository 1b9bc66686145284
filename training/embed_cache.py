"""Embeddings of training lines, cached on disk under .cache/train/ (git-ignored).

The machine that trains is small and shared; embedding 50,000 comments takes minutes, so each
list of texts is embedded once and kept in a file keyed by the model and the exact texts.
Written for Nearer, MIT.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from nearer.analysis.embeddings import DIMENSIONS, embed  # noqa: E402

CACHE = ROOT / ".cache" / "train"
CHUNK = 2048  # texts per cached piece, so an interrupted run keeps what it did


def cached_embed(texts: list[str], label: str = "texts") -> NDArray[np.float32]:
    """One L2-normalised row per text, in the order given, via the app's own embed()."""
    from nearer.analysis.embeddings import model_id

    CACHE.mkdir(parents=True, exist_ok=True)
    encoder = model_id().encode()
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for begin in range(0, len(texts), CHUNK):
        piece = texts[begin:begin + CHUNK]
        digest = hashlib.sha256(encoder)
        for text in piece:
            digest.update(text.encode("utf-8") + b"\0")
        path = CACHE / f"{digest.hexdigest()[:32]}.npy"
        if path.exists():
            vectors = np.load(path, allow_pickle=False)
        else:
            vectors = embed(piece)
            partial = path.with_suffix(".tmp.npy")
            np.save(partial, vectors, allow_pickle=False)
            partial.replace(path)
            print(f"  embedded {label} {begin + len(piece)}/{len(texts)}", flush=True)
        out[begin:begin + len(piece)] = vectors
    return out
