"""The browser tests run under the app's strict CSP, and the watch in conftest.py really sees a
violation: this test breaks the policy on purpose and checks that it was caught."""

from __future__ import annotations

import re
from typing import Any

import pytest
from support import browser_sign_up

pytestmark = pytest.mark.e2e

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)


def test_pages_are_served_under_the_strict_csp(browser: Any, server: str) -> None:
    page = browser.new_page()
    response = page.goto(f"{server}/login")
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-frame-options"] == "DENY"
    assert browser.flush() == []  # the real page breaks nothing


def test_the_watch_catches_inline_script_and_style(browser: Any, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/login")
    page.evaluate(
        """() => {
          document.body.insertAdjacentHTML("beforeend", '<p style="color: red">styled</p>');
          const s = document.createElement("script");
          s.textContent = "window.ranInline = true";
          document.body.appendChild(s);
        }"""
    )
    assert page.evaluate("window.ranInline === undefined")  # the CSP really blocked it
    caught = browser.flush()
    assert any("style-src" in v for v in caught), caught
    assert any("script-src" in v for v in caught), caught
    browser.violations.clear()  # seen on purpose; the hook must not fail this test


def test_delete_asks_first_through_the_static_script(browser: Any, server: str) -> None:
    """The confirm used to be an inline onsubmit, which the CSP would block; now confirm.js asks."""
    page = browser.new_page()
    browser_sign_up(page, server, "confirm@e2e.test")
    page.goto(f"{server}/journal")
    page.fill("textarea[name=text]", "An entry to keep, then delete")
    page.click("#new-entry button[type=submit]")
    page.wait_for_url(re.compile(r"/journal\?saved=\d+$"))
    entry_url = f"{server}/journal/{page.url.rsplit('=', 1)[1]}"
    questions: list[str] = []

    def answer(dialog: Any, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.goto(entry_url)
    page.once("dialog", lambda d: answer(d, False))
    page.click("form[data-confirm] button[type=submit]")
    page.wait_for_load_state()
    assert posts == []  # dismissed: the form was never sent
    assert page.url == entry_url
    assert "An entry to keep" in page.inner_text("main")

    page.once("dialog", lambda d: answer(d, True))
    page.click("form[data-confirm] button[type=submit]")
    page.wait_for_url(f"{server}/journal")
    assert questions == ["Delete this entry for good?", "Delete this entry for good?"]
    assert posts == [f"{entry_url}/delete"]
    assert page.goto(entry_url).status == 404
