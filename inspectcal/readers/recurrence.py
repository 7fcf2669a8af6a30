"""Keeping the expansion of an event's repeats (RRULE) bounded.

python-dateutil, which recurring-ical-events uses, looks for the next occurrence of a rule
until it finds one or reaches the year 9999: a rule that can never occur
(``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``) costs seconds an event, and a rule with COUNT that
stops occurring early the same. So, before any expansion:

- ``never_occurs`` finds the rules whose month days or year days fall in no month they allow;
- ``bound`` stops every other rule at the last date the command looks at: an UNTIL is set
  there (or left, when earlier), and a COUNT that the rule does not reach by then becomes
  that UNTIL (the occurrences up to it are the same). The search then never passes the
  window the command needs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from typing import Any

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # the most each month has


def _numbers(rule: Any, part: str) -> list[int]:
    values = rule.get(part, [])
    try:
        return [int(v) for v in (values if isinstance(values, list) else [values])]
    except (TypeError, ValueError):
        return []


def never_occurs(rule: Any) -> str | None:
    """Why ``rule`` (an icalendar vRecur) can never occur, or None when it may."""
    months = _numbers(rule, "BYMONTH") or list(range(1, 13))
    month_days = _numbers(rule, "BYMONTHDAY")
    if month_days and not any(
        1 <= abs(d) <= _MONTH_DAYS[m - 1] for m in months if 1 <= m <= 12 for d in month_days
    ):
        return f"no month it allows has day {', '.join(str(d) for d in month_days)}"
    year_days = _numbers(rule, "BYYEARDAY")
    if year_days and "BYMONTH" in rule:
        possible = {
            _year_day(year, n).month
            for year in (2001, 2004)  # a common year and a leap year
            for n in year_days
            if 1 <= abs(n) <= (366 if year == 2004 else 365)
        }
        if not possible & set(months):
            return f"day {', '.join(str(n) for n in year_days)} of the year is in no month it allows"
    return None


def _year_day(year: int, n: int) -> date:
    if n > 0:
        return date(year, 1, 1) + timedelta(days=n - 1)
    return date(year, 12, 31) + timedelta(days=n + 1)


def bound(event: Any, last: date) -> None:
    """Stop each RRULE of ``event`` (an icalendar VEVENT) at ``last``, as the module says."""
    rules = event.get("RRULE", [])
    start = event.decoded("DTSTART")
    for rule in rules if isinstance(rules, list) else [rules]:
        until = rule.get("UNTIL", [])
        until = until[0] if isinstance(until, list) and until else until or None
        if isinstance(until, date) and _as_date(until) <= last:
            continue  # ends before the window does
        counts = _numbers(rule, "COUNT")
        if counts and _occurrences_by(rule, start, last, counts[0]) >= counts[0]:
            continue  # COUNT is reached within the window: the search stops there
        rule.pop("COUNT", None)
        rule["UNTIL"] = [_until(start, last)]


def _as_date(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _until(start: date, last: date) -> date:
    """``last``'s end, of the type RFC 5545 wants beside this DTSTART."""
    if not isinstance(start, datetime):
        return last
    end = datetime.combine(last, time(23, 59, 59))
    return end.replace(tzinfo=UTC) if start.tzinfo is not None else end


def _occurrences_by(rule: Any, start: date, last: date, enough: int) -> int:
    """How many times ``rule`` occurs from ``start`` to ``last``, counted up to ``enough``: a
    search that stops at ``last``."""
    from dateutil.rrule import rrulestr  # type: ignore[import-untyped]

    begin = start if isinstance(start, datetime) else datetime.combine(start, time())
    begin = begin.replace(tzinfo=None)
    text = ";".join(
        part
        for part in rule.to_ical().decode().split(";")
        if not part.upper().startswith(("COUNT=", "UNTIL="))
    )
    end = datetime.combine(last, time(23, 59, 59))
    try:
        occurrences = rrulestr(f"{text};UNTIL={end:%Y%m%dT%H%M%S}", dtstart=begin)
        return sum(1 for _ in islice(iter(occurrences), enough))
    except (ValueError, TypeError):
        return 0  # the library reports what it cannot read, with the event named
