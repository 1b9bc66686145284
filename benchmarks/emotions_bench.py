"""Emotion family detection: accuracy, macro-F1 and speed of Nearer against offline peers.

Run: .venv/bin/python benchmarks/emotions_bench.py [--data PATH] [--no-peers]

Peers, each mapped to our seven families (documented here, fixed before looking at results):
- NRCLex (lexicon counts via load_token_list only; works offline). Tag counts are mapped as
  joy, anticipation -> joy; trust -> love; sadness -> sadness; anger -> anger; fear -> fear;
  disgust -> anger (mapping A) or shame (mapping B); surprise is ignored. The family with the
  largest count wins (ties: the order above). With no emotion tag: "positive" only -> joy,
  "negative" only -> sadness, otherwise neutral.
- nade (Plutchik's eight scores): the same family mapping, summing the scores that map to one
  family; when the best family sums to < 0.2 the answer is neutral.
- VADER polarity: compound >= 0.05 -> joy, <= -0.05 -> sadness, else neutral (a floor: it can
  never be right about love, anger, fear or shame).
For NRCLex and nade both disgust mappings are scored and the better one is reported.

Data (written for Nearer, MIT): data/emotions_dev.jsonl (280, 40 per family) was used while building
the lexicon. data/emotions_fresh.jsonl (42, mostly unnamed feelings) was written afterwards as a
blind check: its first, untouched run gave macro-F1 0.62 (accuracy 0.64); four lexicon lines were
then added after reading its errors, so later runs on it are no longer blind.
data/emotions_blind.jsonl (140, 20 per family, half never naming the feeling, texting voice with
typos, run-ons, mixed feelings and negations; each line has "named": true/false) was written
before the second round of changes and measured once before them: macro-F1 0.706 (acc 0.700).
After (prototypes ~110 per family, top-k, contrast turns, shorthand, CV-tuned): dev 0.904,
blind 0.724 (named 0.986, not named 0.456), fresh 0.810. Its errors were not read for tuning.
Round 3 (situation patterns: own wrongdoing then regret -> shame, worry then good news -> joy,
caring acts -> love, waiting/cancelled plans -> sadness; data/emotions_round3.jsonl, 70 unnamed,
0.667 before): dev 0.907, blind 0.788 (named 0.986, not named 0.590), fresh 0.859; the round-3
cues were written right after its sentences, so its own 0.870 is not a blind figure.

--tune chooses the parameters of emotions.Params by 5-fold cross-validation on the data given
(use it on the development set only) and prints the best settings; ties are broken by hand in
favour of settings that honour the design (named words win, the clause after "but" weighs more).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from nearer.analysis import emotions
from nearer.analysis.emotions import lexicon as emotions_lexicon

FAMILIES = emotions.FAMILIES
DEFAULT_DATA = Path(__file__).parent / "data" / "emotions_dev.jsonl"
_WORD = re.compile(r"[a-z']+")


def scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, dict[str, float]]:
    """Accuracy, macro-F1 over the seven families, and F1 per family."""
    per_family: dict[str, float] = {}
    for family in FAMILIES:
        tp = sum(g == p == family for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == family != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == family != p for g, p in zip(gold, predicted, strict=True))
        per_family[family] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    return accuracy, statistics.mean(per_family.values()), per_family


def _mapping(disgust_to: str) -> dict[str, str]:
    return {
        "joy": "joy",
        "anticipation": "joy",
        "trust": "love",
        "sadness": "sadness",
        "anger": "anger",
        "fear": "fear",
        "disgust": disgust_to,
    }


def nrclex_predict(texts: Sequence[str], disgust_to: str) -> list[str]:
    from nrclex import NRCLex

    mapping = _mapping(disgust_to)
    out = []
    for text in texts:
        model = NRCLex()
        model.load_token_list(_WORD.findall(text.lower()))
        raw: dict[str, int] = dict(model.raw_emotion_scores)
        totals: dict[str, float] = {}
        for tag, family in mapping.items():
            totals[family] = totals.get(family, 0) + raw.get(tag, 0)
        best = max(totals, key=lambda f: totals[f])
        if totals[best] > 0:
            out.append(best)
        elif raw.get("positive", 0) > 0 and not raw.get("negative", 0):
            out.append("joy")
        elif raw.get("negative", 0) > 0 and not raw.get("positive", 0):
            out.append("sadness")
        else:
            out.append("neutral")
    return out


def nade_predict(texts: Sequence[str], disgust_to: str) -> list[str]:
    from nade import Nade

    result = Nade().predict(list(texts))
    mapping = _mapping(disgust_to)
    columns = {tag: np.asarray(result[tag], dtype=float) for tag in mapping}
    out = []
    for i in range(len(texts)):
        totals: dict[str, float] = {}
        for tag, family in mapping.items():
            totals[family] = totals.get(family, 0.0) + float(columns[tag][i])
        best = max(totals, key=lambda f: totals[f])
        out.append(best if totals[best] >= 0.2 else "neutral")
    return out


def vader_predict(texts: Sequence[str]) -> list[str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    out = []
    for text in texts:
        compound = analyzer.polarity_scores(text)["compound"]
        out.append("joy" if compound >= 0.05 else "sadness" if compound <= -0.05 else "neutral")
    return out


def nearer_predict(texts: Sequence[str]) -> list[str]:
    return [emotions.dominant(found) for found in emotions.detect_many(texts)]


def ablation(texts: Sequence[str], part: str) -> list[str]:
    """Nearer with only one of its two signals (the other patched out for this call)."""
    original_hits = emotions_lexicon.find_hits
    original_probs = emotions.family_probabilities
    try:
        if part == "embeddings only":
            emotions_lexicon.find_hits = lambda text: []
        else:
            emotions.family_probabilities = lambda sims, params: np.full(
                (len(sims), len(FAMILIES)), 1.0 / len(FAMILIES)
            )
        return nearer_predict(texts)
    finally:
        emotions_lexicon.find_hits = original_hits
        emotions.family_probabilities = original_probs


def _grid() -> list[emotions.Params]:
    return [
        emotions.Params(k, t, d, b, a, m)
        for k in (1, 3, 5, 8)
        for t in (0.03, 0.05, 0.08, 0.12, 0.2)
        for d in (0.0, 0.5, 1.0)
        for b, a in ((1.0, 1.0), (0.5, 1.3), (0.3, 1.5))
        for m in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
    ]


def _grid_predictions(texts: Sequence[str], grid: list[emotions.Params]) -> list[list[str]]:
    """Predictions of every parameter set; embeddings are computed once."""
    base = [emotions.prepare(t) for t in texts]
    sims = emotions.similarities(
        [m for p in base for m in p.masked], [t for p in base for t in p.tails]
    )
    probabilities: dict[tuple[int, float], Any] = {}
    prepared: dict[tuple[float, float], list[emotions.Prepared]] = {}
    out = []
    for params in grid:
        key = (params.top_k, params.temperature)
        if key not in probabilities:
            probabilities[key] = emotions.family_probabilities(sims, params).tolist()
        turn = (params.before_turn, params.after_turn)
        if turn not in prepared:
            prepared[turn] = [emotions.prepare(t, params) for t in texts]
        rows, row, predicted = probabilities[key], 0, []
        for text, item in zip(texts, prepared[turn], strict=True):
            unit_rows = []
            for hits in item.hits:
                unit_rows.append(emotions.unit_scores(hits, rows[row], params))
                row += 1
            predicted.append(emotions.dominant(emotions.assemble(text, item, unit_rows, params)))
        out.append(predicted)
    return out


def tune(gold: list[str], texts: list[str], folds: int = 5) -> None:
    """Choose the parameters by k-fold cross-validation (run on the development set only)."""
    grid = _grid()
    runs = _grid_predictions(texts, grid)
    fold_of = [i % folds for i in range(len(texts))]
    held_out: list[str] = [""] * len(texts)
    for fold in range(folds):
        train = [i for i in range(len(texts)) if fold_of[i] != fold]
        best = max(
            range(len(grid)),
            key=lambda g: scores([gold[i] for i in train], [runs[g][i] for i in train])[1],
        )
        print(f"fold {fold}: {grid[best]}")
        for i in range(len(texts)):
            if fold_of[i] == fold:
                held_out[i] = runs[best][i]
    print(f"cross-validated macro-F1 (held-out folds): {scores(gold, held_out)[1]:.3f}")
    ranked = sorted(range(len(grid)), key=lambda g: -scores(gold, runs[g])[1])
    for g in ranked[:20]:
        print(f"all-dev macro-F1 {scores(gold, runs[g])[1]:.3f}  {grid[g]}")


def _row(name: str, gold: Sequence[str], predicted: Sequence[str]) -> float:
    accuracy, macro, per_family = scores(gold, predicted)
    cells = " ".join(f"{per_family[f]:.2f}" for f in FAMILIES)
    print(f"{name:<34} {accuracy:6.3f} {macro:8.3f}   {cells}")
    return macro


def _best_of(name: str, gold: Sequence[str], runs: dict[str, list[str]]) -> float:
    label, predicted = max(runs.items(), key=lambda kv: scores(gold, kv[1])[1])
    return _row(f"{name} ({label})", gold, predicted)


def _timed(label: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as error:  # a peer that fails offline is reported, not fatal
        print(f"{label}: skipped ({type(error).__name__}: {error})")
        return None


def accuracy_table(
    gold: list[str], texts: list[str], peers: bool, named: list[bool | None]
) -> None:
    header = " ".join(f"{f[:5]:>4}" for f in FAMILIES)
    print(f"\n{'system':<34} {'acc':>6} {'macroF1':>8}   F1: {header}")
    predicted = nearer_predict(texts)
    ours = _row("nearer (lexicon + embeddings)", gold, predicted)
    for flag, label in ((True, "feeling named"), (False, "feeling not named")):
        subset = [i for i, n in enumerate(named) if n is flag]
        if subset:
            _row(
                f"  only {label} ({len(subset)})",
                [gold[i] for i in subset],
                [predicted[i] for i in subset],
            )
    _row("  ablation: embeddings only", gold, ablation(texts, "embeddings only"))
    _row("  ablation: lexicon only", gold, ablation(texts, "lexicon only"))
    best_peer = 0.0
    if peers:
        for name, fn in (
            (
                "NRCLex",
                lambda: {f"disgust->{d}": nrclex_predict(texts, d) for d in ("anger", "shame")},
            ),
            ("nade", lambda: {f"disgust->{d}": nade_predict(texts, d) for d in ("anger", "shame")}),
            ("VADER polarity", lambda: {"polarity": vader_predict(texts)}),
        ):
            runs = _timed(name, fn)
            if runs is not None:
                best_peer = max(best_peer, _best_of(name, gold, runs))
        print(
            f"\nmacro-F1 margin over the best peer: {ours - best_peer:+.3f} "
            f"(target: >= +0.25; absolute target >= 0.75)"
        )


def speed(texts: list[str]) -> None:
    emotions.detect_many(texts[:8])  # load the model and prototypes first
    start, cpu_start = time.perf_counter(), time.process_time()
    rounds = 3
    for _ in range(rounds):
        emotions.detect_many(texts)
    batched = rounds * len(texts) / (time.perf_counter() - start)
    # CPU time of this (single-threaded) process: the speed on one free core, even when other
    # work shares the machine and stretches the wall clock.
    per_cpu_second = rounds * len(texts) / (time.process_time() - cpu_start)
    latencies = []
    for text in texts:
        t0 = time.perf_counter()
        emotions.detect(text)
        latencies.append(time.perf_counter() - t0)
    p50, p99 = np.percentile(latencies, [50, 99]) * 1000
    long_entry = " ".join(texts) * 2
    long_entry = long_entry[:20000]
    t0 = time.perf_counter()
    emotions.detect(long_entry)
    long_ms = (time.perf_counter() - t0) * 1000
    print(
        f"\nspeed: {batched:.0f} sentences/s batched (detect_many), "
        f"{per_cpu_second:.0f} per CPU-second on 1 thread; per entry p50 {p50:.1f} ms, "
        f"p99 {p99:.1f} ms; a {len(long_entry):,}-character entry {long_ms:.0f} ms"
    )


def startup() -> None:
    command = shutil.which("nearer") or str(Path(sys.executable).parent / "nearer")
    if not Path(command).exists():
        print("start-up: skipped (no `nearer` command installed)")
        return
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        done = subprocess.run([command, "--help"], capture_output=True)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            print(f"start-up: skipped (`nearer --help` exited {done.returncode})")
            return
    print(
        f"start-up: `nearer --help` median {statistics.median(times) * 1000:.0f} ms "
        f"(target < 300 ms)"
    )
    probe = "import nearer.analysis.emotions, sys; print('onnxruntime' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    print(f"importing nearer.analysis.emotions loads onnxruntime: {loaded.stdout.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--tune", action="store_true", help="cross-validate the parameters")
    args = parser.parse_args()
    rows = [
        json.loads(line)
        for line in args.data.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")  # "#" lines carry the source and licence
    ]
    texts = [row["text"] for row in rows]
    gold = [row["family"] for row in rows]
    print(f"data: {args.data} ({len(rows)} sentences)")
    if args.tune:
        tune(gold, texts)
        return
    accuracy_table(gold, texts, not args.no_peers, [row.get("named") for row in rows])
    speed(texts)
    startup()


if __name__ == "__main__":
    main()
