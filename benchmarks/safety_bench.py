"""Accuracy and speed of nearer.analysis.safety.assess on its development set.

Run: .venv/bin/python benchmarks/safety_bench.py [path/to/set.jsonl ...] [--rules-only] [--no-speed]
Prints precision/recall/F1 per kind and for flagged-vs-not, level accuracy and confusion, the
false-alarm rate on the safe (trap) lines, and texts/second with p50/p99 latency per length: rules
only, then with the embedding stage on a warm sentence cache (typing: most sentences were seen on
the previous keystroke) and on a cold one (every sentence new).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from nearer.analysis.safety import KINDS, assess
from nearer.analysis.safety import semantic as safety_semantic

DATA = Path(__file__).parent / "data" / "safety_dev.jsonl"
LEVELS = ("none", "concern", "urgent")
# Neutral padding for long texts: everyday journal sentences with no safety content.
NEUTRAL = (
    "We went for a walk by the canal after dinner and talked about the weekend.",
    "I made soup with the last of the vegetables and it was better than expected.",
    "Work was busy but the meeting went fine and my manager seemed pleased.",
    "She sent me a photo of the dog asleep on the sofa, which made me smile.",
    "I want to try planning one small thing together each week, like a film night.",
    "The train was late again, so I read on the platform for twenty minutes.",
    "We disagreed about the holiday budget but agreed to look at it on Sunday.",
    "I noticed I get quiet when I am tired, and I want to tell him that kindly.",
)


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip() and not line.startswith("#")]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def accuracy(rows: list[dict[str, Any]], name: str) -> None:
    results = [assess(r["text"]) for r in rows]
    pairs = list(zip(rows, results, strict=True))
    print(f"== {name}: {len(rows)} labelled lines\n")
    print(f"{'':22} {'prec':>6} {'recall':>6} {'F1':>6} {'support':>8}")
    for kind in KINDS:
        tp = sum(kind in r["kinds"] and kind in res.kinds for r, res in pairs)
        fp = sum(kind not in r["kinds"] and kind in res.kinds for r, res in pairs)
        fn = sum(kind in r["kinds"] and kind not in res.kinds for r, res in pairs)
        p, rc, f = prf(tp, fp, fn)
        print(f"{kind:22} {p:6.3f} {rc:6.3f} {f:6.3f} {tp + fn:8d}")
    flags = [(r["level"] != "none", res.flagged) for r, res in pairs]
    tp = sum(g and p for g, p in flags)
    fp = sum(p and not g for g, p in flags)
    fn = sum(g and not p for g, p in flags)
    p, rc, f = prf(tp, fp, fn)
    print(f"{'flagged vs not':22} {p:6.3f} {rc:6.3f} {f:6.3f} {tp + fn:8d}")
    correct = sum(r["level"] == res.level for r, res in pairs)
    print(f"\nlevel accuracy: {correct / len(rows):.3f}")
    print("confusion (rows = labelled, columns = assessed):")
    print(f"{'':10}" + "".join(f"{lv:>9}" for lv in LEVELS))
    for gold_level in LEVELS:
        counts = [sum(r["level"] == gold_level and res.level == lv for r, res in
                      pairs) for lv in LEVELS]
        print(f"{gold_level:10}" + "".join(f"{c:9d}" for c in counts))
    traps = [res for r, res in pairs if r["level"] == "none"]
    alarms = sum(res.flagged for res in traps)
    urgent = sum(res.level == "urgent" for res in traps)
    print(f"\nfalse alarms on safe/trap lines: {alarms}/{len(traps)} = {alarms / len(traps):.3f}"
          f" (urgent: {urgent})")
    missed_urgent = sum(r["level"] == "urgent" and not res.flagged for r, res in pairs)
    print(f"urgent lines not flagged at all: {missed_urgent}")


def padded(seed_text: str, length: int, rng: random.Random) -> str:
    """A text of about `length` characters: neutral sentences with the seed placed inside."""
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) + len(seed_text) < length:
        parts.append(rng.choice(NEUTRAL))
    parts.insert(rng.randint(0, len(parts)), seed_text)
    return " ".join(parts)[: max(length, len(seed_text))]


def speed(rows: list[dict[str, Any]], mode: str) -> None:
    rng = random.Random(7)
    seeds = [r["text"] for r in rows]
    cold = mode == "embeddings, cold cache"
    os.environ["NEARER_SAFETY_SEMANTIC"] = "0" if mode == "rules only" else "1"
    print(f"\nspeed, {mode} (one text at a time, 1 thread; wall clock, and CPU time of this")
    print("process, which shared machines disturb less)")
    print(f"{'length':>8} {'texts/s':>9} {'cpu t/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'n':>6}")
    for length in (1, 100, 500, 1000, 2000, 20000):
        if length == 1:
            texts = [t[:1] for t in seeds]
        elif length <= 100:
            texts = seeds
        else:
            texts = [padded(t, length, rng) for t in seeds]
        if length == 20000 or (cold and length >= 500):
            texts = texts[:60] if length == 20000 else texts[:300]
        timings = []
        cpu0 = time.process_time()
        for text in texts:
            if cold:
                safety_semantic.clear_cache()
            t0 = time.perf_counter()
            assess(text)
            timings.append(time.perf_counter() - t0)
        cpu = max(time.process_time() - cpu0, 1e-9)
        timings.sort()
        p50 = statistics.median(timings) * 1000
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000
        label = "as is" if length == 100 else str(length)
        print(f"{label:>8} {len(texts) / sum(timings):9.0f} {len(texts) / cpu:9.0f} {p50:8.3f} "
              f"{p99:8.3f} {len(texts):6d}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--rules-only" in sys.argv:
        os.environ["NEARER_SAFETY_SEMANTIC"] = "0"
    paths = [Path(a) for a in args] or [DATA]
    assess("warm up: he hit me")
    assess("warm up, a sentence the rules leave alone")
    for path in paths:
        accuracy(load(path), path.name)
        print()
    if "--no-speed" in sys.argv:
        return
    modes = ("rules only",) if "--rules-only" in sys.argv else (
        "rules only", "embeddings, warm cache", "embeddings, cold cache")
    for mode in modes:
        speed(load(paths[0]), mode)


if __name__ == "__main__":
    main()
