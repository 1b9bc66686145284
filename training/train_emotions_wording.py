"""Train the emotion wording head (src/nearer/analysis/emotions/wording.py) into
src/nearer/analysis/models/emotions_wording.npz.

Run: `make train`, after train_emotions.py and before tune_emotions_combined.py (which decides
how much the reader listens to this head). Needs the `train` extra (scikit-learn). Reproducible:
the vocabulary is sorted, the solver (lbfgs) is deterministic, SEED fixes the rest.

Data: exactly the rows and row weights of train_emotions.py: the GoEmotions train split
(../shared/data/goemotions/, Apache-2.0) mapped to the seven families with
data/train/goemotions_families.yaml (a row counts once per family, each copy weighted 1/k; rows
with only left-out labels dropped), plus Nearer's own lines (data/train/emotions_train.jsonl) at
an extra weight, the families balanced as the embedding head's are (BALANCED).

Steps (each printed):
1. every line's features (analysis/tfidf.py: pieces of 2-5 letters within words, words and pairs
   of words); a key joins the vocabulary when at least MIN_LINES training lines hold it, and the
   LIMIT most common are kept (ties by key); idf ln((1 + N) / (1 + lines holding it)) + 1;
2. for each kind of feature (KINDS_GRID), vocabulary size (LIMITS), C (C_GRID) and own-line weight
   (OWN_WEIGHTS): the regression fitted on the train splits, scored on the dev sets (GoEmotions
   dev + data/train/emotions_dev.jsonl) by the embedding head's criterion: the mean of the two
   macro-F1 figures of the top family, head alone; the best setting is chosen;
3. a softmax temperature fitted on the dev predictions (log-loss), as for the embedding head;
4. cross-validated figures on our own lines (5 folds; GoEmotions train in every fold);
5. the train-only head is written for tuning and the benchmark
   (benchmarks/data/emotions_wording_train_only.npz); the final head is refitted on GoEmotions
   train + all our own lines (vocabulary from those lines) and written.
The GoEmotions test split is never read here. Written for Nearer, MIT.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from goemotions import family_of, read_split  # noqa: E402
from scoring import softmax  # noqa: E402
from train_emotions import SEED, log_loss, macro_f1_argmax, own, per_label, predict_sets  # noqa: E402

from nearer.analysis import tfidf  # noqa: E402
from nearer.analysis.emotion_head import FAMILIES  # noqa: E402
from nearer.analysis.emotions.wording import EmotionWordingHead, model_path, save_head  # noqa: E402

TRAIN_ONLY = ROOT / "benchmarks" / "data" / "emotions_wording_train_only.npz"
MIN_LINES = 2  # a key must appear in this many training lines to join the vocabulary
KINDS_GRID: tuple[tuple[str, ...], ...] = (("words",), ("pieces",), ("pieces", "words"))
LIMITS = (8_000, 16_000, 32_000)  # vocabulary sizes tried (32,000 keys: a file of about 1 MB)
C_GRID = (0.5, 1.0, 2.0, 4.0)
OWN_WEIGHTS = (6.0, 12.0)
BALANCED = True  # as the embedding head (train_emotions.py chose balanced families)


Rows = list[tuple[str, list[str]]]


def goemotions_rows(split: str) -> Rows:
    """The split's rows with at least one mapped family (families deduplicated, label order)."""
    table = family_of()
    rows = []
    for text, labels in read_split(split):
        families = list(dict.fromkeys(f for f in (table[label] for label in labels) if f))
        if families:
            rows.append((text, families))
    return rows


def label_matrix(rows: Rows) -> NDArray[np.bool_]:
    y = np.zeros((len(rows), len(FAMILIES)), dtype=bool)
    for i, (_, families) in enumerate(rows):
        for family in families:
            y[i, FAMILIES.index(family)] = True
    return y


class Counts:
    """Every text's feature counts per kind, computed once (the app's own tfidf functions)."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, str], Counter[str]] = {}

    def of(self, text: str, kind: str) -> Counter[str]:
        key = (kind, text)
        if key not in self.memo:
            self.memo[key] = tfidf.KINDS[kind](text)
        return self.memo[key]


class Vocabulary:
    """The LIMIT keys held by the most training lines (at least MIN_LINES), sorted, with idf."""

    def __init__(self, counts: Counts, texts: list[str], kinds: tuple[str, ...], limit: int) -> None:
        holding: Counter[str] = Counter()
        for text in texts:
            for kind in kinds:
                holding.update(counts.of(text, kind).keys())
        common = sorted((k for k, n in holding.items() if n >= MIN_LINES), key=lambda k: (-holding[k], k))
        self.kinds = kinds
        self.words = tuple(sorted(common[:limit]))
        self.index = {k: i for i, k in enumerate(self.words)}
        n = len(texts)
        self.idf = np.array([math.log((1 + n) / (1 + holding[k])) + 1 for k in self.words],
                            dtype=np.float32)

    def matrix(self, counts: Counts, texts: list[str]) -> Any:
        """tf-idf rows exactly as the app computes them (tfidf.weighted per kind, joined)."""
        from scipy.sparse import csr_matrix

        indptr, cols, vals = [0], [], []
        for text in texts:
            for kind in self.kinds:
                c, v = tfidf.weighted(counts.of(text, kind), self.index, self.idf)
                cols += c
                vals += v
            indptr.append(len(cols))
        return csr_matrix((np.array(vals, np.float64), np.array(cols, np.int64), np.array(indptr)),
                          shape=(len(texts), len(self.words)))

    def head(self, model: Any, temperature: float, meta: dict[str, Any]) -> EmotionWordingHead:
        return EmotionWordingHead(self.words, self.idf, model.coef_.astype(np.float32),
                                  model.intercept_.astype(np.float32), temperature, self.kinds, meta)


def fit(parts: list[tuple[Any, NDArray[np.bool_], float]], c: float) -> Any:
    """One sample per (row, family), weighted weight / k for a row with k families; the families
    balanced when BALANCED (as train_emotions.fit does)."""
    from scipy.sparse import vstack
    from sklearn.linear_model import LogisticRegression

    xs, ys, ws = [], [], []
    for x, y, weight in parts:
        rows, cols = np.nonzero(y)
        k = y.sum(axis=1)
        xs.append(x[rows])
        ys.append(cols)
        ws.append(weight / k[rows])
    label = np.concatenate(ys).astype(np.int64)
    w = np.concatenate(ws)
    if BALANCED:
        totals = np.bincount(label, weights=w, minlength=len(FAMILIES))
        w = w * (totals.sum() / (len(FAMILIES) * totals))[label]
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    return model.fit(vstack(xs).tocsr(), label, sample_weight=w)


def main() -> int:
    go_train, go_dev = goemotions_rows("train"), goemotions_rows("dev")
    own_train, own_dev = own("emotions_train"), own("emotions_dev")
    print(f"rows: GoEmotions train {len(go_train)}, dev {len(go_dev)}; own train {len(own_train)}, "
          f"dev {len(own_dev)}", flush=True)
    y = {name: label_matrix(rows) for name, rows in
         (("go_train", go_train), ("go_dev", go_dev), ("own_train", own_train), ("own_dev", own_dev))}
    text = {name: [t for t, _ in rows] for name, rows in
            (("go_train", go_train), ("go_dev", go_dev), ("own_train", own_train), ("own_dev", own_dev))}
    counts = Counts()
    vocab_texts = text["go_train"] + text["own_train"]

    # 2. The grid, on the dev sets.
    results: dict[tuple[tuple[str, ...], int, float, float], tuple[float, float]] = {}
    for kinds in KINDS_GRID:
        for limit in LIMITS:
            vocab = Vocabulary(counts, vocab_texts, kinds, limit)
            x = {name: vocab.matrix(counts, text[name]) for name in text}
            for c in C_GRID:
                for weight in OWN_WEIGHTS:
                    model = fit([(x["go_train"], y["go_train"], 1.0), (x["own_train"], y["own_train"], weight)], c)
                    f_go = macro_f1_argmax(model.predict_proba(x["go_dev"]), y["go_dev"])
                    f_own = macro_f1_argmax(model.predict_proba(x["own_dev"]), y["own_dev"])
                    results[(kinds, limit, c, weight)] = (f_go, f_own)
                    print(f"  kinds={'+'.join(kinds)} vocabulary={len(vocab.words)} C={c:g} own weight={weight:g}: "
                          f"dev macro-F1 GoEmotions {f_go:.3f}, own {f_own:.3f}, mean {(f_go + f_own) / 2:.3f}",
                          flush=True)
    best = max(results, key=lambda k: (sum(results[k]) / 2, -k[1]))  # a tie goes to the smaller file
    kinds, limit, c, weight = best
    print(f"chosen: kinds={'+'.join(kinds)}, vocabulary limit {limit}, C={c:g}, own weight {weight:g}: "
          f"dev {results[best][0]:.3f} / {results[best][1]:.3f}", flush=True)

    vocab = Vocabulary(counts, vocab_texts, kinds, limit)
    x = {name: vocab.matrix(counts, text[name]) for name in text}
    model = fit([(x["go_train"], y["go_train"], 1.0), (x["own_train"], y["own_train"], weight)], c)

    # 3. Temperature on the dev predictions (both dev sets together).
    from scipy.sparse import vstack

    dev_x = vstack([x["go_dev"], x["own_dev"]]).tocsr()
    dev_y = np.concatenate([y["go_dev"], y["own_dev"]])
    logits = model.decision_function(dev_x)
    temps = np.arange(0.3, 3.01, 0.05)
    temperature = round(float(min(temps, key=lambda t: log_loss(softmax(logits, float(t)), dev_y))), 2)
    print(f"temperature {temperature}: dev log-loss {log_loss(softmax(logits, 1.0), dev_y):.4f} -> "
          f"{log_loss(softmax(logits, temperature), dev_y):.4f}", flush=True)

    # The app's featuriser and the training matrix agree (the head reads as it was trained).
    train_only = vocab.head(model, temperature, {})
    sample = text["own_dev"][:50]
    app = train_only.probabilities(sample)
    assert np.allclose(app, softmax(model.decision_function(x["own_dev"][:50]), temperature), atol=1e-4)

    dev_figures = {name: round(macro_f1_argmax(softmax(model.decision_function(x[name]), temperature), y[name]), 3)
                   for name in ("go_dev", "own_dev")}
    print(f"dev macro-F1 (top family, head alone, train only): {dev_figures}", flush=True)

    # 4. Cross-validated on our own lines (5 folds; GoEmotions train in every fold; the fold's
    #    vocabulary is the train-only one: a fold's held-out lines may hold keys it never saw).
    own_all = text["own_train"] + text["own_dev"]
    own_y = np.concatenate([y["own_train"], y["own_dev"]])
    own_x = vstack([x["own_train"], x["own_dev"]]).tocsr()
    order = np.random.default_rng(SEED).permutation(len(own_all))
    oof = np.zeros((len(own_all), len(FAMILIES)))
    for fold in np.array_split(order, 5):
        rest = np.setdiff1d(order, fold)
        fold_model = fit([(x["go_train"], y["go_train"], 1.0), (own_x[rest], own_y[rest], weight)], c)
        oof[fold] = softmax(fold_model.decision_function(own_x[fold]), temperature)
    cv = per_label(predict_sets(oof, dict.fromkeys(FAMILIES, 1.0)), own_y)  # top family only
    cv["macro_f1_argmax"] = {"f1": round(macro_f1_argmax(oof, own_y), 3)}
    print("cross-validated on own lines (5 folds, top family):", json.dumps(cv), flush=True)

    grid = [{"kinds": "+".join(k[0]), "limit": k[1], "C": k[2], "own_weight": k[3],
             "goemotions_dev": round(v[0], 3), "own_dev": round(v[1], 3)} for k, v in results.items()]
    meta = {"kinds": list(kinds), "limit": limit, "C": c, "own_weight": weight, "balanced": BALANCED,
            "seed": SEED, "min_lines": MIN_LINES, "dev": dev_figures, "cv_own": cv, "grid": grid}
    train_only = vocab.head(model, temperature, {
        **meta, "trained_on": "GoEmotions train (mapped) + emotions_train.jsonl only",
        "counts": {"goemotions_train": len(go_train), "own": len(own_train)}})
    save_head(TRAIN_ONLY, train_only)
    print(f"wrote {TRAIN_ONLY} ({TRAIN_ONLY.stat().st_size:,} bytes)")

    # 5. The final head: GoEmotions train + all our own lines (the vocabulary from those lines).
    full = Vocabulary(counts, text["go_train"] + own_all, kinds, limit)
    final = fit([(full.matrix(counts, text["go_train"]), y["go_train"], 1.0),
                 (full.matrix(counts, own_all), own_y, weight)], c)
    head = full.head(final, temperature, {
        **meta, "trained_on": "GoEmotions train (mapped) + emotions_train.jsonl + emotions_dev.jsonl",
        "counts": {"goemotions_train": len(go_train), "own": len(own_all)}})
    out = model_path() if len(sys.argv) < 2 else Path(sys.argv[1])
    save_head(out, head)
    print(f"wrote {out} ({out.stat().st_size:,} bytes; vocabulary {len(full.words)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
