"""In real Chromium: a person invites a professional, grants two sections, the professional sees
exactly those and writes a note, the person revokes, and the professional sees nothing."""

from __future__ import annotations

from typing import Any

import pytest
from support import browser_sign_up as sign_up

pytestmark = pytest.mark.e2e


def test_invite_grant_note_revoke(browser: Any, server: str, shoot: Any) -> None:
    ana = browser.new_context().new_page()
    pro = browser.new_context().new_page()
    sign_up(ana, server, "ana@support.e2e")
    sign_up(pro, server, "pro@support.e2e")

    ana.goto(f"{server}/journal")
    ana.fill("textarea[name=text]", "Chosen for Dr Lee: the fight about holidays")
    ana.click("#new-entry button[type=submit]")
    ana.wait_for_load_state()
    ana.goto(f"{server}/journal")
    ana.fill("textarea[name=text]", "Private: not for anyone else")
    ana.click("#new-entry button[type=submit]")
    ana.wait_for_load_state()

    pro.goto(f"{server}/professional")
    pro.fill("input[name=name]", "Dr Lee")
    pro.fill("input[name=practice]", "Riverside Couples Practice")
    pro.click("#profile-form button[type=submit]")
    pro.wait_for_url(f"{server}/professional")

    ana.goto(f"{server}/support")
    ana.click("form[action='/support/invite'] button")
    code = ana.inner_text("#professional-code").strip()
    pro.fill("input[name=code]", code)
    pro.click("#join-form button[type=submit]")
    pro.wait_for_url(f"{server}/clients/*")
    client_url = pro.url
    assert "shares nothing with you right now" in pro.inner_text("#granted")

    ana.goto(f"{server}/support")
    door = ana.locator("article[id^=professional-]").first
    assert "Dr Lee" in door.inner_text()
    door.locator("input[name=section][value=scores]").check()
    door.locator("input[name=section][value=entries]").check()
    door.locator("label", has_text="Chosen for Dr Lee").locator("input").check()
    door.locator("button", has_text="Save what they may see").click()
    ana.wait_for_load_state()
    shoot(ana, "support-grants-ana")

    pro.goto(client_url)
    seen = pro.inner_text("main")
    shoot(pro, "client-view-pro")
    assert "Shared with you: scores, entries." in seen
    assert pro.locator("#section-scores").count() == 1
    assert pro.locator("#section-entries").count() == 1
    assert pro.locator("#section-patterns").count() == 0
    assert pro.locator("#section-safety").count() == 0
    assert "Chosen for Dr Lee" in seen and "Private: not for anyone else" not in seen
    pro.fill("textarea[name=text]", "Thank you, let's start with the holidays.")
    pro.click("#note-form button[type=submit]")
    pro.wait_for_load_state()

    ana.goto(f"{server}/support")
    page = ana.inner_text("main")
    assert "Thank you, let's start with the holidays." in page
    assert "Dr Lee" in ana.inner_text("#audit-log")
    ana.once("dialog", lambda d: d.accept())  # confirm.js asks before access ends
    ana.locator("button", has_text="End their access").click()
    ana.wait_for_load_state()
    assert "Access ended on" in ana.inner_text("main")

    response = pro.goto(client_url)
    assert response is not None and response.status == 404
    shown = pro.inner_text("main")
    assert "Chosen for Dr Lee" not in shown and "Shared with you" not in shown
    pro.goto(f"{server}/professional")
    assert "No clients yet." in pro.inner_text("main")
