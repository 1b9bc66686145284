"""My patterns in real Chromium: write entries with the wheel picker, then see the SVG charts."""

from __future__ import annotations

from typing import Any

import pytest
from support import browser_sign_up as sign_up

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def write(page: Any, server: str, text: str, family: str, word: str, intensity: str) -> None:
    page.goto(f"{server}/journal")
    page.fill("textarea[name=text]", text)
    page.click(f".feelings-wheel details:has(summary:text-is('{family}')) summary")
    page.check(f"input[name=feeling_pick][value='{word}']")
    page.fill("input[name=intensity]", intensity)
    page.fill("input[name=tags]", "home")
    page.click("#new-entry button[type=submit]")
    page.wait_for_load_state()


def test_my_patterns_page_draws_the_charts(browser: Any, server: str, shoot: Any) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    sign_up(page, server, "pat@e2e.test")
    write(page, server, "Dinner on our own again, phones out.", "sadness", "lonely", "6")
    write(page, server, "Worried about the talk tomorrow.", "fear", "anxious", "7")
    write(page, server, "We laughed on the walk home.", "joy", "happy", "4")
    write(page, server, "He said I was being dramatic.", "anger", "frustrated", "5")

    page.goto(f"{server}/journal")
    assert "lonely" in page.inner_text("main")

    page.goto(f"{server}/patterns")
    charts = page.locator("figure.chart svg[role=img]")
    assert charts.count() == 7
    assert page.locator("figure.chart figcaption").count() == 7
    families = page.locator("#pattern-families svg")
    assert families.locator("rect").count() >= 4  # stacked segments and legend swatches
    assert "lonely" in page.inner_text("#pattern-words")
    box = families.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]  # fits a phone screen
    assert "home" in page.inner_text("#pattern-tags")
    shoot(page, "patterns-phone")
