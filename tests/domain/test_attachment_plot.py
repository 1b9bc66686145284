"""The attachment plane: quadrant, wording that never labels, and an accessible SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from nearer.domain.attachment import (
    attachment_point,
    quadrant,
    quadrant_svg,
    tendency_wording,
)
from nearer.domain.instruments import builtin_instruments, score

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "expected"),
    [
        (2.0, 2.0, "secure"),
        (6.0, 2.0, "anxious-preoccupied"),
        (2.0, 6.0, "dismissive-avoidant"),
        (6.0, 6.0, "fearful-avoidant"),
        (4.0, 4.0, "secure"),  # exactly on the midpoint counts as the lower side
        (4.01, 4.0, "anxious-preoccupied"),
    ],
)
def test_quadrant_of_point(anxiety: float, avoidance: float, expected: str) -> None:
    assert quadrant(anxiety, avoidance, 4.0) == expected


def test_wording_leans_and_never_labels_the_person() -> None:
    cases = [(2, 2), (6, 2), (2, 6), (6, 6), (4.1, 3.8), (5.5, 4.2), (4.2, 5.5)]
    for anxiety, avoidance in cases:
        text = tendency_wording(anxiety, avoidance, 4.0)
        assert text.startswith("Your answers ")
        assert "not who you are" in text
        labelling = text.replace("not who you are", "")
        assert not re.search(r"\byou are\b|\byou're\b", labelling, re.IGNORECASE)


def test_wording_names_the_lean_and_softens_near_middle() -> None:
    assert "lean toward the dismissive-avoidant pattern" in tendency_wording(2, 6, 4)
    assert "near the middle on both" in tendency_wording(4.2, 3.7, 4)
    assert "worry score is close to the middle" in tendency_wording(4.3, 6, 4)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_svg_is_accessible_and_names_the_four_tendencies() -> None:
    svg = quadrant_svg(5.5, 2.5, 1, 7)
    root = _parse(svg)
    assert root.get("role") == "img"
    assert "anxiety 5.5" in (root.get("aria-label") or "")
    assert root.find("svg:title", NS) is not None
    desc = root.find("svg:desc", NS)
    assert desc is not None and "anxious-preoccupied" in (desc.text or "")
    names = {g.get("data-quadrant") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert names == {"secure", "anxious-preoccupied", "dismissive-avoidant", "fearful-avoidant"}
    assert svg.count(">tendency<") == 4
    assert "Avoidance" in svg and "Anxiety" in svg


def test_point_position_is_hand_computed() -> None:
    # Plot square: x from 64 to 336, y from 24 (top) to 296; scale 1..7 spans 272 units.
    root = _parse(quadrant_svg(7, 1, 1, 7))
    circle = root.find("svg:circle", NS)
    assert circle is not None
    assert (circle.get("cx"), circle.get("cy")) == ("64.0", "24.0")
    mid = _parse(quadrant_svg(4, 5.5, 1, 7)).find("svg:circle", NS)
    assert mid is not None
    # avoidance 5.5 -> 64 + 4.5/6*272 = 268.0; anxiety 4 -> 24 + 0.5*272 = 160.0
    assert (mid.get("cx"), mid.get("cy")) == ("268.0", "160.0")


def test_svg_rejects_out_of_range_and_bad_prefix() -> None:
    with pytest.raises(ValueError):
        quadrant_svg(8, 2, 1, 7)
    with pytest.raises(ValueError):
        quadrant_svg(float("nan"), 2, 1, 7)
    with pytest.raises(ValueError):
        quadrant_svg(3, 2, 7, 1)
    with pytest.raises(ValueError):
        quadrant_svg(3, 2, 1, 7, id_prefix='x" onload="')


def test_two_pictures_on_one_page_get_distinct_ids() -> None:
    svg = quadrant_svg(3, 3, 1, 7, id_prefix="partner")
    assert 'id="partner-title"' in svg and 'aria-labelledby="partner-title partner-desc"' in svg


def test_point_from_a_scored_questionnaire() -> None:
    inst = builtin_instruments()["attachment"]
    answers = {item.id: (6 if item.subscale == "anxiety" else 2) for item in inst.items}
    # anxiety: four 6s and two reverse 8-6=2 -> 28/6; avoidance: four 2s and two reverse 6 -> 20/6
    point = attachment_point(score(inst, answers))
    assert point.anxiety == pytest.approx(28 / 6)
    assert point.avoidance == pytest.approx(20 / 6)
    assert point.quadrant == "anxious-preoccupied"
    assert point.to_dict()["anxiety"] == 4.67
    assert "<svg" in point.svg()
