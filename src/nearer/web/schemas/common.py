"""Shared model bases and the error bodies every route documents."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A request body: exact types only, and no fields the API does not know."""

    model_config = ConfigDict(strict=True, extra="forbid")


class Public(BaseModel):
    """A response body. Unknown attributes are dropped, so nothing leaks by accident."""

    model_config = ConfigDict(extra="ignore")


class ErrorMessage(Public):
    """Every error except 422: one sentence fit to show a person."""

    detail: str


class FieldProblem(Public):
    """One problem with the input: where it is (e.g. ["body", "text"]) and what is wrong."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrors(Public):
    """422: every problem with the input at once, each naming its field."""

    detail: list[FieldProblem]


_WHY = {
    400: "That email and recovery code do not match (the same answer for an unknown email).",
    401: "Not logged in, or the token has expired or been revoked.",
    403: "Not open to you (for example joint exercises before both took the safety check).",
    404: "No such thing, or not yours to see: the two are deliberately the same.",
    409: "Conflicts with the current state (for example already linked).",
    413: "The request body is over 1 MB; nothing was saved.",
    422: "The input breaks a rule; each problem names its field.",
    429: "Too many attempts; wait and try again.",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry documenting these error statuses with their typed bodies."""
    return {
        code: {
            "model": ValidationErrors if code == 422 else ErrorMessage,
            "description": _WHY[code],
        }
        for code in codes
    }


def with_body(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Errors for a route that reads a request body (which may also be too large or invalid)."""
    return errors(*sorted({*codes, 413, 422}))
