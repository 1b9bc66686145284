"""Recovery codes: the way back in without email. Shown once, stored only as a hash.

A code is 20 characters from Crockford's base-32 alphabet (100 random bits), shown in groups
of four. Typing is forgiving: case, spaces and dashes do not matter, and O, I and L read as
0, 1 and 1. Using a code resets the password, ends every session and replaces the code.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from nearer.domain.crypto import CannotOpen
from nearer.domain.errors import InvalidInput, RecoveryFailed
from nearer.domain.password_policy import password_problems
from nearer.services import vault
from nearer.services.account_throttle import Bucket, give_back, take
from nearer.services.accounts import _hasher, end_sessions
from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import User, utcnow

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 20
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _normalise(code: str) -> str:
    kept = "".join(ch for ch in code.upper() if ch not in " -\t")
    return kept.translate(_READS_AS)


def normalise_code(code: str) -> str:
    """The code as it was made, whatever way it was typed."""
    return _normalise(code)


def _hash(code: str) -> str:
    return hashlib.sha256(f"nearer-recovery|{_normalise(code)}".encode()).hexdigest()


def new_recovery_code() -> tuple[str, str]:
    """A fresh code (for showing once) and the hash to store."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    shown = "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))
    return shown, _hash(shown)


def reset_password(
    db: Database, settings: Settings, email: Any, code: Any, new_password: Any, address: str
) -> str:
    """Reset the password with the recovery code; every session ends; returns the new code.

    An unknown email and a wrong code fail the same way (RecoveryFailed), and both count
    against the login limits per (account, address) and per address. Never per account alone:
    a code has 100 random bits, so such a limit would add nothing against guessing, and would
    let anyone who knows the email block its owner's recovery with a few wrong codes.
    """
    account = str(email or "").strip().lower()[:320]
    problems = password_problems(new_password, account, "new_password")
    if problems:
        raise InvalidInput(problems)
    given = _hash(code) if isinstance(code, str) and len(code) <= 64 else ""
    buckets = [
        Bucket("reset:address", (address[:64],), settings.login_attempts_per_address),
        Bucket("reset:pair", (account, address[:64]), settings.login_attempts_per_account_address),
    ]
    with db.transaction() as session:
        take(session, buckets, timedelta(minutes=settings.login_window_minutes), utcnow())
        user = session.scalar(select(User).where(User.email == account))
        stored = user.recovery_hash if user is not None else None
        matches = hmac.compare_digest(given, stored or "!" * 64) and stored is not None
    if user is None or not matches:
        raise RecoveryFailed()
    hashed = _hasher().hash(str(new_password))
    shown, code_hash = new_recovery_code()
    with db.transaction() as session:
        give_back(session, buckets)
        fresh = session.get(User, user.id)
        if fresh is None or fresh.recovery_hash != stored:
            raise RecoveryFailed()  # used at the same moment by someone else
        if vault.has_keys(fresh):
            # The code opens the data key; the new password and the new code wrap that same key,
            # so every entry stays readable and nothing is re-encrypted.
            try:
                data_key = vault.open_with_recovery(fresh, str(code))
            except CannotOpen:
                raise RecoveryFailed() from None
            vault.set_password(fresh, data_key, str(new_password))
            vault.set_recovery(fresh, data_key, shown)
        else:
            vault.give_keys(fresh, str(new_password), shown)
        fresh.password_hash = hashed
        fresh.recovery_hash = code_hash
        end_sessions(session, user.id)
    return shown
