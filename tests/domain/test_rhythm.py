"""Pure rules of the daily rhythm: local days, the reveal, gaps, weekly counts, celebrations."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from nearer.domain.charts import lines_chart
from nearer.domain.errors import InvalidInput
from nearer.domain.rhythm import (
    WeekOfBids,
    bids_by_week,
    bids_movement,
    break_minutes,
    break_state,
    celebrate,
    check_in_draft,
    clock,
    local_day,
    reveal_allowed,
    toward_share,
    trend,
    week_start,
    zone,
)


def test_local_day_for_someone_eight_hours_from_utc() -> None:
    # 03:00 UTC on 10 March is still 9 March, 19:00 in Los Angeles (UTC-8 before the DST change)
    moment = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)
    assert local_day(moment, zone("America/Los_Angeles")) == date(2026, 3, 2)
    # 20:00 UTC is already the next day in Singapore (UTC+8)
    assert local_day(datetime(2026, 3, 2, 20, 0, tzinfo=UTC), zone("Asia/Singapore")) == date(2026, 3, 3)
    assert local_day(moment, zone(None)) == date(2026, 3, 3)


def test_zone_and_clock_name_their_field() -> None:
    with pytest.raises(InvalidInput) as error:
        zone("Mars/Olympus")
    assert error.value.problems[0].field == "time_zone"
    with pytest.raises(InvalidInput):
        zone("../etc/passwd")
    assert clock("07:05") is not None and clock("") is None
    for bad in ("7:05", "24:00", "12:60", "noon"):
        with pytest.raises(InvalidInput) as error:
            clock(bad)
        assert error.value.problems[0].field == "checkin_time"


def test_week_starts_on_monday() -> None:
    assert week_start(date(2026, 12, 2)) == date(2026, 11, 30)  # a Wednesday
    assert week_start(date(2026, 11, 30)) == date(2026, 11, 30)
    assert week_start(date(2026, 12, 6)) == date(2026, 11, 30)  # Sunday


def test_check_in_draft_checks_every_field_at_once() -> None:
    draft = check_in_draft(4, " Grateful ", "appreciated", " the tea you made ")
    assert (draft.closeness, draft.mood, draft.note_kind, draft.note) == (
        4, "grateful", "appreciated", "the tea you made")  # fmt: skip
    with pytest.raises(InvalidInput) as error:
        check_in_draft(6, "banana", "maybe", "x" * 281)
    fields = {p.field for p in error.value.problems}
    assert fields == {"closeness", "mood", "note", "note_kind"}
    with pytest.raises(InvalidInput):
        check_in_draft(True, "calm")  # a boolean is not a number here
    with pytest.raises(InvalidInput) as error:
        check_in_draft(3, "calm", None, "a note with no kind")
    assert error.value.problems[0].field == "note_kind"
    assert check_in_draft(3, "calm", "needed", "  ").note is None


def test_reveal_needs_sharing_the_same_couple_and_the_readers_own_check_in() -> None:
    assert reveal_allowed(reader_checked_in=True, owner_shares=True, same_couple=True)
    assert not reveal_allowed(reader_checked_in=False, owner_shares=True, same_couple=True)
    assert not reveal_allowed(reader_checked_in=True, owner_shares=False, same_couple=True)
    assert not reveal_allowed(reader_checked_in=True, owner_shares=True, same_couple=False)


def test_trend_leaves_missed_days_as_gaps_never_zero() -> None:
    days = [date(2026, 12, d) for d in (1, 2, 3)]
    assert trend(days, {date(2026, 12, 1): 4, date(2026, 12, 3): 2}) == [
        (days[0], 4), (days[1], None), (days[2], 2)]  # fmt: skip
    svg = lines_chart("t", ["1", "2", "3"], {"You": [4, None, 2]}, y_label="c", x_label="d",
                      y_min=1, y_max=5)  # fmt: skip
    assert "polyline" not in svg  # two lone points, no line drawn through the missed day
    assert svg.count("<circle") == 2
    assert "#C8412B" not in svg  # never red


def test_bids_by_week_and_share_turned_toward() -> None:
    assert toward_share([]) is None
    assert toward_share(["toward", "away", "toward", "against"]) == 0.5
    weeks = [date(2026, 11, 23), date(2026, 11, 30)]
    found = bids_by_week(
        [(date(2026, 11, 24), "toward"), (date(2026, 11, 29), "away"),
         (date(2026, 12, 1), "toward"), (date(2026, 12, 2), "toward"),
         (date(2026, 12, 3), "against"), (date(2026, 11, 1), "toward")],
        weeks,
    )  # fmt: skip
    assert [(w.total, w.toward) for w in found] == [(2, 1), (3, 2)]
    assert bids_movement(found[1], found[0]) == (
        "67% of our bids this week were turned toward, up from 50%.")  # fmt: skip
    none = WeekOfBids(weeks[1], 0, 0)
    assert "No bids noted" in bids_movement(none, found[0])


def test_celebration_never_scolds() -> None:
    assert celebrate(3, 1) == "You did this 3 times this week, up from once."
    assert celebrate(1, None) == "You did this once this week."
    assert celebrate(2, 4) == "You did this 2 times this week."
    assert "fine" in celebrate(0, 5)
    assert "streak" not in celebrate(0, 5).lower()


def test_break_length_and_state() -> None:
    assert break_minutes(20) == 20
    for bad in (19, 0, 1441, True, "30"):
        with pytest.raises(InvalidInput) as error:
            break_minutes(bad)
        assert error.value.problems[0].field == "minutes"
    start = datetime(2026, 12, 2, 20, 0, tzinfo=UTC)
    back = datetime(2026, 12, 2, 20, 30, tzinfo=UTC)
    assert break_state(start, back, None) == "running"
    assert break_state(back, back, None) == "returning"
    assert break_state(datetime(2026, 12, 3, 20, 30, tzinfo=UTC), back, None) == "ended"
    assert break_state(start, back, start) == "ended"
