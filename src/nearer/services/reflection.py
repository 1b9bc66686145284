"""Roots reflection: offer one prompt at a time and keep each answer as a private reflection entry."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.domain.errors import InvalidInput, Problem
from nearer.domain.journal import make_draft
from nearer.domain.prompts import Prompt, get_prompt, next_prompt, prompt_groups
from nearer.services.access import require_user
from nearer.services.journal import EntryFilter, Saved, add_entry, list_entries
from nearer.storage.db import Database
from nearer.storage.models import Entry


@dataclass(frozen=True)
class Offer:
    prompt: Prompt
    group_title: str
    answered: int  # how many reflections the person has written so far

    def to_dict(self) -> dict[str, Any]:
        return {**self.prompt.to_dict(), "group_title": self.group_title, "answered": self.answered}


def _answered_ids(session: Session, user_id: int) -> list[str]:
    rows = session.scalars(
        select(Entry.prompt_id)
        .where(Entry.owner_id == user_id, Entry.kind == "reflection", Entry.prompt_id.is_not(None))
        .order_by(Entry.created_at, Entry.id)
    ).all()
    return [prompt_id for prompt_id in rows if prompt_id is not None]


def _offer(prompt: Prompt, answered: list[str]) -> Offer:
    return Offer(prompt, prompt_groups()[prompt.group], len(answered))


def current_prompt(db: Database, user_id: int) -> Offer:
    """The prompt on offer: the same one until it is answered or skipped, so a reload is stable."""
    with db.transaction() as session:
        user = require_user(session, user_id)
        answered = _answered_ids(session, user_id)
        last = user.last_prompt_id
        if last is not None and (not answered or answered[-1] != last):
            try:
                return _offer(get_prompt(last), answered)
            except KeyError:
                last = None  # the library no longer has it
        prompt = next_prompt(answered, last)
        user.last_prompt_id = prompt.id
        return _offer(prompt, answered)


def skip_prompt(db: Database, user_id: int, rng: random.Random | None = None) -> Offer:
    """Another prompt, never the one just shown; chosen at random among the best candidates.

    Random rather than in order: with the order fixed, skipping twice would bring back the first.
    """
    with db.transaction() as session:
        user = require_user(session, user_id)
        answered = _answered_ids(session, user_id)
        prompt = next_prompt(answered, user.last_prompt_id, rng=rng or random.Random())
        user.last_prompt_id = prompt.id
        return _offer(prompt, answered)


def answer_prompt(
    db: Database,
    user_id: int,
    prompt_id: str,
    text: Any,
    feelings: Any = None,
    intensity: Any = None,
    tags: Any = None,
) -> Saved:
    """Save the answer as a private reflection entry (safety and emotions checked as for any entry)."""
    try:
        prompt = get_prompt(prompt_id)
    except KeyError:
        raise InvalidInput([Problem("prompt_id", "is not one of Nearer's prompts")]) from None
    draft = make_draft(text, feelings, intensity, tags, "private", kind="reflection",
                       prompt_id=prompt.id, keep_feelings=())  # fmt: skip
    return add_entry(db, user_id, draft)


def reflections(db: Database, user_id: int) -> list[tuple[Any, Prompt | None]]:
    """The caller's reflection entries, newest first, each with the prompt it answered."""
    found = []
    for entry in list_entries(db, user_id, EntryFilter(kind="reflection")):
        try:
            prompt = get_prompt(entry.prompt_id) if entry.prompt_id else None
        except KeyError:
            prompt = None
        found.append((entry, prompt))
    return found
