"""Read the GoEmotions splits (../shared/data/goemotions/, Apache-2.0) and map them to Nearer's
seven families with the mapping in data/train/goemotions_families.yaml. Written for Nearer, MIT."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(os.environ.get("NEARER_GOEMOTIONS", ROOT.parent.parent / "shared" / "data" / "goemotions"))
MAPPING = ROOT / "data" / "train" / "goemotions_families.yaml"


def source_dir() -> Path:
    for candidate in (SOURCE, Path("/work/shared/data/goemotions")):
        if (candidate / "train.tsv").exists():
            return candidate
    raise SystemExit(f"GoEmotions not found at {SOURCE}; set NEARER_GOEMOTIONS to its folder")


def read_split(name: str) -> list[tuple[str, list[str]]]:
    """(text, GoEmotions label names) per row of train / dev / test."""
    folder = source_dir()
    labels = (folder / "labels.txt").read_text(encoding="utf-8").split()
    rows = []
    with (folder / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        for record in csv.reader(handle, delimiter="\t"):
            rows.append((record[0], [labels[int(i)] for i in record[1].split(",")]))
    return rows


def family_of() -> dict[str, str | None]:
    """GoEmotions label -> family (None: the label is left out, see the YAML file)."""
    data = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    return dict(data["mapping"])
