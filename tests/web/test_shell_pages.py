"""The frame around every page: menu and where you are, welcome screens, display names, the
quick exit's logout, the app lock, tappable help and the installable shell."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from support import api_signup, csrf_of, page_login

from nearer.storage.models import AuthSession, User, utcnow

PASSWORD = "long-enough-pw"


def browser_for(app: Any, email: str) -> TestClient:
    client = TestClient(app, base_url="https://testserver")
    api_signup(client, email)
    page_login(client, email)
    return client


def post_form(client: TestClient, action: str, page: str, **data: str) -> Any:
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)


def test_menu_marks_where_you_are_and_names_the_check_neutrally(app: Any) -> None:
    ana = browser_for(app, "ana@example.org")
    html = ana.get("/journal").text
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    assert '<a href="/journal" aria-current="page">Journal</a>' in html  # in the menu and tabs
    assert html.count('aria-current="page"') == 2
    assert '<nav class="tabs" aria-label="Feel pages">' in html
    header = html.split("<main")[0]
    assert "Check-in on you" in header and "Safety check" not in header
    assert "Leave quickly" in header


def test_a_new_person_is_welcomed_then_offered_a_first_step(app: Any) -> None:
    client = TestClient(app, base_url="https://testserver")
    api_signup(client, "new@example.org")
    token = csrf_of(client.get("/login").text)
    login = client.post(
        "/login",
        data={"email": "new@example.org", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert login.headers["location"] == "/welcome"
    first = client.get("/welcome").text
    assert "<strong>Nearer is</strong>" in first and "<strong>Nearer is not</strong>" in first
    assert "Private until you share" in client.get("/welcome?step=2").text
    third = client.get("/welcome?step=3").text
    assert "Invite my partner" in third and "Continue alone for now" in third
    done = post_form(client, "/welcome", "/welcome?step=3", choice="alone", display_name="Nia")
    assert done.headers["location"] == "/welcome/start"
    start = client.get("/welcome/start").text
    assert "/instruments/signs?about=self" in start and 'href="/journal"' in start
    # Welcomed once: the next login goes straight to Today.
    token = csrf_of(client.get("/login").text)
    again = client.post(
        "/login",
        data={"email": "new@example.org", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert again.headers["location"] == "/"


def test_welcome_invite_then_partner_joins_and_sees_the_name(app: Any) -> None:
    ana = browser_for(app, "ana@example.org")
    shown = post_form(ana, "/welcome", "/welcome?step=3", choice="invite", display_name="Ana B")
    assert shown.status_code == 200
    code = re.search(r'id="invite-code">([A-Z0-9-]+)<', shown.text)
    assert code is not None
    ben = browser_for(app, "ben@example.org")
    joined = post_form(ben, "/welcome", "/welcome?step=3", choice="join", code=code.group(1))
    assert joined.headers["location"] == "/welcome/start"
    couple = ben.get("/couple").text
    assert "You are linked with <strong>Ana B</strong>" in couple
    assert "ana@example.org" not in couple and "ana@example.org" not in ben.get("/partner").text


def test_a_bad_name_or_code_is_said_beside_its_field_and_nothing_is_saved(app: Any) -> None:
    ana = browser_for(app, "ana@example.org")
    bad = post_form(ana, "/welcome", "/welcome?step=3", choice="alone", display_name="<script>")
    assert bad.status_code == 422
    assert 'id="display_name-error"' in bad.text and 'aria-invalid="true"' in bad.text
    wrong = post_form(ana, "/welcome", "/welcome?step=3", choice="join", code="ABCD-EFGH")
    assert wrong.status_code == 422 and 'id="code-error"' in wrong.text
    assert "Your next step" in ana.get("/").text
    assert "New here?" in ana.get("/").text  # still not welcomed: nothing was saved


def test_api_account_has_a_display_name_changed_only_when_sent(client: Any) -> None:
    me = api_signup(client, "ana@example.org")
    assert client.get("/api/v1/users/me", headers=me).json()["display_name"] is None
    named = client.patch("/api/v1/users/me", json={"display_name": "  Ana   Lee "}, headers=me)
    assert named.status_code == 200 and named.json()["display_name"] == "Ana Lee"
    country = client.patch("/api/v1/users/me", json={"country": "gb"}, headers=me).json()
    assert country["display_name"] == "Ana Lee" and country["country"] == "gb"
    bad = client.patch("/api/v1/users/me", json={"display_name": "a<b"}, headers=me)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"][-1] == "display_name"
    assert client.get("/api/v1/users/me", headers=me).json()["display_name"] == "Ana Lee"
    cleared = client.patch("/api/v1/users/me", json={"display_name": None}, headers=me).json()
    assert cleared["display_name"] is None and cleared["country"] == "gb"


def test_partner_sees_the_display_name_in_the_api_couple_status(client: Any) -> None:
    ana, ben = api_signup(client, "ana@example.org"), api_signup(client, "ben@example.org")
    code = client.post("/api/v1/couple/invite", headers=ana).json()["code"]
    client.post("/api/v1/couple/join", json={"code": code}, headers=ben)
    assert client.get("/api/v1/couple", headers=ben).json()["partner_name"] == "Ana"
    client.patch("/api/v1/users/me", json={"display_name": "Annie"}, headers=ana)
    assert client.get("/api/v1/couple", headers=ben).json()["partner_name"] == "Annie"


def test_a_partner_is_never_told_the_others_email(client: Any) -> None:
    """A display name is what the partner sees instead of the email (README): the couple's
    status, joined or read later, names the partner and never carries their email."""
    ana, ben = api_signup(client, "ana.lee@example.org"), api_signup(client, "ben@example.org")
    client.patch("/api/v1/users/me", json={"display_name": "Annie"}, headers=ana)
    code = client.post("/api/v1/couple/invite", headers=ana).json()["code"]
    joined = client.post("/api/v1/couple/join", json={"code": code}, headers=ben)
    answers = [joined, client.get("/api/v1/couple", headers=ben),
               client.get("/api/v1/couple", headers=ana)]
    assert [a.json() for a in answers] == [{"linked": True, "partner_name": "Annie"},
                                           {"linked": True, "partner_name": "Annie"},
                                           {"linked": True, "partner_name": "Ben"}]
    assert all("example.org" not in a.text for a in answers)
    browser = TestClient(client.app, base_url="https://testserver")
    page_login(browser, "ben@example.org")
    page = browser.get("/couple").text
    assert "Annie" in page and "ana.lee@" not in page


def test_leaving_quickly_logs_out_only_with_the_page_token(app: Any) -> None:
    ana = browser_for(app, "ana@example.org")
    assert ana.post("/leave", follow_redirects=False).status_code == 403  # no CSRF token
    assert ana.get("/journal", follow_redirects=False).status_code == 200
    token = csrf_of(ana.get("/journal").text)
    assert ana.post("/leave", files={"csrf_token": (None, token)}).status_code == 204
    assert ana.get("/journal", follow_redirects=False).headers["location"] == "/login"


def test_leaving_quickly_without_javascript_logs_out_on_the_server_then_goes(app: Any) -> None:
    ana = browser_for(app, "ana-nojs@example.org")
    page = ana.get("/journal").text
    form = page.split('<form class="quick-exit-form" method="post" action="/leave">', 1)[1]
    form = form.split("</form>", 1)[0]
    assert 'name="go" value="1"' in form and 'id="quick-exit"' in form  # the button's own form
    token = csrf_of(page)
    gone = ana.post("/leave", data={"csrf_token": token, "go": "1"}, follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/left"
    assert ana.get("/journal", follow_redirects=False).headers["location"] == "/login"
    way_out = ana.get("/left").text  # a blank page that moves on at once (no Nearer in it)
    assert '<meta http-equiv="refresh" content="0; url=/static/neutral.html">' in way_out
    assert "Nearer" not in way_out and 'href="/static/neutral.html"' in way_out
    # Not logged in, or keeping the login by choice: a plain link to the quick-exit site.
    anonymous = TestClient(app, base_url="https://testserver").get("/login").text
    assert '<a id="quick-exit" class="quick-exit" href="/static/neutral.html"' in anonymous
    ben = browser_for(app, "ben-keeps@example.org")
    post_form(ben, "/account/quick-exit", "/account", logs_out="no")
    kept = ben.get("/journal").text
    assert 'action="/leave"' not in kept and '<a id="quick-exit"' in kept


def test_the_quick_exit_address_must_be_a_web_address_or_a_path_here() -> None:
    import pytest
    from pydantic import ValidationError

    from nearer.settings import Settings

    for fine in ("https://weather.com/", "http://example.org/news", "/static/neutral.html"):
        assert Settings(quick_exit_url=fine).quick_exit_url == fine
    for bad in ("javascript:alert(1)", "weather.com", "https://", "data:text/html,hi",
                '/x"><script>', "//evil.example/"):
        with pytest.raises(ValidationError, match="QUICK_EXIT_URL"):
            Settings(quick_exit_url=bad)


def test_the_quick_exit_choice_is_kept_and_put_on_every_page(app: Any) -> None:
    ana = browser_for(app, "ana@example.org")
    assert 'data-exit-logout="yes"' in ana.get("/journal").text
    saved = post_form(ana, "/account/quick-exit", "/account", logs_out="no")
    assert saved.headers["location"].startswith("/account")
    assert "Your quick-exit choice is saved." in ana.get("/account").text  # once, from the redirect
    assert "Your quick-exit choice is saved." not in ana.get("/account").text
    assert 'data-exit-logout="no"' in ana.get("/journal").text


def _lock(app: Any, email: str, minutes: str = "5") -> TestClient:
    client = browser_for(app, email)
    on = post_form(client, "/account/lock", "/account", pin="2468", minutes=minutes)
    assert on.headers["location"].startswith("/account")
    return client


def test_a_locked_login_shows_only_the_pin_screen_even_after_reload(app: Any) -> None:
    ana = _lock(app, "ana@example.org")
    assert 'data-lock-minutes="5"' in ana.get("/journal").text
    assert ana.get("/lock").status_code == 200  # lock now
    for path in ("/", "/journal", "/journal", "/account", "/partner"):
        assert ana.get(path, follow_redirects=False).headers["location"] == "/lock"
    # The same login's token cannot reach the API either.
    token = ana.cookies.get("nearer_session")
    api = TestClient(app, base_url="https://testserver")
    assert (
        api.get("/api/v1/entries", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    )
    assert ana.get("/help-now").status_code == 200  # help is never locked away
    wrong = post_form(ana, "/lock", "/lock", pin="1111")
    assert wrong.status_code == 422 and 'id="pin-error"' in wrong.text
    right = post_form(ana, "/lock", "/lock", pin="2468")
    assert right.headers["location"] == "/"
    assert ana.get("/journal", follow_redirects=False).status_code == 200


def test_the_lock_closes_after_the_idle_minutes(app: Any, sqlite_db: Any) -> None:
    ana = _lock(app, "ana@example.org", minutes="3")
    assert ana.get("/journal", follow_redirects=False).status_code == 200
    with sqlite_db.transaction() as session:
        session.execute(update(AuthSession).values(active_at=utcnow() - timedelta(minutes=2)))
    assert ana.get("/journal", follow_redirects=False).status_code == 200  # 2 < 3 minutes
    with sqlite_db.transaction() as session:
        session.execute(update(AuthSession).values(active_at=utcnow() - timedelta(minutes=4)))
    assert ana.get("/journal", follow_redirects=False).headers["location"] == "/lock"


def test_five_wrong_pins_end_the_login(app: Any, sqlite_db: Any) -> None:
    ana = _lock(app, "ana@example.org")
    ana.get("/lock")
    for _ in range(4):
        assert post_form(ana, "/lock", "/lock", pin="0000").status_code == 422
    with sqlite_db.transaction() as session:
        user = session.scalar(select(User.id).where(User.email == "ana@example.org"))
        before = len(session.scalars(select(AuthSession).where(AuthSession.user_id == user)).all())
    ended = post_form(ana, "/lock", "/lock", pin="0000")
    assert ended.headers["location"] == "/login"
    with sqlite_db.transaction() as session:
        after = len(session.scalars(select(AuthSession).where(AuthSession.user_id == user)).all())
    assert after == before - 1  # this login ended; the API token made at sign-up is untouched
    assert ana.get("/journal", follow_redirects=False).headers["location"] == "/login"


def test_a_bad_pin_or_minutes_is_said_beside_the_field(app: Any) -> None:
    ana = browser_for(app, "ana@example.org")
    bad = post_form(ana, "/account/lock", "/account", pin="12", minutes="0")
    assert bad.status_code == 422
    assert 'id="pin-error"' in bad.text and 'id="minutes-error"' in bad.text
    assert "data-lock-minutes" not in ana.get("/journal").text  # nothing was turned on


def test_help_lines_are_links_and_countries_have_names(client: Any) -> None:
    html = client.get("/help-now?country=us").text
    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    assert 'href="sms:741741?body=HOME"' in html and 'href="tel:911"' in html
    assert '<option value="gb">United Kingdom</option>' in html and ">GB<" not in html


def test_the_installable_shell_is_served_with_the_right_types(client: Any) -> None:
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    assert manifest.json()["start_url"] == "/"
    for icon in manifest.json()["icons"]:
        assert client.get(icon["src"]).status_code == 200
    worker = client.get("/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["service-worker-allowed"] == "/"
    assert "default-src 'self'" in worker.headers["content-security-policy"]
    shell = re.search(r"var SHELL = \[(.*?)\];", worker.text, re.S)
    assert shell is not None
    cached = re.findall(r'"([^"]+)"', shell.group(1))
    assert cached and all(path.startswith("/static/") for path in cached)
    for path in cached:
        assert client.get(path).status_code == 200


def test_today_offers_the_next_step_on_the_path(app: Any) -> None:
    ana = browser_for(app, "ana@example.org")
    assert "Notice the signs" in ana.get("/").text
    token = ana.post(
        "/api/v1/auth/token", data={"username": "ana@example.org", "password": PASSWORD}
    ).json()["access_token"]
    answers = {f"sg{i:02d}": 2 for i in range(1, 13)}
    made = ana.post(
        "/api/v1/instruments/signs/responses",
        json={"answers": answers, "about": "self"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert made.status_code == 201
    assert "Write how today felt" in ana.get("/").text


def test_an_error_page_keeps_the_bar_of_whoever_is_logged_in(app: Any) -> None:
    ana = browser_for(app, "err-ana@example.org")
    missing = ana.get("/no-such-page")
    assert missing.status_code == 404 and "That page does not exist." in missing.text
    header = missing.text.split("<main")[0]
    assert 'action="/logout"' in header and 'href="/journal"' in header  # her own menu
    assert 'href="/login"' not in header
    anonymous = TestClient(app, base_url="https://testserver").get("/no-such-page")
    bar = anonymous.text.split("<main")[0]
    assert anonymous.status_code == 404 and 'href="/login"' in bar and 'action="/logout"' not in bar


def test_the_field_error_mark_is_drawn_from_a_character_every_font_has() -> None:
    from pathlib import Path

    import nearer.web

    css = (Path(nearer.web.__file__).parent / "static" / "style.css").read_text()
    rule = css.split(".field-error::before {", 1)[1].split("}", 1)[0]
    assert 'content: "!" / ""' in rule  # plain "!", silent for screen readers
    assert "\\2757" not in css and "❗" not in css  # the emoji rendered as a box on Debian's fonts


def test_a_refused_join_on_welcome_saves_nothing_and_shows_every_problem(app: Any) -> None:
    client = TestClient(app, base_url="https://testserver")
    head = api_signup(client, "wel@example.org")
    page_login(client, "wel@example.org")
    refused = post_form(client, "/welcome", "/welcome?step=3", choice="join",
                        display_name="Partialname", code="ZZZZ-ZZZZ")
    assert refused.status_code == 422 and "No such invite code" in refused.text
    assert "Partialname" in refused.text  # what was typed is kept on the page...
    me = client.get("/api/v1/users/me", headers=head).json()
    assert me.get("display_name") != "Partialname"  # ...but nothing was saved
    both = post_form(client, "/welcome", "/welcome?step=3", choice="join",
                     display_name="!!", code="12")
    assert both.status_code == 422
    assert 'id="display_name-error"' in both.text and 'id="code-error"' in both.text


def test_text_people_write_runs_in_its_own_direction(app: Any) -> None:
    """Arabic or Hebrew reads right to left where it is shown and typed (dir="auto")."""
    ana = browser_for(app, "rtl@example.org")
    token = csrf_of(ana.get("/journal").text)
    ana.post("/journal", data={"text": "أشعر بالوحدة اليوم", "csrf_token": token})
    page = ana.get("/journal").text
    assert '<p class="text" dir="auto">أشعر بالوحدة اليوم</p>' in page
    assert '<textarea dir="auto"' in page


def test_a_wrong_delete_word_is_told_beside_its_box_and_nothing_is_deleted(app: Any) -> None:
    ana = browser_for(app, "del@example.org")
    refused = post_form(ana, "/account/delete", "/account", confirm="nope")
    assert refused.status_code == 422
    box = refused.text.split('name="confirm"', 1)[1][:400]
    assert 'aria-invalid="true"' in box and 'id="confirm-error"' in box
    assert "type the word DELETE" in box
    assert ana.get("/journal", follow_redirects=False).status_code == 200  # still here


def test_the_api_keeps_the_idle_minutes_too(app: Any, sqlite_db: Any) -> None:
    ana = _lock(app, "ana@example.org", minutes="1")
    bearer = {"Authorization": f"Bearer {ana.cookies.get('nearer_session')}"}
    api = TestClient(app, base_url="https://testserver")
    assert api.get("/api/v1/entries", headers=bearer).status_code == 200
    with sqlite_db.transaction() as session:
        session.execute(update(AuthSession).values(active_at=utcnow() - timedelta(minutes=2)))
    for path in ("/api/v1/entries", "/api/v1/export"):
        assert api.get(path, headers=bearer).status_code == 401, path
    # The API locked the login: its pages ask for the PIN now.
    assert ana.get("/journal", follow_redirects=False).headers["location"] == "/lock"


def test_leaving_quickly_from_the_pin_screen_logs_out(app: Any, sqlite_db: Any) -> None:
    ana = _lock(app, "ana@example.org")
    screen = ana.get("/lock").text  # locked now
    assert 'data-exit-logout="yes"' in screen and f'data-csrf="{csrf_of(screen)}"' in screen
    form = screen.split('<form class="quick-exit-form" method="post" action="/leave">', 1)[1]
    assert 'name="go" value="1"' in form.split("</form>", 1)[0]  # works without JavaScript too
    assert "Journal" not in screen.split("<main", 1)[0]  # still no menu on the PIN screen
    token = ana.cookies.get("nearer_session")
    gone = ana.post(
        "/leave", data={"csrf_token": csrf_of(screen), "go": "1"}, follow_redirects=False
    )
    assert gone.status_code == 303 and gone.headers["location"] == "/left"
    with sqlite_db.transaction() as session:
        assert session.get(AuthSession, hashlib.sha256(token.encode()).hexdigest()) is None
    assert ana.get("/journal", follow_redirects=False).headers["location"] == "/login"
    # Someone who chose to stay logged in gets the plain link on the PIN screen too.
    ben = _lock(app, "ben@example.org")
    post_form(ben, "/account/quick-exit", "/account", logs_out="no")
    kept = ben.get("/lock").text
    assert 'data-exit-logout="no"' in kept
    assert 'action="/leave"' not in kept and '<a id="quick-exit"' in kept


def test_an_empty_pin_is_asked_for_and_not_counted(app: Any, sqlite_db: Any) -> None:
    ana = _lock(app, "ana@example.org")
    ana.get("/lock")
    empty = post_form(ana, "/lock", "/lock", pin="")
    assert empty.status_code == 422
    assert '<p class="field-error" id="pin-error" role="alert">Enter your PIN.</p>' in empty.text
    with sqlite_db.transaction() as session:
        assert session.scalars(select(AuthSession.lock_misses)).all() == [0, 0]


def test_an_error_on_the_pin_screen_shows_no_menu(app: Any) -> None:
    ana = _lock(app, "lockerr@example.org")
    assert ana.get("/lock").status_code == 200  # locked now
    refused = ana.post("/lock", data={"pin": "2468", "csrf_token": "stale"},
                       follow_redirects=False)
    assert refused.status_code == 403
    bar = refused.text.split("<main", 1)[0]
    assert 'id="nav-menu"' not in bar and 'href="/journal"' not in bar  # nothing of hers
