"""SVG charts: accessible, escaped, well-formed; text sparkline levels."""

import xml.etree.ElementTree as ET

from nearer.domain import charts

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_line_chart_is_accessible_and_escapes_text() -> None:
    svg = charts.line_chart(
        "Mood <& trend>",
        [("3 Nov", 5.0), ("10 Nov", None), ("17 Nov", 7.5)],
        y_label="Average intensity",
        x_label="Week starting",
        y_min=0,
        y_max=10,
    )
    root = _parse(svg)
    assert root.get("role") == "img" and root.get("aria-label") == "Mood <& trend>"
    assert root.get("viewBox") == "0 0 360 240" and root.get("width") == "100%"
    assert root.find(f"{NS}title").text == "Mood <& trend>"  # type: ignore[union-attr]
    desc = root.find(f"{NS}desc").text  # type: ignore[union-attr]
    assert desc == "Mood <& trend>. 3 Nov: 5; 10 Nov: no data; 17 Nov: 7.5"
    assert "<&" not in svg
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "Average intensity" in texts and "Week starting" in texts and "10" in texts


def test_line_chart_breaks_the_line_at_missing_values() -> None:
    svg = charts.line_chart(
        "T",
        [("a", 1.0), ("b", 2.0), ("c", None), ("d", 3.0), ("e", 4.0)],
        y_label="y",
        x_label="x",
        y_min=0,
        y_max=4,
    )
    root = _parse(svg)
    assert len(list(root.iter(f"{NS}polyline"))) == 2
    assert len(list(root.iter(f"{NS}circle"))) == 4
    # y = 0 at the baseline (240 - 56 = 184), y = 4 at the top margin (36)
    first = next(root.iter(f"{NS}circle"))
    assert float(first.get("cy", "0")) == 184 - 148 * 1 / 4


def test_stacked_bars_stack_in_series_order_with_legend() -> None:
    svg = charts.stacked_bar_chart(
        "Feelings by week",
        ["w1", "w2"],
        {"sadness": [2, 0], "joy": [2, 1]},
        y_label="Entries",
        x_label="Week starting",
    )
    root = _parse(svg)
    rects = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    # tallest stack 4 -> axis top 5 (next of 1, 2, 2.5, 5, 10); plot height 240-36-56 = 148,
    # so 2 entries = 148 * 2/5 = 59.2 units high and 1 entry = 29.6
    heights = [float(r.get("height", "0")) for r in rects]
    assert heights == [74.0, 74.0, 37.0]
    assert rects[0].get("fill") == charts.PALETTE["sadness"]
    assert [t.text for t in root.iter(f"{NS}text")].count("joy") == 1  # legend entry
    assert root.get("viewBox") == "0 0 360 258"  # one legend row added
    assert "w1: sadness 2, joy 2; w2: sadness 0, joy 1" in svg


def test_bar_chart_skips_missing_values() -> None:
    svg = charts.bar_chart(
        "Heavy days",
        ["Mon", "Tue", "Wed"],
        [7.5, None, 5.0],
        y_label="Average intensity",
        x_label="Day",
    )
    root = _parse(svg)
    assert len([r for r in root.iter(f"{NS}rect")]) == 2
    assert "Tue: no data" in (root.find(f"{NS}desc").text or "")  # type: ignore[union-attr]


def test_text_is_at_least_12px() -> None:
    svg = charts.bar_chart("t", ["a"], [1.0], y_label="y", x_label="x")
    root = _parse(svg)
    assert int(root.get("font-size", "0")) >= 12
    assert all(int(t.get("font-size", "12")) >= 12 for t in root.iter(f"{NS}text"))


def test_sparkline_levels() -> None:
    # scaled from min 1 to max 5: 1 -> ▁, 3 -> (3-1)/4*7 = 3.5 -> round to 4 -> ▅, 5 -> █
    assert charts.sparkline([1, None, 3, 5]) == "▁ ▅█"
    assert charts.sparkline([2, 2]) == "▄▄"
    assert charts.sparkline([None]) == " "
    assert charts.sparkline([]) == ""
