"""Small steps through the API and the page, for every role."""

from __future__ import annotations

from typing import Any

from rhythm_world import ROLES, make_world
from support import csrf_of, page_login


def test_steps_access_matrix_and_page(client: Any) -> None:
    world = make_world(client)
    private = world.post("owner", "/api/v1/steps", {"text": "canarySTEPPRIVATEqz"}).json()
    shared = world.post("owner", "/api/v1/steps", {"step_id": "walk-together",
                                                   "visibility": "shared"}).json()  # fmt: skip
    assert world.post("owner", f"/api/v1/steps/{shared['id']}/done", {}).json()["times"] == 1
    for role in ROLES:
        week = world.get(role, "/api/v1/steps")
        if role == "anonymous":
            assert week.status_code == 401
            continue
        assert ("canarySTEPPRIVATEqz" in week.text) == (role == "owner")
        assert ("A short walk together" in week.text) == (role in ("owner", "partner"))
        if role != "owner":
            for pick in (private, shared):
                path = f"/api/v1/steps/{pick['id']}"
                assert world.post(role, f"{path}/done", {}).status_code == 404
                assert client.delete(path, headers=world.h[role]).status_code == 404
    partner_week = world.get("partner", "/api/v1/steps").json()
    assert [(p["text"], p["times"], p["mine"]) for p in partner_week["partner"]] == [
        ("A short walk together, side by side, with no agenda.", 1, False)]  # fmt: skip
    assert len(world.get("owner", "/api/v1/steps/catalogue").json()) >= 10
    third = world.post("owner", "/api/v1/steps", {"text": "a third"})
    assert third.status_code == 409
    page_login(client, "owner@example.org")
    html = client.get("/steps").text
    assert "canarySTEPPRIVATEqz" in html and "You did this once this week." in html
    assert "streak" not in html.lower().replace("no streaks", "").replace("why no streaks", "")
    token = csrf_of(html)
    undo = client.post(f"/steps/{shared['id']}/done", data={"csrf_token": token, "done": "no"},
                       follow_redirects=False)  # fmt: skip
    assert undo.status_code == 303
    assert world.get("owner", "/api/v1/steps").json()["mine"][1]["times"] == 0
