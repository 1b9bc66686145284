"""Build an observation → feeling → need → request rewrite of a flagged draft (Rosenberg 2003).

The rewrite reuses what the draft is about (the behaviour after "you always/never", the topic) and
marks every fact the draft does not give with [square brackets] for the writer to fill in; it never
invents a situation. Gentle start-up (Gottman 1999) shapes the opening.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


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


def _t(words: str, about: str, feeling: str, need: str, request: str) -> Topic:
    return Topic(re.compile(rf"\b(?:{words})", re.I), about, feeling, need, request)


TOPICS = (
    _t("phone|screen|tv|telly|netflix|game|gaming|playstation|xbox|instagram|tiktok|scroll|laptop",
       "screens", "lonely", "time together where we are both really present",
       "put our phones away during dinner"),
    _t("dish|laundry|clean|chore|mess|trash|bins|rubbish|housework|tidy|groceries|vacuum|hoover|"
       "cook|washing|the house", "the housework", "overwhelmed",
       "to share the load at home", "take on one chore every evening this week"),
    _t("work|office|job|overtime|email|boss|meeting", "work", "lonely",
       "time with you that work doesn't take", "keep one evening a week just for us"),
    _t("money|spend|spent|bill|budget|credit|debt|pay|paid|afford|bought|buy",
       "money", "worried", "to feel secure and to decide together",
       "sit down this weekend and look at our budget together"),
    _t("mother|mom|mum|dad|father|parents|family|friends|sister|brother|in-?laws",
       "family and friends", "torn", "to feel we are a team",
       "check with me before we make plans with others"),
    _t("kid|kids|children|baby|school|bedtime|daycare|nappy|diaper", "the children", "exhausted",
       "support as a parent", "take bedtime twice this week"),
    _t("late|on time|wait|waiting|cancel|plans|forgot|forget|remember|birthday|anniversary|text me|"
       "call me|reply|answer", "plans and time", "disappointed",
       "to be able to count on what we agree", "text me when plans change"),
    _t("listen|hear me|talk to me|tell me|share|open up|interrupt|conversation|talk", "talking",
       "lonely", "to feel heard", "give me ten minutes of your full attention tonight"),
    _t("care|love|affection|touch|hug|kiss|sex|intimacy|cuddle|attention|notice|effort",
       "closeness", "lonely", "closeness and reassurance", "hug me when you come home"),
    _t("help|support|there for me|alone", "support", "alone", "support",
       "ask me how I'm doing when I seem low"),
)

_REAL_FEELING = re.compile(
    r"\b(?:i(?:'?m| am| feel| felt)|im|feeling)\s+(?:so |really |very |a bit |kind of |kinda |"
    r"just |pretty |super )*(?P<f>sad|hurt|lonely|worried|anxious|scared|afraid|tired|exhausted|"
    r"overwhelmed|frustrated|disappointed|stressed|nervous|confused|heartbroken|angry|upset|"
    r"drained|helpless|insecure|embarrassed|ashamed|furious|resentful|jealous|uneasy)\b",
    re.I,
)
_ABSOLUTE = re.compile(
    r"\b(?:(?P<be>youre|ur|you\s*['’]\s*re)|(?:you|u|ya)(?P<be2>\s+are|\s+r)?)\s+"
    r"(?:\w+ly\s+|just\s+|even\s+)?"
    r"(?P<abs>always|never|constantly)\s+(?P<vp>[^.!?;,\n]{2,80})",
    re.I,
)
_TRAILING = re.compile(r"(?:\s+(?:and|but|so|or|lol|anymore|any more|ever|smh|omg|tbh|again|"
                       r"either|even))+\s*$|[^\w']+$", re.I)
_PRONOUNS = {"ur": "your", "u": "you", "urself": "yourself", "yr": "your", "im": "I'm", "i": "I",
             "dont": "don't", "cant": "can't", "wont": "won't"}


def _tidy(vp: str) -> str:
    words = vp.split()[:9]
    text = " ".join(_PRONOUNS.get(w.lower(), w) for w in words)
    while True:
        cut = _TRAILING.sub("", text)
        if cut == text:
            return text
        text = cut


def _observation(text: str, flags: Sequence[FlagLike], topic: Topic | None) -> str:
    for m in _ABSOLUTE.finditer(text):
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
    real = _REAL_FEELING.search(text)
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
    for topic in TOPICS:
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
