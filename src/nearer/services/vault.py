"""People's keys: made at sign-up, opened at login, re-wrapped on a password change or a
recovery, carried between requests inside the session, and shared keys for couples.

Nothing here keeps a key beyond the request: opened keys go into the request's keyring
(`storage/keyring.py`), which is wiped when the answer has been sent.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, exists, select
from sqlalchemy.orm import Session

from nearer.domain import crypto
from nearer.domain.errors import Locked
from nearer.services import day_totals
from nearer.storage import keyring, models
from nearer.storage.db import Database
from nearer.storage.models import CoupleKey, CoupleMember, User

if TYPE_CHECKING:  # the professional tables are mapped only where a grant is asked about
    from nearer.storage.models import ProfessionalLink

PASSWORD = "nearer-data-key|password"
RECOVERY = "nearer-data-key|recovery"
SESSION = "nearer-data-key|session"
PRIVATE = "nearer-private-key"


def kdf_params() -> crypto.KdfParams:
    """The argon2id cost for new wrappings. `NEARER_KDF` (e.g. `argon2id$t=1$m=1024$p=1`)
    lowers it for test suites only; the parameters used are stored beside every wrapped key."""
    chosen = os.environ.get("NEARER_KDF")
    return crypto.KdfParams.parse(chosen) if chosen else crypto.DEFAULT_KDF


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _raw(text: str | None) -> bytes:
    return base64.b64decode(text or "")


def _normal_code(code: str) -> str:
    from nearer.services.recovery import normalise_code

    return normalise_code(code)


def _wrap_with_secret(key: bytes, secret: str, purpose: str) -> tuple[str, str, str]:
    """(salt, wrapped, kdf text) for a key wrapped under an argon2id key from `secret`."""
    params = kdf_params()
    salt = crypto.new_salt()
    wrapping = crypto.derive_key(secret, salt, params)
    return _b64(salt), crypto.wrap(wrapping, key, purpose), params.text()


def give_keys(user: User, password: str, recovery_code: str) -> bytes:
    """A new data key and key pair for `user`, wrapped under the password and the code."""
    data_key = crypto.new_key()
    private, public = crypto.new_key_pair()
    salt, wrapped, params = _wrap_with_secret(data_key, password, PASSWORD)
    user.key_kdf, user.key_salt, user.key_by_password = params, salt, wrapped
    set_recovery(user, data_key, recovery_code)
    user.public_key = _b64(public)
    user.private_key = crypto.wrap(data_key, private, PRIVATE)
    return data_key


def set_recovery(user: User, data_key: bytes, recovery_code: str) -> None:
    salt, wrapped, _ = _wrap_with_secret(data_key, _normal_code(recovery_code), RECOVERY)
    user.recovery_salt, user.key_by_recovery = salt, wrapped


def set_password(user: User, data_key: bytes, password: str) -> None:
    """Re-wrap the same data key under a new password: nothing is re-encrypted."""
    salt, wrapped, params = _wrap_with_secret(data_key, password, PASSWORD)
    user.key_kdf, user.key_salt, user.key_by_password = params, salt, wrapped


def has_keys(user: User) -> bool:
    return bool(user.key_by_password)


def open_with_password(user: User, password: str) -> bytes:
    params = crypto.KdfParams.parse(user.key_kdf or "")
    wrapping = crypto.derive_key(password, _raw(user.key_salt), params)
    return crypto.unwrap(wrapping, user.key_by_password or "", PASSWORD)


def open_with_recovery(user: User, code: str) -> bytes:
    params = crypto.KdfParams.parse(user.key_kdf or "")
    wrapping = crypto.derive_key(_normal_code(code), _raw(user.recovery_salt), params)
    return crypto.unwrap(wrapping, user.key_by_recovery or "", RECOVERY)


# --- carrying the key between requests -------------------------------------------------------------


def seal_for_session(token: str, data_key: bytes) -> str:
    return crypto.wrap(crypto.stretch(token.encode(), SESSION), data_key, SESSION)


def open_from_session(token: str, sealed: str) -> bytes:
    return crypto.unwrap(crypto.stretch(token.encode(), SESSION), sealed, SESSION)


# --- what one request may open ---------------------------------------------------------------------


@dataclass(frozen=True)
class Ties:
    """Whose keys a person's request may need besides their own: the couple they are in now,
    and whether an open grant (as the person or as the professional) names them."""

    couple_id: int | None
    grants: bool


def ties_columns(user_id: Any) -> tuple[Any, Any]:
    """The two facts of `Ties` as columns, so the read that finds the person (the login's
    session row) finds them too: (couple id or NULL, any open grant)."""
    couple = select(CoupleMember.couple_id).where(CoupleMember.user_id == user_id)
    grants = exists(
        select(models.GrantKey.link_id)
        .join(models.ProfessionalLink, models.ProfessionalLink.id == models.GrantKey.link_id)
        .where(_open_link_of(user_id))
    )
    return couple.scalar_subquery(), grants


def _ties(session: Session, user_id: int) -> Ties:
    couple, grants = ties_columns(user_id)
    couple_id, any_grant = session.execute(select(couple, grants)).one()
    return Ties(couple_id, bool(any_grant))


def unlock(
    session: Session, user: User | int, data_key: bytes, ties: Ties | None = None
) -> None:
    """Put the person's key, and the key of the couple they are in now, in the keyring (and
    the keys of their open grants). `ties`, when the caller read them in the same transaction,
    saves asking again. `user` may be the person's id alone (the login read): their row is then
    read only if a key needs their private key."""
    user_id = _id_of(user)
    ring = keyring.current()
    ring.put(keyring.person(user_id), data_key)
    ties = ties or _ties(session, user_id)
    if ties.grants:
        _open_grant_keys(session, _person(session, user), data_key)
    couple_id = ties.couple_id
    if couple_id is None:
        return
    couple_key = _couple_key(session, user, data_key, couple_id)
    if couple_key is not None:
        ring.put(keyring.couple(couple_id), couple_key)


def _id_of(user: User | int) -> int:
    return user if isinstance(user, int) else user.id


def _person(session: Session, user: User | int) -> User:
    if not isinstance(user, int):
        return user
    found = session.get(User, user)
    if found is None:
        raise Locked()
    return found


def private_key(user: User, data_key: bytes) -> bytes:
    if not user.private_key:
        raise Locked()
    return crypto.unwrap(data_key, user.private_key, PRIVATE)


_COUPLE_KEY = (
    select(CoupleKey.wrapped, CoupleKey.how)
    .where(CoupleKey.couple_id == bindparam("couple_id"), CoupleKey.user_id == bindparam("user_id"))
)


def _couple_key(
    session: Session, user: User | int, data_key: bytes, couple_id: int
) -> bytes | None:
    """The couple's key, opened with the person's data key (read as plain columns: every request
    of a linked person runs this), or with their private key the first time, when it is then
    wrapped again under the data key."""
    user_id = _id_of(user)
    session.flush()
    found = session.connection().execute(
        _COUPLE_KEY, {"couple_id": couple_id, "user_id": user_id}
    ).first()
    if found is None:
        return make_couple_key(session, couple_id)
    purpose = f"nearer-couple-key|{couple_id}"
    try:
        if found.how == "data":
            return crypto.unwrap(data_key, found.wrapped, purpose)
        key = crypto.unwrap_with(private_key(_person(session, user), data_key), found.wrapped,
                                 purpose)
    except crypto.CannotOpen:
        raise Locked() from None
    row = session.get(CoupleKey, (couple_id, user_id))
    assert row is not None  # read just above, in this transaction
    row.wrapped, row.how = crypto.wrap(data_key, key, purpose), "data"  # opened once this way
    return key


def make_couple_key(session: Session, couple_id: int) -> bytes | None:
    """A new couple key, wrapped for both partners' public keys; None while either partner has
    no keys yet (they get them at their next login, and the key is made then)."""
    people = session.scalars(
        select(User)
        .join(CoupleMember, CoupleMember.user_id == User.id)
        .where(CoupleMember.couple_id == couple_id)
    ).all()
    if len(people) != 2 or not all(p.public_key for p in people):
        return None
    if session.scalar(select(CoupleKey.user_id).where(CoupleKey.couple_id == couple_id)):
        return None  # made at the same moment elsewhere; its wrap for this person is missing
    key = crypto.new_key()
    purpose = f"nearer-couple-key|{couple_id}"
    for person in people:
        wrapped = crypto.wrap_for(_raw(person.public_key), key, purpose)
        session.add(
            CoupleKey(couple_id=couple_id, user_id=person.id, wrapped=wrapped, how="public")
        )
    session.flush()
    keyring.current().put(keyring.couple(couple_id), key)
    return key


def end_couple_key(session: Session, couple_id: int) -> None:
    """The couple key dies with the couple: no wrap of it is left for anyone."""
    session.execute(delete(CoupleKey).where(CoupleKey.couple_id == couple_id))
    keyring.current().drop(keyring.couple(couple_id))


# --- how far encryption has got (for `nearer admin encryption-status`) -------------------------------


@dataclass(frozen=True)
class EncryptionStatus:
    accounts: int
    with_keys: int
    remaining: int  # accounts with no keys yet, or with some text still plain
    local_plain: bool  # the command line's own journal (no account) still has plain text

    def to_dict(self) -> dict[str, object]:
        return {
            "accounts": self.accounts,
            "with_keys": self.with_keys,
            "remaining": self.remaining,
            "local_journal_plain": self.local_plain,
        }


def encryption_status(db: Database) -> EncryptionStatus:
    from nearer.storage.sealing import plain_row_owners

    with db.transaction() as session:
        people = session.execute(select(User.id, User.is_local, User.key_by_password)).all()
        plain = plain_row_owners(session)
    accounts = [p for p in people if not p.is_local]
    remaining = {p.id for p in accounts if not p.key_by_password or p.id in plain}
    return EncryptionStatus(
        accounts=len(accounts),
        with_keys=sum(1 for p in accounts if p.key_by_password),
        remaining=len(remaining),
        local_plain=any(p.is_local and p.id in plain for p in people),
    )


# --- the command line's own journal: a passphrase, jrnl-style ------------------------------------

MIN_PASSPHRASE = 10


def local_is_encrypted(db: Database, user_id: int) -> bool:
    with db.transaction() as session:
        user = session.get(User, user_id)
        return user is not None and has_keys(user)


def encrypt_local(db: Database, user_id: int, passphrase: str) -> tuple[str, int]:
    """Give the local journal a key under `passphrase` and seal everything in it; returns the
    recovery code (shown once) and how many rows were sealed."""
    from nearer.domain.errors import Conflict, InvalidInput, Problem
    from nearer.services.recovery import new_recovery_code
    from nearer.storage.sealing import seal_plain_rows

    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput([Problem("passphrase", f"must be at least {MIN_PASSPHRASE} characters")])
    code, code_hash = new_recovery_code()
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None or has_keys(user):
            raise Conflict("This journal is already encrypted.")
        data_key = give_keys(user, passphrase, code)
        user.recovery_hash = code_hash
        session.flush()
        unlock(session, user, data_key)
        sealed = seal_plain_rows(session, user_id)
        day_totals.keep_in_step(session, user_id)
    return code, sealed


def open_local(
    db: Database, user_id: int, passphrase: str | None, key: bytes | None = None
) -> bytes:
    """Open the local journal's key (from the passphrase, or a key kept in the OS keyring)."""
    from nearer.domain.errors import InvalidInput, Problem

    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None or not has_keys(user):
            raise InvalidInput([Problem("passphrase", "this journal has no passphrase")])
        try:
            data_key = key if key is not None else open_with_password(user, passphrase or "")
            private_key(user, data_key)  # proves a kept key is this journal's
        except crypto.CannotOpen:
            raise InvalidInput([Problem("passphrase", "does not open this journal")]) from None
        unlock(session, user, data_key)
        return data_key


def decrypt_local(db: Database, user_id: int) -> int:
    """Write the local journal back in plain text and drop its keys (its key must be open)."""
    from sqlalchemy import inspect
    from sqlalchemy.orm.attributes import flag_modified

    from nearer.storage.sealing import sealed_models

    ring = keyring.current()
    if ring.get(keyring.person(user_id)) is None:
        raise Locked("Open the journal with its passphrase first.")
    count = 0
    with db.transaction() as session:
        rows: list[tuple[Any, Any]] = []
        for model, spec in sealed_models().items():
            owned: Any = select(model).where(getattr(model, spec.owner) == user_id)
            rows += [(row, spec) for row in session.scalars(owned)]
        ring.drop(keyring.person(user_id))  # written from here on without a key: plain
        for row, spec in rows:
            inspect(row).info["nearer_force"] = True
            flag_modified(row, spec.fields[0])
            count += 1
        session.flush()
        user = session.get(User, user_id)
        assert user is not None
        user.key_kdf = user.key_salt = user.key_by_password = None
        user.recovery_salt = user.key_by_recovery = user.public_key = user.private_key = None
        session.flush()
        day_totals.keep_in_step(session, user_id)  # the day totals in plain again, too
    return count


# --- text written for two people (a professional's note to the person) ---------------------------

FOR_TWO = "nvn1."


def seal_for_two(session: Session, people: tuple[int, int], text: str, aad: str) -> str:
    """`text` under a fresh key wrapped for each person's public key; plain when either has no
    keys yet (an account from before encryption, sealed once both have them)."""
    users = [session.get(User, person) for person in people]
    if not all(u is not None and u.public_key for u in users):
        return text
    key = crypto.new_key()
    body = {
        "for": {str(u.id): crypto.wrap_for(_raw(u.public_key), key, aad) for u in users if u},
        "text": crypto.seal_text(key, crypto.GRANT, text, aad.encode()),
    }
    return FOR_TWO + base64.urlsafe_b64encode(json.dumps(body).encode()).decode()


def open_for(session: Session, reader_id: int, stored: str, aad: str) -> str:
    """The text as `reader_id` may read it; a clear placeholder when their key is not here."""
    from nearer.storage.sealing import LOCKED_TEXT

    if not stored.startswith(FOR_TWO):
        return stored  # written before encryption
    data_key = keyring.current().get(keyring.person(reader_id))
    reader = session.get(User, reader_id)
    if data_key is None or reader is None:
        return LOCKED_TEXT
    try:
        body = json.loads(base64.urlsafe_b64decode(stored[len(FOR_TWO) :]))
        wrapped = body["for"][str(reader_id)]
        key = crypto.unwrap_with(private_key(reader, data_key), wrapped, aad)
        return crypto.open_text(key, body["text"], aad.encode())
    except (KeyError, ValueError, TypeError, crypto.CannotOpen):
        raise Locked() from None


# --- grants to a professional ------------------------------------------------------------------------


def _grant_purpose(link_id: int) -> str:
    return f"nearer-grant-key|{link_id}"


def _open_link_of(user_id: Any) -> Any:
    """A professional link not ended, with `user_id` on either side of it."""
    link = models.ProfessionalLink
    return link.ended_at.is_(None) & (
        (link.person_id == user_id) | (link.professional_id == user_id)
    )


def _open_grant_keys(session: Session, user: User, data_key: bytes) -> None:
    """The keys of open grants: the person's own (to seal copies for the professional as they
    write) and, for a professional, those of the people who granted them something."""
    rows = session.execute(
        select(models.GrantKey, models.ProfessionalLink)
        .join(models.ProfessionalLink, models.ProfessionalLink.id == models.GrantKey.link_id)
        .where(_open_link_of(user.id))
    ).all()
    if not rows:
        return
    mine = private_key(user, data_key)
    ring = keyring.current()
    for grant_key, link in rows:
        as_person = link.person_id == user.id
        wrapped = grant_key.for_person if as_person else grant_key.for_professional
        try:
            key = crypto.unwrap_with(mine, wrapped, _grant_purpose(link.id))
        except crypto.CannotOpen:
            raise Locked() from None
        chosen = _chosen_entries(session, link.id) if as_person else None
        ring.put_grant(link.id, link.person_id, key, chosen)


def _chosen_entries(session: Session, link_id: int) -> frozenset[int]:
    ids = session.scalar(
        select(models.SupportGrant.entry_ids).where(
            models.SupportGrant.link_id == link_id, models.SupportGrant.section == "entries"
        )
    )
    return frozenset(i for i in ids or [] if isinstance(i, int))


def regrant(session: Session, link: ProfessionalLink, granted_anything: bool) -> None:
    """After the person changed what a professional may see: the grant key exists while
    something is granted (destroyed when nothing is), and every entry's copy is sealed again."""
    from nearer.storage.models import Entry
    from nearer.storage.sealing import reseal_all

    ring = keyring.current()
    if not granted_anything:
        end_grant_key(session, link.id)
        reseal_all(session, Entry, link.person_id)
        return
    key = ring.get(keyring.grant(link.id))
    if session.get(models.GrantKey, link.id) is None:
        person = session.get(User, link.person_id)
        professional = session.get(User, link.professional_id)
        if not (person and professional and person.public_key and professional.public_key):
            return  # one of them has no keys yet: copies are made once both have
        key = crypto.new_key()
        purpose = _grant_purpose(link.id)
        session.add(
            models.GrantKey(
                link_id=link.id,
                for_person=crypto.wrap_for(_raw(person.public_key), key, purpose),
                for_professional=crypto.wrap_for(_raw(professional.public_key), key, purpose),
            )
        )
        session.flush()
    if key is not None:
        ring.put_grant(link.id, link.person_id, key, _chosen_entries(session, link.id))
    reseal_all(session, Entry, link.person_id)


def end_grant_key(session: Session, link_id: int) -> None:
    """Revoking destroys the grant key: every copy sealed under it is unreadable from now on."""
    session.execute(delete(models.GrantKey).where(models.GrantKey.link_id == link_id))
    keyring.current().drop(keyring.grant(link_id))
