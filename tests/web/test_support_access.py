"""Who gets what from the support, report, professionals and clients endpoints and pages, as
owner, partner, professional granted, professional not granted, former partner, stranger and
anonymous; revoke-then-read; one partner grants and the other does not; every read audited."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, csrf_of, page_login

ROLES = ("owner", "partner", "pro-granted", "pro-ungranted", "former", "stranger", "anonymous")


def login(client: Any, email: str) -> dict[str, str]:
    token = client.post(
        "/api/v1/auth/token", data={"username": email, "password": "long-enough-pw"}
    ).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def world(client: Any) -> dict[str, Any]:
    h = {role: api_signup(client, f"{role}@example.org") for role in ROLES if role != "anonymous"}
    h["anonymous"] = {}
    api_link(client, h["owner"], h["former"])
    assert client.delete("/api/v1/couple", headers=h["owner"]).status_code == 204
    api_link(client, h["owner"], h["partner"])
    for pro in ("pro-granted", "pro-ungranted"):
        body = {"name": f"Dr {pro}", "practice": "Practice"}
        assert client.put("/api/v1/clients/profile", json=body, headers=h[pro]).status_code == 200
    chosen = client.post(
        "/api/v1/entries", json={"text": "ownerCHOSENcanary"}, headers=h["owner"]
    ).json()["id"]
    client.post("/api/v1/entries", json={"text": "ownerPRIVATEcanary"}, headers=h["owner"])
    doors = {}
    for pro in ("pro-granted", "pro-ungranted"):
        code = client.post("/api/v1/professionals/invites", headers=h["owner"]).json()["code"]
        joined = client.post("/api/v1/clients/join", json={"code": code}, headers=h[pro])
        assert joined.status_code == 201
        doors[pro] = joined.json()["link_id"]
    grants = {"sections": ["scores", "entries", "report"], "entry_ids": [chosen]}
    put = client.put(
        f"/api/v1/professionals/{doors['pro-granted']}/grants", json=grants, headers=h["owner"]
    )
    assert put.status_code == 200 and put.json()["sections"] == ["scores", "entries", "report"]
    return {"h": h, "doors": doors, "chosen": chosen}


def test_only_the_granted_professional_reads_the_client(client: Any, world: dict[str, Any]) -> None:
    h, door = world["h"], world["doors"]["pro-granted"]
    expected = {
        "owner": 404,  # the person is not the professional; they see their own data elsewhere
        "partner": 404,
        "pro-granted": 200,
        "pro-ungranted": 404,
        "former": 404,
        "stranger": 404,
        "anonymous": 401,
    }
    for role, code in expected.items():
        for path in (f"/api/v1/clients/{door}", f"/api/v1/clients/{door}/report/html"):
            answer = client.get(path, headers=h[role])
            assert answer.status_code == code, (role, path, answer.text)
            if code != 200:
                assert "ownerCHOSENcanary" not in answer.text
    seen = client.get(f"/api/v1/clients/{door}", headers=h["pro-granted"]).json()
    assert [e["text"] for e in seen["entries"]] == ["ownerCHOSENcanary"]
    assert seen["sections"] == ["scores", "entries", "report"]
    assert seen["patterns"] is None and seen["safety"] is None
    pdf = client.get(f"/api/v1/clients/{door}/report/pdf", headers=h["pro-granted"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_person_side_belongs_to_the_person(client: Any, world: dict[str, Any]) -> None:
    h, door = world["h"], world["doors"]["pro-granted"]
    for role in ROLES:
        listed = client.get("/api/v1/professionals", headers=h[role])
        if role == "anonymous":
            assert listed.status_code == 401
            continue
        names = [d["name"] for d in listed.json()]
        assert names == (["Dr pro-ungranted", "Dr pro-granted"] if role == "owner" else [])
        audit = client.get("/api/v1/professionals/audit", headers=h[role])
        assert audit.status_code == 200 and (role == "owner" or audit.json()["items"] == [])
        if role == "owner":
            continue
        grants = client.put(
            f"/api/v1/professionals/{door}/grants", json={"sections": ["safety"]}, headers=h[role]
        )
        revoke = client.delete(f"/api/v1/professionals/{door}", headers=h[role])
        assert grants.status_code == revoke.status_code == 404
    # Nobody but the owner can change anything: the professional still sees the same sections.
    seen = client.get(f"/api/v1/clients/{door}", headers=h["pro-granted"]).json()
    assert seen["sections"] == ["scores", "entries", "report"]


def test_revoke_then_read(client: Any, world: dict[str, Any]) -> None:
    h, door = world["h"], world["doors"]["pro-granted"]
    pro = h["pro-granted"]
    assert client.get(f"/api/v1/clients/{door}", headers=pro).status_code == 200
    assert client.delete(f"/api/v1/professionals/{door}", headers=h["owner"]).status_code == 204
    for path in ("", "/report/pdf", "/report/html", "/couple"):
        assert client.get(f"/api/v1/clients/{door}{path}", headers=pro).status_code == 404
    note = client.post(f"/api/v1/clients/{door}/notes", json={"text": "hi"}, headers=pro)
    assert note.status_code == 404
    assert client.get("/api/v1/clients", headers=pro).json()["items"] == []


def test_changing_grants_takes_effect_at_once(client: Any, world: dict[str, Any]) -> None:
    h, door = world["h"], world["doors"]["pro-granted"]
    body = {"sections": ["patterns"], "entry_ids": []}
    client.put(f"/api/v1/professionals/{door}/grants", json=body, headers=h["owner"])
    seen = client.get(f"/api/v1/clients/{door}", headers=h["pro-granted"]).json()
    assert seen["sections"] == ["patterns"] and seen["entries"] is None
    assert "ownerCHOSENcanary" not in str(seen)


def test_one_partner_grants_the_other_does_not(client: Any, world: dict[str, Any]) -> None:
    h = world["h"]
    pro = h["pro-ungranted"]
    # The partner invites the professional the owner granted nothing, and grants scores.
    code = client.post("/api/v1/professionals/invites", headers=h["partner"]).json()["code"]
    partners = client.post("/api/v1/clients/join", json={"code": code}, headers=pro).json()
    client.put(
        f"/api/v1/professionals/{partners['link_id']}/grants",
        json={"sections": ["scores"]},
        headers=h["partner"],
    )
    owners = world["doors"]["pro-ungranted"]
    assert client.get(f"/api/v1/clients/{owners}", headers=pro).json()["sections"] == []
    assert client.get(f"/api/v1/clients/{partners['link_id']}", headers=pro).json()["sections"] == [
        "scores"
    ]
    for link in (owners, partners["link_id"]):
        assert client.get(f"/api/v1/clients/{link}/couple", headers=pro).status_code == 404
    # Once the owner grants scores too, the couple view shows scores, and only scores.
    client.put(f"/api/v1/professionals/{owners}/grants", json={"sections": ["scores", "report"]},
               headers=h["owner"])  # fmt: skip
    couple = client.get(f"/api/v1/clients/{owners}/couple", headers=pro)
    assert couple.status_code == 200 and list(couple.json()["sections"]) == ["scores"]
    # The couple view page shows the same: both partners, the scores section only.
    page_login(client, "pro-ungranted@example.org")
    page = client.get(f"/clients/{owners}/couple")
    assert page.status_code == 200
    assert "owner@example.org" in page.text and "partner@example.org" in page.text
    assert 'id="client-scores"' in page.text and 'id="partner-scores"' in page.text
    assert "client-entries" not in page.text and "partner-patterns" not in page.text


def test_the_audit_log_records_every_professional_read(client: Any, world: dict[str, Any]) -> None:
    h, door = world["h"], world["doors"]["pro-granted"]
    pro = h["pro-granted"]
    assert client.get("/api/v1/professionals/audit", headers=h["owner"]).json()["items"] == []
    client.get(f"/api/v1/clients/{door}", headers=pro)  # scores + entries
    client.get(f"/api/v1/clients/{door}/report/pdf", headers=pro)  # report
    client.get(f"/api/v1/clients/{door}/report/html", headers=pro)  # report
    client.get("/api/v1/clients", headers=pro)  # the list of clients reads no data
    log = client.get("/api/v1/professionals/audit", headers=h["owner"]).json()["items"]
    assert sorted(a["section"] for a in log) == ["entries", "report", "report", "scores"]
    assert {a["professional"] for a in log} == {"Dr pro-granted"}


def test_suggestion_and_report_are_the_callers_own(client: Any, world: dict[str, Any]) -> None:
    h = world["h"]
    for role in ROLES:
        suggestion = client.get("/api/v1/support", headers=h[role])
        report = client.get("/api/v1/report?sections=scores,entries", headers=h[role])
        if role == "anonymous":
            assert suggestion.status_code == report.status_code == 401
            continue
        assert suggestion.status_code == 200 and report.status_code == 200
    chosen = world["chosen"]
    for role in ("partner", "pro-granted", "stranger"):
        stolen = client.get(f"/api/v1/report?sections=entries&entries={chosen}", headers=h[role])
        assert stolen.status_code == 422 and "ownerCHOSENcanary" not in stolen.text
    mine = client.get(f"/api/v1/report?sections=entries&entries={chosen}", headers=h["owner"])
    assert [e["text"] for e in mine.json()["entries"]] == ["ownerCHOSENcanary"]


def test_bad_input_names_the_field(client: Any, world: dict[str, Any]) -> None:
    h, door = world["h"], world["doors"]["pro-granted"]
    bad = client.put(
        f"/api/v1/professionals/{door}/grants", json={"sections": ["diary"]}, headers=h["owner"]
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "sections"]
    bad = client.get("/api/v1/report?from=yesterday", headers=h["owner"])
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "from"]
    bad = client.put("/api/v1/clients/profile", json={"name": " ", "practice": "x"},
                     headers=h["stranger"])  # fmt: skip
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "name"]
    bad = client.post(f"/api/v1/clients/{door}/notes", json={"text": "x" * 1001},
                      headers=h["pro-granted"])  # fmt: skip
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "text"]
    bad = client.post("/api/v1/clients/join", json={"code": "nope"}, headers=h["pro-granted"])
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "code"]


def test_every_new_endpoint_is_typed_in_the_openapi(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in (
        ("/api/v1/support", "get"),
        ("/api/v1/report", "get"),
        ("/api/v1/professionals", "get"),
        ("/api/v1/professionals/{link_id}/grants", "put"),
        ("/api/v1/professionals/audit", "get"),
        ("/api/v1/clients/{link_id}", "get"),
        ("/api/v1/clients/{link_id}/couple", "get"),
        ("/api/v1/clients/{link_id}/notes", "post"),
    ):
        content = paths[path][method]["responses"]
        ok = content.get("200") or content.get("201")
        assert "$ref" in str(ok["content"]["application/json"]["schema"]), path
    assert "application/pdf" in paths["/api/v1/report/pdf"]["get"]["responses"]["200"]["content"]


def test_pages_show_only_what_each_role_may_see(app: Any, world: dict[str, Any]) -> None:
    door = world["doors"]["pro-granted"]
    pages: dict[str, TestClient] = {}
    for role in ROLES:
        browser = TestClient(app, base_url="https://testserver")
        if role != "anonymous":
            page_login(browser, f"{role}@example.org")
        pages[role] = browser
    for role, browser in pages.items():
        client_page = browser.get(f"/clients/{door}", follow_redirects=False)
        if role == "pro-granted":
            assert client_page.status_code == 200 and "ownerCHOSENcanary" in client_page.text
        elif role == "anonymous":
            assert client_page.status_code == 303
        else:
            assert client_page.status_code == 404
            assert "ownerCHOSENcanary" not in client_page.text
        support_page = browser.get("/support", follow_redirects=False)
        assert "ownerPRIVATEcanary" not in support_page.text or role == "owner"
    owner = pages["owner"]
    assert "Dr pro-granted" in owner.get("/support").text
    # A grant with an unknown section is refused beside the field, and nothing changes.
    token = csrf_of(owner.get("/support").text)
    refused = owner.post(f"/support/professionals/{door}/grants",
                         data={"csrf_token": token, "section": ["diary"]})  # fmt: skip
    assert refused.status_code == 422
    assert f'id="grant-{door}-sections-error"' in refused.text
    pro = pages["pro-granted"]
    token = csrf_of(pro.get(f"/clients/{door}").text)
    empty = pro.post(f"/clients/{door}/notes", data={"csrf_token": token, "text": "  "})
    assert empty.status_code == 422 and 'id="text-error"' in empty.text
    done = pro.post(f"/clients/{door}/notes", data={"csrf_token": token, "text": "noteCANARY"},
                    follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    assert "noteCANARY" in owner.get("/support").text
    assert "noteCANARY" not in pages["partner"].get("/support").text


def test_the_coach_tally_counts_checked_drafts_only_once_opted_in(
    client: Any, world: dict[str, Any]
) -> None:
    h = world["h"]["owner"]

    def tally() -> str:
        rule = next(
            r
            for r in client.get("/api/v1/support", headers=h).json()["rules"]
            if r["id"] == "coach_contempt"
        )
        return str(rule["status"])

    client.post("/api/v1/coach", json={"text": "You are pathetic, honestly."}, headers=h)
    assert tally() == "skipped"
    on = client.put("/api/v1/support/coach-tally", json={"enabled": True}, headers=h)
    assert on.json() == {"enabled": True}
    drafts = ["You are pathetic, honestly.", "Whatever. I am done talking."] * 2
    drafts.append("You never listen to a word about my week.")  # blame: not counted
    for text in drafts:
        assert client.post("/api/v1/coach", json={"text": text}, headers=h).status_code == 200
    assert tally() == "silent"  # four counted drafts; five are needed
    client.post("/api/v1/coach", json={"text": "Oh please, you are such a genius."}, headers=h)
    assert tally() == "fired"
    exported = client.get("/api/v1/export", headers=h).json()["support"]
    assert exported["coach_tally"] is True and len(exported["coach_marks"]) == 5
    assert "pathetic" not in str(exported)
    client.put("/api/v1/support/coach-tally", json={"enabled": False}, headers=h)
    assert tally() == "skipped"
    assert client.get("/api/v1/export", headers=h).json()["support"]["coach_marks"] == []


def test_the_support_page_puts_safety_first(app: Any, client: Any) -> None:
    from nearer.domain.safety_screen import QUESTION_IDS

    h = api_signup(client, "worried@example.org")
    client.patch("/api/v1/users/me", json={"country": "gb"}, headers=h)
    browser = TestClient(app, base_url="https://testserver")
    page_login(browser, "worried@example.org")
    calm = browser.get("/support").text
    assert "Nothing in your own records points to it right now" in calm
    assert "This is not a diagnosis." in calm
    answers = {**dict.fromkeys(QUESTION_IDS, "no"), QUESTION_IDS[0]: "yes"}
    assert (
        client.post("/api/v1/safety-check", json={"answers": answers}, headers=h).status_code == 201
    )
    page = browser.get("/support").text
    assert 'id="rule-safety" data-status="fired"' in page
    assert "Couples counselling is not advised while there" in page
    assert 'id="support-crisis-lines"' in page and "Samaritans" in page
    help_list = page.split('id="help-title"')[1].split("Where to find one")[0]
    assert "An individual therapist" in help_list and "A couples counsellor" not in help_list
    assert "Relate" in page  # the directories of the person's own country
