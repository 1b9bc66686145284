"""Help resources: every required country, fallback, aliases and file validation."""

from __future__ import annotations

import pytest

from nearer.domain.help_resources import (
    RIGHT_NOW,
    ResourceFileError,
    available_countries,
    load_resources,
    parse_resources,
)

REQUIRED = ["au", "ca", "gb", "ie", "in", "us"]


def test_every_required_country_has_its_own_file() -> None:
    assert set(REQUIRED) <= set(available_countries())
    assert "international" not in available_countries()


@pytest.mark.parametrize("code", REQUIRED)
def test_each_country_has_crisis_and_dv_lines_with_sources(code: str) -> None:
    res = load_resources(code)
    assert res.country == code and not res.is_fallback
    assert res.emergency_number
    assert res.crisis and res.domestic_violence
    for line in res.crisis + res.domestic_violence:
        assert line.name and line.how and line.hours and line.note and line.source


@pytest.mark.parametrize(
    ("code", "emergency", "number"),
    [
        ("us", "911", "988"),
        ("us", "911", "1-800-799-7233"),
        ("gb", "999", "116 123"),
        ("gb", "999", "0808 2000 247"),
        ("ca", "911", "988"),
        ("au", "000", "13 11 14"),
        ("au", "000", "1800 737 732"),
        ("ie", "112 or 999", "1800 341 900"),
        ("in", "112", "14416"),
        ("in", "112", "181"),
    ],
)
def test_known_numbers_are_listed(code: str, emergency: str, number: str) -> None:
    res = load_resources(code)
    assert res.emergency_number == emergency
    assert any(number in line.how for line in res.crisis + res.domestic_violence)


def test_code_is_case_insensitive_and_uk_means_gb() -> None:
    assert load_resources("US").country == "us"
    assert load_resources(" Gb ").country == "gb"
    assert load_resources("uk").country == "gb"
    assert load_resources("UK").country == "gb"


@pytest.mark.parametrize("country", [None, "", "zz", "fr", "../us", "usa", "international"])
def test_unknown_or_missing_country_falls_back_to_international(country: str | None) -> None:
    res = load_resources(country)
    assert res.country == "international" and res.is_fallback
    assert "emergency" in res.domestic_violence[-1].name.lower()


def test_to_dict_carries_right_now_text_and_plain_lists() -> None:
    d = load_resources("ie").to_dict()
    assert d["country"] == "ie" and d["right_now"] == RIGHT_NOW
    assert d["crisis"][0]["name"] == "Samaritans"
    assert set(d["crisis"][0]) == {"name", "how", "hours", "note", "source"}


def test_resources_are_frozen() -> None:
    res = load_resources("us")
    with pytest.raises(AttributeError):
        res.country = "gb"  # type: ignore[misc]


GOOD = """
country: xx
country_name: Testland
emergency_number: "123"
crisis:
  - {name: A, how: Call 1, hours: always, note: n, source: s}
domestic_violence:
  - {name: B, how: Call 2, hours: always, note: n, source: s}
"""


def test_parse_accepts_a_well_formed_file() -> None:
    res = parse_resources(GOOD, "xx.yaml", "xx")
    assert res.crisis[0].how == "Call 1" and res.domestic_violence[0].name == "B"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (GOOD.replace("  - {name: A, how: Call 1,", "  - {how: Call 1,"), "crisis[0]: field 'name'"),
        (GOOD.replace("domestic_violence:\n  - {name: B, how: Call 2, hours: always, note: n, "
                      "source: s}", "domestic_violence: []"), "'domestic_violence' must be"),
        (GOOD.replace("country: xx", "country: yy"), "does not match"),
        (GOOD.replace('emergency_number: "123"', "emergency_number: "), "'emergency_number'"),
        ("- just a list", "top level must be a mapping"),
        ("country: [unclosed", "not valid YAML"),
    ],
)
def test_parse_rejects_malformed_files_with_clear_errors(raw: str, message: str) -> None:
    with pytest.raises(ResourceFileError, match=r"xx\.yaml") as info:
        parse_resources(raw, "xx.yaml", "xx")
    assert message in str(info.value)


def test_every_country_has_help_for_people_worried_about_their_own_behaviour() -> None:
    from nearer.domain.help_resources import STEP_AWAY, available_countries, load_resources

    for code in [*available_countries(), "zz"]:
        lines = load_resources(code).own_behaviour
        assert lines and all(line.source and line.how for line in lines), code
    assert "20 minutes" in STEP_AWAY and "never your fault" not in STEP_AWAY
