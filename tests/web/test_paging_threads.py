"""The last lists that could grow without bound come in pages too: the responses under one shared
entry, and a professional's clients. Through the API (`next`, the Link header, 422s naming
`limit`/`cursor`) and the pages ("Older responses", "Older clients" as plain links), with who may
see what: owner, partner, former partner, professional, stranger and anonymous."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from support import api_link, api_signup, page_login

from nearer.services.access import current_couple_id
from nearer.storage.models import EntryReaction, ProfessionalLink, User

ROLES = ("owner", "partner", "former", "pro", "stranger")
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def walk(client: Any, headers: dict[str, str], path: str, limit: int) -> list[dict[str, Any]]:
    """Every item of a paged list, following the Link header; each page checked on the way."""
    seen: list[dict[str, Any]] = []
    url = f"{path}{'&' if '?' in path else '?'}limit={limit}"
    while True:
        answer = client.get(url, headers=headers)
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


def _id(session: Any, role: str) -> int:
    return int(session.query(User).filter(User.email == f"{role}@example.org").one().id)


@pytest.fixture
def world(client: Any, app: Any) -> dict[str, Any]:
    """The owner shared an entry with a former partner (who answered it), then linked with the
    partner and shared another, which has a long thread; the professional is the owner's."""
    h = {role: api_signup(client, f"{role}@example.org") for role in ROLES}
    h["anonymous"] = {}
    api_signup(client, "strangers-partner@example.org")
    api_link(client, h["stranger"], api_signup(client, "someone@example.org"))

    def share(text: str) -> int:
        made = client.post("/api/v1/entries", json={"text": text, "visibility": "shared"},
                           headers=h["owner"])  # fmt: skip
        assert made.status_code == 201, made.text
        return int(made.json()["id"])

    api_link(client, h["owner"], h["former"])
    old = share("Shared with the former partner")
    answered = client.post(f"/api/v1/entries/{old}/reactions", json={"reply": "FORMER-REPLY"},
                           headers=h["former"])  # fmt: skip
    assert answered.status_code == 201
    assert client.delete("/api/v1/couple", headers=h["owner"]).status_code == 204
    api_link(client, h["owner"], h["partner"])
    entry = share("A long thread under this one")
    body = {"name": "Dr Pro", "practice": "Practice"}
    assert client.put("/api/v1/clients/profile", json=body, headers=h["pro"]).status_code == 200
    code = client.post("/api/v1/professionals/invites", headers=h["owner"]).json()["code"]
    assert client.post("/api/v1/clients/join", json={"code": code},
                       headers=h["pro"]).status_code == 201  # fmt: skip
    return {"h": h, "entry": entry, "old": old}


def seed_reactions(app: Any, entry: int, count: int) -> None:
    """`count` of the partner's reactions, three at each moment (so the id breaks ties)."""
    kinds = ("thanks", "hear", "talk")
    with app.state.db.transaction() as session:
        partner = _id(session, "partner")
        couple = current_couple_id(session, partner)
        for k in range(count):
            session.add(EntryReaction(entry_id=entry, author_id=partner, couple_id=couple,
                                      kind=kinds[k % 3], created_at=START + timedelta(
                                          minutes=k // 3)))  # fmt: skip


def test_the_thread_comes_in_pages_newest_first_to_the_two_of_them(
    client: Any, app: Any, world: dict[str, Any]
) -> None:
    h, entry = world["h"], world["entry"]
    seed_reactions(app, entry, 118)
    for text in ("first reply", "second reply"):
        posted = client.post(f"/api/v1/entries/{entry}/reactions", json={"reply": text},
                             headers=h["owner"])  # fmt: skip
        assert posted.status_code == 201
    path = f"/api/v1/entries/{entry}/reactions"
    first = client.get(path, headers=h["owner"]).json()
    assert len(first["items"]) == 50 and first["next"]
    assert [r["reply"] for r in first["items"][:2]] == ["second reply", "first reply"]
    owner = walk(client, h["owner"], path, 25)
    ids = [r["id"] for r in owner]
    assert len(ids) == 120 == len(set(ids))  # page 2 goes on from page 1: no gap, no repeat
    order = [(r["created_at"], r["id"]) for r in owner]
    assert order == sorted(order, reverse=True)
    with app.state.db.transaction() as session:
        stored = {r.id for r in session.query(EntryReaction).filter_by(entry_id=entry)}
    assert set(ids) == stored
    assert sum(r["mine"] for r in owner) == 2
    partner = walk(client, h["partner"], path, 200)
    assert [r["id"] for r in partner] == ids and sum(r["mine"] for r in partner) == 118
    for role in ("former", "pro", "stranger"):
        assert client.get(path, headers=h[role]).status_code == 404, role
        assert client.get(f"{path}?cursor={first['next']}", headers=h[role]).status_code == 404
    assert client.get(path).status_code == 401
    # The thread under the entry once shared with the former partner is closed to both sides.
    old = f"/api/v1/entries/{world['old']}/reactions"
    assert walk(client, h["owner"], old, 10) == []
    assert client.get(old, headers=h["former"]).status_code == 404
    # A cursor is only a position: under another entry it shows that entry's own thread.
    assert client.get(f"{old}?cursor={first['next']}", headers=h["owner"]).json()["items"] == []


def test_the_clients_come_in_pages_newest_first_to_their_professional_only(
    client: Any, app: Any, world: dict[str, Any]
) -> None:
    h = world["h"]
    with app.state.db.transaction() as session:
        pro = _id(session, "pro")
        for k in range(64):
            person = User(email=f"client{k:03d}@example.org")
            session.add(person)
            session.flush()
            session.add(ProfessionalLink(person_id=person.id, professional_id=pro,
                                         created_at=START + timedelta(days=k // 4),
                                         ended_at=START if k % 16 == 15 else None))  # fmt: skip
    first = client.get("/api/v1/clients", headers=h["pro"]).json()
    assert len(first["items"]) == 50 and first["next"]
    assert first["items"][0]["email"] == "owner@example.org"  # joined today: the newest
    clients = walk(client, h["pro"], "/api/v1/clients", 15)
    ids = [c["link_id"] for c in clients]
    assert len(ids) == 61 == len(set(ids))  # 60 open doors and the owner's; 4 ended ones left out
    emails = {c["email"] for c in clients}
    assert emails == {"owner@example.org"} | {
        f"client{k:03d}@example.org" for k in range(64) if k % 16 != 15
    }
    order = [(c["since"], c["link_id"]) for c in clients]
    assert order == sorted(order, reverse=True)
    for role in ("owner", "partner", "former", "stranger"):  # none of them is a professional
        assert client.get("/api/v1/clients", headers=h[role]).status_code == 404, role
    assert client.get("/api/v1/clients").status_code == 401
    other = api_signup(client, "other-pro@example.org")
    body = {"name": "Dr Other", "practice": "Elsewhere"}
    assert client.put("/api/v1/clients/profile", json=body, headers=other).status_code == 200
    assert walk(client, other, "/api/v1/clients", 200) == []
    # Another professional's cursor shows them their own clients only (here: none).
    theirs = client.get(f"/api/v1/clients?cursor={first['next']}", headers=other).json()
    assert theirs == {"items": [], "next": None}


@pytest.mark.parametrize("which", ["thread", "clients"])
@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=201", "limit"), ("cursor=bm9wZQ", "cursor"),
     ("cursor=%21%21", "cursor")],
)  # fmt: skip
def test_bad_limits_and_cursors_are_422s_naming_them(
    client: Any, world: dict[str, Any], which: str, query: str, field: str
) -> None:
    h = world["h"]
    path, who = {
        "thread": (f"/api/v1/entries/{world['entry']}/reactions", "partner"),
        "clients": ("/api/v1/clients", "pro"),
    }[which]
    answer = client.get(f"{path}?{query}", headers=h[who])
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["query", field]
    # Even where the thread is closed, a broken cursor is refused, not quietly ignored.
    closed = client.get(f"/api/v1/entries/{world['old']}/reactions?{query}", headers=h["owner"])
    assert closed.status_code == 422


def test_the_entry_page_links_to_older_responses_without_script(
    client: Any, app: Any, world: dict[str, Any]
) -> None:
    entry = world["entry"]
    seed_reactions(app, entry, 60)
    page_login(client, "owner@example.org")
    first = client.get(f"/journal/{entry}").text
    shown = re.findall(r'id="reaction-(\d+)"', first)
    assert len(shown) == 50
    assert [int(i) for i in shown] == sorted(int(i) for i in shown)  # read top to bottom
    older = re.search(rf'href="(/journal/{entry}\?cursor=[^"#]+)#reactions" rel="next">'
                      r"Older responses<", first)  # fmt: skip
    assert older, first
    second = client.get(older.group(1).replace("&amp;", "&")).text
    rest = re.findall(r'id="reaction-(\d+)"', second)
    assert len(rest) == 10 and not set(rest) & set(shown)
    assert max(int(i) for i in rest) < min(int(i) for i in shown)
    assert f'href="/journal/{entry}#reactions">Newest responses<' in second
    assert 'rel="next">Older responses<' not in second
    assert client.get(f"/journal/{entry}?cursor=bm9wZQ").status_code == 422


def test_the_professional_page_links_to_older_clients_without_script(
    client: Any, app: Any, world: dict[str, Any]
) -> None:
    with app.state.db.transaction() as session:
        pro = _id(session, "pro")
        for k in range(55):
            person = User(email=f"client{k:03d}@example.org")
            session.add(person)
            session.flush()
            session.add(ProfessionalLink(person_id=person.id, professional_id=pro,
                                         created_at=START + timedelta(hours=k)))  # fmt: skip
    page_login(client, "pro@example.org")
    first = client.get("/professional").text
    assert "owner@example.org" in first and "client054@example.org" in first
    assert "client004@example.org" not in first
    older = re.search(r'href="(/professional\?cursor=[^"#]+)#your-clients" rel="next">'
                      r"Older clients<", first)  # fmt: skip
    assert older, first
    second = client.get(older.group(1).replace("&amp;", "&")).text
    assert "client004@example.org" in second and "client000@example.org" in second
    assert "client054@example.org" not in second and "owner@example.org" not in second
    assert 'href="/professional#your-clients">Newest clients<' in second
    assert 'rel="next">Older clients<' not in second  # the heading says "Older clients"
