"""The message coach over the API and the "Before you say it" page: shape, access, bad input, nothing kept."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from support import api_link, api_signup, csrf_of, page_login

from nearer.services.coach import coach_draft
from nearer.storage.models import Base

HARSH = "You never listen to me, you're so selfish, and I'm not discussing it."
ALARMING = "I can't do this anymore, I want to die. You never even notice."
GENTLE = "I always feel calm when you're around."
# No safety rule reads these; the safety head does (the coach now runs it on every draft).
HEAD_ONLY_HARMED = "I've started sleeping in the kids' room with the door locked because of his temper."
HEAD_ONLY_THREAT = "Go on, tell your friends about us. See what I do to you when you get home."
RESULT_KEYS = {"text", "flags", "kinds", "gentle", "feeling_check", "rewrite", "safety", "fired"}


@pytest.fixture
def couple(client: Any) -> dict[str, Any]:
    author = api_signup(client, "author@example.org")
    partner = api_signup(client, "partner@example.org")
    api_link(client, author, partner)
    return {"author": author, "partner": partner, "stranger": api_signup(client, "s@example.org")}


def logged_in_page(app: Any, email: str) -> tuple[TestClient, str]:
    """A browser-like client with a cookie session, and the CSRF token of the coach page."""
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, email)
    page_login(browser, email)
    return browser, csrf_of(browser.get("/coach").text)


def snapshot(app: Any) -> dict[str, list[str]]:
    """Every row of every table, as text, to prove coaching wrote nothing."""
    with app.state.db.transaction() as session:
        return {
            t.name: sorted(str(tuple(row)) for row in session.execute(select(t)).all())
            for t in Base.metadata.sorted_tables
        }


def test_api_returns_the_coach_result(client: Any, couple: dict[str, Any]) -> None:
    body = client.post("/api/v1/coach", json={"text": HARSH}, headers=couple["author"]).json()
    assert set(body) == RESULT_KEYS
    assert body["text"] == HARSH and body["gentle"] is False
    assert {"blame", "criticism", "stonewalling"} <= set(body["kinds"])
    for flag in body["flags"]:
        assert set(flag) == {"kind", "start", "end", "quote", "why", "rule"}
        assert HARSH[flag["start"] : flag["end"]] == flag["quote"]
    assert body["rewrite"] and "I" in body["rewrite"]
    assert body["safety"]["level"] == "none" and body["safety"]["kinds"] == []


def test_api_names_the_rule_or_model_behind_every_flag(client: Any, couple: dict[str, Any]) -> None:
    from nearer.analysis import rulebook

    body = client.post("/api/v1/coach", json={"text": HARSH}, headers=couple["author"]).json()
    known = {spec.id for spec in rulebook.all_rules()} | {"model.coach_head"}
    rules = [flag["rule"] for flag in body["flags"]]
    assert rules and set(rules) <= known
    assert body["fired"] == list(dict.fromkeys(rules))
    assert any(rule.startswith("coach.") for rule in rules)
    alarming = client.post("/api/v1/coach", json={"text": ALARMING}, headers=couple["author"]).json()
    assert alarming["safety"]["fired"] and all(m["rule"] or m["source"] == "model"
                                               for m in alarming["safety"]["matches"])


def test_api_gentle_draft_is_unflagged(client: Any, couple: dict[str, Any]) -> None:
    body = client.post("/api/v1/coach", json={"text": GENTLE}, headers=couple["author"]).json()
    assert body["gentle"] is True and body["flags"] == [] and body["rewrite"] is None
    assert body["fired"] == []


def test_api_reports_safety_with_the_result(client: Any, couple: dict[str, Any]) -> None:
    body = client.post("/api/v1/coach", json={"text": ALARMING}, headers=couple["author"]).json()
    assert body["safety"]["level"] in {"concern", "urgent"}
    assert body["safety"]["kinds"] == ["self_harm"]


def test_api_anonymous_is_refused(client: Any) -> None:
    response = client.post("/api/v1/coach", json={"text": HARSH})
    assert response.status_code == 401
    assert "Log in" in response.json()["detail"]


@pytest.mark.parametrize(
    "payload,words",
    [
        ({"text": ""}, "empty"),
        ({"text": "   \n "}, "empty"),
        ({"text": "x" * 20_001}, "20,000"),
        ({"text": "\x00\x01\x02\x03binary"}, "binary"),
        ({"text": "\x01\x02\x03\x04\x05\x06\x07\x08 hi"}, "binary junk"),
        ({"text": 42}, "string"),
        ({}, "Field required"),
    ],
)
def test_api_bad_input_is_422_with_a_clear_message(
    client: Any, couple: dict[str, Any], payload: dict[str, Any], words: str
) -> None:
    response = client.post("/api/v1/coach", json=payload, headers=couple["author"])
    assert response.status_code == 422
    assert words.lower() in str(response.json()["detail"]).lower()


def test_api_lone_surrogate_is_422_not_a_crash(client: Any, couple: dict[str, Any]) -> None:
    headers = {**couple["author"], "Content-Type": "application/json"}
    response = client.post("/api/v1/coach", content=b'{"text": "you never \\ud800 listen"}',
                           headers=headers)
    assert response.status_code == 422
    assert "broken characters" in str(response.json()["detail"])


def test_coaching_stores_nothing_and_partner_sees_nothing(
    app: Any, client: Any, couple: dict[str, Any]
) -> None:
    shared = {"text": "A calm shared note", "visibility": "shared"}
    client.post("/api/v1/entries", json=shared, headers=couple["author"])
    client.post("/api/v1/entries", json={"text": "private"}, headers=couple["author"])
    page_login(client, "author@example.org")
    token = csrf_of(client.get("/coach").text)
    seen_before = {
        who: (
            client.get("/api/v1/export", headers=couple[who]).json(),
            client.get("/api/v1/entries", headers=couple[who]).json()["items"],
            client.get("/api/v1/partner/entries", headers=couple[who]).json()["items"],
        )
        for who in ("author", "partner", "stranger")
    }
    # After those reads: a first read may adopt keys (a couple key wrapped for someone absent is
    # re-wrapped once they are here), which is not coaching storing anything.
    before_rows = snapshot(app)
    for text in (HARSH, ALARMING):
        assert client.post("/api/v1/coach", json={"text": text},
                           headers=couple["author"]).status_code == 200
        assert client.post("/coach/analyze", json={"text": text},
                           headers={"X-CSRF-Token": token}).status_code == 200
        assert client.post("/coach", data={"text": text, "csrf_token": token}).status_code == 200
    assert snapshot(app) == before_rows
    for who, before in seen_before.items():
        after = (
            client.get("/api/v1/export", headers=couple[who]).json(),
            client.get("/api/v1/entries", headers=couple[who]).json()["items"],
            client.get("/api/v1/partner/entries", headers=couple[who]).json()["items"],
        )
        assert after == before
        assert "selfish" not in str(after) and "want to die" not in str(after)


def test_partner_and_stranger_pages_show_nothing_of_the_draft(app: Any) -> None:
    author, token = logged_in_page(app, "author@example.org")
    author.post("/coach", data={"text": HARSH, "csrf_token": token})
    for email in ("partner@example.org", "stranger@example.org"):
        other, _ = logged_in_page(app, email)
        assert "selfish" not in other.get("/coach").text
        assert "selfish" not in other.get("/partner").text


def test_page_requires_login(client: Any) -> None:
    response = client.get("/coach", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    token = csrf_of(client.get("/login").text)
    live = client.post("/coach/analyze", json={"text": HARSH}, headers={"X-CSRF-Token": token})
    assert live.status_code == 401 and "Log in" in live.json()["detail"]
    form = client.post("/coach", data={"text": HARSH, "csrf_token": token},
                       follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == "/login"


def test_live_reading_needs_the_csrf_header(app: Any) -> None:
    browser, _ = logged_in_page(app, "a@example.org")
    response = browser.post("/coach/analyze", json={"text": HARSH})
    assert response.status_code == 403 and "expired" in response.json()["detail"]
    wrong = browser.post("/coach/analyze", json={"text": HARSH}, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403


def test_live_reading_returns_result_and_segments(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    body = browser.post("/coach/analyze", json={"text": HARSH},
                        headers={"X-CSRF-Token": token}).json()
    assert RESULT_KEYS <= set(body)
    assert "".join(s["text"] for s in body["segments"]) == HARSH
    marked = [s["text"] for s in body["segments"] if s["kinds"]]
    assert marked == [f["quote"] for f in body["flags"]]
    assert body["names"]["blame"] == "Blame" and body["safety_html"] is None
    assert all(f["rule"] and f["noticed_by"].endswith(f"({f['rule']})") or f["rule"] == "model.coach_head"
               for f in body["flags"])


def test_live_reading_carries_the_safety_panel_when_alarming(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    body = browser.post("/coach/analyze", json={"text": ALARMING},
                        headers={"X-CSRF-Token": token}).json()
    assert 'id="safety-panel"' in body["safety_html"]
    assert "want to die" not in body["safety_html"]  # the panel never carries the draft


def test_live_reading_shows_help_for_a_draft_only_the_safety_head_reads(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    body = browser.post("/coach/analyze", json={"text": HEAD_ONLY_HARMED},
                        headers={"X-CSRF-Token": token}).json()
    assert body["safety"]["level"] == "concern" and body["safety"]["who"] == ["writer_harmed"]
    assert any(f.startswith("model") for f in body["safety"]["fired"])
    assert body["gentle"] is False
    panel = body["safety_html"]
    assert 'id="safety-panel"' in panel and "never your fault" in panel
    assert 'id="safety-threat"' not in panel and "sleeping in the kids" not in panel


def test_live_reading_addresses_a_threatening_writer_as_the_one_who_threatens(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    body = browser.post("/coach/analyze", json={"text": HEAD_ONLY_THREAT},
                        headers={"X-CSRF-Token": token}).json()
    assert body["safety"]["who"] == ["writer_threatens"]
    assert "threat" in body["kinds"] and body["rewrite"] is None
    panel = body["safety_html"]
    assert 'id="safety-threat"' in panel and "never your fault" not in panel


def test_api_coach_reads_with_the_safety_head(client: Any, couple: dict[str, Any]) -> None:
    body = client.post("/api/v1/coach", json={"text": HEAD_ONLY_HARMED},
                       headers=couple["author"]).json()
    assert body["safety"]["level"] == "concern" and body["safety"]["kinds"] == ["violence"]
    assert body["safety"]["who"] == ["writer_harmed"] and body["gentle"] is False
    assert any(f.startswith("model") for f in body["safety"]["fired"])


@pytest.mark.parametrize(
    "content,words",
    [
        (b'{"text": ""}', "empty"),
        (b'{"text": "' + b"x" * 20_001 + b'"}', "20,000"),
        (b'{"text": "x' + b"y" * 300_000 + b'"}', "too long"),
        (b"\xff\xfe\x00binary", "JSON"),
        (b'{"words": "hi"}', "JSON"),
        (b'{"text": "\\u0000\\u0001\\u0002 junk"}', "binary"),
    ],
)
def test_live_reading_bad_input_is_422_json(app: Any, content: bytes, words: str) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    response = browser.post("/coach/analyze", content=content,
                            headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert words.lower() in response.json()["detail"].lower()


def test_form_without_js_renders_marks_reasons_and_rewrite(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    page = browser.post("/coach", data={"text": HARSH, "csrf_token": token}).text
    assert '<mark class="flag" data-kinds="blame" title="Blame">You never</mark>' in page
    assert "Criticism</strong>" in page and "A gentler way to say it" in page
    assert 'id="safety-panel"' not in page
    assert 'id="coach-result" hidden' not in page
    assert "Noticed by a written rule (coach." in page  # which rule fired, in a quiet line


def test_form_escapes_the_draft(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    draft = '<img src=x onerror="alert(1)"> you never listen'
    page = browser.post("/coach", data={"text": draft, "csrf_token": token}).text
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_form_shows_the_safety_panel_before_the_advice(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    page = browser.post("/coach", data={"text": ALARMING, "csrf_token": token}).text
    assert 'id="safety-panel"' in page
    assert page.index('id="safety-panel"') < page.index('id="coach-reasons"')
    assert "<summary>What noticed this</summary>" in page and "A written rule: self_harm." in page


def test_form_bad_input_gives_the_draft_back(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    long_draft = "you never listen " * 1200
    response = browser.post("/coach", data={"text": long_draft, "csrf_token": token})
    assert response.status_code == 422 and "20,000" in response.text
    assert long_draft.strip() in response.text
    empty = browser.post("/coach", data={"text": "  ", "csrf_token": token})
    assert empty.status_code == 422 and "empty" in empty.text


def test_form_without_csrf_is_refused(app: Any) -> None:
    browser, _ = logged_in_page(app, "a@example.org")
    assert browser.post("/coach", data={"text": HARSH}).status_code == 403


def test_nav_links_to_the_coach(app: Any) -> None:
    browser, _ = logged_in_page(app, "a@example.org")
    assert '<a href="/coach">Before you say it</a>' in browser.get("/journal").text


def test_a_harsh_draft_with_no_danger_shows_no_safety_panel(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    body = browser.post("/coach/analyze", json={"text": "You never listen to me. You're so "
                                                        "selfish about the car. Whatever."},
                        headers={"X-CSRF-Token": token}).json()
    assert body["safety_html"] is None


def test_the_typing_reading_and_the_rest_reading_are_both_asked_by_name(app: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    draft = "The letters are in the top drawer for the kids. I feel lighter than I have in years."
    typing = browser.post("/coach/analyze", json={"text": draft, "typing": True},
                          headers={"X-CSRF-Token": token})
    rest = browser.post("/coach/analyze", json={"text": draft, "typing": False},
                        headers={"X-CSRF-Token": token})
    unsaid = browser.post("/coach/analyze", json={"text": draft},
                          headers={"X-CSRF-Token": token})
    assert typing.status_code == rest.status_code == unsaid.status_code == 200
    # the pair of sentences is read at rest (and when the page does not say), not at a pause
    assert typing.json()["safety_html"] is None
    assert "safety-panel" in rest.json()["safety_html"]
    assert unsaid.json() == rest.json()
    # the page's flags are the quick reading's (the page adds who noticed each)
    shown = [{k: v for k, v in flag.items() if k != "noticed_by"} for flag in typing.json()["flags"]]
    assert shown == coach_draft(draft, typing=True).to_named_dict()["flags"]


@pytest.mark.parametrize("typing", ["yes", 1, None, [True]])
def test_a_typing_value_that_is_not_true_or_false_is_refused(app: Any, typing: Any) -> None:
    browser, token = logged_in_page(app, "a@example.org")
    response = browser.post("/coach/analyze", json={"text": HARSH, "typing": typing},
                            headers={"X-CSRF-Token": token})
    assert response.status_code == 422
    assert response.json()["detail"] == '"typing" must be true or false.'


def test_the_panel_names_the_nearest_lines_when_only_they_read_a_draft(
        app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from nearer.analysis.embeddings import embed
    from nearer.analysis.safety import neighbours, wording
    from nearer.analysis.safety import semantic as safety_semantic
    from nearer.analysis.safety.model import SafetyHead, use_head

    sideways = "Left the good tent and both rods in Tomasz's garage with a note saying keep them."
    vectors = embed([sideways, "We argued about the thermostat and then watched the match.",
                     "The bus was late so I walked the long way home."])
    index = neighbours.build(vectors, np.array([1, 0, 2]), 3, 1,
                             {"self_harm": 0.05, "violence": 0.05},
                             {"self_harm": (10.0, 0.0), "violence": (10.0, 0.0)}, 0.0, {})
    leaning = SafetyHead(np.zeros((3, 384), np.float32), np.array([2.0, 1.0, 0.0], np.float32),
                         1.0, {"self_harm": 0.99, "violence": 0.99}, np.zeros(384, np.float32),
                         -9.0, 0.5, {})
    silent = wording.WordingHead(("zz",), np.ones(1, np.float32), np.zeros((3, 1), np.float32),
                                 np.array([9.0, 0.0, 0.0], np.float32), 1.0,
                                 {"self_harm": 0.99, "violence": 0.99}, {})
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    browser, token = logged_in_page(app, "a@example.org")
    safety_semantic.clear_cache()
    try:
        with use_head(leaning), wording.use_head(silent), neighbours.use(index):
            page = browser.post("/coach", data={"text": sideways, "csrf_token": token}).text
    finally:
        safety_semantic.clear_cache()
    assert 'id="safety-panel"' in page
    assert "The lines people wrote that it sits closest to: reads like self-harm" in page
