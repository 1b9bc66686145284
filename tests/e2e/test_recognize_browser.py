"""In real Chromium: the attachment questionnaire draws the quadrant plane; satisfaction a trend line."""

from __future__ import annotations

from typing import Any

import pytest
from support import browser_sign_up

pytestmark = pytest.mark.e2e


def answer_all(page: Any, server: str, instrument: str, values: list[int]) -> None:
    """Answer screen by screen (a few items each), as a person on a phone does."""
    page.goto(f"{server}/instruments/{instrument}")
    given = 0
    while True:
        items = page.locator("#instrument-form fieldset.item")
        shown = items.count()
        assert 0 < shown <= len(values) - given
        for index in range(shown):
            value = values[given + index]
            items.nth(index).locator(f"input[type=radio][value='{value}']").check()
        given += shown
        last = page.locator("#instrument-form button[value=finish]").count() == 1
        if last:
            assert given == len(values)  # every item was on some screen
            page.click("#instrument-form button[value=finish]")
            break
        page.click("#instrument-form button[value=next]")
        page.wait_for_load_state()
    page.wait_for_url(f"{server}/instruments/results/*")


def test_attachment_plane_and_satisfaction_trend(browser: Any, server: str, shoot: Any) -> None:
    page = browser.new_context().new_page()
    browser_sign_up(page, server, "recognize@e2e.test")

    answer_all(page, server, "attachment", [6, 2, 5, 3, 6, 2, 3, 2, 6, 4, 2, 3])
    plane = page.locator("#attachment-plane svg.attachment-plane")
    assert plane.is_visible()
    assert plane.bounding_box()["width"] > 200
    assert page.locator("#attachment-plane circle.point").count() == 1
    assert "Not a diagnosis" in page.inner_text("main")
    shoot(page, "attachment-result")

    answer_all(page, server, "satisfaction", [2, 2, 4, 2])
    answer_all(page, server, "satisfaction", [5, 4, 2, 6])
    trend = page.locator("#satisfaction-trend svg")
    assert trend.is_visible()
    assert page.locator("#satisfaction-trend svg circle").count() == 2
    assert page.locator("#satisfaction-trend svg polyline").count() >= 1
    shoot(page, "satisfaction-trend")
