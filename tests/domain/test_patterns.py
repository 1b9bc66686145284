"""Pattern aggregates over journal entries, against hand-computed values."""

from datetime import date, datetime

from nearer.domain.patterns import Bucket, EntryFacts, TagShare, summarise


def _entry(
    when: str, intensity: int, words: tuple[str, ...], tags: tuple[str, ...], family: str | None
) -> EntryFacts:
    return EntryFacts(datetime.fromisoformat(when), intensity, words, tags, family)


ENTRIES = [
    _entry("2026-11-02T22:30", 8, ("hurt", "lonely"), ("home",), "sadness"),  # Monday
    _entry("2026-11-04T09:15", 6, ("anxious",), ("work",), "fear"),  # Wednesday
    _entry("2026-11-08T21:00", 4, ("happy",), ("friends",), None),  # Sunday; joy from its word
    _entry("2026-11-16T23:59", 7, ("worried", "anxious"), ("work", "money"), "fear"),  # Monday
    _entry("2026-11-22T10:00", 3, ("calm",), (), "neutral"),  # Sunday
]


def test_weekly_family_counts_keep_empty_weeks() -> None:
    p = summarise(ENTRIES)
    assert p.weeks == (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16))
    assert p.family_by_week["sadness"] == (1, 0, 0)
    assert p.family_by_week["fear"] == (1, 0, 1)
    assert p.family_by_week["joy"] == (1, 0, 0)
    assert p.family_by_week["neutral"] == (0, 0, 1)
    assert p.family_by_week["anger"] == (0, 0, 0)


def test_weekly_mean_intensity() -> None:
    # week of 2 Nov: (8 + 6 + 4) / 3 = 6.0; 9 Nov: no entries; 16 Nov: (7 + 3) / 2 = 5.0
    assert summarise(ENTRIES).intensity_by_week == (6.0, None, 5.0)


def test_heavy_hours_and_weekdays_count_and_mean_only_negative_families() -> None:
    p = summarise(ENTRIES)
    # heavy: 22:30 (8) and 23:59 (7) -> 21–24 bucket mean 7.5; 09:15 (6) -> 09–12
    assert p.heavy_hours[7] == Bucket("21–24", 2, 7.5)
    assert p.heavy_hours[3] == Bucket("09–12", 1, 6.0)
    assert sum(b.count for b in p.heavy_hours) == 3
    assert p.heavy_hours[0] == Bucket("00–03", 0, None)
    # Mondays: 8 and 7 -> 7.5; Wednesday: 6; the Sunday entries are joy and neutral
    assert p.heavy_weekdays[0] == Bucket("Monday", 2, 7.5)
    assert p.heavy_weekdays[2] == Bucket("Wednesday", 1, 6.0)
    assert p.heavy_weekdays[6] == Bucket("Sunday", 0, None)


def test_tags_that_come_with_each_family() -> None:
    tags = summarise(ENTRIES).tags_by_family
    assert tags["fear"] == (TagShare("work", 2, 1.0), TagShare("money", 1, 0.5))
    assert tags["sadness"] == (TagShare("home", 1, 1.0),)
    assert "neutral" not in tags


def test_most_used_words_ties_alphabetical() -> None:
    words = summarise(ENTRIES).top_words
    assert words[0] == ("anxious", 2)
    assert words[1:] == (("calm", 1), ("happy", 1), ("hurt", 1), ("lonely", 1), ("worried", 1))


def test_plain_text_summary_for_every_chart() -> None:
    s = summarise(ENTRIES).summaries
    assert set(s) == {"families", "intensity", "hours", "weekdays", "tags", "words"}
    assert s["intensity"] == (
        "Average intensity was 6 out of 10 in the week of 2 Nov and 5 in the week of 16 Nov."
    )
    assert "between 21–24 (2 entries)" in s["hours"]
    assert "on Monday" in s["weekdays"] and "average 7.5" in s["weekdays"]
    assert (
        s["tags"] == "Home came with sadness in 1 entry (100%); work came with fear in 2 "
        "entries (100%)."
    )
    assert s["families"].startswith("Over 3 weeks, the feelings that came up most were: fear 2")
    assert s["words"].startswith("The feeling words you used most: anxious (2)")


def test_to_dict_is_json_ready() -> None:
    import json

    data = summarise(ENTRIES).to_dict()
    assert json.loads(json.dumps(data))["weeks"][0] == "2026-11-02"
    assert data["heavy_weekdays"][0] == {"label": "Monday", "count": 2, "mean_intensity": 7.5}


def test_no_entries() -> None:
    p = summarise([])
    assert p.weeks == () and p.top_words == ()
    assert "No entries yet" in p.summaries["families"]
