"""Where Nearer keeps what it can rebuild from its own files (prototype embeddings, the parsed
rules): `NEARER_CACHE_DIR`, else the user's cache folder. Deleting it only costs time."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    configured = os.environ.get("NEARER_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("nearer", appauthor=False))


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a file of this process's own, so a reader never sees half
    of it. Raises OSError (a read-only home): callers go on without the cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)
