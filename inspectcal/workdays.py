"""The working-day engine: Monday to Friday, minus named non-working weekdays.

Every operation is O(log H) in the number H of non-working weekdays the calendar
holds and independent of how many days it spans (no day-by-day loops), so adding
40 working days costs the same as adding 40,000.

How: number the weekdays from a fixed Monday (``weekday index``). A non-working
weekday is then a point on that line. The working days strictly before a date are its
weekday index minus the holidays before it (one bisect). The inverse, the date of the
r-th working day, bisects an array of ``holiday_index[i] - i``: the i-th holiday sits
after exactly ``holiday_index[i] - i`` working days, so the number of holidays before
the r-th working day is the count of entries <= r.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from inspectcal.errors import InputError, NotWorkingDayError, OutOfRangeError

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class NonWorkingDay:
    """Why a weekday is not worked: a bank holiday or a closure.

    ``name`` is short, for tables ("Good Friday"); ``description`` completes the
    sentence "2010-04-02 is ..." ("Good Friday, a bank holiday in England and Wales").
    """

    date: date
    name: str
    description: str
    closure: bool = False


class WorkingCalendar:
    """Mon-Fri minus the given non-working weekdays, valid from ``first`` to ``last``.

    ``days_off`` maps a date to why it is not worked; weekend entries are ignored
    (a Saturday is already off). Dates outside [first, last] raise OutOfRangeError
    rather than guessing, because the holiday data stops there.
    """

    def __init__(self, days_off: Mapping[date, NonWorkingDay], *, first: date, last: date) -> None:
        if last < first:
            raise ValueError("calendar ends before it starts")
        self.first = first
        self.last = last
        # The Monday on or before `first` anchors the weekday numbering.
        self._epoch = first.toordinal() - first.weekday()
        weekday_off = {d: why for d, why in days_off.items() if d.weekday() < 5 and first <= d <= last}
        self._days_off: dict[date, NonWorkingDay] = dict(sorted(weekday_off.items()))
        self._off_list = list(self._days_off.values())
        self._off_index = [self._weekday_index(d) for d in self._days_off]
        self._off_set = frozenset(self._off_index)
        self._select_key = [w - i for i, w in enumerate(self._off_index)]
        # Bounds for the inverse: working-day ranks that still land inside [first, last].
        self._min_rank = self._rank(first)
        self._max_rank = self._rank(last + timedelta(days=1)) - 1

    # -- internal arithmetic -------------------------------------------------
    def _weekday_index(self, day: date) -> int:
        """How many weekdays lie strictly before ``day`` (from the epoch Monday)."""
        weeks, rem = divmod(day.toordinal() - self._epoch, 7)
        return weeks * 5 + (rem if rem < 5 else 5)

    def _rank(self, day: date) -> int:
        """How many working days lie strictly before ``day`` (from the epoch Monday)."""
        w = self._weekday_index(day)
        return w - bisect_left(self._off_index, w)

    def _select(self, rank: int) -> date:
        """The working day with exactly ``rank`` working days before it."""
        if not self._min_rank <= rank <= self._max_rank:
            raise OutOfRangeError(
                f"the result falls outside the supported dates "
                f"{self.first.isoformat()} to {self.last.isoformat()}"
            )
        w = rank + bisect_right(self._select_key, rank)
        weeks, rem = divmod(w, 5)
        return date.fromordinal(self._epoch + weeks * 7 + rem)

    def _check(self, day: date) -> None:
        if not self.first <= day <= self.last:
            raise OutOfRangeError(
                f"{day.isoformat()} is outside the supported dates "
                f"{self.first.isoformat()} to {self.last.isoformat()}"
            )

    # -- public operations ---------------------------------------------------
    @property
    def days_off(self) -> Mapping[date, NonWorkingDay]:
        """The non-working weekdays the calendar knows, in date order."""
        return self._days_off

    def is_working_day(self, day: date) -> bool:
        self._check(day)
        return day.weekday() < 5 and self._weekday_index(day) not in self._off_set

    def why_not_working(self, day: date) -> str | None:
        """None for a working day, else the reason: 'Saturday', 'Good Friday', ..."""
        self._check(day)
        if day.weekday() >= 5:
            return _WEEKDAY_NAMES[day.weekday()]
        off = self._days_off.get(day)
        return off.name if off else None

    def non_working(self, day: date) -> NonWorkingDay | None:
        """The bank holiday or closure on a weekday, if any (None on weekends)."""
        self._check(day)
        return self._days_off.get(day)

    def add(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (before it when n < 0), like WORKDAY.

        ``day`` itself need not be a working day; n == 0 returns it unchanged.
        """
        self._check(day)
        if n > 0:
            return self._select(self._rank(day + timedelta(days=1)) + n - 1)
        if n < 0:
            return self._select(self._rank(day) + n)
        return day

    def between(self, start: date, end: date, *, inclusive: bool = False) -> int:
        """Working days after ``start`` up to and including ``end``; negative if end < start.

        With ``inclusive`` the start counts too (spreadsheet NETWORKDAYS).
        """
        self._check(start)
        self._check(end)
        one = timedelta(days=1)
        if not inclusive:
            return self._rank(end + one) - self._rank(start + one)
        if end >= start:
            return self._rank(end + one) - self._rank(start)
        return -(self._rank(start + one) - self._rank(end))

    def day_date(self, notified: date, n: int) -> date:
        """The date of Day ``n`` when Day 1 is ``notified`` (a working day)."""
        self.require_working_day(notified, role="the notification date (Day 1)")
        if n < 1:
            raise InputError(f"Day {n} does not exist: Days count from 1 (the notification date)")
        try:
            return self._select(self._rank(notified) + n - 1)
        except OutOfRangeError:
            raise OutOfRangeError(
                f"Day {n} from {notified.isoformat()} falls after {self.last.isoformat()}, "
                "the last supported date"
            ) from None

    def day_number(self, notified: date, day: date) -> int:
        """The Day number of a working ``day`` when Day 1 is ``notified``."""
        self.require_working_day(notified, role="the notification date (Day 1)")
        self.require_working_day(day, role="this date")
        number = self._rank(day) - self._rank(notified) + 1
        if number < 1:
            raise InputError(
                f"{day.isoformat()} is before Day 1 ({notified.isoformat()}): it has no Day number"
            )
        return number

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is worked, else the first working day after it."""
        return day if self.is_working_day(day) else self.add(day, 1)

    def require_working_day(self, day: date, *, role: str) -> None:
        reason = self.why_not_working(day)
        if reason is not None:
            raise NotWorkingDayError(f"{role} must be a working day, but {self.describe_non_working(day)}")

    def describe_non_working(self, day: date) -> str:
        """'2010-04-02 is Good Friday, a bank holiday in England and Wales'."""
        if day.weekday() >= 5:
            return f"{day.isoformat()} is a {_WEEKDAY_NAMES[day.weekday()]}"
        return f"{day.isoformat()} is {self._days_off[day].description}"

    def days_off_between(self, start: date, end: date) -> list[NonWorkingDay]:
        """The non-working weekdays from ``start`` to ``end`` inclusive, in order."""
        low = bisect_left(self._off_index, self._weekday_index(start))
        high = bisect_left(self._off_index, self._weekday_index(end + timedelta(days=1)))
        return self._off_list[low:high]
