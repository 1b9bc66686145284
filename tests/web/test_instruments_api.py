"""API for questionnaires and the perception gap: validation, own history, and the access matrix."""

from __future__ import annotations

from typing import Any

import pytest
from support import api_link, api_signup

from nearer.domain.safety_screen import QUESTION_IDS

SIGNS = [f"sg{i:02d}" for i in range(1, 13)]
SAT = {"sat1": 5, "sat2": 4, "sat3": 2, "sat4": 6}


def test_list_and_definition(client: Any) -> None:
    me = api_signup(client, "me@example.org")
    listed = client.get("/api/v1/instruments", headers=me).json()
    assert [i["id"] for i in listed] == ["signs", "attachment", "satisfaction"]
    definition = client.get("/api/v1/instruments/signs?about=partner", headers=me).json()
    assert definition["scale"]["min"] == 1 and definition["scale"]["max"] == 5
    first = definition["items"][0]
    assert set(first) == {"id", "text", "subscale", "reverse"}
    assert first["text"].startswith("My partner")
    assert client.get("/api/v1/instruments/nope", headers=me).status_code == 404
    assert (
        client.get("/api/v1/instruments/satisfaction?about=partner", headers=me).status_code == 422
    )
    assert client.get("/api/v1/instruments").status_code == 401


def test_answering_scores_and_history_is_own(client: Any) -> None:
    me = api_signup(client, "me@example.org")
    other = api_signup(client, "other@example.org")
    response = client.post(
        "/api/v1/instruments/satisfaction/responses", json={"answers": SAT}, headers=me
    )
    assert response.status_code == 201
    assert response.json()["scores"] == {"satisfaction": 19.0}
    assert len(client.get("/api/v1/instruments/satisfaction/responses", headers=me).json()["items"]) == 1
    assert client.get("/api/v1/instruments/satisfaction/responses", headers=other).json()["items"] == []


@pytest.mark.parametrize(
    "answers,named",
    [
        ({"sat1": 1, "sat2": 1, "sat3": 1}, "answers.sat4"),
        ({**SAT, "extra": 1}, "answers.extra"),
        ({**SAT, "sat2": 7}, "answers.sat2"),
    ],
)
def test_bad_answers_are_422_naming_the_item(
    client: Any, answers: dict[str, int], named: str
) -> None:
    me = api_signup(client, "me@example.org")
    response = client.post(
        "/api/v1/instruments/satisfaction/responses", json={"answers": answers}, headers=me
    )
    assert response.status_code == 422
    assert named in [d["loc"][-1] for d in response.json()["detail"]]


def test_text_answers_are_refused_not_coerced(client: Any) -> None:
    me = api_signup(client, "me@example.org")
    body = {"answers": {**SAT, "sat1": "5"}}
    response = client.post("/api/v1/instruments/satisfaction/responses", json=body, headers=me)
    assert response.status_code == 422


@pytest.fixture
def people(client: Any) -> dict[str, Any]:
    a = api_signup(client, "a@example.org")
    b = api_signup(client, "b@example.org")
    pro = api_signup(client, "counsellor@example.org")
    stranger = api_signup(client, "stranger@example.org")
    api_link(client, a, b)
    url = "/api/v1/instruments/signs/responses"
    for who, about, value in ((a, "self", 2), (b, "partner", 4), (b, "self", 3), (a, "partner", 1)):
        body = {"answers": {item: value for item in SIGNS}, "about": about}
        assert client.post(url, json=body, headers=who).status_code == 201
    for who in (a, b):
        screen = {"answers": {q: "no" for q in QUESTION_IDS}}
        assert client.post("/api/v1/safety-check", json=screen, headers=who).status_code == 201
    return {
        "partner_a": a,
        "partner_b": b,
        "professional": pro,
        "stranger": stranger,
        "anonymous": {},
    }


GAP = "/api/v1/couple/perception-gap"
DENIED = {
    "partner_a": 404,
    "partner_b": 404,
    "professional": 404,
    "stranger": 404,
    "anonymous": 401,
}


@pytest.mark.parametrize("consents", [(), ("partner_a",), ("partner_b",)])
def test_no_gap_without_both_consents(
    client: Any, people: dict[str, Any], consents: tuple[str, ...]
) -> None:
    for who in consents:
        assert client.put(f"{GAP}/consent", headers=people[who]).status_code == 200
    for who, code in DENIED.items():
        response = client.get(GAP, headers=people[who])
        assert response.status_code == code, who
        assert "sg01" not in response.text


def test_gap_with_both_consents_and_after_withdrawal(client: Any, people: dict[str, Any]) -> None:
    for who in ("partner_a", "partner_b", "professional", "stranger"):
        client.put(f"{GAP}/consent", headers=people[who])
    expected = {**DENIED, "partner_a": 200, "partner_b": 200}
    for who, code in expected.items():
        assert client.get(GAP, headers=people[who]).status_code == code, who
    items = client.get(GAP, headers=people["partner_a"]).json()["items"]
    assert len(items) == 24  # every item differs for both: A 2 vs 4, B 3 vs 1
    assert {i["size"] for i in items} == {2}
    assert client.delete(f"{GAP}/consent", headers=people["partner_b"]).status_code == 204
    for who, code in DENIED.items():
        assert client.get(GAP, headers=people[who]).status_code == code, who


def test_consent_status_holds_only_own_side(client: Any, people: dict[str, Any]) -> None:
    client.put(f"{GAP}/consent", headers=people["partner_b"])
    status = client.get(f"{GAP}/consent", headers=people["partner_a"]).json()
    assert status["consented"] is False and "partner_consented" not in status


def test_guides_api_and_notes_for_the_partner_only(client: Any) -> None:
    a = api_signup(client, "a@example.org")
    b = api_signup(client, "b@example.org")
    stranger = api_signup(client, "s@example.org")
    guides = client.get("/api/v1/guides", headers=a).json()
    assert len(guides) >= 8 and all(g["read_count"] == 0 for g in guides)
    gid = guides[0]["id"]
    assert (
        client.put(f"/api/v1/guides/{gid}/note", json={"text": "hi"}, headers=a).status_code == 409
    )
    api_link(client, a, b)
    saved = client.put(f"/api/v1/guides/{gid}/note", json={"text": "Let us try this."}, headers=a)
    assert saved.status_code == 200 and saved.json()["safety"]["level"] == "none"
    for _ in range(2):
        page = client.get(f"/api/v1/guides/{gid}", headers=b).json()
    assert page["read_count"] == 1  # counted once per person
    assert page["partner_note"]["text"] == "Let us try this."
    assert page["related"] and "html" in page
    assert client.get(f"/api/v1/guides/{gid}", headers=stranger).json()["partner_note"] is None
    assert (
        client.get(f"/api/v1/guides/{gid}", headers=a).json()["read_count"] == 3
    )  # b, stranger, a
    assert client.get("/api/v1/guides/nope", headers=a).status_code == 404


def test_gap_closes_when_a_partner_is_not_safe(client: Any, people: dict[str, Any]) -> None:
    for who in ("partner_a", "partner_b"):
        client.put(f"{GAP}/consent", headers=people[who])
    assert client.get(GAP, headers=people["partner_a"]).status_code == 200
    screen = {"answers": {q: "no" for q in QUESTION_IDS} | {"hurt": "yes"}}
    client.post("/api/v1/safety-check", json=screen, headers=people["partner_b"])
    response = client.get(GAP, headers=people["partner_a"])
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Joint exercises open when both of you have taken your own private "
        "check-in and both allow them. Until then, your own tools all work.")
    assert "sg01" not in response.text
