"""Bids through the API and the page: our bids, shared only by choice, weekly share toward."""

from __future__ import annotations

from typing import Any

import pytest
from rhythm_world import ROLES, World, make_world
from support import api_link, api_signup, csrf_of, page_login


def add(world: World, role: str, text: str, response: str = "toward", shared: bool = False) -> int:
    body = {"text": text, "direction": "made", "response": response,
            "visibility": "shared" if shared else "private"}  # fmt: skip
    created = world.post(role, "/api/v1/bids", body)
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


@pytest.fixture
def world(client: Any) -> World:
    return make_world(client)


def test_access_matrix_private_and_shared(world: World) -> None:
    private = add(world, "owner", "canaryBIDPRIVATEqz")
    shared = add(world, "owner", "canaryBIDSHAREDqz", shared=True)
    for role in ROLES:
        listed = world.get(role, "/api/v1/bids")
        if role == "anonymous":
            assert listed.status_code == 401
            assert world.get(role, "/api/v1/bids/weekly").status_code == 401
            continue
        assert ("canaryBIDPRIVATEqz" in listed.text) == (role == "owner")
        assert ("canaryBIDSHAREDqz" in listed.text) == (role in ("owner", "partner"))
        if role != "owner":
            for bid in (private, shared):
                change = world.client.patch(f"/api/v1/bids/{bid}", json={"visibility": "shared"},
                                            headers=world.h[role])  # fmt: skip
                assert change.status_code in (401, 404)
                gone = world.client.delete(f"/api/v1/bids/{bid}", headers=world.h[role])
                assert gone.status_code in (401, 404)
    partner_view = world.get("partner", "/api/v1/bids").json()["items"]
    assert [b["mine"] for b in partner_view] == [False]


def test_weekly_counts_our_bids_only(world: World) -> None:
    add(world, "owner", "one", "toward")
    add(world, "owner", "two", "away")
    add(world, "partner", "three", "toward", shared=True)
    add(world, "partner", "kept private", "against")  # the owner never counts this one
    weeks = world.get("owner", "/api/v1/bids/weekly").json()
    this_week = weeks["weeks"][-1]
    assert (this_week["total"], this_week["toward"]) == (3, 2)
    assert this_week["share_toward"] == pytest.approx(0.667, abs=0.001)
    assert weeks["sentence"] == "67% of our bids this week were turned toward."
    partner_week = world.get("partner", "/api/v1/bids/weekly").json()["weeks"][-1]
    # The partner's two own bids; the owner shared none of theirs.
    assert (partner_week["total"], partner_week["toward"]) == (2, 1)


def test_unlink_then_a_new_partner_sees_none_of_the_old_bids(client: Any) -> None:
    world = make_world(client)
    add(world, "owner", "canaryOLDBIDqz", shared=True)
    newcomer = api_signup(client, "newcomer@example.org")
    assert client.delete("/api/v1/couple", headers=world.h["owner"]).status_code == 204
    api_link(client, world.h["owner"], newcomer)
    for path in ("/api/v1/bids", "/api/v1/bids/weekly"):
        response = client.get(path, headers=newcomer)
        assert "canaryOLDBIDqz" not in response.text
    assert client.get("/api/v1/bids/weekly", headers=newcomer).json()["weeks"][-1]["total"] == 0
    mine = client.get("/api/v1/bids", headers=world.h["owner"]).json()["items"]
    assert mine[0]["visibility"] == "private"


def test_bad_bid_names_fields_and_page_links_to_guide(client: Any, app: Any) -> None:
    world = make_world(client, with_partner=False)
    body = {"text": " ", "direction": "made", "response": "toward"}
    bad = world.post("owner", "/api/v1/bids", body)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "text"
    body = {"text": "hi", "direction": "made", "response": "toward", "visibility": "shared"}
    not_linked = world.post("owner", "/api/v1/bids", body)
    assert not_linked.status_code == 422
    assert not_linked.json()["detail"][0]["loc"][-1] == "visibility"
    page_login(client, "owner@example.org")
    html = client.get("/bids").text
    assert 'href="/guides/bids-for-connection"' in html
    token = csrf_of(html)
    form = {"text": "", "direction": "", "response": "", "csrf_token": token}
    refused = client.post("/bids", data=form)
    assert refused.status_code == 422 and refused.text.count('class="field-error"') == 3
    form = {"text": "canaryPAGEBIDqz", "direction": "noticed", "response": "toward",
            "csrf_token": token}  # fmt: skip
    assert client.post("/bids", data=form, follow_redirects=False).status_code == 303
    assert "canaryPAGEBIDqz" in client.get("/bids").text
    assert 'href="/bids"' in client.get("/guides/bids-for-connection").text


def test_an_alarming_bid_shows_help_to_its_author_only(client: Any) -> None:
    world = make_world(client)
    text = "Last night he grabbed my wrist and said I'd regret it if I ever left."
    saved = world.post("owner", "/api/v1/bids", {"text": text, "direction": "made",
                                                 "response": "against", "visibility": "shared"})
    assert saved.status_code == 201
    assert saved.json()["safety"]["level"] in ("concern", "urgent")
    seen = world.get("partner", "/api/v1/bids").json()["items"]
    assert len(seen) == 1 and "safety" not in seen[0]
