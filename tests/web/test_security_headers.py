"""Issue 13 item 8: security headers on every response, no-store on everything private,
no inline script or style anywhere, and no CDN-backed /docs.

Before: no CSP, no frame-ancestors / X-Frame-Options, no nosniff, no Permissions-Policy, no COOP,
Referrer-Policy only as a meta tag, no Cache-Control on API JSON or the exports, /docs loading
scripts from a public CDN, and two inline onsubmit handlers plus an inline style on every chart.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, page_login
from web.test_canary_matrix import SKIP, all_routes, build_world, clients, fill

from nearer.domain import charts
from nearer.storage.db import Database

WEB = Path(__file__).resolve().parents[2] / "src" / "nearer" / "web"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
EXPECTED = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}
# Inline script or style in markup: a <script> without src, an on…= handler, a style attribute,
# a <style> element, or a javascript: URL. The CSP would block each one.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|<style[\s>]|javascript:", re.I
)


def assert_secure(response: Any, *, cacheable: bool = False) -> None:
    headers = response.headers
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, (response.request.url, name, headers.get(name))
    policy = headers["permissions-policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    if cacheable:
        assert "no-store" not in headers.get("cache-control", "")
    else:
        assert headers.get("cache-control") == "no-store", (response.request.url, headers)


@pytest.fixture
def me(client: Any) -> dict[str, str]:
    return api_signup(client, "me@example.org")


def test_a_page_carries_every_header(client: Any, me: dict[str, str]) -> None:
    page_login(client, "me@example.org")
    response = client.get("/journal")
    assert response.status_code == 200
    assert_secure(response)
    assert_secure(client.get("/login"))


def test_an_api_response_carries_every_header_and_is_not_stored(
    client: Any, me: dict[str, str]
) -> None:
    client.post("/api/v1/entries", json={"text": "private words"}, headers=me)
    response = client.get("/api/v1/entries", headers=me)
    assert response.status_code == 200 and response.json()["items"][0]["text"] == "private words"
    assert_secure(response)


def test_both_exports_are_not_stored(client: Any, me: dict[str, str]) -> None:
    response = client.get("/api/v1/export", headers=me)
    assert response.status_code == 200
    assert_secure(response)
    page_login(client, "me@example.org")
    response = client.get("/account/export.json")
    assert response.status_code == 200
    assert_secure(response)


def test_a_static_file_carries_the_headers_and_may_be_cached(client: Any) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert_secure(response, cacheable=True)


@pytest.mark.parametrize(
    "method,path,status",
    [
        ("GET", "/no-such-page", 404),
        ("GET", "/api/v1/no-such-thing", 404),
        ("GET", "/api/v1/entries", 401),
        ("PUT", "/api/v1/entries", 405),
        ("POST", "/api/v1/users", 422),
        ("GET", "/docs", 404),
        ("GET", "/redoc", 404),
        ("GET", "/journal", 303),
    ],
)
def test_error_and_redirect_responses_carry_every_header(
    client: Any, method: str, path: str, status: int
) -> None:
    response = client.request(method, path, json={}, follow_redirects=False)
    assert response.status_code == status
    assert_secure(response)


def test_the_413_of_the_body_limit_carries_every_header(client: Any) -> None:
    response = client.post(
        "/api/v1/entries", content=b"x" * 1_000_001, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert_secure(response)


@pytest.mark.parametrize("path", ["/api/v1/boom", "/boom"])
def test_a_crash_is_answered_with_every_header(app: Any, path: str) -> None:
    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route(path, boom)
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
        response = c.get(path)
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert_secure(response)


def test_openapi_stays_and_the_cdn_docs_are_gone(client: Any) -> None:
    assert client.get("/openapi.json").json()["info"]["title"] == "Nearer"
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_every_route_as_owner_and_anonymous_is_secured_and_never_stored(
    sqlite_db: Database, app: Any
) -> None:
    """Every GET route read from the app: each answer carries the headers and no-store, and no
    page has inline script or style (so the CSP blocks nothing the app meant to run)."""
    world = build_world(sqlite_db)
    by_role = clients(app)
    seen_pages = 0
    for method, path in all_routes(app.routes):
        if method != "GET" or SKIP.match(path):
            continue
        for concrete in fill(path, world["params"]) or []:
            for role in ("owner", "partner", "anonymous"):
                response = by_role[role].get(concrete, follow_redirects=False)
                assert_secure(response)
                # A download (the report as a file) is saved, not rendered in this origin; it
                # keeps its own styles so it reads well when opened from disk.
                download = response.headers.get("content-disposition", "").startswith("attachment")
                if response.headers.get("content-type", "").startswith("text/html") and not download:
                    seen_pages += 1
                    assert INLINE.findall(response.text) == [], (role, concrete)
    assert seen_pages > 40


def test_no_template_or_static_page_has_inline_script_or_style() -> None:
    files = [*(WEB / "templates").glob("*.html"), *(WEB / "static").glob("*.html")]
    assert len(files) > 20
    found = {f.name: INLINE.findall(f.read_text()) for f in files}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_inline_pattern_catches_what_the_csp_would_block() -> None:
    assert INLINE.findall('<script>alert(1)</script><script src="/static/a.js"></script>') == [
        "<script>"
    ]
    assert len(INLINE.findall('<form onsubmit="return x()"><p style="color:red">')) == 2
    assert INLINE.findall('<a href="/x" data-confirm="sure?">') == []


def test_charts_are_sized_by_the_stylesheet_not_an_inline_style() -> None:
    svg = charts.bar_chart("Feelings", ["joy", "sadness"], [2, 1], y_label="times", x_label="")
    assert INLINE.findall(svg) == []
    assert 'class="chart-svg"' in svg
    css = (WEB / "static" / "style.css").read_text()
    assert "svg.chart-svg { max-width: 720px; height: auto; }" in css


def test_destructive_forms_ask_through_the_static_script(client: Any) -> None:
    owner = api_signup(client, "owner@example.org")
    partner = api_signup(client, "partner@example.org")
    api_link(client, owner, partner)
    entry = client.post("/api/v1/entries", json={"text": "x"}, headers=owner).json()["id"]
    page_login(client, "owner@example.org")
    page = client.get(f"/journal/{entry}").text
    assert 'data-confirm="Delete this entry for good?"' in page
    assert '<script src="/static/confirm.js"></script>' in page
    assert "data-confirm=" in client.get("/couple").text
    script = client.get("/static/confirm.js")
    assert script.status_code == 200 and "data-confirm" in script.text
