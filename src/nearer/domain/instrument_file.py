"""The instrument file format: its parts and a validator whose errors name the file and field.

Format (YAML), documented here once:

    id: short-slug            # [a-z0-9_-], at most 64 characters
    title, version, source, licence, what_it_is, what_it_is_not: text
    about: [self] | [self, partner]     # who the answers describe
    scale: {min: int, max: int, labels: {value: label}}   # min and max must be labelled
    scoring: mean | sum       # default for every subscale
    subscales:
      - {id, title, description?, scoring?, bands_source, bands: [{min, max, label, wording}]}
    items:
      - {id, text | text_self + text_partner, subscale, reverse?: bool, gist?: text}

Item wording: `text` serves every `about` value; `text_<about>` (e.g. `text_partner`) gives the
wording for one of them and wins over `text`. Each `about` value needs a wording. `gist` is a short
gerund phrase ("brushing feelings aside") used in perception-gap sentences.

The text is read with `nearer.domain.safe_yaml`: no anchors or aliases, at most 32 levels deep,
50,000 values and 200 KB; a file has at most 500 items.

Bands are half-open [min, max) except the last, which includes its max. They must be contiguous
and cover exactly the range the subscale can take (scale range for `mean`, n times it for `sum`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nearer.domain import safe_yaml

ABOUT_VALUES = ("self", "partner")
SCORING_METHODS = ("mean", "sum")
MAX_ITEMS = 500  # the API takes at most 500 answers at once
MAX_PROBLEMS = 50  # a file broken everywhere is named in full up to here, then counted
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_TOP_KEYS = {
    "id", "title", "version", "source", "licence", "about", "scale", "scoring",
    "subscales", "items", "what_it_is", "what_it_is_not",
}  # fmt: skip
_SUB_KEYS = {"id", "title", "description", "scoring", "bands_source", "bands"}
_BAND_KEYS = {"min", "max", "label", "wording"}
_SCALE_KEYS = {"min", "max", "labels"}


class InstrumentError(ValueError):
    """An instrument file that cannot be used; `problems` holds (field, message) pairs."""

    def __init__(self, file: str, problems: list[tuple[str, str]]) -> None:
        self.file = file
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], ("(file)", f"and {more} more problems")]
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{file}: {where}: {what}" for where, what in problems))


@dataclass(frozen=True)
class Scale:
    min: int
    max: int
    labels: tuple[tuple[int, str], ...]

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2

    def label(self, value: int) -> str | None:
        return dict(self.labels).get(value)

    def to_dict(self) -> dict[str, Any]:
        # String keys so the dict survives a JSON round trip unchanged.
        return {"min": self.min, "max": self.max, "labels": {str(v): t for v, t in self.labels}}


@dataclass(frozen=True)
class Band:
    min: float
    max: float
    label: str
    wording: str

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "label": self.label, "wording": self.wording}


@dataclass(frozen=True)
class Subscale:
    id: str
    title: str
    description: str
    scoring: str
    bands_source: str
    bands: tuple[Band, ...]

    def band_for(self, value: float) -> Band:
        for band in self.bands:
            if band.min <= value < band.max:
                return band
        return self.bands[-1]  # validation guarantees value == last max here

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "scoring": self.scoring,
            "bands_source": self.bands_source,
            "bands": [band.to_dict() for band in self.bands],
        }


@dataclass(frozen=True)
class Item:
    id: str
    texts: tuple[tuple[str, str], ...]  # (about, wording)
    subscale: str
    reverse: bool
    gist: str | None = None

    def text_for(self, about: str) -> str:
        return dict(self.texts)[about]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "texts": dict(self.texts),
            "subscale": self.subscale,
            "reverse": self.reverse,
            "gist": self.gist,
        }


class _Check:
    """Collects every problem so a user fixing a file sees them all at once."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def add(self, where: str, what: str) -> None:
        self.problems.append((where, what))

    def mapping(self, value: Any, where: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.add(where, f"must be a mapping, not {_kind(value)}")
        return None

    def seq(self, value: Any, where: str) -> list[Any]:
        if isinstance(value, list) and value:
            return value
        self.add(where, "must be a non-empty list")
        return []

    def text(self, data: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.add(_join(where, key), "is required" if value is None else "must be non-empty text")
        return ""

    def slug(self, data: Mapping[str, Any], where: str) -> str:
        value = data.get("id")
        if isinstance(value, str) and _SLUG.match(value):
            return value
        self.add(_join(where, "id"), f"{_shown(value)} must be 1-64 of a-z, 0-9, '_' or '-'")
        return str(value)

    def unknown_keys(self, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed and not str(key).startswith("text_"):
                self.add(_join(where, _key(key)), "is not a known field")

    def number(self, value: Any, where: str) -> float | None:
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        self.add(where, f"must be a number, not {_kind(value)}")
        return None


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _shown(value: Any, limit: int = 40) -> str:
    """A value quoted in a message, cut short so a message never echoes a large input back."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key(key: Any) -> str:
    text = str(key)
    return text if len(text) <= 40 else text[:39] + "…"


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def parse_instrument(text: str, file: str) -> dict[str, Any]:
    """Validate YAML text; return the fields of an Instrument or raise InstrumentError."""
    try:
        raw = safe_yaml.load(text)
    except safe_yaml.YamlRefused as exc:
        where = f"line {exc.line}" if exc.line else "(file)"
        raise InstrumentError(file, [(where, exc.reason)]) from None
    check = _Check()
    data = check.mapping(raw, "(top level)")
    if data is None:
        raise InstrumentError(file, check.problems)
    check.unknown_keys(data, _TOP_KEYS, "")
    fields: dict[str, Any] = {"id": check.slug(data, "")}
    for key in ("title", "source", "licence", "what_it_is", "what_it_is_not"):
        fields[key] = check.text(data, key, "")
    fields["version"] = _version(check, data.get("version"))
    fields["about"] = _about(check, data.get("about"))
    fields["scale"] = _scale(check, data.get("scale"))
    default_scoring = _scoring(check, data.get("scoring", "mean"), "scoring")
    subs = _subscale_heads(check, data.get("subscales"), default_scoring)
    fields["items"] = _items(check, data.get("items"), fields["about"], subs)
    fields["subscales"] = _subscales(check, data.get("subscales"), subs, fields)
    if check.problems:
        raise InstrumentError(file, check.problems)
    return fields


def _version(check: _Check, value: Any) -> str:
    if isinstance(value, int | float | str) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    check.add("version", "is required" if value is None else "must be a number or text")
    return ""


def _about(check: _Check, value: Any) -> tuple[str, ...]:
    values = check.seq(value, "about")
    for i, about in enumerate(values):
        if about not in ABOUT_VALUES:
            check.add(f"about[{i}]", f"{_shown(about)} must be one of {list(ABOUT_VALUES)}")
    if len(set(map(str, values))) != len(values):
        check.add("about", "lists a value twice")
    return tuple(str(v) for v in values) or ("self",)


def _scoring(check: _Check, value: Any, where: str) -> str:
    if value in SCORING_METHODS:
        return str(value)
    check.add(where, f"{_shown(value)} must be one of {list(SCORING_METHODS)}")
    return "mean"


def _scale(check: _Check, value: Any) -> Scale:
    data = check.mapping(value, "scale") or {}
    check.unknown_keys(data, _SCALE_KEYS, "scale")
    ends = []
    for key in ("min", "max"):
        end = data.get(key)
        if not isinstance(end, int) or isinstance(end, bool):
            check.add(f"scale.{key}", f"must be a whole number, not {_kind(end)}")
            end = 0
        ends.append(end)
    low, high = ends
    if data and low >= high:
        check.add("scale", f"min ({low}) must be below max ({high})")
    labels = check.mapping(data.get("labels"), "scale.labels") or {}
    parsed: dict[int, str] = {}
    for key, label in labels.items():
        where = f"scale.labels.{key}"
        if not isinstance(key, int) or isinstance(key, bool) or not low <= key <= high:
            check.add(where, f"must be a whole number from {low} to {high}")
        elif not isinstance(label, str) or not label.strip():
            check.add(where, "must be non-empty text")
        else:
            parsed[key] = label.strip()
    present: set[Any] = set(labels)
    for end in (low, high):
        if labels and end not in present:
            check.add("scale.labels", f"needs a label for the end point {end}")
    return Scale(low, high, tuple(sorted(parsed.items())))


def _subscale_heads(check: _Check, value: Any, default_scoring: str) -> dict[str, str]:
    """Subscale ids mapped to their scoring method, read before items so items can refer to them."""
    heads: dict[str, str] = {}
    for i, entry in enumerate(check.seq(value, "subscales")):
        where = f"subscales[{i}]"
        data = check.mapping(entry, where)
        if data is None:
            continue
        sub_id = check.slug(data, where)
        if sub_id in heads:
            check.add(f"{where}.id", f"{_shown(sub_id)} is declared twice")
        scoring = data.get("scoring", default_scoring)
        heads[sub_id] = _scoring(check, scoring, f"{where}.scoring")
    return heads


def _items(
    check: _Check, value: Any, abouts: tuple[str, ...], subs: Mapping[str, str]
) -> tuple[Item, ...]:
    items: list[Item] = []
    seen: set[str] = set()
    entries = check.seq(value, "items")
    if len(entries) > MAX_ITEMS:
        check.add("items", f"has {len(entries)} items; at most {MAX_ITEMS} are allowed")
        entries = entries[:MAX_ITEMS]
    for i, entry in enumerate(entries):
        where = f"items[{i}]"
        data = check.mapping(entry, where)
        if data is None:
            continue
        check.unknown_keys(data, {"id", "text", "subscale", "reverse", "gist"}, where)
        item_id = check.slug(data, where)
        if item_id in seen:
            check.add(f"{where}.id", f"{_shown(item_id)} is used twice")
        seen.add(item_id)
        subscale = data.get("subscale")
        if subscale not in subs:
            check.add(f"{where}.subscale", f"{_shown(subscale)} is not a declared subscale")
        reverse = data.get("reverse", False)
        if not isinstance(reverse, bool):
            check.add(f"{where}.reverse", f"must be true or false, not {_shown(reverse)}")
        texts = _item_texts(check, data, abouts, where)
        gist = check.text(data, "gist", where, required=False) or None
        items.append(Item(item_id, texts, str(subscale), reverse is True, gist))
    return tuple(items)


def _item_texts(
    check: _Check, data: Mapping[str, Any], abouts: tuple[str, ...], where: str
) -> tuple[tuple[str, str], ...]:
    for key in data:
        if str(key).startswith("text_") and str(key)[5:] not in abouts:
            check.add(f"{where}.{_key(key)}", f"{_shown(str(key)[5:])} is not listed in about")
    texts = []
    for about in abouts:
        key = f"text_{about}" if f"text_{about}" in data else "text"
        if key not in data:
            check.add(f"{where}.text", f"needs `text` or `text_{about}`")
            continue
        texts.append((about, check.text(data, key, where)))
    return tuple(texts)


def _subscales(
    check: _Check, value: Any, heads: Mapping[str, str], fields: Mapping[str, Any]
) -> tuple[Subscale, ...]:
    scale: Scale = fields["scale"]
    items: tuple[Item, ...] = fields["items"]
    result = []
    for i, entry in enumerate(value if isinstance(value, list) else []):
        where = f"subscales[{i}]"
        if not isinstance(entry, Mapping):
            continue
        check.unknown_keys(entry, _SUB_KEYS, where)
        sub_id = str(entry.get("id"))
        count = sum(1 for item in items if item.subscale == sub_id)
        if count == 0:
            check.add(where, f"{_shown(sub_id)} has no items")
        scoring = heads.get(sub_id, "mean")
        factor = count if scoring == "sum" else 1
        span = (float(scale.min * factor), float(scale.max * factor))
        result.append(
            Subscale(
                id=sub_id,
                title=check.text(entry, "title", where),
                description=check.text(entry, "description", where, required=False),
                scoring=scoring,
                bands_source=check.text(entry, "bands_source", where),
                bands=_bands(check, entry.get("bands"), f"{where}.bands", span, count > 0),
            )
        )
    return tuple(result)


def _bands(
    check: _Check, value: Any, where: str, span: tuple[float, float], check_span: bool
) -> tuple[Band, ...]:
    bands: list[Band] = []
    for i, entry in enumerate(check.seq(value, where)):
        here = f"{where}[{i}]"
        data = check.mapping(entry, here)
        if data is None:
            continue
        check.unknown_keys(data, _BAND_KEYS, here)
        low = check.number(data.get("min"), f"{here}.min")
        high = check.number(data.get("max"), f"{here}.max")
        label, wording = check.text(data, "label", here), check.text(data, "wording", here)
        if low is None or high is None:
            continue
        if low >= high:
            check.add(here, f"min ({low:g}) must be below max ({high:g})")
        if bands and not math.isclose(low, bands[-1].max):
            check.add(
                f"{here}.min", f"{low:g} must equal the previous band's max {bands[-1].max:g}"
            )
        bands.append(Band(low, high, label, wording))
    if check_span and bands:
        if not math.isclose(bands[0].min, span[0]):
            check.add(f"{where}[0].min", f"{bands[0].min:g} must be the lowest score {span[0]:g}")
        if not math.isclose(bands[-1].max, span[1]):
            last = f"{where}[{len(bands) - 1}].max"
            check.add(last, f"{bands[-1].max:g} must be the highest score {span[1]:g}")
    return tuple(bands)
