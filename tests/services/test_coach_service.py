"""The coach service: bad drafts become InvalidInput, and the draft is cut into highlight segments."""

from __future__ import annotations

import pytest

from nearer.analysis.coach import Flag
from nearer.domain.errors import InvalidInput
from nearer.services.coach import KIND_NAMES, Segment, coach_draft, segments


def flag(kind: str, start: int, end: int) -> Flag:
    return Flag(kind, start, end, "", "")


def test_segments_without_flags_is_the_whole_draft() -> None:
    assert segments("hello there", []) == [Segment("hello there", ())]


def test_segments_cut_at_every_flag_edge_and_merge_overlaps() -> None:
    text = "you never ever listen, whatever"
    #       0123456789012345678901234567890
    found = [flag("blame", 0, 14), flag("criticism", 4, 21), flag("stonewalling", 23, 31)]
    assert segments(text, found) == [
        Segment("you ", ("blame",)),
        Segment("never ever", ("blame", "criticism")),
        Segment(" listen", ("criticism",)),
        Segment(", ", ()),
        Segment("whatever", ("stonewalling",)),
    ]


def test_segments_ignore_spans_outside_the_draft() -> None:
    assert segments("abc", [flag("blame", 2, 9)]) == [Segment("abc", ())]


def test_coach_draft_reads_a_harsh_draft() -> None:
    result = coach_draft("You never listen to a word about my week.")
    assert result.kinds == ("blame",) and not result.gentle and result.rewrite
    assert set(result.kinds) <= set(KIND_NAMES)


@pytest.mark.parametrize(
    "text,words",
    [
        ("", "empty"),
        ("x" * 20_001, "20,000"),
        ("\x00\x00\x00", "binary"),
        (b"bytes", "text"),
        ("you never \ud800 call", "broken characters"),
    ],
)
def test_coach_draft_turns_bad_input_into_invalid_input(text: object, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        coach_draft(text)
    assert caught.value.problems[0].field == "text" and words in caught.value.problems[0].message
