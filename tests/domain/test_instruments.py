"""Instrument engine: validation errors, hand-computed scores, answer errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nearer.domain.instruments import (
    AnswerError,
    InstrumentError,
    builtin_instruments,
    instrument_from_dict,
    load_instrument,
    load_instrument_file,
    score,
)

MINIMAL = """
id: tiny
title: Tiny
version: 2
source: Test
licence: MIT
about: [self]
what_it_is: a test
what_it_is_not: a diagnosis
scale: {min: 1, max: 5, labels: {1: low, 5: high}}
scoring: mean
subscales:
  - id: warmth
    title: Warmth
    bands_source: test
    bands:
      - {min: 1, max: 3, label: low, wording: low}
      - {min: 3, max: 5, label: high, wording: high}
items:
  - {id: q1, text: One, subscale: warmth}
  - {id: q2, text: Two, subscale: warmth, reverse: true}
"""


def _variant(**changes: object) -> str:
    data = yaml.safe_load(MINIMAL)
    data.update(changes)
    return yaml.safe_dump(data)


def test_minimal_file_loads_and_public_definition_has_the_api_shape() -> None:
    inst = load_instrument(MINIMAL)
    assert inst.definition() == {
        "id": "tiny",
        "title": "Tiny",
        "version": "2",
        "source": "Test",
        "scale": {"min": 1, "max": 5, "labels": {"1": "low", "5": "high"}},
        "items": [
            {"id": "q1", "text": "One", "subscale": "warmth", "reverse": False},
            {"id": "q2", "text": "Two", "subscale": "warmth", "reverse": True},
        ],
        "about": ["self"],
    }


def test_misspelt_subscale_error_names_file_and_field() -> None:
    data = yaml.safe_load(MINIMAL)
    data["items"][1]["subscale"] = "wamrth"
    with pytest.raises(InstrumentError) as err:
        load_instrument(yaml.safe_dump(data), name="attachment.yaml")
    assert "attachment.yaml: items[1].subscale: 'wamrth' is not a declared subscale" in str(
        err.value
    )


def test_error_from_a_path_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(_variant(scale={"min": 5, "max": 1, "labels": {1: "a", 5: "b"}}))
    with pytest.raises(InstrumentError) as err:
        load_instrument_file(path)
    assert str(err.value).startswith("mine.yaml: scale: min (5) must be below max (1)")
    assert err.value.file == "mine.yaml"


def test_a_path_object_is_read_but_a_string_never_is(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(MINIMAL)
    assert load_instrument_file(path).file == "ok.yaml"
    with pytest.raises(InstrumentError) as err:
        load_instrument(str(path))  # parsed as YAML text: a plain string, not a questionnaire
    assert err.value.problems == (("(top level)", "must be a mapping, not str"),)
    assert "tiny" not in str(err.value)


def test_an_instrument_rebuilt_from_its_dict_is_equal() -> None:
    for inst in [*builtin_instruments().values(), load_instrument(MINIMAL, name="m.yaml")]:
        assert instrument_from_dict(inst.to_dict(), inst.file) == inst


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"id": "Bad Id"}, "<text>: id: 'Bad Id' must be"),
        ({"about": ["self", "boss"]}, "<text>: about[1]: 'boss' must be one of"),
        ({"scoring": "median"}, "<text>: scoring: 'median' must be one of"),
        ({"title": ""}, "<text>: title: must be non-empty text"),
        ({"colour": "red"}, "<text>: colour: is not a known field"),
        ({"items": []}, "<text>: items: must be a non-empty list"),
        (
            {"scale": {"min": 1, "max": 5, "labels": {1: "low", 9: "x"}}},
            "<text>: scale.labels.9: must be a whole number from 1 to 5",
        ),
        (
            {"scale": {"min": 1, "max": 5, "labels": {1: "low"}}},
            "<text>: scale.labels: needs a label for the end point 5",
        ),
    ],
)
def test_each_invalid_field_is_named(changes: dict[str, object], expected: str) -> None:
    with pytest.raises(InstrumentError) as err:
        load_instrument(_variant(**changes))
    assert expected in str(err.value)


def test_gap_between_bands_and_short_coverage_are_reported() -> None:
    data = yaml.safe_load(MINIMAL)
    data["subscales"][0]["bands"] = [
        {"min": 1, "max": 2, "label": "a", "wording": "a"},
        {"min": 2.5, "max": 4, "label": "b", "wording": "b"},
    ]
    message = str(pytest.raises(InstrumentError, load_instrument, yaml.safe_dump(data)).value)
    assert "subscales[0].bands[1].min: 2.5 must equal the previous band's max 2" in message
    assert "subscales[0].bands[1].max: 4 must be the highest score 5" in message


def test_all_problems_are_reported_together() -> None:
    data = yaml.safe_load(MINIMAL)
    data["items"][0]["reverse"] = "yes"
    data["items"][1]["id"] = "q1"
    err = pytest.raises(InstrumentError, load_instrument, yaml.safe_dump(data)).value
    fields = [where for where, _ in err.problems]
    assert fields == ["items[0].reverse", "items[1].id"]


def test_item_needs_wording_for_every_about_value() -> None:
    data = yaml.safe_load(MINIMAL)
    data["about"] = ["self", "partner"]
    data["items"][0] = {"id": "q1", "text_self": "I do", "subscale": "warmth"}
    message = str(pytest.raises(InstrumentError, load_instrument, yaml.safe_dump(data)).value)
    assert "items[0].text: needs `text` or `text_partner`" in message


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(InstrumentError, match=r"<text>: line 2: is not valid YAML"):
        load_instrument("id: x\n  bad: [unclosed\n")


def test_subscale_without_items_is_an_error() -> None:
    data = yaml.safe_load(MINIMAL)
    data["subscales"].append(dict(data["subscales"][0], id="empty"))
    with pytest.raises(InstrumentError, match=r"subscales\[1\]: 'empty' has no items"):
        load_instrument(yaml.safe_dump(data))


def test_builtins_are_the_three_shipped_instruments() -> None:
    found = builtin_instruments()
    assert list(found) == ["signs", "attachment", "satisfaction"]
    assert len(found["attachment"].items) == 12
    assert len(found["satisfaction"].items) == 4
    assert 10 <= len(found["signs"].items) <= 12
    assert found["signs"].about == ("self", "partner")


def test_signs_wording_differs_for_self_and_partner() -> None:
    signs = builtin_instruments()["signs"]
    self_text = signs.definition("self")["items"][0]["text"]
    partner_text = signs.definition("partner")["items"][0]["text"]
    assert self_text.startswith("I ") and partner_text.startswith("My partner ")
    with pytest.raises(ValueError):
        builtin_instruments()["attachment"].definition("partner")


def test_attachment_scores_match_hand_computation() -> None:
    inst = builtin_instruments()["attachment"]
    answers = {
        "at01": 6, "at02": 2, "at03": 5, "at04": 6, "at05": 7, "at06": 1,
        "at07": 2, "at08": 4, "at09": 6, "at10": 7, "at11": 3, "at12": 2,
    }  # fmt: skip
    result = score(inst, answers)
    # anxiety: at01 6, at03 5, at05 7, at07 R 8-2=6, at09 6, at11 R 8-3=5 -> 35/6
    anxiety = result.subscale("anxiety")
    assert anxiety.value == pytest.approx(35 / 6)
    assert anxiety.band.label == "higher"
    # Above the midpoint 4: the answers that pushed it up most are 7 (at05), then 6s in order.
    assert [d.item_id for d in anxiety.drivers] == ["at05", "at01", "at07"]
    assert anxiety.drivers[2].keyed == 6 and anxiety.drivers[2].answer == 2
    # avoidance: at02 2, at04 R 2, at06 1, at08 4, at10 R 1, at12 2 -> 12/6 = 2
    avoidance = result.subscale("avoidance")
    assert avoidance.value == pytest.approx(2.0)
    assert avoidance.band.label == "lower"
    assert [d.item_id for d in avoidance.drivers] == ["at06", "at10", "at02"]


def test_signs_scores_match_hand_computation_for_partner() -> None:
    inst = builtin_instruments()["signs"]
    answers = {f"sg{i:02d}": v for i, v in enumerate([5, 3, 4, 2, 4, 1, 3, 2, 1, 3, 5, 5], 1)}
    result = score(inst, answers, about="partner")
    assert result.about == "partner"
    # feelings: sg01 5, sg03 4, sg05 4, sg07 3, sg09 R 6-1=5, sg11 5 -> 26/6
    assert result.subscale("feelings").value == pytest.approx(26 / 6)
    assert result.subscale("feelings").band.label == "most of the time"
    # presence: sg02 3, sg04 2, sg06 1, sg08 2, sg10 3, sg12 R 6-5=1 -> 12/6 = 2.0
    presence = result.subscale("presence")
    assert presence.value == pytest.approx(2.0)
    assert presence.band.label == "now and then"  # 2.0 starts the second band
    assert [d.item_id for d in presence.drivers] == ["sg06", "sg12", "sg04"]
    assert presence.drivers[0].text.startswith("My partner")


def test_satisfaction_sum_with_reverse_item() -> None:
    inst = builtin_instruments()["satisfaction"]
    result = score(inst, {"sat1": 5, "sat2": 4, "sat3": 1, "sat4": 6})
    # 5 + 4 + (0+6-1) + 6 = 20
    sub = result.subscale("satisfaction")
    assert sub.value == 20
    assert (sub.minimum, sub.maximum) == (0, 24)
    assert sub.band.label == "a good week"
    assert result.to_dict()["subscales"]["satisfaction"]["value"] == 20


def test_band_edges_top_score_falls_in_last_band() -> None:
    inst = builtin_instruments()["satisfaction"]
    assert (
        score(inst, {"sat1": 6, "sat2": 6, "sat3": 0, "sat4": 6})
        .subscale("satisfaction")
        .band.label
        == "a good week"
    )
    low = score(inst, {"sat1": 2, "sat2": 2, "sat3": 6, "sat4": 4})  # 2+2+0+4 = 8
    assert low.subscale("satisfaction").band.label == "a mixed week"


def test_midpoint_score_shows_the_furthest_answers_either_side() -> None:
    inst = load_instrument(MINIMAL)
    # q1 4, q2 reverse 6-4=2 -> mean 3, exactly the midpoint of 1..5
    result = score(inst, {"q1": 4, "q2": 4})
    sub = result.subscale("warmth")
    assert sub.value == 3.0
    assert [d.item_id for d in sub.drivers] == ["q1", "q2"]


def test_answer_error_lists_missing_unknown_and_out_of_scale() -> None:
    inst = builtin_instruments()["satisfaction"]
    with pytest.raises(AnswerError) as err:
        score(inst, {"sat1": 7, "sat2": True, "sat3": 2, "zzz": 1, "aaa": 3})
    e = err.value
    assert e.missing == ("sat4",)
    assert e.unknown == ("aaa", "zzz")
    assert e.out_of_scale == ("sat1", "sat2")
    assert "missing items: sat4" in str(e) and "out-of-scale items: sat1, sat2" in str(e)
    assert isinstance(e, ValueError)
    assert e.to_dict()["unknown"] == ["aaa", "zzz"]


def test_about_not_allowed_is_an_answer_error() -> None:
    inst = builtin_instruments()["attachment"]
    answers = {f"at{i:02d}": 4 for i in range(1, 13)}
    with pytest.raises(AnswerError, match="about 'partner' is not allowed"):
        score(inst, answers, about="partner")


def test_score_dict_carries_framing_and_drivers() -> None:
    inst = builtin_instruments()["attachment"]
    data = score(inst, {f"at{i:02d}": 4 for i in range(1, 13)}).to_dict()
    assert "diagnosis" in data["what_it_is_not"]
    assert "Brennan" in data["source"]
    assert data["subscales"]["anxiety"]["value"] == 4.0
    assert data["subscales"]["anxiety"]["drivers"] == []  # every answer on the midpoint
    assert data["subscales"]["anxiety"]["bands_source"]
