"""Questionnaire engine: the instrument model, loading built-in or added files, and scoring."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from nearer.domain.instrument_file import (
    Band,
    InstrumentError,
    Item,
    Scale,
    Subscale,
    parse_instrument,
)

__all__ = [
    "AnswerError",
    "Band",
    "Driver",
    "Instrument",
    "InstrumentError",
    "Item",
    "Scale",
    "Score",
    "Subscale",
    "SubscaleScore",
    "builtin_instruments",
    "instrument_from_dict",
    "load_instrument",
    "load_instrument_file",
    "score",
]

# Three items are enough to explain a score without listing the whole questionnaire back.
DRIVER_COUNT = 3


@dataclass(frozen=True)
class Instrument:
    """A validated questionnaire. Build it with `load_instrument`, never by hand."""

    id: str
    title: str
    version: str
    source: str
    licence: str
    about: tuple[str, ...]
    scale: Scale
    subscales: tuple[Subscale, ...]
    items: tuple[Item, ...]
    what_it_is: str
    what_it_is_not: str
    file: str

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def subscale(self, subscale_id: str) -> Subscale:
        for sub in self.subscales:
            if sub.id == subscale_id:
                return sub
        raise KeyError(subscale_id)

    def items_in(self, subscale_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.subscale == subscale_id)

    def score_range(self, subscale_id: str) -> tuple[float, float]:
        """Lowest and highest score the subscale can take."""
        sub = self.subscale(subscale_id)
        n = len(self.items_in(subscale_id))
        if sub.scoring == "sum":
            return float(n * self.scale.min), float(n * self.scale.max)
        return float(self.scale.min), float(self.scale.max)

    def definition(self, about: str | None = None) -> dict[str, Any]:
        """The public definition for the API; item `text` is worded for `about` (default: first)."""
        chosen = self._about_or_default(about)
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "source": self.source,
            "scale": self.scale.to_dict(),
            "items": [
                {
                    "id": item.id,
                    "text": item.text_for(chosen),
                    "subscale": item.subscale,
                    "reverse": item.reverse,
                }
                for item in self.items
            ],
            "about": list(self.about),
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything in the file, for export and for an admin page."""
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "source": self.source,
            "licence": self.licence,
            "about": list(self.about),
            "scale": self.scale.to_dict(),
            "subscales": [sub.to_dict() for sub in self.subscales],
            "items": [item.to_dict() for item in self.items],
            "what_it_is": self.what_it_is,
            "what_it_is_not": self.what_it_is_not,
        }

    def _about_or_default(self, about: str | None) -> str:
        if about is None:
            return self.about[0]
        if about not in self.about:
            raise ValueError(f"{self.id}: about must be one of {list(self.about)}, not {about!r}")
        return about


class AnswerError(ValueError):
    """Answers that cannot be scored; lists every offending item id so a form can mark them."""

    def __init__(
        self,
        instrument_id: str,
        missing: Sequence[str] = (),
        unknown: Sequence[str] = (),
        out_of_scale: Sequence[str] = (),
        about: str | None = None,
    ) -> None:
        self.instrument_id = instrument_id
        self.missing = tuple(missing)
        self.unknown = tuple(unknown)
        self.out_of_scale = tuple(out_of_scale)
        self.about = about
        parts = []
        if self.missing:
            parts.append("missing items: " + ", ".join(self.missing))
        if self.unknown:
            parts.append("unknown items: " + ", ".join(self.unknown))
        if self.out_of_scale:
            parts.append("out-of-scale items: " + ", ".join(self.out_of_scale))
        if about is not None:
            parts.append(f"about {about!r} is not allowed")
        super().__init__(f"answers for {instrument_id!r} cannot be scored: " + "; ".join(parts))

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument_id,
            "missing": list(self.missing),
            "unknown": list(self.unknown),
            "out_of_scale": list(self.out_of_scale),
            "about": self.about,
        }


@dataclass(frozen=True)
class Driver:
    """One answer that pushed a subscale score where it landed."""

    item_id: str
    text: str
    answer: int
    keyed: int
    reverse: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "text": self.text,
            "answer": self.answer,
            "keyed": self.keyed,
            "reverse": self.reverse,
        }


@dataclass(frozen=True)
class SubscaleScore:
    subscale: Subscale
    value: float
    minimum: float
    maximum: float
    band: Band
    drivers: tuple[Driver, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.subscale.id,
            "title": self.subscale.title,
            "scoring": self.subscale.scoring,
            "value": round(self.value, 2),
            "min": self.minimum,
            "max": self.maximum,
            "band": self.band.to_dict(),
            "bands_source": self.subscale.bands_source,
            "drivers": [d.to_dict() for d in self.drivers],
        }


@dataclass(frozen=True)
class Score:
    """One scored completion: a value, band and drivers per subscale, with the framing text."""

    instrument_id: str
    instrument_version: str
    about: str
    subscales: tuple[SubscaleScore, ...]
    source: str
    what_it_is: str
    what_it_is_not: str

    def subscale(self, subscale_id: str) -> SubscaleScore:
        for sub in self.subscales:
            if sub.subscale.id == subscale_id:
                return sub
        raise KeyError(subscale_id)

    def values(self) -> dict[str, float]:
        return {sub.subscale.id: sub.value for sub in self.subscales}

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument_id,
            "version": self.instrument_version,
            "about": self.about,
            "subscales": {sub.subscale.id: sub.to_dict() for sub in self.subscales},
            "source": self.source,
            "what_it_is": self.what_it_is,
            "what_it_is_not": self.what_it_is_not,
        }


def load_instrument(text: str, *, name: str = "<text>") -> Instrument:
    """Validate an instrument from YAML text; `name` labels the errors.

    The text is always YAML, never a path: whatever a form, the API or a file holds is parsed,
    so nothing a person types can make Nearer open a file. Raises `InstrumentError` naming the
    file and every faulty field.
    """
    if not isinstance(text, str):
        raise TypeError("load_instrument takes YAML text; use load_instrument_file for a path")
    return Instrument(**parse_instrument(text, name), file=name)


def load_instrument_file(path: Path) -> Instrument:
    """Validate an instrument file the operator named on this machine (tests, tools)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(path.name, [("(file)", "cannot be read as UTF-8 text")]) from exc
    return load_instrument(text, name=path.name)


def instrument_from_dict(data: Mapping[str, Any], file: str) -> Instrument:
    """Rebuild an instrument from `Instrument.to_dict()` (stored at save time), without YAML."""
    scale = data["scale"]
    return Instrument(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        source=data["source"],
        licence=data["licence"],
        about=tuple(data["about"]),
        scale=Scale(
            int(scale["min"]),
            int(scale["max"]),
            tuple(sorted((int(value), label) for value, label in scale["labels"].items())),
        ),
        subscales=tuple(
            Subscale(
                id=sub["id"],
                title=sub["title"],
                description=sub["description"],
                scoring=sub["scoring"],
                bands_source=sub["bands_source"],
                bands=tuple(
                    Band(float(b["min"]), float(b["max"]), b["label"], b["wording"])
                    for b in sub["bands"]
                ),
            )
            for sub in data["subscales"]
        ),
        items=tuple(
            Item(
                id=item["id"],
                texts=tuple(item["texts"].items()),
                subscale=item["subscale"],
                reverse=bool(item["reverse"]),
                gist=item["gist"],
            )
            for item in data["items"]
        ),
        what_it_is=data["what_it_is"],
        what_it_is_not=data["what_it_is_not"],
        file=file,
    )


def builtin_instruments() -> dict[str, Instrument]:
    """The instruments Nearer ships, by id, in a stable order (signs, attachment, satisfaction)."""
    return dict(_builtins())


_BUILTIN_ORDER = ("signs.yaml", "attachment.yaml", "satisfaction.yaml")
_cache: tuple[tuple[str, Instrument], ...] | None = None


def _builtins() -> tuple[tuple[str, Instrument], ...]:
    global _cache
    if _cache is None:
        folder = resources.files("nearer.content").joinpath("instruments")
        names = sorted(
            (e.name for e in folder.iterdir() if e.name.endswith(".yaml")),
            key=lambda n: (_BUILTIN_ORDER.index(n) if n in _BUILTIN_ORDER else 99, n),
        )
        loaded = [
            load_instrument(folder.joinpath(n).read_text(encoding="utf-8"), name=n) for n in names
        ]
        _cache = tuple((inst.id, inst) for inst in loaded)
    return _cache


def check_answers(instrument: Instrument, answers: Mapping[str, Any]) -> None:
    """Raise `AnswerError` unless every item has exactly one whole-number answer on the scale."""
    known = {item.id for item in instrument.items}
    missing = [item.id for item in instrument.items if item.id not in answers]
    unknown = sorted(str(key) for key in answers if key not in known)
    out_of_scale = [
        item.id
        for item in instrument.items
        if item.id in answers and not _on_scale(answers[item.id], instrument.scale)
    ]
    if missing or unknown or out_of_scale:
        raise AnswerError(instrument.id, missing, unknown, out_of_scale)


def _on_scale(value: Any, scale: Scale) -> bool:
    # bool is an int subclass; True must not count as the answer 1.
    return (
        isinstance(value, int) and not isinstance(value, bool) and scale.min <= value <= scale.max
    )


def keyed_value(instrument: Instrument, item: Item, answer: int) -> int:
    """The answer as it counts toward the subscale: reverse-keyed items become min + max - answer."""
    if item.reverse:
        return instrument.scale.min + instrument.scale.max - answer
    return answer


def score(instrument: Instrument, answers: Mapping[str, int], *, about: str | None = None) -> Score:
    """Score a full set of answers; `about` defaults to the instrument's first allowed value."""
    if about is not None and about not in instrument.about:
        raise AnswerError(instrument.id, about=about)
    check_answers(instrument, answers)
    chosen = about or instrument.about[0]
    subscores = tuple(
        _score_subscale(instrument, sub, answers, chosen) for sub in instrument.subscales
    )
    return Score(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        about=chosen,
        subscales=subscores,
        source=instrument.source,
        what_it_is=instrument.what_it_is,
        what_it_is_not=instrument.what_it_is_not,
    )


def _score_subscale(
    instrument: Instrument, sub: Subscale, answers: Mapping[str, int], about: str
) -> SubscaleScore:
    items = instrument.items_in(sub.id)
    keyed = [keyed_value(instrument, item, answers[item.id]) for item in items]
    total = float(sum(keyed))
    value = total if sub.scoring == "sum" else total / len(keyed)
    low, high = instrument.score_range(sub.id)
    drivers = _drivers(instrument, items, answers, keyed, about)
    return SubscaleScore(sub, value, low, high, sub.band_for(value), drivers)


def _drivers(
    instrument: Instrument,
    items: Sequence[Item],
    answers: Mapping[str, int],
    keyed: Sequence[int],
    about: str,
) -> tuple[Driver, ...]:
    """The answers furthest from the scale midpoint on the side the subscale landed on.

    When the subscale mean sits exactly on the midpoint, the answers furthest from it on either
    side are shown instead. Ties keep questionnaire order, so the result is deterministic.
    """
    mid = instrument.scale.midpoint
    direction = (sum(keyed) / len(keyed)) - mid
    ranked = []
    for index, (item, value) in enumerate(zip(items, keyed, strict=True)):
        deviation = value - mid
        pushes = deviation * direction > 0 if direction else deviation != 0
        if pushes:
            ranked.append((-abs(deviation), index, item, value))
    ranked.sort(key=lambda row: (row[0], row[1]))
    return tuple(
        Driver(item.id, item.text_for(about), answers[item.id], value, item.reverse)
        for _, _, item, value in ranked[:DRIVER_COUNT]
    )


def whole(value: float) -> int:
    """A score as people read it: the nearest whole number, halves rounded up (2.5 -> 3)."""
    import math

    return math.floor(value + 0.5)
