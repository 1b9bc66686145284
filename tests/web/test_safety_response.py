"""Safety language is answered for the author everywhere text enters — and never reaches the partner."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, csrf_of, page_login

ALARMING = "Last night he grabbed my wrist and said I'd regret it if I ever left."
SELF_HARM = "honestly everyone would be better off without me"


@pytest.fixture
def couple(client: Any) -> dict[str, Any]:
    author = api_signup(client, "author@example.org")
    partner = api_signup(client, "partner@example.org")
    api_link(client, author, partner)
    return {"author": author, "partner": partner, "stranger": api_signup(client, "s@example.org")}


def test_author_gets_safety_on_the_saved_entry(client: Any, couple: dict[str, Any]) -> None:
    entry = client.post("/api/v1/entries", json={"text": ALARMING}, headers=couple["author"]).json()
    assert entry["text"] == ALARMING  # saved, nothing lost
    assert entry["safety"]["level"] in {"concern", "urgent"} and entry["safety"]["kinds"] == [
        "violence"
    ]
    assert entry["safety"]["who"] == ["writer_harmed"]  # the reading just made says who
    again = client.get(f"/api/v1/entries/{entry['id']}", headers=couple["author"]).json()
    # The stored reading keeps the level and kinds; who is at risk is not kept with it.
    assert again["safety"] == {**entry["safety"], "who": None}


@pytest.mark.parametrize("text", [ALARMING, SELF_HARM])
def test_partner_never_sees_a_trace(client: Any, couple: dict[str, Any], text: str) -> None:
    calm = client.post(
        "/api/v1/entries",
        json={"text": "A calm shared note", "visibility": "shared"},
        headers=couple["author"],
    ).json()
    worried = client.post(
        "/api/v1/entries", json={"text": text, "visibility": "shared"}, headers=couple["author"]
    ).json()
    seen = client.get("/api/v1/partner/entries", headers=couple["partner"]).json()["items"]
    assert {tuple(sorted(e)) for e in seen} == {
        tuple(sorted(k for k in calm if k not in {"safety", "emotions", "family"}))
    }
    for entry in seen:
        assert "safety" not in entry and "emotions" not in entry
    one = client.get(f"/api/v1/entries/{worried['id']}", headers=couple["partner"]).json()
    assert "safety" not in one
    export = client.get("/api/v1/export", headers=couple["partner"]).json()
    assert "safety" not in str(export).lower().replace("safety_screens", "")
    assert export["safety_screens"] == []


def test_partners_private_alarming_entry_is_invisible(client: Any, couple: dict[str, Any]) -> None:
    entry = client.post(
        "/api/v1/entries", json={"text": SELF_HARM}, headers=couple["author"]
    ).json()
    for who in ("partner", "stranger"):
        assert client.get(f"/api/v1/entries/{entry['id']}", headers=couple[who]).status_code == 404
    assert client.get(f"/api/v1/entries/{entry['id']}").status_code == 401


def test_journal_page_shows_the_calm_panel_with_resources(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, "a@example.org")
    page_login(browser, "a@example.org")
    token = csrf_of(browser.get("/journal").text)
    page = browser.post("/journal", data={"text": SELF_HARM, "csrf_token": token}).text
    assert 'id="safety-panel"' in page and "Your words are saved" in page
    assert "Find A Helpline" in page or "crisis" in page.lower()
    assert SELF_HARM in browser.get("/journal").text  # the text was kept


def test_calm_entry_shows_no_panel(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, "a@example.org")
    page_login(browser, "a@example.org")
    token = csrf_of(browser.get("/journal").text)
    page = browser.post(
        "/journal", data={"text": "This deadline is killing me lol", "csrf_token": token}
    ).text
    assert 'id="safety-panel"' not in page


@pytest.mark.parametrize(
    "country,expected", [("gb", "999"), ("us", "911"), ("in", "112"), (None, "112")]
)
def test_resources_follow_the_callers_country(
    client: Any, country: str | None, expected: str
) -> None:
    me = api_signup(client, "c@example.org")
    if country:
        assert (
            client.patch("/api/v1/users/me", json={"country": country}, headers=me).status_code
            == 200
        )
    data = client.get("/api/v1/resources", headers=me).json()
    assert expected in data["emergency_number"] and data["crisis"] and data["right_now"]


def test_resources_are_open_to_anyone(client: Any) -> None:
    assert client.get("/api/v1/resources?country=au").json()["country"] == "au"
    page = client.get("/help-now?country=ie")
    assert page.status_code == 200 and "crisis-lines" in page.text


def test_quick_exit_is_on_every_page(app: Any, client: Any) -> None:
    for path in ("/", "/login", "/signup", "/help-now"):
        page = client.get(path).text
        assert 'id="quick-exit"' in page and "/static/quick-exit.js" in page
        assert "does not erase your browser history" in page


def test_coach_safety_panel_never_claims_the_draft_was_saved(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, "a@example.org")
    page_login(browser, "a@example.org")
    token = csrf_of(browser.get("/coach").text)
    page = browser.post("/coach", data={"text": SELF_HARM, "csrf_token": token}).text
    assert 'id="safety-panel"' in page
    assert "Your words are saved" not in page and "saved and private" not in page


THREATENING = "If she takes the kids to her sister's again I will hurt her, I mean it."


def test_a_writer_who_threatens_gets_a_panel_written_for_them(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    me = api_signup(browser, "t@example.org")
    assert browser.patch("/api/v1/users/me", json={"country": "gb"}, headers=me).status_code == 200
    page_login(browser, "t@example.org")
    token = csrf_of(browser.get("/journal").text)
    page = browser.post("/journal", data={"text": THREATENING, "csrf_token": token}).text
    assert 'id="safety-threat"' in page and "at least 20 minutes" in page
    assert "Respect Phoneline" in page and "Source: Respect" in page
    assert "never your fault" not in page
    # The reading may be wrong: where to turn if it is the writer who is hurt comes after the
    # help written for them, without the words for people who are hurt.
    assert page.index("Respect Phoneline") < page.index('id="safety-if-hurt"') \
        < page.index("National Domestic Abuse Helpline")
    # Someone hurt by another still hears that it is not their fault, with abuse helplines.
    token = csrf_of(browser.get("/journal").text)
    page = browser.post("/journal", data={"text": ALARMING, "csrf_token": token}).text
    assert "never your fault" in page and 'id="safety-threat"' not in page
    assert "National Domestic Abuse Helpline" in page and 'id="safety-if-hurt"' not in page


def test_coach_flags_a_threat_and_never_reads_it_as_gentle(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, "c2@example.org")
    page_login(browser, "c2@example.org")
    token = csrf_of(browser.get("/coach").text)
    page = browser.post("/coach", data={"text": THREATENING, "csrf_token": token}).text
    assert 'id="safety-threat"' in page and "Threat" in page
    assert 'id="coach-gentle" class="coach-gentle" hidden>' in page


def test_a_writer_both_hurt_and_threatening_gets_both_kinds_of_help(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    me = api_signup(browser, "m@example.org")
    assert browser.patch("/api/v1/users/me", json={"country": "gb"}, headers=me).status_code == 200
    page_login(browser, "m@example.org")
    token = csrf_of(browser.get("/journal").text)
    text = "He punched me in the face last night. Next time I will stab him, I swear."
    page = browser.post("/journal", data={"text": text, "csrf_token": token}).text
    assert 'id="safety-threat"' in page and "never your fault" not in page
    assert "National Domestic Abuse Helpline" in page and "Respect Phoneline" in page
    assert 'id="safety-if-hurt"' not in page  # the abuse helplines are in the main list already


def test_help_now_without_a_country_still_has_numbers_to_tap(client: Any) -> None:
    page = client.get("/help-now").text  # nobody logged in, no country chosen
    emergency = page.split('id="emergency"', 1)[1].split("</p>", 1)[0]
    assert 'href="tel:112"' in emergency and 'href="tel:911"' in emergency
    assert 'href="tel:999"' in emergency


def test_help_now_and_the_resources_list_help_for_someone_frightened_of_themself(
    client: Any,
) -> None:
    page = client.get("/help-now?country=gb").text
    section = page.split('id="own-behaviour-lines"', 1)[1].split("</ul>", 1)[0]
    assert "Respect" in section and "leave the room now" in page
    listed = client.get("/api/v1/resources?country=gb").json()
    assert any("Respect" in line["name"] for line in listed["own_behaviour"])
