"""Paged lists through the API and the pages: `next`, the Link header, the Older entries link,
bad cursors as clear 422s, and privacy on every page."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, page_login

from nearer.storage.db import Database
from nearer.storage.models import Entry, User

T0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def seed(db: Database, email: str, count: int, *, shared_every: int = 0) -> None:
    """`count` entries for the person with `email`, a minute apart, straight in the table."""
    with db.transaction() as session:
        user = session.query(User).filter(User.email == email).one()
        from nearer.services.access import current_couple_id

        couple = current_couple_id(session, user.id)
        for i in range(count):
            shared = bool(shared_every) and i % shared_every == 0
            session.add(
                Entry(
                    uid=str(uuid.uuid4()),
                    owner_id=user.id,
                    text=f"{'shared' if shared else 'private'} entry {i:03d}",
                    feelings=["lonely"] if i % 2 else ["calm"],
                    tags=[],
                    visibility="shared" if shared else "private",
                    shared_couple_id=couple if shared else None,
                    created_at=T0 + timedelta(minutes=i),
                    updated_at=T0 + timedelta(minutes=i),
                )
            )


@pytest.fixture
def couple(client: Any, sqlite_db: Database) -> dict[str, Any]:
    owner = api_signup(client, "owner@example.org")
    partner = api_signup(client, "partner@example.org")
    api_link(client, owner, partner)
    return {"owner": owner, "partner": partner, "db": sqlite_db}


def texts(page: dict[str, Any]) -> list[str]:
    return [e["text"] for e in page["items"]]


def test_api_pages_follow_next_and_link_to_the_end(client: Any, couple: dict[str, Any]) -> None:
    seed(couple["db"], "owner@example.org", 7)
    first = client.get("/api/v1/entries?limit=3&feeling=calm", headers=couple["owner"])
    assert first.status_code == 200
    assert texts(first.json()) == ["private entry 006", "private entry 004", "private entry 002"]
    link = re.fullmatch(r'<([^>]+)>; rel="next"', first.headers["Link"])
    assert link and "feeling=calm" in link.group(1) and "limit=3" in link.group(1)
    assert f"cursor={first.json()['next']}" in link.group(1)

    second = client.get(link.group(1), headers=couple["owner"])
    assert texts(second.json()) == ["private entry 000"]
    assert second.json()["next"] is None and "Link" not in second.headers


def test_default_page_is_fifty_and_the_walk_covers_everything(
    client: Any, couple: dict[str, Any]
) -> None:
    seed(couple["db"], "owner@example.org", 120)
    page = client.get("/api/v1/entries", headers=couple["owner"]).json()
    assert len(page["items"]) == 50 and page["items"][0]["text"] == "private entry 119"
    seen = texts(page)
    while page["next"]:
        page = client.get(
            "/api/v1/entries", params={"cursor": page["next"], "limit": 200}, headers=couple["owner"]
        ).json()
        seen += texts(page)
    assert seen == [f"private entry {i:03d}" for i in range(119, -1, -1)]


@pytest.mark.parametrize(
    "query,field",
    [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=ten", "limit"),
        ("cursor=", "cursor"),
        ("cursor=%25%25", "cursor"),
        ("cursor=bm90IGEgY3Vyc29y", "cursor"),  # base64 of "not a cursor"
        ("cursor=" + "A" * 201, "cursor"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/entries", "/api/v1/partner/entries"])
def test_a_bad_page_option_is_a_clear_422(
    client: Any, couple: dict[str, Any], path: str, query: str, field: str
) -> None:
    response = client.get(f"{path}?{query}", headers=couple["owner"])
    assert response.status_code == 422
    assert [p["loc"] for p in response.json()["detail"]] == [["query", field]]


def test_partner_pages_carry_only_shared_entries_and_a_former_partner_gets_none(
    client: Any, couple: dict[str, Any]
) -> None:
    seed(couple["db"], "owner@example.org", 30, shared_every=3)
    seen, params = [], {"limit": 4}
    while True:
        page = client.get("/api/v1/partner/entries", params=params, headers=couple["partner"]).json()
        seen += texts(page)
        assert all("safety" not in e and "emotions" not in e for e in page["items"])
        if not page["next"]:
            break
        params = {"limit": 4, "cursor": page["next"]}
        kept = page["next"]
    assert seen == [f"shared entry {i:03d}" for i in range(27, -1, -3)]

    assert client.delete("/api/v1/couple", headers=couple["partner"]).status_code == 204
    for query in ({}, {"cursor": kept}):
        former = client.get("/api/v1/partner/entries", params=query, headers=couple["partner"])
        assert former.status_code == 200 and former.json() == {"items": [], "next": None}


def browser_of(app: Any, email: str) -> TestClient:
    browser = TestClient(app, base_url="https://testserver")
    page_login(browser, email)
    return browser


def _older_link(html: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next">Older entries</a>', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_journal_page_shows_the_newest_page_and_older_entries_without_js(
    app: Any, client: Any, couple: dict[str, Any]
) -> None:
    seed(couple["db"], "owner@example.org", 60)
    browser = browser_of(app, "owner@example.org")
    first = browser.get("/journal").text
    assert first.count('<article class="entry') == 50
    assert "private entry 059" in first and "private entry 009" not in first
    older = _older_link(first)
    assert older and older.startswith("/journal?cursor=") and older.endswith("#entries")

    second = browser.get(older).text
    assert second.count('<article class="entry') == 10
    assert "private entry 009" in second and "private entry 010" not in second
    assert _older_link(second) is None
    assert '<a href="/journal#entries">Newest entries</a>' in second


def test_a_bad_cursor_on_a_page_says_so_and_is_not_a_crash(
    app: Any, client: Any, couple: dict[str, Any]
) -> None:
    browser = browser_of(app, "owner@example.org")
    for path in ("/journal", "/partner"):
        response = browser.get(f"{path}?cursor=rubbish")
        assert response.status_code == 422
        assert "start again from the first page" in response.text
        assert browser.get(f"{path}?cursor=").status_code == 200  # empty: the newest page


def test_partner_page_pages_through_shared_entries_only(
    app: Any, client: Any, couple: dict[str, Any]
) -> None:
    seed(couple["db"], "owner@example.org", 160, shared_every=2)  # 80 shared, 80 private
    browser = browser_of(app, "partner@example.org")
    first = browser.get("/partner").text
    assert first.count('<article class="entry') == 50 and "private entry" not in first
    older = _older_link(first)
    assert older and older.startswith("/partner?cursor=")
    second = browser.get(older).text
    assert second.count('<article class="entry') == 30 and "private entry" not in second
    assert "shared entry 000" in second and _older_link(second) is None


def test_export_is_streamed_and_is_the_same_document(client: Any, couple: dict[str, Any]) -> None:
    from nearer.services import portability

    seed(couple["db"], "owner@example.org", 1200, shared_every=5)
    response = client.get("/api/v1/export", headers=couple["owner"])
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert "content-length" not in response.headers  # sent as it is read, not built first
    with couple["db"].transaction() as session:
        owner = session.query(User).filter(User.email == "owner@example.org").one().id
    assert response.json() == portability.export_data(couple["db"], owner)
    assert len(response.json()["entries"]) == 1200
