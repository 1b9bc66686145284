"""How often the safety head alone reads harsh-but-safe messages as danger, before / after, one run.

Run: python training/measure_harsh_safety.py [--before SAFETY.npz TRAIN_ONLY.npz]

(e.g. `git show REV:src/nearer/analysis/models/safety.npz > old.npz` and the same for
`benchmarks/data/safety_head_train_only.npz`). Each head is scored through the app's own
`assess()` (rules' skip frames and the semantic stage's units), counting only what the head fired:

- the coach's dev drafts (data/train/coach_dev.jsonl, never trained on), with the shipped head:
  harsh drafts that carry no threat, gentle drafts (and those that are not the writer's own
  distress), and the threat drafts the safety rules miss that the head catches;
- the safety dev lines worded near stonewalling ("I'm done", "I can't anymore", "leave me alone
  for good", ...), with the train-only head (the shipped head trained on them): each line, its
  label and whether the head flags it.

Per-kind recall and false alarms on the whole safety dev split come from
`benchmarks/safety_models.py --dev-only --before OLD_TRAIN_ONLY.npz`. Written for Nearer, MIT.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

import splits  # noqa: E402

from nearer.analysis.safety import KINDS, assess  # noqa: E402
from nearer.analysis.safety import semantic as safety_semantic  # noqa: E402
from nearer.analysis.safety.model import model_path, read_head, use_head  # noqa: E402

DATA = ROOT / "data" / "train"
TRAIN_ONLY = ROOT / "benchmarks" / "data" / "safety_head_train_only.npz"
NEAR_STONEWALLING = re.compile(
    r"\b(?:i'?m done|i am done|done with|can'?t (?:do (?:this|it)|take (?:it|this)|anymore|go on)"
    r"|cannot (?:do|take|go on)|leave me alone|for good|give up|giving up|had enough|over it"
    r"|whatever|no point|walk away|disappear|not coming back)", re.IGNORECASE)
_KIND_WORDS = {"self_harm": "self-harm", "violence": "violence"}


def load(name: str) -> list[dict[str, Any]]:
    return splits.rows(name)


def head_kinds(text: str) -> set[str]:
    """The kinds the learned head fired on (rules left aside)."""
    fired = assess(text).fired
    return {k for k in KINDS if any(f.startswith("model:") and _KIND_WORDS[k] in f for f in fired)}


def coach_dev_report(rows: list[dict[str, Any]]) -> dict[str, str]:
    flags = [bool(head_kinds(r["text"])) for r in rows]
    self_harm = [("self_harm" in head_kinds(r["text"])) for r in rows]
    rules_miss = [not assess(r["text"], deep=False).flagged for r in rows]

    def share(mask: list[bool], hits: list[bool]) -> str:
        return f"{sum(h for h, m in zip(hits, mask, strict=True) if m)}/{sum(mask)}"

    harsh = [bool(r["kinds"]) and "threat" not in r["kinds"] for r in rows]
    gentle = [not r["kinds"] for r in rows]
    calm = [g and not r.get("distress") for g, r in zip(gentle, rows, strict=True)]
    threat_missed = [("threat" in r["kinds"]) and m for r, m in zip(rows, rules_miss, strict=True)]
    return {
        "harsh, no threat: head flags": share(harsh, flags),
        "harsh, no threat: read as self-harm": share(harsh, self_harm),
        "gentle: head flags": share(gentle, flags),
        "gentle, not the writer's distress: head flags": share(calm, flags),
        "threat drafts the rules miss: head catches": share(threat_missed, flags),
    }


def near_stonewalling(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(r["id"], r["label"], ",".join(sorted(head_kinds(r["text"]))) or "-")
            for r in rows if NEAR_STONEWALLING.search(r["text"])]


def main(argv: list[str]) -> int:
    os.environ["NEARER_SAFETY_SEMANTIC"] = "1"
    heads = [("after", model_path(), TRAIN_ONLY)]
    if "--before" in argv:
        at = argv.index("--before")
        heads.insert(0, ("before", Path(argv[at + 1]), Path(argv[at + 2])))
    coach_dev, safety_dev = load("coach_dev"), load("safety_dev")
    near: dict[str, list[tuple[str, str, str]]] = {}
    for name, shipped, train_only in heads:
        safety_semantic.clear_cache()
        with use_head(read_head(shipped)):
            print(f"== {name}: coach dev drafts, shipped head ({shipped.name})")
            for label, figure in coach_dev_report(coach_dev).items():
                print(f"  {label:48s} {figure}")
        safety_semantic.clear_cache()
        with use_head(read_head(train_only)):
            near[name] = near_stonewalling(safety_dev)
        safety_semantic.clear_cache()
    print("== safety dev lines worded near stonewalling, train-only head: id label "
          + " ".join(name for name, _, _ in heads))
    texts = {r["id"]: r["text"] for r in safety_dev}
    for i, row in enumerate(near[heads[-1][0]]):
        cells = " ".join(f"{near[name][i][2]:>10}" for name, _, _ in heads)
        print(f"  {row[0]} {row[1]:9s} {cells}  {texts[row[0]][:70]}")
    for name, _, _ in heads:
        caught = sum(1 for _, label, got in near[name] if label != "none" and label in got)
        alarms = sum(1 for _, label, got in near[name] if label == "none" and got != "-")
        total = sum(1 for _, label, _ in near[name] if label != "none")
        safe = sum(1 for _, label, _ in near[name] if label == "none")
        print(f"  {name}: disclosures caught {caught}/{total}, none lines flagged {alarms}/{safe}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
