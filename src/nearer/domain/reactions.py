"""Responding to a shared entry: a warm reaction, a short reply, or both — checked the same way
on the web, the API and anywhere else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from nearer.domain.blank import blank
from nearer.domain.errors import InvalidInput, Problem

MAX_REPLY = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ReactionKind:
    id: str
    words: str


@dataclass(frozen=True)
class ReactionDraft:
    kind: str | None
    reply: str | None


@lru_cache(maxsize=1)
def kinds() -> tuple[ReactionKind, ...]:
    """The warm reactions, in the order the page offers them (from content/reactions.yaml)."""
    text = (resources.files("nearer.content") / "reactions.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    found = tuple(ReactionKind(str(k["id"]), str(k["words"])) for k in loaded["reactions"])
    if not found or len({k.id for k in found}) != len(found):
        raise ValueError("content/reactions.yaml: reactions need distinct ids")
    return found


def kind_ids() -> tuple[str, ...]:
    return tuple(k.id for k in kinds())


def words_of(kind: str | None) -> str | None:
    return next((k.words for k in kinds() if k.id == kind), None)


def make_reaction(kind: Any, reply: Any, *, own_entry: bool) -> ReactionDraft:
    """A valid response, or InvalidInput naming each problem.

    At least one of the two is needed. Reactions answer a partner, so on one's own entry only a
    reply is possible (answering what the partner said underneath).
    """
    problems: list[Problem] = []
    if kind in ("", None):
        kind = None
    elif kind not in kind_ids():
        problems.append(Problem("kind", f"must be one of: {', '.join(kind_ids())}"))
    elif own_entry:
        problems.append(Problem("kind", "is for your partner's entries; write a reply instead"))
    text: str | None = None
    if reply is not None and not isinstance(reply, str):
        problems.append(Problem("reply", "must be text"))
    elif reply is not None and not blank(reply):
        text = reply.strip()
        if len(text) > MAX_REPLY:
            problems.append(Problem("reply", f"is {len(text):,} characters; the limit is {MAX_REPLY}"))
        elif _CONTROL.search(text):
            problems.append(Problem("reply", "contains control characters"))
    if kind is None and text is None and not problems:
        problems.append(Problem("reply", "is empty; choose a reaction or write a few words"))
    if problems:
        raise InvalidInput(problems)
    return ReactionDraft(kind, text)
