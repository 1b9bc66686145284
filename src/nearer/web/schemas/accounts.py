"""Accounts, tokens and the couple link."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from nearer.domain.fields import DisplayName, Email, InviteCode, PlainText, one_of
from nearer.domain.help_resources import country_settings, unknown_country_problem
from nearer.domain.password_policy import MAX_LENGTH as MAX_PASSWORD
from nearer.domain.password_policy import MIN_LENGTH as MIN_PASSWORD
from nearer.web.schemas.common import Public, Strict
from nearer.web.schemas.paging import Paged

# A country Nearer has help lines for (the schema lists them), in the service's words otherwise.
Country = Annotated[str, *one_of(country_settings(), unknown_country_problem())]


class UserCreate(Strict):
    email: Email
    password: Annotated[PlainText, Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD)]


class Token(Public):
    access_token: str
    token_type: Literal["bearer"]
    device_token: str = Field(
        description="Send it back as the X-Nearer-Device header when logging in again: this "
        "device then has its own attempt quota, so someone guessing elsewhere cannot lock you out."
    )
    recovery_code: str | None = Field(
        default=None,
        description="Set only on the first login of an account made before encryption at rest: "
        "a new recovery code that opens your encryption key, shown this once; the old one ends.",
    )


Password = Annotated[PlainText, Field(min_length=1, max_length=MAX_PASSWORD)]


class PasswordChange(Strict):
    current_password: Password
    new_password: Annotated[PlainText, Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD)]


class EmailChange(Strict):
    password: Password
    email: Email


class PasswordReset(Strict):
    email: Email
    recovery_code: Annotated[PlainText, Field(min_length=1, max_length=64)]
    new_password: Annotated[PlainText, Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD)]


class Registration(Public):
    """The same for a new email and for one that already has an account."""

    email: str
    recovery_code: str = Field(description="Shown only this once; keep it somewhere safe.")
    message: str


class Recovery(Public):
    recovery_code: str = Field(description="Your new recovery code; the old one no longer works.")
    message: str


class SessionsEnded(Public):
    ended_sessions: int


class SessionPublic(Public):
    id: str
    device: str
    created_at: str = Field(description="ISO 8601, in the time zone asked for (default UTC).")
    last_seen_at: str = Field(description="ISO 8601, in the time zone asked for (default UTC).")
    current: bool


class SessionPage(Paged[SessionPublic]):
    """A page of your live sessions, most recently seen first."""


class AccountPublic(Public):
    """The caller's own account; `email` is empty only for the command line's local profile."""

    id: int
    email: str | None
    country: str | None
    display_name: str | None = Field(
        default=None, description="The name your partner sees instead of your email."
    )


class AccountUpdate(Strict):
    """Change only the fields sent. `country`: which country's help resources to show (an ISO
    code such as "gb"), null clears it. `display_name`: the name your partner sees instead of
    your email, null goes back to your email's first part."""

    country: Country | None = None
    display_name: DisplayName | None = None


CountrySetting = AccountUpdate  # the older name, kept for imports


class JoinRequest(Strict):
    code: InviteCode


class Invite(Public):
    """A one-time code for your partner, valid for 7 days."""

    code: Annotated[str, Field(pattern=r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")]


class CoupleStatus(Public):
    """Whether you are linked, and your partner's name as they chose to be seen (never their
    email: a display name stands in its place)."""

    linked: bool
    partner_name: str | None = Field(
        default=None, description="The partner's display name, else their email's first part."
    )
