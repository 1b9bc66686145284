"""Roots reflection prompts: the built-in library and choosing the next prompt to offer."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import zip_longest
from typing import Any

import yaml


class PromptError(ValueError):
    """A prompts file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Prompt:
    id: str
    group: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "group": self.group, "text": self.text}


def parse_prompts(text: str, name: str) -> tuple[dict[str, str], tuple[Prompt, ...]]:
    """Validate a prompts file: declared groups, unique ids, non-empty text."""
    data: Any = yaml.safe_load(text)
    if not isinstance(data, Mapping):
        raise PromptError(f"{name}: (top level): must be a mapping")
    groups = data.get("groups")
    if not isinstance(groups, Mapping) or not groups:
        raise PromptError(f"{name}: groups: must be a non-empty mapping of id to title")
    entries = data.get("prompts")
    if not isinstance(entries, list) or not entries:
        raise PromptError(f"{name}: prompts: must be a non-empty list")
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        where = f"{name}: prompts[{i}]"
        if not isinstance(entry, Mapping):
            raise PromptError(f"{where}: must be a mapping")
        prompt_id, group, words = entry.get("id"), entry.get("group"), entry.get("text")
        if not isinstance(prompt_id, str) or not prompt_id or prompt_id in seen:
            raise PromptError(f"{where}.id: {prompt_id!r} is missing or used twice")
        if group not in groups:
            raise PromptError(f"{where}.group: {group!r} is not a declared group")
        if not isinstance(words, str) or not words.strip():
            raise PromptError(f"{where}.text: must be non-empty text")
        seen.add(prompt_id)
        prompts.append(Prompt(prompt_id, str(group), words.strip()))
    return {str(k): str(v) for k, v in groups.items()}, tuple(prompts)


@cache
def _library() -> tuple[dict[str, str], tuple[Prompt, ...]]:
    path = resources.files("nearer.content").joinpath("prompts", "roots.yaml")
    return parse_prompts(path.read_text(encoding="utf-8"), "roots.yaml")


def all_prompts() -> tuple[Prompt, ...]:
    """Every built-in prompt, in file order (grouped)."""
    return _library()[1]


def prompt_groups() -> dict[str, str]:
    """Group id to the title shown to people, in file order."""
    return dict(_library()[0])


def get_prompt(prompt_id: str) -> Prompt:
    for prompt in all_prompts():
        if prompt.id == prompt_id:
            return prompt
    raise KeyError(prompt_id)


def _interleaved(prompts: Sequence[Prompt]) -> list[Prompt]:
    """One prompt from each group in turn, so a newcomer meets every theme early."""
    by_group: dict[str, list[Prompt]] = {}
    for prompt in prompts:
        by_group.setdefault(prompt.group, []).append(prompt)
    rounds = zip_longest(*by_group.values())
    return [prompt for row in rounds for prompt in row if prompt is not None]


def next_prompt(
    answered_ids: Sequence[str],
    last_id: str | None,
    rng: random.Random | None = None,
    group: str | None = None,
) -> Prompt:
    """The prompt to offer next: never `last_id`, unanswered ones first, then a fresh cycle.

    `answered_ids` is the person's answer history, oldest first; ids may repeat and unknown ids
    are ignored. Without `rng` the choice is deterministic: unanswered prompts come one per group
    in turn; once all are answered, the least-answered prompt answered longest ago comes next.
    With `rng`, the choice is random among the same candidates.
    """
    pool = list(all_prompts())
    if group is not None:
        if group not in prompt_groups():
            raise ValueError(f"unknown prompt group {group!r}")
        pool = [p for p in pool if p.group == group]
    candidates = [p for p in _interleaved(pool) if p.id != last_id]
    if not candidates:
        raise LookupError("no prompt other than the last one is available")
    counts = Counter(answered_ids)
    unanswered = [p for p in candidates if counts[p.id] == 0]
    if unanswered:
        return rng.choice(unanswered) if rng is not None else unanswered[0]
    fewest = min(counts[p.id] for p in candidates)
    least = [p for p in candidates if counts[p.id] == fewest]
    if rng is not None:
        return rng.choice(least)
    last_seen = {prompt_id: index for index, prompt_id in enumerate(answered_ids)}
    return min(least, key=lambda p: last_seen[p.id])
