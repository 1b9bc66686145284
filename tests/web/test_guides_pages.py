"""Pages for recognize and understand: questionnaires, results, adding a file, the gap, reflect, guides."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, csrf_of, page_login

from nearer.domain.safety_screen import QUESTION_IDS

SIGNS = [f"sg{i:02d}" for i in range(1, 13)]


@pytest.fixture
def browsers(app: Any) -> dict[str, Any]:
    setup = TestClient(app, base_url="https://testserver")
    a = api_signup(setup, "a@example.org")
    b = api_signup(setup, "b@example.org")
    api_signup(setup, "stranger@example.org")
    api_link(setup, a, b)
    found: dict[str, Any] = {"api_a": a, "api_b": b, "setup": setup}
    for who in ("a", "b", "stranger"):
        browser = TestClient(app, base_url="https://testserver")
        page_login(browser, f"{who}@example.org")
        found[who] = browser
    found["anonymous"] = TestClient(app, base_url="https://testserver")
    return found


def submit(browser: Any, instrument: str, answers: dict[str, int], about: str = "self") -> Any:
    token = csrf_of(browser.get(f"/instruments/{instrument}?about={about}").text)
    data = {
        "csrf_token": token,
        "about": about,
        **{f"answer-{k}": str(v) for k, v in answers.items()},
    }
    return browser.post(f"/instruments/{instrument}", data=data, follow_redirects=False)


def test_attachment_form_leads_to_the_quadrant_picture(browsers: dict[str, Any]) -> None:
    a = browsers["a"]
    assert "Attachment tendencies" in a.get("/instruments").text
    response = submit(a, "attachment", {f"at{i:02d}": 6 for i in range(1, 13)})
    assert response.status_code == 303
    page = a.get(response.headers["location"]).text
    assert 'class="attachment-plane"' in page and "Not a diagnosis" in page
    assert "The answers that moved this score most" in page and "Source:" in page
    # the result is the author's only
    assert browsers["b"].get(response.headers["location"]).status_code == 404
    assert (
        browsers["anonymous"].get(response.headers["location"], follow_redirects=False).status_code
        == 303
    )


def test_missing_answers_re_show_the_form_marking_items(browsers: dict[str, Any]) -> None:
    response = submit(browsers["a"], "satisfaction", {"sat1": 3, "sat2": 9})
    assert response.status_code == 422
    assert 'id="item-sat3"' in response.text and "is missing" in response.text
    assert "must be a whole number from 0 to 6" in response.text
    assert re.search(r'name="answer-sat1" value="3"\s+checked', response.text)  # answer kept


def test_satisfaction_result_shows_the_trend_line(browsers: dict[str, Any]) -> None:
    a = browsers["a"]
    submit(a, "satisfaction", {"sat1": 2, "sat2": 2, "sat3": 4, "sat4": 2})
    response = submit(a, "satisfaction", {"sat1": 5, "sat2": 4, "sat3": 2, "sat4": 6})
    page = a.get(response.headers["location"]).text
    assert 'id="satisfaction-trend"' in page and "<svg" in page and "<polyline" in page
    assert re.search(r"<h2>[^<]*: 19 ", page)  # 5 + 4 + (6 - 2) + 6


def test_admin_page_adds_a_file_and_lists_errors(browsers: dict[str, Any]) -> None:
    a = browsers["a"]
    token = csrf_of(a.get("/instruments-admin").text)
    bad = a.post(
        "/instruments-admin",
        data={"csrf_token": token},
        files={"file": ("mine.yaml", b"id: Not A Slug\ntitle: x\n", "text/yaml")},
    )
    assert bad.status_code == 422
    assert "mine.yaml: id" in bad.text and "mine.yaml: items" in bad.text
    big = a.post(
        "/instruments-admin",
        data={"csrf_token": token},
        files={"file": ("big.yaml", b"#" * (200 * 1024 + 1), "text/yaml")},
    )
    assert big.status_code == 422 and "200 KB" in big.text


def test_gap_page_toggle_and_no_leak(browsers: dict[str, Any]) -> None:
    setup, url = browsers["setup"], "/api/v1/instruments/signs/responses"
    for who, about, value in (("api_a", "self", 1), ("api_b", "partner", 5),
                              ("api_b", "self", 3), ("api_a", "partner", 3)):  # fmt: skip
        body = {"answers": {i: value for i in SIGNS}, "about": about}
        assert setup.post(url, json=body, headers=browsers[who]).status_code == 201
    for who in ("api_a", "api_b"):  # the gap is a joint exercise: both take the private check
        screen = {"answers": {q: "no" for q in QUESTION_IDS}}
        assert (
            setup.post("/api/v1/safety-check", json=screen, headers=browsers[who]).status_code
            == 201
        )

    def toggle(who: str, share: str) -> None:
        token = csrf_of(browsers[who].get("/perception-gap").text)
        data = {"csrf_token": token, "share": share}
        assert browsers[who].post("/perception-gap/consent", data=data).status_code == 200

    toggle("a", "yes")
    assert 'id="gap"' not in browsers["a"].get("/perception-gap").text
    toggle("b", "yes")
    page = browsers["a"].get("/perception-gap").text
    assert 'id="gap"' in page and "Your partner sees you" in page
    # The side-by-side view: A sees themself at 1 on every sign, B sees A at 5; B's own view
    # and A's view of B agree (3), so only A's twelve signs are drawn, one dumbbell each.
    assert 'id="gap-chart"' in page
    assert page.count("<title>How each sees themself: 1 (Never)</title>") == len(SIGNS)
    assert page.count("<title>How the other sees them: 5 (Almost always)</title>") == len(SIGNS)
    assert "You see yourself: 1 (Never)" in page and "your partner sees you: 5" in page
    assert 'id="gap"' not in browsers["stranger"].get("/perception-gap").text
    toggle("b", "no")
    assert 'id="gap"' not in browsers["a"].get("/perception-gap").text


def test_reflect_page_saves_privately_and_offers_another(browsers: dict[str, Any]) -> None:
    a = browsers["a"]
    page = a.get("/reflect").text
    prompt_id = page.split('name="prompt_id" value="')[1].split('"')[0]
    token = csrf_of(page)
    saved = a.post(
        "/reflect",
        data={
            "csrf_token": token,
            "prompt_id": prompt_id,
            "text": "Home was quiet about feelings.",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    after = a.get("/reflect").text
    assert "Home was quiet about feelings." in after
    assert f'name="prompt_id" value="{prompt_id}"' not in after
    assert "Home was quiet" not in browsers["b"].get("/partner").text
    skipped = a.post("/reflect/skip", data={"csrf_token": token})
    assert skipped.status_code == 200


@pytest.mark.parametrize(("typed", "field"), [
    ({"text": "\u200b", "feelings": "calm"}, "text"),
    ({"text": "We never talked about money at home.", "feelings": "blorpy"}, "feelings"),
    ({"text": "We never talked about money at home.", "intensity": "11"}, "intensity"),
])
def test_reflect_shows_each_error_beside_its_field_and_keeps_what_was_typed(
        browsers: dict[str, Any], typed: dict[str, str], field: str) -> None:
    a = browsers["a"]
    page = a.get("/reflect").text
    prompt_id = page.split('name="prompt_id" value="')[1].split('"')[0]
    answer = a.post("/reflect", data={"csrf_token": csrf_of(page), "prompt_id": prompt_id, **typed})
    assert answer.status_code == 422
    assert f'id="{field}-error"' in answer.text
    assert f'aria-describedby="{field}-error"' in answer.text
    for value in typed.values():
        if value.strip("\u200b"):
            assert value in answer.text  # kept, to correct rather than type again


def test_reflect_answer_runs_the_safety_check(browsers: dict[str, Any]) -> None:
    a = browsers["a"]
    page = a.get("/reflect").text
    prompt_id = page.split('name="prompt_id" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "prompt_id": prompt_id,
            "text": "I want to kill myself, I mean it"}
    response = a.post("/reflect", data=data)
    assert response.status_code == 200 and 'id="safety-panel"' in response.text


def test_guide_page_counts_reads_and_shows_notes_to_the_partner_only(
    browsers: dict[str, Any],
) -> None:
    a, b, stranger = browsers["a"], browsers["b"], browsers["stranger"]
    listing = a.get("/guides").text
    assert "gentle-start-up" in listing
    page = a.get("/guides/gentle-start-up").text
    assert "Read by 1 person" in page and "Learn more about" in page
    assert "Read by 1 person" in a.get("/guides/gentle-start-up").text  # once per person
    token = csrf_of(page)
    note = {"csrf_token": token, "text": "Shall we try a soft start on Sunday?"}
    assert a.post("/guides/gentle-start-up/note", data=note).status_code == 200
    assert "Shall we try a soft start" in b.get("/guides/gentle-start-up").text
    assert "Shall we try a soft start" not in stranger.get("/guides/gentle-start-up").text
    assert b.get("/guides/no-such-guide").status_code == 404


def test_a_flagged_guide_note_stays_with_its_author(browsers: dict[str, Any]) -> None:
    a, b = browsers["a"], browsers["b"]
    token = csrf_of(a.get("/guides/gentle-start-up").text)
    text = "He hits me when he is angry and I am scared of him"
    response = a.post("/guides/gentle-start-up/note", data={"csrf_token": token, "text": text})
    assert 'id="safety-panel"' in response.text and "kept with you only" in response.text
    assert "He hits me" not in b.get("/guides/gentle-start-up").text


def test_an_empty_note_is_refused_beside_the_note(browsers: dict[str, Any]) -> None:
    a = browsers["a"]
    page = a.get("/guides/gentle-start-up").text
    answer = a.post("/guides/gentle-start-up/note", data={"csrf_token": csrf_of(page),
                                                          "text": "\u200b \u2060"})
    assert answer.status_code == 422
    assert 'id="text-error"' in answer.text and 'aria-describedby="text-error"' in answer.text
    assert "Your partner's note" not in browsers["b"].get("/guides/gentle-start-up").text
