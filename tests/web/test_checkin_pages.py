"""The check-in page without JavaScript: the form, errors beside their fields, the reveal."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from support import api_link, api_signup, csrf_of, page_login


def browser(app: Any, email: str) -> TestClient:
    client = TestClient(app, base_url="https://testserver")
    page_login(client, email)
    return client


def post(client: TestClient, path: str, data: dict[str, str]) -> Any:
    token = csrf_of(client.get("/checkin").text)
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)


def test_check_in_page_reveal_and_field_errors(client: Any, app: Any) -> None:
    a, b = api_signup(client, "a@example.org"), api_signup(client, "b@example.org")
    api_link(client, a, b)
    sam, alex = browser(app, "a@example.org"), browser(app, "b@example.org")
    assert 'id="checkin-prompt"' in sam.get("/journal").text  # the gentle in-app prompt
    bad = post(sam, "/checkin", {"closeness": "7", "mood": "", "note": "x", "note_kind": ""})
    assert bad.status_code == 422
    assert bad.text.count('class="field-error"') == 3  # closeness, mood, note_kind
    assert post(sam, "/checkin/sharing", {"sharing": "on"}).status_code == 303
    ok = post(sam, "/checkin", {"closeness": "4", "mood": "grateful",
                                "note_kind": "appreciated", "note": "canaryPAGEqz"})  # fmt: skip
    assert ok.status_code == 303
    assert 'id="checkin-prompt"' not in sam.get("/journal").text
    waiting = alex.get("/checkin").text
    assert "has checked in" in waiting and "canaryPAGEqz" not in waiting
    post(alex, "/checkin", {"closeness": "3", "mood": "calm"})
    revealed = alex.get("/checkin").text
    assert "canaryPAGEqz" in revealed and 'id="partner-checkin"' in revealed
    assert "<svg" in revealed and "<script>" not in revealed
    anonymous = TestClient(app, base_url="https://testserver")
    assert anonymous.get("/checkin", follow_redirects=False).headers["location"] == "/login"


def test_settings_form_names_bad_fields(client: Any, app: Any) -> None:
    api_signup(client, "a@example.org")
    sam = browser(app, "a@example.org")
    bad = post(sam, "/checkin/settings", {"time_zone": "Nowhere/Else", "checkin_time": "99:99"})
    assert bad.status_code == 422 and bad.text.count('class="field-error"') == 2
    assert sam.get("/reminders.ics").status_code == 409
    post(sam, "/checkin/settings", {"time_zone": "America/New_York", "checkin_time": "07:30"})
    ics = sam.get("/reminders.ics")
    assert ics.status_code == 200 and "DTSTART;TZID=America/New_York:" in ics.text
