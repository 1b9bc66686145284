"""Safety round 3: everyday-voice families fire on reworded lines, and their look-alikes stay quiet."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from nearer.analysis import safety_semantic
from nearer.analysis.safety import assess

ROUND3 = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "safety_round3.jsonl"


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests pin the rule families; the embedding stage is tested elsewhere.
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "0")
    if hasattr(safety_semantic, "enabled"):
        monkeypatch.setattr(safety_semantic, "enabled", lambda: False)


# Worded differently from the benchmark lines, so they test the family, not one sentence.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Life would be simpler for them if I wasn't around at all.", "self_harm"),
        ("when I'm on the motorway I picture how easy it would be to swerve", "self_harm"),
        ("I've got the tablets in my sock drawer and nobody knows.", "self_harm"),
        ("I kept banging my head on the floor until it bruised.", "self_harm"),
        ("i smashed the mirror until my hands bled", "self_harm"),
        ("Can't picture myself still alive by the summer.", "self_harm"),
        ("I'm hoping the train crashes on the way home tbh", "self_harm"),
        ("I just want out of this life", "self_harm"),
        ("My stomach drops when I hear his keys in the door.", "violence"),
        ("My wife keeps saying no one would ever love me.", "violence"),
        ("He told me I'd better watch my mouth or else.", "violence"),
        ("She picked up the hammer when we were shouting.", "violence"),
        ("I'll kill him if he leaves me, I swear.", "violence"),
    ],
)
def test_everyday_families_fire(text: str, kind: str) -> None:
    result = assess(text)
    assert result.flagged
    assert kind in result.kinds


@pytest.mark.parametrize(
    "text",
    [
        "It would be easier if I wasn't here when the plumber comes.",
        "I hope I don't wake up too late for the flight.",
        "Took the expired tablets to the chemist to dispose of them.",
        "Writing a goodbye card for my colleague's retirement.",
        "Debugging this is like banging my head against a brick wall.",
        "I can't see myself still working here by next year, the company is a mess.",
        "I want toxic people out of my life.",
        "I'm not giving up on myself.",
        "She was chopping onions with the big knife while we argued about paint colours.",
        "I'll kill him if he eats my chips lol",
        "I get so excited when I hear her car, she's been away a month.",
        "I bought rope for the climbing trip and haven't told anyone yet, it's a surprise.",
    ],
)
def test_look_alikes_stay_quiet(text: str) -> None:
    assert not assess(text).flagged


def test_round3_set_shape_and_header() -> None:
    lines = ROUND3.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# before:")
    rows = [json.loads(line) for line in lines[1:] if line.strip()]
    counts = {k: sum(k in r["kinds"] for r in rows) for k in ("self_harm", "violence")}
    assert len(rows) == 80
    assert counts == {"self_harm": 25, "violence": 25}
    assert sum(r["level"] == "none" for r in rows) == 30


def test_round3_set_after_tuning() -> None:
    rows = [json.loads(line) for line in ROUND3.read_text(encoding="utf-8").splitlines()[1:]]
    wrong = [r["id"] for r in rows
             if set(assess(r["text"]).kinds) != set(r["kinds"])]
    assert wrong == []
    assert os.environ["NEARER_SAFETY_SEMANTIC"] == "0"
