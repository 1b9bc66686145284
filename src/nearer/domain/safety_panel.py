"""What the safety panel says, and in which order it lists help: decided once, from who is at
risk, for the web page (templates/_safety.html) and the command line (cli/render.py) alike.

- A writer who may hurt themself: words for them, the right-now line, crisis lines first.
- A writer who is hurt or afraid of someone: "that is never your fault", domestic-violence lines
  first.
- A writer who may be threatening someone: words for them and the step-away advice, services for
  people worried about their own behaviour first, never "never your fault"; and, since the
  reading of who is at risk can be wrong, where to turn if it is they who are being hurt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WRITER_HARMED = "writer_harmed"
WRITER_THREATENS = "writer_threatens"


@dataclass(frozen=True)
class PanelPlan:
    self_harm: bool  # say "you may be thinking about hurting yourself"
    harmed: bool  # say "you may be hurt, threatened, controlled or afraid of someone"
    never_your_fault: bool  # ... "That is never your fault" (never to a writer who threatens)
    threatens: bool  # say "you may be threatening someone", with the step-away advice
    right_now: bool  # the right-now line (what to do this minute)
    groups: tuple[str, ...]  # the help-line groups, in order
    if_hurt_too: bool  # the domestic-violence lines after all, for a writer read as threatening


def plan(kinds: Sequence[str], who: Sequence[str]) -> PanelPlan:
    """The panel for a reading with these `kinds` (self_harm, violence) and `who` is at risk."""
    threatens = WRITER_THREATENS in who
    harmed = WRITER_HARMED in who or ("violence" in kinds and not threatens)
    self_harm = "self_harm" in kinds
    if threatens and harmed:
        groups: tuple[str, ...] = ("domestic_violence", "own_behaviour", "crisis")
    elif threatens:
        groups = ("own_behaviour", "crisis")
    elif "violence" in kinds and not self_harm:
        groups = ("domestic_violence", "crisis")
    else:
        groups = ("crisis", "domestic_violence")
    return PanelPlan(
        self_harm=self_harm,
        harmed=harmed,
        never_your_fault=harmed and not threatens,
        threatens=threatens,
        right_now=not threatens or self_harm,
        groups=groups,
        if_hurt_too=threatens and not harmed,
    )


def help_lines(resources: dict[str, Any], groups: Sequence[str]) -> list[dict[str, Any]]:
    """The help lines of `groups`, in order, each service once and no way to reach help lost: a
    line whose numbers were all listed already (the same service under two headings) is left
    out, and one that lists more numbers of a service already shown takes its place."""
    from nearer.domain.help_links import contacts

    found: list[tuple[set[str], dict[str, Any]]] = []
    for group in groups:
        for item in resources.get(group) or []:
            keys = {c.href for c in contacts(str(item.get("how", "")))} or {str(item.get("name"))}
            if any(keys <= shown for shown, _ in found):
                continue
            fuller = next((i for i, (shown, _) in enumerate(found) if shown < keys), None)
            if fuller is None:
                found.append((keys, item))
            else:
                found[fuller] = (keys, item)
    return [item for _, item in found]
