"""A disclosure among everyday sentences: does the safety detector still catch it?

A sentence read in one pass over its text carries its neighbours, and an unrelated one dilutes
it (MODEL_CARD.md, "One pass per text"); the meaning head therefore reads each sentence alone
and pools only the pairs of a longer text from one pass ("How a text is read"). This check takes 200 dev disclosures (one line each, under 160
characters, a fixed sample) and reads each alone, after one of four everyday sentences written
for this check, and before one. Dev lines only (data/train/safety_dev.jsonl): a dev figure.

Run: .venv/bin/python benchmarks/safety_amid.py [OTHER_CHECKOUT ...] — each checkout's own
detector, in its own process, side by side. Written for Nearer, MIT.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVERYDAY = ("The weather was grey all week.", "We had pasta for tea and watched the football.",
            "Work was busy and the bus was late again.", "My sister rang about her holiday plans.")
SAMPLE, SEED = 200, 7


def lines(root: Path) -> list[dict[str, str]]:
    with (root / "data" / "train" / "safety_dev.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    found = [r for r in rows if r["label"] != "none" and len(r["text"]) < 160]
    return random.Random(SEED).sample(found, SAMPLE)


def child(root: Path) -> None:
    sys.path.insert(0, str(root / "src"))
    from nearer.analysis.safety import assess

    caught = {"alone": 0, "after an everyday sentence": 0, "before one": 0}
    for i, row in enumerate(lines(HERE.parent)):
        other, text = EVERYDAY[i % len(EVERYDAY)], row["text"]
        for way, read in (("alone", text), ("after an everyday sentence", f"{other} {text}"),
                          ("before one", f"{text.rstrip('.')}. {other}")):
            caught[way] += row["label"] in assess(read).kinds
    print(json.dumps(caught))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(Path(argv[1]))
        return 0
    env = dict(os.environ, OMP_NUM_THREADS="1")
    print(f"{SAMPLE} dev disclosures caught (the same lines for every checkout)")
    for root in [HERE.parent, *map(Path, argv)]:
        out = subprocess.run([sys.executable, __file__, "--child", str(root.resolve())],
                             capture_output=True, text=True, check=True, env=env).stdout
        found = json.loads(out.strip().splitlines()[-1])
        print(f"{str(root):40s} " + "  ".join(f"{k}: {v}" for k, v in found.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
