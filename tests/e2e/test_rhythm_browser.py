"""Two people in real Chromium: check in and see the reveal, a break notice, a shared question."""

from __future__ import annotations

from typing import Any

import pytest
from support import browser_sign_up as sign_up

from nearer.domain.safety_screen import QUESTION_IDS

pytestmark = pytest.mark.e2e


def link(ana: Any, ben: Any, server: str) -> None:
    ana.goto(f"{server}/couple")
    ana.click("form[action='/couple/invite'] button")
    code = ana.inner_text("#invite-code").strip()
    ben.goto(f"{server}/couple")
    ben.fill("input[name=code]", code)
    ben.click("form[action='/couple/join'] button")


def screen(page: Any, server: str) -> None:
    page.goto(f"{server}/safety-check")
    for question in QUESTION_IDS:
        page.check(f"input[name={question}][value=no]")
    page.click("#safety-check button[type=submit]")
    page.wait_for_load_state()


def check_in(page: Any, server: str, closeness: int, mood: str, note: str = "") -> None:
    page.goto(f"{server}/checkin")
    page.check(f"input[name=closeness][value='{closeness}']")
    page.select_option("select[name=mood]", mood)
    if note:
        page.check("input[name=note_kind][value=appreciated]")
        page.fill("input[name=note]", note)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_load_state()


def test_check_in_reveal_break_notice_and_a_question(browser: Any, server: str, shoot: Any) -> None:
    ana = browser.new_context().new_page()
    ben = browser.new_context().new_page()
    sign_up(ana, server, "ana@rhythm.test")
    sign_up(ben, server, "ben@rhythm.test")
    link(ana, ben, server)

    # Both share check-ins; Ana checks in first. Ben sees only that she has.
    for page in (ana, ben):
        page.goto(f"{server}/checkin")
        page.click("#sharing button[type=submit]")
        page.wait_for_load_state()
    check_in(ana, server, 4, "grateful", "the soup you made")
    ben.goto(f"{server}/")
    assert "Ana has checked in" in ben.inner_text("main")
    assert "the soup you made" not in ben.content()
    check_in(ben, server, 3, "calm")
    revealed = ben.inner_text("#partner-checkin")
    assert "Ana felt 4 of 5 close" in revealed and "the soup you made" in revealed
    shoot(ben, "rhythm-reveal-ben")
    ana.goto(f"{server}/")
    assert "Ben felt 3 of 5 close" in ana.inner_text("#home-partner-checkin")

    # Ben asks for a break; Ana sees the calm notice with the return time.
    ben.goto(f"{server}/breaks")
    ben.check("input[name=minutes][value='20']")
    ben.click("#break-form button[type=submit]")
    ben.wait_for_load_state()
    assert "You are taking a break until" in ben.inner_text("main")
    assert "While you wait" in ben.inner_text("main")
    ana.goto(f"{server}/journal")
    notice = ana.inner_text("#break-banner")
    assert "Ben needs a break to calm down and will come back to this at" in notice
    shoot(ana, "rhythm-break-notice-ana")

    # Both answer the same closeness question; each sees the other's answer afterwards.
    screen(ana, server)
    screen(ben, server)
    ana.goto(f"{server}/questions")
    ana.fill("#answer-form textarea[name=text]", "Finding that café by the river.")
    ana.click("#answer-form button[type=submit]")
    ana.wait_for_load_state()
    ben.goto(f"{server}/questions")
    assert "Your partner has answered" in ben.inner_text("main")
    assert "Finding that café" not in ben.content()
    ben.fill("#answer-form textarea[name=text]", "Our walk on Sunday.")
    ben.click("#answer-form button[type=submit]")
    ben.wait_for_load_state()
    ben.goto(f"{server}/questions")
    assert "Finding that café by the river." in ben.inner_text("#answered")
    ana.goto(f"{server}/questions")
    assert "Our walk on Sunday." in ana.inner_text("#answered")
    shoot(ana, "rhythm-question-ana")
