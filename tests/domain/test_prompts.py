"""Roots prompts: the library's size and groups, and how the next prompt is chosen."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.domain.prompts import (
    PromptError,
    all_prompts,
    get_prompt,
    next_prompt,
    parse_prompts,
    prompt_groups,
)

GROUPS = {
    "childhood_family",
    "past_relationships",
    "fear_of_rejection",
    "closeness_growing_up",
    "present_relationship",
}
IDS = [p.id for p in all_prompts()]


def test_library_has_at_least_forty_prompts_in_the_five_groups() -> None:
    prompts = all_prompts()
    assert len(prompts) >= 40
    assert set(prompt_groups()) == GROUPS
    assert {p.group for p in prompts} == GROUPS
    assert all(sum(p.group == g for p in prompts) >= 6 for g in GROUPS)
    assert len(set(IDS)) == len(IDS)
    assert len({p.text for p in prompts}) == len(prompts)
    assert all(p.text.endswith(("?", "'", "\u2026'", ".")) for p in prompts)


def test_fear_group_covers_being_a_burden() -> None:
    texts = [p.text for p in all_prompts() if p.group == "fear_of_rejection"]
    assert any("burden" in t for t in texts)


def test_first_prompts_visit_every_group_in_turn() -> None:
    history: list[str] = []
    last = None
    for _ in range(5):
        chosen = next_prompt(history, last)
        history.append(chosen.id)
        last = chosen.id
    assert [get_prompt(i).group for i in history] == list(prompt_groups())


def test_walking_the_library_offers_every_prompt_once_then_cycles() -> None:
    history: list[str] = []
    last = None
    for _ in range(len(IDS)):
        chosen = next_prompt(history, last)
        history.append(chosen.id)
        last = chosen.id
    assert sorted(history) == sorted(IDS)
    # Cycle: the prompt answered longest ago comes back first, never the last one.
    again = next_prompt(history, last)
    assert again.id == history[0]


def test_prefers_unanswered_within_a_group() -> None:
    group = [p.id for p in all_prompts() if p.group == "past_relationships"]
    answered = group[:-1]
    assert next_prompt(answered, answered[-1], group="past_relationships").id == group[-1]


def test_when_the_only_unanswered_prompt_was_last_another_is_offered() -> None:
    group = [p.id for p in all_prompts() if p.group == "childhood_family"]
    history = group[1:] + group[:1]  # group[0] answered most recently
    chosen = next_prompt(history, group[0], group="childhood_family")
    assert chosen.id != group[0]
    assert chosen.id == group[1]  # answered longest ago


def test_unknown_group_is_refused() -> None:
    with pytest.raises(ValueError):
        next_prompt([], None, group="astrology")


def test_invalid_prompts_file_names_the_field() -> None:
    text = "groups: {a: A}\nprompts:\n  - {id: x, group: b, text: hi}\n"
    with pytest.raises(PromptError, match=r"mine.yaml: prompts\[0\].group: 'b'"):
        parse_prompts(text, "mine.yaml")


@given(
    history=st.lists(st.sampled_from(IDS), max_size=120),
    last=st.none() | st.sampled_from(IDS),
    seed=st.integers(0, 2**32),
    group=st.none() | st.sampled_from(sorted(GROUPS)),
)
def test_never_the_last_prompt_and_unanswered_first(
    history: list[str], last: str | None, seed: int, group: str | None
) -> None:
    for rng in (None, random.Random(seed)):
        chosen = next_prompt(history, last, rng=rng, group=group)
        assert chosen.id != last
        if group is not None:
            assert chosen.group == group
        pool = [p.id for p in all_prompts() if group is None or p.group == group]
        fresh = [i for i in pool if i not in history and i != last]
        if fresh:
            assert chosen.id in fresh


@given(seed=st.integers(0, 2**32), steps=st.integers(1, 150))
def test_never_the_same_prompt_twice_in_a_row(seed: int, steps: int) -> None:
    rng = random.Random(seed)
    history: list[str] = []
    last = None
    for _ in range(steps):
        chosen = next_prompt(history, last, rng=rng)
        assert chosen.id != last
        history.append(chosen.id)
        last = chosen.id
