"""The daily-rhythm API publishes the rules it applies: bounds, enums, patterns and ids."""

from __future__ import annotations

from typing import Any

import pytest
from rhythm_world import make_world
from support import api_signup

BIG = 2**31  # one past the largest id a database row can have


@pytest.fixture
def spec(client: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.get("/openapi.json").json()
    return result


def _props(spec: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = spec["components"]["schemas"][name]["properties"]
    return found


def _first(node: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of an optional field."""
    return node["anyOf"][0] if "anyOf" in node else node


def test_request_bodies_state_the_service_limits(spec: dict[str, Any]) -> None:
    checkin = _props(spec, "CheckInWrite")
    assert (checkin["closeness"]["minimum"], checkin["closeness"]["maximum"]) == (1, 5)
    assert "calm" in checkin["mood"]["enum"] and "joy" in checkin["mood"]["enum"]
    assert _first(checkin["note"])["maxLength"] == 280
    minutes = _props(spec, "BreakWrite")["minutes"]
    assert (minutes["minimum"], minutes["maximum"]) == (20, 24 * 60)
    bid = _props(spec, "BidWrite")
    assert (bid["text"]["minLength"], bid["text"]["maxLength"]) == (1, 500)
    assert bid["response"]["enum"] == ["toward", "away", "against"]
    assert _first(_props(spec, "PickWrite")["text"])["maxLength"] == 200
    assert _props(spec, "AnswerWrite")["text"]["maxLength"] == 2000
    settings = _props(spec, "SettingsWrite")
    assert "Europe/London" in _first(settings["time_zone"])["enum"]
    assert "pattern" in _first(settings["checkin_time"])
    assert _first(_props(spec, "DoneWrite")["day"])["format"] == "date"


def test_rhythm_routes_document_their_errors(spec: dict[str, Any]) -> None:
    paths = spec["paths"]
    assert {"401", "409", "413", "422"} <= set(paths["/api/v1/breaks"]["post"]["responses"])
    assert {"401", "409", "413", "422"} <= set(paths["/api/v1/steps"]["post"]["responses"])
    answer = paths["/api/v1/questions/{question_id}/answer"]["put"]["responses"]
    assert {"401", "403", "404", "413", "422"} <= set(answer)
    bid = paths["/api/v1/bids/{bid_id}"]["delete"]["parameters"][0]["schema"]
    assert (bid["minimum"], bid["maximum"]) == (1, BIG - 1)
    ics = paths["/api/v1/reminders.ics"]["get"]["responses"]
    assert set(ics["200"]["content"]) == {"text/calendar"} and {"401", "409"} <= set(ics)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [("PATCH", "/api/v1/steps/catalogue", "GET"), ("DELETE", "/api/v1/bids/weekly", "GET")],
)
def test_a_wrong_method_on_a_static_path_is_405(
    client: Any, method: str, path: str, allow: str
) -> None:
    me = api_signup(client, "me@example.org")
    response = client.request(method, path, headers=me)
    assert response.status_code == 405 and response.headers["allow"] == allow


@pytest.mark.parametrize("path", ["/api/v1/steps/{}", "/api/v1/bids/{}"])
def test_ids_past_the_largest_row_are_422_and_the_largest_is_404(client: Any, path: str) -> None:
    me = api_signup(client, "me@example.org")
    too_big = client.delete(path.format(BIG), headers=me)
    assert too_big.status_code == 422 and too_big.json()["detail"][0]["loc"][-1] in (
        "pick_id",
        "bid_id",
    )
    assert client.delete(path.format(BIG - 1), headers=me).status_code == 404


def test_schema_valid_input_is_accepted_and_invalid_is_named(client: Any) -> None:
    world = make_world(client)
    # JSON Schema counts 30.0 as an integer; so does the API.
    started = world.post("owner", "/api/v1/breaks", {"minutes": 30.0})
    assert started.status_code == 201, started.text
    late = world.post("owner", "/api/v1/breaks", {"minutes": 24 * 60 + 1})
    assert late.status_code == 422 and late.json()["detail"][0]["loc"] == ["body", "minutes"]
    bad = world.put(
        "owner",
        "/api/v1/checkins/today",
        {"closeness": 6, "mood": "zebra", "note": "a\nb", "note_kind": "needed"},
    )
    assert bad.status_code == 422
    assert sorted(d["loc"][-1] for d in bad.json()["detail"]) == ["closeness", "mood", "note"]
    clock = world.put("owner", "/api/v1/me/rhythm", {"checkin_time": "24:00"})
    assert clock.status_code == 422 and clock.json()["detail"][0]["loc"] == ["body", "checkin_time"]
    fine = world.put(
        "owner", "/api/v1/me/rhythm", {"time_zone": "Europe/London", "checkin_time": "20:30"}
    )
    assert fine.json() == {"time_zone": "Europe/London", "checkin_time": "20:30"}
    slug = client.get("/api/v1/questions/Not A Slug", headers=world.h["owner"])
    assert slug.status_code == 422 and slug.json()["detail"][0]["loc"][-1] == "question_id"
