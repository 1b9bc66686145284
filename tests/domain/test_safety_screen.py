"""Private safety screen: questions, scoring, prefer-not handling and validation."""

from __future__ import annotations

import pytest

from nearer.domain.safety_screen import (
    QUESTION_IDS,
    SCREEN_QUESTIONS,
    WHY_NOT_COUPLES_WORK,
    ScreenAnswerError,
    score_screen,
)


def all_no() -> dict[str, str]:
    return {q: "no" for q in QUESTION_IDS}


def test_screen_covers_fear_hurt_threat_control_sexual_and_home() -> None:
    assert QUESTION_IDS == ("afraid", "hurt", "threatened", "controlled", "forced", "unsafe_home")
    assert 5 <= len(SCREEN_QUESTIONS) <= 6
    assert all(q.text.endswith("?") for q in SCREEN_QUESTIONS)


def test_all_no_is_negative() -> None:
    result = score_screen(all_no())
    assert not result.positive and result.reasons == () and result.question_ids == ()


@pytest.mark.parametrize("qid", QUESTION_IDS)
def test_any_single_yes_is_positive(qid: str) -> None:
    answers = all_no() | {qid: "yes"}
    result = score_screen(answers)
    assert result.positive and result.question_ids == (qid,)
    assert len(result.reasons) == 1


def test_prefer_not_to_say_counts_as_positive() -> None:
    result = score_screen(all_no() | {"forced": "prefer_not"})
    assert result.positive and result.question_ids == ("forced",)
    assert "preferred not to answer" in result.reasons[0]


def test_reasons_follow_question_order() -> None:
    result = score_screen(all_no() | {"unsafe_home": "yes", "afraid": "Prefer not to say"})
    assert result.question_ids == ("afraid", "unsafe_home")
    assert result.reasons[1] == "you said you feel unsafe at home"


def test_answers_accept_case_and_spacing() -> None:
    assert score_screen({q: " NO " for q in QUESTION_IDS}).positive is False
    assert score_screen(all_no() | {"hurt": "Y"}).positive is True


def test_missing_answers_name_the_questions() -> None:
    answers = all_no()
    del answers["hurt"], answers["forced"]
    with pytest.raises(ScreenAnswerError) as info:
        score_screen(answers)
    assert info.value.question_ids == ("hurt", "forced")
    assert "hurt" in str(info.value) and isinstance(info.value, ValueError)


def test_unknown_question_ids_are_rejected() -> None:
    with pytest.raises(ScreenAnswerError, match="bogus"):
        score_screen(all_no() | {"bogus": "no"})


@pytest.mark.parametrize("bad", ["maybe", "", "1"])
def test_unknown_answer_values_are_rejected(bad: str) -> None:
    with pytest.raises(ScreenAnswerError, match="controlled"):
        score_screen(all_no() | {"controlled": bad})


def test_explanation_says_why_couples_work_is_paused() -> None:
    text = WHY_NOT_COUPLES_WORK.lower()
    assert "not" in text and "partner" in text and "joint" in text
