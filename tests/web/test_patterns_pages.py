"""My patterns (page and API), the feelings picker, the judgement nudge, emotions for the author."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, csrf_of, page_login

WHO = ("owner", "partner", "stranger", "anonymous")


@pytest.fixture
def world(app: Any) -> dict[str, Any]:
    """Owner and partner linked, a stranger. Each writes entries with distinct feeling words."""
    setup = TestClient(app, base_url="https://testserver")
    heads = {
        who: api_signup(setup, f"{who}@example.org") for who in ("owner", "partner", "stranger")
    }
    api_link(setup, heads["owner"], heads["partner"])

    def write(who: str, text: str, feelings: list[str], shared: bool = False) -> int:
        body = {"text": text, "feelings": feelings, "intensity": 6, "tags": ["home"]}
        body["visibility"] = "shared" if shared else "private"
        response = setup.post("/api/v1/entries", json=body, headers=heads[who])
        assert response.status_code == 201
        return int(response.json()["id"])

    ids = {
        "owner_private": write("owner", "I felt heartbroken at dinner", ["heartbroken"]),
        "owner_shared": write("owner", "Thank you for the walk", ["appreciative", "ignored"], True),
        "partner_private": write("partner", "Work exasperates me", ["exasperated"]),
        "partner_shared": write("partner", "A delightful day", ["delighted"], True),
        "stranger": write("stranger", "Panicky about the exam", ["panicky"]),
    }
    browsers = {}
    for who in WHO:
        browser = TestClient(app, base_url="https://testserver")
        if who != "anonymous":
            page_login(browser, f"{who}@example.org")
        browsers[who] = browser
    return {"heads": heads, "browsers": browsers, "ids": ids}


OWN_WORDS = {
    "owner": [["appreciative", 1], ["heartbroken", 1]],
    "partner": [["delighted", 1], ["exasperated", 1]],
    "stranger": [["panicky", 1]],
}


@pytest.mark.parametrize("who", WHO)
def test_api_patterns_are_only_ever_the_callers_own(
    client: Any, world: dict[str, Any], who: str
) -> None:
    headers = world["heads"].get(who, {})
    # An attempt to name someone else is ignored: there is no parameter for it.
    response = client.get("/api/v1/patterns?user_id=1&owner=1", headers=headers)
    if who == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    data = response.json()
    assert data["top_words"] == OWN_WORDS[who]
    assert data["entry_count"] == len(OWN_WORDS[who])  # one feeling word per entry here
    assert sum(sum(c) for c in data["family_by_week"].values()) == data["entry_count"]


def test_api_patterns_weekly_counts_by_hand(client: Any, world: dict[str, Any]) -> None:
    data = client.get("/api/v1/patterns?weeks=4", headers=world["heads"]["owner"]).json()
    assert data["weeks"] and len(data["weeks"]) == 1  # both entries were written this week
    assert data["intensity_by_week"] == [6.0]  # (6 + 6) / 2
    assert len(data["granularity"]) == 4
    assert data["granularity"][-1]["cumulative_words"] == 2  # ignored is not a feeling word


@pytest.mark.parametrize("query", ["weeks=0", "weeks=500", "tz=Not/AZone", "weeks=abc"], ids=str)
def test_api_patterns_refuses_bad_options(client: Any, world: dict[str, Any], query: str) -> None:
    response = client.get(f"/api/v1/patterns?{query}", headers=world["heads"]["owner"])
    assert response.status_code == 422


@pytest.mark.parametrize("who", WHO)
def test_patterns_page_shows_only_my_own_charts(world: dict[str, Any], who: str) -> None:
    response = world["browsers"][who].get("/patterns", follow_redirects=False)
    if who == "anonymous":
        assert response.status_code == 303 and response.headers["location"] == "/login"
        return
    assert response.status_code == 200
    html = response.text
    assert html.count("<svg") == 7
    assert html.count("<figcaption>") == 7
    mine = {w for w, _ in OWN_WORDS[who]}
    others = {w for words in OWN_WORDS.values() for w, _ in words} - mine
    for word in mine:
        assert word in html
    for word in others:
        assert word not in html
    assert "grade" not in html.lower()


def test_patterns_page_with_no_entries_says_so(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, "new@example.org")
    page_login(browser, "new@example.org")
    html = browser.get("/patterns").text
    assert "No journal entries in these weeks yet" in html and "<svg" not in html


def test_picker_offers_every_wheel_word_and_family(world: dict[str, Any]) -> None:
    html = world["browsers"]["owner"].get("/journal").text
    assert '<datalist id="feeling-words">' in html and 'list="feeling-words"' in html
    assert html.count("<details>") == 7
    assert '<input type="checkbox" name="feeling_pick" value="lonely">' in html


def test_picked_words_are_merged_into_feelings(world: dict[str, Any]) -> None:
    browser = world["browsers"]["owner"]
    token = csrf_of(browser.get("/journal").text)
    form = {
        "text": "Quiet evening",
        "feelings": "tired, lonely",
        "feeling_pick": ["lonely", "hurt"],
        "csrf_token": token,
    }
    response = browser.post("/journal", data=form, follow_redirects=False)
    assert response.status_code == 303
    newest = browser.get("/api/v1/entries", headers=world["heads"]["owner"]).json()["items"][0]
    assert newest["feelings"] == ["tired", "lonely", "hurt"]


def test_bad_pick_gives_the_form_back(world: dict[str, Any]) -> None:
    browser = world["browsers"]["owner"]
    token = csrf_of(browser.get("/journal").text)
    form = {"text": "keep me", "feeling_pick": ["not a word!"], "csrf_token": token}
    response = browser.post("/journal", data=form)
    assert response.status_code == 422 and "keep me" in response.text


def test_judgement_word_gets_a_gentle_nudge_after_saving(world: dict[str, Any]) -> None:
    browser = world["browsers"]["owner"]
    token = csrf_of(browser.get("/journal").text)
    form = {"text": "She left early", "feeling_pick": ["abandoned"], "csrf_token": token}
    response = browser.post("/journal", data=form)
    assert response.status_code == 200 and "Feeling or judgement?" in response.text
    assert "Abandoned&#34; tells what you sense someone did" in response.text
    form = {"text": "A calm day", "feelings": "calm", "csrf_token": token}
    assert "Feeling or judgement?" not in browser.post("/journal", data=form).text


def test_nudge_never_reveals_another_persons_entry(world: dict[str, Any]) -> None:
    # The owner's shared entry carries "ignored"; the partner may read the entry itself,
    # but the nudge is for the author after saving, and a stranger learns nothing at all.
    shared = world["ids"]["owner_shared"]
    for who in ("partner", "stranger"):
        html = world["browsers"][who].get(f"/journal?saved={shared}").text
        assert "Feeling or judgement?" not in html
    html = world["browsers"]["owner"].get(f"/journal?saved={shared}").text
    assert "Feeling or judgement?" in html


def test_detected_emotions_show_to_the_author_only(world: dict[str, Any]) -> None:
    shared = world["ids"]["owner_shared"]
    owner_html = world["browsers"]["owner"].get(f"/journal/{shared}").text
    assert "What your words suggest" in owner_html
    assert re.search(r"<strong>(joy|love|sadness|anger|fear|shame|neutral)</strong>", owner_html)
    partner_html = world["browsers"]["partner"].get(f"/journal/{shared}").text
    assert "Thank you for the walk" in partner_html
    assert "What your words suggest" not in partner_html
