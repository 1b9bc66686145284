"""The security headers as the middleware adds them to a response's raw ASGI header pairs:
the route's own value for one of those names is replaced (never sent twice), everything else
the route set is kept, and the static files keep their own caching."""

from __future__ import annotations

from nearer.web.headers import headers_for, with_headers


def _as_dict(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    return {name.decode(): value.decode() for name, value in raw}


def test_every_header_is_added_to_an_api_answer() -> None:
    out = with_headers([(b"content-type", b"application/json")], "/api/v1/entries")
    expected = {name.lower(): value for name, value in headers_for("/api/v1/entries").items()}
    assert _as_dict(out) == {"content-type": "application/json", **expected}
    assert len(out) == len(expected) + 1


def test_a_route_s_own_value_is_replaced_not_doubled() -> None:
    route_set = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"Cache-Control", b"max-age=600"),
        (b"x-frame-options", b"SAMEORIGIN"),
        (b"set-cookie", b"a=1"),
        (b"set-cookie", b"b=2"),
    ]
    out = with_headers(route_set, "/journal")
    names = [name.lower() for name, _ in out]
    assert names.count(b"cache-control") == 1
    assert names.count(b"x-frame-options") == 1
    assert names.count(b"set-cookie") == 2  # what the route set under other names stays
    assert _as_dict(out)["cache-control"] == "no-store"
    assert _as_dict(out)["x-frame-options"] == "DENY"


def test_static_files_keep_their_own_caching() -> None:
    out = with_headers([(b"cache-control", b"max-age=600")], "/static/style.css")
    assert _as_dict(out)["cache-control"] == "max-age=600"
    assert _as_dict(out)["x-content-type-options"] == "nosniff"
