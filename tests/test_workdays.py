"""The engine against independent computations: a day-by-day loop and numpy's busday functions."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from inspectcal.errors import InputError, NotWorkingDayError, OutOfRangeError
from inspectcal.workdays import NonWorkingDay, WorkingCalendar

from . import oracle
from .conftest import govuk_weekdays

FIRST, LAST = date(2016, 1, 1), date(2024, 12, 31)
ONE = timedelta(days=1)


def make_calendar(off: set[date]) -> WorkingCalendar:
    return WorkingCalendar(
        {d: NonWorkingDay(d, f"off {d}", f"off {d}, a test holiday") for d in off}, first=FIRST, last=LAST
    )


# -- against the day-by-day oracle (tests/oracle.py) -----------------------------


inner_dates = st.dates(min_value=date(2019, 6, 1), max_value=date(2021, 6, 30))
off_sets = st.sets(st.dates(min_value=date(2018, 1, 1), max_value=date(2022, 12, 31)), max_size=120)


@given(off=off_sets, day=inner_dates, n=st.integers(-120, 120))
def test_add_matches_a_day_by_day_walk(off: set[date], day: date, n: int) -> None:
    assert make_calendar(off).add(day, n) == oracle.walk(day, n, off)


@given(off=off_sets, a=inner_dates, b=inner_dates)
def test_between_matches_a_day_by_day_count(off: set[date], a: date, b: date) -> None:
    calendar = make_calendar(off)
    assert calendar.between(a, b) == oracle.count(a, b, off)
    inclusive = calendar.between(a, b, inclusive=True)
    if b >= a:
        assert inclusive == oracle.count(a - ONE, b, off)
    else:
        assert inclusive == -oracle.count(b - ONE, a, off)


@given(off=off_sets, day=inner_dates)
def test_is_working_day_matches_the_definition(off: set[date], day: date) -> None:
    calendar = make_calendar(off)
    assert calendar.is_working_day(day) == oracle.working(day, off)
    assert (calendar.why_not_working(day) is None) == oracle.working(day, off)


@given(off=off_sets, day=inner_dates, n=st.integers(-300, 300).filter(bool))
def test_add_lands_on_a_working_day_and_between_undoes_it(off: set[date], day: date, n: int) -> None:
    calendar = make_calendar(off)
    result = calendar.add(day, n)
    assert calendar.is_working_day(result)
    if calendar.is_working_day(day) or n > 0:
        assert calendar.between(day, result) == n
    else:
        # Counting back from a day off: that day is not among the working days counted.
        assert calendar.between(day, result) == n + 1
    if calendar.is_working_day(day):
        assert calendar.add(result, -n) == day


@given(off=off_sets, notified=inner_dates, n=st.integers(1, 250))
def test_day_date_is_the_walk_and_day_number_gives_n_back(off: set[date], notified: date, n: int) -> None:
    calendar = make_calendar(off)
    assume(calendar.is_working_day(notified))
    day_n = calendar.day_date(notified, n)
    assert calendar.day_number(notified, day_n) == n
    # Day N is N-1 working days after Day 1, counted day by day.
    assert day_n == oracle.walk(notified, n - 1, off)


@given(off=off_sets, a=inner_dates, n=st.integers(1, 200))
def test_add_is_monotonic(off: set[date], a: date, n: int) -> None:
    calendar = make_calendar(off)
    assert calendar.add(a, n) < calendar.add(a, n + 1)
    assert calendar.add(a, -n) > calendar.add(a, -n - 1)


# -- the edges of the supported range, 1975 and 2099 ------------------------------

EDGE_FIRST, EDGE_LAST = date(1975, 1, 1), date(2099, 12, 31)
edge_dates = st.dates(min_value=EDGE_FIRST, max_value=date(1975, 4, 30)) | st.dates(
    min_value=date(2099, 9, 1), max_value=EDGE_LAST
)
edge_off = st.sets(
    st.dates(min_value=EDGE_FIRST, max_value=date(1975, 6, 30))
    | st.dates(min_value=date(2099, 7, 1), max_value=EDGE_LAST),
    max_size=60,
)


def edge_calendar(off: set[date]) -> WorkingCalendar:
    days = {d: NonWorkingDay(d, f"off {d}", f"off {d}, a test holiday") for d in off}
    return WorkingCalendar(days, first=EDGE_FIRST, last=EDGE_LAST)


def walk_in_range(day: date, n: int, off: set[date]) -> date | None:
    """The walk, or None when it leaves the supported range."""
    step = ONE if n > 0 else -ONE
    left = abs(n)
    while left:
        day += step
        if not EDGE_FIRST <= day <= EDGE_LAST:
            return None
        if oracle.working(day, off):
            left -= 1
    return day


@given(off=edge_off, day=edge_dates, n=st.integers(-90, 90))
def test_add_at_the_range_edges_matches_the_walk(off: set[date], day: date, n: int) -> None:
    calendar = edge_calendar(off)
    expected = walk_in_range(day, n, off)
    if expected is None:
        with pytest.raises(OutOfRangeError):
            calendar.add(day, n)
    else:
        assert calendar.add(day, n) == expected


@given(off=edge_off, a=edge_dates, b=edge_dates, inclusive=st.booleans())
def test_between_at_the_range_edges_matches_the_walk(
    off: set[date], a: date, b: date, inclusive: bool
) -> None:
    """Forwards and backwards, 1975 to 2099 and back: also the whole range in one count.

    Backwards is the same count negated (like NETWORKDAYS); inclusive counts both ends.
    """
    calendar = edge_calendar(off)
    low, high = min(a, b), max(a, b)
    count = oracle.count(low, high, off) + (inclusive and oracle.working(low, off))
    expected = count if b >= a else -count
    assert calendar.between(a, b, inclusive=inclusive) == expected


@given(off=edge_off, notified=edge_dates, n=st.integers(1, 90))
def test_day_date_and_day_number_at_the_range_edges(off: set[date], notified: date, n: int) -> None:
    calendar = edge_calendar(off)
    assume(oracle.working(notified, off))
    expected = walk_in_range(notified, n - 1, off)
    if expected is None:
        with pytest.raises(OutOfRangeError):
            calendar.day_date(notified, n)
        return
    assert calendar.day_date(notified, n) == expected
    assert calendar.day_number(notified, expected) == n


class CountingList(list[int]):
    """Counts lookups, so a test can show the engine's work does not grow with N."""

    lookups = 0

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        CountingList.lookups += 1
        return super().__getitem__(index)


def test_cost_does_not_grow_with_n() -> None:
    """Count the engine's steps (array lookups) instead of timing it: the same for N=40 and N=25,000."""
    calendar = WorkingCalendar({}, first=date(1975, 1, 1), last=date(2099, 12, 31))
    calendar._rank = CountingList(calendar._rank)  # type: ignore[assignment]
    calendar._select = CountingList(calendar._select)  # type: ignore[assignment]
    start = date(1980, 1, 7)
    steps = {}
    for n in (40, 4_000, 25_000):
        CountingList.lookups = 0
        calendar.add(start, n)
        calendar.add(start, -min(n, 1_000))
        calendar.between(start, start + timedelta(days=n))
        calendar.day_date(start, n)
        steps[n] = CountingList.lookups
    assert steps[40] == steps[4_000] == steps[25_000] <= 8


# -- the real England and Wales calendar against other sources -------------------


def test_matches_numpy_busday_functions(england: WorkingCalendar) -> None:
    holidays = np.array(sorted(england.days_off), dtype="datetime64[D]")
    busday = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    rng = np.random.default_rng(20100222)
    starts = rng.integers(date(1978, 1, 1).toordinal(), date(2097, 1, 1).toordinal(), 3000)
    for ordinal, n in zip(starts, rng.integers(-600, 600, 3000), strict=True):
        day = date.fromordinal(int(ordinal))
        n = int(n)
        # numpy rolls a non-working start forward ('following') before counting; WORKDAY does not,
        # so compare from working starts, where the two definitions agree.
        if not england.is_working_day(day):
            continue
        expected = np.busday_offset(np.datetime64(day), n, roll="raise", busdaycal=busday)
        assert england.add(day, n) == expected.astype(date)
        end = day + timedelta(days=abs(n))
        # busday_count counts [a, b): the working days after `day` up to `end` are [day+1, end+1).
        count = np.busday_count(np.datetime64(day + ONE), np.datetime64(end + ONE), busdaycal=busday)
        assert england.between(day, end) == int(count)
        assert england.between(end, day) == -int(count)  # backwards: the same count, negative
        # Inclusive (NETWORKDAYS): both ends count, [day, end] is busday_count's [day, end + 1).
        both = int(np.busday_count(np.datetime64(day), np.datetime64(end + ONE), busdaycal=busday))
        assert england.between(day, end, inclusive=True) == both
        if end != day:
            assert england.between(end, day, inclusive=True) == -both


@pytest.mark.parametrize("region", ["england-and-wales", "scotland", "northern-ireland"])
def test_day_arithmetic_agrees_with_govuk_list(
    region: str, calendars: dict[str, WorkingCalendar], govuk: dict[str, object]
) -> None:
    """Whole-range check of every Day 1..60 from every working day of 2012-2028 against the official list."""
    official = set(govuk_weekdays(govuk, region))  # type: ignore[arg-type]
    calendar = calendars[region]
    day = date(2012, 1, 3)
    while day < date(2028, 9, 1):
        if oracle.working(day, official):
            walked = day
            for n in range(2, 61):
                walked = oracle.walk(walked, 1, official)
                if n in (5, 11, 20, 25, 40, 60):
                    assert calendar.day_date(day, n) == walked, (region, day, n)
        day += timedelta(days=3)


closure_spans = st.lists(
    st.tuples(st.dates(min_value=date(2019, 1, 1), max_value=date(2021, 12, 31)), st.integers(0, 14)),
    max_size=6,
)


@pytest.mark.slow
@given(
    region=st.sampled_from(["england-and-wales", "scotland", "northern-ireland"]),
    spans=closure_spans,
    notified=st.dates(min_value=date(2019, 1, 1), max_value=date(2021, 12, 31)),
    n=st.integers(1, 80),
)
def test_closures_merged_with_bank_holidays_match_a_walk_over_the_official_list(
    region: str, spans: list[tuple[date, int]], notified: date, n: int, govuk: dict[str, object]
) -> None:
    """Closures on top of each region's bank holidays (also over them, and over weekends)."""
    from inspectcal.calendars import CalendarSource, get_region, working_calendar
    from inspectcal.dates import DateSpan

    closures = tuple(DateSpan(start, start + timedelta(days=length), "shut") for start, length in spans)
    off = set(govuk_weekdays(govuk, region)) | {day for span in closures for day in span.days()}  # type: ignore[arg-type]
    calendar = working_calendar(CalendarSource(get_region(region), closures=closures))
    assume(oracle.working(notified, off))
    expected = oracle.walk(notified, n - 1, off)
    assert calendar.day_date(notified, n) == expected
    assert calendar.day_number(notified, expected) == n
    assert calendar.between(notified, expected) == n - 1
    assert calendar.between(expected, notified, inclusive=True) == (-n if n > 1 else 1)  # NETWORKDAYS
    for day in (notified - 3 * ONE, expected + ONE):
        assert calendar.is_working_day(day) == oracle.working(day, off)


# -- examples and errors --------------------------------------------------------


def test_reasons_and_descriptions(england: WorkingCalendar) -> None:
    assert england.why_not_working(date(2010, 4, 2)) == "Good Friday"
    assert england.why_not_working(date(2010, 2, 20)) == "Saturday"
    assert england.why_not_working(date(2010, 2, 22)) is None
    assert england.describe_non_working(date(2010, 4, 5)) == (
        "2010-04-05 is Easter Monday, a bank holiday in England and Wales"
    )
    assert england.describe_non_working(date(2010, 2, 21)) == "2010-02-21 is a Sunday"
    # One-off days: the Platinum Jubilee and the State Funeral of 2022, the Coronation of 2023.
    for one_off in (date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8)):
        assert not england.is_working_day(one_off)


def test_add_zero_and_weekend_starts(england: WorkingCalendar) -> None:
    saturday = date(2010, 2, 20)
    assert england.add(saturday, 0) == saturday
    assert england.add(saturday, 1) == date(2010, 2, 22)
    assert england.add(saturday, -1) == date(2010, 2, 19)
    # Thursday before Easter + 1 working day skips Good Friday, the weekend and Easter Monday.
    assert england.add(date(2010, 4, 1), 1) == date(2010, 4, 6)


def test_networkdays_examples(england: WorkingCalendar) -> None:
    assert england.between(date(2010, 2, 22), date(2010, 2, 26)) == 4
    assert england.between(date(2010, 2, 22), date(2010, 2, 26), inclusive=True) == 5
    assert england.between(date(2010, 2, 26), date(2010, 2, 22), inclusive=True) == -5
    assert england.between(date(2010, 2, 22), date(2010, 2, 22)) == 0
    assert england.between(date(2010, 2, 20), date(2010, 2, 20), inclusive=True) == 0


def test_errors(england: WorkingCalendar) -> None:
    with pytest.raises(NotWorkingDayError, match="2010-04-02 is Good Friday, a bank holiday in England"):
        england.day_date(date(2010, 4, 2), 5)
    with pytest.raises(InputError, match="Day 0 does not exist"):
        england.day_date(date(2010, 2, 22), 0)
    with pytest.raises(OutOfRangeError, match="Day 10000000 from 2010-02-22 falls after 2099-12-31"):
        england.day_date(date(2010, 2, 22), 10_000_000)
    with pytest.raises(OutOfRangeError, match="outside the supported dates 1975-01-01 to 2099-12-31"):
        england.add(date(1974, 12, 31), 1)
    with pytest.raises(OutOfRangeError, match="result falls outside"):
        england.add(date(1975, 1, 2), -10)
    with pytest.raises(InputError, match="before Day 1"):
        england.day_number(date(2010, 2, 22), date(2010, 2, 19))


def test_days_off_between_is_inclusive_and_ordered(england: WorkingCalendar) -> None:
    found = england.days_off_between(date(2010, 4, 2), date(2010, 4, 5))
    assert [(d.date, d.name) for d in found] == [
        (date(2010, 4, 2), "Good Friday"),
        (date(2010, 4, 5), "Easter Monday"),
    ]
    assert england.days_off_between(date(2010, 4, 6), date(2010, 4, 30)) == []
