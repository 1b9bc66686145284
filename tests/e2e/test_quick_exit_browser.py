"""Quick exit in real Chromium: the button and triple-Escape leave at once, and Back does not return."""

from __future__ import annotations

from typing import Any

import pytest
from support import browser_sign_up

pytestmark = pytest.mark.e2e


def test_button_leaves_and_back_does_not_return(browser: Any, server: str, shoot: Any) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{server}/")  # a first page, so there is history to go back to
    page.goto(f"{server}/help-now")
    page.click("#quick-exit")
    page.wait_for_url("**/static/neutral.html")
    shoot(page, "quick-exit-destination")
    page.go_back()
    # location.replace removed /help-now from history: Back lands on the page before it.
    assert not page.url.endswith("/help-now")


def test_three_escapes_leave(browser: Any, server: str) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{server}/login")
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url("**/static/neutral.html")


def test_button_stays_on_screen_when_scrolling(browser: Any, server: str, shoot: Any) -> None:
    page = browser.new_context(viewport={"width": 390, "height": 700}).new_page()
    page.goto(f"{server}/help-now")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    box = page.locator("#quick-exit").bounding_box()
    assert box is not None and 0 <= box["y"] < 700 and box["x"] + box["width"] <= 390
    # Nothing covers it: the topmost element at its centre is the button itself.
    covered = page.evaluate(
        """() => { const b = document.getElementById('quick-exit').getBoundingClientRect();
                   const el = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
                   return el && el.id; }"""
    )
    assert covered == "quick-exit"
    shoot(page, "quick-exit-scrolled-phone")


def test_alarming_entry_shows_the_safety_panel(browser: Any, server: str, shoot: Any) -> None:
    page = browser.new_context().new_page()
    browser_sign_up(page, server, "safe@e2e.test")
    page.goto(f"{server}/journal")
    page.fill("textarea[name=text]", "some nights I just want to disappear and not wake up")
    page.click("#new-entry button[type=submit]")
    panel = page.locator("#safety-panel")
    panel.wait_for()
    assert "Your words are saved" in panel.inner_text()
    shoot(page, "safety-panel")
