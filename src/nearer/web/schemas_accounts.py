"""Request and response bodies of the account API (sign-up, login, password, email, sessions)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from nearer.web.schemas import Strict


class PasswordChange(Strict):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class EmailChange(Strict):
    password: str = Field(max_length=1024)
    email: str = Field(max_length=320)


class PasswordReset(Strict):
    email: str = Field(max_length=320)
    recovery_code: str = Field(max_length=64)
    new_password: str = Field(max_length=1024)


class RegistrationOut(BaseModel):
    """The same for a new email and for one that already has an account."""

    email: str
    recovery_code: str = Field(description="Shown only this once; keep it somewhere safe.")
    message: str


class TokenOut(BaseModel):
    access_token: str
    token_type: str
    device_token: str = Field(
        description="Send it back as the X-Nearer-Device header when logging in again: this "
        "device then has its own attempt quota, so someone guessing elsewhere cannot lock you out."
    )


class RecoveryOut(BaseModel):
    recovery_code: str = Field(description="Your new recovery code; the old one no longer works.")
    message: str


class SessionsEnded(BaseModel):
    ended_sessions: int


class SessionOut(BaseModel):
    id: str
    device: str
    created_at: str = Field(description="ISO 8601, in the time zone asked for (default UTC).")
    last_seen_at: str = Field(description="ISO 8601, in the time zone asked for (default UTC).")
    current: bool
