"""Request bodies of the JSON API (strict: wrong types are refused, never coerced)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class UserCreate(Strict):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class JoinRequest(Strict):
    code: str = Field(max_length=64)


class EntryCreate(Strict):
    text: str
    feelings: list[str] = []
    intensity: int | None = Field(None, ge=0, le=10)
    tags: list[str] = []
    visibility: Literal["private", "shared"] = "private"


class EntryUpdate(Strict):
    text: str | None = None
    feelings: list[str] | None = None
    intensity: int | None = Field(None, ge=0, le=10)
    tags: list[str] | None = None
    visibility: Literal["private", "shared"] | None = None


class CountrySetting(Strict):
    country: str | None = Field(None, max_length=32)


class ScreenAnswers(Strict):
    answers: dict[str, str]
