"""One person's journal, added up per local day: everything "My patterns" needs, and no text.

A day's totals are sums over that day's journal entries, so an entry's part can be added on write
and taken away again on edit or delete, and the totals always equal a recount from the entries:
- `entries`: how many; `families`: entries per family (the family of the first wheel word chosen,
  else the family read from the text);
- `rated`, `intensity_sum`: entries with an intensity rating and the sum of their ratings;
- `heavy`: per local hour (0–23), rated entries of a heavy family (sadness, anger, fear, shame):
  [count, sum of ratings];
- `tags`: per family, per tag, entries of that family carrying the tag;
- `words`: per wheel word (lower case), times chosen;
- `valence`: per valence ("negative", "positive"), over rated entries that chose at least one
  specific word of it — the occasions of the granularity measure — [occasions, Σa, Σa², Σx²·m],
  where x is the entry's rating, m how many distinct words of that valence it chose and a = x·m;
- `rated_words`: per specific word, [rated entries that chose it, sum of their ratings].
Those valence sums are the sufficient statistics of ICC(3,1) (see nearer.domain.granularity), so
differentiation over any run of days is computed from totals, never from the entries.
Every number is an integer, so adding and taking away are exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from nearer.domain.feelings import (
    FAMILIES,
    NEGATIVE_FAMILIES,
    POSITIVE_FAMILIES,
    family_of,
    wheel,
)

VALENCES: dict[str, tuple[str, ...]] = {
    "negative": NEGATIVE_FAMILIES,
    "positive": POSITIVE_FAMILIES,
}


def _bump(counts: dict[str, int], key: str, by: int) -> None:
    value = counts.get(key, 0) + by
    if value:
        counts[key] = value
    else:
        counts.pop(key, None)


def _bump_pair(pairs: dict[Any, list[int]], key: Any, values: list[int], sign: int) -> None:
    have = pairs.get(key) or [0] * len(values)
    summed = [a + sign * b for a, b in zip(have, values, strict=True)]
    if any(summed):  # a change (old part taken away, new added) may net a count of 0, not a sum
        pairs[key] = summed
    else:
        pairs.pop(key, None)


def merge_lists(into: dict[Any, list[int]], more: Mapping[Any, list[int]], sign: int = 1) -> None:
    """Add (or with `sign=-1` take away) `more`'s lists to `into`'s, item by item, in place."""
    get = into.get
    for key, values in more.items():
        have = get(key)
        if have is None:
            into[key] = values[:] if sign == 1 else [-v for v in values]
        else:
            for i in range(len(values)):
                have[i] += sign * values[i]


@dataclass
class DayTotals:
    """Sums over one local day's journal entries (see the module docstring)."""

    entries: int = 0
    families: dict[str, int] = field(default_factory=dict)
    rated: int = 0
    intensity_sum: int = 0
    heavy: dict[int, list[int]] = field(default_factory=dict)
    tags: dict[str, dict[str, int]] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    valence: dict[str, list[int]] = field(default_factory=dict)
    rated_words: dict[str, list[int]] = field(default_factory=dict)

    def add(self, other: DayTotals, sign: int = 1) -> None:
        """Add `other` in place (`sign=-1` takes it away); zero counts are dropped."""
        self.entries += sign * other.entries
        self.rated += sign * other.rated
        self.intensity_sum += sign * other.intensity_sum
        for family, n in other.families.items():
            _bump(self.families, family, sign * n)
        for family, tags in other.tags.items():
            mine = self.tags.setdefault(family, {})
            for tag, n in tags.items():
                _bump(mine, tag, sign * n)
            if not mine:
                del self.tags[family]
        for word, n in other.words.items():
            _bump(self.words, word, sign * n)
        for hour, pair in other.heavy.items():
            _bump_pair(self.heavy, hour, pair, sign)
        for name, sums in other.valence.items():
            _bump_pair(self.valence, name, sums, sign)
        for word, pair in other.rated_words.items():
            _bump_pair(self.rated_words, word, pair, sign)

    def merge(self, other: DayTotals) -> None:
        """Add `other` in place when nothing is taken away (no count can fall to zero): the
        quick sum for reading many days."""
        self.entries += other.entries
        self.rated += other.rated
        self.intensity_sum += other.intensity_sum
        for counts, more in ((self.families, other.families), (self.words, other.words)):
            for key, n in more.items():
                counts[key] = counts.get(key, 0) + n
        for family, tags in other.tags.items():
            mine = self.tags.get(family)
            if mine is None:
                self.tags[family] = dict(tags)
            else:
                for tag, n in tags.items():
                    mine[tag] = mine.get(tag, 0) + n
        merge_lists(self.heavy, other.heavy)
        merge_lists(self.valence, other.valence)
        merge_lists(self.rated_words, other.rated_words)

    @property
    def empty(self) -> bool:
        return self.entries == 0

    def specific_words(self) -> set[str]:
        """Wheel words chosen this day that are not family names."""
        return specific(self.words)

    def to_json(self) -> dict[str, Any]:
        return {
            "families": self.families,
            "rated": self.rated,
            "intensity_sum": self.intensity_sum,
            "heavy": {str(h): v for h, v in self.heavy.items()},
            "tags": self.tags,
            "valence": self.valence,
            "rated_words": self.rated_words,
        }

    @classmethod
    def from_json(cls, entries: int, words: dict[str, int], data: dict[str, Any]) -> DayTotals:
        """Totals from their stored form; the dicts are used as they are, not copied."""
        heavy = data.get("heavy")
        return cls(
            entries=entries,
            families=data.get("families", {}),
            rated=data.get("rated", 0),
            intensity_sum=data.get("intensity_sum", 0),
            heavy={int(h): v for h, v in heavy.items()} if heavy else {},
            tags=data.get("tags", {}),
            words=words,
            valence=data.get("valence", {}),
            rated_words=data.get("rated_words", {}),
        )


@lru_cache(maxsize=1)
def _specific_words() -> frozenset[str]:
    return frozenset(w for words in wheel().values() for w in words if w not in FAMILIES)


@lru_cache(maxsize=1)
def valence_of() -> dict[str, str]:
    """Specific word -> "negative" or "positive" (neutral words have no valence)."""
    return {
        w: name
        for name, families in VALENCES.items()
        for family in families
        for w in wheel()[family]
        if w not in FAMILIES
    }


def specific(words: Iterable[str]) -> set[str]:
    """The specific wheel words among `words` (lower case; family names such as "joy" are not)."""
    return set(_specific_words().intersection(words))


def entry_family(feelings: Iterable[str], read_family: str | None) -> str | None:
    """The family of the first wheel word chosen; else `read_family` (the reading of the text)."""
    for word in feelings:
        family = family_of(word)
        if family is not None:
            return family
    return read_family


def _valence_words(feelings: Iterable[str], families: tuple[str, ...]) -> set[str]:
    words = set()
    for word in feelings:
        if family_of(word) in families and word.strip().lower() not in families:
            words.add(word.strip().lower())
    return words


def of_entry(
    at: datetime,
    intensity: int | None,
    feelings: Iterable[str],
    tags: Iterable[str],
    family: str | None,
) -> tuple[date, DayTotals]:
    """One journal entry's part of its local day. `at` is in the person's own clock; `family`
    is the entry's family (see `entry_family`)."""
    feelings = tuple(feelings)
    which = family
    part = DayTotals(entries=1)
    if which in FAMILIES:
        part.families[which] = 1
        for tag in set(tags):
            part.tags.setdefault(which, {})[tag] = 1
    for word in feelings:
        if family_of(word):
            _bump(part.words, word.strip().lower(), 1)
    if intensity is not None:
        part.rated, part.intensity_sum = 1, intensity
        if which in NEGATIVE_FAMILIES:
            part.heavy[at.hour] = [1, intensity]
        for name, families in VALENCES.items():
            chosen = _valence_words(feelings, families)
            if chosen:
                a = intensity * len(chosen)
                part.valence[name] = [1, a, a * a, intensity * intensity * len(chosen)]
                for word in chosen:
                    part.rated_words[word] = [1, intensity]
    return at.date(), part


def add_up(parts: Iterable[tuple[date, DayTotals]]) -> dict[date, DayTotals]:
    """Day -> totals over the given parts, leaving out days that come to nothing."""
    days: dict[date, DayTotals] = {}
    for day, part in parts:
        days.setdefault(day, DayTotals()).merge(part)
    return {day: totals for day, totals in sorted(days.items()) if not totals.empty}


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def by_week(days: Mapping[date, DayTotals]) -> dict[date, DayTotals]:
    """The same totals summed per ISO week (keyed by its Monday)."""
    weeks: dict[date, DayTotals] = {}
    for day, totals in days.items():
        weeks.setdefault(monday(day), DayTotals()).merge(totals)
    return weeks
