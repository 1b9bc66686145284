"""Paged lists beyond the journal: check-ins, bids and sessions, through the API (`next`, the
Link header, 422s naming `limit`/`cursor`) and the pages ("Older bids", "Older sessions" as
plain links), with who may see what on every page."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from rhythm_world import ROLES, World, make_world
from support import page_login

from nearer.services.access import current_couple_id
from nearer.storage.models import AuthSession, Bid, CheckIn, User


def today() -> date:
    """Today in UTC when asked (not when the module was imported: a long run may cross midnight,
    and the API's windows count from the day they are asked on)."""
    return datetime.now(UTC).date()


@pytest.fixture
def world(client: Any) -> World:
    return make_world(client)


def _user_id(session: Any, role: str) -> int:
    return int(session.query(User).filter(User.email == f"{role}@example.org").one().id)


def seed_checkins(app: Any, role: str, days: int) -> None:
    with app.state.db.transaction() as session:
        me = _user_id(session, role)
        for k in range(days):
            session.add(CheckIn(user_id=me, day=today() - timedelta(days=k), closeness=1 + k % 5,
                                mood="calm", note=f"{role} note {k:03d}"))  # fmt: skip


def seed_bids(app: Any, role: str, count: int, *, shared: bool = False, per_day: int = 3) -> None:
    """`count` bids, several on each day (so the id breaks ties), newest first by number."""
    with app.state.db.transaction() as session:
        me = _user_id(session, role)
        couple = current_couple_id(session, me) if shared else None
        for k in range(count):
            session.add(Bid(author_id=me, day=today() - timedelta(days=(count - 1 - k) // per_day),
                            direction="made", text=f"{role} bid {k:03d}", response="toward",
                            visibility="shared" if shared else "private",
                            shared_couple_id=couple))  # fmt: skip


def seed_sessions(app: Any, role: str, count: int) -> None:
    now = datetime.now(UTC)
    with app.state.db.transaction() as session:
        me = _user_id(session, role)
        for k in range(count):
            token = secrets.token_urlsafe(16)
            session.add(AuthSession(
                token_hash=hashlib.sha256(token.encode()).hexdigest(),
                public_id=f"{role[:4]}{k:03d}x{secrets.token_hex(4)}", user_id=me,
                created_at=now - timedelta(days=1), last_seen_at=now - timedelta(minutes=k % 7),
                device=f"{role} device {k:03d}", expires_at=now + timedelta(days=3),
            ))  # fmt: skip


def walk(world: World, role: str, path: str, limit: int) -> list[dict[str, Any]]:
    """Every item of a paged list, following the Link header; each page checked on the way."""
    seen: list[dict[str, Any]] = []
    url = f"{path}{'&' if '?' in path else '?'}limit={limit}"
    while True:
        answer = world.get(role, url)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert set(body) == {"items", "next"} and len(body["items"]) <= limit
        seen += body["items"]
        if body["next"] is None:
            assert "Link" not in answer.headers
            return seen
        link = re.fullmatch(r'<([^>]+)>; rel="next"', answer.headers["Link"])
        assert link and f"cursor={body['next']}" in link.group(1)
        url = link.group(1)


def test_checkins_come_in_pages_newest_first_and_only_your_own(world: World, app: Any) -> None:
    seed_checkins(app, "owner", 120)
    seed_checkins(app, "partner", 3)
    first = world.get("owner", "/api/v1/checkins").json()
    assert len(first["items"]) == 50 and first["next"]
    assert first["items"][0]["day"] == today().isoformat()
    mine = walk(world, "owner", "/api/v1/checkins", 40)
    days = [date.fromisoformat(c["day"]) for c in mine]
    assert len(days) == 120 and days == sorted(set(days), reverse=True)
    assert {c["note"] for c in mine} == {f"owner note {k:03d}" for k in range(120)}
    window = walk(world, "owner", "/api/v1/checkins?days=28", 10)
    assert len(window) == 28  # the old window still works, paged too
    for role in ROLES:
        if role == "anonymous":
            assert world.get(role, "/api/v1/checkins").status_code == 401
            continue
        theirs = walk(world, role, "/api/v1/checkins", 200)
        assert all(c["note"].startswith(f"{role} ") for c in theirs), role
    # Someone else's cursor is only a position: it shows the reader their own items, no more.
    partner = world.get("partner", f"/api/v1/checkins?cursor={first['next']}").json()
    assert all(c["note"].startswith("partner ") for c in partner["items"])


def test_bids_pages_show_our_bids_once_each_and_nobody_elses(world: World, app: Any) -> None:
    seed_bids(app, "owner", 70, shared=False)
    seed_bids(app, "partner", 40, shared=True)
    seed_bids(app, "stranger", 5, shared=True)
    owner = walk(world, "owner", "/api/v1/bids", 25)
    texts = [b["text"] for b in owner]
    assert len(texts) == 110 == len(set(texts))
    assert [(b["day"], b["id"]) for b in owner] == sorted(
        ((b["day"], b["id"]) for b in owner), reverse=True
    )
    assert sum(not b["mine"] for b in owner) == 40  # the partner's shared ones
    partner = walk(world, "partner", "/api/v1/bids", 30)
    assert len(partner) == 40 and all(b["mine"] for b in partner)  # the owner's stay private
    stranger = walk(world, "stranger", "/api/v1/bids", 200)
    assert {b["text"] for b in stranger} == {f"stranger bid {k:03d}" for k in range(5)}
    assert walk(world, "former", "/api/v1/bids", 200) == []
    assert world.get("anonymous", "/api/v1/bids").status_code == 401
    # Once the owner links with someone new, the old partner is a former partner: the owner no
    # longer reads what they shared with the old couple, nor does the new partner.
    world.relink("owner", "former")
    assert all(b["mine"] for b in walk(world, "owner", "/api/v1/bids", 200))
    assert all(b["mine"] for b in walk(world, "former", "/api/v1/bids", 200))


def test_sessions_come_in_pages_and_are_only_your_own(world: World, app: Any) -> None:
    seed_sessions(app, "owner", 75)
    seed_sessions(app, "partner", 4)
    owner = walk(world, "owner", "/api/v1/users/me/sessions?tz=Asia/Kolkata", 20)
    assert len(owner) == 76 == len({s["id"] for s in owner})  # the 75 and this login
    assert sum(s["current"] for s in owner) == 1
    assert all(s["last_seen_at"].endswith("+05:30") for s in owner)
    seen = [s["last_seen_at"] for s in owner]
    assert seen == sorted(seen, reverse=True)
    assert all(s["device"].startswith("owner") for s in owner if not s["current"])
    for role in ("partner", "former", "stranger"):
        theirs = walk(world, role, "/api/v1/users/me/sessions", 200)
        assert not any(s["device"].startswith("owner") for s in theirs), role
    assert world.get("anonymous", "/api/v1/users/me/sessions").status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/checkins", "/api/v1/bids", "/api/v1/users/me/sessions"])
@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=201", "limit"), ("cursor=bm9wZQ", "cursor"),
     ("cursor=%21%21", "cursor")],
)  # fmt: skip
def test_bad_limits_and_cursors_are_422s_naming_them(
    world: World, path: str, query: str, field: str
) -> None:
    answer = world.get("owner", f"{path}?{query}")
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["query", field]


def test_the_bids_page_links_to_older_bids_without_script(client: Any, app: Any) -> None:
    world = make_world(client)
    seed_bids(app, "owner", 60)
    page_login(client, "owner@example.org")
    first = client.get("/bids").text
    assert "owner bid 059" in first and "owner bid 009" not in first
    older = re.search(r'href="(/bids\?cursor=[^"#]+)#our-bids" rel="next">Older bids<', first)
    assert older, first
    second = client.get(older.group(1).replace("&amp;", "&")).text
    assert "owner bid 009" in second and "owner bid 059" not in second
    assert 'href="/bids#our-bids">Newest bids<' in second and "Older bids" not in second
    assert client.get("/bids?cursor=bm9wZQ").status_code == 422
    del world


def test_the_security_page_links_to_older_sessions_keeping_the_zone(client: Any, app: Any) -> None:
    make_world(client)
    seed_sessions(app, "owner", 55)
    page_login(client, "owner@example.org")
    first = client.get("/account/security?tz=Asia/Kolkata").text
    assert first.count('<tr id="session-') == 50
    older = re.search(r'href="(/account/security\?tz=Asia/Kolkata&amp;cursor=[^"#]+)#sessions"', first)
    assert older, first
    second = client.get(older.group(1).replace("&amp;", "&")).text
    assert second.count('<tr id="session-') == 57 - 50  # 55 seeded, an API login and this one
    assert "Older sessions" not in second and "Newest sessions" in second
