"""Questionnaire use cases: scoring stored with history, own results only, added files, reflection."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from support import local_person

from nearer.domain.errors import Conflict, InvalidInput, NotFound
from nearer.services import instruments, reflection
from nearer.storage.db import Database

SAT = {"sat1": 5, "sat2": 4, "sat3": 2, "sat4": 6}  # sat3 is reverse-keyed: 6 - 2 = 4


person = local_person


def test_satisfaction_is_summed_with_the_reverse_item_and_kept_in_history(db: Database) -> None:
    me = person(db)
    earlier = datetime(2024, 3, 1, 9, tzinfo=UTC)
    instruments.record_response(db, me, "satisfaction", {k: 1 for k in SAT}, at=earlier)
    view = instruments.record_response(db, me, "satisfaction", SAT, at=earlier + timedelta(days=7))
    assert view.scores() == {"satisfaction": 19.0}  # 5 + 4 + (6 - 2) + 6
    assert view.subscales()["satisfaction"]["band"]["label"] == "a good week"
    history = instruments.list_responses(db, me, "satisfaction")
    assert [h.scores()["satisfaction"] for h in history] == [8.0, 19.0]  # 1+1+5+1, oldest first
    assert instruments.trend_points(history, "satisfaction") == [("01 Mar", 8.0), ("08 Mar", 19.0)]


def test_attachment_result_gives_the_plane_point(db: Database) -> None:
    me = person(db)
    answers = {f"at{i:02d}": 2 for i in range(1, 13)}
    answers["at04"] = 6  # reverse-keyed anxiety item: counts as 8 - 6 = 2
    view = instruments.record_response(db, me, "attachment", answers)
    point = view.attachment()
    assert point is not None
    # Non-reverse items answer 2; reverse items (at07, at10, at11 answered 2) count as 6.
    subs = view.subscales()
    assert point.anxiety == subs["anxiety"]["value"]
    assert point.avoidance == subs["avoidance"]["value"]
    assert (point.scale_min, point.scale_max) == (1.0, 7.0)
    assert "attachment" in view.to_dict()


def test_faulty_answers_name_every_item_and_store_nothing(db: Database) -> None:
    me = person(db)
    with pytest.raises(InvalidInput) as caught:
        instruments.record_response(db, me, "satisfaction", {"sat1": 7, "sat2": 1, "zzz": 2})
    fields = {p.field: p.message for p in caught.value.problems}
    assert fields["answers.sat1"] == "must be a whole number from 0 to 6"
    assert fields["answers.sat3"] == "is missing" and fields["answers.sat4"] == "is missing"
    assert fields["answers.zzz"] == "is not an item of this questionnaire"
    assert instruments.list_responses(db, me, "satisfaction") == []


def test_about_partner_is_refused_where_the_instrument_does_not_allow_it(db: Database) -> None:
    me = person(db)
    with pytest.raises(InvalidInput) as caught:
        instruments.record_response(db, me, "satisfaction", SAT, about="partner")
    assert [p.field for p in caught.value.problems] == ["about"]


def test_a_result_is_visible_to_its_author_only(db: Database) -> None:
    me, other = person(db), person(db)
    view = instruments.record_response(db, me, "satisfaction", SAT)
    assert instruments.get_response(db, me, view.id).id == view.id
    with pytest.raises(NotFound):
        instruments.get_response(db, other, view.id)
    assert instruments.list_responses(db, other, "satisfaction") == []


def test_unknown_instrument_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        instruments.get_instrument(db, "nope", None)


CUSTOM = """
id: closeness-check
title: Closeness check
version: 1
source: Written for a test
licence: MIT
about: [self]
what_it_is: A test questionnaire.
what_it_is_not: Not a diagnosis.
scale: {min: 1, max: 3, labels: {1: low, 3: high}}
subscales:
  - id: close
    title: Closeness
    bands_source: test bands
    bands:
      - {min: 1, max: 2, label: lower, wording: Lower.}
      - {min: 2, max: 3, label: higher, wording: Higher.}
items:
  - {id: c1, text: We talk., subscale: close}
  - {id: c2, text: We keep apart., subscale: close, reverse: true}
"""


def test_an_added_file_is_listed_and_scored(db: Database) -> None:
    me = person(db)
    added = instruments.add_instrument(db, me, CUSTOM, "closeness.yaml")
    assert added.id == "closeness-check"
    assert [i.id for i in instruments.list_instruments(db, me)][-1] == "closeness-check"
    view = instruments.record_response(db, me, "closeness-check", {"c1": 3, "c2": 3})
    assert view.scores() == {"close": 2.0}  # (3 + (1 + 3 - 3)) / 2
    with pytest.raises(Conflict):
        instruments.add_instrument(db, me, CUSTOM, "closeness.yaml")


def test_a_broken_file_is_refused_naming_file_and_fields(db: Database) -> None:
    me = person(db)
    broken = CUSTOM.replace("subscale: close, reverse: true", "subscale: nowhere")
    with pytest.raises(InvalidInput) as caught:
        instruments.add_instrument(db, me, broken, "mine.yaml")
    assert any(
        p.field == "mine.yaml: items[1].subscale" and "nowhere" in p.message
        for p in caught.value.problems
    )
    with pytest.raises(Conflict):
        instruments.add_instrument(db, me, CUSTOM.replace("closeness-check", "signs"), "s.yaml")


def test_a_file_over_200_kb_is_refused(db: Database) -> None:
    me = person(db)
    with pytest.raises(InvalidInput, match="200 KB"):
        instruments.add_instrument(db, me, CUSTOM + "#" * (200 * 1024), "big.yaml")


def test_reflection_prompt_is_stable_until_answered_and_never_repeats(db: Database) -> None:
    me = person(db)
    first = reflection.current_prompt(db, me)
    assert reflection.current_prompt(db, me).prompt.id == first.prompt.id  # a reload is stable
    saved = reflection.answer_prompt(db, me, first.prompt.id, "We never spoke of sadness at home.")
    assert saved.entry.kind == "reflection" and saved.entry.visibility == "private"
    assert saved.entry.prompt_id == first.prompt.id
    second = reflection.current_prompt(db, me)
    assert second.prompt.id != first.prompt.id and second.answered == 1
    rng = random.Random(7)
    shown = [second.prompt.id]
    for _ in range(5):
        shown.append(reflection.skip_prompt(db, me, rng).prompt.id)
    assert all(a != b for a, b in zip(shown, shown[1:], strict=False))
    assert [p.id for _, p in reflection.reflections(db, me) if p] == [first.prompt.id]


def test_reflection_answer_must_name_a_known_prompt(db: Database) -> None:
    me = person(db)
    with pytest.raises(InvalidInput):
        reflection.answer_prompt(db, me, "no-such-prompt", "text")
