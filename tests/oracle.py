"""Independent oracles: working days counted one calendar day at a time over a given list of days off.

Nothing here uses inspectcal: the days off come from the official gov.uk list (see
conftest.govuk_weekdays) or from the test itself.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

ONE = timedelta(days=1)

# England and Wales's bank holidays of 2010 (gov.uk's list begins in 2012), written out by hand.
ENGLAND_2010 = {
    date(2010, 1, 1),
    date(2010, 4, 2),
    date(2010, 4, 5),
    date(2010, 5, 3),
    date(2010, 5, 31),
    date(2010, 8, 30),
    date(2010, 12, 27),
    date(2010, 12, 28),
}


def working(day: date, off: Container[date]) -> bool:
    return day.weekday() < 5 and day not in off


def walk(day: date, n: int, off: Container[date]) -> date:
    """The date ``n`` working days after ``day`` (before it when ``n`` is negative)."""
    step = ONE if n > 0 else -ONE
    left = abs(n)
    while left:
        day += step
        if working(day, off):
            left -= 1
    return day


def day_date(notified: date, n: int, off: Container[date]) -> date:
    """Day ``n`` when Day 1 is ``notified``: n - 1 working days later."""
    return walk(notified, n - 1, off)


def count(a: date, b: date, off: Container[date]) -> int:
    """Working days after ``a`` up to and including ``b``; the same negated when ``b`` is earlier."""
    if b < a:
        return -count(b, a, off)
    return sum(working(a + ONE * i, off) for i in range(1, (b - a).days + 1))


def working_days(first: date, last: date, off: Container[date]) -> list[date]:
    """The working days from ``first`` to ``last``, both included."""
    return [first + ONE * i for i in range((last - first).days + 1) if working(first + ONE * i, off)]
