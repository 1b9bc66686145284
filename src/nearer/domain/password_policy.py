"""The one password policy, applied on sign-up, password change and reset.

A password must be 10 to 1024 characters, not only spaces, not the person's email or the part
before the @, not a well-known password, and strong enough by zxcvbn's estimate (score 3 of 4:
about a hundred million guesses or more). Every message says what to do instead.
"""

from __future__ import annotations

from nearer.domain.errors import Problem

MIN_LENGTH = 10
MAX_LENGTH = 1024
MIN_SCORE = 3
_SCORED_PREFIX = 72  # zxcvbn refuses longer input; 72 strong characters are strong enough
_ADVICE = "Try three or four unrelated words, or a short sentence only you would write."


def _is_common(password: str) -> bool:
    from zxcvbn.matching import RANKED_DICTIONARIES

    return password.lower() in RANKED_DICTIONARIES["passwords"]


def _score(password: str, personal: list[str]) -> tuple[int, str]:
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:_SCORED_PREFIX], user_inputs=[*personal, "nearer"])
    return int(result["score"]), str(result["feedback"]["warning"] or "")


def password_problems(
    password: object, email: str | None, field: str = "password"
) -> list[Problem]:
    """Every reason `password` cannot be used (empty when it can), each naming `field`."""
    if not isinstance(password, str):
        return [Problem(field, "must be text")]
    if not password.strip():
        return [Problem(field, f"cannot be only spaces. {_ADVICE}")]
    if len(password) < MIN_LENGTH:
        return [Problem(field, f"must be at least {MIN_LENGTH} characters. {_ADVICE}")]
    if len(password) > MAX_LENGTH:
        return [Problem(field, f"must be at most {MAX_LENGTH} characters")]
    address = (email or "").strip().lower()
    local = address.split("@", 1)[0]
    if address and password.strip().lower() in {address, local}:
        return [
            Problem(field, f"must not be your email address or the part before the @. {_ADVICE}")
        ]
    if _is_common(password):
        return [
            Problem(
                field, f"is one of the most common passwords, so it is guessed first. {_ADVICE}"
            )
        ]
    score, warning = _score(password, [p for p in (address, local) if p])
    if score < MIN_SCORE:
        why = f" ({warning.rstrip('.')})" if warning else ""
        return [Problem(field, f"is too easy to guess{why}. {_ADVICE}")]
    return []
