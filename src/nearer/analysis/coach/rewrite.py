"""Build an observation → feeling → need → request rewrite of a flagged draft (Rosenberg 2003).

The rewrite reuses what the draft is about (the behaviour after "you always/never", the topic) and
marks every fact the draft does not give with [square brackets] for the writer to fill in; it never
invents a situation. Gentle start-up (Gottman 1999) shapes the opening. The patterns (topics, a
named feeling, "you always/never ...", trailing filler) are cues in content/rules/coach_rewrite.yaml;
the topics' texts and the short forms spelled out are data in content/coach/rewrite.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol


class FlagLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class FeelingLike(Protocol):
    @property
    def feelings(self) -> tuple[str, ...]: ...
    @property
    def needs(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Topic:
    rx: re.Pattern[str]
    about: str
    feeling: str
    need: str
    request: str


@cache
def topics() -> tuple[Topic, ...]:
    """The rewrite's topics in the order they are tried (content/coach/rewrite.yaml; each topic's
    pattern is its cue in content/rules/coach_rewrite.yaml), read on first use."""
    import yaml

    from nearer.analysis.rulebook import cue

    raw: dict[str, Any] = yaml.safe_load(_data_text())
    return tuple(Topic(cue(t["cue"]), t["about"], t["feeling"], t["need"], t["request"])
                 for t in raw["topics"])


@cache
def _short_forms() -> dict[str, str]:
    import yaml

    raw: dict[str, Any] = yaml.safe_load(_data_text())
    return {str(k): str(v) for k, v in raw["short_forms"].items()}


def _data_text() -> str:
    return (resources.files("nearer.content") / "coach" / "rewrite.yaml").read_text("utf-8")


def _cue(name: str) -> re.Pattern[str]:
    from nearer.analysis.rulebook import cue

    return cue(f"cue.rewrite.{name}")


def _tidy(vp: str) -> str:
    words = vp.split()[:9]
    short = _short_forms()
    text = " ".join(short.get(w.lower(), w) for w in words)
    trailing = _cue("trailing_filler")
    while True:
        cut = trailing.sub("", text)
        if cut == text:
            return text
        text = cut


def _observation(text: str, flags: Sequence[FlagLike], topic: Topic | None) -> str:
    for m in _cue("absolute").finditer(text):
        if not any(f.kind == "blame" and f.start <= m.start("abs") < f.end for f in flags):
            continue
        vp = _tidy(m.group("vp"))
        if not vp:
            break
        negative = m.group("abs").lower() == "never"
        if m.group("be") or m.group("be2"):
            verb = "weren't" if negative else "were"
            return f"When you {verb} {vp} [say when: one recent time]"
        if negative:
            return f"When it seemed to me that you didn't {vp} [say when: one recent time]"
        return f"When I noticed you {vp} [say when: one recent time]"
    if topic is not None:
        return (f"When [describe one recent moment about {topic.about}: what you saw or heard, "
                f"without judging it]")
    return "When [describe one recent moment: what happened, what you saw or heard]"


def _feeling(text: str, checks: Sequence[FeelingLike], topic: Topic | None) -> str:
    real = _cue("real_feeling").search(text)
    if real:
        return f"I felt {real.group('f').lower()}"
    if checks:
        return f"I felt [{' / '.join(checks[0].feelings[:2])}: name your own feeling]"
    if topic is not None:
        return f"I felt {topic.feeling}"
    return "I felt [name your feeling: hurt, lonely, worried, tired…]"


def _need(checks: Sequence[FeelingLike], topic: Topic | None) -> str:
    if topic is not None:
        return f"I need {topic.need}."
    if checks:
        return f"I need {checks[0].needs[0]}."
    return "I need [what matters to you here: closeness, help, respect…]."


def find_topic(text: str) -> Topic | None:
    for topic in topics():
        if topic.rx.search(text):
            return topic
    return None


def build_rewrite(text: str, flags: Sequence[FlagLike], checks: Sequence[FeelingLike]) -> str | None:
    """A gentler draft in the shape observation → feeling → need → request, or None if gentle."""
    kinds = {f.kind for f in flags}
    if not kinds:
        return None
    topic = find_topic(text)
    if not kinds & {"blame", "criticism", "contempt"}:
        if "defensiveness" in kinds:
            return ("When you told me about [what happened], I felt [defensive / caught off guard]. "
                    "I want us to be on the same side, and I can see my part: [the part that was "
                    "yours]. Could we talk about what would help next time?")
        if "dismissal" in kinds:
            return ("When you told me how [what happened] felt for you, I felt [unsure / worried]. "
                    "I want you to feel understood. Would you tell me more about what it was like "
                    "for you?")
        return ("Right now, talking about [this], I feel overwhelmed. I need a short break so I can "
                "come back calmer. Could we pause for at least 20 minutes and pick this up again "
                "at [time]?")
    request = topic.request if topic else "one specific, doable thing"
    return (f"{_observation(text, flags, topic)}, {_feeling(text, checks, topic)}. "
            f"{_need(checks, topic)} Would you be willing to [{request}]?")
