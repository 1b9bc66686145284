"""The next step on the path, from what a person has done so far (pure: facts in, a step out).

The path's order is the product's: recognise the pattern, understand its roots, notice your
own feelings, bring your partner in, choose small steps, then practise talking without blame.
The first step not yet taken is the one offered on Today; nothing is graded or counted down.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PathFacts:
    answered_signs: bool
    has_journal_entry: bool
    has_reflection: bool
    linked: bool
    step_this_week: bool


@dataclass(frozen=True)
class NextStep:
    section: str  # the menu section it lives in, e.g. "Understand"
    title: str
    why: str
    href: str
    action: str  # the button's words


SIGNS = NextStep(
    "Understand",
    "Notice the signs",
    "A few questions about how distance shows up between you. About three minutes, only for you.",
    "/instruments/signs?about=self",
    "Start the questions",
)
FIRST_ENTRY = NextStep(
    "Feel",
    "Write how today felt",
    "A line or two is enough. It stays private unless you choose to share it.",
    "/journal",
    "Open my journal",
)
ROOTS = NextStep(
    "Understand",
    "Look at where it comes from",
    "One short question about how closeness was shown when you were growing up.",
    "/reflect",
    "Reflect for a minute",
)
INVITE = NextStep(
    "Together",
    "Bring your partner in",
    "Nearer works best with both of you. They see only what you choose to share.",
    "/couple",
    "Invite my partner",
)
SMALL_STEP = NextStep(
    "Together",
    "Choose this week's small step",
    "One small, kind thing to do this week. Tiny counts.",
    "/steps",
    "Choose a step",
)
TALK = NextStep(
    "Talk",
    "Say one thing without blame",
    "Draft something you would like to say; the coach helps you say it gently. Nothing is stored.",
    "/coach",
    "Try it",
)


def next_step(facts: PathFacts) -> NextStep:
    """The first step on the path that this person has not taken yet."""
    if not facts.answered_signs:
        return SIGNS
    if not facts.has_journal_entry:
        return FIRST_ENTRY
    if not facts.has_reflection:
        return ROOTS
    if not facts.linked:
        return INVITE
    if not facts.step_this_week:
        return SMALL_STEP
    return TALK
