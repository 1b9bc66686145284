"""The message coach as a use case: read a draft, never store it, and stream many drafts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from nearer.analysis.coach import MAX_CHARS, CoachInputError, CoachResult, Flag, analyze
from nearer.domain.errors import InvalidInput, Problem

__all__ = ["KIND_NAMES", "MAX_CHARS", "Segment", "coach_draft", "coach_lines", "noticed_by",
           "segments"]

# The words a person sees for each kind, in the order a reader meets them on the page.
KIND_NAMES: dict[str, str] = {
    "blame": "Blame",
    "criticism": "Criticism",
    "contempt": "Contempt",
    "defensiveness": "Defensiveness",
    "stonewalling": "Stonewalling",
    "dismissal": "Dismissal",
    "threat": "Threat",
}


@dataclass(frozen=True)
class Segment:
    """A run of the draft and the kinds flagged on every character of it (empty: unflagged)."""

    text: str
    kinds: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kinds": list(self.kinds)}


def noticed_by(rule: str) -> str:
    """What raised a flag, in the user's words, with the rule's id for anyone who wants to look it
    up ("a written rule (coach.blame.your_fault)"); "" when nothing is named."""
    if not rule:
        return ""
    if rule.startswith("model."):
        return "the coach's learned model (it reads the whole message, not set words)"
    if rule.startswith("coach."):
        return f"a written rule ({rule})"
    return f"the safety check's rule ({rule})"


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise CoachInputError("The draft must be text.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates arrive through JSON escapes and could not be written back out.
        raise CoachInputError(
            "The draft contains broken characters (not valid Unicode text)."
        ) from None
    return text


def coach_draft(text: object, typing: bool = False) -> CoachResult:
    """Coach one draft. Nothing is stored: the draft and the result live only in this call.
    `typing=True`: the quick reading of a pause while the draft is typed (analyze)."""
    try:
        return analyze(_check_text(text), typing=typing)
    except CoachInputError as error:
        raise InvalidInput([Problem("text", str(error))]) from None


def segments(text: str, flags: Iterable[Flag]) -> list[Segment]:
    """Cut the draft at every flag edge so overlapping flags of different kinds both show."""
    spans = [(f.start, f.end, f.kind) for f in flags if 0 <= f.start < f.end <= len(text)]
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for left, right in zip(edges, edges[1:], strict=False):
        kinds = tuple(sorted({k for s, e, k in spans if s <= left and right <= e}))
        if out and out[-1].kinds == kinds:
            out[-1] = Segment(out[-1].text + text[left:right], kinds)
        else:
            out.append(Segment(text[left:right], kinds))
    return out


def _summary(result: CoachResult) -> dict[str, Any]:
    full = result.to_dict()
    return {
        "kinds": full["kinds"],
        "flags": full["flags"],
        "gentle": full["gentle"],
        "rewrite": full["rewrite"],
        "safety": result.safety.summary(),
    }


def _one_line(line: str | None) -> dict[str, Any]:
    if line is None:
        return {
            "id": None,
            "error": f"The line is too long: a draft may have at most {MAX_CHARS:,} characters.",
        }
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {"id": None, "error": f"Not valid JSON ({error.msg} at column {error.colno})."}
    if not isinstance(item, dict):
        return {"id": None, "error": 'Each line must be a JSON object like {"id": 1, "text": "…"}.'}
    ident = item.get("id")
    if "text" not in item:
        return {"id": ident, "error": 'The line has no "text".'}
    try:
        return {"id": ident, **_summary(analyze(_check_text(item["text"])))}
    except CoachInputError as error:
        return {"id": ident, "error": str(error)}


def coach_lines(lines: Iterable[str | None]) -> Iterator[dict[str, Any]]:
    """One answer per JSON line, produced as each line arrives, so memory stays constant.

    A line given as None stands for one too long to read; blank lines are skipped. A bad line
    answers {"id", "error"} and the stream goes on.
    """
    for line in lines:
        if line is not None and not line.strip():
            continue
        yield _one_line(line)
