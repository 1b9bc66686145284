"""Feedback on the journal pages: a one-time "Saved" toast, errors beside each field, unknown
feelings refused the same way on the page and the API, the hint before saving, the full edit
form, and destructive actions that ask first."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, csrf_of, page_login


@pytest.fixture
def people(app: Any) -> dict[str, Any]:
    setup = TestClient(app, base_url="https://testserver")
    headers = {who: api_signup(setup, f"{who}@example.org") for who in ("sam", "alex", "kim")}
    api_link(setup, headers["sam"], headers["alex"])
    browsers = {}
    for who in ("sam", "kim"):
        browsers[who] = TestClient(app, base_url="https://testserver")
        page_login(browsers[who], f"{who}@example.org")
    return {"api": setup, "headers": headers, "browsers": browsers}


def _toast(html: str) -> str | None:
    found = re.search(r'<p class="toast" role="status" id="toast">([^<]*)</p>', html)
    return found.group(1) if found else None


def test_saving_shows_a_toast_once(people: dict[str, Any]) -> None:
    sam = people["browsers"]["sam"]
    token = csrf_of(sam.get("/journal").text)
    response = sam.post("/journal", data={"text": "Quiet dinner", "csrf_token": token})
    assert response.status_code == 200
    assert _toast(response.text) == "Saved. Only you can see it."
    assert _toast(sam.get("/journal").text) is None  # reload: it does not come back
    shared = sam.post(
        "/journal", data={"text": "A walk", "visibility": "shared", "csrf_token": token}
    )
    assert _toast(shared.text) == "Saved and shared with your partner."


def test_edit_share_private_and_delete_each_say_what_happened(people: dict[str, Any]) -> None:
    sam = people["browsers"]["sam"]
    token = csrf_of(sam.get("/journal").text)
    sam.post("/journal", data={"text": "Quiet dinner", "csrf_token": token})
    entry_id = people["api"].get("/api/v1/entries", headers=people["headers"]["sam"]).json()["items"][0]["id"]
    steps = [
        (f"/journal/{entry_id}/edit", {"text": "Quiet dinner, then a talk"}, "Your changes are saved."),
        (f"/journal/{entry_id}/visibility", {"visibility": "shared"}, "Shared with your partner."),
        (f"/journal/{entry_id}/visibility", {"visibility": "private"}, "Made private: only you can see it now."),
        (f"/journal/{entry_id}/delete", {}, "Deleted."),
    ]
    for url, form, message in steps:
        response = sam.post(url, data={**form, "csrf_token": token})
        assert response.status_code == 200, (url, response.text[:300])
        assert _toast(response.text) == message


def test_errors_sit_beside_each_field_in_plain_words(people: dict[str, Any]) -> None:
    sam = people["browsers"]["sam"]
    token = csrf_of(sam.get("/journal").text)
    form = {"text": "  ", "intensity": "11", "feelings": "blorpy", "csrf_token": token}
    response = sam.post("/journal", data=form)
    assert response.status_code == 422
    html = response.text
    assert re.search(r'id="text-error"[^>]*>This is empty; write at least a word\.</p>', html)
    assert re.search(r'id="intensity-error"[^>]*>This is 11; it must be from 0 to 10\.</p>', html)
    assert re.search(r'id="feelings-error"[^>]*>&#39;blorpy&#39; is not a feeling word', html)
    assert "text: is empty" not in html  # no code-like banner
    assert 'value="blorpy"' in html  # what was typed is kept
    assert 'aria-invalid="true"' in html


def test_unknown_feeling_is_refused_on_the_page_and_the_api_alike(people: dict[str, Any]) -> None:
    sam = people["browsers"]["sam"]
    token = csrf_of(sam.get("/journal").text)
    page = sam.post("/journal", data={"text": "x", "feelings": "lonley", "csrf_token": token})
    assert page.status_code == 422 and "did you mean lonely" in page.text
    api = people["api"].post(
        "/api/v1/entries",
        json={"text": "x", "feelings": ["lonley"]},
        headers=people["headers"]["sam"],
    )
    assert api.status_code == 422
    [problem] = api.json()["detail"]
    assert problem["loc"][-2:] == ["feelings", 0] and "did you mean lonely" in problem["msg"]
    assert people["api"].get("/api/v1/entries", headers=people["headers"]["sam"]).json()["items"] == []


def test_the_hint_shows_before_saving_without_javascript(people: dict[str, Any]) -> None:
    sam = people["browsers"]["sam"]
    token = csrf_of(sam.get("/journal").text)
    form = {"text": "He left early", "feelings": "ignored, calm", "csrf_token": token}
    form["check"] = "Check my feeling words first"
    response = sam.post("/journal", data=form)
    assert response.status_code == 200
    assert "Feeling or judgement?" in response.text
    assert "&#34;Ignored&#34; tells what you sense someone did" in response.text
    assert "He left early" in response.text  # the form comes back as typed
    assert people["api"].get("/api/v1/entries", headers=people["headers"]["sam"]).json()["items"] == []
    # The script's notes ship with the page, for the hint while typing.
    assert '<template id="nudge-library">' in sam.get("/journal").text
    assert sam.get("/static/feelings-hint.js").status_code == 200


def test_edit_page_has_the_full_form(people: dict[str, Any]) -> None:
    headers = people["headers"]["sam"]
    entry = people["api"].post(
        "/api/v1/entries",
        json={"text": "A walk", "feelings": ["calm"], "visibility": "shared"},
        headers=headers,
    ).json()
    html = people["browsers"]["sam"].get(f"/journal/{entry['id']}/edit").text
    assert 'name="feeling_pick"' in html  # the feelings wheel
    assert re.search(r'name="visibility" value="shared" checked', html)
    token = csrf_of(html)
    form = {
        "text": "A walk",
        "feelings": "calm",
        "feeling_pick": "grateful",
        "visibility": "private",
        "csrf_token": token,
    }
    people["browsers"]["sam"].post(f"/journal/{entry['id']}/edit", data=form)
    changed = people["api"].get(f"/api/v1/entries/{entry['id']}", headers=headers).json()
    assert changed["feelings"] == ["calm", "grateful"] and changed["visibility"] == "private"


def test_destructive_forms_ask_first(people: dict[str, Any]) -> None:
    headers = people["headers"]["sam"]
    entry = people["api"].post(
        "/api/v1/entries", json={"text": "A walk", "visibility": "shared"}, headers=headers
    ).json()
    html = people["browsers"]["sam"].get(f"/journal/{entry['id']}").text
    assert re.search(r'action="/journal/\d+/delete"[^>]*\s+data-confirm="Delete', html)
    assert re.search(r'action="/journal/\d+/visibility"[^>]*data-confirm="Make this private', html)


def test_other_destructive_forms_ask_first_too(people: dict[str, Any]) -> None:
    html = people["browsers"]["sam"].get("/account").text
    assert re.search(r'action="/account/delete"[^>]*data-confirm="Delete your account', html)
