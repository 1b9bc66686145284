"""Account security through the API and the pages: sign-up, login limits, password, email,
sessions and recovery, as owner, partner, former partner, stranger and anonymous."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, app_with, csrf_of, page_login

from nearer.storage.db import Database

PW = "long-enough-pw"
NEW_PW = "tide-lantern-harbour"
API = "/api/v1"


def _browser(app: Any, address: str = "testclient") -> TestClient:
    return TestClient(app, base_url="https://testserver", client=(address, 50000))


def _token(client: Any, email: str, password: str = PW, **headers: str) -> Any:
    return client.post(
        f"{API}/auth/token", data={"username": email, "password": password}, headers=headers
    )


def _bearer(client: Any, email: str, password: str = PW) -> dict[str, str]:
    return {"Authorization": f"Bearer {_token(client, email, password).json()['access_token']}"}


def _post_form(client: Any, page: str, action: str, data: dict[str, str]) -> Any:
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)


@pytest.fixture
def tight_app(sqlite_db: Database, tmp_path: Path) -> Any:
    return app_with(sqlite_db, tmp_path, signups_per_address=2)


# --- sign-up ---------------------------------------------------------------------------------


def test_api_sign_up_does_not_reveal_a_taken_email_or_log_in(client: Any) -> None:
    body = {"email": "ana@example.org", "password": PW}
    first = client.post(f"{API}/users", json=body)
    taken = client.post(f"{API}/users", json={**body, "password": "another-long-pw"})
    assert first.status_code == taken.status_code == 201
    shape = {k: type(v) for k, v in first.json().items()}
    assert shape == {k: type(v) for k, v in taken.json().items()}
    assert first.json()["message"] == taken.json()["message"]
    assert re.fullmatch(r"([0-9A-Z]{4}-){4}[0-9A-Z]{4}", taken.json()["recovery_code"])
    assert "nearer_session" not in taken.headers.get("set-cookie", "")
    assert "access_token" not in taken.json()
    assert _token(client, "ana@example.org").status_code == 200  # the first password still works
    assert _token(client, "ana@example.org", "another-long-pw").status_code == 401


def test_api_sign_up_refuses_weak_passwords_naming_the_field(client: Any) -> None:
    response = client.post(f"{API}/users", json={"email": "ana@example.org", "password": " " * 12})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["body", "password"] and "only spaces" in problem["msg"]


def test_api_sign_up_is_throttled_per_address(tight_app: Any) -> None:
    client = _browser(tight_app)
    for n in range(2):
        body = {"email": f"p{n}@example.org", "password": PW}
        assert client.post(f"{API}/users", json=body).status_code == 201
    refused = client.post(f"{API}/users", json={"email": "p9@example.org", "password": PW})
    assert refused.status_code == 429
    assert 59 * 60 < int(refused.headers["retry-after"]) <= 3600


def test_page_sign_up_says_ready_shows_the_code_once_and_does_not_log_in(app: Any) -> None:
    pages = []
    for _ in range(2):  # the second time the email is taken: the page is the same
        browser = _browser(app)
        data = {"email": "ana@example.org", "password": PW}
        response = _post_form(browser, "/signup", "/signup", data)
        assert response.status_code == 200
        assert "Account ready — log in" in response.text
        assert "nearer_session" not in response.headers.get("set-cookie", "")
        assert browser.get("/journal", follow_redirects=False).headers["location"] == "/login"
        code = re.search(r'id="recovery-code"[^>]*>([^<]+)<', response.text)
        assert code
        pages.append(response.text.replace(code.group(1), "CODE"))
    without_tokens = [re.sub(r'value="[^"]*"', "", page) for page in pages]
    assert without_tokens[0] == without_tokens[1]


def test_page_sign_up_shows_errors_beside_their_fields(app: Any) -> None:
    browser = _browser(app)
    response = _post_form(
        browser, "/signup", "/signup", {"email": "nope", "password": "password123"}
    )
    assert response.status_code == 422
    assert 'id="email-error"' in response.text and 'id="password-error"' in response.text
    assert "most common passwords" in response.text


# --- login throttle --------------------------------------------------------------------------


def test_api_login_is_slowed_with_retry_after_and_the_owners_device_gets_in(client: Any) -> None:
    api_signup(client, "ana@example.org")
    device = _token(client, "ana@example.org").json()["device_token"]
    codes = [_token(client, "ana@example.org", f"guess-number-{n}").status_code for n in range(7)]
    assert codes == [401] * 5 + [429] * 2
    slowed = _token(client, "ana@example.org")  # the right password, from the guesser
    assert slowed.status_code == 429 and 14 * 60 < int(slowed.headers["retry-after"]) <= 900
    assert "Too many attempts" in slowed.json()["detail"]
    owner = _token(client, "ana@example.org", **{"X-Nearer-Device": device})
    assert owner.status_code == 200 and owner.json()["device_token"] == device


def test_page_login_is_slowed_but_the_owners_browser_gets_in(app: Any) -> None:
    owner, partner = _browser(app), _browser(app)
    api_signup(owner, "ana@example.org")
    page_login(owner, "ana@example.org")
    assert owner.cookies.get("nearer_device")
    for n in range(5):
        wrong = _post_form(
            partner, "/login", "/login", {"email": "ana@example.org", "password": f"guess-{n}-x"}
        )
        assert wrong.status_code == 401
    slowed = _post_form(partner, "/login", "/login", {"email": "ana@example.org", "password": PW})
    assert slowed.status_code == 429 and "Too many attempts" in slowed.text
    assert int(slowed.headers["retry-after"]) > 0
    owner.cookies.delete("nearer_session")
    page_login(owner, "ana@example.org")  # 303 to the journal: the device cookie lets it in


# --- password and email change ---------------------------------------------------------------


def test_api_password_change_ends_other_sessions(client: Any) -> None:
    here = api_signup(client, "ana@example.org")
    there = _bearer(client, "ana@example.org")
    wrong = client.post(
        f"{API}/users/me/password",
        json={"current_password": "not-it-at-all", "new_password": NEW_PW},
        headers=here,
    )
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["loc"] == ["body", "current_password"]
    weak = client.post(
        f"{API}/users/me/password",
        json={"current_password": PW, "new_password": "ana@example.org"},
        headers=here,
    )
    assert weak.status_code == 422 and weak.json()["detail"][0]["loc"] == ["body", "new_password"]
    done = client.post(
        f"{API}/users/me/password",
        json={"current_password": PW, "new_password": NEW_PW},
        headers=here,
    )
    assert done.status_code == 200 and done.json() == {"ended_sessions": 1}
    assert client.get(f"{API}/users/me", headers=there).status_code == 401
    assert client.get(f"{API}/users/me", headers=here).status_code == 200
    assert _token(client, "ana@example.org", NEW_PW).status_code == 200


def test_api_email_change(client: Any) -> None:
    ana = api_signup(client, "ana@example.org")
    api_signup(client, "ben@example.org")
    bad = client.post(f"{API}/users/me/email", json={"password": PW, "email": "nope"}, headers=ana)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "email"]
    wrong = client.post(
        f"{API}/users/me/email", json={"password": "not-it-at-all", "email": "a@x.org"}, headers=ana
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == ["body", "password"]
    done = client.post(
        f"{API}/users/me/email", json={"password": PW, "email": "ana2@example.org"}, headers=ana
    )
    assert done.status_code == 200 and done.json()["email"] == "ana2@example.org"
    assert _token(client, "ana2@example.org").status_code == 200


def test_email_changes_to_taken_addresses_are_limited_api_and_page(tight_app: Any) -> None:
    signups = _browser(tight_app, "10.0.0.1")
    ana = api_signup(signups, "ana@example.org")
    api_signup(signups, "ben@example.org")
    api, page = _browser(tight_app, "10.0.0.2"), _browser(tight_app, "10.0.0.3")
    taken = {"password": PW, "email": "ben@example.org"}
    codes = [
        api.post(f"{API}/users/me/email", json=taken, headers=ana).status_code for _ in range(3)
    ]
    assert codes == [422, 422, 429]  # two tries a window here (NEARER_SIGNUPS_PER_ADDRESS)
    free = api.post(f"{API}/users/me/email", json={**taken, "email": "a2@x.org"}, headers=ana)
    assert free.status_code == 429 and 59 * 60 < int(free.headers["retry-after"]) <= 3600
    page_login(page, "ana@example.org")  # another address, the same account: still limited
    slowed = _post_form(page, "/account/security", "/account/email", taken)
    assert slowed.status_code == 429 and "Too many attempts" in slowed.text
    assert int(slowed.headers["retry-after"]) > 0


def test_page_password_change_shows_errors_beside_fields_then_succeeds(app: Any) -> None:
    owner, elsewhere = _browser(app), _browser(app)
    api_signup(owner, "ana@example.org")
    page_login(owner, "ana@example.org")
    page_login(elsewhere, "ana@example.org")
    data = {"current_password": "not-it-at-all", "new_password": "short"}
    failed = _post_form(owner, "/account/security", "/account/password", data)
    assert failed.status_code == 422 and 'id="current_password-error"' in failed.text
    data = {"current_password": PW, "new_password": "short"}
    failed = _post_form(owner, "/account/security", "/account/password", data)
    assert failed.status_code == 422 and 'id="new_password-error"' in failed.text
    data = {"current_password": PW, "new_password": NEW_PW}
    done = _post_form(owner, "/account/security", "/account/password", data)
    assert done.status_code == 303
    assert "Every other session has been logged out" in owner.get(done.headers["location"]).text
    assert elsewhere.get("/journal", follow_redirects=False).headers["location"] == "/login"


def test_page_email_change(app: Any) -> None:
    owner = _browser(app)
    api_signup(owner, "ana@example.org")
    page_login(owner, "ana@example.org")
    failed = _post_form(
        owner,
        "/account/security",
        "/account/email",
        {"email": "x@y.org", "password": "nope-nope-no"},
    )
    assert failed.status_code == 422 and 'id="password-error"' in failed.text
    done = _post_form(
        owner, "/account/security", "/account/email", {"email": "new@example.org", "password": PW}
    )
    assert done.status_code == 303
    assert "new@example.org" in owner.get("/account").text


# --- sessions --------------------------------------------------------------------------------


def _world(app: Any) -> dict[str, Any]:
    """Owner linked to a partner after a former partner; a stranger; an anonymous browser."""
    clients = {
        role: _browser(app) for role in ("owner", "partner", "former", "stranger", "anonymous")
    }
    heads = {}
    for role in ("owner", "partner", "former", "stranger"):
        heads[role] = api_signup(clients[role], f"{role}@example.org")
        page_login(clients[role], f"{role}@example.org")
    api_link(clients["owner"], heads["owner"], heads["former"])
    clients["owner"].delete(f"{API}/couple", headers=heads["owner"])
    api_link(clients["owner"], heads["owner"], heads["partner"])
    return {"clients": clients, "heads": heads}


def test_sessions_are_listed_and_ended_by_their_owner_only(app: Any) -> None:
    world = _world(app)
    owner, heads = world["clients"]["owner"], world["heads"]
    listed = owner.get(f"{API}/users/me/sessions?tz=Asia/Kolkata", headers=heads["owner"]).json()[
        "items"
    ]
    assert len(listed) == 2  # the API token and the page login
    assert all(s["last_seen_at"].endswith("+05:30") for s in listed)
    assert [s["current"] for s in listed].count(True) == 1
    page_session = next(s for s in listed if not s["current"])
    for role in ("partner", "former", "stranger"):
        other = world["clients"][role]
        theirs = other.get(f"{API}/users/me/sessions", headers=heads[role]).json()["items"]
        assert page_session["id"] not in {s["id"] for s in theirs}
        gone = other.delete(f"{API}/users/me/sessions/{page_session['id']}", headers=heads[role])
        assert gone.status_code == 404
        page = _post_form(
            other, "/account/security", f"/account/sessions/{page_session['id']}/end", {}
        )
        assert page.status_code == 404
    anonymous = world["clients"]["anonymous"]
    assert anonymous.get(f"{API}/users/me/sessions").status_code == 401
    assert anonymous.delete(f"{API}/users/me/sessions/{page_session['id']}").status_code == 401
    assert (
        anonymous.get("/account/security", follow_redirects=False).headers["location"] == "/login"
    )
    assert owner.get("/journal", follow_redirects=False).status_code == 200  # still logged in
    ended = owner.delete(f"{API}/users/me/sessions/{page_session['id']}", headers=heads["owner"])
    assert ended.status_code == 204
    assert owner.get("/journal", follow_redirects=False).headers["location"] == "/login"


def test_sessions_page_shows_devices_local_times_and_logs_out_everywhere_else(app: Any) -> None:
    owner, phone = _browser(app), _browser(app)
    api_signup(owner, "ana@example.org")
    phone.headers["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1) Safari/604.1"
    page_login(owner, "ana@example.org")
    page_login(phone, "ana@example.org")
    page = owner.get("/account/security?tz=America/New_York").text
    assert "Safari on iPhone" in page and "(this browser)" in page
    assert "Logged in (America/New_York)" in page
    assert '<script src="/static/local-time.js"></script>' in page and "<script>" not in page
    bad = owner.get("/account/security?tz=Mars/Olympus")
    assert bad.status_code == 200 and 'id="tz-error"' in bad.text
    done = _post_form(owner, "/account/security", "/account/sessions/end-others", {})
    assert done.status_code == 303
    assert phone.get("/journal", follow_redirects=False).headers["location"] == "/login"
    assert owner.get("/journal", follow_redirects=False).status_code == 200


def test_sessions_page_shows_times_in_the_zone_chosen_in_account(app: Any) -> None:
    from nearer.services import rhythm_time

    owner = _browser(app)
    api_signup(owner, "kiri@example.org")
    page_login(owner, "kiri@example.org")
    plain = owner.get("/account/security").text  # no zone chosen: the browser's may be asked for
    assert "Logged in (UTC)" in plain and 'data-zone-chosen="yes"' not in plain
    db = app.state.db
    kiri = db_user_id(db, "kiri@example.org")
    rhythm_time.set_time_zone(db, kiri, "Pacific/Auckland")
    chosen = owner.get("/account/security").text
    assert "Logged in (Pacific/Auckland)" in chosen and 'data-zone-chosen="yes"' in chosen
    assert 'value="Pacific/Auckland"' in chosen  # the form shows the zone in use
    asked = owner.get("/account/security?tz=America/New_York").text  # asked for by hand
    assert "Logged in (America/New_York)" in asked


def db_user_id(db: Any, email: str) -> int:
    from sqlalchemy import select

    from nearer.storage.models import User

    with db.transaction() as session:
        return int(session.scalar(select(User.id).where(User.email == email)))


def test_api_log_out_everywhere_else(client: Any) -> None:
    here = api_signup(client, "ana@example.org")
    there = _bearer(client, "ana@example.org")
    done = client.post(f"{API}/users/me/sessions/end-others", headers=here)
    assert done.json() == {"ended_sessions": 1}
    assert client.get(f"{API}/users/me", headers=there).status_code == 401
    assert client.get(f"{API}/users/me", headers=here).status_code == 200


# --- recovery --------------------------------------------------------------------------------


def test_api_reset_with_the_recovery_code(client: Any) -> None:
    made = client.post(f"{API}/users", json={"email": "ana@example.org", "password": PW}).json()
    session = _bearer(client, "ana@example.org")
    wrong = {"recovery_code": "AAAA-AAAA-AAAA-AAAA-AAAA", "new_password": NEW_PW}
    known = client.post(f"{API}/auth/reset", json={"email": "ana@example.org", **wrong})
    unknown = client.post(f"{API}/auth/reset", json={"email": "who@example.org", **wrong})
    assert known.status_code == unknown.status_code == 400
    assert known.json() == unknown.json()
    right = {
        "email": "ana@example.org",
        "recovery_code": made["recovery_code"],
        "new_password": NEW_PW,
    }
    done = client.post(f"{API}/auth/reset", json=right)
    assert done.status_code == 200 and done.json()["recovery_code"] != made["recovery_code"]
    assert client.get(f"{API}/users/me", headers=session).status_code == 401
    assert _token(client, "ana@example.org", NEW_PW).status_code == 200
    assert client.post(f"{API}/auth/reset", json=right).status_code == 400  # used up


def test_api_reset_is_limited_per_address_so_others_never_block_the_owner(app: Any) -> None:
    owner, guesser = _browser(app, "10.0.0.1"), _browser(app, "10.0.0.2")
    made = owner.post(f"{API}/users", json={"email": "ana@example.org", "password": PW}).json()
    wrong = {"email": "ana@example.org", "recovery_code": "AAAA-AAAA-AAAA-AAAA-AAAA"}
    body = {**wrong, "new_password": NEW_PW}
    codes = [guesser.post(f"{API}/auth/reset", json=body).status_code for _ in range(6)]
    assert codes == [400] * 5 + [429]
    right = {**body, "recovery_code": made["recovery_code"]}
    done = owner.post(f"{API}/auth/reset", json=right)
    assert done.status_code == 200
    body["new_password"] = PW
    codes = [owner.post(f"{API}/auth/reset", json=body).status_code for _ in range(5)]
    assert codes == [400] * 5
    fresh = {**body, "recovery_code": done.json()["recovery_code"]}
    slowed = owner.post(f"{API}/auth/reset", json=fresh)
    assert slowed.status_code == 429 and int(slowed.headers["retry-after"]) > 0


def test_page_forgot_password(app: Any) -> None:
    owner, browser = _browser(app), _browser(app)
    made = owner.post(f"{API}/users", json={"email": "ana@example.org", "password": PW}).json()
    page_login(owner, "ana@example.org")
    assert 'href="/forgot"' in browser.get("/login").text
    data = {"email": "ana@example.org", "recovery_code": "WRONG-CODE", "new_password": NEW_PW}
    wrong = _post_form(browser, "/forgot", "/forgot", data)
    unknown = _post_form(browser, "/forgot", "/forgot", {**data, "email": "who@example.org"})
    assert wrong.status_code == unknown.status_code == 400
    assert "do not match" in wrong.text and 'id="form-error"' in wrong.text
    weak = _post_form(browser, "/forgot", "/forgot", {**data, "new_password": " " * 8})
    assert weak.status_code == 422 and 'id="new_password-error"' in weak.text
    right = {**data, "recovery_code": made["recovery_code"]}
    done = _post_form(browser, "/forgot", "/forgot", right)
    assert done.status_code == 200 and 'id="recovery-code"' in done.text
    assert made["recovery_code"] not in done.text
    assert owner.get("/journal", follow_redirects=False).headers["location"] == "/login"
    page_login(browser, "ana@example.org", NEW_PW)


def test_new_api_routes_are_documented_with_their_errors(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "429" in paths[f"{API}/auth/token"]["post"]["responses"]
    assert "400" in paths[f"{API}/auth/reset"]["post"]["responses"]
    created = paths[f"{API}/users"]["post"]["responses"]["201"]
    assert created["content"]["application/json"]["schema"]["$ref"].endswith("/Registration")
    shape = client.get("/openapi.json").json()["components"]["schemas"]["Registration"]
    assert set(shape["properties"]) == {"email", "recovery_code", "message"}
    for path in ("/users/me/password", "/users/me/email", "/users/me/sessions/end-others"):
        assert f"{API}{path}" in paths


def test_a_login_seen_over_five_minutes_ago_still_works_and_is_seen_again(app: Any) -> None:
    """"Last seen" is written again once it is LAST_SEEN_EVERY old: the request that writes it
    must be answered as any other (it once failed to compile, a 500 on every request of every
    login older than five minutes), in the API and on the pages."""
    from datetime import timedelta

    from sqlalchemy import select, update

    from nearer.services.accounts import LAST_SEEN_EVERY
    from nearer.storage.models import AuthSession, utcnow

    api = TestClient(app)
    api_signup(api, "ana@example.org")
    bearer = _bearer(api, "ana@example.org")
    browser = _browser(app)
    page_login(browser, "ana@example.org")
    db = app.state.db
    stale = utcnow() - LAST_SEEN_EVERY - timedelta(minutes=1)
    with db.transaction() as session:
        session.execute(update(AuthSession).values(last_seen_at=stale))
    assert api.get("/api/v1/users/me", headers=bearer).status_code == 200
    assert browser.get("/journal").status_code == 200
    with db.transaction() as session:
        seen = session.scalars(select(AuthSession.last_seen_at)).all()
    fresh = [s for s in seen if s.replace(tzinfo=None) > stale.replace(tzinfo=None)]
    assert len(fresh) == 2  # the two logins used above, and only those
    assert api.get("/api/v1/users/me", headers=bearer).status_code == 200
