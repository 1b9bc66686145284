"""The safety screen over the API, for owner, partner, stranger and anonymous."""

from __future__ import annotations

from typing import Any

from support import api_link, api_signup

from nearer.domain.safety_screen import QUESTION_IDS

SAFE = {q: "no" for q in QUESTION_IDS}


def test_screen_result_goes_only_to_the_person_who_took_it(client: Any) -> None:
    a, b = api_signup(client, "a@example.org"), api_signup(client, "b@example.org")
    stranger = api_signup(client, "s@example.org")
    api_link(client, a, b)
    client.post("/api/v1/safety-check", json={"answers": SAFE}, headers=a)
    response = client.post(
        "/api/v1/safety-check", json={"answers": {**SAFE, "hurt": "yes"}}, headers=b
    )
    assert response.status_code == 201
    body = response.json()
    assert body["positive"] and "why" in body and body["resources"]["domestic_violence"]
    assert client.get("/api/v1/couple/joint-status", headers=a).json()["state"] == "unavailable"
    assert client.get("/api/v1/couple/joint-status", headers=b).json()["state"] == "not_for_you"
    assert (
        client.get("/api/v1/couple/joint-status", headers=stranger).json()["state"] == "take_screen"
    )
    assert client.get("/api/v1/safety-check", headers=a).json()["last_positive"] is False
    assert client.post("/api/v1/safety-check", json={"answers": SAFE}).status_code == 401
    assert client.get("/api/v1/couple/joint-status").status_code == 401


def test_incomplete_screen_is_a_422_naming_the_questions(client: Any) -> None:
    me = api_signup(client, "a@example.org")
    response = client.post("/api/v1/safety-check", json={"answers": {"afraid": "no"}}, headers=me)
    assert response.status_code == 422 and "hurt" in str(response.json())
