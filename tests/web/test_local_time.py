"""Local time: each person's zone (from the browser, changeable in Account) decides how times
read, which local day an entry belongs to, and the hours of the patterns chart."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_signup, csrf_of, page_login

from nearer.domain.journal import make_draft
from nearer.services import journal

LA = "America/Los_Angeles"  # UTC-8 in November


@pytest.fixture
def person(app: Any) -> dict[str, Any]:
    api = TestClient(app, base_url="https://testserver")
    headers = api_signup(api, "lee@example.org")
    user_id = api.get("/api/v1/users/me", headers=headers).json()["id"]
    browser = TestClient(app, base_url="https://testserver")
    page_login(browser, "lee@example.org")
    return {"api": api, "headers": headers, "id": user_id, "browser": browser, "db": app.state.db}


def _write_at(person: dict[str, Any], text: str, at: datetime, feelings: tuple[str, ...] = ()) -> int:
    draft = make_draft(text, list(feelings), 7)
    return journal.add_entry(person["db"], person["id"], draft, at=at).entry.id


def _set_zone(person: dict[str, Any], zone: str) -> Any:
    browser = person["browser"]
    token = csrf_of(browser.get("/account").text)
    return browser.post("/account/time-zone", data={"time_zone": zone, "csrf_token": token})


def test_a_person_at_utc_minus_8_sees_local_times(person: dict[str, Any]) -> None:
    # Written at 16:12 on Sunday in Los Angeles, which is 00:12 on Monday in UTC.
    entry_id = _write_at(person, "Sunday evening, quiet", datetime(2026, 11, 30, 0, 12, tzinfo=UTC))
    before = person["browser"].get(f"/journal/{entry_id}").text
    assert "Mon 30 Nov 2026, 00:12" in before  # no zone chosen yet: UTC, as Account says
    response = _set_zone(person, LA)
    assert response.status_code == 200 and "Time zone saved." in response.text
    for url in ("/journal", f"/journal/{entry_id}"):
        html = person["browser"].get(url).text
        assert "Sun 29 Nov 2026, 16:12" in html and "Mon 30 Nov 2026, 00:12" not in html


def test_the_local_day_decides_which_entries_are_since_a_date(person: dict[str, Any]) -> None:
    # 07:00 UTC on the 29th is 23:00 on the 28th in Los Angeles.
    _write_at(person, "Late on Saturday", datetime(2026, 11, 29, 7, 0, tzinfo=UTC))
    _write_at(person, "Sunday lunch", datetime(2026, 11, 29, 20, 0, tzinfo=UTC))

    def since_29th() -> list[str]:
        found = person["api"].get(
            "/api/v1/entries?since=2026-11-29", headers=person["headers"]
        ).json()
        return sorted(e["text"] for e in found["items"])

    assert since_29th() == ["Late on Saturday", "Sunday lunch"]  # in UTC both are on the 29th
    _set_zone(person, LA)
    assert since_29th() == ["Sunday lunch"]


def test_today_is_the_local_day(person: dict[str, Any]) -> None:
    from nearer.services.rhythm_time import today_of

    _set_zone(person, LA)
    with person["db"].transaction() as session:
        day = today_of(session, person["id"], datetime(2026, 11, 30, 0, 12, tzinfo=UTC))
    assert day.isoformat() == "2026-11-29"


def test_the_hours_chart_is_in_the_persons_zone(person: dict[str, Any]) -> None:
    # Two heavy entries at 16:12 Los Angeles time (00:12 UTC the next day).
    for day in (30, 23):
        _write_at(person, "Lonely again", datetime(2026, 11, day, 0, 12, tzinfo=UTC), ("lonely",))
    _set_zone(person, LA)
    found = person["api"].get("/api/v1/patterns?weeks=4", headers=person["headers"]).json()
    assert found["timezone"] == LA
    by_label = {b["label"]: b["count"] for b in found["heavy_hours"]}
    assert by_label["15–18"] == 2 and by_label["00–03"] == 0
    html = person["browser"].get("/patterns?weeks=4").text
    assert f"time of day ({LA})" in html


def test_account_refuses_a_made_up_zone_beside_the_field(person: dict[str, Any]) -> None:
    response = _set_zone(person, "Mars/Olympus")
    assert response.status_code == 422
    assert re.search(r'id="time_zone-error"[^>]*>This is not a time zone name', response.text)
    assert 'value="Mars/Olympus"' in response.text


def test_login_takes_the_browsers_zone_only_when_none_was_chosen(app: Any) -> None:
    api = TestClient(app, base_url="https://testserver")
    headers = api_signup(api, "ana@example.org")

    def log_in_from(zone: str) -> None:
        browser = TestClient(app, base_url="https://testserver")
        html = browser.get("/login").text
        assert 'name="time_zone" value="" data-browser-zone' in html  # timezone.js fills it
        form = {"email": "ana@example.org", "password": "long-enough-pw", "time_zone": zone}
        assert browser.post("/login", data={**form, "csrf_token": csrf_of(html)}).status_code == 200

    def zone_now() -> str:
        return api.get("/api/v1/me/rhythm", headers=headers).json()["time_zone"]

    log_in_from("Not/AZone")
    assert zone_now() == "UTC"
    log_in_from(LA)
    assert zone_now() == LA
    log_in_from("Europe/London")  # a later browser does not overwrite the person's choice
    assert zone_now() == LA
