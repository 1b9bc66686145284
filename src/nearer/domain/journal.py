"""Rules for a journal entry: what a valid entry is, normalised the same way everywhere."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from nearer.domain.blank import blank
from nearer.domain.errors import InvalidInput, Problem
from nearer.domain.feelings import is_known, unknown_message

MAX_TEXT = 20_000
MAX_LABELS = 20
MAX_LABEL_LENGTH = 40
VISIBILITIES = ("private", "shared")
KINDS = ("journal", "reflection")
_LABEL = re.compile(r"^[\w][\w '\-]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class EntryDraft:
    text: str
    feelings: tuple[str, ...] = ()
    intensity: int | None = None
    tags: tuple[str, ...] = ()
    visibility: str = "private"
    kind: str = "journal"
    prompt_id: str | None = None


def check_text(value: Any, problems: list[Problem], field: str = "text") -> str:
    if not isinstance(value, str):
        problems.append(Problem(field, "must be text"))
        return ""
    text = value.strip()
    if blank(text):
        problems.append(Problem(field, "is empty; write at least a word"))
    elif len(text) > MAX_TEXT:
        problems.append(Problem(field, f"is {len(text):,} characters; the limit is {MAX_TEXT:,}"))
    elif _CONTROL.search(text):
        problems.append(Problem(field, "contains control characters (is it a binary file?)"))
    return text


def _labels(
    values: Any, field: str, problems: list[Problem], allowed: Collection[str] | None = None
) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str) or not isinstance(values, Iterable):
        problems.append(Problem(field, "must be a list of words"))
        return ()
    seen: list[str] = []
    for value in values:
        if not isinstance(value, str):
            problems.append(Problem(field, "must be a list of words"))
            return ()
        label = " ".join(value.strip().lower().split())
        if not label:
            continue
        if len(label) > MAX_LABEL_LENGTH or not _LABEL.match(label):
            problems.append(Problem(field, f"'{label[:MAX_LABEL_LENGTH]}' is not a plain word"))
        elif allowed is not None and label not in allowed and not is_known(label):
            problems.append(Problem(field, unknown_message(label)))
        elif label not in seen:
            seen.append(label)
    if len(seen) > MAX_LABELS:
        problems.append(Problem(field, f"has {len(seen)} words; the limit is {MAX_LABELS}"))
    return tuple(seen)


def _intensity(value: Any, problems: list[Problem]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(Problem("intensity", "must be a whole number from 0 to 10"))
        return None
    if not 0 <= value <= 10:
        problems.append(Problem("intensity", f"is {value}; it must be from 0 to 10"))
    return value


def _choice(value: Any, field: str, allowed: tuple[str, ...], problems: list[Problem]) -> str:
    if value not in allowed:
        problems.append(Problem(field, f"must be one of: {', '.join(allowed)}"))
        return allowed[0]
    return str(value)


def make_draft(
    text: Any,
    feelings: Any = None,
    intensity: Any = None,
    tags: Any = None,
    visibility: Any = "private",
    kind: Any = "journal",
    prompt_id: str | None = None,
    keep_feelings: Collection[str] | None = None,
) -> EntryDraft:
    """A valid, normalised entry, or InvalidInput naming every problem.

    With `keep_feelings` (words the entry already had, often none), every other feeling must be a
    word Nearer knows; unknown words are refused with the closest wheel words. Without it (import,
    demo data) stored words are taken as they are.
    """
    problems: list[Problem] = []
    draft = EntryDraft(
        text=check_text(text, problems),
        feelings=_labels(feelings, "feelings", problems, keep_feelings),
        intensity=_intensity(intensity, problems),
        tags=_labels(tags, "tags", problems),
        visibility=_choice(visibility, "visibility", VISIBILITIES, problems),
        kind=_choice(kind, "kind", KINDS, problems),
        prompt_id=prompt_id,
    )
    if problems:
        raise InvalidInput(problems)
    return draft


def apply_changes(current: EntryDraft, changes: dict[str, Any]) -> EntryDraft:
    """The entry after a partial update; unknown fields are refused, not ignored."""
    unknown = sorted(set(changes) - {"text", "feelings", "intensity", "tags", "visibility"})
    if unknown:
        raise InvalidInput([Problem(name, "cannot be changed") for name in unknown])
    merged = {**current.__dict__, **changes}
    return make_draft(**merged, keep_feelings=current.feelings)
