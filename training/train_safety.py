"""Train the learned safety head from data/train/ into src/nearer/analysis/models/safety.npz.

Run: `make train` (needs the `train` extra: scikit-learn). Reproducible: the folds are fixed by
voice, the solver is deterministic, and SEED fixes anything random. Embeddings of the training
lines are computed once and cached under .cache/train/safety (git-ignored). Compare the
candidate ways of training with `python training/train_safety.py --explore`.

Steps (each printed):
1. read every line's units with the app's own model_spans() (sentences, plus pairs of neighbouring
   sentences; the semantic stage's length floor applied) as the app reads them (Doc.unit_rows: a
   sentence alone, a pair of a longer line pooled from one encoder pass over it), so lines are
   scored exactly as the app scores them, and every line's whole text (its training row);
2. for the chosen Config (or, with --explore, every candidate): leave-one-voice-out over all
   data (10 folds), a softmax temperature fitted on the out-of-fold logits;
3. thresholds chosen on the dev split (voices never trained on) with a head fitted on train only:
   per kind, the lowest threshold whose false alarms on dev `none` lines stay within
   MAX_DEV_FALSE_ALARM; the who head's threshold likewise keeps writer-harmed lines from being
   called threats;
4. refit both heads on train + dev and write the weights (and the train-only heads for the
   benchmark).

Harsh-but-safe messages: every kind head (each fold, the train-only head, the final head) is also
fitted on the coach's TRAINING drafts that carry no threat (data/train/coach_train.jsonl; never
coach_dev), as extra `none` rows weighted COACH_NONE_WEIGHT, so stonewalling and other harsh
drafts stop reading as self-harm. A draft the safety rules flag, or one of the writer's own
distress (`"distress": true`), is left out, so a real disclosure is never taught as none. These rows
are only ever trained on: cross-validated and dev figures score the safety lines alone, and the
coach's dev drafts are a second dev check (head only, printed). `--coach-weights` compares
weights on the dev split without the leave-one-voice-out runs.
Written for Nearer, MIT.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import splits  # noqa: E402
from scoring import figures, softmax  # noqa: E402

from nearer.analysis.safety import model_spans, semantic  # noqa: E402
from nearer.analysis.safety.model import CLASSES, KINDS, SafetyHead, model_path, save_head  # noqa: E402
from nearer.analysis.text import Doc, embed_docs, read_docs_whole  # noqa: E402

DATA = ROOT / "data" / "train"
CACHE = ROOT / ".cache" / "train" / "safety"
TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_head_train_only.npz"
SEED = 1234
# Weight of each coach training draft's rows against a safety line's, chosen with
# --coach-weights on the dev split (MODEL_CARD.md, "Thresholds"): the largest weight whose dev
# recall per kind stays within 1 point of no coach rows at no more dev false alarms. Heavier
# weights cleared more coach drafts but cost violence recall (0.767 -> 0.743 at 0.25).
COACH_NONE_WEIGHT = 0.05
MAX_RECALL_LOSS = 0.01
WEIGHT_TEMPERATURE = 1.5  # out of fold, without coach rows (the head before them)
COACH_WEIGHTS = (0.0, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0)
# Weight of each kind draft's rows (gentle_draft_lines), chosen with --gentle-weights on the dev
# split by the same rule (MODEL_CARD.md, "Warm messages"): 2 kept recall within a point of 0.05
# at no more false alarms and flagged the fewest coach dev drafts; 4 lost 5 points of violence.
COACH_GENTLE_WEIGHT = 2.0
GENTLE_WEIGHTS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0)
# Per kind, on dev none lines (the first head's setting): dev stays within 3 % for both kinds
# together. Leave-one-voice-out lets more through (4.4 %); 0.01 keeps that within 3 % too, at a
# cost in recall (MODEL_CARD.md, "Thresholds"), so it is a policy choice, left as before.
MAX_DEV_FALSE_ALARM = 0.015
MAX_WHO_CONFUSION = 0.05  # writer-harmed dev lines called "writer threatens"
THRESHOLD_FLOOR = 0.30


def load(name: str) -> list[dict[str, Any]]:
    return splits.training_rows(name)


def _key(norm: str, span: tuple[int, int]) -> str:
    return f"{span[0]}:{span[1]}\0{norm}"


def cached_unit_rows(docs: list[Doc], spans: list[list[tuple[int, int]]]) -> dict[str, Any]:
    """Each span's row as the app reads it (Doc.unit_rows), by _key; rows computed before are
    read from CACHE (one file per batch of new texts, keyed by the model), so adding lines reads
    only those."""
    from nearer.analysis.embeddings import model_id

    folder = CACHE / model_id()[:16] / "units"
    known: dict[str, Any] = {}
    for path in sorted(folder.glob("*.npz")):
        with np.load(path, allow_pickle=False) as data:
            known.update(zip(data["keys"].tolist(), data["vectors"], strict=True))
    todo = [(d, [sp for sp in mine if _key(d.norm, sp) not in known])
            for d, mine in zip(docs, spans, strict=True)]
    todo = [(d, mine) for d, mine in todo if mine]
    if todo:
        read_docs_whole([d for d, _ in todo if d.needs_pass()])
        keys = [_key(d.norm, sp) for d, mine in todo for sp in mine]
        embed_docs([d for d, _ in todo], [[d.norm[a:b] for a, b in mine if d.reads_alone((a, b))]
                                          for d, mine in todo])
        vectors = np.concatenate([d.unit_rows(mine) for d, mine in todo]).astype(np.float32)
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256("\0".join(keys).encode()).hexdigest()[:20]
        np.savez(folder / f"{name}.npz", keys=np.array(keys), vectors=vectors)
        known.update(zip(keys, vectors, strict=True))
        print(f"read {len(keys)} new units ({len(known)} cached)")
    return known


class Units:
    """Every unit of every line embedded once; lines index into the unit matrix.

    `index` holds, per line, the units the app would score (model_spans, then the semantic
    stage's length floor), so cross-validated and dev figures score lines
    exactly as the app does: a line whose every sentence sits in a frame the head does not judge
    scores nothing (none). `whole` is the line as one unit, always the whole text (before, a
    multi-sentence line with a sentence in a blurred frame trained as its last sentence).
    `parts` are the line's sentences when it has several (the extra none rows, below).
    """

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        docs = [Doc(r["text"]) for r in rows]
        per_line = [_scored_spans(doc) for doc in docs]
        wholes = [(0, len(doc.norm)) for doc in docs]
        parts = [[u for u in units if doc.norm[u[0]:u[1]].strip() != doc.norm.strip()]
                 for doc, units in zip(docs, per_line, strict=True)]
        wanted = [list(dict.fromkeys([*units, w, *p]))
                  for units, w, p in zip(per_line, wholes, parts, strict=True)]
        rows_of = cached_unit_rows(docs, wanted)
        unique = sorted({_key(d.norm, sp) for d, mine in zip(docs, wanted, strict=True)
                         for sp in mine})
        where = {u: i for i, u in enumerate(unique)}
        self.vectors = np.stack([rows_of[u] for u in unique]).astype(np.float32)
        self.index = [[where[_key(d.norm, u)] for u in units]
                      for d, units in zip(docs, per_line, strict=True)]
        self.whole = np.array([where[_key(d.norm, w)] for d, w in zip(docs, wholes, strict=True)])
        self.parts = [[where[_key(d.norm, u)] for u in p] for d, p in zip(docs, parts, strict=True)]

    def line_vectors(self) -> NDArray[np.float32]:
        return self.vectors[self.whole]

    def max_probs(self, probs_of_units: NDArray[np.float64]) -> NDArray[np.float64]:
        """Per line, the highest probability of each kind over its units (as the app does);
        a line with no unit the head may read is none with certainty."""
        nothing = np.zeros(probs_of_units.shape[1])
        nothing[0] = 1.0
        return np.stack([probs_of_units[ix].max(axis=0) if ix else nothing for ix in self.index])


def _scored_spans(doc: Doc) -> list[tuple[int, int]]:
    """The units the app's semantic stage scores in a text: model_spans, each long enough to
    judge (semantic.long_enough)."""
    return [(s, e) for s, e in model_spans(doc) if semantic.long_enough(doc.norm[s:e])]


class Extra:
    """Rows every kind head is also fitted on: coach training drafts as `none` (each draft's
    whole text and, when it has several sentences, each sentence), each group at its weight."""

    def __init__(self, *groups: tuple[Units, float]) -> None:
        vectors, weights = [], []
        for units, weight in groups:
            if weight <= 0:
                continue
            index = list(units.whole) + [i for p in units.parts for i in p]
            vectors.append(units.vectors[index])
            weights.append(np.full(len(index), weight))
        dims = groups[0][0].vectors.shape[1] if groups else 384
        self.vectors = np.concatenate(vectors) if vectors else np.zeros((0, dims), np.float32)
        self.weights = np.concatenate(weights) if weights else np.zeros(0)


def _safe_drafts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drafts that may be taught as `none`: no `threat` kind, not the writer's own distress,
    and no safety rule fires on them."""
    from nearer.analysis.safety import assess

    return [r for r in rows if "threat" not in r["kinds"] and not r.get("distress")
            and not assess(r["text"], deep=False).flagged]


def coach_none_lines() -> list[dict[str, Any]]:
    """The coach's training drafts that may be taught as `none`, harsh and kind (the wording
    head's extra rows)."""
    return _safe_drafts(load("coach_train"))


def harsh_draft_lines() -> list[dict[str, Any]]:
    """Coach training drafts with a harsh kind (not a threat), taught as `none`."""
    return [r for r in coach_none_lines() if r["kinds"]]


def gentle_draft_lines() -> list[dict[str, Any]]:
    """Kind drafts (no harsh kind at all) from the coach's training split, taught as `none` at
    their own, heavier weight: warm messages ("whatever u wanna watch", "I'm done with work,
    coming home") are what the safety head must leave alone."""
    return [r for r in coach_none_lines() if not r["kinds"]]


@dataclass(frozen=True)
class Config:
    """One way to train the kind head (compared by --explore; FINAL is what ships)."""

    c: float = 4.0  # inverse L2 strength of the logistic regression
    balanced: bool = False  # class weights inversely proportional to class counts
    rows: str = "whole"  # "whole": one row per line; "none_parts": plus each sentence of a
    # several-sentence none line as a none row; "all_parts": plus every line's sentences with
    # the line's label
    mlp: int = 0  # hidden units of a one-layer MLP instead of the regression (0: regression)
    self_harm_weight: float = 1.0  # weight of each self_harm row against the others'

    def name(self) -> str:
        kind = f"mlp{self.mlp}" if self.mlp else "lr"
        weighted = f" self_harm x{self.self_harm_weight:g}" if self.self_harm_weight != 1 else ""
        return (f"{kind} C={self.c:g} {'balanced' if self.balanced else 'unweighted'} "
                f"{self.rows}{weighted}")


# Compared by `train_safety.py --explore` (leave-one-voice-out; see score_of and MODEL_CARD.md).
CANDIDATES = (
    Config(1.0), Config(4.0), Config(16.0),
    Config(4.0, balanced=True),
    Config(4.0, rows="none_parts"), Config(16.0, rows="none_parts"),
    Config(4.0, balanced=True, rows="none_parts"),
    Config(4.0, rows="all_parts"),
    Config(4.0, mlp=64), Config(1.0, mlp=64, rows="none_parts"),
)
# Chosen on the second batch of data (MODEL_CARD.md): C = 16 with the none lines' sentences as
# extra none rows had the fewest leave-one-voice-out false alarms at the dev thresholds and,
# with C = 16 on whole lines, the best score (0.556 / 0.559, a tie); MLPs did no better.
FINAL = Config(16.0, rows="none_parts")
WHO_C = 4.0  # the who head's regularisation (unchanged from the first head)


class Fitted:
    """A fitted kind head that gives logits (log-probabilities for the MLP)."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def logits(self, x: NDArray[np.float32]) -> NDArray[np.float64]:
        if hasattr(self.model, "decision_function"):
            out: NDArray[np.float64] = self.model.decision_function(x)
            return out
        return np.log(np.clip(self.model.predict_proba(x), 1e-12, None))


def training_rows(units: Units, y: NDArray[np.int64], lines: NDArray[np.bool_], rows: str,
                  extra: Extra | None = None
                  ) -> tuple[NDArray[np.float32], NDArray[np.int64], NDArray[np.float64]]:
    """The rows a head is fitted on from the chosen lines (see Config.rows), plus the extra
    `none` rows, and each row's weight."""
    chosen = np.flatnonzero(lines)
    index = list(units.whole[chosen])
    labels = list(y[chosen])
    if rows != "whole":
        for line in chosen:
            if rows == "all_parts" or y[line] == 0:
                index += units.parts[line]
                labels += [y[line]] * len(units.parts[line])
    x, weights = units.vectors[index], np.ones(len(index))
    if extra is not None and len(extra.vectors):
        x = np.concatenate([x, extra.vectors])
        labels += [0] * len(extra.vectors)
        weights = np.concatenate([weights, extra.weights])
    return x, np.array(labels, dtype=np.int64), weights


def fit(x: NDArray[np.float32], y: NDArray[np.int64], weights: NDArray[np.float64], cfg: Config
        ) -> Fitted:
    if cfg.mlp:  # the MLP takes no row weights: every row counts once
        from sklearn.neural_network import MLPClassifier

        mlp = MLPClassifier(hidden_layer_sizes=(cfg.mlp,), alpha=1.0 / cfg.c, max_iter=400,
                            random_state=SEED)
        return Fitted(mlp.fit(x, y))
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=cfg.c, max_iter=5000, random_state=SEED,
                               class_weight="balanced" if cfg.balanced else None)
    if cfg.self_harm_weight != 1.0:
        weights = np.where(y == CLASSES.index("self_harm"), weights * cfg.self_harm_weight, weights)
    return Fitted(model.fit(x, y, sample_weight=weights))


def grouped_oof(units: Units, y: NDArray[np.int64], groups: list[str], cfg: Config,
                extra: Extra | None = None) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Leave-one-voice-out over all lines: out-of-fold logits of each line's whole text and of
    every unit (rows of units no held-out line uses stay zero)."""
    logits = np.zeros((len(y), len(CLASSES)))
    unit_logits = np.zeros((len(units.vectors), len(CLASSES)))
    for voice in sorted(set(groups)):
        test = np.array([g == voice for g in groups])
        model = fit(*training_rows(units, y, ~test, cfg.rows, extra), cfg)
        logits[test] = model.logits(units.vectors[units.whole[test]])
        held = sorted({i for line, ix in enumerate(units.index) if test[line] for i in ix})
        if held:
            unit_logits[held] = model.logits(units.vectors[held])
    return logits, unit_logits


def fit_temperature(logits: NDArray[np.float64], y: NDArray[np.int64]) -> float:
    temps = np.arange(0.3, 3.01, 0.05)
    return round(float(min(temps, key=lambda t: log_loss(logits, y, float(t)))), 2)


def log_loss(logits: NDArray[np.float64], y: NDArray[np.int64], temperature: float) -> float:
    p = softmax(logits, temperature)
    return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, None))))


def per_label(pred: NDArray[np.int64], y: NDArray[np.int64]) -> dict[str, dict[str, float]]:
    return {name: figures(pred == k, y == k) for k, name in enumerate(CLASSES)}


def flag_predictions(maxp: NDArray[np.float64], thresholds: dict[str, float]) -> NDArray[np.int64]:
    """The app's decision per line: the kind whose probability passes its threshold by the
    widest margin, else none."""
    pred = np.zeros(len(maxp), dtype=np.int64)
    margins = np.stack([maxp[:, 1 + i] - thresholds[k] for i, k in enumerate(KINDS)], axis=1)
    passing = margins.max(axis=1) >= 0
    pred[passing] = 1 + margins[passing].argmax(axis=1)
    return pred


# Per line of train + dev, the pool its `none` false alarms count in: "ordinary" (everyday
# relationship journaling, `"style": "ordinary"`) or "lookalike" (everything else: the hard
# look-alikes). Set by main(). A threshold keeps EACH pool within MAX_DEV_FALSE_ALARM, so adding
# easy ordinary lines never loosens the thresholds the look-alikes set.
POOLS: NDArray[np.str_] = np.array([], dtype=str)


def choose_threshold(scores_none: NDArray[np.float64], pools: NDArray[np.str_]) -> float:
    for t in np.arange(THRESHOLD_FLOOR, 0.99, 0.01):
        if all(float((scores_none[pools == pool] >= t).mean()) <= MAX_DEV_FALSE_ALARM
               for pool in set(pools.tolist())):
            return round(float(t), 2)
    return 0.99


def recall_at(maxp: NDArray[np.float64], y: NDArray[np.int64], thresholds: dict[str, float]
              ) -> dict[str, float]:
    pred = flag_predictions(maxp, thresholds)
    out = {k: round(float((pred[y == 1 + i] == 1 + i).mean()), 3) for i, k in enumerate(KINDS)}
    out["false_alarms"] = round(float((pred[y == 0] != 0).mean()), 3)
    return out


def per_voice(maxp: NDArray[np.float64], y: NDArray[np.int64], groups: list[str],
              thresholds: dict[str, float]) -> dict[str, dict[str, Any]]:
    pred = flag_predictions(maxp, thresholds)
    out: dict[str, dict[str, Any]] = {}
    for voice in sorted(set(groups)):
        v = np.array([g == voice for g in groups])
        row: dict[str, Any] = {k: round(float((pred[v & (y == 1 + i)] == 1 + i).mean()), 2)
                               for i, k in enumerate(KINDS)}
        row["false_alarms"] = f"{int((pred[v & (y == 0)] != 0).sum())}/{int((v & (y == 0)).sum())}"
        out[voice] = row
    return out


def evaluate(units: Units, y: NDArray[np.int64], groups: list[str], is_dev: NDArray[np.bool_],
             dev_units: Units, cfg: Config, extra: Extra | None = None) -> dict[str, Any]:
    """Everything a config is judged on: leave-one-voice-out figures (thresholds chosen on the
    out-of-fold scores themselves, at most MAX_DEV_FALSE_ALARM per kind, for comparing configs)
    and the shipped recipe's: a head fitted on train only, thresholds chosen on dev."""
    logits, unit_logits = grouped_oof(units, y, groups, cfg, extra)
    temperature = fit_temperature(logits, y)
    cv_maxp = units.max_probs(softmax(unit_logits, temperature))
    cv_thresholds = {k: choose_threshold(cv_maxp[y == 0, 1 + i], POOLS[y == 0])
                     for i, k in enumerate(KINDS)}
    model = fit(*training_rows(units, y, ~is_dev, cfg.rows, extra), cfg)
    dev_maxp = dev_units.max_probs(softmax(model.logits(dev_units.vectors), temperature))
    y_dev = y[is_dev]
    thresholds = {k: choose_threshold(dev_maxp[y_dev == 0, 1 + i], POOLS[is_dev][y_dev == 0])
                  for i, k in enumerate(KINDS)}
    return {
        "config": cfg, "model": model, "temperature": temperature,
        "log_loss": (round(log_loss(logits, y, 1.0), 4), round(log_loss(logits, y, temperature), 4)),
        "cv_at_cv_thresholds": {**recall_at(cv_maxp, y, cv_thresholds),
                                **{f"t_{k}": t for k, t in cv_thresholds.items()}},
        "thresholds": thresholds, "dev": recall_at(dev_maxp, y_dev, thresholds),
        "dev_figures": per_label(flag_predictions(dev_maxp, thresholds), y_dev),
        "cv": recall_at(cv_maxp, y, thresholds),
        "cv_figures": per_label(flag_predictions(cv_maxp, thresholds), y),
        "cv_per_voice": per_voice(cv_maxp, y, groups, thresholds),
    }


def score_of(result: dict[str, Any]) -> float:
    """How configs are compared: mean recall of the two kinds, leave-one-voice-out, at
    thresholds keeping each kind's out-of-fold false alarms on none lines within 1.5 %."""
    cv = result["cv_at_cv_thresholds"]
    return float((cv["self_harm"] + cv["violence"]) / 2)


def coach_dev_flags(model: Fitted, temperature: float, thresholds: dict[str, float],
                    coach_units: Units, coach_dev: list[dict[str, Any]]) -> dict[str, str]:
    """Second dev check: the coach's dev drafts the head alone flags (units scored as the app
    scores them; the rules' skip frames are not applied here), per group of drafts."""
    maxp = coach_units.max_probs(softmax(model.logits(coach_units.vectors), temperature))
    flagged = flag_predictions(maxp, thresholds) != 0
    groups = {
        "harsh_no_threat": [bool(r["kinds"]) and "threat" not in r["kinds"] for r in coach_dev],
        "gentle": [not r["kinds"] for r in coach_dev],
        "threat": ["threat" in r["kinds"] for r in coach_dev],
    }
    return {name: f"{int(flagged[np.array(m)].sum())}/{sum(m)}" for name, m in groups.items()}


def compare_coach_weights(units: Units, y: NDArray[np.int64], is_dev: NDArray[np.bool_],
                          dev_units: Units, coach_units: Units, coach_dev_units: Units,
                          coach_dev: list[dict[str, Any]]) -> None:
    """Per weight of the coach rows: the head fitted on train only (+ the coach rows),
    thresholds chosen on dev as in evaluate(), dev recall and false alarms, and the coach dev
    drafts it flags. Without the leave-one-voice-out runs there is no temperature to fit: the
    one fitted out of fold before the coach rows came in is used."""
    temperature = WEIGHT_TEMPERATURE
    kept: list[float] = []
    base: dict[str, float] = {}
    for weight in COACH_WEIGHTS:
        extra = Extra((coach_units, weight))
        model = fit(*training_rows(units, y, ~is_dev, FINAL.rows, extra), FINAL)
        dev_maxp = dev_units.max_probs(softmax(model.logits(dev_units.vectors), temperature))
        y_dev = y[is_dev]
        thresholds = {k: choose_threshold(dev_maxp[y_dev == 0, 1 + i], POOLS[is_dev][y_dev == 0])
                      for i, k in enumerate(KINDS)}
        dev_figures = recall_at(dev_maxp, y_dev, thresholds)
        base = base or dev_figures
        if (all(dev_figures[k] >= base[k] - MAX_RECALL_LOSS for k in KINDS)
                and dev_figures["false_alarms"] <= base["false_alarms"]):
            kept.append(weight)
        print(f"coach weight {weight:g}: thresholds {thresholds} dev {dev_figures} coach dev "
              f"flagged {coach_dev_flags(model, temperature, thresholds, coach_dev_units, coach_dev)}",
              flush=True)
    print(f"largest weight within {MAX_RECALL_LOSS:.0%} recall per kind of no coach rows, at no "
          f"more dev false alarms: {max(kept):g}")


SELF_HARM_WEIGHTS = (1.0, 1.25, 1.5, 2.0, 3.0)


def compare_self_harm_weights(units: Units, y: NDArray[np.int64], is_dev: NDArray[np.bool_],
                              dev_units: Units, extra: Extra) -> None:
    """Per weight of the self_harm rows: as compare_coach_weights (head fitted on train only,
    thresholds chosen on dev, the temperature fitted out of fold before), dev recall per kind
    and false alarms."""
    temperature = WEIGHT_TEMPERATURE
    y_dev = y[is_dev]
    for weight in SELF_HARM_WEIGHTS:
        cfg = replace(FINAL, self_harm_weight=weight)
        model = fit(*training_rows(units, y, ~is_dev, cfg.rows, extra), cfg)
        dev_maxp = dev_units.max_probs(softmax(model.logits(dev_units.vectors), temperature))
        thresholds = {k: choose_threshold(dev_maxp[y_dev == 0, 1 + i], POOLS[is_dev][y_dev == 0])
                      for i, k in enumerate(KINDS)}
        print(f"self_harm weight {weight:g}: thresholds {thresholds} dev "
              f"{recall_at(dev_maxp, y_dev, thresholds)}", flush=True)


def compare_gentle_weights(units: Units, y: NDArray[np.int64], is_dev: NDArray[np.bool_],
                           dev_units: Units, coach_units: Units, gentle_units: Units,
                           coach_dev_units: Units, coach_dev: list[dict[str, Any]]) -> None:
    """Per weight of the kind drafts (the harsh drafts at COACH_NONE_WEIGHT): as
    compare_coach_weights, with the coach dev drafts it flags."""
    temperature = WEIGHT_TEMPERATURE
    for weight in GENTLE_WEIGHTS:
        extra = Extra((coach_units, COACH_NONE_WEIGHT), (gentle_units, weight))
        model = fit(*training_rows(units, y, ~is_dev, FINAL.rows, extra), FINAL)
        dev_maxp = dev_units.max_probs(softmax(model.logits(dev_units.vectors), temperature))
        y_dev = y[is_dev]
        thresholds = {k: choose_threshold(dev_maxp[y_dev == 0, 1 + i], POOLS[is_dev][y_dev == 0])
                      for i, k in enumerate(KINDS)}
        print(f"gentle weight {weight:g}: thresholds {thresholds} dev "
              f"{recall_at(dev_maxp, y_dev, thresholds)} coach dev flagged "
              f"{coach_dev_flags(model, temperature, thresholds, coach_dev_units, coach_dev)}",
              flush=True)


def main() -> int:
    explore = "--explore" in sys.argv
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    train, dev = load("safety_train"), load("safety_dev")
    rows = train + dev
    y = np.array([CLASSES.index(r["label"]) for r in rows])
    groups = [splits.fold_of(r) for r in rows]
    is_dev = np.array([i >= len(train) for i in range(len(rows))])
    global POOLS
    POOLS = np.array(["ordinary" if r.get("style") == "ordinary" else "lookalike" for r in rows])
    units = Units(rows)
    dev_units = Units(dev)
    x = units.line_vectors()
    coach, gentle = harsh_draft_lines(), gentle_draft_lines()
    coach_units, gentle_units = Units(coach), Units(gentle)
    coach_dev = load("coach_dev")
    coach_dev_units = Units(coach_dev)
    extra = Extra((coach_units, COACH_NONE_WEIGHT), (gentle_units, COACH_GENTLE_WEIGHT))
    print(f"lines: train {len(train)}, dev {len(dev)}; units embedded: {len(units.vectors)}; "
          f"coach training drafts as none: {len(coach)} harsh (weight {COACH_NONE_WEIGHT:g}), "
          f"{len(gentle)} kind (weight {COACH_GENTLE_WEIGHT:g}); {len(extra.vectors)} rows")
    if "--coach-weights" in sys.argv:
        compare_coach_weights(units, y, is_dev, dev_units, coach_units, coach_dev_units, coach_dev)
        return 0
    if "--self-harm-weights" in sys.argv:
        compare_self_harm_weights(units, y, is_dev, dev_units, extra)
        return 0
    if "--gentle-weights" in sys.argv:
        compare_gentle_weights(units, y, is_dev, dev_units, coach_units, gentle_units,
                               coach_dev_units, coach_dev)
        return 0

    # 2-5. Each candidate: leave-one-voice-out over all data, temperature on the out-of-fold
    # logits, thresholds on dev from a head fitted on train only. --explore compares them all.
    results = []
    for cfg in (CANDIDATES if explore else (FINAL,)):
        result = evaluate(units, y, groups, is_dev, dev_units, cfg, extra)
        results.append(result)
        print(f"{cfg.name():40s} score {score_of(result):.3f} | loo at loo thresholds "
              f"{result['cv_at_cv_thresholds']} | dev thresholds {result['thresholds']}: "
              f"dev {result['dev']} loo {result['cv']}", flush=True)
    if explore:
        best = max(results, key=score_of)
        print("best by score:", best["config"].name())
        return 0
    (result,) = results
    model, temperature, thresholds = result["model"], result["temperature"], result["thresholds"]
    print(f"temperature {temperature:.2f}: log-loss {result['log_loss'][0]:.4f} -> "
          f"{result['log_loss'][1]:.4f}")
    print("thresholds chosen on dev:", thresholds)
    coach_check = coach_dev_flags(model, temperature, thresholds, coach_dev_units, coach_dev)
    print("coach dev drafts flagged by the head fitted on train only:", coach_check)
    dev_figures, cv_figures = result["dev_figures"], result["cv_figures"]
    dev_fa, cv_fa = result["dev"]["false_alarms"], result["cv"]["false_alarms"]
    print("dev (head fitted on train only, units max, chosen thresholds):",
          json.dumps(dev_figures), "false alarms", dev_fa)
    print("leave-one-voice-out (10 folds, chosen thresholds):", json.dumps(cv_figures),
          "false alarms", cv_fa)
    print("per held-out voice:", json.dumps(result["cv_per_voice"]))
    # Who head: writer threatens vs writer harmed, on violence lines.
    vio = y == 2
    who_y = np.array([r.get("who") == "writer_threatens" for r in rows])[vio].astype(np.int64)
    xv, gv, dv = x[vio], [g for g, v in zip(groups, vio, strict=True) if v], is_dev[vio]
    from sklearn.linear_model import LogisticRegression

    def who_fit(xs: NDArray[np.float32], ys: NDArray[np.int64]) -> Any:
        return LogisticRegression(C=WHO_C, max_iter=5000, class_weight="balanced",
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
    final = fit(*training_rows(units, y, np.ones(len(y), dtype=bool), FINAL.rows, extra),
                FINAL).model
    final_who = who_fit(xv, who_y)
    counts = {name: int((y == k).sum()) for k, name in enumerate(CLASSES)}
    meta = {
        "trained_on": "data/train/safety_train.jsonl + safety_dev.jsonl + coach_train.jsonl "
                      "drafts as none",
        "counts": counts,
        "coach_none": {"drafts": len(coach), "weight": COACH_NONE_WEIGHT,
                       "kind_drafts": len(gentle), "kind_weight": COACH_GENTLE_WEIGHT,
                       "rows": len(extra.vectors)},
        "coach_dev_flagged": coach_check,
        "writer_threatens": int(who_y.sum()),
        "config": FINAL.name(),
        "seed": SEED,
        "cv": cv_figures,
        "cv_per_voice": result["cv_per_voice"],
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
    out = model_path() if not args else Path(args[0])
    save_head(out, head)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    # The same heads fitted on the train split only, with the same thresholds: the benchmark
    # scores the dev split with these, so dev figures never come from a head that saw dev.
    train_only = SafetyHead(
        weights=model.model.coef_.astype(np.float32), bias=model.model.intercept_.astype(np.float32),
        temperature=round(temperature, 2), thresholds=thresholds,
        who_weights=who_model.coef_[0].astype(np.float32),
        who_bias=float(who_model.intercept_[0]), who_threshold=who_threshold,
        meta={**meta, "trained_on": "data/train/safety_train.jsonl + coach_train.jsonl drafts "
                                    "as none"},
    )
    save_head(TRAIN_ONLY, train_only)
    print(f"wrote {TRAIN_ONLY} ({TRAIN_ONLY.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
