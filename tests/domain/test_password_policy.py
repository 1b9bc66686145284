"""The one password policy: each rule refuses what it should, names the field, says what to do."""

from __future__ import annotations

import pytest

from nearer.domain.password_policy import MIN_LENGTH, password_problems
from nearer.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


@pytest.mark.parametrize(
    "password,email,because",
    [
        ("short-pw1", "ana@example.org", "at least 10 characters"),  # 9 characters
        (" " * 8, "ana@example.org", "only spaces"),
        (" " * 12, "ana@example.org", "only spaces"),
        ("ana.smith@example.org", "ana.smith@example.org", "your email"),
        ("ANA.SMITH@EXAMPLE.ORG", "ana.smith@example.org", "your email"),
        ("anasmith1984", "anasmith1984@example.org", "part before the @"),
        ("password123", "ana@example.org", "most common passwords"),
        ("qwertyuiop", "ana@example.org", "most common passwords"),
        ("1234567890", "ana@example.org", "most common passwords"),
        ("aaaaaaaaaaaa", "ana@example.org", "too easy to guess"),
        ("Summer2020!", "ana@example.org", "too easy to guess"),
        ("Jennifer1985", "ana@example.org", "too easy to guess"),
    ],
)
def test_weak_passwords_are_refused_with_advice(password: str, email: str, because: str) -> None:
    problems = password_problems(password, email)
    assert len(problems) == 1 and problems[0].field == "password"
    assert because in problems[0].message
    assert "unrelated words" in problems[0].message


@pytest.mark.parametrize(
    "password", ["long-enough-pw", "Quiet-harbour-lantern-42", "correct horse battery staple"]
)
def test_strong_passwords_pass(password: str) -> None:
    assert password_problems(password, "ana@example.org") == []


def test_exactly_ten_characters_is_long_enough() -> None:
    assert MIN_LENGTH == 10
    assert password_problems("tK8#vq2!Lm", "ana@example.org") == []
    assert "at least 10" in password_problems("tK8#vq2!L", "ana@example.org")[0].message


def test_the_field_is_named_as_asked_and_non_text_is_refused() -> None:
    assert password_problems("short", None, "new_password")[0].field == "new_password"
    assert password_problems(12345678901, None)[0].message == "must be text"
    assert "at most 1024" in password_problems("x" * 1025, None)[0].message


def test_very_long_strong_passwords_are_scored_without_error() -> None:
    assert password_problems("tide-lantern-" * 70, "ana@example.org") == []  # 910 characters


def test_the_demo_password_passes_for_both_demo_accounts() -> None:
    for email in DEMO_ACCOUNTS:
        assert password_problems(DEMO_PASSWORD, email) == []
