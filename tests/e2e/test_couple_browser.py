"""Two people in real Chromium: sign up, link, write private and shared entries, see only what is shared."""

from __future__ import annotations

from typing import Any

import pytest
from support import browser_sign_up as sign_up

pytestmark = pytest.mark.e2e


def write(page: Any, server: str, text: str, shared: bool) -> None:
    page.goto(f"{server}/journal")
    page.fill("textarea[name=text]", text)
    if shared:
        page.check("input[name=visibility][value=shared]")
    page.click("#new-entry button[type=submit]")
    page.wait_for_load_state()


def test_partner_sees_only_the_shared_entry(browser: Any, server: str, shoot: Any) -> None:
    ana = browser.new_context().new_page()
    ben = browser.new_context().new_page()
    sign_up(ana, server, "ana@e2e.test")
    sign_up(ben, server, "ben@e2e.test")

    ana.goto(f"{server}/couple")
    ana.click("form[action='/couple/invite'] button")
    code = ana.inner_text("#invite-code").strip()
    ben.goto(f"{server}/couple")
    ben.fill("input[name=code]", code)
    ben.click("form[action='/couple/join'] button")
    linked = ben.inner_text("main")  # the partner is named, never shown by email
    assert "You are linked with Ana" in linked and "ana@e2e.test" not in linked

    write(ana, server, "A private worry about work", shared=False)
    write(ana, server, "Thank you for the walk tonight", shared=True)
    shoot(ana, "journal-ana")

    ben.goto(f"{server}/partner")
    seen = ben.inner_text("main")
    shoot(ben, "partner-view-ben")
    assert "Thank you for the walk tonight" in seen
    assert "A private worry about work" not in seen
    ben.goto(f"{server}/journal")
    assert "A private worry about work" not in ben.content()
