"""The API access matrix: owner, partner, stranger and anonymous, for private and shared entries."""

from __future__ import annotations

from typing import Any

import pytest
from support import api_link, api_signup


@pytest.fixture
def people(client: Any) -> dict[str, Any]:
    owner = api_signup(client, "owner@example.org")
    partner = api_signup(client, "partner@example.org")
    stranger = api_signup(client, "stranger@example.org")
    api_link(client, owner, partner)
    private = client.post("/api/v1/entries", json={"text": "private thought"}, headers=owner).json()
    shared = client.post(
        "/api/v1/entries", json={"text": "for us", "visibility": "shared"}, headers=owner
    ).json()
    return {
        "owner": owner,
        "partner": partner,
        "stranger": stranger,
        "anonymous": {},
        "private": private["id"],
        "shared": shared["id"],
    }


# (who, which entry) -> expected status for GET
READ = {
    ("owner", "private"): 200,
    ("owner", "shared"): 200,
    ("partner", "private"): 404,
    ("partner", "shared"): 200,
    ("stranger", "private"): 404,
    ("stranger", "shared"): 404,
    ("anonymous", "private"): 401,
    ("anonymous", "shared"): 401,
}


@pytest.mark.parametrize("who,which", list(READ))
def test_reading_an_entry(client: Any, people: dict[str, Any], who: str, which: str) -> None:
    response = client.get(f"/api/v1/entries/{people[which]}", headers=people[who])
    assert response.status_code == READ[(who, which)]
    if response.status_code == 404:
        assert response.json() == {"detail": "No such entry."}  # same as a missing one


@pytest.mark.parametrize("who", ["partner", "stranger", "anonymous"])
@pytest.mark.parametrize("which", ["private", "shared"])
def test_only_the_owner_may_change_or_delete(
    client: Any, people: dict[str, Any], who: str, which: str
) -> None:
    url = f"/api/v1/entries/{people[which]}"
    expected = 401 if who == "anonymous" else 404
    assert client.patch(url, json={"text": "changed"}, headers=people[who]).status_code == expected
    assert client.delete(url, headers=people[who]).status_code == expected
    assert client.get(url, headers=people["owner"]).json()["text"] in {"private thought", "for us"}


def test_owner_can_change_share_and_delete(client: Any, people: dict[str, Any]) -> None:
    url = f"/api/v1/entries/{people['private']}"
    assert (
        client.patch(url, json={"visibility": "shared"}, headers=people["owner"]).status_code == 200
    )
    assert {
        e["text"] for e in client.get("/api/v1/partner/entries", headers=people["partner"]).json()["items"]
    } == {"private thought", "for us"}
    assert client.delete(url, headers=people["owner"]).status_code == 204
    assert client.get(url, headers=people["owner"]).status_code == 404


@pytest.mark.parametrize(
    "who,expected", [("owner", set()), ("partner", {"for us"}), ("stranger", set())]
)
def test_partner_listing_holds_only_shared_entries(
    client: Any, people: dict[str, Any], who: str, expected: set[str]
) -> None:
    got = client.get("/api/v1/partner/entries", headers=people[who]).json()["items"]
    assert {e["text"] for e in got} == expected
    assert all("safety" not in e and "emotions" not in e for e in got)


def test_own_listing_never_includes_partner_entries(client: Any, people: dict[str, Any]) -> None:
    assert client.get("/api/v1/entries", headers=people["partner"]).json()["items"] == []
    assert client.get("/api/v1/partner/entries").status_code == 401


def test_missing_entry_and_hidden_entry_look_the_same(client: Any, people: dict[str, Any]) -> None:
    hidden = client.get(f"/api/v1/entries/{people['private']}", headers=people["partner"])
    missing = client.get("/api/v1/entries/99999", headers=people["partner"])
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_export_holds_only_what_the_caller_owns(client: Any, people: dict[str, Any]) -> None:
    mine = client.get("/api/v1/export", headers=people["partner"]).json()
    assert mine["format"] == "nearer-export" and mine["version"] == 1
    assert mine["entries"] == []
    owner = client.get("/api/v1/export", headers=people["owner"]).json()
    assert sorted(e["text"] for e in owner["entries"]) == ["for us", "private thought"]
    assert client.get("/api/v1/export").status_code == 401


def test_unlinking_ends_access(client: Any, people: dict[str, Any]) -> None:
    assert client.delete("/api/v1/couple", headers=people["partner"]).status_code == 204
    assert (
        client.get(f"/api/v1/entries/{people['shared']}", headers=people["partner"]).status_code
        == 404
    )
    assert client.get("/api/v1/entries", headers=people["owner"]).json()["items"] != []


def test_deleting_my_account_removes_my_entries(client: Any, people: dict[str, Any]) -> None:
    assert client.delete("/api/v1/users/me", headers=people["owner"]).status_code == 204
    assert client.get("/api/v1/partner/entries", headers=people["partner"]).json()["items"] == []
    assert client.get("/api/v1/entries", headers=people["owner"]).status_code == 401


@pytest.mark.parametrize("body", [{"text": "We talked"}, {}, {"text": 5}])
def test_writing_needs_a_login_before_anything_else(client: Any, people: dict[str, Any],
                                                    body: dict[str, Any]) -> None:
    # The login is checked in the same thread-pool hop as the write; anonymous still gets 401
    # first, whatever the body, and a wrong token is refused and writes nothing.
    assert client.post("/api/v1/entries", json=body).status_code == 401
    bad = client.post("/api/v1/entries", json={"text": "We talked"},
                      headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401 and bad.headers["www-authenticate"] == "Bearer"
    owner = client.get("/api/v1/entries", headers=people["owner"]).json()["items"]
    assert all(e["text"] != "We talked" for e in owner)
