"""The country setting picks whose help lines a person sees: only a country Nearer has help lines
for is kept (any other was stored as typed, NUL bytes and paths included, and the help lines
quietly fell back), in the API and on the Account page, with the error beside the field."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_signup, csrf_of, page_login

from nearer.domain.help_resources import available_countries


@pytest.mark.parametrize("country", ["a\u0000b", "../../etc/passwd", "<script>x</script>", "zz",
                                     "🇬🇧", "x" * 33, " gb "])
def test_a_country_without_help_lines_is_refused_by_name(client: Any, country: str) -> None:
    me = api_signup(client, "ana@example.org")
    client.patch("/api/v1/users/me", json={"country": "gb"}, headers=me)
    answer = client.patch("/api/v1/users/me", json={"country": country}, headers=me)
    assert answer.status_code == 422, answer.text
    assert [p["loc"][-1] for p in answer.json()["detail"]] == ["country"]
    assert client.get("/api/v1/users/me", headers=me).json()["country"] == "gb"  # unchanged


def test_a_refusal_names_the_countries_there_are() -> None:
    from nearer.domain.errors import InvalidInput
    from nearer.services import accounts

    with pytest.raises(InvalidInput) as caught:
        accounts.set_country(None, 1, "zz")  # type: ignore[arg-type]  # refused before any read
    message = caught.value.problems[0].message
    assert all(code in message for code in available_countries())


@pytest.mark.parametrize(("typed", "kept"), [("GB", "gb"), ("uk", "gb"), ("UK", "gb"), ("", None),
                                            (None, None)])
def test_a_known_country_is_kept_as_its_code_and_empty_clears_it(
        client: Any, typed: str | None, kept: str | None) -> None:
    me = api_signup(client, "ana@example.org")
    client.patch("/api/v1/users/me", json={"country": "us"}, headers=me)
    answer = client.patch("/api/v1/users/me", json={"country": typed}, headers=me)
    assert answer.status_code == 200 and answer.json()["country"] == kept


def test_the_account_page_shows_the_error_beside_the_country_and_keeps_the_old_one(app: Any) -> None:
    browser = TestClient(app, base_url="https://testserver")
    api_signup(browser, "ana@example.org")
    page_login(browser, "ana@example.org")
    token = csrf_of(browser.get("/account").text)
    saved = browser.post("/account/country", data={"country": "ie", "csrf_token": token},
                         follow_redirects=False)
    assert saved.status_code == 303
    token = csrf_of(browser.get("/account").text)
    refused = browser.post("/account/country",
                           data={"country": "../../etc/passwd", "csrf_token": token})
    assert refused.status_code == 422
    assert 'id="country-error"' in refused.text and "is not one Nearer has help lines for" in refused.text
    assert '<option value="ie" selected>' in browser.get("/account").text
