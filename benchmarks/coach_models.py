"""The coach: rules only vs learned head only vs combined (rules OR head), side by side, one run.

Run: .venv/bin/python benchmarks/coach_models.py [--dev-only]

`--dev-only` scores the dev split alone (no benchmark set, no fresh set).

- dev split (data/train/coach_dev.jsonl), scored with the head fitted on the train split only
  (benchmarks/data/coach_head_train_only.npz, written by `make train`); the thresholds were
  chosen on this split, so its combined figures are optimistic;
- the older benchmark sets (benchmarks/data/coach_*.jsonl), never trained on (add_lines refuses
  any line a benchmark holds); the rules were tuned on several of them, as their READMEs say;
- the fresh sets (benchmarks/data/fresh_coach/, fresh3/ … fresh14/), each written after a head and
  the rules were frozen and scored once with them (the newest is headed FRESH).

Per set: F1 per kind, macro-F1 over the kinds the set labels, harsh-vs-gentle accuracy, the share
of gentle messages flagged and of gentle traps flagged. Head only = the head's kinds with no rule
at all (frames it blurs still left out); combined = what analyze() reports (the rules, the head
where no rule fired, and the head's threats). Written for Nearer, MIT.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from nearer.analysis import coach_model  # noqa: E402
from nearer.analysis.coach import analyze, wording  # noqa: E402
from nearer.analysis.coach_head import KINDS, CoachHead, load_head, read_head  # noqa: E402
from nearer.analysis.coach_model import head_flags  # noqa: E402

TRAIN_ONLY = HERE / "data" / "coach_head_train_only.npz"
WORDING_TRAIN_ONLY = HERE / "data" / "coach_wording_train_only.npz"
# The fresh sets, oldest first: (folder under benchmarks/data, when it was written and how it was
# scored); the newest is headed FRESH.
_FRESH = (
    ("fresh_coach", "written after the FIRST head was frozen, scored once with it"),
    ("fresh3", "written after the SECOND head (frozen encoder) was frozen, scored once with it; "
     "never tuned on"),
    ("fresh4", "written after the THIRD head and the rules before 2026-12-04's evening were "
     "frozen, scored once with them; never tuned on"),
    ("fresh5", "written after the rules of 2026-12-04 20:39 were frozen, scored once with them; "
     "never tuned on"),
    ("fresh6", "written after the rules and coach head of 2026-12-04 were frozen, scored once; "
     "never tuned on"),
    ("fresh8", "written after the coach rules of 2026-12-06 were frozen, scored once; never "
     "tuned on"),
    ("fresh9", "written after the round-4 rules and head of 2026-12-06 evening were frozen, "
     "scored once; never tuned on"),
    ("fresh10", "written after the round-5 rules and head (2026-12-06, session 12) were frozen, "
     "scored once"),
    ("fresh12", "written after the round-6 head (2026-12-06, session 13) was frozen, scored "
     "once"),
    ("fresh13", "written after the round-7 head (2026-12-06, session 14) was frozen, scored "
     "once"),
    ("fresh14", "written after round 16 (2026-12-06, session 15) froze; the coach head is "
     "round 7's (round 8 held back); scored once"),
    ("fresh15", "written after the session-16 coach rules and the coach's pairs from the pass; "
     "scored once after the session-16 safety rules froze"),
    ("fresh17", "written after the session-17 coach rules (round 2) froze; scored once after "
     "the session-17 safety rules froze"),
    ("fresh21", "written after the coach's wording head (session 18) froze; scored once"),
    ("fresh28", "written at the start of session 22, sealed; scored once with the session-start "
     "heads and once with the tuned encoder and the heads retrained on it"),
    ("fresh29", "written at the start of session 23, sealed; scored once with the session-start "
     "heads (which ship) and once with the second tuning and the heads refitted on it (held "
     "back)"),
)
SETS = [
    (ROOT / "data" / "train" / "coach_dev.jsonl", "dev split, head fitted on train only; thresholds chosen here", True),
    (HERE / "data" / "coach_dev.jsonl", "rules tuned on it", False),
    (HERE / "data" / "coach_probe.jsonl", "rules tuned on it", False),
    (HERE / "data" / "coach_blind.jsonl", "rules tuned on it after its blind score", False),
    (HERE / "data" / "coach_holdout.jsonl", "held out from rule tuning", False),
    (HERE / "data" / "coach_fresh.jsonl", "older fresh set", False),
    *(
        (HERE / "data" / folder / f"{folder.removesuffix('_coach')}_coach.jsonl",
         ("FRESH: " if k == len(_FRESH) - 1 else "") + note, False)
        for k, (folder, note) in enumerate(_FRESH)
    ),
]


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip() and not line.startswith("#")]


def figures(rows: list[dict[str, Any]], predicted: list[set[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    labelled = [k for k in KINDS if any(k in r["kinds"] for r in rows)]
    for kind in labelled:
        tp = sum(1 for r, p in zip(rows, predicted, strict=True) if kind in r["kinds"] and kind in p)
        fp = sum(1 for r, p in zip(rows, predicted, strict=True) if kind not in r["kinds"] and kind in p)
        fn = sum(1 for r, p in zip(rows, predicted, strict=True) if kind in r["kinds"] and kind not in p)
        out[kind] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    out["macro"] = sum(out[k] for k in labelled) / len(labelled)
    out["acc"] = sum(bool(r["kinds"]) == bool(p) for r, p in zip(rows, predicted, strict=True)) / len(rows)
    gentle = [bool(p) for r, p in zip(rows, predicted, strict=True) if not r["kinds"]]
    traps = [bool(p) for r, p in zip(rows, predicted, strict=True) if not r["kinds"] and r.get("trap")]
    out["gentle"] = (sum(gentle), len(gentle))
    out["traps"] = (sum(traps), len(traps))
    return out


def run(rows: list[dict[str, Any]], head: CoachHead, words: wording.CoachWording
        ) -> dict[str, list[set[str]]]:
    rules = [set(analyze(r["text"], model=False).kinds) for r in rows]
    original = coach_model.load_head
    coach_model.load_head = lambda: head  # type: ignore[assignment]
    try:
        with wording.use_head(words):
            model = [{f.kind for f in head_flags(r["text"], head=head)} for r in rows]
            combined = [set(analyze(r["text"]).kinds) for r in rows]
    finally:
        coach_model.load_head = original  # type: ignore[assignment]
    return {"rules only": rules, "heads only": model, "combined": combined}


def show(name: str, note: str, rows: list[dict[str, Any]], runs: dict[str, list[set[str]]]) -> None:
    print(f"\n== {name} ({len(rows)} messages; {note})")
    header = "".join(f"{k[:6]:>8s}" for k in KINDS)
    print(f"{'detector':12s}{header}{'macro':>8s}{'harsh/gentle':>14s}{'gentle flagged':>16s}{'traps flagged':>15s}")
    for detector, predicted in runs.items():
        f = figures(rows, predicted)
        cells = "".join(f"{f[k]:8.3f}" if k in f else f"{'-':>8s}" for k in KINDS)
        g, t = f["gentle"], f["traps"]
        trap_cell = f"{t[0]}/{t[1]}" if t[1] else "-"
        print(f"{detector:12s}{cells}{f['macro']:8.3f}{f['acc']:14.3f}{f'{g[0]}/{g[1]}':>16s}{trap_cell:>15s}")


# The dev split's round-4 voices (2026-12-06: six of twelve new voices; the rules' round-4
# fixes were written from the other six, in the training split, then two shapes from these).
ROUND4_DEV_VOICES = {"fijian", "bangladeshi", "yorkshire", "boston", "l1_greek", "l1_indonesian"}


def main(argv: list[str]) -> int:
    packaged, train_only = load_head(), read_head(TRAIN_ONLY)
    words, words_train_only = wording.load_head(), wording.read_head(WORDING_TRAIN_ONLY)
    pick: Callable[[bool], CoachHead] = lambda dev: train_only if dev else packaged  # noqa: E731
    for path, note, dev in SETS:
        if not path.exists() or ("--dev-only" in argv and not dev):
            continue
        rows = load(path)
        runs = run(rows, pick(dev), words_train_only if dev else words)
        show(path.name, note, rows, runs)
        if dev:
            keep = [i for i, r in enumerate(rows) if r["voice"] in ROUND4_DEV_VOICES]
            show(f"{path.name}, round-4 voices only", "the dev split's six round-4 voices",
                 [rows[i] for i in keep], {k: [v[i] for i in keep] for k, v in runs.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
