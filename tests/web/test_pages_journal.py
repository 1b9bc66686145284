"""Pages: the same privacy rules through the browser forms, CSRF, and kind validation."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, csrf_of, page_login


@pytest.fixture
def world(app: Any) -> dict[str, Any]:
    """Owner and partner linked, a stranger; owner has one private and one shared entry."""
    setup = TestClient(app, base_url="https://testserver")
    owner = api_signup(setup, "owner@example.org")
    partner = api_signup(setup, "partner@example.org")
    api_signup(setup, "stranger@example.org")
    api_link(setup, owner, partner)
    private = setup.post("/api/v1/entries", json={"text": "private thought"}, headers=owner).json()[
        "id"
    ]
    shared = setup.post(
        "/api/v1/entries", json={"text": "for us", "visibility": "shared"}, headers=owner
    ).json()["id"]
    browsers = {}
    for who in ("owner", "partner", "stranger", "anonymous"):
        browser = TestClient(app, base_url="https://testserver")
        if who != "anonymous":
            page_login(browser, f"{who}@example.org")
        browsers[who] = browser
    return {"browsers": browsers, "private": private, "shared": shared}


EXPECTED = {
    ("owner", "private"): 200,
    ("owner", "shared"): 200,
    ("partner", "private"): 404,
    ("partner", "shared"): 200,
    ("stranger", "private"): 404,
    ("stranger", "shared"): 404,
    ("anonymous", "private"): 303,
    ("anonymous", "shared"): 303,
}


@pytest.mark.parametrize("who,which", list(EXPECTED))
def test_entry_page_access(world: dict[str, Any], who: str, which: str) -> None:
    response = world["browsers"][who].get(f"/journal/{world[which]}", follow_redirects=False)
    assert response.status_code == EXPECTED[(who, which)]
    if response.status_code == 200:
        assert ("private thought" if which == "private" else "for us") in response.text
    if response.status_code == 404:
        assert "private thought" not in response.text


@pytest.mark.parametrize("who", ["partner", "stranger"])
def test_only_the_author_can_edit_share_or_delete_by_form(world: dict[str, Any], who: str) -> None:
    browser = world["browsers"][who]
    token = csrf_of(browser.get("/journal").text)
    for action, data in (
        ("edit", {"text": "hacked"}),
        ("visibility", {"visibility": "private"}),
        ("delete", {}),
    ):
        response = browser.post(
            f"/journal/{world['shared']}/{action}",
            data={**data, "csrf_token": token},
            follow_redirects=False,
        )
        assert response.status_code == 404
    owner = world["browsers"]["owner"]
    assert "for us" in owner.get(f"/journal/{world['shared']}").text


def test_partner_page_shows_only_shared(world: dict[str, Any]) -> None:
    page = world["browsers"]["partner"].get("/partner").text
    assert "for us" in page and "private thought" not in page
    assert "private thought" not in world["browsers"]["partner"].get("/journal").text


def test_form_without_csrf_token_is_refused(world: dict[str, Any]) -> None:
    browser = world["browsers"]["owner"]
    response = browser.post("/journal", data={"text": "sneaky"}, follow_redirects=False)
    assert response.status_code == 403
    assert "sneaky" not in browser.get("/journal").text


def test_invalid_entry_keeps_what_was_written(world: dict[str, Any]) -> None:
    browser = world["browsers"]["owner"]
    token = csrf_of(browser.get("/journal").text)
    response = browser.post(
        "/journal", data={"text": "my long careful thought", "intensity": "14", "csrf_token": token}
    )
    assert response.status_code == 422
    assert "intensity" in response.text and "my long careful thought" in response.text


def test_writing_and_sharing_by_form(world: dict[str, Any]) -> None:
    owner = world["browsers"]["owner"]
    token = csrf_of(owner.get("/journal").text)
    response = owner.post(
        "/journal",
        data={
            "text": "new by form",
            "feelings": "hopeful, calm",
            "tags": "home",
            "visibility": "shared",
            "csrf_token": token,
        },
    )
    assert response.status_code == 200
    assert "new by form" in world["browsers"]["partner"].get("/partner").text


def test_logout_ends_the_session(world: dict[str, Any]) -> None:
    browser = world["browsers"]["owner"]
    token = csrf_of(browser.get("/journal").text)
    assert (
        browser.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    assert browser.get("/journal", follow_redirects=False).status_code == 303


def test_session_cookie_is_secure_httponly_samesite(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, "c@example.org")
    token = csrf_of(browser.get("/login").text)
    response = browser.post(
        "/login",
        data={"email": "c@example.org", "password": "long-enough-pw", "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie


def test_signup_link_and_unlink_through_pages(app: Any) -> None:
    ana, ben = (TestClient(app, base_url="https://testserver") for _ in range(2))
    for browser, email in ((ana, "ana@example.org"), (ben, "ben@example.org")):
        token = csrf_of(browser.get("/signup").text)
        browser.post(
            "/signup", data={"email": email, "password": "long-enough-pw", "csrf_token": token}
        )
        page_login(browser, email)  # sign-up never logs in
    page = ana.post("/couple/invite", data={"csrf_token": csrf_of(ana.get("/couple").text)}).text
    code = page.split('id="invite-code">')[1].split("<")[0]
    ben.post("/couple/join", data={"code": code, "csrf_token": csrf_of(ben.get("/couple").text)})
    linked = ana.get("/couple").text
    # The partner is named, not shown by email: no display name yet, so their email's first part.
    assert "You are linked with <strong>Ben</strong>" in linked and "ben@example.org" not in linked
    ben.post("/couple/unlink", data={"csrf_token": csrf_of(ben.get("/couple").text)})
    assert "Create an invite code" in ana.get("/couple").text


def test_error_pages_never_show_a_traceback(world: dict[str, Any]) -> None:
    response = world["browsers"]["owner"].get("/journal/not-a-number")  # names no entry
    assert response.status_code == 404 and "Traceback" not in response.text
    assert "That page does not exist." in response.text
