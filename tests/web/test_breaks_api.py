"""Breaks through the API and pages: who sees the notice, and the coach offering a break."""

from __future__ import annotations

from typing import Any

from rhythm_world import ROLES, make_world
from support import csrf_of, page_login


def test_break_notice_reaches_only_the_partner(client: Any) -> None:
    world = make_world(client)
    assert world.post("owner", "/api/v1/breaks", {"minutes": 10}).status_code == 422
    started = world.post("owner", "/api/v1/breaks", {"minutes": 30})
    assert started.status_code == 201, started.text
    body = started.json()
    assert body["state"] == "running" and len(body["suggestions"]) >= 3
    for role in ROLES:
        seen = world.get(role, "/api/v1/breaks")
        if role == "anonymous":
            assert seen.status_code == 401
            continue
        expected = 1 if role in ("owner", "partner") else 0
        assert len(seen.json()) == expected, role
        if role in ("former", "stranger"):
            ended = world.post(role, f"/api/v1/breaks/{body['id']}/end")
            assert ended.status_code == 404
    notice = world.get("partner", "/api/v1/breaks").json()[0]
    assert notice["message"].startswith("Owner needs a break to calm down and will come back")
    assert notice["suggestions"] == []
    assert world.post("partner", f"/api/v1/breaks/{body['id']}/end").status_code == 204
    assert world.get("owner", "/api/v1/breaks").json() == []


def test_partner_sees_the_notice_on_every_page_and_the_coach_offers_a_break(
    client: Any, app: Any
) -> None:
    world = make_world(client)
    world.post("owner", "/api/v1/breaks", {"minutes": 45})
    page_login(client, "partner@example.org")
    html = client.get("/journal").text
    assert 'id="break-banner"' in html and "Owner needs a break" in html
    page = client.get("/breaks").text
    assert "Owner needs a break" in page and "While you wait" not in page
    token = csrf_of(page)
    draft = {"text": "Whatever. I'm done talking about this.", "csrf_token": token}
    coached = client.post("/coach", data=draft).text
    assert 'id="coach-break-box" class="notice">' in coached and 'href="/breaks"' in coached
    gentle = client.post("/coach", data={"text": "I missed you today.", "csrf_token": token}).text
    assert 'id="coach-break-box" class="notice" hidden>' in gentle
