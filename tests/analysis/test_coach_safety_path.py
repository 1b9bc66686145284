"""The coach reads drafts per keystroke: its safety check stays on the fast rules stage.

Since the coach's own learned head (issue 14) reads each draft's embeddings, coaching loads the
encoder; the rules-only path (`model=False`, or NEARER_COACH_MODEL=0) still never does.
"""

from __future__ import annotations

import subprocess
import sys


def test_rules_only_coaching_never_loads_the_embedding_model() -> None:
    code = (
        "import os\n"
        "from nearer.analysis import coach, embeddings\n"
        "r = coach.analyze('we never get time together anymore and i miss you', model=False)\n"
        "os.environ['NEARER_COACH_MODEL'] = '0'\n"
        "r = coach.analyze('you never listen to me, not once')\n"
        "print(embeddings.is_loaded())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_drafts_safety_check_is_the_rules_stage_even_with_the_head() -> None:
    from nearer.analysis.coach import analyze

    # Indirect, no rule words: only the safety head would read it; the coach does not run it.
    result = analyze("Lately I sleep in the car because of what he does at home.")
    assert not any("model" in fired for fired in result.safety.fired)


def test_rules_stage_still_catches_plain_danger_in_a_draft() -> None:
    from nearer.analysis.coach import analyze

    result = analyze("if you leave I will hurt you, you hear me")
    assert result.safety.flagged and "violence" in result.safety.kinds
