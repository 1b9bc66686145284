"""Responding to a shared entry: warm reactions and short replies, seen only by the two of them,
removable by whoever sent them, gone for a former partner — through the API and the page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, csrf_of, page_login


@pytest.fixture
def couple(app: Any) -> dict[str, Any]:
    api = TestClient(app, base_url="https://testserver")
    h = {who: api_signup(api, f"{who}@example.org") for who in ("sam", "alex", "kim")}
    api_link(api, h["sam"], h["alex"])
    shared = api.post(
        "/api/v1/entries", json={"text": "I missed you today", "visibility": "shared"}, headers=h["sam"]
    ).json()["id"]
    private = api.post("/api/v1/entries", json={"text": "mine"}, headers=h["sam"]).json()["id"]
    return {"api": api, "h": h, "shared": shared, "private": private, "app": app}


def _post(couple: dict[str, Any], who: str, entry: int, body: dict[str, Any]) -> Any:
    return couple["api"].post(f"/api/v1/entries/{entry}/reactions", json=body, headers=couple["h"][who])


def _thread(couple: dict[str, Any], who: str, entry: int) -> Any:
    return couple["api"].get(f"/api/v1/entries/{entry}/reactions", headers=couple["h"][who])


def _items(couple: dict[str, Any], who: str, entry: int) -> list[dict[str, Any]]:
    """The thread's first page (newest first)."""
    answer = _thread(couple, who, entry)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_partner_reacts_and_both_see_it(couple: dict[str, Any]) -> None:
    made = _post(couple, "alex", couple["shared"], {"kind": "thanks", "reply": "Me too."})
    assert made.status_code == 201
    body = made.json()
    assert (body["kind"], body["words"], body["reply"], body["mine"]) == (
        "thanks", "Thank you for sharing", "Me too.", True
    )
    assert body["safety"] == {"level": "none", "kinds": [], "who": []}
    [seen] = _items(couple, "sam", couple["shared"])
    assert seen["words"] == "Thank you for sharing" and seen["mine"] is False
    assert "safety" not in seen
    reply = _post(couple, "sam", couple["shared"], {"reply": "Dinner tomorrow?"})
    assert reply.status_code == 201
    texts = [r["reply"] for r in _items(couple, "alex", couple["shared"])]
    assert texts == ["Dinner tomorrow?", "Me too."]  # newest first


def test_rules_for_what_may_be_sent(couple: dict[str, Any]) -> None:
    empty = _post(couple, "alex", couple["shared"], {})
    assert empty.status_code == 422
    own_kind = _post(couple, "sam", couple["shared"], {"kind": "thanks"})
    assert own_kind.status_code == 422 and "partner's entries" in own_kind.text
    unknown = _post(couple, "alex", couple["shared"], {"kind": "love-bomb"})
    assert unknown.status_code == 422
    too_long = _post(couple, "alex", couple["shared"], {"reply": "x" * 501})
    assert too_long.status_code == 422
    private = _post(couple, "sam", couple["private"], {"reply": "note to self"})
    assert private.status_code == 409
    assert _items(couple, "sam", couple["shared"]) == []  # nothing partial was written


def test_only_the_two_of_them_ever_see_it(couple: dict[str, Any]) -> None:
    _post(couple, "alex", couple["shared"], {"kind": "hear"})
    for entry in (couple["shared"], couple["private"]):
        assert _thread(couple, "kim", entry).status_code == 404
        assert _post(couple, "kim", entry, {"reply": "hi"}).status_code == 404
    assert _post(couple, "alex", couple["private"], {"reply": "hi"}).status_code == 404
    anonymous = couple["api"].get(f"/api/v1/entries/{couple['shared']}/reactions")
    assert anonymous.status_code == 401


def test_each_removes_only_their_own(couple: dict[str, Any]) -> None:
    theirs = _post(couple, "alex", couple["shared"], {"kind": "talk"}).json()["id"]
    mine = _post(couple, "sam", couple["shared"], {"reply": "Yes, tonight"}).json()["id"]
    base = f"/api/v1/entries/{couple['shared']}/reactions"
    assert couple["api"].delete(f"{base}/{theirs}", headers=couple["h"]["sam"]).status_code == 404
    assert couple["api"].delete(f"{base}/{theirs}", headers=couple["h"]["kim"]).status_code == 404
    assert couple["api"].delete(f"{base}/{theirs}", headers=couple["h"]["alex"]).status_code == 204
    assert [r["id"] for r in _items(couple, "sam", couple["shared"])] == [mine]


def test_making_it_private_or_unlinking_closes_the_thread(couple: dict[str, Any]) -> None:
    _post(couple, "alex", couple["shared"], {"kind": "thanks", "reply": "FORMER-REPLY"})
    api, h = couple["api"], couple["h"]
    api.patch(f"/api/v1/entries/{couple['shared']}", json={"visibility": "private"}, headers=h["sam"])
    assert _items(couple, "sam", couple["shared"]) == []
    api.patch(f"/api/v1/entries/{couple['shared']}", json={"visibility": "shared"}, headers=h["sam"])
    assert len(_items(couple, "sam", couple["shared"])) == 1
    assert api.delete("/api/v1/couple", headers=h["sam"]).status_code == 204
    # The former partner sees nothing at all; the author no longer sees the former's reply.
    assert _thread(couple, "alex", couple["shared"]).status_code == 404
    assert _items(couple, "sam", couple["shared"]) == []
    page = TestClient(couple["app"], base_url="https://testserver")
    page_login(page, "sam@example.org")
    assert "FORMER-REPLY" not in page.get(f"/journal/{couple['shared']}").text


def test_a_former_partner_can_still_take_back_their_own_reply(couple: dict[str, Any]) -> None:
    api, h = couple["api"], couple["h"]
    base = f"/api/v1/entries/{couple['shared']}/reactions"
    mine = _post(couple, "alex", couple["shared"], {"reply": "TAKE-ME-BACK"}).json()["id"]
    theirs = _post(couple, "sam", couple["shared"], {"reply": "sam's own"}).json()["id"]
    assert api.delete("/api/v1/couple", headers=h["sam"]).status_code == 204
    assert "TAKE-ME-BACK" in api.get("/api/v1/export", headers=h["alex"]).text
    # Still not theirs to read, and the other's reply is still not theirs to remove...
    assert _thread(couple, "alex", couple["shared"]).status_code == 404
    assert api.delete(f"{base}/{theirs}", headers=h["alex"]).status_code == 404
    assert api.delete(f"{base}/{mine}", headers=h["kim"]).status_code == 404
    assert api.delete(f"/api/v1/entries/{couple['private']}/reactions/{mine}",
                      headers=h["alex"]).status_code == 404  # the id must name its own entry
    # ...but what they wrote is theirs to take back.
    assert api.delete(f"{base}/{mine}", headers=h["alex"]).status_code == 204
    assert "TAKE-ME-BACK" not in api.get("/api/v1/export", headers=h["alex"]).text


def test_reacting_through_the_page_without_javascript(couple: dict[str, Any]) -> None:
    alex = TestClient(couple["app"], base_url="https://testserver")
    page_login(alex, "alex@example.org")
    partner_page = alex.get("/partner").text
    assert f'href="/journal/{couple["shared"]}#reactions"' in partner_page
    html = alex.get(f"/journal/{couple['shared']}").text
    for words in ("Thank you for sharing", "I hear you", "Can we talk about this?"):
        assert f">{words}</button>" in html
    token = csrf_of(html)
    url = f"/journal/{couple['shared']}/reactions"
    done = alex.post(url, data={"kind": "hear", "csrf_token": token})
    assert done.status_code == 200 and "Sent. Only the two of you can see it." in done.text
    assert "<strong>I hear you</strong>" in done.text
    empty = alex.post(url, data={"reply": "   ", "csrf_token": token})
    assert empty.status_code == 422
    assert re.search(r'id="reply-error"[^>]*>This is empty; choose a reaction', empty.text)
    [mine] = _items(couple, "alex", couple["shared"])
    removed = alex.post(f"{url}/{mine['id']}/delete", data={"csrf_token": token})
    assert "Your response is removed." in removed.text
    assert _items(couple, "alex", couple["shared"]) == []
    sam = TestClient(couple["app"], base_url="https://testserver")
    page_login(sam, "sam@example.org")
    own = sam.get(f"/journal/{couple['shared']}").text
    assert "How your partner answered" in own
    assert ">Thank you for sharing</button>" not in own  # the author may reply, not react
