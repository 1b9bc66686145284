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
    def __init__(self, minutes: int) -> None:
        super().__init__(f"Too many failed attempts. Please wait {minutes} minutes and try again.")
