"""The browser tests run under the app's strict CSP, and the watch in conftest.py really sees a
violation: this test breaks the policy on purpose and checks that it was caught."""

from __future__ import annotations

from typing import Any

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
