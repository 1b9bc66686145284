"""The wording heads' features, read two ways in the same run: tfidf.features (what training
computes: every piece of every word looked up in the vocabulary) and the head's own tfidf.Reader
(each word's known columns found once and kept), on the same lines, one core.

Run: .venv/bin/python benchmarks/wording_bench.py [--lines N]

Lines: the first N texts of data/train/safety_dev.jsonl and coach_dev.jsonl, alternating. The
Reader is timed cold (a new Reader, so every word is met for the first time) and warm (read a
second time). Both ways give the same columns and values (tests/analysis/test_tfidf_reader.py);
this prints only how long they take. Written for Nearer, MIT.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def lines(count: int) -> list[str]:
    found: list[list[str]] = []
    for name in ("safety_dev.jsonl", "coach_dev.jsonl"):
        with open(ROOT / "data" / "train" / name, encoding="utf-8") as handle:
            found.append([json.loads(line)["text"] for line in handle if line.strip()])
    mixed = [text for pair in zip(*found, strict=False) for text in pair]
    return mixed[:count]


def per_line_ms(read: Callable[[str], Any], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        read(text)
    return (time.perf_counter() - start) * 1000 / len(texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3, help="medians over this many rounds")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from nearer.analysis import tfidf
    from nearer.analysis.coach import wording as coach_wording
    from nearer.analysis.emotions import wording as emotion_wording
    from nearer.analysis.safety import who
    from nearer.analysis.safety import wording as safety_wording

    texts = lines(args.lines)
    heads = (("safety wording", safety_wording.load_head(), ("pieces",)),
             ("safety who", who.load_head(), ("words",)),
             ("emotion wording", emotion_wording.load_head(), None),
             ("coach wording", coach_wording.load_head(), coach_wording.FEATURES))
    print(f"{len(texts)} lines; ms per line, median of {args.rounds} rounds, one core")
    print(f"{'head':<18}{'tfidf.features':>16}{'Reader cold':>14}{'Reader warm':>14}")
    for name, head, kinds in heads:
        kinds = kinds or head.kinds
        found: dict[str, list[float]] = {"plain": [], "cold": [], "warm": []}
        for _ in range(args.rounds):
            found["plain"].append(per_line_ms(
                lambda text, h=head, k=kinds: tfidf.features(text, k, h.index, h.idf), texts))
            reader = tfidf.Reader(kinds, head.index, head.idf)
            found["cold"].append(per_line_ms(reader.features, texts))
            found["warm"].append(per_line_ms(reader.features, texts))
        plain, cold, warm = (statistics.median(found[k]) for k in ("plain", "cold", "warm"))
        print(f"{name:<18}{plain:16.3f}{cold:14.3f}{warm:14.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
