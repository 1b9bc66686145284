"""The rhythm's content, read from YAML under content/rhythm and checked when the app starts:
the small-steps catalogue, the closeness question decks and the soothing suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from nearer.domain.errors import NotFound

MIN_QUESTIONS_PER_DECK = 36
DECK_ORDER = ("light", "deeper", "deepest")


class ContentError(ValueError):
    """A content file breaks a rule; raised at start, never at a person's request."""


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    why: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    deck: str
    text: str


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    description: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Soothing:
    suggestions: tuple[str, ...]
    return_note: str
    sources: tuple[str, ...]


def _read(name: str) -> Any:
    text = resources.files("nearer.content").joinpath("rhythm", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where} must be non-empty text")
    return value.strip()


@lru_cache(maxsize=1)
def steps_catalogue() -> tuple[Step, ...]:
    from nearer.domain.instruments import builtin_instruments

    known = {item.id for item in builtin_instruments()["signs"].items}
    data = _read("steps.yaml")
    if not data.get("sources"):
        raise ContentError("steps.yaml must name its sources")
    found: list[Step] = []
    for i, raw in enumerate(data.get("steps") or []):
        step = Step(
            _text(raw.get("id"), f"steps.{i}.id"),
            _text(raw.get("text"), f"steps.{i}.text"),
            _text(raw.get("why"), f"steps.{i}.why"),
            tuple(raw.get("signs") or ()),
        )
        if not set(step.signs) <= known or not step.signs:
            raise ContentError(f"steps.{i}.signs must name items of the signs checklist")
        found.append(step)
    if len({s.id for s in found}) != len(found) or len(found) < 10:
        raise ContentError("steps.yaml needs at least ten steps with unique ids")
    return tuple(found)


def get_step(step_id: str) -> Step:
    for step in steps_catalogue():
        if step.id == step_id:
            return step
    raise NotFound("small step")


@lru_cache(maxsize=1)
def _decks() -> tuple[str, tuple[Deck, ...]]:
    data = _read("questions.yaml")
    source = _text(data.get("source"), "questions.source")
    decks: list[Deck] = []
    for d, raw in enumerate(data.get("decks") or []):
        deck_id = _text(raw.get("id"), f"decks.{d}.id")
        questions = tuple(
            Question(_text(q.get("id"), f"decks.{d}.{k}.id"), deck_id,
                     _text(q.get("text"), f"decks.{d}.{k}.text"))
            for k, q in enumerate(raw.get("questions") or [])
        )  # fmt: skip
        if len(questions) < MIN_QUESTIONS_PER_DECK:
            raise ContentError(f"deck {deck_id} has {len(questions)} questions; at least 36")
        decks.append(Deck(deck_id, _text(raw.get("title"), f"decks.{d}.title"),
                          _text(raw.get("description"), f"decks.{d}.description"), questions))  # fmt: skip
    if tuple(d.id for d in decks) != DECK_ORDER:
        raise ContentError(f"questions.yaml must hold the decks {', '.join(DECK_ORDER)} in order")
    ids = [q.id for deck in decks for q in deck.questions]
    if len(set(ids)) != len(ids):
        raise ContentError("question ids must be unique")
    return source, tuple(decks)


def decks() -> tuple[Deck, ...]:
    return _decks()[1]


def questions_source() -> str:
    return _decks()[0]


def get_question(question_id: str) -> Question:
    for deck in decks():
        for question in deck.questions:
            if question.id == question_id:
                return question
    raise NotFound("question")


@lru_cache(maxsize=1)
def soothing() -> Soothing:
    data = _read("soothing.yaml")
    suggestions = tuple(_text(s, "soothing.suggestions") for s in data.get("suggestions") or [])
    if len(suggestions) < 3 or not data.get("sources"):
        raise ContentError("soothing.yaml needs at least three suggestions and its sources")
    return Soothing(suggestions, _text(data.get("return_note"), "soothing.return_note"),
                    tuple(data["sources"]))  # fmt: skip


def validate_all() -> None:
    """Read every rhythm file once, so a broken file stops the app at start."""
    steps_catalogue()
    decks()
    soothing()
