"""Help lines become tappable: call and text links read from their wording, never guessed."""

from __future__ import annotations

from nearer.domain.help_links import contacts, country_choices, emergency_contacts


def _links(how: str) -> list[tuple[str, str]]:
    return [(c.label, c.href) for c in contacts(how)]


def test_a_call_clause_with_spaced_digits() -> None:
    assert _links("Call 13 11 14; chat through the Lifeline website") == [
        ("Call 13 11 14", "tel:131114")
    ]


def test_call_or_text_gives_both() -> None:
    assert _links("Call or text 988") == [("Call 988", "tel:988"), ("Text 988", "sms:988")]


def test_text_a_word_to_a_number_puts_the_word_in_the_message() -> None:
    assert _links("Text SHOUT to 85258") == [("Text SHOUT to 85258", "sms:85258?body=SHOUT")]


def test_two_numbers_and_a_later_text_clause() -> None:
    assert _links("Call 14416 or 1-800-891-4416") == [
        ("Call 14416", "tel:14416"),
        ("Call 1-800-891-4416", "tel:18008914416"),
    ]
    assert _links("Call 1-800-799-7233 (1-800-799-SAFE), or text START to 88788") == [
        ("Call 1-800-799-7233", "tel:18007997233"),
        ("Text START to 88788", "sms:88788?body=START"),
    ]


def test_instructions_that_are_not_numbers_stay_words() -> None:
    assert _links("Call 999; if you cannot speak, press 55 when asked") == [("Call 999", "tel:999")]
    assert _links('Search "findahelpline.com" for free crisis lines') == []
    assert _links("Call your local emergency number if you are in danger now") == []


def test_emergency_numbers() -> None:
    assert [c.href for c in emergency_contacts("112 or 999")] == ["tel:112", "tel:999"]
    assert [c.href for c in emergency_contacts("000")] == ["tel:000"]
    fallback = "Your local emergency number (112 works from mobiles; 911 in North America)"
    assert [c.label for c in emergency_contacts(fallback)] == ["Call 112", "Call 911"]
    assert emergency_contacts("Your local emergency number") == ()


def test_countries_by_name_not_code() -> None:
    choices = dict(country_choices())
    assert choices["gb"] == "United Kingdom" and choices["us"] == "United States"
    names = [name for _, name in country_choices()]
    assert names == sorted(names) and "international" not in choices
