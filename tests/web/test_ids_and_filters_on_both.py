"""Ids at and past the largest row id, and control characters in filters, on SQLite and on
PostgreSQL (whose `integer` ids refused a larger number with a server error, and whose JSONB
cannot hold a NUL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from support import api_signup, csrf_of, page_login

from nearer.settings import Settings
from nearer.storage.db import Database

LARGEST = 2**31 - 1


@pytest.fixture
def both(db: Database, settings: Settings) -> Iterator[TestClient]:
    from nearer.web.app import create_app

    with TestClient(create_app(db=db, settings=settings), base_url="https://testserver") as c:
        yield c


API_ROUTES = [
    ("GET", "/api/v1/entries/{id}"),
    ("DELETE", "/api/v1/entries/{id}"),
    ("GET", "/api/v1/entries/{id}/reactions"),
    ("DELETE", "/api/v1/bids/{id}"),
    ("DELETE", "/api/v1/steps/{id}"),
    ("POST", "/api/v1/breaks/{id}/end"),
    ("DELETE", "/api/v1/professionals/{id}"),
    ("GET", "/api/v1/clients/{id}"),
]


def test_ids_past_the_largest_are_refused_and_the_largest_is_simply_not_found(
    both: TestClient,
) -> None:
    me = api_signup(both, "ids@example.org")
    for method, route in API_ROUTES:
        largest = both.request(method, route.format(id=LARGEST), headers=me)
        assert largest.status_code in (403, 404), (route, largest.status_code, largest.text)
        past = both.request(method, route.format(id=LARGEST + 1), headers=me)
        assert past.status_code == 422, (route, past.status_code)
        assert past.json()["detail"][0]["loc"][0] == "path"


def test_pages_with_ids_past_the_largest_do_not_exist(both: TestClient) -> None:
    api_signup(both, "pages@example.org")
    page_login(both, "pages@example.org")
    for url in (f"/journal/{LARGEST + 1}", f"/clients/{LARGEST + 1}",
                f"/instruments/results/{LARGEST + 1}", "/journal/abc"):
        answer = both.get(url)
        assert answer.status_code == 404 and "That page does not exist." in answer.text, url
    for url in (f"/journal/{LARGEST}", f"/clients/{LARGEST}", f"/instruments/results/{LARGEST}"):
        assert both.get(url).status_code == 404, url  # a real id that names nothing
    token = csrf_of(both.get("/journal").text)
    for action in (f"/steps/{LARGEST + 1}/done", f"/bids/{LARGEST + 1}/delete",
                   f"/journal/{LARGEST + 1}/delete", f"/breaks/{LARGEST}/end"):
        answer = both.post(action, data={"csrf_token": token}, follow_redirects=False)
        assert answer.status_code == 404, action


@pytest.mark.parametrize("query", ["feeling=%00", "tag=%00", "feeling=lonely%00", "tag=a%07b"])
def test_a_filter_with_control_characters_is_refused_by_name(both: TestClient, query: str) -> None:
    me = api_signup(both, "filters@example.org")
    answer = both.get(f"/api/v1/entries?{query}", headers=me)
    assert answer.status_code == 422
    name = query.split("=", 1)[0]
    assert answer.json()["detail"][0]["loc"] == ["query", name]
    assert "control" in answer.json()["detail"][0]["msg"]
    assert both.get("/api/v1/entries?feeling=lonely", headers=me).status_code == 200
