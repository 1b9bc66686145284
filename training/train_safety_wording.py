"""Train the safety wording head (src/nearer/analysis/safety/wording.py) from data/train/.

Run: `make train` (after train_safety.py: the thresholds here are chosen beside the meaning head
it wrote). Reproducible: the vocabulary is sorted, the solver is deterministic, SEED fixes the rest.

Steps (each printed):
1. every line's pieces of letters (wording.pieces); the vocabulary is every piece in at least
   MIN_LINES training lines, the idf smoothed: ln((1 + N) / (1 + lines holding it)) + 1;
2. for each C in C_GRID and weight in COACH_WEIGHTS: a multinomial logistic regression fitted on
   the train split (one row per line: its whole text; the coach's training drafts with no threat
   as `none` rows at that weight), scored on the dev split (voices never trained on) as the app scores a
   text: the highest probability of each kind over the units it reads (detector.wording_units:
   each sentence and pair of neighbouring sentences the meaning head would read);
3. a softmax temperature fitted on the dev lines' logits (log-loss), so probabilities read as
   confidence;
4. per kind, the lowest threshold (THRESHOLD_FLOOR..0.99) at which the dev `none` lines this head
   flags and the app did not flag already (rules and meaning head, fitted on train only) stay
   within EXTRA_FALSE_ALARM of each pool of dev `none` lines (the hard look-alikes; ordinary
   relationship journaling, `"style": "ordinary"`): the head may add catches, and only this
   many false alarms. C and the weight are the pair with the most dev catches (both kinds) at their
   thresholds (the gentle coach dev drafts the head flags are printed beside them);
5. the meaning floor: the wording head's flag counts only where the meaning head gives the same
   unit at least this probability of the kind; the largest floor whose dev catches per kind
   (the app, combined) stay within MAX_FLOOR_LOSS of no floor;
6. refit on train + dev (vocabulary from both) with that C, temperature, thresholds and floor, and write
   models/safety_wording.npz and the train-only head for the benchmark
   (benchmarks/data/safety_wording_train_only.npz).
Written for Nearer, MIT.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

import splits  # noqa: E402
from scoring import softmax, sparse_rows, vocabulary  # noqa: E402
from train_safety import coach_none_lines, fit_temperature  # noqa: E402

from nearer.analysis.safety import assess  # noqa: E402
from nearer.analysis.safety import semantic as meaning_semantic  # noqa: E402
from nearer.analysis.safety.detector import wording_units  # noqa: E402
from nearer.analysis.safety.model import read_head as read_meaning_head  # noqa: E402
from nearer.analysis.safety.model import use_head as use_meaning_head  # noqa: E402
from nearer.analysis.safety.wording import (  # noqa: E402
    CLASSES,
    KINDS,
    WordingHead,
    model_path,
    pieces,
    save_head,
)

DATA = ROOT / "data" / "train"
TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_wording_train_only.npz"
MEANING_TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_head_train_only.npz"
SEED = 7
MIN_LINES = 2  # a piece must appear in this many training lines to join the vocabulary
C_GRID = (4.0, 8.0, 16.0)
# The coach's training drafts with no threat in them (as train_safety.py picks them) are also
# taught as `none`, at one of these weights; C and the weight with the most dev catches ship.
COACH_WEIGHTS = (0.0, 0.1, 0.3, 1.0)
EXTRA_FALSE_ALARM = 0.01  # per kind, of the dev none lines, on top of what the app flags already
THRESHOLD_FLOOR = 0.50
FLOORS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3)
MAX_FLOOR_LOSS = 0.01  # of a kind's dev lines: catches a meaning floor may cost


def load(name: str) -> list[dict[str, Any]]:
    return splits.training_rows(name)


class Vocabulary:
    def __init__(self, texts: list[str]) -> None:
        self.words, self.idf = vocabulary([set(pieces(t)) for t in texts], MIN_LINES)
        self.index = {p: i for i, p in enumerate(self.words)}

    def head(self, weights: NDArray[Any], bias: NDArray[Any], temperature: float,
             thresholds: dict[str, float], meta: dict[str, Any]) -> WordingHead:
        return WordingHead(self.words, self.idf, weights.astype(np.float32),
                           bias.astype(np.float32), temperature, thresholds, meta)

    def matrix(self, texts: list[str]) -> Any:
        """tf-idf rows, computed by the app's own features() so training reads as the app does."""
        probe = self.head(np.zeros((len(CLASSES), len(self.words))), np.zeros(len(CLASSES)),
                          1.0, dict.fromkeys(KINDS, 1.0), {})
        return sparse_rows(probe.features, texts, len(self.words))


def fit(vocab: Vocabulary, texts: list[str], y: NDArray[np.int64], c: float,
        extra: list[str] = (), weight: float = 0.0) -> Any:  # type: ignore[assignment]
    """The regression on the lines, plus `extra` texts as `none` rows at `weight` each."""
    from sklearn.linear_model import LogisticRegression

    extra = list(extra) if weight > 0 else []
    weights = np.concatenate([np.ones(len(texts)), np.full(len(extra), weight)])
    labels = np.concatenate([y, np.zeros(len(extra), dtype=np.int64)])
    return LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(
        vocab.matrix(list(texts) + extra), labels, sample_weight=weights)


def unit_max(model: Any, vocab: Vocabulary, texts: list[str], temperature: float
             ) -> NDArray[np.float64]:
    """Per text, the highest probability of each class over its units (none = 1 without any)."""
    units = [wording_units(t) for t in texts]
    flat = [u for us in units for u in us]
    probs = softmax(model.decision_function(vocab.matrix(flat)), temperature) if flat else None
    out = np.zeros((len(texts), len(CLASSES)))
    at = 0
    for i, us in enumerate(units):
        if us and probs is not None:
            out[i] = probs[at:at + len(us)].max(axis=0)
        else:
            out[i, 0] = 1.0
        at += len(us)
    return out


def app_flags(lines: list[dict[str, Any]]) -> list[set[str]]:
    """What the app flags on each line without this head: rules and the meaning head fitted on
    the train split only."""
    from nearer.analysis.safety import wording

    meaning_semantic.clear_cache()
    blank = wording.WordingHead(("",), np.ones(1, np.float32), np.zeros((3, 1), np.float32),
                                np.array([10.0, 0.0, 0.0], np.float32), 1.0,
                                dict.fromkeys(KINDS, 1.01), {})
    with use_meaning_head(read_meaning_head(MEANING_TRAIN_ONLY)), wording.use_head(blank):
        found = [set(assess(r["text"]).kinds) for r in lines]
    meaning_semantic.clear_cache()
    return found


def thresholds_for(maxp: NDArray[np.float64], y: NDArray[np.int64], already: list[set[str]],
                   pools: NDArray[np.str_]) -> dict[str, float]:
    """Per kind, the lowest threshold whose added false alarms stay within EXTRA_FALSE_ALARM of
    each pool of dev none lines (the hard look-alikes, and ordinary journaling, apart)."""
    chosen = {}
    for i, kind in enumerate(KINDS):
        fresh = np.array([kind not in a for a in already])
        for t in np.arange(THRESHOLD_FLOOR, 0.995, 0.01):
            if all(int(((y == 0) & (pools == pool) & fresh & (maxp[:, 1 + i] >= t)).sum())
                   <= EXTRA_FALSE_ALARM * int(((y == 0) & (pools == pool)).sum())
                   for pool in set(pools.tolist())):
                chosen[kind] = round(float(t), 2)
                break
        else:
            chosen[kind] = 0.99
    return chosen


def dev_figures(maxp: NDArray[np.float64], y: NDArray[np.int64], already: list[set[str]],
                thresholds: dict[str, float]) -> dict[str, Any]:
    flags = [set(a) | {k for i, k in enumerate(KINDS) if maxp[j, 1 + i] >= thresholds[k]}
             for j, a in enumerate(already)]
    out: dict[str, Any] = {}
    for i, kind in enumerate(KINDS):
        rows = np.flatnonzero(y == 1 + i)
        out[kind] = f"{sum(kind in flags[j] for j in rows)}/{len(rows)}"
        out[f"{kind} (head alone)"] = f"{int((maxp[rows, 1 + i] >= thresholds[kind]).sum())}/{len(rows)}"
    none = np.flatnonzero(y == 0)
    out["false_alarms"] = f"{sum(bool(flags[j]) for j in none)}/{len(none)}"
    out["before (rules + meaning head)"] = {
        **{k: f"{sum(k in already[j] for j in np.flatnonzero(y == 1 + i))}" for i, k in enumerate(KINDS)},
        "false_alarms": f"{sum(bool(already[j]) for j in none)}"}
    return out


def choose_floor(head: WordingHead, dev: list[dict[str, Any]], y: NDArray[np.int64]
                 ) -> tuple[dict[str, float], dict[str, Any]]:
    """The meaning floor (wording.WordingHead.meaning_floor, one for both kinds): the largest in
    FLOORS at which the app's dev catches of each kind stay within MAX_FLOOR_LOSS of that kind's
    dev lines of no floor; fewer false alarms is what a floor buys."""
    from nearer.analysis.safety import wording

    results = {}
    for floor in FLOORS:
        trial = replace(head, meaning_floor=dict.fromkeys(KINDS, floor))
        meaning_semantic.clear_cache()
        with use_meaning_head(read_meaning_head(MEANING_TRAIN_ONLY)), wording.use_head(trial):
            found = [assess(r["text"]) for r in dev]
        caught = {k: sum(k in f.kinds for f, t in zip(found, y, strict=True) if t == 1 + i)
                  for i, k in enumerate(KINDS)}
        alarms = sum(f.flagged for f, t in zip(found, y, strict=True) if t == 0)
        results[floor] = {**{k: f"{caught[k]}/{int((y == 1 + i).sum())}"
                             for i, k in enumerate(KINDS)},
                          "false_alarms": f"{alarms}/{int((y == 0).sum())}", "_caught": caught}
        print(f"meaning floor {floor}: dev (the app, combined) {results[floor]}")
    meaning_semantic.clear_cache()
    base = results[FLOORS[0]]["_caught"]
    chosen = max(f for f in FLOORS if all(
        base[k] - results[f]["_caught"][k] <= MAX_FLOOR_LOSS * int((y == 1 + i).sum())
        for i, k in enumerate(KINDS)))
    print(f"meaning floor chosen: {chosen}")
    figures = {k: v for k, v in results[chosen].items() if not k.startswith("_")}
    return dict.fromkeys(KINDS, chosen), figures


def main() -> int:
    train, dev = load("safety_train"), load("safety_dev")
    label = {name: i for i, name in enumerate(CLASSES)}
    y_train = np.array([label[r["label"]] for r in train])
    y_dev = np.array([label[r["label"]] for r in dev])
    train_texts, dev_texts = [r["text"] for r in train], [r["text"] for r in dev]
    pools = np.array(["ordinary" if r.get("style") == "ordinary" else "lookalike" for r in dev])
    vocab = Vocabulary(train_texts)
    print(f"lines: train {len(train)}, dev {len(dev)}; vocabulary {len(vocab.words)} pieces")
    already = app_flags(dev)
    coach = [r["text"] for r in coach_none_lines()]
    coach_dev = [r["text"] for r in load("coach_dev") if not r["kinds"]]
    print(f"coach training drafts as none: {len(coach)}; gentle coach dev drafts: {len(coach_dev)}")
    best: tuple[int, float, float, dict[str, float], dict[str, Any]] | None = None
    weight = 0.0
    for c, w in [(c, w) for c in C_GRID for w in COACH_WEIGHTS]:
        model = fit(vocab, train_texts, y_train, c, coach, w)
        temperature = fit_temperature(model.decision_function(vocab.matrix(dev_texts)), y_dev)
        maxp = unit_max(model, vocab, dev_texts, temperature)
        thresholds = thresholds_for(maxp, y_dev, already, pools)
        figures = dev_figures(maxp, y_dev, already, thresholds)
        caught = sum(int(figures[k].split("/")[0]) for k in KINDS)
        gentle = unit_max(model, vocab, coach_dev, temperature)
        figures["gentle coach dev drafts flagged (head alone)"] = (
            f"{sum(any(gentle[j, 1 + i] >= thresholds[k] for i, k in enumerate(KINDS)) for j in range(len(coach_dev)))}"
            f"/{len(coach_dev)}")
        print(f"C={c:g} coach weight {w:g}: temperature {temperature}, thresholds {thresholds}, "
              f"dev {figures}")
        if best is None or caught > best[0]:
            best = (caught, c, temperature, thresholds, figures)
            weight = w
            train_only = vocab.head(model.coef_, model.intercept_, temperature, thresholds,
                                    {"c": c, "coach_weight": w, "dev": figures})
    assert best is not None
    _, c, temperature, thresholds, figures = best
    print(f"chosen: C={c:g}, coach weight {weight:g}, temperature {temperature}, "
          f"thresholds {thresholds}")
    floor, figures = choose_floor(train_only, dev, y_dev)
    train_only = replace(train_only, meaning_floor=floor, meta={**train_only.meta, "dev": figures})
    save_head(TRAIN_ONLY, train_only)
    every = train_texts + dev_texts
    full_vocab = Vocabulary(every)
    model = fit(full_vocab, every, np.concatenate([y_train, y_dev]), c, coach, weight)
    meta = {"c": c, "coach_weight": weight, "dev": figures, "lines": {"train": len(train), "dev": len(dev)},
            "vocabulary": len(full_vocab.words), "min_lines": MIN_LINES,
            "extra_false_alarm": EXTRA_FALSE_ALARM}
    head = replace(full_vocab.head(model.coef_, model.intercept_, temperature, thresholds, meta),
                   meaning_floor=floor)
    save_head(model_path(), head)
    for path in (model_path(), TRAIN_ONLY):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
