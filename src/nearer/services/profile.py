"""A person's own presentation and comfort choices: display name, onboarding, quick exit."""

from __future__ import annotations

from dataclasses import dataclass

from nearer.domain.errors import InvalidInput, Problem
from nearer.domain.people import clean_display_name, display_name_problem, name_for_partner
from nearer.services.access import require_user
from nearer.storage.db import Database
from nearer.storage.models import User, utcnow


@dataclass(frozen=True)
class Profile:
    """What the page shell and Account page need to know about the person."""

    display_name: str | None
    name: str  # the display name, or one made from the email
    onboarded: bool
    exit_logs_out: bool


def _profile(user: User) -> Profile:
    return Profile(
        user.display_name,
        name_for_partner(user.display_name, user.email),
        user.onboarded_at is not None,
        bool(user.exit_logs_out),
    )


def profile(db: Database, user_id: int) -> Profile:
    with db.transaction() as session:
        return _profile(require_user(session, user_id))


def name_of(user: User) -> str:
    """How Nearer names `user` to their partner."""
    return name_for_partner(user.display_name, user.email)


def checked_display_name(value: object) -> str | None:
    """The name as it would be stored (None: back to the email's first part), or InvalidInput
    naming the display_name; nothing is saved."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InvalidInput([Problem("display_name", "must be text")])
    problem = display_name_problem(value)
    if problem:
        raise InvalidInput([Problem("display_name", problem)])
    return clean_display_name(value)


def set_display_name(db: Database, user_id: int, value: object) -> Profile:
    """Set the name the partner sees; an empty value goes back to the email's first part."""
    cleaned = checked_display_name(value)
    with db.transaction() as session:
        user = require_user(session, user_id)
        user.display_name = cleaned
        return _profile(user)


def set_exit_logs_out(db: Database, user_id: int, logs_out: bool) -> Profile:
    with db.transaction() as session:
        user = require_user(session, user_id)
        user.exit_logs_out = logs_out
        return _profile(user)


def finish_onboarding(db: Database, user_id: int) -> None:
    with db.transaction() as session:
        user = require_user(session, user_id)
        if user.onboarded_at is None:
            user.onboarded_at = utcnow()


def welcome_due(db: Database, token: str) -> bool:
    """Whether the person logged in with `token` has not seen the welcome screens yet."""
    from nearer.services.accounts import account_for_token

    account = account_for_token(db, token)
    return account is not None and not profile(db, account.id).onboarded
