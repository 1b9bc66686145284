"""Wrong partner and professional invite codes are limited through the API and on every page
that takes a code: past the limit the answer is 429 with Retry-After, and pages say so beside
the code field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_signup, app_with, csrf_of, page_login

from nearer.storage.db import Database

API = "/api/v1"
WRONG = {"code": "ZZZZ-ZZZ2"}


@pytest.fixture
def tight_app(sqlite_db: Database, tmp_path: Path) -> Any:
    return app_with(sqlite_db, tmp_path, invite_code_attempts_per_account=2)


def _browser(app: Any, address: str) -> TestClient:
    return TestClient(app, base_url="https://testserver", client=(address, 50000))


def _post_form(client: TestClient, page: str, action: str, **data: str) -> Any:
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)


def _beside_code(html: str) -> str:
    found = re.search(r'<[^>]+id="code-error"[^>]*>([^<]*)<', html)
    assert found, "no message beside the code field"
    return found.group(1)


def _professional(client: TestClient, email: str) -> dict[str, str]:
    head = api_signup(client, email)
    body = {"name": "Dr Robin", "practice": "Clinic"}
    assert client.put(f"{API}/clients/profile", json=body, headers=head).status_code == 200
    return head


def test_api_wrong_partner_codes_get_429_and_the_right_code_waits(tight_app: Any) -> None:
    client = _browser(tight_app, "10.0.0.1")
    ana, ben = api_signup(client, "ana@example.org"), api_signup(client, "ben@example.org")
    code = client.post(f"{API}/couple/invite", headers=ana).json()["code"]
    codes = [client.post(f"{API}/couple/join", json=WRONG, headers=ben).status_code]
    codes.append(client.post(f"{API}/couple/join", json=WRONG, headers=ben).status_code)
    assert codes == [404, 404]
    slowed = client.post(f"{API}/couple/join", json={"code": code}, headers=ben)
    assert slowed.status_code == 429 and 14 * 60 < int(slowed.headers["retry-after"]) <= 900
    assert "Too many attempts" in str(slowed.json()["detail"])
    assert client.get(f"{API}/couple", headers=ben).json()["linked"] is False


def test_api_wrong_client_codes_get_429(tight_app: Any) -> None:
    client = _browser(tight_app, "10.0.0.1")
    pro = _professional(client, "robin@example.org")
    codes = [client.post(f"{API}/clients/join", json=WRONG, headers=pro).status_code]
    codes += [client.post(f"{API}/clients/join", json=WRONG, headers=pro).status_code]
    slowed = client.post(f"{API}/clients/join", json=WRONG, headers=pro)
    assert codes == [404, 404] and slowed.status_code == 429
    assert int(slowed.headers["retry-after"]) > 0


def test_partner_page_shows_wrong_codes_and_the_limit_beside_the_code(tight_app: Any) -> None:
    ben = _browser(tight_app, "10.0.0.2")
    api_signup(ben, "ben@example.org")
    page_login(ben, "ben@example.org")
    for _ in range(2):
        wrong = _post_form(ben, "/couple", "/couple/join", **WRONG)
        assert wrong.status_code == 422 and "No such invite code" in _beside_code(wrong.text)
    slowed = _post_form(ben, "/couple", "/couple/join", **WRONG)
    assert slowed.status_code == 429 and int(slowed.headers["retry-after"]) > 0
    assert "Too many attempts" in _beside_code(slowed.text)
    assert 'value="ZZZZ-ZZZ2"' in slowed.text  # what was typed stays in the field


def test_welcome_page_shows_the_limit_beside_the_code(tight_app: Any) -> None:
    ben = _browser(tight_app, "10.0.0.3")
    api_signup(ben, "ben@example.org")
    page_login(ben, "ben@example.org")
    for _ in range(2):
        wrong = _post_form(ben, "/welcome?step=3", "/welcome", choice="join", **WRONG)
        assert wrong.status_code == 422
    slowed = _post_form(ben, "/welcome?step=3", "/welcome", choice="join", **WRONG)
    assert slowed.status_code == 429 and int(slowed.headers["retry-after"]) > 0
    assert "Too many attempts" in _beside_code(slowed.text)


def test_professional_page_shows_the_limit_beside_the_code(tight_app: Any) -> None:
    robin = _browser(tight_app, "10.0.0.4")
    _professional(robin, "robin@example.org")
    page_login(robin, "robin@example.org")
    for _ in range(2):
        wrong = _post_form(robin, "/professional", "/professional/join", **WRONG)
        assert wrong.status_code == 422
    slowed = _post_form(robin, "/professional", "/professional/join", **WRONG)
    assert slowed.status_code == 429 and int(slowed.headers["retry-after"]) > 0
    assert "Too many attempts" in _beside_code(slowed.text)
