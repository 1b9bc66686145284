"""The coach reads drafts per keystroke: its safety check stays on the fast rules stage."""

from __future__ import annotations

import subprocess
import sys


def test_coaching_a_draft_never_loads_the_embedding_model() -> None:
    code = (
        "from nearer.analysis import coach, embeddings\n"
        "r = coach.analyze('we never get time together anymore and i miss you')\n"
        "print(embeddings.is_loaded())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rules_stage_still_catches_plain_danger_in_a_draft() -> None:
    from nearer.analysis.coach import analyze

    result = analyze("if you leave I will hurt you, you hear me")
    assert result.safety.flagged and "violence" in result.safety.kinds
