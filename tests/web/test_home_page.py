"""The home page as the day's start: check-in, step, partner's shared news, question, break."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from rhythm_world import make_world, screen_all_clear
from support import page_login


def test_home_shows_the_day_and_only_what_may_be_seen(client: Any, app: Any) -> None:
    world = make_world(client)
    screen_all_clear(world, "owner", "partner")
    world.put("owner", "/api/v1/checkins/sharing", {"sharing": True})
    world.put("owner", "/api/v1/checkins/today", {"closeness": 4, "mood": "warm",
                                                  "note_kind": "needed", "note": "canaryHOMEqz"})
    world.post("owner", "/api/v1/entries", {"text": "canaryHOMESHAREqz", "visibility": "shared"})
    world.post("owner", "/api/v1/entries", {"text": "canaryHOMEPRIVATEqz"})
    world.post("owner", "/api/v1/steps", {"step_id": "walk-together"})
    world.put("owner", "/api/v1/questions/l01/answer", {"text": "canaryHOMEANSWERqz"})
    world.post("owner", "/api/v1/breaks", {"minutes": 25})
    pages = {}
    for role in ("owner", "partner", "former", "stranger"):
        pages[role] = TestClient(app, base_url="https://testserver")
        page_login(pages[role], f"{role}@example.org")
    partner = pages["partner"]
    html = partner.get("/").text
    assert "Owner has checked in" in html and "canaryHOMEqz" not in html
    assert "canaryHOMESHAREqz" in html and "canaryHOMEPRIVATEqz" not in html
    assert "Your partner has answered" in html and "canaryHOMEANSWERqz" not in html
    assert "Owner needs a break to calm down" in html
    assert html.count("Owner needs a break") == 1  # not twice (banner and section)
    owner = pages["owner"].get("/").text
    assert "A short walk together" in owner and "I did it today" in owner
    assert "You are taking a break until" in owner
    for role in ("former", "stranger"):
        other = pages[role].get("/").text
        for canary in ("canaryHOMEqz", "canaryHOMESHAREqz", "canaryHOMEANSWERqz", "Owner needs"):
            assert canary not in other
    world.put("partner", "/api/v1/checkins/today", {"closeness": 3, "mood": "calm"})
    assert "canaryHOMEqz" in partner.get("/").text
    anonymous = TestClient(app, base_url="https://testserver").get("/")
    assert anonymous.status_code == 200 and "Create an account" in anonymous.text
