"""Train the who head's wording half (src/nearer/analysis/safety/who.py) from data/train/.

Run: `make train` (after train_safety.py: the threshold here is chosen on the mean of this head
and the meaning head's who half it wrote). Reproducible: the vocabulary is sorted, the solver is
deterministic, SEED fixes the rest.

Steps (each printed):
1. the violence lines of the train and dev splits, labelled 1 when the writer threatens or hurt
   someone (`"who": "writer_threatens"`), 0 when the writer is the one hurt;
2. the vocabulary: every word and pair of neighbouring words (tfidf.words) in at least MIN_LINES
   training lines, the idf smoothed: ln((1 + N) / (1 + lines holding it)) + 1;
3. for each C in C_GRID, a logistic regression (classes balanced) on the train lines; on the dev
   lines (voices never trained on) the mean of its probability and the meaning head's who half
   (fitted on the train split only, benchmarks/data/safety_head_train_only.npz), each line read
   whole; the threshold is the lowest (from 0.5 up) at which at most MAX_CONFUSION of the dev
   writer-harmed lines are called threatening; C is the one that then keeps the most dev
   writer-threatens lines;
4. leave-one-voice-out over train + dev: this head alone at a threshold chosen the same way in
   each fold (printed for the model card);
5. `sure`: the app (rules and heads fitted on the train split only) reads the dev violence lines
   at each value of SURE_GRID from the threshold up; the lowest at which it calls no more dev
   writer-harmed lines threatening than with a word of intent always needed (detector._threatens:
   above `sure` the sentence needs no such word);
6. refit on train + dev with that C and write models/safety_who.npz, and the train-only head
   (same thresholds) for the benchmark (benchmarks/data/safety_who_train_only.npz).
Written for Nearer, MIT.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

import splits  # noqa: E402
from embed_cache import cached_embed  # noqa: E402
from scoring import sparse_rows, vocabulary  # noqa: E402

from nearer.analysis.safety.model import model_path as meaning_path  # noqa: E402
from nearer.analysis.safety.model import read_head as read_meaning_head  # noqa: E402
from nearer.analysis.safety.who import WhoWords, model_path, save_head  # noqa: E402
from nearer.analysis.tfidf import words  # noqa: E402

TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_who_train_only.npz"
MEANING_TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_head_train_only.npz"
WORDING_TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_wording_train_only.npz"
SEED = 11
MIN_LINES = 2
C_GRID = (4.0, 16.0, 64.0)
# Of the dev lines where the writer is the one hurt, at most this share may be called
# threatening by the two heads' mean (the app also asks the sentence to say what the writer will
# do or did, detector._threatens).
MAX_CONFUSION = 0.02
SURE_GRID = tuple(round(0.5 + 0.05 * k, 2) for k in range(11))  # 0.5 .. 1.0


class Vocabulary:
    def __init__(self, texts: list[str]) -> None:
        self.words, self.idf = vocabulary([set(words(t)) for t in texts], MIN_LINES)

    def head(self, model: Any = None, threshold: float = 0.5, sure: float = 1.0,
             meta: dict[str, Any] | None = None) -> WhoWords:
        weights = np.zeros((1, len(self.words))) if model is None else model.coef_
        bias = np.zeros(1) if model is None else model.intercept_
        return WhoWords(self.words, self.idf, weights.astype(np.float32),
                        bias.astype(np.float32), threshold, sure, meta or {})

    def matrix(self, texts: list[str]) -> Any:
        """tf-idf rows, computed by the app's own features() so training reads as the app does."""
        return sparse_rows(self.head().features, texts, len(self.words))


def fit(vocab: Vocabulary, texts: list[str], y: NDArray[np.int64], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced",
                              random_state=SEED).fit(vocab.matrix(texts), y)


def threshold_for(p: NDArray[np.float64], y: NDArray[np.int64]) -> float:
    """The lowest threshold from 0.5 up at which at most MAX_CONFUSION of the y == 0 lines
    reach it."""
    harmed = p[y == 0]
    for t in np.arange(0.5, 0.995, 0.01):
        if float((harmed >= t).mean()) <= MAX_CONFUSION:
            return round(float(t), 2)
    return 0.99


def choose_sure(head: WhoWords, dev: list[dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    """The lowest `sure` (from the threshold up) at which the app, every head fitted on the train
    split only, calls no more dev writer-harmed lines threatening than with no `sure` at all (1.0:
    a word of intent always needed): reading without such words adds no hurt writer."""
    import os
    from dataclasses import replace

    from nearer.analysis.safety import assess, semantic, who, wording
    from nearer.analysis.safety.model import use_head as use_meaning

    os.environ["NEARER_SAFETY_SEMANTIC"] = "1"
    semantic.clear_cache()
    figures: dict[str, Any] = {}

    def read(sure: float) -> int:
        with who.use_head(replace(head, sure=sure)):
            found = [assess(r["text"]).threatens for r in dev]
        kept = sum(f for f, r in zip(found, dev, strict=True) if r["who"] == "writer_threatens")
        called = int(sum(f for f, r in zip(found, dev, strict=True) if r["who"] == "writer_harmed"))
        figures[str(sure)] = {"writer_threatens called threatening": kept,
                              "writer_harmed called threatening": called}
        print(f"sure {sure}: the app on dev: writer-threatens lines called threatening "
              f"{kept}, writer-harmed {called}")
        return called

    chosen = 1.0
    with use_meaning(read_meaning_head(MEANING_TRAIN_ONLY)), wording.use_head(
            wording.read_head(WORDING_TRAIN_ONLY)):
        base = read(1.0)
        for sure in (s for s in SURE_GRID if head.threshold <= s < 1.0):
            if read(sure) <= base:
                chosen = sure
                break
    semantic.clear_cache()
    return chosen, figures


def violence(name: str) -> list[dict[str, Any]]:
    return [r for r in splits.training_rows(name) if r["label"] == "violence"]


def main() -> int:
    train, dev = violence("safety_train"), violence("safety_dev")
    y_train = np.array([r["who"] == "writer_threatens" for r in train], dtype=np.int64)
    y_dev = np.array([r["who"] == "writer_threatens" for r in dev], dtype=np.int64)
    train_texts, dev_texts = [r["text"] for r in train], [r["text"] for r in dev]
    print(f"violence lines: train {len(train)} ({int(y_train.sum())} by the writer), "
          f"dev {len(dev)} ({int(y_dev.sum())} by the writer)")
    vocab = Vocabulary(train_texts)
    print(f"vocabulary: {len(vocab.words)} words and pairs")
    meaning_dev = read_meaning_head(MEANING_TRAIN_ONLY).threatens(
        cached_embed(dev_texts, "dev violence lines"))
    best: tuple[int, float, float, Any] | None = None
    for c in C_GRID:
        model = fit(vocab, train_texts, y_train, c)
        mean = (model.predict_proba(vocab.matrix(dev_texts))[:, 1] + meaning_dev) / 2
        t = threshold_for(mean, y_dev)
        kept = int((mean[y_dev == 1] >= t).sum())
        called = int((mean[y_dev == 0] >= t).sum())
        alone = threshold_for(meaning_dev, y_dev)
        print(f"C {c:g}: threshold {t}; dev writer-threatens kept {kept}/{int(y_dev.sum())}, "
              f"harmed called threatening {called}/{int((y_dev == 0).sum())} (the meaning head "
              f"alone at its own such threshold {alone}: "
              f"{int((meaning_dev[y_dev == 1] >= alone).sum())} kept)")
        if best is None or kept > best[0]:
            best = (kept, c, t, model)
    assert best is not None
    kept, c, threshold, train_model = best
    print(f"chosen: C {c:g}, threshold {threshold}")
    sure, app_dev = choose_sure(vocab.head(train_model, threshold), dev)
    print(f"sure: {sure}")

    rows = train + dev
    texts = [r["text"] for r in rows]
    y = np.concatenate([y_train, y_dev])
    voices = np.array([splits.fold_of(r) for r in rows])
    oof = np.zeros(len(rows))
    for voice in sorted(set(voices.tolist())):
        test = voices == voice
        if test.all() or not (~test).any():
            continue
        fold_vocab = Vocabulary([t for t, held in zip(texts, test, strict=True) if not held])
        model = fit(fold_vocab, [t for t, held in zip(texts, test, strict=True) if not held],
                    y[~test], c)
        oof[test] = model.predict_proba(
            fold_vocab.matrix([t for t, held in zip(texts, test, strict=True) if held]))[:, 1]
    alone_t = threshold_for(oof, y)
    cv = {"threshold (this head alone)": alone_t,
          "writer_threatens kept": f"{int((oof[y == 1] >= alone_t).sum())}/{int(y.sum())}",
          "writer_harmed called threatening": f"{int((oof[y == 0] >= alone_t).sum())}/"
                                              f"{int((y == 0).sum())}"}
    print("leave-one-voice-out, this head alone:", cv)

    meta = {"trained_on": "violence lines of data/train/safety_train + safety_dev",
            "counts": {"writer_threatens": int(y.sum()), "writer_harmed": int((y == 0).sum())},
            "C": c, "seed": SEED, "max_confusion": MAX_CONFUSION,
            "dev": {"writer_threatens kept": f"{kept}/{int(y_dev.sum())}",
                    "the app, per sure": app_dev}, "cv": cv,
            "meaning_head": meaning_path().name}
    vocab_all = Vocabulary(texts)
    final = fit(vocab_all, texts, y, c)
    out = model_path() if len(sys.argv) < 2 else Path(sys.argv[1])
    save_head(out, vocab_all.head(final, threshold, sure, meta))
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    save_head(TRAIN_ONLY, vocab.head(train_model, threshold, sure,
                                     {**meta, "trained_on": "violence lines of safety_train"}))
    print(f"wrote {TRAIN_ONLY} ({TRAIN_ONLY.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
