"""Check-ins through the API: the reveal, sharing per person, the trend, and who sees what."""

from __future__ import annotations

from typing import Any

import pytest
from rhythm_world import ROLES, World, make_world
from support import api_link, api_signup

ME = "/api/v1/checkins/today"


def check_in(world: World, role: str, closeness: int, mood: str, note: str | None = None) -> Any:
    body: dict[str, Any] = {"closeness": closeness, "mood": mood}
    if note:
        body |= {"note_kind": "appreciated", "note": note}
    response = world.put(role, ME, body)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def world(client: Any) -> World:
    return make_world(client)


def test_partner_sees_nothing_until_sharing_then_waits_then_the_reveal(world: World) -> None:
    check_in(world, "owner", 4, "grateful", "canaryCHECKINqz")
    # Not shared: the partner sees nothing at all, not even that the owner checked in.
    assert world.get("partner", ME).json()["partner"]["state"] == "none"
    assert world.put("owner", "/api/v1/checkins/sharing", {"sharing": True}).json() == {
        "sharing": True}  # fmt: skip
    waiting = world.get("partner", ME)
    assert waiting.json()["partner"]["state"] == "waiting"
    assert waiting.json()["partner"]["answer"] is None
    assert "canaryCHECKINqz" not in waiting.text and "grateful" not in waiting.text
    # The partner checks in: now they see the owner's answer.
    after = check_in(world, "partner", 2, "lonely")
    assert after["partner"]["state"] == "revealed"
    assert after["partner"]["answer"]["closeness"] == 4
    assert after["partner"]["answer"]["note"] == "canaryCHECKINqz"
    # The partner did not share: the owner sees nothing of theirs, whatever the owner did.
    mine = world.get("owner", ME).json()
    assert mine["partner"]["state"] == "none" and mine["partner_shares"] is False
    assert "lonely" not in world.get("owner", ME).text


def test_turning_sharing_off_hides_past_answers_again(world: World) -> None:
    world.put("owner", "/api/v1/checkins/sharing", {"sharing": True})
    check_in(world, "owner", 5, "loving", "canaryCHECKINqz")
    check_in(world, "partner", 3, "calm")
    assert world.get("partner", "/api/v1/checkins/trend").json()["partner"][-1] == 5
    world.put("owner", "/api/v1/checkins/sharing", {"sharing": False})
    trend = world.get("partner", "/api/v1/checkins/trend").json()
    assert trend["partner"] is None and trend["mine"][-1] == 3
    assert "canaryCHECKINqz" not in world.get("partner", ME).text


def test_trend_has_gaps_for_missed_days(world: World) -> None:
    check_in(world, "owner", 3, "calm")
    trend = world.get("owner", "/api/v1/checkins/trend?days=7").json()
    assert len(trend["days"]) == 7 and trend["mine"] == [None] * 6 + [3]
    assert trend["partner"] is None  # the partner does not share


def test_every_endpoint_for_every_role(world: World) -> None:
    world.put("owner", "/api/v1/checkins/sharing", {"sharing": True})
    check_in(world, "owner", 4, "grateful", "canaryCHECKINqz")
    for role in ROLES:
        if role != "owner" and role != "anonymous":
            check_in(world, role, 2, "tired")
        for path in (ME, "/api/v1/checkins", "/api/v1/checkins/trend"):
            response = world.get(role, path)
            if role == "anonymous":
                assert response.status_code == 401
                continue
            assert response.status_code == 200
            visible = "canaryCHECKINqz" in response.text
            allowed = {"owner": path != "/api/v1/checkins/trend", "partner": path == ME}
            assert visible == allowed.get(role, False), (role, path)
            if path.endswith("trend"):  # the owner's closeness (4) reaches only the partner
                partner_line = response.json()["partner"]
                assert (partner_line is not None and partner_line[-1] == 4) == (role == "partner")
    assert world.put("anonymous", ME, {"closeness": 3, "mood": "calm"}).status_code == 401


def test_unlink_then_a_new_partner_sees_nothing_of_the_old_couple(client: Any) -> None:
    world = make_world(client)
    world.put("owner", "/api/v1/checkins/sharing", {"sharing": True})
    check_in(world, "owner", 4, "grateful", "canaryOLDCOUPLEqz")
    newcomer = api_signup(client, "newcomer@example.org")
    world.h["newcomer"] = newcomer
    assert client.delete("/api/v1/couple", headers=world.h["owner"]).status_code == 204
    api_link(client, world.h["owner"], newcomer)
    # Sharing was for the old couple: it ended with it. Even once turned on again, the old
    # check-in (made in the old couple) never reaches the newcomer.
    world.put("owner", "/api/v1/checkins/sharing", {"sharing": True})
    check_in(world, "newcomer", 3, "hopeful")
    for path in (ME, "/api/v1/checkins/trend", "/api/v1/checkins"):
        assert "canaryOLDCOUPLEqz" not in world.get("newcomer", path).text
    assert world.get("newcomer", ME).json()["partner"]["state"] == "none"
    assert world.get("newcomer", "/api/v1/checkins/trend").json()["partner"][-1] is None


def test_bad_input_names_the_field(world: World) -> None:
    response = world.put("owner", ME, {"closeness": 9, "mood": "banana"})
    assert response.status_code == 422
    fields = {d["loc"][-1] for d in response.json()["detail"]}
    assert fields == {"closeness", "mood"}
    assert world.put("owner", ME, {"closeness": "3", "mood": "calm"}).status_code == 422
    alone = api_signup(world.client, "alone@example.org")
    refused = world.client.put("/api/v1/checkins/sharing", json={"sharing": True}, headers=alone)
    assert refused.status_code == 409


def test_time_zone_and_reminder_settings(world: World) -> None:
    bad = world.put("owner", "/api/v1/me/rhythm", {"time_zone": "Mars/Base", "checkin_time": "25:00"})
    assert bad.status_code == 422
    assert {d["loc"][-1] for d in bad.json()["detail"]} == {"time_zone", "checkin_time"}
    assert world.get("owner", "/api/v1/reminders.ics").status_code == 409  # no time chosen yet
    good = world.put("owner", "/api/v1/me/rhythm",
                     {"time_zone": "Europe/Berlin", "checkin_time": "21:15"})  # fmt: skip
    assert good.json() == {"time_zone": "Europe/Berlin", "checkin_time": "21:15"}
    ics = world.get("owner", "/api/v1/reminders.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert "DTSTART;TZID=Europe/Berlin:" in ics.text and "T211500" in ics.text
    assert world.get("anonymous", "/api/v1/reminders.ics").status_code == 401


def test_an_unknown_mood_is_answered_with_the_closest_wheel_words(client: Any) -> None:
    from support import api_signup

    me = api_signup(client, "mood@example.org")
    body = {"closeness": 3, "mood": "lonley"}
    answer = client.put("/api/v1/checkins/today", json=body, headers=me)
    assert answer.status_code == 422
    (problem,) = answer.json()["detail"]
    assert problem["loc"][-1] == "mood" and "did you mean" in problem["msg"]
    assert "lonely" in problem["msg"]


def test_a_check_in_note_is_read_for_safety_and_help_shows(client: Any) -> None:
    from support import api_signup, csrf_of, page_login

    me = api_signup(client, "note-safety@example.org")
    body = {"closeness": 2, "mood": "sad", "note_kind": "needed",
            "note": "honestly i want to kill myself tonight"}
    saved = client.put("/api/v1/checkins/today", json=body, headers=me)
    assert saved.status_code == 200
    assert saved.json()["safety"]["level"] != "none"
    assert saved.json()["safety"]["kinds"] == ["self_harm"]
    assert "safety" not in client.get("/api/v1/checkins/today", headers=me).json()  # yours, once
    calm = client.put("/api/v1/checkins/today", json={**body, "note": "the tea you made"},
                      headers=me)
    assert calm.json()["safety"] == {"level": "none", "kinds": [], "who": []}
    page_login(client, "note-safety@example.org")
    token = csrf_of(client.get("/checkin").text)
    note = "He shoved me into the door again when I asked about rent"
    shown = client.post("/checkin", data={"closeness": "2", "mood": "sad", "note_kind": "needed",
                                          "note": note, "csrf_token": token})
    assert shown.status_code == 200 and 'id="safety-panel"' in shown.text
    assert "never your fault" in shown.text
