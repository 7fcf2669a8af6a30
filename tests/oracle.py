"""Independent oracles: working days counted one calendar day at a time over a given list of days off.

Nothing here uses inspectcal: the days off come from the official gov.uk list (see
conftest.govuk_weekdays) or from the test itself.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

ONE = timedelta(days=1)


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
