"""The weekly look back through the API and the page: the reveal holds, for every role."""

from __future__ import annotations

from typing import Any

from rhythm_world import ROLES, make_world
from support import page_login


def test_week_summary_honours_the_reveal_and_sharing(client: Any) -> None:
    world = make_world(client)
    world.put("owner", "/api/v1/checkins/sharing", {"sharing": True})
    world.put("owner", "/api/v1/checkins/today", {"closeness": 4, "mood": "warm"})
    world.post("owner", "/api/v1/bids", {"text": "canaryWEEKBIDqz", "direction": "made",
                                         "response": "toward"})  # fmt: skip
    for role in ROLES:
        response = world.get(role, "/api/v1/week")
        if role == "anonymous":
            assert response.status_code == 401
            continue
        body = response.json()
        assert body["partner_checkins"] == 0 and body["partner_closeness"] is None
        assert body["bids_total"] == (1 if role == "owner" else 0)
        assert "canaryWEEKBIDqz" not in response.text  # the summary counts, it never quotes
    world.put("partner", "/api/v1/checkins/today", {"closeness": 2, "mood": "tired"})
    after = world.get("partner", "/api/v1/week").json()
    assert (after["partner_checkins"], after["partner_closeness"]) == (1, 4.0)
    assert world.get("owner", "/api/v1/week").json()["partner_checkins"] == 0  # not shared
    assert world.get("owner", "/api/v1/week?week_of=2020-01-08").json()["week"] == "2020-01-06"
    page_login(client, "partner@example.org")
    html = client.get("/week").text
    assert "Check-ins you saw from your partner" in html and "4.0 of 5 close" in html
    assert client.get("/week?week_of=not-a-date").status_code == 422
