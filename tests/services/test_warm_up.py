"""A server worker warms up before its port opens: every rule and cue compiled, the heads loaded,
so the first person to write or type waits no longer than anyone else."""

from __future__ import annotations

from nearer.analysis import rulebook
from nearer.analysis.coach.detector import all_rules
from nearer.analysis.safety import detector
from nearer.services.text_checks import warm_up


def test_warm_up_compiles_every_safety_rule_coach_rule_and_cue() -> None:
    warm_up()
    assert detector._rule.cache_info().currsize == len(detector._index().specs)
    assert all_rules.cache_info().currsize == 1
    # a cue's compiled pattern is kept on it once made (functools.cached_property)
    assert all("pattern" in vars(cue) for cue in rulebook.book().cues.values())
