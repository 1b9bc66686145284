"""The Nearer feelings wheel: families, specific words, and the "feeling or judgement?" nudge."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

FAMILIES: tuple[str, ...] = ("joy", "love", "sadness", "anger", "fear", "shame", "neutral")
NEGATIVE_FAMILIES: tuple[str, ...] = ("sadness", "anger", "fear", "shame")
POSITIVE_FAMILIES: tuple[str, ...] = ("joy", "love")


@dataclass(frozen=True)
class Nudge:
    """A gentle suggestion for a word that judges the other person rather than naming a feeling."""

    word: str
    feelings: tuple[str, ...]
    needs: tuple[str, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "feelings": list(self.feelings),
            "needs": list(self.needs),
            "message": self.message,
        }


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    import yaml  # on first use: an entry without feeling words never needs the wheel

    text = (resources.files("nearer.content") / "feelings_wheel.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def _normalise(word: str) -> str:
    return " ".join(word.strip().lower().split())


def wheel() -> dict[str, list[str]]:
    """Family -> its specific words, in the order of FAMILIES (a fresh copy each call)."""
    families: dict[str, list[str]] = _data()["families"]
    return {family: list(families[family]) for family in FAMILIES}


@lru_cache(maxsize=1)
def _word_to_family() -> dict[str, str]:
    return {word: family for family, words in wheel().items() for word in words}


def family_of(word: str) -> str | None:
    """The family a wheel word belongs to (a family name maps to itself); None if unknown."""
    key = _normalise(word)
    if key in FAMILIES:
        return key
    return _word_to_family().get(key)


def all_words() -> list[str]:
    """Every specific wheel word, sorted, for completion in the CLI."""
    return sorted(_word_to_family())


def judgement_words() -> list[str]:
    """Words that describe another person's action rather than a feeling, sorted."""
    return sorted(_data()["judgement_words"])


def _join(items: tuple[str, ...]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def judgement_nudge(word: str) -> Nudge | None:
    """A gentle nudge if `word` judges someone's action (after Rosenberg's "faux feelings")."""
    key = _normalise(word)
    entry = _data()["judgement_words"].get(key)
    if entry is None:
        return None
    feelings = tuple(entry["feelings"])
    needs = tuple(entry["needs"])
    message = (
        f'"{key.capitalize()}" tells what you sense someone did, which matters. '
        f"Underneath it, you might be feeling {_join(feelings)}, "
        f"and needing {_join(needs)}. Does one of those fit?"
    )
    return Nudge(word=key, feelings=feelings, needs=needs, message=message)


def known_words() -> frozenset[str]:
    """Every word a feeling may be: the wheel's words, its families, and the judgement words."""
    return frozenset({*_word_to_family(), *FAMILIES, *_data()["judgement_words"]})


def is_known(word: str) -> bool:
    return _normalise(word) in known_words()


def suggestions(word: str, limit: int = 3) -> list[str]:
    """Wheel words spelled like `word` (for "blorpy" there may be none)."""
    from difflib import get_close_matches

    return get_close_matches(_normalise(word), sorted(known_words()), n=limit, cutoff=0.6)


def unknown_message(word: str) -> str:
    """Why `word` is refused, in plain words, with the closest wheel words when there are any."""
    close = suggestions(word)
    hint = f"did you mean {_join(tuple(close))}?" if close else "pick one from the feelings wheel"
    return f"'{_normalise(word)}' is not a feeling word Nearer knows; {hint}"


def wheel_listing() -> str:
    """The whole wheel as text, one family a line, for the command line."""
    return "\n".join(f"  {family}: {', '.join(words)}" for family, words in wheel().items())
