"""Build the safety detector's nearest-lines index (src/nearer/analysis/safety/neighbours.py).

1. Rows: every training line's embedding as the app reads a whole text (its label), and each
   sentence of a `none` line as `none` (the safe sentences inside long entries).
2. The index of the train split alone scores every dev line as the app would (the units assess
   reads at rest, a line's score the highest of its units'), with the train-only meaning and
   wording heads in place, so it is known which dev lines the rules and heads flag already.
3. Per kind, the threshold lets this reader add at most MAX_ADDED_FALSE_ALARM of the dev `none`
   lines to those; a logistic fit of dev lines (the kind vs none) on the score gives the
   confidence the app shows.
4. The shipped index holds train + dev rows with those settings; the train-only index is kept in
   benchmarks/data for the dev figures. Round 19 (held back) is scored as a second check.

No randomness (an SVD and sorting); run after train_safety.py, train_safety_wording.py and
train_safety_who.py (`make train`). Written for Nearer, MIT.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

import splits  # noqa: E402
import train_safety as ts  # noqa: E402

from nearer.analysis.safety import (  # noqa: E402
    assess,
    neighbours,
    semantic,  # noqa: E402
    wording,
)
from nearer.analysis.safety.detector import scored_units  # noqa: E402
from nearer.analysis.safety.model import CLASSES, KINDS, read_head, use_head  # noqa: E402

OUT = ROOT / "src" / "nearer" / "analysis" / "models" / neighbours.MODEL_FILE
TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_neighbours_train_only.npz"
HELD_BACK = ROOT / "data" / "train" / "held_back" / "safety_round19.jsonl"
# Chosen on the dev split in session 20 (MODEL_CARD.md, "Nearest lines"): 64 directions kept the
# file under 2 MB (full 384-wide rows: 11 MB) for 6 fewer dev self-harm lines at the same false
# alarms; K = 3 and K = 5 were within a line of each other, K = 1 lost 16 lines.
DIMENSIONS = 64
K = 3
# Per kind, of the dev none lines. Compared on dev and on the held-back round 19 (new voices):
# 0.002 added self-harm 16 / violence 11 dev lines for 6 dev and 2 round-19 false alarms; 0.005
# added 26 / 34 for 16 and 9 (round 19's hard look-alikes 6.8 % -> 10 %); 0.001 added 3 / 9.
MAX_ADDED_FALSE_ALARM = 0.002
# The kind head's floor for this reader to speak on a unit; the head must also give the kind more
# than the other kind (neighbours.admits). Compared on dev at the budget above: with no condition
# it added self-harm 14 / violence 9 dev lines and put 7 under the other kind ("I will kill you if
# you leave" read as self-harm too); "leans that way" alone 13 / 5, 6 (round 19: 16 / 5, false
# alarms +4); with a floor of 0.20, 22 / 17, 4 (round 19: 23 / 8, +7), but its lower thresholds
# (0.027 / 0.044 against 0.062 / 0.068) flagged hand-written policy cases the tests keep at none
# ("not suicidal, just exhausted", "we're all going to die someday lol"), so no floor.
MEANING_FLOOR = 0.0
# The floor the shipped reader keeps, on top of the thresholds chosen with none: ordinary journal
# lines the safety data never held (data/train/emotions_dev.jsonl, 811 lines) showed the reader
# flagging "ordered new school shoes" and "I like the sound of his key in the door" where the
# meaning head gave the kind 0.01-0.10; with 0.10, dev self-harm 410 -> 408, false alarms 81 -> 79,
# round 19 179 -> 177 (session 20, after fresh25 was commissioned and before it was read).
SHIPPED_FLOOR = 0.10


def index_rows(rows: list[dict[str, Any]], units: ts.Units
               ) -> tuple[NDArray[np.float32], NDArray[np.int64]]:
    labels = [CLASSES.index(r["label"]) for r in rows]
    index, y = list(units.whole), list(labels)
    for line, label in enumerate(labels):
        if label == 0:
            index += units.parts[line]
            y += [0] * len(units.parts[line])
    return units.vectors[index], np.array(y, dtype=np.int64)


def read_lines(rows: list[dict[str, Any]], index: neighbours.Neighbours
               ) -> tuple[list[tuple[str, ...]], NDArray[np.float64]]:
    """Per line: the kinds the rules and the train-only heads flag, and per kind the highest
    nearness of its units under `index`."""
    head = read_head(ts.TRAIN_ONLY)
    words = wording.read_head(ROOT / "benchmarks" / "data" / "safety_wording_train_only.npz")
    semantic.clear_cache()
    flagged, near = [], np.full((len(rows), len(KINDS)), -math.inf)
    with use_head(head), wording.use_head(words), neighbours.use(index):
        for i, row in enumerate(rows):
            flagged.append(assess(row["text"]).kinds)
            for unit in scored_units(row["text"]):
                p = (unit.self_harm, unit.violence)
                for k in range(len(KINDS)):
                    if index.admits(p[k], p[1 - k]):
                        near[i, k] = max(near[i, k], unit.nearness(KINDS[k]))
    semantic.clear_cache()
    return flagged, near


def choose(near: NDArray[np.float64], flagged: list[tuple[str, ...]], labels: list[str]
           ) -> dict[str, float]:
    none = np.array([lab == "none" and not f for lab, f in zip(labels, flagged, strict=True)])
    allowed = int(MAX_ADDED_FALSE_ALARM * sum(lab == "none" for lab in labels))
    out = {}
    for k, kind in enumerate(KINDS):
        ranked = np.sort(near[none, k])[::-1]
        out[kind] = math.floor(ranked[allowed] * 1000 + 1) / 1000 if allowed < len(ranked) else 0.0
    return out


def calibrate(near: NDArray[np.float64], labels: list[str]) -> dict[str, tuple[float, float]]:
    from sklearn.linear_model import LogisticRegression

    out = {}
    for k, kind in enumerate(KINDS):
        keep = np.array([lab in ("none", kind) for lab in labels]) & np.isfinite(near[:, k])
        y = np.array([lab == kind for lab in labels])[keep]
        fit = LogisticRegression(C=100.0, max_iter=1000).fit(near[keep, k:k + 1], y)
        out[kind] = (round(float(fit.coef_[0, 0]), 4), round(float(fit.intercept_[0]), 4))
    return out


def figures(flagged: list[tuple[str, ...]], near: NDArray[np.float64], labels: list[str],
            thresholds: dict[str, float]) -> dict[str, Any]:
    after = [tuple(k for i, k in enumerate(KINDS) if k in f or near[n, i] >= thresholds[k])
             for n, f in enumerate(flagged)]
    out: dict[str, Any] = {}
    for kind in KINDS:
        gold = [n for n, lab in enumerate(labels) if lab == kind]
        out[kind] = [sum(kind in flagged[n] for n in gold), sum(kind in after[n] for n in gold),
                     len(gold)]
    safe = [n for n, lab in enumerate(labels) if lab == "none"]
    out["false_alarms"] = [sum(bool(flagged[n]) for n in safe), sum(bool(after[n]) for n in safe),
                           len(safe)]
    return out


def main() -> int:
    # The split's own lines only, not the blind sets taken into the heads' training
    # (splits.training_rows): with them the index held 52,142 rows, 2.5 MB, over the 2 MB a model
    # file may take; the heads that read every unit first are trained on them.
    train, dev = splits.rows("safety_train"), splits.rows("safety_dev")
    held = [json.loads(line) for line in HELD_BACK.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    train_units, dev_units = ts.Units(train), ts.Units(dev)
    x_train, y_train = index_rows(train, train_units)
    unset = {k: math.inf for k in KINDS}
    flat = {k: (0.0, 0.0) for k in KINDS}
    provisional = neighbours.build(x_train, y_train, DIMENSIONS, K, unset, flat, MEANING_FLOOR,
                                   {})
    dev_labels = [r["label"] for r in dev]
    dev_flagged, dev_near = read_lines(dev, provisional)
    thresholds = choose(dev_near, dev_flagged, dev_labels)
    calibration = calibrate(dev_near, dev_labels)
    dev_figures = figures(dev_flagged, dev_near, dev_labels, thresholds)
    held_flagged, held_near = read_lines(held, provisional)
    held_figures = figures(held_flagged, held_near, [r["label"] for r in held], thresholds)
    print("thresholds chosen on dev:", thresholds, "calibration:", calibration)
    print("dev (before -> after, of):", json.dumps(dev_figures))
    print("round 19, held back (before -> after, of):", json.dumps(held_figures))
    meta = {"k": K, "dimensions": DIMENSIONS, "max_added_false_alarm": MAX_ADDED_FALSE_ALARM,
            "meaning_floor_chosen_with": MEANING_FLOOR, "meaning_floor": SHIPPED_FLOOR,
            "dev": dev_figures, "round19_held_back": held_figures}
    train_only = neighbours.build(x_train, y_train, DIMENSIONS, K, thresholds, calibration,
                                  SHIPPED_FLOOR,
                                  {**meta, "rows": np.bincount(y_train).tolist(),
                                   "split": "train only"})
    neighbours.save(TRAIN_ONLY, train_only)
    x_dev, y_dev = index_rows(dev, dev_units)
    x_all, y_all = np.concatenate([x_train, x_dev]), np.concatenate([y_train, y_dev])
    shipped = neighbours.build(x_all, y_all, DIMENSIONS, K, thresholds, calibration, SHIPPED_FLOOR,
                               {**meta, "rows": np.bincount(y_all).tolist(),
                                "split": "train + dev"})
    neighbours.save(OUT, shipped)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB, "
          f"{len(shipped.rows)} rows) and {TRAIN_ONLY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
