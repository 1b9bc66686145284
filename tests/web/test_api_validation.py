"""Bad input to the API gets a clear 422 (or 409/401) and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from support import api_signup


@pytest.fixture
def me(client: Any) -> dict[str, str]:
    return api_signup(client, "me@example.org")


@pytest.mark.parametrize(
    "body,field",
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 20_001}, "text"),
        ({"text": "ok", "intensity": 11}, "intensity"),
        ({"text": "ok", "intensity": -1}, "intensity"),
        ({"text": "ok", "intensity": "5"}, "intensity"),
        ({"text": "ok", "visibility": "public"}, "visibility"),
        ({"text": 42}, "text"),
        ({"text": "ok", "feelings": "lonely"}, "feelings"),
        ({"text": "ok", "unknown": 1}, "unknown"),
        ({}, "text"),
    ],
)
def test_bad_entries_are_refused_with_the_field_named(
    client: Any, me: dict[str, str], body: dict[str, Any], field: str
) -> None:
    response = client.post("/api/v1/entries", json=body, headers=me)
    assert response.status_code == 422
    assert any(field in [str(p) for p in d["loc"]] for d in response.json()["detail"])
    assert client.get("/api/v1/entries", headers=me).json()["items"] == []


def test_malformed_json_is_a_clear_422(client: Any, me: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/entries", content=b"{not json", headers={**me, "Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert "detail" in response.json()


def test_duplicate_email_answers_like_a_new_one(client: Any) -> None:
    body = {"email": "dup@example.org", "password": "long-enough-pw"}
    first = client.post("/api/v1/users", json=body)
    again = client.post("/api/v1/users", json=body)
    assert first.status_code == again.status_code == 201
    assert set(first.json()) == set(again.json()) == {"email", "recovery_code", "message"}
    assert first.json()["recovery_code"] != again.json()["recovery_code"]


def test_wrong_password_is_401_without_saying_which_part(client: Any) -> None:
    api_signup(client, "x@example.org")
    response = client.post(
        "/api/v1/auth/token", data={"username": "x@example.org", "password": "nope-nope"}
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "That email and password do not match an account."


def test_openapi_lists_the_api(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/users",
        "/api/v1/auth/token",
        "/api/v1/entries",
        "/api/v1/entries/{entry_id}",
        "/api/v1/partner/entries",
        "/api/v1/couple/invite",
        "/api/v1/couple/join",
        "/api/v1/export",
        "/api/v1/users/me",
    ):
        assert path in paths


def test_bad_invite_code_is_explained(client: Any, me: dict[str, str]) -> None:
    response = client.post("/api/v1/couple/join", json={"code": "nope"}, headers=me)
    assert response.status_code == 422
    response = client.post("/api/v1/couple/join", json={"code": "ABCD-EFGH"}, headers=me)
    assert response.status_code == 404


def test_huge_request_is_refused_with_413_and_writes_nothing(
    client: Any, me: dict[str, str]
) -> None:
    body = b'{"text": "' + b"x" * 1_200_000 + b'"}'
    response = client.post(
        "/api/v1/entries", content=body, headers={**me, "Content-Type": "application/json"}
    )
    assert response.status_code == 413 and "nothing was saved" in response.json()["detail"]
    assert client.get("/api/v1/entries", headers=me).json()["items"] == []


def test_huge_streamed_request_without_length_is_refused(client: Any, me: dict[str, str]) -> None:
    def chunks() -> Any:
        for _ in range(30):
            yield b"x" * 50_000

    response = client.post(
        "/api/v1/coach", content=chunks(), headers={**me, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
