"""Pages of entries on both databases: every entry once and in order, privacy on every page,
bad cursors named, and the SQL feeling/tag filters agreeing with the plain rule."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from nearer.domain.errors import InvalidInput
from nearer.domain.paging import encode_cursor
from nearer.services import accounts, couples, journal
from nearer.services.access import current_couple_id
from nearer.services.journal import EntryFilter
from nearer.storage.db import Database
from nearer.storage.models import Entry, User

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", "long-enough-pw").id


def put(
    db: Database,
    owner: int,
    at: datetime,
    *,
    text: str = "x",
    feelings: list[str] | None = None,
    tags: list[str] | None = None,
    couple: int | None = None,
) -> int:
    """An entry straight in the table (no analysis), shared with `couple` if given."""
    with db.transaction() as session:
        entry = Entry(
            uid=str(uuid.uuid4()),
            owner_id=owner,
            text=text,
            feelings=feelings or [],
            tags=tags or [],
            visibility="shared" if couple else "private",
            shared_couple_id=couple,
            created_at=at,
            updated_at=at,
        )
        session.add(entry)
        session.flush()
        return entry.id


def walk(read: object, limit: int) -> list[list[int]]:
    """Every page's ids, following `next` until it runs out."""
    pages, cursor = [], None
    while True:
        page = read(limit=limit, cursor=cursor)  # type: ignore[operator]
        pages.append([e.id for e in page.items])
        if page.next is None:
            return pages
        cursor = page.next


def test_walking_the_pages_returns_every_entry_once_in_order_despite_ties(db: Database) -> None:
    me = person(db, "ana")
    # 23 entries on only three distinct moments: the id breaks every tie.
    ids = [put(db, me, T0 + timedelta(minutes=i % 3)) for i in range(23)]
    when = {i: T0 + timedelta(minutes=n % 3) for n, i in enumerate(ids)}
    expected = sorted(ids, key=lambda i: (when[i], i), reverse=True)

    pages = walk(lambda **kw: journal.entries_page(db, me, **kw), 5)

    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    assert [i for p in pages for i in p] == expected
    assert journal.entries_page(db, me, limit=23).next is None  # exactly one full page: no next


def test_an_entry_written_meanwhile_never_shifts_the_next_page(db: Database) -> None:
    me = person(db, "ana")
    ids = [put(db, me, T0 + timedelta(days=i)) for i in range(6)]
    first = journal.entries_page(db, me, limit=3)
    put(db, me, T0 + timedelta(days=30))  # newer than all: belongs before page one
    second = journal.entries_page(db, me, limit=3, cursor=first.next)
    assert [e.id for e in second.items] == ids[2::-1]
    assert second.next is None


def test_filters_hold_on_every_page(db: Database) -> None:
    me = person(db, "ana")
    lonely = [put(db, me, T0 + timedelta(hours=i), feelings=["lonely"] if i % 2 else ["calm"])
              for i in range(9)]  # fmt: skip
    pages = walk(
        lambda **kw: journal.entries_page(db, me, EntryFilter(feeling="Lonely"), **kw), 2
    )
    assert [i for p in pages for i in p] == lonely[1::2][::-1]


def test_partner_pages_hold_only_what_was_shared_and_a_former_partner_sees_nothing(
    db: Database,
) -> None:
    a, b = person(db, "ana"), person(db, "ben")
    couples.join(db, b, couples.create_invite(db, a))
    with db.transaction() as session:
        couple = current_couple_id(session, a)
    shared = []
    for i in range(11):
        if i % 3:
            put(db, a, T0 + timedelta(hours=i), text="private canary")
        else:
            shared.append(put(db, a, T0 + timedelta(hours=i), text="for us", couple=couple))
    put(db, b, T0, text="b's own", couple=couple)  # the reader's own shared entry is not "partner's"

    pages = walk(lambda **kw: journal.partner_page(db, b, **kw), 2)
    seen = [i for p in pages for i in p]
    assert seen == shared[::-1]
    page = journal.partner_page(db, b, limit=2)
    assert all(e.text == "for us" and e.emotions is None and e.safety is None for e in page.items)

    couples.unlink(db, a)
    assert journal.partner_page(db, b).items == []
    # A cursor kept from before the unlink opens nothing either.
    assert journal.partner_page(db, b, cursor=page.next).items == []


def _cursor_of(parts: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        "",
        "A" * 300,
        _cursor_of({"a": 1}),
        _cursor_of(["2026-03-01T09:00:00+00:00"]),
        _cursor_of(["2026-03-01T09:00:00", 4]),  # no time zone
        _cursor_of(["yesterday", 4]),
        _cursor_of(["2026-03-01T09:00:00+00:00", "4"]),
        _cursor_of(["2026-03-01T09:00:00+00:00", 2**70]),
        _cursor_of(["2026-03-01T09:00:00+00:00", True]),
    ],
)
def test_a_bad_cursor_is_named_never_a_crash(db: Database, cursor: str) -> None:
    me = person(db, "ana")
    put(db, me, T0)
    for read in (journal.entries_page, journal.partner_page):
        with pytest.raises(InvalidInput) as error:
            read(db, me, cursor=cursor)
        assert [p.field for p in error.value.problems] == ["query.cursor"]


@pytest.mark.parametrize("limit", [0, -1, 201])
def test_a_limit_out_of_range_is_named(db: Database, limit: int) -> None:
    me = person(db, "ana")
    with pytest.raises(InvalidInput) as error:
        journal.entries_page(db, me, limit=limit)
    assert [p.field for p in error.value.problems] == ["query.limit"]


def test_a_well_formed_cursor_of_any_position_just_reads_from_there(db: Database) -> None:
    me = person(db, "ana")
    ids = [put(db, me, T0 + timedelta(days=i)) for i in range(4)]
    cursor = encode_cursor((T0 + timedelta(days=2), ids[2]))
    assert [e.id for e in journal.entries_page(db, me, cursor=cursor).items] == ids[1::-1]


def test_list_pages_leave_the_private_readings_unread(db: Database) -> None:
    me = person(db, "ana")
    journal.write(db, me, text="I feel so alone tonight")
    full = journal.entries_page(db, me).items[0]
    bare = journal.entries_page(db, me, readings=False).items[0]
    assert full.safety is not None and full.emotions is not None
    assert (bare.safety, bare.emotions, bare.family) == (None, None, None)
    assert bare.text == full.text


WORDS = ["lonely", "calm", "hurt", "o'clock", "well-being", "ümlaut", "two words", "%", "_"]
labels = st.lists(st.sampled_from(WORDS), max_size=4, unique=True)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(st.tuples(labels, labels), max_size=12), feeling=st.sampled_from(WORDS),
       tag=st.sampled_from([*WORDS, None]))  # fmt: skip
def test_sql_filters_match_the_plain_rule(
    db: Database, rows: list[tuple[list[str], list[str]]], feeling: str, tag: str | None
) -> None:
    with db.transaction() as session:
        session.execute(delete(Entry))
        user = User(is_local=True)  # no password to hash: examples stay fast
        session.add(user)
        session.flush()
        me = user.id
    written = {
        put(db, me, T0 + timedelta(minutes=i), feelings=f, tags=t): (f, t)
        for i, (f, t) in enumerate(rows)
    }
    rule = EntryFilter(feeling=feeling.upper(), tag=tag)
    expected = sorted((i for i, (f, t) in written.items() if rule.admits(f, t)), reverse=True)
    assert [e.id for e in journal.entries_page(db, me, rule, limit=200).items] == expected
    assert [e.id for e in journal.list_entries(db, me, EntryFilter(tag=tag))] == sorted(
        (i for i, (_, t) in written.items() if EntryFilter(tag=tag).admits([], t)), reverse=True
    )
