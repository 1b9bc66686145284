"""Today offers the first step on the path not yet taken, in the path's own order."""

from __future__ import annotations

from dataclasses import replace

from nearer.domain.path import (
    FIRST_ENTRY,
    INVITE,
    ROOTS,
    SIGNS,
    SMALL_STEP,
    TALK,
    PathFacts,
    next_step,
)

NOTHING = PathFacts(False, False, False, False, False)


def test_a_newcomer_starts_by_noticing_the_signs() -> None:
    assert next_step(NOTHING) is SIGNS
    # Even with a partner and a journal, the signs come first.
    assert next_step(replace(NOTHING, linked=True, has_journal_entry=True)) is SIGNS


def test_each_step_in_turn() -> None:
    facts = replace(NOTHING, answered_signs=True)
    assert next_step(facts) is FIRST_ENTRY
    facts = replace(facts, has_journal_entry=True)
    assert next_step(facts) is ROOTS
    facts = replace(facts, has_reflection=True)
    assert next_step(facts) is INVITE
    facts = replace(facts, linked=True)
    assert next_step(facts) is SMALL_STEP
    assert next_step(replace(facts, step_this_week=True)) is TALK


def test_every_step_links_to_a_menu_page() -> None:
    from nearer.domain.navigation import where

    for step in (SIGNS, FIRST_ENTRY, ROOTS, INVITE, SMALL_STEP, TALK):
        found = where(step.href.split("?")[0])
        assert found.section is not None and found.section.label == step.section
