"""Days at the ends of the calendar ("0001-01-01", "9999-12-31") are refused by name, in the API
and on the pages, instead of running past what Python can count in (they were 500s)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_signup, page_login

FAR = ("0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31")


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize(("path", "name"), [
    ("/api/v1/report?to={day}", "to"), ("/api/v1/report?from={day}", "from"),
    ("/api/v1/report/pdf?to={day}", "to"), ("/api/v1/report/html?to={day}", "to"),
    ("/api/v1/week?week_of={day}", "week_of"), ("/api/v1/entries?since={day}", "since"),
])
def test_a_day_off_the_calendar_is_a_422_naming_the_parameter(
        client: Any, path: str, name: str, day: str) -> None:
    me = api_signup(client, "ana@example.org")
    answer = client.get(path.format(day=day), headers=me)
    assert answer.status_code == 422, answer.text
    problems = answer.json()["detail"]
    assert [p["loc"] for p in problems] == [["query", name]]
    assert "between 1900-01-01 and 2999-12-31" in problems[0]["msg"]


@pytest.mark.parametrize("day", ("1900-01-01", "2999-12-31"))
def test_the_first_and_last_days_read(client: Any, day: str) -> None:
    me = api_signup(client, "ana@example.org")
    assert client.get(f"/api/v1/week?week_of={day}", headers=me).status_code == 200
    assert client.get(f"/api/v1/report?to={day}", headers=me).status_code == 200


@pytest.mark.parametrize("day", ("0001-01-01", "9999-12-31"))
def test_the_week_page_says_what_was_wrong(app: Any, day: str) -> None:
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, "ana@example.org")
    page_login(browser, "ana@example.org")
    answer = browser.get(f"/week?week_of={day}")
    assert 400 <= answer.status_code < 500
    assert "between 1900-01-01 and 2999-12-31" in answer.text
