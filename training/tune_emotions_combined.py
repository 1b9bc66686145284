"""Choose how the emotion reader joins the head with its prototypes and lexicon, on dev only.

Run after training/train_emotions.py (`make train` does). With the head fitted on the train
splits only (benchmarks/data/emotions_head_train_only.npz), every dev text (GoEmotions dev mapped
to the families, and data/train/emotions_dev.jsonl) is read exactly as the app reads it: cut into
units, lexicon hits, the units embedded, prototype probabilities and head probabilities mixed with
weight w, joined with the lexicon, families reported from min_score. The pair (w, min_score) with
the best mean of the two dev sets' macro-F1 (top family against the labels) is written into both
emotions.npz files as `combine`. Written for Nearer, MIT.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from embed_cache import cached_embed  # noqa: E402
from goemotions import family_of, read_split  # noqa: E402

from nearer.analysis.emotion_head import FAMILIES, EmotionHead, model_path, read_head, save_head  # noqa: E402
from nearer.analysis.emotion_model import head_probabilities  # noqa: E402
from nearer.analysis.emotions import detector as reader  # noqa: E402

TRAIN_ONLY = ROOT / "benchmarks" / "data" / "emotions_head_train_only.npz"
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
MIN_SCORES = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def dev_sets() -> dict[str, list[tuple[str, list[str]]]]:
    table = family_of()
    go = []
    for text, labels in read_split("dev"):
        families = list(dict.fromkeys(f for f in (table[label] for label in labels) if f))
        if families:
            go.append((text, families))
    with (ROOT / "data" / "train" / "emotions_dev.jsonl").open(encoding="utf-8") as handle:
        own = [(r["text"], r["families"]) for r in map(json.loads, handle) if r]
    return {"goemotions-dev": go, "own-dev": own}


def macro_f1(pred: list[str], truth: list[list[str]]) -> float:
    scores = []
    for family in FAMILIES:
        tp = sum(1 for p, t in zip(pred, truth, strict=True) if p == family and family in t)
        fp = sum(1 for p, t in zip(pred, truth, strict=True) if p == family and family not in t)
        fn = sum(1 for p, t in zip(pred, truth, strict=True) if p != family and family in t)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


def main() -> int:
    head = read_head(TRAIN_ONLY)
    sets = dev_sets()
    prepared, protos, heads = {}, {}, {}
    for name, rows in sets.items():
        items = [reader.prepare(text) for text, _ in rows]
        masked = [m for item in items for m in item.masked]
        tails = [t for item in items for t in item.tails]
        strings = masked + [t for t in tails if t]
        vectors = cached_embed(strings, f"{name} units")
        lookup = dict(zip(strings, vectors, strict=True))
        sims = _similarities(masked, tails, lookup)
        protos[name] = reader.family_probabilities(sims, reader.PARAMS)
        rows_matrix = np.stack([lookup[t] for t in masked] + [lookup[t] for t in tails if t])
        heads[name] = head_probabilities(rows_matrix, tails, head)
        prepared[name] = items
        print(f"{name}: {len(rows)} texts, {len(masked)} units", flush=True)

    results = {}
    for w in WEIGHTS:
        for m in MIN_SCORES:
            params = replace(reader.PARAMS, min_score=m)
            figures = []
            for name, rows in sets.items():
                mixed = w * heads[name] + (1 - w) * protos[name]
                pred, row = [], 0
                for (text, _), item in zip(rows, prepared[name], strict=True):
                    scores = []
                    for hits in item.hits:
                        scores.append(reader.unit_scores(hits, mixed[row].tolist(), params))
                        row += 1
                    pred.append(reader.dominant(reader.assemble(text, item, scores, params)))
                figures.append(macro_f1(pred, [t for _, t in rows]))
            results[(w, m)] = figures
            print(f"  head weight {w}, min score {m}: macro-F1 GoEmotions dev {figures[0]:.3f}, "
                  f"own dev {figures[1]:.3f}", flush=True)
    before = results[(0.0, reader.PARAMS.min_score)]
    best = max(results, key=lambda k: float(np.mean(results[k])))
    print(f"before (prototypes only, min score {reader.PARAMS.min_score}): {before}")
    print(f"chosen: head weight {best[0]}, min score {best[1]}: {results[best]}")
    combine = {"head_weight": best[0], "min_score": best[1]}
    for path in (model_path(), TRAIN_ONLY):
        current = read_head(path)
        meta = {**current.meta, "combined_dev": {"before": [round(x, 3) for x in before],
                                                 "after": [round(x, 3) for x in results[best]],
                                                 "sets": list(sets)}}
        save_head(path, EmotionHead(current.weights, current.bias, current.temperature,
                                    current.thresholds, meta, combine))
        print(f"wrote combine settings into {path}")
    return 0


def _similarities(masked: list[str], tails: list[str | None], lookup: dict[str, np.ndarray]) -> np.ndarray:
    """The prototype similarities exactly as reader.similarities computes them, from rows already
    embedded (and cached) here."""
    vectors, _ = reader._prototypes()
    result = np.stack([lookup[t] for t in masked]) @ vectors.T
    extra = [i for i, tail in enumerate(tails) if tail]
    if extra:
        tail_rows = np.stack([lookup[tails[i] or ""] for i in extra])
        result[extra] = 0.5 * result[extra] + 0.5 * (tail_rows @ vectors.T)
    out: np.ndarray = result
    return out


if __name__ == "__main__":
    raise SystemExit(main())
