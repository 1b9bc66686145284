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
