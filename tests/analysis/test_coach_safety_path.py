"""The coach reads drafts per keystroke with both safety stages, as saved text is read.

The rules-only path (`model=False`, or NEARER_COACH_MODEL=0) never loads the encoder; with the
model, the safety head reads the draft too, so a draft only the head recognises shows help while
it is typed.
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


def test_the_drafts_safety_check_runs_the_head_too() -> None:
    from nearer.analysis.coach import analyze
    from nearer.analysis.safety import WRITER_HARMED, assess

    # Indirect, no rule words: only the safety head reads it as someone being hurt.
    # (The example before the round-12 refit, "Lately I sleep in the car because of what he does
    # at home.", now scores 0.63 against the violence threshold 0.67, and the one before the
    # round-14 refit, "I've been sleeping at my mum's because I'm scared of what he does when he's
    # angry.", is now caught by the wording head (0.98) with the meaning head at 0.58 against
    # 0.68: MODEL_CARD.md, weak spots.)
    draft = "I've started sleeping in the kids' room with the door locked because of his temper."
    assert not assess(draft, deep=False).flagged
    result = analyze(draft)
    assert result.safety.flagged and result.safety.who == (WRITER_HARMED,)
    assert any(fired.startswith("model") for fired in result.safety.fired)
    assert not result.gentle
    # rules only: the head stays out
    assert not analyze(draft, model=False).safety.flagged


def test_rules_stage_still_catches_plain_danger_in_a_draft() -> None:
    from nearer.analysis.coach import analyze

    result = analyze("if you leave I will hurt you, you hear me")
    assert result.safety.flagged and "violence" in result.safety.kinds


def test_a_threat_made_against_the_writer_is_not_read_as_their_threat() -> None:
    """Told or quoted, a threat against the writer gets their panel ("never your fault"), never
    the coach's "threat" (which tells the writer to get help with the anger)."""
    from nearer.analysis.coach import analyze
    from nearer.analysis.safety import WRITER_HARMED, WRITER_THREATENS

    for draft in ("He said if I ever leave he'll kill me and the kids.",
                  "My husband keeps saying he will hurt me if I go out",
                  "he told me if i talk to my sister again i'll regret it"):
        result = analyze(draft)
        assert WRITER_HARMED in result.safety.who and WRITER_THREATENS not in result.safety.who
        assert "threat" not in result.kinds, (draft, result.kinds)
    own = analyze("if you leave me I will hurt you")
    assert WRITER_THREATENS in own.safety.who and "threat" in own.kinds  # the writer's own threat


def test_reads_gently_is_said_of_a_full_reading_only() -> None:
    from nearer.analysis.coach import analyze

    draft = "Wrote letters to mum and my sister today. Gave away my guitar. Its sorted now."
    assert not analyze(draft, typing=True).gentle  # the quick reading never says it
    calm = "Thanks for making dinner tonight. It was lovely."
    assert analyze(calm).gentle and not analyze(calm, typing=True).gentle
    one = "Thanks for making dinner tonight, it was lovely."  # one sentence: no pairs to wait for
    assert analyze(one, typing=True).gentle
