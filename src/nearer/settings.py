"""Every setting Nearer reads, declared once (environment prefix NEARER_)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from nearer.local_paths import default_data_dir, default_database_url

PLACEHOLDER_SECRETS = frozenset(
    {"changeme", "change-me", "changethis", "secret", "password", "placeholder", "nearer", "xxx"}
)


class Settings(BaseSettings):
    """Nearer's settings; each field's description is its documentation."""

    model_config = SettingsConfigDict(env_prefix="NEARER_", extra="ignore")

    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite file nearer.sqlite3 in data_dir."
    )
    data_dir: Path = Field(default_factory=default_data_dir, description="Where local data lives.")
    secret_key: str | None = Field(
        None,
        description="Signs sessions and CSRF tokens; generated and stored on first run if unset.",
    )
    cookie_secure: bool = Field(True, description="Send session cookies only over HTTPS/localhost.")
    session_days: int = Field(14, ge=1, le=365, description="How long a login lasts.")
    login_attempts_per_account_address: int = Field(
        5,
        ge=1,
        description="Login attempts per account from one address within the window (a browser "
        "with the account's device cookie has its own quota of this size instead).",
    )
    login_attempts_per_account: int = Field(
        10,
        ge=1,
        description="Login attempts per account from all addresses together within the window; "
        "a browser with the account's device cookie is exempt.",
    )
    login_attempts_per_address: int = Field(
        100,
        ge=1,
        description="Failed logins per client address within the window (only failures count, "
        "so many people behind one address can still log in).",
    )
    login_window_minutes: int = Field(15, ge=1, description="Rate-limit window for logins.")
    invite_code_attempts_per_account: int = Field(
        10,
        ge=1,
        description="Wrong partner or professional invite codes per account within the login "
        "window (a code that is found never counts).",
    )
    invite_code_attempts_per_address: int = Field(
        50, ge=1, description="Wrong invite codes per client address within the login window."
    )
    signups_per_address: int = Field(
        20,
        ge=1,
        description="Sign-ups and email changes per client address within the window (email "
        "changes per account too).",
    )
    signup_window_minutes: int = Field(60, ge=1, description="Rate-limit window for sign-ups.")
    housekeeping_hours: int = Field(
        24,
        ge=1,
        description="How often `nearer serve` deletes expired sessions and old attempt counters.",
    )
    quick_exit_url: str = Field(
        "https://weather.com/", description="Where the 'Leave quickly' button goes."
    )
    default_country: str = Field("international", description="Help resources when unset.")
    host: str = Field("127.0.0.1", description="Address `nearer serve` listens on.")
    port: int = Field(8000, description="Port `nearer serve` listens on.")
    embed_threads: int = Field(
        0,
        ge=0,
        le=64,
        description="Encoder threads per `nearer serve` worker; 0: the cores divided by the "
        "workers (each thread runs one batched model call at a time).",
    )
    forwarded_allow_ips: str = Field(
        "",
        description="Proxies trusted to set X-Forwarded-For/-Proto: comma-separated addresses "
        "or networks, or * for any; empty trusts none (the client address is the connection's).",
    )

    @field_validator("secret_key")
    @classmethod
    def _refuse_placeholder(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if value.strip().lower() in PLACEHOLDER_SECRETS or len(value) < 16:
            raise ValueError(
                "NEARER_SECRET_KEY is a placeholder or too short; use 16+ random characters "
                "or leave it unset to have one generated."
            )
        return value

    @field_validator("quick_exit_url")
    @classmethod
    def _check_exit(cls, value: str) -> str:
        from urllib.parse import urlsplit

        value = value.strip()
        parts = urlsplit(value)
        on_the_web = parts.scheme in ("http", "https") and bool(parts.netloc)
        here = not parts.scheme and not parts.netloc and value.startswith("/")
        if not (on_the_web or here) or any(c in value for c in "\"<> "):
            raise ValueError(
                "NEARER_QUICK_EXIT_URL must be an http(s) address such as https://weather.com/ "
                "(or a path on this site, starting with /)"
            )
        return value

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _check_proxies(cls, value: str) -> str:
        items = [item.strip() for item in value.split(",") if item.strip()]
        if items == ["*"]:
            return "*"
        for item in items:
            try:
                ipaddress.ip_network(item)  # a bare address is a one-address network
            except ValueError:
                raise ValueError(
                    f"{item!r} is not an IP address or network (like 10.0.0.0/8); "
                    "use addresses, networks or a lone *"
                ) from None
        return ",".join(items)

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return default_database_url(self.data_dir)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings from the environment; a bad value is one clear error naming its variable."""
    from nearer.domain.errors import InvalidInput, Problem

    try:
        return Settings()
    except ValidationError as error:
        raise InvalidInput(
            [
                Problem(
                    "NEARER_" + "_".join(str(part) for part in e["loc"]).upper(),
                    e["msg"].removeprefix("Value error, "),
                )
                for e in error.errors()
            ]
        ) from None
