"""Charts that read at a glance: whole-number count axes, one title, labels that fit or turn,
honest ties and plain words; the perception gap as a dumbbell per sign."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from nearer.domain import charts
from nearer.domain.patterns import EntryFacts, summarise

NS = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{NS}text"))


def _y_ticks(svg: str) -> list[str]:
    return [t.text or "" for t in _texts(svg) if t.get("text-anchor") == "end" and not t.get("transform")]


@pytest.mark.parametrize(
    "largest,ticks",
    [(0, [0, 1]), (1, [0, 1]), (2, [0, 1, 2]), (4, [0, 1, 2, 3, 4]), (5, [0, 1, 2, 3, 4, 5]),
     (6, [0, 2, 4, 6]), (7, [0, 2, 4, 6, 8]), (11, [0, 5, 10, 15]), (23, [0, 5, 10, 15, 20, 25]),
     (99, [0, 20, 40, 60, 80, 100])],
)
def test_count_ticks_are_whole_and_few(largest: int, ticks: list[int]) -> None:
    assert charts.count_ticks(largest) == ticks


def test_a_count_axis_never_shows_a_fraction() -> None:
    svg = charts.bar_chart("Heavy hours", ["00–03", "03–06"], [1.0, 0.0], y_label="entries",
                           x_label="hour", counts=True)  # fmt: skip
    assert _y_ticks(svg) == ["0", "1"]  # not 0, 0.2, 0.5 …
    root = ET.fromstring(svg)
    [bar] = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert float(bar.get("height", "0")) == 148.0  # one entry reaches the top tick: 240-36-56


def test_untitled_chart_leaves_the_title_to_the_page() -> None:
    svg = charts.bar_chart("Words", ["a"], [1.0], y_label="n", x_label="w", titled=False)
    assert "Words" not in [t.text for t in _texts(svg)]
    root = ET.fromstring(svg)
    assert root.get("aria-label") == "Words" and root.find(f"{NS}title").text == "Words"  # type: ignore[union-attr]


def test_labels_that_fit_stay_straight_and_long_ones_turn() -> None:
    short = charts.bar_chart("t", ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                             [1.0] * 7, y_label="n", x_label="day", counts=True)  # fmt: skip
    labels = [t for t in _texts(short) if t.text in {"Mon", "Sun"}]
    assert len(labels) == 2 and not any(t.get("transform") for t in labels)
    # 12 labels of 6 characters (about 41 units) in 300 units: 25 each, so every other one is
    # shown, straight, each with two slots (50 units) to itself.
    weeks = [f"{d} Nov" for d in range(1, 13)]
    thinned = charts.line_chart("t", [(w, 1.0) for w in weeks], y_label="n", x_label="week")
    shown = [t for t in _texts(thinned) if t.text in weeks]
    assert [t.text for t in shown] == weeks[::2] and not any(t.get("transform") for t in shown)
    # 24 labels: 12.5 units each, too narrow even for every other one; they turn, and a turned
    # label needs a line's height (16 units), so every second one is shown.
    days = [f"{d} Nov" for d in range(1, 25)]
    crowded = charts.line_chart("t", [(d, 1.0) for d in days], y_label="n", x_label="day")
    turned = [t for t in _texts(crowded) if t.text in days]
    assert [t.text for t in turned] == days[::2]
    assert all("rotate(-40" in (t.get("transform") or "") for t in turned)


def test_the_apart_chart_speaks_in_percent() -> None:
    svg = charts.line_chart("Apart", [("1 Nov", 0.5)], y_label="named apart (% of the time)",
                            x_label="week", y_min=0, y_max=1, percent=True)  # fmt: skip
    assert _y_ticks(svg) == ["0%", "25%", "50%", "75%", "100%"]


def _heavy(day: int, hour: int, intensity: int = 6) -> EntryFacts:
    # 2 Nov 2026 is a Monday.
    return EntryFacts(datetime(2026, 11, day, hour), intensity, ("sad",), (), "sadness")


def test_ties_are_named_as_ties_with_one_entry() -> None:
    entries = [_heavy(2, 9), _heavy(3, 9), _heavy(5, 22), _heavy(6, 22)]
    s = summarise(entries).summaries
    assert s["weekdays"] == (
        "Monday, Tuesday, Thursday and Friday tie for heavy feelings (1 entry each); "
        "they were equally strong on Monday, Tuesday, Thursday and Friday (average 6 out of 10)."
    )
    assert s["hours"].startswith("The hours 09–12 and 21–24 tie for heavy feelings (2 entries each)")
    one = summarise([_heavy(2, 9, 7)]).summaries["weekdays"]
    assert one == "Heavy feelings were logged most often on Monday (1 entry), at an average of 7 out of 10."


def test_a_clear_winner_is_named_with_its_strongest_day() -> None:
    entries = [_heavy(2, 9, 4), _heavy(9, 9, 6), _heavy(3, 9, 9)]  # Mon twice (avg 5), Tue 9
    s = summarise(entries).summaries["weekdays"]
    assert s == (
        "Heavy feelings were logged most often on Monday (2 entries); "
        "they were strongest on Tuesday (average 9 out of 10)."
    )


def test_dumbbell_puts_both_views_on_one_row_per_sign() -> None:
    svg = charts.dumbbell_chart(
        "Gap",
        [("I steer away from serious talks <about us>.", 4, 2), ("My partner works late.", 3, 3)],
        lo=1, hi=5, first="Own view", second="Other's view", tick_labels={2: "Rarely", 4: "Often"},
    )  # fmt: skip
    root = ET.fromstring(svg)
    circles = [c for c in root.iter(f"{NS}circle") if c.find(f"{NS}title") is not None]
    squares = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert [c.find(f"{NS}title").text for c in circles] == ["Own view: 4 (Often)", "Own view: 3"]  # type: ignore[union-attr]
    assert [r.find(f"{NS}title").text for r in squares] == ["Other's view: 2 (Rarely)", "Other's view: 3"]  # type: ignore[union-attr]
    # The scale runs from x=20 (1) to x=340 (5): 80 units a point, so 4 sits at 260, 2 at 100.
    assert float(circles[0].get("cx", "0")) == 260.0
    assert float(squares[0].get("x", "0")) + 5 == 100.0
    assert "&lt;about us&gt;" in svg
    assert int(root.get("viewBox", "").split()[3]) < 240  # two short rows stay compact


def test_a_zero_to_ten_scale_keeps_whole_ticks() -> None:
    svg = charts.line_chart("Intensity", [("1 Nov", 6.0)], y_label="average intensity (0–10)",
                            x_label="week", y_min=0, y_max=10)  # fmt: skip
    assert _y_ticks(svg) == ["0", "2", "4", "6", "8", "10"]  # not 2.5 and 7.5
