"""The coach in real Chromium: a harsh draft is marked and rewritten as it is typed, with no submit."""

from __future__ import annotations

from typing import Any

import pytest
from support import browser_sign_up

pytestmark = pytest.mark.e2e

HARSH = "You never listen to me. You're so selfish, whatever."


def signed_up_page(browser: Any, server: str, email: str) -> Any:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    browser_sign_up(page, server, email)
    return page


def test_typing_a_harsh_draft_marks_it_and_offers_a_rewrite(
    browser: Any, server: str, shoot: Any
) -> None:
    page = signed_up_page(browser, server, "coach@e2e.test")
    page.click("#nav-menu summary")  # the menu, then Talk → Before you say it
    page.click("#nav-menu a[href='/coach']")
    page.wait_for_url(f"{server}/coach")
    assert page.is_hidden("#coach-result")
    page.click("#draft")
    page.keyboard.type(HARSH, delay=5)
    page.wait_for_selector("#coach-draft mark.flag")
    page.wait_for_selector("#coach-rewrite-box", state="visible")
    assert page.url == f"{server}/coach"  # read live, not submitted

    marks = page.locator("#coach-draft mark.flag").all_inner_texts()
    assert "You never" in marks and "whatever" in marks
    assert page.inner_text("#coach-draft") == HARSH
    reasons = page.inner_text("#coach-reasons")
    assert "Blame" in reasons and "Criticism" in reasons and "Stonewalling" in reasons
    rewrite = page.inner_text("#coach-rewrite")
    assert rewrite.startswith("When") and "I need" in rewrite
    shoot(page, "coach-harsh-draft")

    page.click("#copy-rewrite")
    page.wait_for_selector("#copy-status:has-text('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == rewrite


def test_draft_markup_is_shown_as_text_and_gentle_drafts_read_gently(
    browser: Any, server: str
) -> None:
    page = signed_up_page(browser, server, "gentle@e2e.test")
    page.goto(f"{server}/coach")
    page.fill("#draft", '<img src=x onerror="document.title=1"> you never call')
    page.wait_for_selector("#coach-draft mark.flag")
    assert page.locator("#coach-draft img").count() == 0
    assert "<img src=x" in page.inner_text("#coach-draft")
    page.fill("#draft", "I always feel safe with you.")
    page.wait_for_selector("#coach-gentle", state="visible")
    assert page.locator("#coach-draft mark").count() == 0
    assert page.is_hidden("#coach-rewrite-box")


def test_alarming_draft_shows_the_safety_panel_first(browser: Any, server: str, shoot: Any) -> None:
    page = signed_up_page(browser, server, "worried@e2e.test")
    page.goto(f"{server}/coach")
    page.fill("#draft", "I can't do this anymore, I want to die. You never even notice.")
    page.wait_for_selector("#coach-safety #safety-panel")
    panel_top = page.locator("#safety-panel").bounding_box()["y"]
    reasons_top = page.locator("#coach-reasons").bounding_box()["y"]
    assert panel_top < reasons_top
    shoot(page, "coach-alarming-draft")


def test_without_javascript_the_form_renders_the_same_reading(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    browser_sign_up(page, server, "nojs@e2e.test")
    page.goto(f"{server}/coach")
    page.fill("#draft", HARSH)
    page.click("#coach-form button[type=submit]")
    page.wait_for_selector("#coach-draft mark.flag")
    assert "A gentler way to say it" in page.inner_text("#coach-rewrite-box")
    assert page.is_hidden("#copy-rewrite")  # copying needs the script
    context.close()


def test_pauses_ask_for_the_quick_reading_and_a_rest_asks_for_the_full_one(
    browser: Any, server: str
) -> None:
    page = signed_up_page(browser, server, "rest@e2e.test")
    page.goto(f"{server}/coach")
    asked: list[dict[str, Any]] = []
    page.on("request", lambda r: asked.append(r.post_data_json)
            if r.url.endswith("/coach/analyze") else None)
    draft = "The letters are in the top drawer for the kids. I feel lighter than I have in years."
    page.click("#draft")
    page.keyboard.type(draft, delay=5)
    # Once typing rests, the draft is read in full: the pair of sentences shows the panel that
    # no single sentence does.
    page.wait_for_selector("#coach-safety #safety-panel")
    assert asked[-1] == {"text": draft, "typing": False}
    assert all(body["typing"] is True for body in asked[:-1])
    assert {"text": draft, "typing": True} in asked
