"""Questionnaires on a phone: a few items per screen with progress, answers kept on the server
as you go (a reload or Back loses nothing, no JavaScript needed), missing answers marked beside
their items, results in whole numbers with one "not a diagnosis"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_signup, csrf_of, page_login

# Odd items measure one subscale, even items the other (signs.yaml).
ANSWERS = {f"sg{n:02d}": v for n, v in enumerate([3, 2, 4, 2, 4, 3, 3, 2, 4, 2, 4, 2], start=1)}


@pytest.fixture
def people(app: Any) -> dict[str, TestClient]:
    made = {}
    for who in ("sam", "kim"):
        api_signup(TestClient(app, base_url="https://testserver"), f"{who}@example.org")
        made[who] = TestClient(app, base_url="https://testserver")
        page_login(made[who], f"{who}@example.org")
    return made


def _items(html: str) -> list[str]:
    return re.findall(r'<fieldset class="item[^"]*" id="item-(sg\d\d)"', html)


def _checked(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="answer-(sg\d\d)" value="(\d)"\s+checked', html))


def _send(browser: TestClient, screen: int, go: str, answers: dict[str, int]) -> Any:
    token = csrf_of(browser.get("/instruments/signs?screen=1").text)
    form = {"csrf_token": token, "about": "self", "screen": str(screen), "go": go}
    form |= {f"answer-{k}": str(v) for k, v in answers.items()}
    return browser.post("/instruments/signs", data=form, follow_redirects=False)


def test_one_small_group_per_screen_with_progress(people: dict[str, TestClient]) -> None:
    html = people["sam"].get("/instruments/signs").text
    assert _items(html) == ["sg01", "sg02", "sg03"]
    assert "Screen 1 of 4" in html and "0 of 12 answered" in html
    assert '<progress max="12" value="0"' in html
    assert 'name="go" value="next"' in html and 'value="back"' not in html
    last = people["sam"].get("/instruments/signs?screen=4").text
    assert _items(last) == ["sg10", "sg11", "sg12"] and "See my result" in last


def test_answers_are_kept_across_screens_and_reloads(people: dict[str, TestClient]) -> None:
    sam = people["sam"]
    first = {k: ANSWERS[k] for k in ("sg01", "sg02", "sg03")}
    moved = _send(sam, 1, "next", first)
    assert moved.status_code == 303
    assert moved.headers["location"] == "/instruments/signs?about=self&screen=2"
    # A reload of the questionnaire (no screen given) resumes where the answers stop.
    resumed = sam.get("/instruments/signs").text
    assert _items(resumed) == ["sg04", "sg05", "sg06"] and "3 of 12 answered" in resumed
    back = _send(sam, 2, "back", {"sg04": 2})
    assert back.headers["location"] == "/instruments/signs?about=self&screen=1"
    again = sam.get("/instruments/signs?screen=1").text
    assert _checked(again) == {"sg01": "3", "sg02": "2", "sg03": "4"}
    assert _checked(sam.get("/instruments/signs?screen=2").text) == {"sg04": "2"}
    # The draft is Sam's alone.
    assert _checked(people["kim"].get("/instruments/signs?screen=1").text) == {}
    # Answers about the partner are a separate draft.
    assert _checked(sam.get("/instruments/signs?about=partner&screen=1").text) == {}


def test_missing_answers_are_marked_on_their_screen(people: dict[str, TestClient]) -> None:
    sam = people["sam"]
    _send(sam, 1, "next", {k: ANSWERS[k] for k in ("sg01", "sg02", "sg03")})
    response = _send(sam, 4, "finish", {k: ANSWERS[k] for k in ("sg10", "sg11", "sg12")})
    assert response.status_code == 422
    assert _items(response.text) == ["sg04", "sg05", "sg06"]  # the first screen with a gap
    assert "6 of the items still need an answer" in response.text
    assert re.search(r'id="sg04-error">[^<]+</p>', response.text)


def test_finishing_gives_whole_numbers_and_one_not_a_diagnosis(
    people: dict[str, TestClient],
) -> None:
    sam = people["sam"]
    items = list(ANSWERS)
    for screen in range(1, 5):
        group = {k: ANSWERS[k] for k in items[(screen - 1) * 3 : screen * 3]}
        done = _send(sam, screen, "next" if screen < 4 else "finish", group)
    assert done.status_code == 303 and "/instruments/results/" in done.headers["location"]
    result = sam.get(done.headers["location"]).text
    # Odd items (feelings) 3, 4, 4, 3, 4, 4 with sg09 counted the other way round (6 - 4 = 2):
    # 20/6 = 3.33, read as 3. Even items (presence) 2, 2, 3, 2, 2, 2 with sg12 reversed (6 - 2 =
    # 4): 15/6 = 2.5, read as 3 (a half rounds up).
    scores = re.findall(r": (\d+) <span class=\"quiet\">\(on a scale from 1 to 5", result)
    assert scores == ["3", "3"]
    assert "3.33" not in result and "2.5 " not in result
    text = re.sub(r"<[^>]+>", " ", result).lower()
    assert text.count("not a diagnosis") == 1
    # The draft is gone: a new start is empty.
    assert _checked(sam.get("/instruments/signs?screen=1").text) == {}


def test_whole_rounds_halves_up() -> None:
    from nearer.domain.instruments import whole

    assert [whole(v) for v in (2.49, 2.5, 3.5, 16.0, 0.0)] == [2, 3, 4, 16, 0]
