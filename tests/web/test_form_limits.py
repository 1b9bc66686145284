"""A form field the server caps carries the same cap as `maxlength`, so a browser stops the typing
there instead of the server refusing the whole form and losing what else was typed (a 2,001-
character tags field once lost the entry written above it)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_signup, page_login

ANONYMOUS = {
    "/login": {"email": 320, "password": 1024},
    "/signup": {"email": 320, "password": 1024},
    "/forgot": {"email": 320, "new_password": 1024},
}
LOGGED_IN = {
    "/journal": {"feelings": 2000, "tags": 2000},
    "/account": {"time_zone": 64},
    "/account/security": {"current_password": 1024, "new_password": 1024, "email": 320,
                          "password": 1024},
    "/couple": {"code": 64},
    "/checkin": {"time_zone": 64},
    "/reflect": {"feelings": 2000},
    "/welcome?step=3": {"code": 64},
}


def _fields(html: str, name: str) -> list[str]:
    return [tag for tag in re.findall(r"<input\b[^>]*>", html)
            if f'name="{name}"' in tag and 'type="hidden"' not in tag]


def _check(html: str, limits: dict[str, int]) -> None:
    for name, limit in limits.items():
        found = _fields(html, name)
        assert found, name
        assert all(f'maxlength="{limit}"' in tag for tag in found), (name, found)


@pytest.mark.parametrize("path", sorted(ANONYMOUS))
def test_pages_before_login_cap_their_fields(client: Any, path: str) -> None:
    _check(client.get(path).text, ANONYMOUS[path])


@pytest.fixture
def browser(app: Any) -> TestClient:
    client = TestClient(app, base_url="https://testserver")
    api_signup(client, "ana@example.org")
    page_login(client, "ana@example.org")
    return client


@pytest.mark.parametrize("path", sorted(LOGGED_IN))
def test_pages_after_login_cap_their_fields(browser: TestClient, path: str) -> None:
    answer = browser.get(path)
    assert answer.status_code == 200
    _check(answer.text, LOGGED_IN[path])


def test_line_breaks_count_once_as_the_text_box_counts_them(app: Any) -> None:
    """A browser sends each line break as CR LF; the box's maxlength counted it as one."""
    from support import csrf_of

    from nearer.domain.journal import MAX_TEXT

    api_signup(TestClient(app, base_url="https://testserver"), "lines@example.org")
    browser = TestClient(app, base_url="https://testserver")
    page_login(browser, "lines@example.org")
    line = "x" * 19 + "\r\n"  # 20 characters in the box (19 + one line break)
    text = (line * (MAX_TEXT // 20))[:-2]  # MAX_TEXT - 1 characters as typed, 1,999 breaks
    assert len(text.replace("\r\n", "\n")) == MAX_TEXT - 1 and len(text) > MAX_TEXT
    token = csrf_of(browser.get("/journal").text)
    saved = browser.post("/journal", data={"text": text, "csrf_token": token})
    assert saved.status_code == 200, saved.text[:300]
    (entry,) = browser.get("/api/v1/entries", headers=_bearer(browser)).json()["items"] or [None]
    assert entry is not None and entry["text"] == text.replace("\r\n", "\n")  # kept as typed


def _bearer(browser: TestClient) -> dict[str, str]:
    answer = browser.post("/api/v1/auth/token",
                          data={"username": "lines@example.org", "password": "long-enough-pw"})
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_the_api_login_form_keeps_a_password_as_sent(client: Any) -> None:
    """Only pages' forms have their line breaks read as one: a password is never rewritten."""
    password = "lantern\r\nharbour quietly"
    made = client.post("/api/v1/users", json={"email": "crlf@example.org", "password": password})
    assert made.status_code == 201, made.text
    token = client.post("/api/v1/auth/token",
                        data={"username": "crlf@example.org", "password": password})
    assert token.status_code == 200 and token.json()["access_token"]
