"""Saying what just happened: a one-time "Saved" toast after a redirect, and errors beside fields.

The toast travels in a short-lived cookie holding only a key from TOASTS (never text a person
wrote), so it works without JavaScript and shows once: the next page that renders takes it.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse

from nearer.domain.errors import InvalidInput, NearerError

TOAST_COOKIE = "nearer_toast"

TOASTS = {
    "saved": "Saved. Only you can see it.",
    "saved-shared": "Saved and shared with your partner.",
    "changed": "Your changes are saved.",
    "shared": "Shared with your partner.",
    "private": "Made private: only you can see it now.",
    "deleted": "Deleted.",
    "responded": "Sent. Only the two of you can see it.",
    "response-deleted": "Your response is removed.",
    "time-zone": "Time zone saved. Times now show in it.",
    "name": "Your name is saved.",
    "exit": "Your quick-exit choice is saved.",
    "lock": "The app lock is on for this device.",
    "unlock": "The app lock is off for this device.",
    "country": "Your country is saved.",
}

# Problems read "is empty; …", "must be …": beside the field they need a subject.
_VERB_FIRST = ("is ", "has ", "must ", "contains ", "should ", "cannot ")


def redirect_with_toast(url: str, toast: str) -> RedirectResponse:
    """A 303 to `url` that shows the message TOASTS[toast] on the next page."""
    if toast not in TOASTS:
        raise KeyError(toast)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(TOAST_COOKIE, toast, max_age=60, httponly=True, samesite="lax")
    return response


def take_toast(request: Request, response: Any) -> None:
    """Forget the toast once a page has shown it (so Reload does not show it again)."""
    if TOAST_COOKIE in request.cookies:
        response.delete_cookie(TOAST_COOKIE)


def toast_of(request: Request) -> str | None:
    return TOASTS.get(request.cookies.get(TOAST_COOKIE, ""))


def sentence(message: str, subject: str = "This") -> str:
    """A problem as a sentence: one that starts with its verb gets `subject` ("This password is
    too easy to guess."), a capital and a full stop."""
    text = message.strip()
    if text.startswith(_VERB_FIRST):
        text = f"{subject} {text}"
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def field_errors(error: NearerError) -> dict[str, str]:
    """Field → its first message as written, to show beside that field; other errors under "form"."""
    if isinstance(error, InvalidInput):
        found: dict[str, str] = {}
        for problem in error.problems:
            found.setdefault(problem.field, problem.message)
        return found
    return {"form": str(error)}


def plain_errors(error: NearerError) -> dict[str, str]:
    """Field → its problems as plain sentences, to show beside that field; the rest under "form"."""
    if not isinstance(error, InvalidInput):
        return {"form": sentence(str(error))}
    found: dict[str, list[str]] = {}
    for problem in error.problems:
        found.setdefault(problem.field, []).append(sentence(problem.message))
    return {field: " ".join(messages) for field, messages in found.items()}
