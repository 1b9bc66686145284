"""The other growing lists page the same way: the audit log (newest first) and a questionnaire's
history (oldest first) — every row once, in order, and only the caller's own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nearer.services import accounts, instruments, professionals
from nearer.storage.db import Database
from nearer.storage.models import InstrumentResponse, SupportAudit

T0 = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", "long-enough-pw").id


def walk(read: object, limit: int) -> list[object]:
    items, cursor = [], None
    while True:
        page = read(limit=limit, cursor=cursor)  # type: ignore[operator]
        items += page.items
        if page.next is None:
            return items
        cursor = page.next


def test_audit_pages_walk_newest_first_with_ties(db: Database) -> None:
    ana, ben = person(db, "ana"), person(db, "ben")
    with db.transaction() as session:
        for i in range(9):  # three reads at each of three moments
            at = T0 + timedelta(minutes=i // 3)
            session.add(SupportAudit(person_id=ana, professional_name=f"Dr {i}", section="entries", at=at))
        session.add(SupportAudit(person_id=ben, professional_name="Dr other", section="scores", at=T0))
    seen = walk(lambda **kw: professionals.audit_page(db, ana, **kw), 2)
    assert [a.professional for a in seen] == [a.professional for a in professionals.audit_log(db, ana)]
    assert sorted(a.professional for a in seen) == [f"Dr {i}" for i in range(9)]


def test_questionnaire_history_pages_oldest_first(db: Database) -> None:
    ana, ben = person(db, "ana"), person(db, "ben")
    with db.transaction() as session:
        for who, count in ((ana, 7), (ben, 2)):
            for i in range(count):
                session.add(InstrumentResponse(
                    user_id=who, instrument_id="satisfaction", instrument_version="1",
                    about="self", answers={}, scores={"i": i}, created_at=T0 + timedelta(days=i),
                ))  # fmt: skip
    seen = walk(lambda **kw: instruments.responses_page(db, ana, "satisfaction", **kw), 3)
    assert [r.created_at for r in seen] == [T0 + timedelta(days=i) for i in range(7)]  # type: ignore[attr-defined]
    assert seen == instruments.list_responses(db, ana, "satisfaction")
