"""Adding questionnaires through the pages, and who sees them through the API and the pages."""

from __future__ import annotations

import re
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import csrf_of, page_login

from nearer.services import accounts, couples, instruments
from nearer.services.instruments import PATH_MESSAGE
from nearer.storage.db import Database

PASSWORD = "Quiet-harbour-lantern-42"
ROLES = ("owner", "partner", "former", "stranger", "anonymous")
REPO = Path(__file__).resolve().parents[2]
TITLE = "canaryQUESTIONqz"


def questionnaire(slug: str, title: str = "Closeness check") -> str:
    return (
        f"id: {slug}\ntitle: {title}\nversion: 1\nsource: Written for a test\nlicence: MIT\n"
        "about: [self]\nwhat_it_is: A test.\nwhat_it_is_not: Not a diagnosis.\n"
        "scale: {min: 1, max: 3, labels: {1: low, 3: high}}\n"
        "subscales:\n  - id: close\n    title: Closeness\n    bands_source: test\n    bands:\n"
        "      - {min: 1, max: 2, label: lower, wording: Lower.}\n"
        "      - {min: 2, max: 3, label: higher, wording: Higher.}\n"
        "items:\n  - {id: c1, text: We talk., subscale: close}\n"
        "  - {id: c2, text: We keep apart., subscale: close, reverse: true}\n"
    )


def client_for(app: Any, email: str | None) -> TestClient:
    client = TestClient(app, base_url="https://testserver")
    if email is not None:
        page_login(client, email, PASSWORD)
        token = client.post(
            "/api/v1/auth/token", data={"username": email, "password": PASSWORD}
        ).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
    return client


def add(client: TestClient, **data: str) -> Any:
    token = csrf_of(client.get("/instruments-admin").text)
    return client.post(
        "/instruments-admin", data={"csrf_token": token, **data}, follow_redirects=False
    )


@pytest.fixture
def world(sqlite_db: Database, app: Any) -> dict[str, Any]:
    """admin first; the owner adds a questionnaire while with `former`, then links with `partner`."""
    ids = {
        role: accounts.sign_up(sqlite_db, f"{role}@example.org", PASSWORD).id
        for role in ("admin", "owner", "partner", "former", "stranger")
    }
    couples.join(sqlite_db, ids["former"], couples.create_invite(sqlite_db, ids["owner"]))
    by_role = {
        role: client_for(app, None if role == "anonymous" else f"{role}@example.org")
        for role in (*ROLES, "admin")
    }
    added = add(by_role["owner"], definition=questionnaire("ours", TITLE))
    assert added.status_code == 303 and added.headers["location"] == "/instruments-admin?added=ours"
    couples.unlink(sqlite_db, ids["owner"])
    couples.join(sqlite_db, ids["partner"], couples.create_invite(sqlite_db, ids["owner"]))
    return {"ids": ids, "clients": by_role, "db": sqlite_db}


SEES = {"owner": True, "partner": True, "former": False, "stranger": False}


@pytest.mark.parametrize("role", ROLES)
def test_api_shows_the_questionnaire_to_owner_and_partner_only(
    world: dict[str, Any], role: str
) -> None:
    client = world["clients"][role]
    listed = client.get("/api/v1/instruments")
    one = client.get("/api/v1/instruments/ours")
    answer = client.post("/api/v1/instruments/ours/responses", json={"answers": {"c1": 3, "c2": 1}})
    history = client.get("/api/v1/instruments/ours/responses")
    if role == "anonymous":
        assert {r.status_code for r in (listed, one, answer, history)} == {401}
        return
    if SEES[role]:
        assert TITLE in listed.text
        assert one.status_code == 200 and one.json()["title"] == TITLE
        assert answer.status_code == 201 and answer.json()["scores"] == {"close": 3.0}
        assert history.status_code == 200 and len(history.json()["items"]) == 1
        return
    missing = client.get("/api/v1/instruments/no-such-one")
    assert listed.status_code == 200 and TITLE not in listed.text
    for response in (one, answer, history):
        assert response.status_code == 404
        assert response.json() == missing.json()  # hidden reads exactly like missing


@pytest.mark.parametrize("role", ROLES)
def test_pages_show_the_questionnaire_to_owner_and_partner_only(
    world: dict[str, Any], role: str
) -> None:
    client = world["clients"][role]
    pages = [client.get(path, follow_redirects=False) for path in
             ("/instruments", "/instruments/ours", "/instruments-admin")]  # fmt: skip
    if role == "anonymous":
        assert all(page.status_code in (302, 303, 307) for page in pages)
        assert all(TITLE not in page.text for page in pages)
        return
    listing, form, admin = pages
    assert listing.status_code == 200 and admin.status_code == 200
    if SEES[role]:
        assert TITLE in listing.text and TITLE in admin.text
        assert form.status_code == 200 and TITLE in form.text
    else:
        missing = client.get("/instruments/no-such-one")
        assert TITLE not in listing.text and TITLE not in admin.text
        assert form.status_code == 404 and TITLE not in form.text
        assert form.text == missing.text


def _field_error(html: str) -> str:
    found = re.search(r'<p class="error" role="alert" id="definition-error">([^<]*)</p>', html)
    assert found, html[:2000]
    return html_unescape(found.group(1))


def test_a_pasted_path_is_never_opened(world: dict[str, Any]) -> None:
    client = world["clients"]["stranger"]
    signs = REPO / "src/nearer/content/instruments/signs.yaml"
    assert signs.is_file()
    errors = set()
    for given in ("/etc/passwd.yaml", str(signs), str(signs.with_name("missing.yaml")),
                  "/etc/passwd\x00.yaml", "src/nearer/content/instruments/signs.yaml"):  # fmt: skip
        response = add(client, definition=given)
        assert response.status_code == 422
        errors.add(_field_error(response.text))
        for leaked in ("root:", "No such file", "frequency_bands", "what_it_is_not:", "Errno"):
            assert leaked not in response.text
    assert errors == {PATH_MESSAGE}  # one answer for every path, existing or not


def test_an_upload_name_is_a_label_and_its_content_the_only_text(world: dict[str, Any]) -> None:
    client = world["clients"]["stranger"]
    token = csrf_of(client.get("/instruments-admin").text)
    upload = client.post(
        "/instruments-admin",
        data={"csrf_token": token},
        files={"file": ("../../../etc/passwd.yaml", questionnaire("uploaded").encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert upload.status_code == 303
    path_inside = client.post(
        "/instruments-admin",
        data={"csrf_token": token},
        files={"file": ("q.yaml", b"/etc/passwd.yaml", "text/yaml")},
    )
    assert path_inside.status_code == 422 and _field_error(path_inside.text) == PATH_MESSAGE


def test_a_bomb_and_deep_nesting_get_short_422_pages(world: dict[str, Any]) -> None:
    client = world["clients"]["stranger"]
    bomb = (  # 248 bytes; 9 ** 5 "lol"s once expanded
        "#bomb\n"
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    )
    assert len(bomb.encode()) == 248
    refused = add(client, definition=bomb)
    assert refused.status_code == 422
    assert "pasted.yaml: line 6</code>: has more than 50000 values, the limit" in refused.text
    assert len(refused.content) < 20_000 and refused.text.count("lol") <= 9
    deep = add(client, definition="[" * 5000 + "]" * 5000)
    assert deep.status_code == 422
    assert "nests deeper than 32 levels, the limit" in deep.text
    assert len(deep.content) < 60_000  # the page, and the 10,000 characters given, once


def test_the_twenty_first_questionnaire_is_refused_beside_the_field(world: dict[str, Any]) -> None:
    db, stranger = world["db"], world["ids"]["stranger"]
    for n in range(instruments.MAX_PER_PERSON):
        instruments.add_instrument(db, stranger, questionnaire(f"s{n}"), f"s{n}.yaml")
    response = add(world["clients"]["stranger"], definition=questionnaire("one-more"))
    assert response.status_code == 422
    assert "you have added 20 questionnaires" in _field_error(response.text)


def test_only_an_admin_may_publish(world: dict[str, Any]) -> None:
    clients = world["clients"]
    assert 'name="publish"' in clients["admin"].get("/instruments-admin").text
    assert 'name="publish"' not in clients["stranger"].get("/instruments-admin").text
    refused = add(clients["stranger"], definition=questionnaire("sneaky"), publish="yes")
    assert refused.status_code == 422 and "only an admin can publish to everyone" in refused.text
    assert clients["owner"].get("/api/v1/instruments/sneaky").status_code == 404
    published = add(clients["admin"], definition=questionnaire("for-all", "Everyone"), publish="yes")
    assert published.status_code == 303
    for role in ("owner", "partner", "former", "stranger"):
        assert clients[role].get("/api/v1/instruments/for-all").json()["title"] == "Everyone"
    private = add(clients["admin"], definition=questionnaire("admins-own", "Admin only"))
    assert private.status_code == 303
    assert clients["stranger"].get("/api/v1/instruments/admins-own").status_code == 404
