"""The shared field rules: the same answer whichever door the value came through."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from nearer.domain.fields import (
    MAX_ID,
    EntryText,
    InviteCode,
    IsoDate,
    Labels,
    TimeZone,
    has_surrogate,
    is_email,
    is_row_id,
)


class Sample(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    text: EntryText | None = None
    labels: Labels = []
    code: InviteCode | None = None
    day: IsoDate | None = None
    zone: TimeZone | None = None


def _problem(**fields: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(fields)
    (error,) = caught.value.errors()
    return f"{error['loc'][0]}: {error['msg']}"


def test_row_ids_are_1_to_2_63_minus_1() -> None:
    assert MAX_ID == 2_147_483_647  # PostgreSQL's integer ids
    assert [is_row_id(n) for n in (0, 1, MAX_ID, MAX_ID + 1, -1)] == [
        False,
        True,
        True,
        False,
        False,
    ]


@pytest.mark.parametrize(
    "fields,expected",
    [
        ({"text": "   "}, "text: is empty; write at least a word"),
        ({"text": "x" * 20_001}, "text: is 20,001 characters; the limit is 20,000"),
        (
            {"text": "ok\x07"},
            "text: contains control characters; it looks like binary junk, not text",
        ),
        (
            {"text": "a\ud800"},
            "text: contains broken characters (a lone surrogate), not readable text",
        ),
        (
            {"labels": ["fine", "x!"]},
            "labels: must be a plain word: letters, digits, spaces, ' or -",
        ),
        (
            {"labels": ["w"] * 21},
            "labels: List should have at most 20 items after validation, not 21",
        ),
        ({"code": "ABCD_EFGH"}, "code: should look like ABCD-EFGH"),
        ({"day": "0"}, "day: must be a date written YYYY-MM-DD"),
        ({"day": "2026-02-30"}, "day: is not a real date"),
        ({"zone": "Mars/Olympus"}, "zone: is not a known time zone, e.g. Europe/London"),
    ],
)
def test_each_rule_names_its_problem(fields: dict[str, Any], expected: str) -> None:
    assert _problem(**fields) == expected


def test_values_that_fit_pass_unchanged() -> None:
    sample = Sample.model_validate(
        {
            "text": "  Dinner was quiet\n",
            "labels": ["Hopeful", "let down", "müde"],
            "code": "abcd-2345",
            "day": "2026-12-02",
            "zone": "Europe/London",
        }
    )
    assert sample.text == "  Dinner was quiet\n"
    assert sample.labels == ["Hopeful", "let down", "müde"]
    assert sample.day == date(2026, 12, 2)


@pytest.mark.parametrize(
    "address,ok",
    [
        ("sam@demo.nearer", True),
        ("first.last+tag@example.co.uk", True),
        ("a..b@example.org", False),
        ("x(@y.zz", False),
        ("a@b", False),
        ("a@-b.org", False),
        ("þ@example.org", False),
        ("a" * 65 + "@example.org", False),
    ],
)
def test_email_rule(address: str, ok: bool) -> None:
    assert is_email(address) is ok


def test_surrogates_are_found_anywhere() -> None:
    assert has_surrogate("ok\udfff") and has_surrogate("\ud800") and not has_surrogate("ok 😀")
