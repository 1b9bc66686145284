"""Closeness questions: the mutual reveal, going deeper together, the safety gate, every role."""

from __future__ import annotations

from typing import Any

from rhythm_world import make_world, screen_all_clear, take_screen
from support import api_link, api_signup, csrf_of, page_login


def answer(world: Any, role: str, qid: str, text: str) -> Any:
    return world.put(role, f"/api/v1/questions/{qid}/answer", {"text": text})


def test_reveal_only_after_both_answered_through_every_route(client: Any) -> None:
    world = make_world(client)
    screen_all_clear(world, "owner", "partner", "former", "stranger")
    current = world.get("owner", "/api/v1/questions").json()["current"]
    assert current["id"] == "l01" and current["partner_state"] == "none"
    assert answer(world, "owner", "l01", "canaryANSWERqz").status_code == 200
    # The partner has not answered: they see that the owner answered, never what.
    for path in ("/api/v1/questions", "/api/v1/questions/l01"):
        response = world.get("partner", path)
        assert response.status_code == 200 and "canaryANSWERqz" not in response.text
    assert world.get("partner", "/api/v1/questions/l01").json()["partner_state"] == "waiting"
    for role in ("former", "stranger"):
        assert "canaryANSWERqz" not in world.get(role, "/api/v1/questions/l01").text
        assert "canaryANSWERqz" not in world.get(role, "/api/v1/questions").text
    assert world.get("anonymous", "/api/v1/questions").status_code == 401
    assert answer(world, "anonymous", "l01", "x").status_code == 401
    both = answer(world, "partner", "l01", "mine too").json()
    assert both["partner_state"] == "revealed" and both["partner_answer"] == "canaryANSWERqz"
    owner_view = world.get("owner", "/api/v1/questions").json()
    assert owner_view["answered"][0]["partner_answer"] == "mine too"
    assert owner_view["current"]["id"] == "l02"  # both moved on to the same next question


def test_deeper_decks_open_only_when_both_choose(client: Any) -> None:
    world = make_world(client)
    screen_all_clear(world, "owner", "partner")
    assert world.get("owner", "/api/v1/questions/d01").status_code == 404
    chose = world.put("owner", "/api/v1/questions-deck", {"deck": "deeper"}).json()
    assert [(d["id"], d["unlocked"], d["chosen"]) for d in chose["decks"]] == [
        ("light", True, True), ("deeper", False, True), ("deepest", False, False)]
    partner_decks = world.get("partner", "/api/v1/questions").json()["decks"]
    assert partner_decks[1]["chosen"] is False  # the owner's wish is not shown to the partner
    assert world.put("owner", "/api/v1/questions-deck", {"deck": "deepest"}).status_code == 200
    opened = world.put("partner", "/api/v1/questions-deck", {"deck": "deeper"}).json()
    assert [d["unlocked"] for d in opened["decks"]] == [True, True, False]
    assert opened["current"]["id"] == "d01"
    assert world.get("owner", "/api/v1/questions/d01").status_code == 200
    assert world.get("owner", "/api/v1/questions/x01").status_code == 404
    # A new couple starts again from the light deck, and sees none of the old answers.
    answer(world, "owner", "d01", "canaryOLDANSWERqz")
    newcomer = api_signup(client, "newcomer@example.org")
    world.h["newcomer"] = newcomer
    world.relink("owner", "newcomer")
    screen_all_clear(world, "newcomer")
    fresh = world.get("newcomer", "/api/v1/questions")
    assert "canaryOLDANSWERqz" not in fresh.text
    assert [d["unlocked"] for d in fresh.json()["decks"]] == [True, False, False]
    assert "canaryOLDANSWERqz" not in world.get("owner", "/api/v1/questions").text


def test_positive_safety_screen_closes_joint_questions(client: Any) -> None:
    world = make_world(client)
    take_screen(world, "owner")
    not_yet = world.get("owner", "/api/v1/questions").json()
    assert not_yet["open"] is False and not_yet["current"] is None  # the partner has not screened
    take_screen(world, "partner", positive=True)
    for role in ("owner", "partner"):
        closed = world.get(role, "/api/v1/questions").json()
        assert closed["open"] is False and closed["decks"] == []
        assert answer(world, role, "l01", "hello").status_code == 403
        assert world.get(role, "/api/v1/questions/l01").status_code == 403
    # The owner's message never says why the partner's side is closed.
    assert world.get("owner", "/api/v1/questions").json()["message"] == (
        "Joint exercises open when both of you have taken your own private "
        "check-in and both allow them. Until then, your own tools all work.")
    page_login(client, "owner@example.org")
    assert 'id="questions-closed"' in client.get("/questions").text


def test_alone_every_deck_is_open_and_private(client: Any) -> None:
    alone = api_signup(client, "alone@example.org")
    view = client.get("/api/v1/questions", headers=alone).json()
    assert view["open"] and view["linked"] is False and view["current"]["id"] == "l01"
    put = client.put("/api/v1/questions/l05/answer", json={"text": "private"}, headers=alone)
    assert put.json()["partner_state"] == "alone"
    bad = client.put("/api/v1/questions/l05/answer", json={"text": "  "}, headers=alone)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "text"
    assert client.get("/api/v1/questions/zz99", headers=alone).status_code == 404


def test_questions_page_answer_and_reveal(client: Any, app: Any) -> None:
    from fastapi.testclient import TestClient

    a, b = api_signup(client, "a@example.org"), api_signup(client, "b@example.org")
    api_link(client, a, b)
    for headers in (a, b):
        from nearer.domain.safety_screen import QUESTION_IDS

        client.post("/api/v1/safety-check", json={"answers": dict.fromkeys(QUESTION_IDS, "no")},
                    headers=headers)  # fmt: skip
    pages = {}
    for email in ("a@example.org", "b@example.org"):
        pages[email] = TestClient(app, base_url="https://testserver")
        page_login(pages[email], email)
    first = pages["a@example.org"]
    token = csrf_of(first.get("/questions").text)
    empty = first.post("/questions/l01/answer", data={"text": "", "csrf_token": token})
    assert empty.status_code == 422 and 'class="field-error"' in empty.text
    first.post("/questions/l01/answer", data={"text": "canaryPAGEANSWERqz", "csrf_token": token})
    second = pages["b@example.org"]
    waiting = second.get("/questions").text
    assert "Your partner has answered" in waiting and "canaryPAGEANSWERqz" not in waiting
    token = csrf_of(waiting)
    second.post("/questions/l01/answer", data={"text": "here too", "csrf_token": token})
    assert "canaryPAGEANSWERqz" in second.get("/questions").text


def test_an_alarming_answer_shows_help_to_its_author_only(client: Any) -> None:
    world = make_world(client)
    screen_all_clear(world, "owner", "partner")
    text = "He hit me again last night and I am scared to go home."
    saved = answer(world, "owner", "l01", text).json()
    assert saved["safety"]["level"] in ("concern", "urgent") and saved["safety"]["kinds"]
    calm = answer(world, "partner", "l01", "A walk by the river.").json()
    assert calm["safety"] == {"level": "none", "kinds": [], "who": []}
    assert "safety" not in world.get("partner", "/api/v1/questions/l01").json()
