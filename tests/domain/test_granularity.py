"""Emotional granularity: ICC(3,1) and vocabulary, against hand-computed values."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.domain.granularity import differentiation, granularity_trend, icc_consistency
from nearer.domain.patterns import EntryFacts


def _entry(when: str, intensity: int, *words: str) -> EntryFacts:
    return EntryFacts(datetime.fromisoformat(when), intensity, tuple(words), (), None)


def test_icc_on_a_tiny_matrix_matches_hand_computation() -> None:
    # [[1,2],[3,3],[5,7]]: n=3, k=2, grand mean 3.5; row means 1.5, 3, 6; column means 3, 4.
    # SSR = 2*(4 + 0.25 + 6.25) = 21; SSC = 3*(0.25 + 0.25) = 1.5
    # SST = 6.25+2.25+0.25+0.25+2.25+12.25 = 23.5; SSE = 23.5 - 21 - 1.5 = 1
    # MSR = 21/(3-1) = 10.5; MSE = 1/((3-1)*(2-1)) = 0.5
    # ICC(3,1) = (10.5-0.5)/(10.5+(2-1)*0.5) = 10/11
    assert icc_consistency([[1, 2], [3, 3], [5, 7]]) == pytest.approx(10 / 11)


def test_icc_is_undefined_without_variation_or_shape() -> None:
    assert icc_consistency([[4, 4], [4, 4], [4, 4]]) is None  # MSR = 0
    assert icc_consistency([[1, 2]]) is None
    assert icc_consistency([[1], [2], [3]]) is None


def test_negative_granularity_from_derived_ratings() -> None:
    # Columns (sorted words): hurt, lonely. A chosen word gets the entry's intensity, else 0:
    # [[6,6],[4,4],[8,0],[2,2],[9,9]]; n=5, k=2, grand mean 50/10 = 5
    # row means 6,4,4,2,9 -> SSR = 2*(1+1+1+9+16) = 56; column means 5.8, 4.2 -> SSC = 5*1.28 = 6.4
    # SST = 1+1+1+1+9+25+9+9+16+16 = 88; SSE = 88-56-6.4 = 25.6
    # MSR = 56/4 = 14; MSE = 25.6/4 = 6.4; ICC = 7.6/20.4 = 0.372549; granularity = 1 - ICC
    entries = [
        _entry("2026-11-02T09:00", 6, "hurt", "lonely"),
        _entry("2026-11-03T09:00", 4, "hurt", "lonely"),
        _entry("2026-11-04T09:00", 8, "hurt"),
        _entry("2026-11-05T09:00", 2, "hurt", "lonely", "calm"),  # calm is neutral: ignored
        _entry("2026-11-06T09:00", 9, "lonely", "hurt", "happy"),  # happy is positive
    ]
    result = differentiation(entries)
    assert result.negative == pytest.approx(1 - 7.6 / 20.4)
    assert result.positive is None  # one positive occasion only
    assert result.overall == pytest.approx(1 - 7.6 / 20.4)


def test_words_never_chosen_together_give_full_granularity() -> None:
    # [[5,0],[0,5],[7,0],[0,3]]: grand 2.5; row means 2.5,2.5,3.5,1.5 -> SSR = 2*(0+0+1+1) = 4
    # column means 3, 2 -> SSC = 4*(0.25+0.25) = 2
    # SST: values 5,0,0,5,7,0,0,3 -> deviations^2 6.25,6.25,6.25,6.25,20.25,6.25,6.25,0.25 = 58
    # SSE = 58-4-2 = 52; MSR = 4/3; MSE = 52/3; ICC = (4-52)/(4+52) = -0.857 -> clipped to 0
    entries = [
        _entry("2026-11-02T09:00", 5, "afraid"),
        _entry("2026-11-03T09:00", 5, "angry"),
        _entry("2026-11-04T09:00", 7, "afraid"),
        _entry("2026-11-05T09:00", 3, "angry"),
    ]
    assert differentiation(entries).negative == 1.0


def test_too_few_occasions_give_none() -> None:
    entries = [_entry("2026-11-02T09:00", 5, "hurt", "lonely")] * 3
    assert differentiation(entries).negative is None


def test_trend_counts_distinct_cumulative_and_new_words_per_week() -> None:
    entries = [
        _entry("2026-11-02T22:30", 8, "hurt", "lonely"),
        _entry("2026-11-04T09:15", 6, "anxious"),
        _entry("2026-11-08T21:00", 4, "happy", "joy"),  # a family name is not a specific word
        _entry("2026-11-16T23:59", 7, "worried", "anxious"),
        _entry("2026-11-22T10:00", 3, "calm"),
    ]
    points = granularity_trend(entries, weeks=3)
    assert [p.week_start for p in points] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]
    assert [p.distinct_words for p in points] == [4, 0, 3]
    assert [p.cumulative_words for p in points] == [4, 4, 6]
    assert points[0].new_words == ("anxious", "happy", "hurt", "lonely")
    assert points[2].new_words == ("calm", "worried")
    assert all(p.granularity is None for p in points)
    assert "grade" not in points[1].message and "score" not in points[1].message
    assert points[2].message.startswith("You named 3 different feelings this week.")


def test_trend_window_reaches_back_four_weeks() -> None:
    entries = [
        _entry("2026-11-02T09:00", 6, "hurt", "lonely"),
        _entry("2026-11-09T09:00", 4, "hurt", "lonely"),
        _entry("2026-11-16T09:00", 8, "hurt"),
        _entry("2026-11-23T09:00", 2, "hurt", "lonely"),
        _entry("2026-11-24T09:00", 9, "lonely", "hurt"),
    ]
    points = granularity_trend(entries, weeks=2, today=date(2026, 11, 25))
    assert points[-1].week_start == date(2026, 11, 23)
    assert points[-1].negative == pytest.approx(1 - 7.6 / 20.4)  # same matrix as above
    assert points[0].negative is None  # only 3 occasions up to 22 Nov
    assert "practice" in points[-1].message


def test_empty_trend() -> None:
    assert granularity_trend([]) == []
    assert len(granularity_trend([], weeks=4, today=date(2026, 11, 25))) == 4


WORDS = ("hurt", "lonely", "sad", "afraid", "angry", "ashamed")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 10), st.sets(st.sampled_from(WORDS), min_size=1)),
        min_size=4,
        max_size=12,
    )
)
def test_granularity_from_sums_equals_the_matrix_computation(
    occasions: list[tuple[int, set[str]]],
) -> None:
    # The day totals keep sums, not matrices: the exact formula must agree with the ANOVA one.
    entries = [
        _entry(f"2026-11-{2 + i:02d}T09:00", x, *sorted(words))
        for i, (x, words) in enumerate(occasions)
    ]
    columns = sorted(set().union(*(w for _, w in occasions)))
    matrix = [[float(x) if c in words else 0.0 for c in columns] for x, words in occasions]
    icc = icc_consistency(matrix) if len(columns) >= 2 else None
    found = differentiation(entries).negative
    if icc is None:
        assert found is None
    else:
        assert found == pytest.approx(1 - min(1.0, max(0.0, icc)), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 80),  # day offset: about eleven weeks
            st.integers(0, 10),
            st.sets(st.sampled_from(WORDS + ("happy", "grateful", "calm")), min_size=1),
        ),
        max_size=40,
    ),
    st.integers(1, 12),
)
def test_the_sliding_window_trend_equals_each_window_counted_alone(
    items: list[tuple[int, int, set[str]]], weeks: int
) -> None:
    start = date(2026, 9, 7)  # a Monday
    entries = [
        EntryFacts(
            datetime.combine(start + timedelta(days=d), datetime.min.time()), x, tuple(w), (), None
        )
        for d, x, w in items
    ]
    today = start + timedelta(days=80)
    for point in granularity_trend(entries, weeks, today=today):
        low, high = point.week_start - timedelta(weeks=3), point.week_start + timedelta(weeks=1)
        alone = differentiation([e for e in entries if low <= e.created_at.date() < high])
        assert (point.negative, point.positive) == (alone.negative, alone.positive)
