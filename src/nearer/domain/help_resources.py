"""Help resources (crisis and domestic-violence lines) per country, loaded from packaged YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

FALLBACK = "international"
_ALIASES = {"uk": "gb"}
_CODE = re.compile(r"^[a-z]{2}$")
_ENTRY_FIELDS = ("name", "how", "hours", "note", "source")
_LISTS = ("crisis", "domestic_violence", "own_behaviour")

# Shown beside the resources whenever the safety panel appears; our own plain words.
RIGHT_NOW = (
    "If you are in danger right now, call your local emergency number. "
    "If it is not safe to talk, move somewhere safer if you can, or send a text to someone you trust. "
    "If you might hurt yourself, put distance between you and anything you could use, "
    "and stay near another person, or call a crisis line and stay on the line. "
    'You do not have to explain everything; saying "I am not safe" is enough.'
)


# Shown instead when the writer may be the one threatening or hurting someone; our own words.
STEP_AWAY = (
    "If you feel like hurting or frightening someone, stop and leave the room now: go outside, to "
    "another room, or for a walk. Take a break of at least 20 minutes, long enough for your body "
    "to calm down, before you talk again, and do not drive while you feel like this. Put distance "
    "between you and anything you could use as a weapon. When you are calm, you can get help to "
    "change this: the services below talk in confidence with people worried about their own "
    "behaviour."
)


class ResourceFileError(ValueError):
    """A help-resources file is missing a field or has the wrong shape."""


@dataclass(frozen=True)
class HelpLine:
    name: str
    how: str
    hours: str
    note: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in _ENTRY_FIELDS}


@dataclass(frozen=True)
class HelpResources:
    country: str
    country_name: str
    emergency_number: str
    crisis: tuple[HelpLine, ...]
    domestic_violence: tuple[HelpLine, ...]
    is_fallback: bool = False
    own_behaviour: tuple[HelpLine, ...] = ()  # for people worried about their own behaviour

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "country_name": self.country_name,
            "emergency_number": self.emergency_number,
            "is_fallback": self.is_fallback,
            "right_now": RIGHT_NOW,
            "crisis": [line.to_dict() for line in self.crisis],
            "domestic_violence": [line.to_dict() for line in self.domestic_violence],
            "own_behaviour": [line.to_dict() for line in self.own_behaviour],
        }


def _files() -> Any:
    return resources.files("nearer.content") / "resources"


@lru_cache(maxsize=1)
def _codes() -> tuple[str, ...]:
    names = (p.name for p in _files().iterdir() if p.name.endswith(".yaml"))
    return tuple(sorted(n.removesuffix(".yaml") for n in names if n != f"{FALLBACK}.yaml"))


def available_countries() -> list[str]:
    """ISO codes with their own file (the fallback is not a country)."""
    return list(_codes())


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ResourceFileError(f"{where}: field '{key}' must be a non-empty string")
    return value.strip()


def _lines(data: dict[str, Any], key: str, where: str) -> tuple[HelpLine, ...]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise ResourceFileError(f"{where}: '{key}' must be a non-empty list")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ResourceFileError(f"{where}: {key}[{i}] must be a mapping")
        out.append(HelpLine(*(_text(item, f, f"{where}: {key}[{i}]") for f in _ENTRY_FIELDS)))
    return tuple(out)


def parse_resources(raw: str, where: str, expected_code: str) -> HelpResources:
    """Validate one file's YAML text; `where` names it in error messages."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ResourceFileError(f"{where}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ResourceFileError(f"{where}: top level must be a mapping")
    code = _text(data, "country", where).lower()
    if code != expected_code:
        raise ResourceFileError(f"{where}: country '{code}' does not match file name")
    return HelpResources(
        country=code,
        country_name=_text(data, "country_name", where),
        emergency_number=_text(data, "emergency_number", where),
        crisis=_lines(data, "crisis", where),
        domestic_violence=_lines(data, "domestic_violence", where),
        is_fallback=code == FALLBACK,
        own_behaviour=_lines(data, "own_behaviour", where) if "own_behaviour" in data else (),
    )


@lru_cache(maxsize=32)
def _load(code: str) -> HelpResources:
    path = _files() / f"{code}.yaml"
    return parse_resources(path.read_text(encoding="utf-8"), f"resources/{code}.yaml", code)


def normalise_country(country: str | None) -> str:
    """The file key for a country setting: lower-case ISO code, alias applied, else fallback."""
    if not country:
        return FALLBACK
    code = country.strip().lower()
    code = _ALIASES.get(code, code)
    if _CODE.match(code) and code in _codes():
        return code
    return FALLBACK


def known_country(country: str) -> bool:
    """True when `country` (any case; "uk" means "gb") has its own help-lines file."""
    return normalise_country(country) != FALLBACK


def country_settings() -> tuple[str, ...]:
    """Every value the country setting takes: each code with its own file and each alias, in
    lower and upper case, and "" (none: the international lines)."""
    codes = [*_codes(), *_ALIASES]
    return ("", *codes, *(code.upper() for code in codes))


def unknown_country_problem() -> str:
    """What is said of a country setting Nearer has no help lines for, naming the ones it has."""
    return (f"is not one Nearer has help lines for ({', '.join(_codes())}, "
            "or leave it empty for the international ones)")


def country_names() -> list[tuple[str, str]]:
    """Each country with its own file, as (code, name), sorted by code."""
    return [(code, _load(code).country_name) for code in _codes()]


def load_resources(country: str | None) -> HelpResources:
    """Resources for an ISO 3166 alpha-2 code (any case; "uk" means "gb"); unknown → fallback."""
    return _load(normalise_country(country))
