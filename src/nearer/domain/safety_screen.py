"""The private safety screen each partner takes alone before joint couple features are offered.

The questions are our own wording. Their topics follow established intimate-partner-violence
screening practice (facts, not wording, are borrowed):
  - HITS: Sherin, K. M., Sinacore, J. M., Li, X. Q., Zitter, R. E. & Shakil, A. (1998). Family
    Medicine 30(7) — being hurt, insulted, threatened and screamed at by a partner.
  - WAST: Brown, J. B., Lent, B., Brett, P. J., Sas, G. & Pederson, L. L. (1996). Journal of
    Family Practice 42(4) — tension, fear of the partner, physical and sexual abuse.
  - HARK: Sohal, H., Eldridge, S. & Feder, G. (2007). BMC Family Practice 8:49 — humiliation,
    afraid, rape, kick: emotional, fear, sexual and physical abuse in the last year.
Coercive control (money, phone, friends) follows Stark, E. (2007). Coercive Control.
This screen is a prompt to offer help, not a diagnosis; any sign of danger is treated as real.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

YES = "yes"
NO = "no"
PREFER_NOT = "prefer_not"
ANSWERS = (YES, NO, PREFER_NOT)
_ANSWER_ALIASES = {
    "y": YES,
    "n": NO,
    "prefer not to say": PREFER_NOT,
    "prefer-not": PREFER_NOT,
    "prefer not": PREFER_NOT,
}


@dataclass(frozen=True)
class ScreenQuestion:
    id: str
    text: str
    reason: str  # plain words shown back to the person who answered, never to the partner


SCREEN_QUESTIONS: tuple[ScreenQuestion, ...] = (
    ScreenQuestion(
        "afraid",
        "Do you sometimes feel afraid of your partner, or of how they might react?",
        "you said you sometimes feel afraid of your partner",
    ),
    ScreenQuestion(
        "hurt",
        "In the past year, has your partner hit, pushed, shoved, kicked, choked or otherwise "
        "physically hurt you?",
        "you said your partner has physically hurt you",
    ),
    ScreenQuestion(
        "threatened",
        "Has your partner threatened to hurt you, your children, your pets or themselves, "
        "or threatened what would happen if you left?",
        "you said your partner has made threats",
    ),
    ScreenQuestion(
        "controlled",
        "Does your partner control your money, your phone, where you go, or who you may see?",
        "you said your partner controls parts of your life",
    ),
    ScreenQuestion(
        "forced",
        "Has your partner ever forced or pressured you into sexual acts you did not want?",
        "you said you have been pressured or forced sexually",
    ),
    ScreenQuestion(
        "unsafe_home",
        "Do you feel unsafe going home, or being at home with your partner?",
        "you said you feel unsafe at home",
    ),
)

QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in SCREEN_QUESTIONS)
_BY_ID = {q.id: q for q in SCREEN_QUESTIONS}

# Shown to the person whose screen is positive (never to the partner).
WHY_NOT_COUPLES_WORK = (
    "Thank you for answering. Some of what you shared suggests you may not be fully safe with "
    "your partner. Couple exercises ask both people to open up, share honestly and sometimes "
    "disagree. When one person is afraid, hurt or controlled, that openness can be used against "
    "them, and a hard conversation can make things more dangerous at home. Abuse is not a "
    "communication problem that both partners share; it is the responsibility of the person "
    "who does it. So Nearer has turned off the joint exercises for you for now. Your own private "
    "journal and tools still work, and nothing about this is shown to your partner: at most they "
    "see that joint exercises are not available. Below are services that help people in your "
    "situation, confidentially. You can take this check again at any time."
)


class ScreenAnswerError(ValueError):
    """Answers are missing, unknown, or not one of yes / no / prefer_not."""

    def __init__(self, message: str, question_ids: tuple[str, ...]) -> None:
        super().__init__(f"{message}: {', '.join(question_ids)}")
        self.question_ids = question_ids


@dataclass(frozen=True)
class ScreenResult:
    positive: bool
    reasons: tuple[str, ...]
    question_ids: tuple[str, ...] = ()  # which questions made it positive, in screen order


def _normalise(value: str) -> str:
    key = value.strip().lower().replace("_", " ") if isinstance(value, str) else ""
    if key.replace(" ", "_") in ANSWERS:
        return key.replace(" ", "_")
    return _ANSWER_ALIASES.get(key, "")


def _validated(answers: Mapping[str, str]) -> dict[str, str]:
    unknown = tuple(sorted(k for k in answers if k not in _BY_ID))
    if unknown:
        raise ScreenAnswerError("unknown question ids", unknown)
    missing = tuple(q for q in QUESTION_IDS if q not in answers)
    if missing:
        raise ScreenAnswerError("missing answers for", missing)
    clean = {k: _normalise(v) for k, v in answers.items()}
    bad = tuple(q for q in QUESTION_IDS if not clean[q])
    if bad:
        raise ScreenAnswerError("answers must be yes, no or prefer_not for", bad)
    return clean


def score_screen(answers: Mapping[str, str]) -> ScreenResult:
    """Positive if any answer is yes or prefer_not; raises ScreenAnswerError on bad input."""
    clean = _validated(answers)
    # "Prefer not to say" counts as positive: someone being watched or afraid may not dare to
    # answer yes, and wrongly withholding couple exercises costs far less than pushing a person
    # who is in danger into joint work with the partner who endangers them.
    hits = tuple(q for q in QUESTION_IDS if clean[q] in (YES, PREFER_NOT))
    reasons = tuple(
        _BY_ID[q].reason if clean[q] == YES else f"you preferred not to answer: {_BY_ID[q].text}"
        for q in hits
    )
    return ScreenResult(positive=bool(hits), reasons=reasons, question_ids=hits)
