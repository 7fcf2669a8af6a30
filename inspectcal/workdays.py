"""The working-day engine: Monday to Friday, minus named non-working weekdays.

Every operation is O(1): two array lookups, whatever the span (no day-by-day loops),
so adding 40 working days costs the same as adding 40,000.

How: over the supported range the calendar keeps, for every date, how many working
days come before it (``_rank``), and the position of every working day (``_select``).
Adding n working days is then ``_select[_rank[day] + n]``, and counting between two
dates is a difference of ranks. Both arrays are built with C-speed itertools calls
(about a millisecond for 125 years), then shared by every operation.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import accumulate, compress
from typing import NamedTuple

from inspectcal.errors import InputError, NotWorkingDayError, OutOfRangeError

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEK = bytes((1, 1, 1, 1, 1, 0, 0))
_fromordinal = date.fromordinal


class NonWorkingDay(NamedTuple):
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

    def __init__(
        self,
        days_off: Mapping[date, NonWorkingDay],
        *,
        first: date,
        last: date,
    ) -> None:
        if last < first:
            raise ValueError("calendar ends before it starts")
        self.first = first
        self.last = last
        self._first = first.toordinal()
        self._last = last.toordinal()
        weekday_off = {d: why for d, why in days_off.items() if d.weekday() < 5 and first <= d <= last}
        self._days_off: dict[date, NonWorkingDay] = dict(sorted(weekday_off.items()))
        self._off_list = list(self._days_off.values())
        self._off_ordinals = [d.toordinal() for d in self._days_off]
        # mask[i] is 1 when the date first + i is worked; one spare day past `last` keeps
        # "the day after" lookups in range.
        span = self._last - self._first + 2
        start = first.weekday()
        mask = bytearray((_WEEK * (span // 7 + 2))[start : start + span])
        mask[-1] = 0
        for ordinal in self._off_ordinals:
            mask[ordinal - self._first] = 0
        rank = array("i", accumulate(mask, initial=0))  # working days before first + i
        select = array("i", compress(range(span), mask))  # offset of the r-th working day
        self._mask = bytes(mask)
        self._span = self._last - self._first  # the largest valid offset
        self._rank = rank
        self._select = select
        self._working = len(select)

    # -- internal arithmetic -------------------------------------------------
    def _offset(self, day: date) -> int:
        ordinal = day.toordinal()
        if not self._first <= ordinal <= self._last:
            raise OutOfRangeError(
                f"{day.isoformat()} is outside the supported dates "
                f"{self.first.isoformat()} to {self.last.isoformat()}"
            )
        return ordinal - self._first

    def _select_date(self, rank: int, why: str = "") -> date:
        """The working day with exactly ``rank`` working days (from ``first``) before it."""
        if not 0 <= rank < self._working:
            raise OutOfRangeError(
                f"the result falls outside the supported dates "
                f"{self.first.isoformat()} to {self.last.isoformat()}{why}"
            )
        return date.fromordinal(self._first + self._select[rank])

    def _check(self, day: date) -> None:
        self._offset(day)

    # -- public operations ---------------------------------------------------
    @property
    def days_off(self) -> Mapping[date, NonWorkingDay]:
        """The non-working weekdays the calendar knows, in date order."""
        return self._days_off

    def is_working_day(self, day: date) -> bool:
        return self._mask[self._offset(day)] == 1

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
        # Inlined lookups: this is the hot path of every plan and window.
        first = self._first
        offset = day.toordinal() - first
        if not 0 <= offset <= self._span:
            self._offset(day)  # raises the out-of-range message
        if n > 0:
            rank = self._rank[offset + 1] + n - 1
        elif n < 0:
            rank = self._rank[offset] + n
        else:
            return day
        if not 0 <= rank < self._working:
            why = self._why_none_left(day, n + 1) if n > 0 else ""
            return self._select_date(rank, why)  # raises the out-of-range message
        return _fromordinal(first + self._select[rank])

    def between(self, start: date, end: date, *, inclusive: bool = False) -> int:
        """Working days after ``start`` up to and including ``end``; negative if end < start.

        With ``inclusive`` the start counts too (spreadsheet NETWORKDAYS).
        """
        rank, a, b = self._rank, self._offset(start), self._offset(end)
        if not inclusive:
            return rank[b + 1] - rank[a + 1]
        if b >= a:
            return rank[b + 1] - rank[a]
        return -(rank[a + 1] - rank[b])

    def day_date(self, notified: date, n: int) -> date:
        """The date of Day ``n`` when Day 1 is ``notified`` (a working day)."""
        offset = self._offset(notified)
        if not self._mask[offset]:
            self.require_working_day(notified, role="the notification date (Day 1)")
        if n < 1:
            raise InputError(f"Day {n} does not exist: Days count from 1 (the notification date)")
        rank = self._rank[offset] + n - 1
        if rank >= self._working:
            raise OutOfRangeError(
                f"Day {n} from {notified.isoformat()} falls after {self.last.isoformat()}, "
                f"the last supported date{self._why_none_left(notified, n)}"
            )
        return date.fromordinal(self._first + self._select[rank])

    def _why_none_left(self, start: date, n: int) -> str:
        """Why fewer than ``n`` working days are left from ``start``, when it is not the calendar's
        end but its days off (an endless closure in a calendar file, say) that leave none."""
        span = self._last - start.toordinal()
        weekdays = span // 7 * 5 + sum(
            1 for i in range(span - span % 7 + 1, span + 1) if (start.weekday() + i) % 7 < 5
        )
        if weekdays < n - 1:
            return ""  # the limit itself is near: nothing more to say
        left = self._working - self._rank[start.toordinal() - self._first + 1]  # after ``start``
        off = self.days_off_between(date.fromordinal(start.toordinal() + 1), self.last)
        what = "closures" if any(d.closure for d in off) else "bank holidays"
        some = "no working day" if left == 0 else f"only {left} working day{'s' if left != 1 else ''}"
        return f": the {what} leave {some} after {start.isoformat()} up to {self.last.isoformat()}"

    def day_dates(self, notified: date, numbers: Sequence[int]) -> list[date]:
        """The dates of several Days at once (the batch path: one check, then lookups)."""
        offset = self._offset(notified)
        if not self._mask[offset]:
            self.require_working_day(notified, role="the notification date (Day 1)")
        base = self._rank[offset] - 1
        if numbers and (min(numbers) < 1 or base + max(numbers) >= self._working):
            return [self.day_date(notified, n) for n in numbers]  # raises the right message
        first, select, fromordinal = self._first, self._select, date.fromordinal
        return [fromordinal(first + select[base + n]) for n in numbers]

    def day_number(self, notified: date, day: date) -> int:
        """The Day number of a working ``day`` when Day 1 is ``notified``."""
        start, end = self._offset(notified), self._offset(day)
        mask = self._mask
        if not mask[start]:
            self.require_working_day(notified, role="the notification date (Day 1)")
        if not mask[end]:
            self.require_working_day(day, role="this date")
        number = self._rank[end] - self._rank[start] + 1
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
        low = bisect_left(self._off_ordinals, start.toordinal())
        high = bisect_left(self._off_ordinals, end.toordinal() + 1)
        return self._off_list[low:high]
