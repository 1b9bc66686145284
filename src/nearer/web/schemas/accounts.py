"""Accounts, tokens and the couple link."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from nearer.domain.fields import Email, InviteCode, PlainText
from nearer.services.accounts import MAX_PASSWORD, MIN_PASSWORD
from nearer.web.schemas.common import Public, Strict

Country = Annotated[PlainText, Field(max_length=32)]


class UserCreate(Strict):
    email: Email
    password: Annotated[PlainText, Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD)]


class Token(Public):
    access_token: str
    token_type: Literal["bearer"]


class AccountPublic(Public):
    """The caller's own account; `email` is empty only for the command line's local profile."""

    id: int
    email: str | None
    country: str | None


class CountrySetting(Strict):
    """Which country's help resources to show (an ISO code such as "gb"); null clears it."""

    country: Country | None = None


class JoinRequest(Strict):
    code: InviteCode


class Invite(Public):
    """A one-time code for your partner, valid for 7 days."""

    code: Annotated[str, Field(pattern=r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")]


class CoupleStatus(Public):
    linked: bool
    partner_email: str | None
