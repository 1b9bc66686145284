"""The API keeps its published contract: typed bodies, documented errors, no 500 on odd input."""

from __future__ import annotations

from typing import Any

import pytest
from support import api_link, api_signup, csrf_of, page_login

BIG = 2**31  # one past the largest id a database row can have
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def me(client: Any) -> dict[str, str]:
    return api_signup(client, "me@example.org")


def _fields(response: Any) -> list[list[Any]]:
    assert response.status_code == 422, response.text
    return [d["loc"] for d in response.json()["detail"]]


# --- ids out of range -------------------------------------------------------------------------


@pytest.mark.parametrize("entry_id", [BIG, BIG * 10, 0, -1])
def test_api_entry_id_out_of_range_is_422_naming_the_id(
    client: Any, me: dict[str, str], entry_id: int
) -> None:
    for method in ("GET", "DELETE"):
        response = client.request(method, f"/api/v1/entries/{entry_id}", headers=me)
        assert _fields(response) == [["path", "entry_id"]]
    response = client.patch(f"/api/v1/entries/{entry_id}", json={"text": "x"}, headers=me)
    assert ["path", "entry_id"] in _fields(response)


def test_largest_possible_id_is_a_plain_404(client: Any, me: dict[str, str]) -> None:
    response = client.get(f"/api/v1/entries/{BIG - 1}", headers=me)
    assert response.status_code == 404 and response.json() == {"detail": "No such entry."}


def test_pages_answer_ids_out_of_range_without_a_server_error(client: Any) -> None:
    api_signup(client, "page@example.org")
    page_login(client, "page@example.org")
    for url in (
        f"/journal/{BIG}",
        f"/journal/{BIG}/edit",
        f"/instruments/results/{BIG}",
        "/journal/0",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/journal?saved={BIG}").status_code == 200
    token = csrf_of(client.get("/journal").text)
    for action, data in (
        ("edit", {"text": "x"}),
        ("delete", {}),
        ("visibility", {"visibility": "private"}),
    ):
        response = client.post(
            f"/journal/{BIG}/{action}", data={**data, "csrf_token": token}, follow_redirects=False
        )
        assert response.status_code == 404, action


# --- lone surrogates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,loc",
    [
        (b'{"text": "a\\ud800b"}', ["body", "text"]),
        (b'{"text": "ok", "feelings": ["calm", "\\ud800"]}', ["body", "feelings", 1]),
        (b'{"text": "ok", "tags": ["x\\udfff"]}', ["body", "tags", 0]),
    ],
)
def test_lone_surrogate_in_an_entry_is_422_naming_the_field(
    client: Any, me: dict[str, str], body: bytes, loc: list[Any]
) -> None:
    response = client.post("/api/v1/entries", content=body, headers={**me, **JSON})
    assert _fields(response) == [loc]
    assert "broken characters" in response.json()["detail"][0]["msg"]
    assert client.get("/api/v1/entries", headers=me).json()["items"] == []


def test_lone_surrogate_in_an_edit_changes_nothing(client: Any, me: dict[str, str]) -> None:
    entry = client.post("/api/v1/entries", json={"text": "first"}, headers=me).json()
    response = client.patch(
        f"/api/v1/entries/{entry['id']}", content=b'{"text": "\\udc00"}', headers={**me, **JSON}
    )
    assert _fields(response) == [["body", "text"]]
    assert client.get(f"/api/v1/entries/{entry['id']}", headers=me).json()["text"] == "first"


def test_lone_surrogate_in_a_guide_note_or_email_is_422(client: Any, me: dict[str, str]) -> None:
    note = client.put(
        "/api/v1/guides/bids-for-connection/note",
        content=b'{"text": "\\ud800"}',
        headers={**me, **JSON},
    )
    assert _fields(note) == [["body", "text"]]
    signup = client.post(
        "/api/v1/users",
        content=b'{"email": "a\\ud800@example.org", "password": "long-enough-pw"}',
        headers=JSON,
    )
    assert _fields(signup) == [["body", "email"]]


def test_broken_bytes_in_a_form_never_crash_or_store_a_surrogate(client: Any) -> None:
    api_signup(client, "form@example.org")
    page_login(client, "form@example.org")
    token = csrf_of(client.get("/journal").text)
    response = client.post(
        "/journal",
        content=b"text=a%ED%A0%80b&tags=x%ED%B0%80&csrf_token=" + token.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    # The form decoder turns bytes that are not UTF-8 into U+FFFD; the tag is then refused.
    assert response.status_code == 422
    assert "tags" in response.text


# --- filters and methods ------------------------------------------------------------------------


@pytest.mark.parametrize("since", ["0", "1700000000", "2026-02-30", "yesterday"])
def test_since_must_be_a_real_iso_day(client: Any, me: dict[str, str], since: str) -> None:
    response = client.get("/api/v1/entries", params={"since": since}, headers=me)
    assert _fields(response) == [["query", "since"]]


def test_since_filters_by_day(client: Any, me: dict[str, str]) -> None:
    client.post("/api/v1/entries", json={"text": "today"}, headers=me)
    assert len(client.get("/api/v1/entries?since=2000-01-01", headers=me).json()["items"]) == 1
    assert client.get("/api/v1/entries?since=2999-01-01", headers=me).json()["items"] == []


def test_unknown_time_zone_is_422_and_a_known_one_works(client: Any, me: dict[str, str]) -> None:
    assert _fields(client.get("/api/v1/patterns?tz=Mars/Olympus", headers=me)) == [["query", "tz"]]
    ok = client.get("/api/v1/patterns?tz=Europe/London", headers=me)
    assert ok.status_code == 200 and ok.json()["timezone"] == "Europe/London"


@pytest.mark.parametrize(
    "method,path,allow",
    [
        ("PUT", "/api/v1/entries", "GET, POST"),
        ("POST", "/api/v1/entries/1", "DELETE, GET, PATCH"),
        ("GET", "/api/v1/couple/invite", "POST"),
        ("PATCH", "/api/v1/couple", "DELETE, GET"),
        ("PUT", "/journal", "GET, POST"),
    ],
)
def test_405_lists_every_allowed_method(
    client: Any, me: dict[str, str], method: str, path: str, allow: str
) -> None:
    response = client.request(method, path, headers=me)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


# --- what the partner reads ---------------------------------------------------------------------


def test_partner_reads_a_shared_entry_without_the_authors_readings(client: Any) -> None:
    author = api_signup(client, "author@example.org")
    partner = api_signup(client, "partner@example.org")
    api_link(client, author, partner)
    entry = client.post(
        "/api/v1/entries",
        json={"text": "I felt so alone tonight", "visibility": "shared"},
        headers=author,
    ).json()
    assert {"family", "emotions", "safety"} <= set(entry) and entry["mine"] is True
    seen = client.get(f"/api/v1/entries/{entry['id']}", headers=partner).json()
    listed = client.get("/api/v1/partner/entries", headers=partner).json()["items"]
    for body in (seen, listed[0]):
        assert body["text"] == "I felt so alone tonight" and body["mine"] is False
        assert not {"family", "emotions", "safety"} & set(body)


# --- the published schema -----------------------------------------------------------------------


@pytest.fixture
def spec(client: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.get("/openapi.json").json()
    return result


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def test_every_api_response_is_typed(spec: dict[str, Any]) -> None:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            for code, answer in op["responses"].items():
                if code == "204":
                    assert "content" not in answer or not answer["content"], (path, method)
                    continue
                content = answer["content"]
                if "application/json" not in content:
                    # A file named by its media type: the report as a PDF or an HTML page, and
                    # the check-in reminder as an iCalendar file.
                    files = {"application/pdf", "text/html", "text/calendar"}
                    assert set(content) <= files, (path, method, code)
                    continue
                schema = content["application/json"]["schema"]
                assert schema, (path, method, code)
                # A bare {"type": "object"} or {} would be an untyped dict.
                resolved = _resolve(spec, schema)
                assert (
                    resolved.get("properties") or resolved.get("items") or resolved.get("anyOf")
                ), (path, method, code)


def test_documented_errors(spec: dict[str, Any]) -> None:
    public = {
        ("/api/v1/users", "post"),
        ("/api/v1/auth/token", "post"),
        ("/api/v1/auth/reset", "post"),
        ("/api/v1/resources", "get"),
    }
    for path, item in spec["paths"].items():
        for method, op in item.items():
            codes = set(op["responses"])
            if (path, method) not in public:
                assert "401" in codes, (path, method)
            if "requestBody" in op:
                assert {"413", "422"} <= codes, (path, method)
            if "{" in path:
                assert {"404", "422"} <= codes, (path, method)
    token = spec["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert {"401", "429"} <= set(token)
    error = spec["paths"]["/api/v1/entries"]["post"]["responses"]["422"]
    body = _resolve(spec, error["content"]["application/json"]["schema"])
    problem = _resolve(spec, body["properties"]["detail"]["items"])
    assert set(problem["properties"]) == {"loc", "msg", "type"}
    conflict = spec["paths"]["/api/v1/couple/join"]["post"]["responses"]["409"]
    assert _resolve(spec, conflict["content"]["application/json"]["schema"])["properties"] == {
        "detail": {"title": "Detail", "type": "string"}
    }


def test_schema_states_the_real_constraints(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    entry = schemas["EntryCreate"]["properties"]
    assert entry["text"]["minLength"] == 1 and entry["text"]["maxLength"] == 20_000
    assert "pattern" in entry["text"]
    assert entry["feelings"]["maxItems"] == 20
    feelings = entry["feelings"]["items"]["enum"]  # words Nearer knows; others are refused
    assert {"lonely", "hopeful", "sadness", "ignored"} <= set(feelings) and "blorpy" not in feelings
    assert entry["tags"]["items"]["maxLength"] == 40
    reaction = schemas["ReactionWrite"]
    assert reaction["anyOf"] == [{"required": ["kind"]}, {"required": ["reply"]}]
    assert reaction["properties"]["reply"]["anyOf"][0]["maxLength"] == 500
    assert (
        entry["intensity"]["anyOf"][0]["minimum"],
        entry["intensity"]["anyOf"][0]["maximum"],
    ) == (0, 10)
    assert schemas["UserCreate"]["properties"]["email"]["format"] == "email"
    assert schemas["UserCreate"]["properties"]["password"]["minLength"] == 10
    code = schemas["JoinRequest"]["properties"]["code"]
    assert (code["minLength"], code["maxLength"]) == (8, 9) and "pattern" in code
    params = {p["name"]: p for p in spec["paths"]["/api/v1/patterns"]["get"]["parameters"]}
    zones = params["tz"]["schema"]["anyOf"][0]["enum"]
    assert "Europe/London" in zones and "Mars/Olympus" not in zones
    since = {p["name"]: p for p in spec["paths"]["/api/v1/entries"]["get"]["parameters"]}["since"]
    assert since["schema"]["anyOf"][0]["format"] == "date"
    entry_id = spec["paths"]["/api/v1/entries/{entry_id}"]["get"]["parameters"][0]["schema"]
    assert (entry_id["minimum"], entry_id["maximum"]) == (1, BIG - 1)


def test_partner_entry_schema_has_no_readings(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert not {"family", "emotions", "safety"} & set(schemas["PartnerEntryPublic"]["properties"])
    assert {"family", "emotions", "safety"} <= set(schemas["EntryPublic"]["properties"])
    listed = spec["paths"]["/api/v1/partner/entries"]["get"]["responses"]["200"]
    page = listed["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert schemas[page]["properties"]["items"]["items"]["$ref"].endswith("/PartnerEntryPublic")
    assert set(schemas[page]["required"]) == {"items", "next"}
    assert "Link" in listed["headers"]


def test_a_body_that_is_not_utf8_is_422_not_400(client: Any, me: dict[str, str]) -> None:
    response = client.post("/api/v1/entries", content=b"\xff\xfe{", headers={**me, **JSON})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_patch_refuses_null_for_fields_that_cannot_be_empty(
    client: Any, me: dict[str, str]
) -> None:
    entry = client.post("/api/v1/entries", json={"text": "x", "intensity": 4}, headers=me).json()
    for field in ("text", "feelings", "tags", "visibility"):
        response = client.patch(f"/api/v1/entries/{entry['id']}", json={field: None}, headers=me)
        assert _fields(response) == [["body", field]]
    cleared = client.patch(f"/api/v1/entries/{entry['id']}", json={"intensity": None}, headers=me)
    assert cleared.status_code == 200 and cleared.json()["intensity"] is None


@pytest.mark.parametrize(
    "email", ["x(@y.zz", "a..b@example.org", "þ@example.org", "a@b", "a@-b.org", "a b@c.org"]
)
def test_sign_up_refuses_addresses_that_are_not_email(client: Any, email: str) -> None:
    response = client.post("/api/v1/users", json={"email": email, "password": "long-enough-pw"})
    assert _fields(response) == [["body", "email"]]
