"""Export → import into an empty database → export gives the same document (property test)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nearer.domain.journal import make_draft
from nearer.services import accounts, journal
from nearer.services.portability import export_data, import_data
from nearer.storage.db import Database

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300
).filter(lambda s: s.strip())
entries = st.lists(
    st.tuples(
        texts,
        st.lists(words, max_size=4),
        st.one_of(st.none(), st.integers(0, 10)),
        st.lists(words, max_size=3),
        st.just("private"),  # a person alone has no one to share with
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)),
    ),
    max_size=6,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries)
def test_export_import_export_is_identical(
    sqlite_template: Path, tmp_path_factory: object, items: list
) -> None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "a.sqlite3", Path(tmp) / "b.sqlite3"
        shutil.copy(sqlite_template, first)
        shutil.copy(sqlite_template, second)
        source, target = Database(f"sqlite:///{first}"), Database(f"sqlite:///{second}")
        me = accounts.local_profile(source)
        for text, feelings, intensity, tags, visibility, at in items:
            draft = make_draft(text, feelings, intensity, tags, visibility)
            journal.add_entry(source, me, draft, at=at.replace(tzinfo=UTC, microsecond=0))
        exported = export_data(source, me)
        them = accounts.local_profile(target)
        assert import_data(target, them, exported).added == len(items)
        assert export_data(target, them) == exported
        source.dispose()
        target.dispose()


def test_round_trip_on_both_databases(db: Database) -> None:
    me = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    journal.write(db, me, text="Ça va — 😊", feelings=["calm"], intensity=3, tags=["home"])
    exported = export_data(db, me)
    other = accounts.sign_up(db, "ben@example.org", "long-enough-pw").id
    exported_copy = {
        **exported,
        "entries": [{**e, "uid": e["uid"][:-4] + "beef"} for e in exported["entries"]],
    }
    assert import_data(db, other, exported_copy).added == 1
    assert export_data(db, other)["entries"] == exported_copy["entries"]


def test_import_runs_the_safety_check(db: Database) -> None:
    me = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    journal.write(db, me, text="he said he would hurt me if I ever left him")
    exported = export_data(db, me)
    other = accounts.sign_up(db, "ben@example.org", "long-enough-pw").id
    exported["entries"][0]["uid"] = "copy-1"
    report = import_data(db, other, exported)
    assert report.added == 1 and report.safety.flagged and report.safety.kinds == ("violence",)
    assert journal.list_entries(db, other)[0].safety["kinds"] == ["violence"]


def test_import_reads_check_in_notes_and_bids_for_safety_too(db: Database) -> None:
    from nearer.services import bids, checkins

    me = accounts.sign_up(db, "cara@example.org", "long-enough-pw").id
    checkins.check_in(db, me, 2, "sad", "needed", "honestly i want to end it all tonight")
    bids.add_bid(db, me, "asked him to sit with me and he turned the telly up", "made", "away")
    exported = export_data(db, me)
    assert exported["entries"] == []  # nothing but the rhythm's own words to read
    other = accounts.sign_up(db, "dev@example.org", "long-enough-pw").id
    report = import_data(db, other, exported)
    assert report.safety.flagged and "self_harm" in report.safety.kinds
