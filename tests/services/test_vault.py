"""Encryption at rest through the services: keys at sign-up, login, password change and
recovery; sharing under the couple key; migration of plain rows at login; clean failures."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from nearer.domain import crypto
from nearer.domain.errors import Locked, LoginFailed, RecoveryFailed
from nearer.services import accounts, couples, journal, recovery, vault
from nearer.settings import Settings
from nearer.storage import keyring
from nearer.storage.db import Database
from nearer.storage.models import CoupleKey, Entry, User

PW = "correct horse battery 9"
NEW_PW = "another long passphrase 7"


def _as(db: Database, settings: Settings, email: str, password: str = PW) -> int:
    """Act as a fresh request of `email`: a new keyring opened by logging in."""
    keyring.current().clear()
    token = accounts.log_in(db, settings, email, password, "1.1.1.1").token
    keyring.current().clear()
    account = accounts.account_for_token(db, token)  # what every request does
    assert account is not None
    return account.id


def _stored(db: Database, entry_id: int) -> dict[str, Any]:
    with db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT text, family, safety_level, shared_copy FROM entries WHERE id = :i"),
            {"i": entry_id},
        ).one()
    return dict(row._mapping)


@pytest.fixture(autouse=True)
def _fresh_keyring() -> Any:
    with keyring.scoped() as ring:
        yield ring


def test_signup_stores_only_wrapped_keys_and_text_is_sealed(
    db: Database, settings: Settings
) -> None:
    made = accounts.sign_up(db, "ana@example.org", PW)
    with db.transaction() as session:
        user = session.get(User, made.id)
        assert user is not None and vault.has_keys(user)
        assert user.key_kdf == vault.kdf_params().text()
        assert crypto.is_sealed(user.key_by_password) and crypto.is_sealed(user.key_by_recovery)
    ana = _as(db, settings, "ana@example.org")
    saved = journal.write(db, ana, text="I never told anyone about the lake", feelings=["lonely"])
    stored = _stored(db, saved.entry.id)
    # One envelope holds the text and what was derived from it; the other columns say nothing.
    assert crypto.is_sealed(stored["text"])
    assert (stored["family"], stored["safety_level"]) == (None, "")
    assert "lake" not in str(stored)
    assert journal.get_entry(db, ana, saved.entry.id).text == "I never told anyone about the lake"


def test_wrong_password_and_wrong_recovery_code_fail_cleanly(
    db: Database, settings: Settings
) -> None:
    made = accounts.sign_up(db, "ana@example.org", PW)
    with pytest.raises(LoginFailed):
        accounts.log_in(db, settings, "ana@example.org", "not the password at all", "1.1.1.1")
    wrong = "0000-0000-0000-0000-0000"
    assert wrong != made.recovery_code
    with pytest.raises(RecoveryFailed):
        recovery.reset_password(db, settings, "ana@example.org", wrong, NEW_PW, "1.1.1.1")


def test_password_change_and_recovery_keep_every_entry_readable(
    db: Database, settings: Settings
) -> None:
    made = accounts.sign_up(db, "ana@example.org", PW)
    ana = _as(db, settings, "ana@example.org")
    words = [f"entry number {n} about the garden" for n in range(3)]
    for w in words:
        journal.write(db, ana, text=w)
    with db.transaction() as session:
        before = session.get(User, ana).key_by_password  # type: ignore[union-attr]
    accounts.change_password(db, settings, ana, PW, NEW_PW, None)
    with db.transaction() as session:
        assert session.get(User, ana).key_by_password != before  # type: ignore[union-attr]
    ana = _as(db, settings, "ana@example.org", NEW_PW)
    assert sorted(e.text for e in journal.list_entries(db, ana)) == sorted(words)
    # Forgot the new password: the recovery code opens the same key.
    code = recovery.reset_password(
        db, settings, "ana@example.org", made.recovery_code, "third passphrase here 5", "1.1.1.1"
    )
    ana = _as(db, settings, "ana@example.org", "third passphrase here 5")
    assert sorted(e.text for e in journal.list_entries(db, ana)) == sorted(words)
    # And the new code works the next time.
    recovery.reset_password(db, settings, "ana@example.org", code, PW, "1.1.1.1")
    ana = _as(db, settings, "ana@example.org", PW)
    assert len(journal.list_entries(db, ana)) == 3


def test_without_the_key_nothing_opens_and_a_flipped_byte_is_a_clear_error(
    db: Database, settings: Settings
) -> None:
    accounts.sign_up(db, "ana@example.org", PW)
    ana = _as(db, settings, "ana@example.org")
    saved = journal.write(db, ana, text="the words only I should read")
    keyring.current().clear()  # a request that never opened Ana's key
    with db.transaction() as session:
        row = session.get(Entry, saved.entry.id)
        assert row is not None and "only I" not in row.text
    ana = _as(db, settings, "ana@example.org")
    stored = _stored(db, saved.entry.id)["text"]
    blob = bytearray(crypto.from_text(stored))
    blob[-5] ^= 0x01
    with db.engine.begin() as conn:
        conn.execute(
            update(Entry).where(Entry.id == saved.entry.id).values(text=crypto.to_text(bytes(blob)))
        )
    with pytest.raises(Locked):
        journal.get_entry(db, ana, saved.entry.id)


def _couple(db: Database, settings: Settings, a: str, b: str) -> tuple[int, int]:
    first = _as(db, settings, a)
    code = couples.create_invite(db, first)
    second = _as(db, settings, b)
    couples.join(db, second, code)
    return first, second


def test_partner_reads_shared_then_nothing_after_unlink_and_a_later_partner_nothing(
    db: Database, settings: Settings
) -> None:
    for email in ("ana@example.org", "ben@example.org", "cy@example.org"):
        accounts.sign_up(db, email, PW)
    ana, ben = _couple(db, settings, "ana@example.org", "ben@example.org")
    ana = _as(db, settings, "ana@example.org")  # Ana's first request after the link
    shared = journal.write(db, ana, text="dinner felt warm tonight", visibility="shared")
    journal.write(db, ana, text="my private worry about money")
    with db.transaction() as session:
        wraps = session.scalars(select(CoupleKey)).all()
        # Made at the join, for both public keys; each opens theirs once and re-wraps it under
        # their own data key.
        assert {(w.user_id, w.how) for w in wraps} == {(ana, "data"), (ben, "public")}
    ben = _as(db, settings, "ben@example.org")
    assert [e.text for e in journal.partner_entries(db, ben)] == ["dinner felt warm tonight"]
    assert crypto.is_sealed(_stored(db, shared.entry.id)["shared_copy"])

    couples.unlink(db, ben)
    with db.transaction() as session:
        assert session.scalars(select(CoupleKey)).all() == []  # the couple key died
        row = session.get(Entry, shared.entry.id)
        assert row is not None and row.shared_copy is None
    assert journal.partner_entries(db, ben) == []
    # Ben's request holds no key that opens Ana's rows, whatever he asks for.
    keyring.current().clear()
    ben = _as(db, settings, "ben@example.org")
    with db.transaction() as session:
        texts = [r.text for r in session.scalars(select(Entry).where(Entry.owner_id == ana))]
        assert all("dinner" not in t and "money" not in t for t in texts)
    ana = _as(db, settings, "ana@example.org")
    assert {e.text for e in journal.list_entries(db, ana)} == {
        "dinner felt warm tonight",
        "my private worry about money",
    }
    # A later partner reads nothing from before.
    ana, cy = _couple(db, settings, "ana@example.org", "cy@example.org")
    cy = _as(db, settings, "cy@example.org")
    assert journal.partner_entries(db, cy) == []


def test_plain_rows_of_an_account_from_before_are_sealed_at_its_next_login(
    db: Database, settings: Settings
) -> None:
    accounts.sign_up(db, "ana@example.org", PW)
    with db.transaction() as session:  # what an account made before encryption looks like
        user = session.scalar(select(User).where(User.email == "ana@example.org"))
        assert user is not None
        for column in ("key_kdf", "key_salt", "key_by_password", "recovery_salt"):
            setattr(user, column, None)
        user.key_by_recovery = user.public_key = user.private_key = None
        ana = user.id
    keyring.current().clear()
    saved = journal.write(db, ana, text="written long before encryption")
    assert _stored(db, saved.entry.id)["text"] == "written long before encryption"
    status = vault.encryption_status(db)
    assert (status.accounts, status.with_keys, status.remaining) == (1, 0, 1)

    login = accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1")
    assert login.recovery_code  # a new code, shown once, that wraps the new key
    assert crypto.is_sealed(_stored(db, saved.entry.id)["text"])
    assert vault.encryption_status(db).remaining == 0
    keyring.current().clear()
    ana = _as(db, settings, "ana@example.org")
    assert journal.get_entry(db, ana, saved.entry.id).text == "written long before encryption"
    recovery.reset_password(db, settings, "ana@example.org", login.recovery_code, NEW_PW, "x")


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
        min_size=8,
        max_size=200,
    )
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_round_trips_and_is_never_in_the_stored_bytes(
    sqlite_db: Database, written: str
) -> None:
    if not written.strip():
        return
    with keyring.scoped():
        with sqlite_db.transaction() as session:
            person = session.scalar(select(User.id).where(User.email == "prop@example.org"))
        if person is None:
            person = accounts.sign_up(sqlite_db, "prop@example.org", PW).id
        with sqlite_db.transaction() as session:
            user = session.get(User, person)
            assert user is not None
            vault.unlock(session, user, vault.open_with_password(user, PW))
        saved = journal.write(sqlite_db, person, text=written)
        stored = _stored(sqlite_db, saved.entry.id)["text"]
        assert crypto.is_sealed(stored)
        assert written.strip() not in stored
        assert written.strip().encode() not in crypto.from_text(stored)
        assert journal.get_entry(sqlite_db, person, saved.entry.id).text == saved.entry.text


def test_a_grant_key_opens_the_chosen_entries_for_the_professional_until_revoked(
    db: Database, settings: Settings
) -> None:
    from nearer.services import professionals
    from nearer.storage.models import GrantKey

    for email in ("ana@example.org", "pro@example.org"):
        accounts.sign_up(db, email, PW)
    pro = _as(db, settings, "pro@example.org")
    professionals.set_profile(db, pro, "Dr Pro", "Clinic")
    ana = _as(db, settings, "ana@example.org")
    chosen = journal.write(db, ana, text="the entry I chose for my counsellor").entry.id
    journal.write(db, ana, text="the entry I kept from everyone")
    code, _ = professionals.create_invite(db, ana)
    pro = _as(db, settings, "pro@example.org")
    link = professionals.redeem(db, pro, code).link_id
    ana = _as(db, settings, "ana@example.org")
    professionals.set_grants(db, ana, link, ["entries", "patterns"], [chosen])
    with db.transaction() as session:
        assert session.get(GrantKey, link) is not None
        copies = session.scalars(select(Entry.grant_copies).order_by(Entry.id)).all()
        assert all(c and str(link) in c for c in copies)  # one sealed copy per entry
    # Written while the grant stands (the write path seals without the ORM): it gets its copy
    # too, with only what the grant shows of entries the owner did not choose.
    later = journal.write(db, ana, text="written after the grant").entry.id
    with db.transaction() as session:
        copies = session.scalars(select(Entry.grant_copies).where(Entry.id == later)).one()
        assert copies and str(link) in copies
    pro = _as(db, settings, "pro@example.org")
    seen = professionals.client_section(db, pro, link, "entries")
    assert [e.text for e in seen] == ["the entry I chose for my counsellor"]
    with db.transaction() as session:  # the other entries: only their family reaches the grant
        kept = session.scalars(select(Entry).where(Entry.id != chosen)).all()
        assert all("kept from everyone" not in e.text and "after the grant" not in e.text
                   for e in kept)

    ana = _as(db, settings, "ana@example.org")
    professionals.revoke(db, ana, link)
    with db.transaction() as session:
        assert session.get(GrantKey, link) is None  # the key is destroyed
    pro = _as(db, settings, "pro@example.org")
    with db.transaction() as session:
        texts = [e.text for e in session.scalars(select(Entry))]
        assert all("counsellor" not in t for t in texts)


def test_the_journal_write_stores_what_an_orm_flush_would_store(
    db: Database, settings: Settings
) -> None:
    """The journal writes a new entry with one Core INSERT (sealing.insert_sealed), not the ORM's
    unit of work: the stored row must be the one a flush of the same entry stores, private and
    shared alike, and open to the same values."""
    for email in ("ana@example.org", "ben@example.org"):
        accounts.sign_up(db, email, PW)
    ana, _ = _couple(db, settings, "ana@example.org", "ben@example.org")
    ana = _as(db, settings, "ana@example.org")
    columns = "text, family, safety_level, safety_kinds, emotions, shared_copy, grant_copies"
    for visibility in ("private", "shared"):
        written = journal.write(db, ana, text="we laughed in the rain", visibility=visibility)
        with db.transaction() as session:
            stored = session.get(Entry, written.entry.id)
            assert stored is not None
            by_flush = Entry(
                uid="flush-" + visibility,
                owner_id=ana,
                kind="journal",
                text="we laughed in the rain",
                feelings=[],
                tags=[],
                visibility=visibility,
                shared_copy=None,
                shared_couple_id=stored.shared_couple_id,
                created_at=stored.created_at,
                updated_at=stored.updated_at,
                emotions=None,
                family=None,
                safety_level="none",
                safety_kinds=[],
            )
            session.add(by_flush)
            session.flush()
            flushed_id = by_flush.id
        rows = {}
        with db.engine.connect() as conn:
            for name, entry_id in (("core", written.entry.id), ("flush", flushed_id)):
                rows[name] = dict(
                    conn.execute(
                        text(f"SELECT {columns} FROM entries WHERE id = :i"), {"i": entry_id}
                    )
                    .one()
                    ._mapping
                )
        for name in ("text", "shared_copy"):  # sealed the same way (fresh nonces, so not equal)
            assert crypto.is_sealed(rows["core"][name]) == crypto.is_sealed(rows["flush"][name])
        assert crypto.is_sealed(rows["core"]["text"])
        assert (visibility == "shared") == crypto.is_sealed(rows["core"]["shared_copy"])
        blank = {k: v for k, v in rows["core"].items() if k not in ("text", "shared_copy")}
        assert blank == {k: v for k, v in rows["flush"].items() if k not in ("text", "shared_copy")}
        seen = journal.get_entry(db, ana, written.entry.id)
        assert (seen.text, seen.visibility, seen.safety) == (
            "we laughed in the rain",
            visibility,
            {"level": "none", "kinds": []},
        )
