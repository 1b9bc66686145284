"""Every route, as owner, partner, former partner, a professional the owner granted, one the owner
did not (but the partner did), stranger and anonymous: no canary leaks.

The routes are read from the app itself, so a new route is covered the day it is added; a
route whose path parameter the matrix cannot fill fails the test until it is taught here.
Each canary is a unique word the owner wrote, and each has the set of roles allowed to read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, timedelta
from itertools import product
from typing import Any

from fastapi.testclient import TestClient
from support import page_login

from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import (
    account_sessions,
    accounts,
    bids,
    breaks,
    checkins,
    couples,
    guides,
    instruments,
    journal,
    perception_gap,
    professionals,
    profile,
    questions,
    reactions,
    steps,
)
from nearer.services import safety as safety_service
from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import utcnow

PASSWORD = "Quiet-harbour-lantern-42"
GUIDE = "bids-for-connection"
ROLES = ("owner", "partner", "former", "pro-granted", "pro-ungranted", "stranger", "anonymous")
PROS = ("pro-granted", "pro-ungranted")
CANARIES = {
    "canaryPRIVATEqz": {"owner"},
    "canaryREFLECTqz": {"owner"},
    "canarySHAREDqz": {"owner", "partner"},
    "canaryNOTEqz": {"owner", "partner"},
    "canaryFORMERSHAREqz": {"owner"},
    "canaryFORMERNOTEqz": {"owner"},
    "canaryQUESTIONqz": {"owner", "partner"},
    "canaryFORMERQUESTIONqz": {"former"},
    "canaryGRANTEDqz": {"owner", "pro-granted"},
    "canaryPRONOTEqz": {"owner", "pro-granted"},
    "owner-canary@example.org": {"owner", "partner", *PROS},
    # The daily rhythm. The partner has not checked in today, so the check-in stays hidden.
    "canaryCHECKINqz": {"owner"},
    "canaryFORMERCHECKINqz": {"owner"},
    "canaryBIDPRIVATEqz": {"owner"},
    "canaryBIDSHAREDqz": {"owner", "partner"},
    "canaryFORMERBIDqz": {"owner"},
    "canarySTEPPRIVATEqz": {"owner"},
    "canarySTEPSHAREDqz": {"owner", "partner"},
    "canaryFORMERSTEPqz": {"owner"},
    "canaryQANSWERqz": {"owner"},  # the partner has not answered that question yet
    "canaryQREVEALEDqz": {"owner", "partner"},
    "canaryFORMERANSWERqz": {"owner"},
    # The owner's display name: their partner sees it instead of the email; nobody else.
    "canaryNAMEqz": {"owner", "partner"},
    # Answers under shared entries: only the two in the couple, and only while it lasts.
    "canaryREACTIONqz": {"owner", "partner"},
    "canaryOWNERREPLYqz": {"owner", "partner"},
    "canaryFORMERREACTIONqz": set(),
    "canaryOWNERTOFORMERqz": set(),
}
# After an unlink, what each sent under a shared entry is gone from every page and thread, for
# both; only its own author's export still holds it (their own words, never the other's).
OWN_COPY = {"canaryFORMERREACTIONqz": "former", "canaryOWNERTOFORMERqz": "owner"}
EXPORTS = {"/api/v1/export", "/account/export.json"}
SKIP = re.compile(r"^/(static|openapi\.json|docs|redoc)")
# Routes that act on the caller's own account or couple; sent as a non-owner they would change
# the world under test (unlink, delete the account) without reaching anything of the owner's.
SELF_SCOPED = {"/api/v1/users/me", "/api/v1/couple", "/logout", "/account/delete"}


def all_routes(routes: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    for route in routes:
        if hasattr(route, "original_router"):
            yield from all_routes(
                route.original_router.routes, prefix + route.include_context.prefix
            )
        elif hasattr(route, "methods") and route.methods:
            for method in sorted(route.methods - {"HEAD"}):
                yield method, prefix + route.path


def _questionnaire(slug: str, title: str) -> str:
    return (
        f"id: {slug}\ntitle: {title}\nversion: 1\nsource: {title}\nlicence: MIT\nabout: [self]\n"
        f"what_it_is: {title}\nwhat_it_is_not: {title}\nscale: {{min: 1, max: 2, labels: "
        "{1: low, 2: high}}\nsubscales:\n  - {id: s, title: S, bands_source: b, bands: "
        "[{min: 1, max: 2, label: l, wording: w}]}\nitems:\n  - {id: i1, text: T, subscale: s}\n"
    )


def build_world(db: Database) -> dict[str, Any]:
    ids = {
        role: accounts.sign_up(db, f"{role}-canary@example.org", PASSWORD).id
        for role in ("owner", "partner", "former", "stranger", "strangers-partner", *PROS)
    }
    owner = ids["owner"]
    profile.set_display_name(db, owner, "canaryNAMEqz")
    couples.join(db, ids["strangers-partner"], couples.create_invite(db, ids["stranger"]))
    # A time with the former partner: a share, a note, consent and answers about them.
    couples.join(db, ids["former"], couples.create_invite(db, owner))
    former_share = journal.write(db, owner, text="canaryFORMERSHAREqz", visibility="shared")
    guides.leave_note(db, owner, GUIDE, "canaryFORMERNOTEqz")
    perception_gap.give_consent(db, owner)
    instruments.add_instrument(db, ids["former"], _questionnaire("theirs", "canaryFORMERQUESTIONqz"))
    checkins.set_sharing(db, owner, True)
    checkins.check_in(db, owner, 4, "warm", "appreciated", "canaryFORMERCHECKINqz")
    checkins.check_in(db, ids["former"], 3, "calm")  # the former partner had checked in too
    former_bid = bids.add_bid(db, owner, "canaryFORMERBIDqz", "made", "toward", "shared")
    last_week = utcnow() - timedelta(weeks=1)  # two steps a week: the former one is older
    former_break = breaks.start_break(db, owner, 30)
    for person in (owner, ids["former"], ids["partner"]):
        safety_service.take_screen(db, person, dict.fromkeys(QUESTION_IDS, "no"))
    questions.answer(db, owner, "l02", "canaryFORMERANSWERqz")
    questions.answer(db, ids["former"], "l02", "the former partner's answer")
    former_step = steps.pick_step(db, owner, None, "canaryFORMERSTEPqz", "shared", now=last_week)
    former_reaction = reactions.react(
        db, ids["former"], former_share.entry.id, "hear", "canaryFORMERREACTIONqz"
    )
    owner_to_former = reactions.react(db, owner, former_share.entry.id, None, "canaryOWNERTOFORMERqz")
    couples.unlink(db, owner)
    # Now with the current partner.
    couples.join(db, ids["partner"], couples.create_invite(db, owner))
    private = journal.write(db, owner, text="canaryPRIVATEqz is mine alone", feelings=["lonely"])
    reflection = journal.write(db, owner, text="canaryREFLECTqz from childhood", kind="reflection")
    shared = journal.write(db, owner, text="canarySHAREDqz for us", visibility="shared")
    guides.leave_note(db, owner, GUIDE, "canaryNOTEqz thank you")
    safety_service.take_screen(db, owner, dict.fromkeys(QUESTION_IDS, "no"))
    items = {f"sg{i:02d}": 2 for i in range(1, 13)}
    response = instruments.record_response(db, owner, "signs", items, "partner")
    settings = Settings(secret_key="test-secret-key-0123456789", _env_file=None)  # type: ignore[call-arg]
    accounts.start_session(db, settings, owner, "Mozilla/5.0 (X11; Linux) Firefox/1")
    owner_session = account_sessions.list_sessions(db, owner, None, UTC)[0].id
    instruments.add_instrument(db, owner, _questionnaire("ours", "canaryQUESTIONqz"))
    granted = journal.write(db, owner, text="canaryGRANTEDqz for my counsellor").entry.id
    doors = {}
    for pro in PROS:
        professionals.set_profile(db, ids[pro], f"Dr {pro}", "Practice")
        doors[pro] = door(db, owner, ids[pro])
    every = ["scores", "patterns", "entries", "report", "safety"]
    professionals.set_grants(db, owner, doors["pro-granted"], every, [granted])
    professionals.leave_note(db, ids["pro-granted"], doors["pro-granted"], "canaryPRONOTEqz")
    # The partner grants the professional the owner did not: one grants, the other does not.
    partners_door = door(db, ids["partner"], ids["pro-ungranted"])
    professionals.set_grants(db, ids["partner"], partners_door, ["scores", "patterns", "report"])
    checkins.set_sharing(db, owner, True)
    checkins.check_in(db, owner, 5, "close", "appreciated", "canaryCHECKINqz")
    bid_private = bids.add_bid(db, owner, "canaryBIDPRIVATEqz", "made", "away")
    bid_shared = bids.add_bid(db, owner, "canaryBIDSHAREDqz", "noticed", "toward", "shared")
    current_break = breaks.start_break(db, owner, 30)
    questions.answer(db, owner, "l01", "canaryQANSWERqz")
    questions.answer(db, owner, "l03", "canaryQREVEALEDqz")
    questions.answer(db, ids["partner"], "l03", "the partner's answer")
    step_private = steps.pick_step(db, owner, None, "canarySTEPPRIVATEqz")
    step_shared = steps.pick_step(db, owner, None, "canarySTEPSHAREDqz", "shared")
    partner_reaction = reactions.react(
        db, ids["partner"], shared.entry.id, "thanks", "canaryREACTIONqz"
    )
    owner_reply = reactions.react(db, owner, shared.entry.id, None, "canaryOWNERREPLYqz")
    return {
        "ids": ids,
        "owner_session": owner_session,
        "params": {
            "entry_id": [private.entry.id, reflection.entry.id, shared.entry.id,
                         former_share.entry.id],
            "response_id": [response.id],
            "guide_id": [GUIDE],
            "instrument_id": ["signs", "ours", "theirs"],
            "session_id": [owner_session],
            "link_id": [doors["pro-granted"], doors["pro-ungranted"], partners_door],
            "bid_id": [bid_private.id, bid_shared.id, former_bid.id],
            "pick_id": [step_private.id, step_shared.id, former_step.id],
            "break_id": [current_break.id, former_break.id],
            "question_id": ["l01", "l02", "l03"],
            "reaction_id": [partner_reaction.reaction.id, owner_reply.reaction.id,
                            former_reaction.reaction.id, owner_to_former.reaction.id],
        },
        "doors": doors,
    }  # fmt: skip


def door(db: Database, person: int, pro: int) -> int:
    code, _ = professionals.create_invite(db, person)
    return professionals.redeem(db, pro, code).link_id


def clients(app: Any) -> dict[str, TestClient]:
    made: dict[str, TestClient] = {}
    for role in ROLES:
        client = TestClient(app, base_url="https://testserver")
        if role != "anonymous":
            email = f"{role}-canary@example.org"
            page_login(client, email, PASSWORD)
            token = client.post(
                "/api/v1/auth/token", data={"username": email, "password": PASSWORD}
            ).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
        made[role] = client
    return made


def fill(path: str, params: dict[str, list[Any]]) -> list[str] | None:
    names = re.findall(r"{(\w+)}", path)
    if any(name not in params for name in names):
        return None
    paths = []
    for values in product(*(params[name] for name in names)):
        filled = path
        for name, value in zip(names, values, strict=True):
            filled = filled.replace("{" + name + "}", str(value))
        paths.append(filled)
    return paths


def leaks(role: str, body: str, path: str = "") -> list[str]:
    return [
        canary
        for canary, allowed in CANARIES.items()
        if role not in allowed
        and canary in body
        and not (path in EXPORTS and OWN_COPY.get(canary) == role)
    ]


def test_no_route_leaks_a_canary_to_anyone_not_allowed(sqlite_db: Database, app: Any) -> None:
    world = build_world(sqlite_db)
    by_role = clients(app)
    problems: list[str] = []
    checked = 0
    for method, path in all_routes(app.routes):
        if SKIP.match(path):
            continue
        paths = fill(path, world["params"])
        if paths is None:
            problems.append(f"{method} {path}: the matrix cannot fill its parameters; teach it")
            continue
        mutating = method != "GET"
        if mutating and (
            path in SELF_SCOPED
            or not re.search(r"{(entry|response|session|link|bid|pick|break|reaction)_id}", path)
        ):
            continue
        for role, concrete in product(ROLES, paths):
            if mutating and role == "owner":
                continue  # the owner may change their own things; others must reach nothing
            response = by_role[role].request(method, concrete, follow_redirects=False)
            checked += 1
            if response.status_code >= 500:
                problems.append(f"{role} {method} {concrete}: {response.status_code}")
            for canary in leaks(role, response.text, concrete):
                problems.append(f"{role} {method} {concrete}: shows {canary}")
    assert problems == []
    assert checked > 150
    # Nobody else could end the owner's session by its id.
    alive = account_sessions.list_sessions(sqlite_db, world["ids"]["owner"], None, UTC)
    assert world["owner_session"] in {s.id for s in alive}


def test_the_matrix_is_not_vacuous(sqlite_db: Database, app: Any) -> None:
    """The owner and the partner do see what they may: the canaries are really there."""
    world = build_world(sqlite_db)
    by_role = clients(app)
    mine = by_role["owner"].get("/api/v1/entries").text
    assert "canaryPRIVATEqz" in mine and "canaryFORMERSHAREqz" in mine
    theirs = by_role["partner"].get("/api/v1/partner/entries").text
    assert "canarySHAREDqz" in theirs
    assert "canaryNOTEqz" in by_role["partner"].get(f"/guides/{GUIDE}").text
    assert "canaryFORMERNOTEqz" not in by_role["former"].get(f"/guides/{GUIDE}").text
    assert "canaryQUESTIONqz" in by_role["partner"].get("/api/v1/instruments/ours").text
    assert "canaryFORMERQUESTIONqz" in by_role["former"].get("/instruments").text
    granted, ungranted = world["doors"]["pro-granted"], world["doors"]["pro-ungranted"]
    seen = by_role["pro-granted"].get(f"/api/v1/clients/{granted}").text
    assert "canaryGRANTEDqz" in seen and "canaryPRONOTEqz" in seen
    assert "canaryGRANTEDqz" in by_role["pro-granted"].get(f"/clients/{granted}").text
    assert "canaryPRONOTEqz" in by_role["owner"].get("/support").text
    assert by_role["pro-ungranted"].get(f"/api/v1/clients/{ungranted}").json()["sections"] == []
    assert "canaryBIDSHAREDqz" in by_role["partner"].get("/bids").text
    assert "canaryCHECKINqz" in by_role["owner"].get("/checkin").text
    assert "canaryQREVEALEDqz" in by_role["partner"].get("/questions").text
    assert "canaryNAMEqz" in by_role["partner"].get("/couple").text
    assert "canaryNAMEqz" in by_role["partner"].get("/api/v1/couple").text
    shared_id = world["params"]["entry_id"][2]
    for role in ("owner", "partner"):
        thread = by_role[role].get(f"/journal/{shared_id}").text
        assert "canaryREACTIONqz" in thread and "canaryOWNERREPLYqz" in thread
        assert "Thank you for sharing" in thread
    former_share = world["params"]["entry_id"][3]
    assert by_role["owner"].get(f"/api/v1/entries/{former_share}/reactions").json()["items"] == []
