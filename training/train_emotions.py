"""Train the emotion head into src/nearer/analysis/models/emotions.npz.

Run: `make train` (needs the `train` extra: scikit-learn). Reproducible: fixed folds (SEED), a
deterministic solver, embeddings cached under .cache/train/ (git-ignored).

Data: the GoEmotions train split (../shared/data/goemotions/, Apache-2.0) mapped to the seven
families with data/train/goemotions_families.yaml, plus Nearer's own journal-style lines
(data/train/emotions_train.jsonl). A row with several families counts once per family, each copy
weighted 1/k; our own lines carry an extra weight (OWN_WEIGHTS, chosen on dev) because there are
30 times fewer of them and they are the kind of text Nearer reads.

Steps (each printed):
1. choose C, the weight of our own lines and whether the families are balanced (each family's
   samples scaled to the same total weight) on the dev sets (GoEmotions dev + emotions_dev), by
   the mean of the two macro-F1 figures (argmax family);
2. fit a softmax temperature on the dev predictions (calibration);
3. per family, the threshold that maximises that family's F1 on the dev sets;
4. cross-validated figures on our own lines (5 folds; GoEmotions train in every fold);
5. the final head is fitted on GoEmotions train + all our own lines and written; the head fitted
   without our dev lines is kept for the benchmark (benchmarks/data/emotions_head_train_only.npz).
The GoEmotions test split is never read here: benchmarks/emotion_models.py scores it, to report.
Written for Nearer, MIT.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

import splits  # noqa: E402
from embed_cache import cached_embed  # noqa: E402
from goemotions import family_of, read_split  # noqa: E402
from scoring import figures, softmax  # noqa: E402

from nearer.analysis.emotion_head import FAMILIES, EmotionHead, model_path, save_head  # noqa: E402

DATA = ROOT / "data" / "train"
TRAIN_ONLY = ROOT / "benchmarks" / "data" / "emotions_head_train_only.npz"
SEED = 1234
C_GRID = (2.0, 8.0)  # round 1 also tried 0.5, never chosen
OWN_WEIGHTS = (6.0, 12.0)  # round 1: (2, 6), 6 chosen
BALANCE = (False, True)  # True: every family carries the same total weight (GoEmotions is 40 % joy / neutral)


def own(name: str) -> list[tuple[str, list[str]]]:
    return [(r["text"], list(r["families"])) for r in splits.rows(name)]


def goemotions_set(split: str) -> Set:
    """GoEmotions rows with at least one mapped family (families deduplicated, in label order).
    The whole split is embedded (and cached) as one list, then the mapped rows are kept."""
    table = family_of()
    raw = read_split(split)
    vectors = cached_embed([text for text, _ in raw], f"GoEmotions {split}")
    rows, keep = [], []
    for i, (text, labels) in enumerate(raw):
        families = list(dict.fromkeys(f for f in (table[label] for label in labels) if f))
        if families:
            rows.append((text, families))
            keep.append(i)
    return Set(f"goemotions-{split}", rows, vectors[np.array(keep)])


class Set:
    """Rows, their embeddings and label matrix."""

    def __init__(self, name: str, rows: list[tuple[str, list[str]]], vectors: NDArray[np.float32]):
        self.name = name
        self.rows = rows
        self.x = vectors
        self.y = np.zeros((len(rows), len(FAMILIES)), dtype=bool)
        for i, (_, families) in enumerate(rows):
            for family in families:
                self.y[i, FAMILIES.index(family)] = True

    def subset(self, index: NDArray[np.int64]) -> Set:
        return Set(self.name, [self.rows[i] for i in index], self.x[index])


def expand(parts: list[tuple[Set, float]]) -> tuple[NDArray[np.float32], NDArray[np.int64], NDArray[np.float64]]:
    """One sample per (row, family), weighted weight / k for a row with k families."""
    xs, ys, ws = [], [], []
    for data, weight in parts:
        rows, cols = np.nonzero(data.y)
        k = data.y.sum(axis=1)
        xs.append(data.x[rows])
        ys.append(cols)
        ws.append(weight / k[rows])
    return np.concatenate(xs), np.concatenate(ys).astype(np.int64), np.concatenate(ws)


def fit(parts: list[tuple[Set, float]], c: float, balance: bool = False) -> Any:
    from sklearn.linear_model import LogisticRegression

    x, y, w = expand(parts)
    if balance:  # scale each family's samples so every family's total weight is the same
        totals = np.bincount(y, weights=w, minlength=len(FAMILIES))
        w = w * (totals.sum() / (len(FAMILIES) * totals))[y]
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    return model.fit(x, y, sample_weight=w)


def macro_f1_argmax(probs: NDArray[np.float64], y: NDArray[np.bool_]) -> float:
    """Macro-F1 over families, one predicted family per row; a row is right for a family when
    that family is among its labels."""
    pred = probs.argmax(axis=1)
    scores = []
    for f in range(len(FAMILIES)):
        tp = int(((pred == f) & y[:, f]).sum())
        fp = int(((pred == f) & ~y[:, f]).sum())
        fn = int(((pred != f) & y[:, f]).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


def predict_sets(probs: NDArray[np.float64], thresholds: dict[str, float]) -> NDArray[np.bool_]:
    """Families at or over their threshold; the most probable one when none is."""
    t = np.array([thresholds[f] for f in FAMILIES])
    pred = probs >= t
    none = ~pred.any(axis=1)
    pred[none, probs[none].argmax(axis=1)] = True
    return pred


def per_label(pred: NDArray[np.bool_], y: NDArray[np.bool_]) -> dict[str, dict[str, float]]:
    out = {family: figures(pred[:, f], y[:, f]) for f, family in enumerate(FAMILIES)}
    out["macro_f1"] = {"f1": round(float(np.mean([v["f1"] for v in out.values()])), 3)}
    return out


def log_loss(probs: NDArray[np.float64], y: NDArray[np.bool_]) -> float:
    target = y / y.sum(axis=1, keepdims=True)
    return float(-(target * np.log(np.clip(probs, 1e-12, 1))).sum(axis=1).mean())


def main() -> int:
    print("loading and embedding (cached under .cache/train/)")
    go_train, go_dev = goemotions_set("train"), goemotions_set("dev")
    go_train_rows, go_dev_rows = go_train.rows, go_dev.rows
    own_train_rows, own_dev_rows = own("emotions_train"), own("emotions_dev")
    own_train = Set("own-train", own_train_rows, cached_embed([t for t, _ in own_train_rows], "own train"))
    own_dev = Set("own-dev", own_dev_rows, cached_embed([t for t, _ in own_dev_rows], "own dev"))
    print(f"rows: GoEmotions train {len(go_train_rows)}, dev {len(go_dev_rows)}; "
          f"own train {len(own_train_rows)}, dev {len(own_dev_rows)}")

    # 1. C and our lines' weight, on the dev sets.
    results = {}
    for c in C_GRID:
        for weight in OWN_WEIGHTS:
            for balance in BALANCE:
                model = fit([(go_train, 1.0), (own_train, weight)], c, balance)
                f_go = macro_f1_argmax(model.predict_proba(go_dev.x), go_dev.y)
                f_own = macro_f1_argmax(model.predict_proba(own_dev.x), own_dev.y)
                results[(c, weight, balance)] = (f_go + f_own) / 2
                print(f"  C={c} own weight={weight} balanced={balance}: dev macro-F1 GoEmotions "
                      f"{f_go:.3f}, own {f_own:.3f}", flush=True)
    best_c, best_w, best_b = max(results, key=lambda k: results[k])
    print(f"chosen: C={best_c}, own weight={best_w}, balanced={best_b}")
    model = fit([(go_train, 1.0), (own_train, best_w)], best_c, best_b)

    # 2. Temperature on the dev predictions (both dev sets together).
    dev_x = np.concatenate([go_dev.x, own_dev.x])
    dev_y = np.concatenate([go_dev.y, own_dev.y])
    logits = model.decision_function(dev_x)
    temps = np.arange(0.3, 3.01, 0.05)
    temperature = round(float(min(temps, key=lambda t: log_loss(softmax(logits, float(t)), dev_y))), 2)
    print(f"temperature {temperature}: dev log-loss {log_loss(softmax(logits, 1.0), dev_y):.4f} -> "
          f"{log_loss(softmax(logits, temperature), dev_y):.4f}")

    # 3. Thresholds per family: the one that maximises the family's F1 on the dev sets.
    probs = softmax(logits, temperature)
    thresholds = {}
    for f, family in enumerate(FAMILIES):
        best, best_f1 = 0.5, -1.0
        for t in np.arange(0.10, 0.91, 0.01):
            pred = probs[:, f] >= t
            tp = int((pred & dev_y[:, f]).sum())
            f1 = 2 * tp / (pred.sum() + dev_y[:, f].sum()) if tp else 0.0
            if f1 > best_f1:
                best, best_f1 = round(float(t), 2), f1
        thresholds[family] = best
    print("thresholds chosen on dev:", thresholds)
    dev_figures = {}
    for data in (go_dev, own_dev):
        p = softmax(model.decision_function(data.x), temperature)
        dev_figures[data.name] = per_label(predict_sets(p, thresholds), data.y)
        dev_figures[data.name]["macro_f1_argmax"] = {"f1": round(macro_f1_argmax(p, data.y), 3)}
        print(f"dev {data.name} (head fitted on train only):", json.dumps(dev_figures[data.name]))

    # 4. Cross-validated figures on our own lines (GoEmotions train in every fold).
    own_all = Set("own", own_train_rows + own_dev_rows, np.concatenate([own_train.x, own_dev.x]))
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(own_all.rows))
    folds = np.array_split(order, 5)
    oof = np.zeros((len(own_all.rows), len(FAMILIES)))
    for fold in folds:
        rest = np.setdiff1d(order, fold)
        fold_model = fit([(go_train, 1.0), (own_all.subset(rest), best_w)], best_c, best_b)
        oof[fold] = softmax(fold_model.decision_function(own_all.x[fold]), temperature)
    cv_figures = per_label(predict_sets(oof, thresholds), own_all.y)
    cv_figures["macro_f1_argmax"] = {"f1": round(macro_f1_argmax(oof, own_all.y), 3)}
    print("cross-validated on own lines (5 folds):", json.dumps(cv_figures))

    # 5. Final head on GoEmotions train + all our own lines; the train-only head for benchmarks.
    final = fit([(go_train, 1.0), (own_all, best_w)], best_c, best_b)
    meta = {
        "trained_on": "GoEmotions train (mapped) + data/train/emotions_train.jsonl + emotions_dev.jsonl",
        "counts": {"goemotions_train": len(go_train_rows), "own": len(own_all.rows)},
        "C": best_c, "own_weight": best_w, "balanced": best_b, "seed": SEED,
        "dev": dev_figures, "cv_own": cv_figures,
    }
    head = EmotionHead(final.coef_.astype(np.float32), final.intercept_.astype(np.float32),
                       temperature, thresholds, meta)
    out = model_path() if len(sys.argv) < 2 else Path(sys.argv[1])
    save_head(out, head)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    train_only = EmotionHead(model.coef_.astype(np.float32), model.intercept_.astype(np.float32),
                             temperature, thresholds,
                             {**meta, "trained_on": "GoEmotions train (mapped) + emotions_train.jsonl only"})
    save_head(TRAIN_ONLY, train_only)
    print(f"wrote {TRAIN_ONLY} ({TRAIN_ONLY.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
