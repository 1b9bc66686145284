"""The emotion reader, side by side in one run: prototypes + lexicon only; before (the embedding
head mixed with the prototypes, joined with the lexicon, at the best dev mix without the wording
head); the embedding head alone; the wording head alone; after (both heads averaged, then mixed
and joined the same way, at the mix chosen on dev).

Run: .venv/bin/python benchmarks/emotion_models.py [--no-goemotions | --dev-only]

Sets (the header of each says what it is):
- own dev split (data/train/emotions_dev.jsonl), heads fitted without it
  (benchmarks/data/emotions_head_train_only.npz, emotions_wording_train_only.npz); the mix was
  chosen on it;
- GoEmotions dev split, every row with a mapped label (never trained on by either head; their
  settings and the mix were chosen on it, so dev figures);
- GoEmotions test split (../shared/data/goemotions/, Apache-2.0) mapped to the families with
  data/train/goemotions_families.yaml, never used to train or choose anything: single-label rows
  (the issue's measure) and the natural mix (every row with a mapped label; a prediction counts
  as right when it is one of the row's families), with the always-neutral baseline;
- the older benchmark sets (benchmarks/data/emotions_*.jsonl), never trained on by the head.
  The lexicon was built on emotions_dev; emotions_round3 and emotions_fresh were tuned on after
  their first score, so they are labelled "dev (tuned on after scoring)"; only emotions_blind's
  errors were never read for tuning (OLDER_SETS below);
- fresh_emotions (benchmarks/data/fresh_emotions/), written before the head's figures were seen,
  scored once.
The reader's answer is its top family (`dominant`); a head alone reads the whole text and answers
its most probable family. "before" uses the embedding head's `combine_without_wording` (the best
dev mix with the wording head's share at 0, kept by training/tune_emotions_combined.py).
Written for Nearer, MIT.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

import numpy as np  # noqa: E402

from nearer.analysis import embeddings, emotion_model  # noqa: E402
from nearer.analysis import emotions as reader  # noqa: E402
from nearer.analysis.emotion_head import FAMILIES, EmotionHead, load_head, read_head  # noqa: E402
from nearer.analysis.emotions import wording  # noqa: E402

TRAIN_ONLY = HERE / "data" / "emotions_head_train_only.npz"
WORDING_TRAIN_ONLY = HERE / "data" / "emotions_wording_train_only.npz"
_memo: dict[str, Any] = {}
_embed = embeddings.embed


# What the lexicon saw of each older set (from their headers and emotions_bench.py). A set tuned on
# after its first score is dev data: none of its figures is an unseen-text figure.
OLDER_SETS = {
    "emotions_dev": "dev: the lexicon's development set",
    "emotions_round3": "dev (tuned on after scoring): round-3 cues written to match its lines",
    "emotions_blind": "scored before round 2; its errors were not read for tuning",
    "emotions_fresh": "dev (tuned on after scoring): lexicon lines added after reading its errors",
}

def memo_embed(texts: Sequence[str]) -> Any:
    """The encoder, each distinct string embedded once per run (before and after read the same
    units)."""
    todo = sorted({t for t in texts if t not in _memo})
    if todo:
        for text, row in zip(todo, _embed(todo), strict=True):
            _memo[text] = row
    if not texts:
        return np.zeros((0, embeddings.DIMENSIONS), np.float32)
    return np.stack([_memo[t] for t in texts])


embeddings.embed = memo_embed  # the reader imports embed from the module at call time


def scores(pred: list[str], truth: list[list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for family in FAMILIES:
        tp = sum(1 for p, t in zip(pred, truth, strict=True) if p == family and family in t)
        fp = sum(1 for p, t in zip(pred, truth, strict=True) if p == family and family not in t)
        fn = sum(1 for p, t in zip(pred, truth, strict=True) if p != family and family in t)
        out[family] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    present = [f for f in FAMILIES if any(f in t for t in truth)]
    out["macro"] = sum(out[f] for f in present) / len(present)
    out["acc"] = sum(p in t for p, t in zip(pred, truth, strict=True)) / len(truth)
    return out


def with_head(head: EmotionHead, run: Callable[[], list[str]]) -> list[str]:
    original = emotion_model.load_head
    emotion_model.load_head = lambda: head  # type: ignore[assignment]
    try:
        return run()
    finally:
        emotion_model.load_head = original  # type: ignore[assignment]


def detect_all(texts: list[str], model: bool) -> list[str]:
    os.environ["NEARER_EMOTION_MODEL"] = "1" if model else "0"
    try:
        return [reader.dominant(found) for found in reader.detect_many(texts)]
    finally:
        os.environ.pop("NEARER_EMOTION_MODEL", None)


def head_only(texts: list[str], head: EmotionHead) -> list[str]:
    probs = head.probabilities(memo_embed(texts))
    return [FAMILIES[int(i)] for i in probs.argmax(axis=1)]


def wording_only(texts: list[str], head: wording.EmotionWordingHead) -> list[str]:
    probs = head.probabilities(texts)
    return [FAMILIES[int(i)] for i in probs.argmax(axis=1)]


def without_wording(head: EmotionHead) -> EmotionHead:
    """The embedding head at the best dev mix with no wording head (the reader before it)."""
    return replace(head, combine={**head.meta["combine_without_wording"], "wording_weight": 0.0})


def show(title: str, texts: list[str], truth: list[list[str]], head: EmotionHead,
         words: wording.EmotionWordingHead, baseline: bool = False) -> None:
    print(f"\n== {title} ({len(texts)} texts)")
    print(f"{'detector':30s}" + "".join(f"{f[:7]:>9s}" for f in FAMILIES) + f"{'macro-F1':>10s}{'acc':>8s}")
    before = without_wording(head)
    with wording.use_head(words):
        runs = {
            "proto + lexicon": detect_all(texts, model=False),
            "before: embedding head combined": with_head(before, lambda: detect_all(texts, model=True)),
            "embedding head only": head_only(texts, head),
            "wording head only": wording_only(texts, words),
            "after: both heads combined": with_head(head, lambda: detect_all(texts, model=True)),
        }
    if baseline:
        runs["always neutral"] = ["neutral"] * len(texts)
    for name, pred in runs.items():
        s = scores(pred, truth)
        print(f"{name:30s}" + "".join(f"{s[f]:9.3f}" for f in FAMILIES) + f"{s['macro']:10.3f}{s['acc']:8.3f}")


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip() and not line.startswith("#")]


# Each written after the heads of its day froze and scored once with them, oldest first:
# (folder under benchmarks/data, how it was written and scored); the newest is headed FRESH.
_FRESH = (
    ("fresh_emotions", "written before the FIRST head's figures were seen, scored once with it"),
    ("fresh3", "written after the SECOND head (frozen encoder) was frozen, scored once with it; "
     "never tuned on"),
    ("fresh4", "written after the third head was frozen, scored once; never tuned on"),
    ("fresh9", "written after the wording head and the mix were frozen (2026-12-06 evening), "
     "scored once"),
    ("fresh12", "written after the heads refitted with 24 new voices' journal lines (2026-12-06, "
     "session 13) were frozen, scored once"),
    ("fresh13", "written after the heads refitted with round 7's journal lines (2026-12-06, "
     "session 14) were frozen, scored once"),
    ("fresh14", "written after round 16 (2026-12-06, session 15) froze; the emotion heads are "
     "session 14's; scored once"),
    ("fresh15", "long entries (450-800 characters), written after the emotion reader began "
     "taking a long text's chunks from its one pass (2026-12-06, session 16); scored once"),
)
# A fresh folder's emotion set: short journal lines, or long entries (fresh15 on).
FRESH_SETS = tuple(
    (HERE / "data" / folder / f"{stem}.jsonl",
     ("FRESH: " if k == len(_FRESH) - 1 else "") + f"{stem}, {note}")
    for k, (folder, note) in enumerate(_FRESH)
    for stem in [f"{folder.removesuffix('_emotions')}_emotions",
                 f"{folder.removesuffix('_emotions')}_emotions_long"]
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-goemotions", action="store_true")
    parser.add_argument("--dev-only", action="store_true", help="the dev sets only (no held-out set read)")
    args = parser.parse_args()
    packaged, train_only = load_head(), read_head(TRAIN_ONLY)
    words, words_train_only = wording.load_head(), wording.read_head(WORDING_TRAIN_ONLY)
    for name, head in (("packaged", packaged), ("train-only", train_only)):
        print(f"{name} mix: after {head.combine}; before {without_wording(head).combine}")
    dev = load(ROOT / "data" / "train" / "emotions_dev.jsonl")
    show("own dev split (heads fitted without it; the mix was chosen on it)",
         [r["text"] for r in dev], [r["families"] for r in dev], train_only, words_train_only)
    if not args.no_goemotions:
        from goemotions import family_of, read_split

        table = family_of()
        go_dev = []
        for text, labels in read_split("dev"):
            families = list(dict.fromkeys(f for f in (table[label] for label in labels) if f))
            if families:
                go_dev.append((text, families))
        show("GoEmotions dev, every row with a mapped label (never trained on; heads' settings and "
             "the mix were chosen on it; heads fitted on the train splits only, as when tuning)",
             [t for t, _ in go_dev], [f for _, f in go_dev], train_only, words_train_only)
    if args.dev_only:
        return 0
    if not args.no_goemotions:
        rows = []
        for text, labels in read_split("test"):
            families = list(dict.fromkeys(f for f in (table[label] for label in labels) if f))
            if families:
                rows.append((text, families, len(labels)))
        single = [(t, f) for t, f, n in rows if n == 1]
        show("GoEmotions test, single-label rows mapped to the families (never used to train or tune)",
             [t for t, _ in single], [f for _, f in single], packaged, words, baseline=True)
        show("GoEmotions test, natural mix: every row with a mapped label (never used to train or tune)",
             [t for t, _, _ in rows], [f for _, f, _ in rows], packaged, words, baseline=True)
    for name, note in OLDER_SETS.items():
        data = load(HERE / "data" / f"{name}.jsonl")
        show(f"{name} ({note}; the head never trained on it)", [r["text"] for r in data],
             [[r["family"]] for r in data], packaged, words)
    for path, title in FRESH_SETS:
        if path.exists():
            rows = load(path)
            show(title, [r["text"] for r in rows], [[r["family"]] for r in rows], packaged, words)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
