"""The errors a use case can end in, each with a message fit to show a person."""

from __future__ import annotations

from dataclasses import dataclass


class NearerError(Exception):
    """Base of every expected failure; `str(error)` is safe to show the user."""


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


class InvalidInput(NearerError):
    """Input that breaks a rule; lists every problem at once so the user can fix them together."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


class NotFound(NearerError):
    """Missing, or not yours to see — deliberately indistinguishable."""

    def __init__(self, what: str = "item") -> None:
        super().__init__(f"No such {what}.")


class Conflict(NearerError):
    pass


class NotAllowed(NearerError):
    pass


class LoginFailed(NearerError):
    def __init__(self) -> None:
        super().__init__("That email and password do not match an account.")


class TooManyAttempts(NearerError):
    """Slowed down: try again after `retry_after` seconds (sent as the Retry-After header)."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = max(1, retry_after)
        minutes = -(-self.retry_after // 60)
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(f"Too many attempts. Please wait {minutes} {unit} and try again.")


class RecoveryFailed(NearerError):
    """Unknown email or wrong recovery code: deliberately one answer for both."""

    def __init__(self) -> None:
        super().__init__("That email and recovery code do not match an account.")


class Locked(NearerError):
    """Sealed text that cannot be opened here: the key is absent, or the bytes were changed."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "This text could not be opened: it is sealed with a key that is not here, or it "
            "was changed since it was written. Nothing was shown or saved."
        )
