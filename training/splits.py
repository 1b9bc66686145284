"""The labelled lines of data/train, read and appended in one place.

A split (`safety_train`, `coach_dev`, ...) is one JSONL file, `NAME.jsonl`, continued in parts
`NAME.part2.jsonl`, `NAME.part3.jsonl`, ... once a file reaches PART_LIMIT bytes: every file in
the repository stays small, each part stays a plain text diff, and a new round of lines goes to
the last part. Reading a split concatenates its files in order, so the lines, their order and
every id are exactly those of one file. Written for Nearer, MIT.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "train"
# Blind sets that, once scored and reported, were taken into a split's training lines: one line
# per set, "SPLIT PATH" (PATH from the repository's root). Their figures are history from then on.
TRAINED_BLIND = DATA / "trained_blind_sets.txt"
PART_LIMIT = 1_500_000  # bytes; a part that has reached this is not appended to
_PART = re.compile(r"\.part(\d+)\.jsonl$")


def files(name: str, data: Path = DATA) -> list[Path]:
    """The files of split `name`, in order (those that exist)."""
    first = data / f"{name}.jsonl"
    parts = sorted(data.glob(f"{name}.part*.jsonl"),
                   key=lambda p: int(m.group(1)) if (m := _PART.search(p.name)) else 0)
    return ([first] if first.exists() else []) + parts


def rows(name: str, data: Path = DATA) -> list[dict[str, Any]]:
    """Every line of split `name`, in order."""
    found: list[dict[str, Any]] = []
    for path in files(name, data):
        with path.open(encoding="utf-8") as handle:
            found += [json.loads(line) for line in handle if line.strip()]
    return found


def append_file(name: str, data: Path = DATA) -> Path:
    """Where new lines of split `name` go: its last file, or a new part once that is full."""
    existing = files(name, data)
    if not existing:
        return data / f"{name}.jsonl"
    last = existing[-1]
    if last.stat().st_size < PART_LIMIT:
        return last
    number = int(m.group(1)) if (m := _PART.search(last.name)) else 1
    return data / f"{name}.part{number + 1}.jsonl"


def trained_blind(name: str, listing: Path = TRAINED_BLIND) -> list[Path]:
    """The blind sets taken into split `name` (trained_blind_sets.txt), in the listed order."""
    if not listing.exists():
        return []
    found = []
    for line in listing.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and line.split()[0] == name:
            found.append(ROOT / line.split()[1])
    return found


def training_rows(name: str, data: Path = DATA, listing: Path = TRAINED_BLIND
                  ) -> list[dict[str, Any]]:
    """Split `name`'s lines, then those of the blind sets taken into it. A blind set's lines keep
    their voices and get `fold`: the set's file name, so leave-one-out holds a set out whole (one
    fold per set, not one per voice: hundreds of voices would mean hundreds of folds)."""
    found = rows(name, data)
    for path in trained_blind(name, listing):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = {**json.loads(line), "fold": path.stem}
                    if row.get("who") == "none":  # fresh7 wrote the word; the splits write null
                        row["who"] = None
                    found.append(row)
    return found


def fold_of(row: dict[str, Any]) -> str:
    """The group a line is held out with in leave-one-out: its blind set's, else its voice."""
    return str(row.get("fold") or row["voice"])
