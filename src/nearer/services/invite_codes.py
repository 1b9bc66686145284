"""Entering someone's invite code from the web: a partner's, or a person's for their professional.

Wrong codes are counted like failed logins, per account and per address (both kinds of code
share the counts), so codes cannot be guessed: past a limit the answer is TooManyAttempts and
the code is not even looked up. A code that was found gives its count back, whatever happens
next. `couples.join` and `professionals.redeem` themselves stay unthrottled for the command
line, the demo and tests, as `accounts.sign_up` does beside `accounts.register`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from nearer.domain.errors import NotFound
from nearer.services import couples, professionals
from nearer.services.account_throttle import Bucket, give_back, take
from nearer.storage.db import Database
from nearer.storage.models import utcnow

if TYPE_CHECKING:
    from nearer.settings import Settings

Result = TypeVar("Result")


def _buckets(settings: Settings, user_id: int, address: str) -> list[Bucket]:
    return [
        Bucket("code:account", (str(user_id),), settings.invite_code_attempts_per_account),
        Bucket("code:address", (address[:64],), settings.invite_code_attempts_per_address),
    ]


def _counted(
    db: Database,
    settings: Settings,
    user_id: int,
    address: str,
    code: Any,
    enter: Callable[[str], Result],
) -> Result:
    wanted = couples.normalise_code(code)  # a code of the wrong shape costs nothing
    buckets = _buckets(settings, user_id, address)
    with db.transaction() as session:
        take(session, buckets, timedelta(minutes=settings.login_window_minutes), utcnow())
    found = True
    try:
        return enter(wanted)
    except NotFound:
        found = False  # a wrong or expired code keeps its count
        raise
    finally:
        if found:  # joined, or refused for another reason (your own code, ...): not a guess
            with db.transaction() as session:
                give_back(session, buckets)


def join_couple(
    db: Database, settings: Settings, user_id: int, code: Any, address: str
) -> couples.CoupleStatus:
    """Link with the partner whose invite this is (see `couples.join`), counting wrong codes."""
    return _counted(db, settings, user_id, address, code, lambda c: couples.join(db, user_id, c))


def join_as_professional(
    db: Database, settings: Settings, user_id: int, code: Any, address: str
) -> professionals.ClientSummary:
    """Open a person's door with their code (see `professionals.redeem`), counting wrong codes."""
    return _counted(
        db, settings, user_id, address, code, lambda c: professionals.redeem(db, user_id, c)
    )
