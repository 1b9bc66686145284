"""Each suggestion rule fires on the history that should trigger it and stays silent otherwise.

Histories are built by hand; `today` is fixed at Wednesday 2 Dec 2026, so its calendar week
starts on Monday 30 Nov and the last four weeks start 9, 16, 23 and 30 Nov.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from nearer.domain.support_rules import (
    FIRED,
    SILENT,
    SKIPPED,
    Dated,
    History,
    RulesFileError,
    directories_for,
    evaluate,
    help_needed,
    parse_rules,
    rule_book,
)

TODAY = date(2026, 12, 2)


def at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 20, 0, tzinfo=UTC)


def outcome(history: History, rule_id: str) -> tuple[str, tuple[str, ...]]:
    found = {o.rule.id: o for o in evaluate(rule_book(), history)}
    return found[rule_id].status, found[rule_id].reasons


def test_every_rule_names_its_sources_and_help() -> None:
    book = rule_book()
    assert [r.id for r in book.rules] == [
        "safety",
        "low_satisfaction",
        "coach_contempt",
        "attachment_low_satisfaction",
        "low_closeness",
    ]
    assert all(r.sources and r.explanation for r in book.rules)
    assert book.first_session


def test_empty_history_is_silent_and_skips_what_it_cannot_read() -> None:
    statuses = {o.rule.id: o.status for o in evaluate(rule_book(), History(today=TODAY))}
    assert statuses == {
        "safety": SILENT,
        "low_satisfaction": SILENT,
        "coach_contempt": SKIPPED,
        "attachment_low_satisfaction": SILENT,
        "low_closeness": SKIPPED,
    }


# --- safety ------------------------------------------------------------------------------------


def test_safety_fires_on_a_positive_screen() -> None:
    status, reasons = outcome(History(TODAY, screen_positive=True, screen_taken=at(20)), "safety")
    assert status == FIRED
    assert reasons == ("Your private safety check on 20 Nov 2026 was positive.",)


def test_safety_fires_on_flagged_writing_within_90_days() -> None:
    # 90 days before 2 Dec is 3 Sep: the 4 Sep entry counts, the 2 Sep one does not.
    history = History(TODAY, flagged_writing=(at(2, 9), at(4, 9), at(1, 12)))
    status, reasons = outcome(history, "safety")
    assert status == FIRED
    assert reasons[0].startswith("2 of your own entries since 3 Sep 2026")
    assert "newest 1 Dec 2026" in reasons[0]


def test_safety_is_silent_on_a_negative_screen_and_old_writing() -> None:
    history = History(
        TODAY, screen_positive=False, screen_taken=at(20), flagged_writing=(at(2, 9),)
    )
    assert outcome(history, "safety")[0] == SILENT


def test_safety_replaces_couples_counselling_with_crisis_and_individual_help() -> None:
    history = History(
        TODAY,
        screen_positive=True,
        screen_taken=at(20),
        satisfaction=(Dated(at(10), 3), Dated(at(17), 4), Dated(at(24), 5)),
    )
    outcomes = evaluate(rule_book(), history)
    assert {o.rule.id for o in outcomes if o.status == FIRED} == {"safety", "low_satisfaction"}
    assert help_needed(outcomes) == ["crisis", "individual"]


# --- weekly satisfaction -----------------------------------------------------------------------


def test_low_satisfaction_fires_on_three_hard_weeks_of_four() -> None:
    weeks = (Dated(at(10), 5), Dated(at(17), 12), Dated(at(24), 7), Dated(at(1, 12), 6))
    status, reasons = outcome(History(TODAY, satisfaction=weeks), "low_satisfaction")
    assert status == FIRED
    assert reasons == (
        "Your weekly satisfaction check was below 8 (out of 24) in 3 of the last 4 weeks: "
        "5 on 10 Nov 2026, 7 on 24 Nov 2026, 6 on 1 Dec 2026.",
    )
    assert help_needed(evaluate(rule_book(), History(TODAY, satisfaction=weeks))) == ["couples"]


def test_low_satisfaction_is_silent_on_two_hard_weeks_or_an_8() -> None:
    # 8 is the first score of the "mixed week" band, so it is not below the cut-off.
    weeks = (Dated(at(10), 5), Dated(at(17), 8), Dated(at(24), 7), Dated(at(1, 12), 9))
    assert outcome(History(TODAY, satisfaction=weeks), "low_satisfaction")[0] == SILENT


def test_low_satisfaction_ignores_weeks_older_than_four() -> None:
    # 2 Nov is in the week of 2 Nov, the fifth week back: it does not count.
    weeks = (Dated(at(2), 1), Dated(at(3), 1), Dated(at(17), 2), Dated(at(24), 2))
    assert outcome(History(TODAY, satisfaction=weeks), "low_satisfaction")[0] == SILENT


def test_low_satisfaction_uses_the_newest_answer_of_each_week() -> None:
    # Monday 23 Nov was hard (4) but Friday 27 Nov was better (15): that week is not hard.
    weeks = (Dated(at(10), 5), Dated(at(17), 5), Dated(at(23), 4), Dated(at(27), 15))
    assert outcome(History(TODAY, satisfaction=weeks), "low_satisfaction")[0] == SILENT


# --- coach tally -------------------------------------------------------------------------------


def test_coach_rule_is_left_out_without_the_tally() -> None:
    marks = tuple(at(d) for d in (20, 21, 22, 23, 24))
    status, reasons = outcome(History(TODAY, coach_marks=marks), "coach_contempt")
    assert status == SKIPPED
    assert reasons == ("You have not turned on the private coach tally.",)


def test_coach_rule_fires_on_five_marks_in_30_days() -> None:
    # 30 days before 2 Dec is 2 Nov: the 1 Nov mark is too old, five remain.
    marks = tuple(at(d) for d in (1, 3, 10, 20, 28, 30))
    status, reasons = outcome(
        History(TODAY, coach_tally_on=True, coach_marks=marks), "coach_contempt"
    )
    assert status == FIRED
    assert "in 5 of your drafts in the last 30 days" in reasons[0]


def test_coach_rule_is_silent_on_four_marks() -> None:
    marks = tuple(at(d) for d in (1, 10, 20, 28, 30))
    history = History(TODAY, coach_tally_on=True, coach_marks=marks)
    assert outcome(history, "coach_contempt")[0] == SILENT


# --- attachment with low satisfaction ----------------------------------------------------------


def test_attachment_rule_fires_on_high_anxiety_and_a_hard_week() -> None:
    history = History(
        TODAY, attachment=(5.5, 3.0, at(15)), satisfaction=(Dated(at(20), 14), Dated(at(27), 6))
    )
    status, reasons = outcome(history, "attachment_low_satisfaction")
    assert status == FIRED
    assert reasons == (
        "Your attachment answers on 15 Nov 2026 were in the higher band (from 5 of 7): anxiety 5.5.",
        "Your newest weekly satisfaction check, on 27 Nov 2026, was 6 (below 8 of 24).",
    )
    assert help_needed(evaluate(rule_book(), history)) == ["individual"]


@pytest.mark.parametrize(
    ("attachment", "newest"),
    [
        ((4.9, 4.9, at(15)), 6.0),  # neither dimension in the higher band
        ((5.0, 2.0, at(15)), 8.0),  # high anxiety, but the newest week was not hard
        (None, 3.0),  # no attachment answers
    ],
)
def test_attachment_rule_stays_silent(
    attachment: tuple[float, float, datetime] | None, newest: float
) -> None:
    history = History(TODAY, attachment=attachment, satisfaction=(Dated(at(27), newest),))
    assert outcome(history, "attachment_low_satisfaction")[0] == SILENT


def test_attachment_rule_fires_on_high_avoidance_too() -> None:
    history = History(TODAY, attachment=(2.0, 5.0, at(15)), satisfaction=(Dated(at(27), 7),))
    status, reasons = outcome(history, "attachment_low_satisfaction")
    assert status == FIRED and "avoidance 5" in reasons[0]


# --- closeness check-ins -------------------------------------------------------------------------


def test_closeness_rule_is_skipped_until_check_ins_exist() -> None:
    days = tuple(Dated(at(d), 1) for d in range(20, 30))
    status, _ = outcome(History(TODAY, closeness=days), "low_closeness")
    assert status == SKIPPED


def test_closeness_rule_fires_on_seven_low_days_in_a_row() -> None:
    values = [3, 2, 1, 2, 2, 1, 2, 2, 4]  # 21..29 Nov: the run is 22..28 Nov, seven days
    days = tuple(Dated(at(21 + i), v) for i, v in enumerate(values))
    status, reasons = outcome(
        History(TODAY, closeness=days, closeness_available=True), "low_closeness"
    )
    assert status == FIRED
    assert reasons == (
        "7 check-ins in a row, from 22 Nov 2026 to 28 Nov 2026, had closeness at 2 or below (of 5).",
    )


def test_closeness_rule_is_silent_when_a_better_day_breaks_the_run() -> None:
    values = [2, 2, 2, 3, 2, 2, 2, 2]
    days = tuple(Dated(at(21 + i), v) for i, v in enumerate(values))
    history = History(TODAY, closeness=days, closeness_available=True)
    assert outcome(history, "low_closeness")[0] == SILENT


# --- the file and the directories ----------------------------------------------------------------


def test_a_rule_without_sources_is_refused() -> None:
    raw = """
rules:
  - {id: safety, title: T, help: crisis, explanation: E, sources: []}
help:
  crisis: {title: a, what: b}
  individual: {title: a, what: b}
  couples: {title: a, what: b}
first_session: [q]
"""
    with pytest.raises(RulesFileError, match=r"rules\.0\.sources"):
        parse_rules(raw)


def test_a_rule_without_an_evaluator_is_refused() -> None:
    raw = "rules:\n  - {id: horoscope, title: T, help: couples, explanation: E, sources: [s]}\n"
    with pytest.raises(RulesFileError, match="horoscope"):
        parse_rules(raw)


def test_directories_are_by_country_with_the_international_ones_after() -> None:
    code, found = directories_for("GB")
    assert code == "gb"
    assert [d.name for d in found][:1] == ["Relate"]
    assert found[-1].name == "Your doctor"
    code, found = directories_for("zz")
    assert code == "international"
    assert [d.name for d in found] == ["Find a Helpline", "Your doctor"]
    assert all(d.source for d in found)
