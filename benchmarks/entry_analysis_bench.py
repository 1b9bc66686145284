"""Issue 14's speed figures for saved text: the whole analysis of a 500-character entry on one core,
and how long the models take to load; every figure beside its baseline from the same run.

Run: .venv/bin/python benchmarks/entry_analysis_bench.py [--before OTHER/src] [--entries N]

- whole analysis, one core: safety + emotions as saving an entry reads it, plus the coach, all
  through one Doc, warm (models loaded, rules compiled), caches cleared before each entry (an
  entry nobody has read yet); the process is pinned to one core (sched_setaffinity), so the
  encoder threads cannot borrow a second one;
- saving it: what saving a journal entry reads (safety + emotions, no coach), caches cleared;
- of which the encoder's calls: the CPU time of the model calls made for that whole analysis (the
  one pass over the entry and its sentences read alone), and the rest: the whole less those
  (tokenising, the rules, the heads, the Doc);
- bare encoding, one core: one embeddings.embed call of the same entry, in the same process;
- the emotion wording head alone (where the code has it): its probabilities for the units the
  emotion reader reads of the entry, the part of the whole analysis it adds;
- models load: a fresh interpreter's time to have the encoder session, its tokenizer and the
  heads ready (the safety and emotion wording heads, the safety who words head and the coach
  wording head too, where the code has them) (first use of each), the imports included, beside
  `python -c pass`.

Entries are 480-520 characters of journal-style prose (the sentences of write_path_bench, joined),
the same on every run. Targets (issue 14): whole analysis p99 <= 30 ms on one core, warm;
models load <= 1 s. The machine may be shared: read the rows against each other.
Written for Nearer, MIT.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
LOAD = ("from nearer.analysis import embeddings; embeddings.embed(['warm'])\n"
        "from nearer.analysis.safety.model import load_head as s; s()\n"
        "from nearer.analysis.coach_head import load_head as c; c()\n"
        "from nearer.analysis.emotion_head import load_head as e; e()\n"
        "try:\n    from nearer.analysis.safety.wording import load_head as w\n"
        "except ImportError:\n    pass  # code from before the wording head\nelse:\n    w()\n"
        "try:\n    from nearer.analysis.emotions.wording import load_head as ew\n"
        "except ImportError:\n    pass  # code from before the emotion wording head\nelse:\n    ew()\n"
        "try:\n    from nearer.analysis.safety.who import load_head as sw\n"
        "    from nearer.analysis.coach.wording import load_head as cw\n"
        "except ImportError:\n    pass  # code from before the words heads (session 18)\nelse:\n"
        "    sw()\n    cw()\n")


def long_entries(count: int) -> list[str]:
    """Entries of 480-520 characters, made of write_path_bench's journal sentences."""
    sys.path.insert(0, str(HERE))
    from write_path_bench import entry_texts

    pieces = entry_texts(count * 4, seed=11)
    found: list[str] = []
    text = ""
    for piece in pieces:
        piece = piece.rsplit(" (", 1)[0]
        text = f"{text} {piece}".strip()
        if len(text) >= 480:
            found.append(text[:520])
            text = ""
        if len(found) == count:
            break
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def child(texts: list[str]) -> dict[str, list[float]]:
    """Per entry, in this process pinned to one core: bare encoding and whole analysis, ms."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from nearer.analysis import row_cache
    from nearer.analysis import text as text_layer
    from nearer.analysis.coach import analyze
    from nearer.analysis.embeddings import embed
    from nearer.analysis.safety import semantic
    from nearer.services.text_checks import read_text

    def whole(text: str) -> None:
        doc = text_layer.Doc(text)
        read_text(doc)  # type: ignore[arg-type]
        analyze(doc)

    try:
        from nearer.analysis.emotion_model import wording_probabilities
        from nearer.analysis.emotions import prepare
    except ImportError:  # code from before the emotion wording head
        wording_probabilities = None  # type: ignore[assignment]

    def wording(text: str) -> float:
        """ms for the emotion wording head on the units the reader reads of `text` (its share of
        the whole analysis; the units are cut before the clock starts)."""
        item = prepare(text)
        start = time.perf_counter()
        wording_probabilities(item.masked, item.tails)
        return (time.perf_counter() - start) * 1000

    encoder = _count_encoder_time()
    for text in texts[:3]:
        whole(text)
        embed([text])
        if wording_probabilities is not None:
            wording(text)
    found: dict[str, list[float]] = {"bare": [], "whole": [], "wording": [], "journal": [],
                                     "encoder": [], "rest": []}
    for text in texts[3:]:
        if wording_probabilities is not None:
            found["wording"].append(wording(text))
        start = time.perf_counter()
        embed([text])
        found["bare"].append((time.perf_counter() - start) * 1000)
        row_cache.clear()
        semantic.clear_cache()
        encoder[0] = 0.0
        start = time.perf_counter()
        whole(text)
        found["whole"].append((time.perf_counter() - start) * 1000)
        if encoder[1]:
            found["encoder"].append(encoder[0])
            found["rest"].append(found["whole"][-1] - encoder[0])
        row_cache.clear()
        semantic.clear_cache()
        start = time.perf_counter()
        read_text(text_layer.Doc(text))  # type: ignore[arg-type]
        found["journal"].append((time.perf_counter() - start) * 1000)
    return found


def _count_encoder_time() -> list[Any]:
    """[ms, counting]: the CPU time of the encoder's own model calls (every thread: the calls run
    on encoder threads too), added up from now on; `counting` is False where the code has no
    `embeddings._hidden` to wrap."""
    from nearer.analysis import embeddings

    total: list[Any] = [0.0, hasattr(embeddings, "_hidden")]
    if not total[1]:
        return total
    lock = threading.Lock()
    hidden = embeddings._hidden

    def timed(session: Any, ids_list: Any) -> Any:
        start = time.thread_time()  # ONNX Runtime runs each call in its caller's thread
        try:
            return hidden(session, ids_list)
        finally:
            with lock:
                total[0] += (time.thread_time() - start) * 1000

    embeddings._hidden = timed
    return total


def load_time(src: Path, code: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the src folder of other code, measured alongside")
    parser.add_argument("--entries", type=int, default=200, help="entries analysed per checkout")
    parser.add_argument("--loads", type=int, default=5, help="fresh interpreters per load figure")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(sys.stdin.read()))))
        return 0
    texts = long_entries(args.entries + 3)
    versions = [("now", SRC)] + ([("before", args.before)] if args.before else [])
    print(f"{len(texts) - 3} entries of {min(map(len, texts))}-{max(map(len, texts))} characters; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'per entry, one core, ms':<44}{'p50':>8}{'p95':>8}{'p99':>8}")
    for name, src in versions:
        env = {**os.environ, "PYTHONPATH": str(src)}
        out = subprocess.run([sys.executable, __file__, "--child"], input=json.dumps(texts),
                             env=env, capture_output=True, text=True, check=True)
        found = json.loads(out.stdout.strip().splitlines()[-1])
        for key, label in (("whole", "whole analysis"),
                           ("journal", "saving it (safety + emotions)"),
                           ("encoder", "of which the encoder's calls (CPU)"),
                           ("rest", "of which the rest (whole less those)"),
                           ("bare", "bare encoding of the entry"),
                           ("wording", "of which the emotion wording head")):
            row = found.get(key)
            if not row:
                continue
            print(f"[{name}] {label:<37}{percentile(row, 50):8.1f}{percentile(row, 95):8.1f}"
                  f"{percentile(row, 99):8.1f}", flush=True)
    print(f"{'models load (fresh interpreter), ms':<44}{'median':>8}")
    floor = statistics.median(load_time(SRC, "pass") for _ in range(args.loads))
    print(f"{'python -c pass':<44}{floor:8.0f}")
    for name, src in versions:
        loads = [load_time(src, LOAD) for _ in range(args.loads)]
        print(f"[{name}] {'encoder + tokenizer + heads':<37}{statistics.median(loads):8.0f}",
              flush=True)
    print("targets (issue 14): whole analysis p99 <= 30 ms on one core; models load <= 1 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
