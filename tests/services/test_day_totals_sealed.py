"""Day totals of a person with keys are sealed at rest, and still add up to a fresh count.

Runs on SQLite and PostgreSQL. The emotion families (derived from the sealed text) must never be
readable in a day_totals row, and a missing key never writes them plain nor counts a sealed family
as "no family". The text reading is replaced by a fixed one (the family is named in the text).
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Text, cast, select, text, update

from nearer.analysis.safety import SafetyResult
from nearer.domain import crypto
from nearer.domain.errors import Locked
from nearer.domain.journal import make_draft
from nearer.services import day_totals, journal, self_awareness, vault
from nearer.services.text_checks import TextReading
from nearer.storage import keyring
from nearer.storage.db import Database
from nearer.storage.models import DayTotal, DayTotalsZone, Entry, User

HEAVY = ("sadness", "anger", "fear", "shame")
_people = itertools.count()
TODAY = date(2026, 3, 8)


def _reading(text: str, *, emotions: bool = True) -> TextReading:
    family = text.split("fam:")[-1] if "fam:" in text else None
    return TextReading(SafetyResult(), [], family or None)


@pytest.fixture(autouse=True)
def fixed_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "read_text", _reading)


def _person(db: Database, *, keys: bool, time_zone: str | None = None) -> int:
    """A person; with `keys`, a data key (wrapped as at sign-up) that is in the keyring now."""
    with db.transaction() as session:
        user = User(email=f"s{next(_people)}@example.org", time_zone=time_zone)
        session.add(user)
        session.flush()
        if keys:
            key = vault.give_keys(user, "a long passphrase", "recovery-code-1234")
            keyring.current().put(keyring.person(user.id), key)
        return user.id


def _add(db: Database, me: int, at: datetime, family: str | None = None, **fields: Any) -> int:
    draft = make_draft(f"an entry fam:{family or ''}", **fields)
    return journal.add_entry(db, me, draft, at=at).entry.id


def _raw_totals(db: Database, me: int) -> dict[date, str]:
    """The `totals` column as the database holds it (what a dump shows)."""
    with db.transaction() as session:
        rows = session.execute(
            select(DayTotal.day, cast(DayTotal.totals, Text)).where(DayTotal.user_id == me)
        )
        return {day: raw for day, raw in rows}


def _fresh(db: Database, me: int) -> dict[date, Any]:
    with db.transaction() as session:
        name = session.scalar(select(User.time_zone).where(User.id == me)) or "UTC"
        return day_totals.count_entries(session, me, ZoneInfo(name))


def _stored(db: Database, me: int) -> dict[date, Any]:
    with db.transaction() as session:
        return day_totals.stored(session, me)


def _write_week(db: Database, me: int) -> None:
    """Three sadness entries on 2 March (one by its text only), joy on 4 March, fear on 5 March."""
    day = datetime(2026, 3, 2, 9, tzinfo=UTC)
    _add(db, me, day, feelings=["lonely"], intensity=6, tags=["work"])
    _add(db, me, day + timedelta(hours=1), feelings=["hurt"], intensity=4)
    _add(db, me, day + timedelta(hours=2), family="sadness", intensity=8)  # no wheel word
    _add(db, me, day + timedelta(days=2), family="joy", intensity=3, tags=["home"])
    _add(db, me, day + timedelta(days=3, hours=13), family="fear", intensity=5)


def _forget(me: int) -> None:
    keyring.current().drop(keyring.person(me))


def test_the_totals_of_a_person_with_keys_are_sealed_and_bound_to_their_day(db: Database) -> None:
    me = _person(db, keys=True)
    with db.transaction() as session:
        day_totals.rebuild(session, me)
    _write_week(db, me)
    raw = _raw_totals(db, me)
    assert sorted(raw) == [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 5)]
    for stored in raw.values():
        # One sealed token and nothing else: no plain word can sit beside it. (The words are not
        # looked for inside the token: its base64 may spell "joy" by chance.)
        assert re.fullmatch(re.escape(crypto.PREFIX) + r"[A-Za-z0-9_-]+", stored.strip('"'))
    kept = _stored(db, me)
    # Hand-counted: 2 March has three sadness entries (one named only by its text).
    assert kept[date(2026, 3, 2)].families == {"sadness": 3}
    assert kept[date(2026, 3, 2)].heavy == {9: [1, 6], 10: [1, 4], 11: [1, 8]}
    assert kept[date(2026, 3, 2)].tags == {"sadness": {"work": 1}}
    assert kept[date(2026, 3, 4)].families == {"joy": 1}
    assert kept == _fresh(db, me)
    # An envelope moved to another day (or person) does not open there.
    with db.transaction() as session:
        row = session.get(DayTotal, (me, date(2026, 3, 2)))
        assert row is not None
        key = keyring.current().get(keyring.person(me))
        with pytest.raises(crypto.CannotOpen):
            day_totals._opened(key, me, date(2026, 3, 4), row.totals)
        with pytest.raises(crypto.CannotOpen):
            day_totals._opened(key, me + 1, date(2026, 3, 2), row.totals)


def test_patterns_figures_are_the_same_sealed_or_plain(db: Database) -> None:
    sealed, plain = _person(db, keys=True), _person(db, keys=False)
    for me in (sealed, plain):
        _write_week(db, me)
    mine = self_awareness.my_patterns(db, sealed, 2, today=TODAY)
    theirs = self_awareness.my_patterns(db, plain, 2, today=TODAY)
    assert mine == theirs
    assert mine.entry_count == 5
    assert _raw_totals(db, sealed) != {} and all(
        crypto.PREFIX in t for t in _raw_totals(db, sealed).values()
    )
    assert all("sadness" in t for d, t in _raw_totals(db, plain).items() if d.day == 2)


def test_swapped_envelopes_are_counted_afresh_at_the_next_read(db: Database) -> None:
    me = _person(db, keys=True)
    _write_week(db, me)
    before = self_awareness.my_patterns(db, me, 2, today=TODAY)
    raw = _raw_totals(db, me)
    with db.transaction() as session:  # someone with the database swaps two days' envelopes
        for day, other in (
            (date(2026, 3, 2), date(2026, 3, 4)),
            (date(2026, 3, 4), date(2026, 3, 2)),
        ):
            row = session.get(DayTotal, (me, day))
            assert row is not None
            row.totals = raw[other].strip('"')
    assert self_awareness.my_patterns(db, me, 2, today=TODAY) == before
    assert _stored(db, me) == _fresh(db, me)


def test_a_write_without_the_key_marks_the_totals_for_the_next_read(db: Database) -> None:
    me = _person(db, keys=True)
    _write_week(db, me)
    self_awareness.my_patterns(db, me, 2, today=TODAY)  # built and sealed
    key = keyring.current().get(keyring.person(me))
    assert key is not None
    _forget(me)  # e.g. the command line without the passphrase
    with db.transaction() as session:  # an edit that moves a sealed entry's day, keyless
        first = session.scalar(select(Entry.id).where(Entry.owner_id == me).order_by(Entry.id))
    journal.delete_entry(db, me, first)
    with db.transaction() as session:
        assert session.get(DayTotalsZone, me) is None  # marked: rebuilt at the next read
        assert session.scalars(select(DayTotal).where(DayTotal.user_id == me)).all() == []
    with pytest.raises(Locked):
        self_awareness.my_patterns(db, me, 2, today=TODAY)
    keyring.current().put(keyring.person(me), key)  # they log in again
    patterns = self_awareness.my_patterns(db, me, 2, today=TODAY)
    assert patterns.entry_count == 4
    assert _stored(db, me)[date(2026, 3, 2)].families == {"sadness": 2}
    assert all(t.strip('"').startswith(crypto.PREFIX) for t in _raw_totals(db, me).values())


def test_rebuild_everyone_leaves_people_whose_key_is_away_to_their_next_read(
    db: Database,
) -> None:
    away, plain = _person(db, keys=True), _person(db, keys=False)
    for me in (away, plain):
        _write_week(db, me)
        self_awareness.my_patterns(db, me, 2, today=TODAY)
    key = keyring.current().get(keyring.person(away))
    assert key is not None
    _forget(away)
    assert day_totals.rebuild_everyone(db) == day_totals.Rebuilt(1, 3, 1)
    assert _raw_totals(db, away) == {}  # nothing written plain, nothing stale kept
    assert _stored(db, plain)[date(2026, 3, 2)].families == {"sadness": 3}
    keyring.current().put(keyring.person(away), key)
    assert self_awareness.my_patterns(db, away, 2, today=TODAY).entry_count == 5
    assert _stored(db, away) == _fresh(db, away)


def test_a_sealed_family_that_does_not_open_is_never_counted_as_none(db: Database) -> None:
    me = _person(db, keys=True)
    _add(db, me, datetime(2026, 3, 2, 9, tzinfo=UTC), family="sadness", intensity=5)
    with db.transaction() as session:
        sealed = session.scalar(select(Entry.text).where(Entry.owner_id == me))
        assert crypto.is_sealed(sealed)
        assert session.scalar(select(Entry.family).where(Entry.owner_id == me)) is None
        blob = bytearray(crypto.from_text(sealed or ""))
        blob[-1] ^= 1  # one flipped byte
        session.execute(
            update(Entry).where(Entry.owner_id == me).values(text=crypto.to_text(bytes(blob)))
        )
    with db.transaction() as session, pytest.raises(Locked):
        day_totals.rebuild(session, me)
    _forget(me)
    with db.transaction() as session, pytest.raises(day_totals.NoKey):
        day_totals.count_entries(session, me, ZoneInfo("UTC"))


def test_encrypting_and_decrypting_a_journal_moves_its_totals_too(db: Database) -> None:
    me = _person(db, keys=False)
    _write_week(db, me)
    self_awareness.my_patterns(db, me, 2, today=TODAY)
    assert "sadness" in _raw_totals(db, me)[date(2026, 3, 2)]
    vault.encrypt_local(db, me, "a long enough passphrase")
    assert all(crypto.PREFIX in t for t in _raw_totals(db, me).values())
    assert _stored(db, me) == _fresh(db, me)
    assert _stored(db, me)[date(2026, 3, 2)].families == {"sadness": 3}
    vault.decrypt_local(db, me)
    assert "sadness" in _raw_totals(db, me)[date(2026, 3, 2)]
    assert _stored(db, me) == _fresh(db, me)


entry = st.fixed_dictionaries(
    {
        "feelings": st.lists(st.sampled_from(["lonely", "hurt", "calm", "joy"]), max_size=2),
        "intensity": st.none() | st.integers(0, 10),
        "family": st.sampled_from([None, "joy", *HEAVY]),
        "minutes": st.integers(0, 60 * 24 * 4),
    }
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.booleans(), entry), min_size=1, max_size=8))
def test_sealed_totals_equal_a_fresh_count_after_any_writes(
    db: Database, steps: list[tuple[bool, dict[str, Any]]]
) -> None:
    me = _person(db, keys=True, time_zone="Asia/Kolkata")
    with db.transaction() as session:
        day_totals.rebuild(session, me)
    ids: list[int] = []
    for delete, fields in steps:
        if delete and ids:
            journal.delete_entry(db, me, ids.pop(0))
            continue
        at = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=fields["minutes"])
        feelings = list(dict.fromkeys(fields["feelings"]))
        ids.append(
            _add(db, me, at, fields["family"], feelings=feelings, intensity=fields["intensity"])
        )
    assert _stored(db, me) == _fresh(db, me)
    for stored in _raw_totals(db, me).values():  # one sealed token: no family name can show
        assert re.fullmatch(re.escape(crypto.PREFIX) + r"[A-Za-z0-9_-]+", stored.strip('"'))


def test_a_database_dump_shows_no_family_in_the_day_totals(db: Database) -> None:
    """The dump itself: the day_totals rows of a SQLite copy or a pg_dump hold no family name."""
    me = _person(db, keys=True)
    _write_week(db, me)
    self_awareness.my_patterns(db, me, 2, today=TODAY)
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        import sqlite3

        with sqlite3.connect(str(url.database)) as conn:
            rows = conn.execute("SELECT * FROM day_totals WHERE user_id = ?", (me,)).fetchall()
        dumped = repr(rows).encode()
    else:
        if not shutil.which("pg_dump"):
            pytest.skip("pg_dump is not available here")
        with db.engine.connect() as conn:
            schema = conn.scalar(text("SELECT current_schema()"))
        dumped = subprocess.run(
            ["pg_dump", "-h", str(url.host), "-p", str(url.port or 5432), "-U", str(url.username)]
            + ["-d", str(url.database), "-t", f"{schema}.day_totals", "--data-only"],
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    assert b"lonely" in dumped, "the dump holds no day totals: the search proves nothing"
    # A name counts only standing alone: sealed values are base64 text, which holds any three
    # letters ("joy") by chance in a few dumps out of a hundred.
    found = [f for f in ("sadness", "joy", "fear", "work", "home")
             if re.search(rb"(?<![A-Za-z0-9+/])" + f.encode() + rb"(?![A-Za-z0-9+/=])", dumped)]
    assert found == []


def test_a_granted_professional_sees_the_same_patterns_counted_from_the_grant(
    db: Database, settings: Any
) -> None:
    from nearer.services import accounts, professionals

    def as_(email: str) -> int:  # a fresh request: a new keyring opened by logging in
        keyring.current().clear()
        token = accounts.log_in(db, settings, email, "a long passphrase 9", "1.1.1.1").token
        keyring.current().clear()
        account = accounts.account_for_token(db, token)
        assert account is not None
        return account.id

    for email in ("ana@example.org", "pro@example.org"):
        accounts.sign_up(db, email, "a long passphrase 9")
    pro = as_("pro@example.org")
    professionals.set_profile(db, pro, "Dr Pro", "Clinic")
    ana = as_("ana@example.org")
    today = date.today()
    for days, family in ((1, "sadness"), (1, "joy"), (3, "sadness"), (9, "fear")):
        at = datetime.combine(today - timedelta(days=days), datetime.min.time(), UTC)
        _add(db, ana, at + timedelta(hours=10), family=family, intensity=5)
    code, _ = professionals.create_invite(db, ana)
    pro = as_("pro@example.org")
    link = professionals.redeem(db, pro, code).link_id
    ana = as_("ana@example.org")
    professionals.set_grants(db, ana, link, ["patterns"], [])
    own = self_awareness.my_patterns(db, ana, 4)
    kept = _raw_totals(db, ana)
    assert own.entry_count == 4
    pro = as_("pro@example.org")
    assert keyring.current().get(keyring.person(ana)) is None  # only the grant's key is here
    assert self_awareness.my_patterns(db, ana, 4) == own
    assert professionals.client_section(db, pro, link, "patterns")  # the page's figures
    assert _raw_totals(db, ana) == kept  # counted for the professional, nothing stored
    keyring.current().clear()
    with pytest.raises(Locked):  # no key and no grant: nothing is counted
        self_awareness.my_patterns(db, ana, 4)
