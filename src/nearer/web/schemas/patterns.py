"""The caller's own emotion patterns."""

from __future__ import annotations

from datetime import date

from nearer.web.schemas.common import Public


class Bucket(Public):
    label: str
    count: int
    mean_intensity: float | None


class TagShare(Public):
    tag: str
    count: int
    share: float


class WeekPoint(Public):
    week_start: date
    distinct_words: int
    cumulative_words: int
    new_words: list[str]
    negative: float | None
    positive: float | None
    granularity: float | None
    message: str


class MyPatterns(Public):
    weeks: list[date]
    timezone: str
    entry_count: int
    family_by_week: dict[str, list[int]]
    intensity_by_week: list[float | None]
    heavy_hours: list[Bucket]
    heavy_weekdays: list[Bucket]
    tags_by_family: dict[str, list[TagShare]]
    top_words: list[tuple[str, int]]
    summaries: dict[str, str]
    granularity: list[WeekPoint]
