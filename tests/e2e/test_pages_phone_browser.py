"""The journal, a partner's answer, My patterns and a questionnaire screen in real Chromium, at
390x844 and 1280x800: nothing scrolls sideways on the phone, the judgement hint appears while
typing, a reaction reaches the partner, and a questionnaire keeps its answers across a reload."""

from __future__ import annotations

import re
from typing import Any

import pytest
from support import browser_sign_up as sign_up

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def write(page: Any, server: str, text: str, feelings: str, share: bool = False) -> None:
    page.goto(f"{server}/journal")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=feelings]", feelings)
    page.fill("input[name=intensity]", "6")
    if share:
        page.check("input[name=visibility][value=shared]")
    page.click("#new-entry button[type=submit]")
    page.wait_for_selector("#toast")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_journal_hint_toast_and_patterns(browser: Any, server: str, shoot: Any, size: str) -> None:
    page = browser.new_context(viewport=PHONE if size == "phone" else DESKTOP).new_page()
    sign_up(page, server, f"pages-{size}@e2e.test")
    page.goto(f"{server}/journal")
    assert page.locator("#feeling-nudge").is_hidden()
    page.fill("input[name=feelings]", "calm, ignored")  # typing, before any save
    page.wait_for_selector("#feeling-nudge:visible")
    assert "Ignored" in page.inner_text("#feeling-nudge")
    shoot(page, f"pages-journal-hint-{size}")
    page.fill("input[name=feelings]", "calm")
    page.wait_for_selector("#feeling-nudge", state="hidden")
    write(page, server, "Dinner on our own again.", "lonely")
    assert page.inner_text("#toast") == "Saved. Only you can see it."
    write(page, server, "Worried about tomorrow.", "anxious, lonely")
    no_sideways_scroll(page)
    shoot(page, f"pages-journal-{size}")
    page.goto(f"{server}/patterns")
    no_sideways_scroll(page)
    for tick in page.locator("figure.chart svg text[text-anchor=end]").all_text_contents():
        assert not re.fullmatch(r"\d+\.\d+", tick), tick  # counts are whole; no 0.5 entries
    shoot(page, f"pages-patterns-{size}")


def test_questionnaire_screens_keep_answers_on_a_phone(browser: Any, server: str, shoot: Any) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    sign_up(page, server, "screens@e2e.test")
    page.goto(f"{server}/instruments/signs")
    assert "Screen 1 of 4" in page.inner_text("#progress")
    choice = page.locator("label.scale-choice").first
    assert choice.bounding_box()["height"] >= 44  # a thumb-sized target
    for item in ("sg01", "sg02", "sg03"):
        page.check(f"input[name=answer-{item}][value='4']")
    no_sideways_scroll(page)
    shoot(page, "pages-questionnaire-phone")
    page.click("button[name=go][value=next]")
    page.wait_for_url(re.compile(r"screen=2"))
    page.reload()
    assert "3 of 12 answered" in page.inner_text("#progress")
    page.click("button[name=go][value=back]")
    page.wait_for_url(re.compile(r"screen=1"))
    assert page.is_checked("input[name=answer-sg02][value='4']")


def test_a_partner_answers_a_shared_entry(browser: Any, server: str, shoot: Any) -> None:
    sam = browser.new_context(viewport=PHONE).new_page()
    alex = browser.new_context(viewport=PHONE).new_page()
    sign_up(sam, server, "sam-react@e2e.test")
    sign_up(alex, server, "alex-react@e2e.test")
    sam.goto(f"{server}/couple")
    sam.click("form[action='/couple/invite'] button[type=submit]")
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", sam.inner_text("main"))
    assert code
    alex.goto(f"{server}/couple")
    alex.fill("input[name=code]", code.group(0))
    alex.click("form[action='/couple/join'] button[type=submit]")
    alex.wait_for_load_state()
    write(sam, server, "I missed you at dinner.", "lonely", share=True)
    alex.goto(f"{server}/partner")
    alex.click("text=Respond to this")
    alex.click("button[name=kind][value=thanks]")
    alex.wait_for_selector("#toast")
    assert "Only the two of you" in alex.inner_text("#toast")
    no_sideways_scroll(alex)
    shoot(alex, "pages-reaction-phone")
    sam.goto(f"{server}/journal")
    sam.click("article.entry header a")
    assert "Thank you for sharing" in sam.inner_text("#reactions")
