"""`nearer serve` configuration: workers, and which proxy may say who the client is."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from nearer.domain.errors import InvalidInput
from nearer.settings import Settings, get_settings
from nearer.web.serving import APP_FACTORY, uvicorn_config


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def _seen_by_app(settings: Settings, peer: str, headers: dict[str, str]) -> tuple[str, str]:
    """The (client address, scheme) the app sees for a request from `peer` with `headers`."""
    seen: dict[str, Any] = {}

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.update(client=scope["client"][0], scheme=scope["scheme"])

    config = uvicorn_config(settings, app=lambda: app)
    config.load()
    scope = {
        "type": "http",
        "scheme": "http",
        "client": (peer, 50000),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(config.loaded_app(scope, None, None))
    return seen["client"], seen["scheme"]


FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}


def test_no_proxy_is_trusted_by_default_not_even_localhost() -> None:
    assert _seen_by_app(_settings(), "127.0.0.1", FORWARDED) == ("127.0.0.1", "http")


def test_a_named_proxy_sets_the_client_address_and_scheme() -> None:
    trusting = _settings(forwarded_allow_ips="127.0.0.1")
    assert _seen_by_app(trusting, "127.0.0.1", FORWARDED) == ("203.0.113.9", "https")


def test_only_the_named_proxy_is_believed() -> None:
    trusting = _settings(forwarded_allow_ips="10.0.0.0/8, ::1")
    assert _seen_by_app(trusting, "10.4.5.6", FORWARDED) == ("203.0.113.9", "https")
    assert _seen_by_app(trusting, "192.0.2.7", FORWARDED) == ("192.0.2.7", "http")


def test_a_chain_of_proxies_yields_the_first_untrusted_address() -> None:
    trusting = _settings(forwarded_allow_ips="127.0.0.1,10.0.0.2")
    chain = {"X-Forwarded-For": "198.51.100.4, 203.0.113.9, 10.0.0.2"}
    # 10.0.0.2 is ours; 203.0.113.9 is not, so anything it claims (198.51.100.4) is ignored.
    assert _seen_by_app(trusting, "127.0.0.1", chain)[0] == "203.0.113.9"


def test_the_config_serves_the_app_factory_with_the_workers_asked_for() -> None:
    config = uvicorn_config(_settings(port=8123), workers=4)
    assert (config.app, config.factory, config.workers) == (APP_FACTORY, True, 4)
    assert (config.host, config.port, config.proxy_headers) == ("127.0.0.1", 8123, False)
    explicit = uvicorn_config(_settings(), host="0.0.0.0", port=9000)
    assert (explicit.host, explicit.port, explicit.workers) == ("0.0.0.0", 9000, 1)


def test_forwarded_allow_ips_is_normalised() -> None:
    assert (
        _settings(forwarded_allow_ips=" 10.0.0.0/8 , ::1,").forwarded_allow_ips == "10.0.0.0/8,::1"
    )
    assert _settings(forwarded_allow_ips=" * ").forwarded_allow_ips == "*"


@pytest.mark.parametrize("value", ["localhost", "10.0.0.1/8", "10.0.0.0/33", "*,10.0.0.1", "1.2.3"])
def test_a_bad_forwarded_allow_ips_is_one_error_naming_the_variable(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEARER_FORWARDED_ALLOW_IPS", value)
    get_settings.cache_clear()
    try:
        with pytest.raises(InvalidInput) as raised:
            get_settings()
    finally:
        get_settings.cache_clear()
    assert [p.field for p in raised.value.problems] == ["NEARER_FORWARDED_ALLOW_IPS"]
    assert "is not an IP address or network" in str(raised.value)


def test_serve_refuses_zero_workers(tmp_path: Any) -> None:
    from support import run_cli

    code, output = run_cli(str(tmp_path / "n.sqlite3"), "serve", "--workers", "0")
    assert code == 2
    assert "--workers" in output


def test_serve_with_a_bad_proxy_setting_is_one_error_line(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support import run_cli

    monkeypatch.setenv("NEARER_FORWARDED_ALLOW_IPS", "the proxy")
    monkeypatch.setenv("NEARER_DATABASE_URL", f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    get_settings.cache_clear()
    try:
        code, output = run_cli(str(tmp_path / "n.sqlite3"), "serve")
    finally:
        get_settings.cache_clear()
    assert code == 2
    text = " ".join(output.split())
    assert text.startswith("Error: NEARER_FORWARDED_ALLOW_IPS: 'the proxy' is not an IP address")
    assert "Traceback" not in output
