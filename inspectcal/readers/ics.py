"""Absences and closures from an iCalendar file, as Outlook, Google and Apple export them.

Recurring events are expanded by recurring-ical-events (RRULE with COUNT, UNTIL, BYDAY and
INTERVAL, RDATE, EXDATE, and RECURRENCE-ID overrides that move or cancel one occurrence) over
the dates the command looks at, never further (``readers.recurrence``: a rule that can never
occur is refused, every other is stopped at the last date needed), and never to more than
``MAX_OCCURRENCES``. A file of over ``MAX_EVENTS`` events is refused before it is parsed: icalendar's
parser takes time and memory in proportion to the events (benchmarks/readers.py).

What counts:

- Cancelled events and occurrences (``STATUS:CANCELLED``, or a ``METHOD:CANCEL`` file) never.
- Events marked free do not, unless ``count_free``: Outlook's ``X-MICROSOFT-CDO-BUSYSTATUS``
  decides when present (``FREE``; ``BUSY``, ``TENTATIVE`` and ``OOF`` are busy), as Outlook
  itself reads it (MS-OXCICAL), and ``TRANSP:TRANSPARENT`` otherwise.
- Every date an event touches. All-day DTEND is exclusive (RFC 5545); a timed event that ends at
  midnight does not touch the next day. Times with a zone (a ``TZID`` with its VTIMEZONE,
  Outlook's Windows names such as ``GMT Standard Time`` among them, or UTC) are read as UK
  local time; floating times are taken as written.

recurring-ical-events (and icalendar) are imported only here, when an .ics file is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from inspectcal.dates import DateSpan
from inspectcal.errors import InputError, quoted

if TYPE_CHECKING:
    from icalendar import Calendar, Component

MAX_OCCURRENCES = 100_000  # over the span asked for, all events together
MAX_EVENTS = 25_000  # a year of a busy diary is a few thousand; see docs/guide/calendar-files.md
MAX_EVENT_DAYS = 366  # one occurrence longer than this is not leave or a closure
_LONDON = ZoneInfo("Europe/London")
_EVENT_START = re.compile(r"^BEGIN:VEVENT\s*$", re.I | re.M)
_REPEATS = ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
_SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
_BUSY = {"BUSY", "TENTATIVE", "OOF"}
_RECURRENCE = {"DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
_ONCE = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "STATUS", "TRANSP")  # at most once (RFC 5545)


@dataclass
class IcsDates:
    """The dates a file's events touch, and what was left out (free, cancelled) and why."""

    spans: list[DateSpan] = field(default_factory=list)
    free: list[str] = field(default_factory=list)  # titles of events marked free, not counted
    cancelled: int = 0  # cancelled events and occurrences in the span, not counted


def looks_like_ics(text: str) -> bool:
    return text.lstrip().upper().startswith("BEGIN:VCALENDAR")


def read_ics(text: str, where: str, first: date, last: date, *, count_free: bool = False) -> IcsDates:
    """The dates from ``first`` to ``last`` that the file's events touch (see the module).

    ``where`` names the file in messages ("avoid file leave.ics").
    """
    from icalendar import Calendar

    events = len(_EVENT_START.findall(text))
    if events > MAX_EVENTS:
        raise InputError(
            f"{where} has {events:,} events, over the {MAX_EVENTS:,} read: export only the dates "
            "needed (Outlook: Save Calendar, Date Range), or is it the right file?"
        )
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as error:
        detail = "".join(c if c.isprintable() else " " for c in " ".join(str(error).split()))
        if len(detail) > 120:  # icalendar quotes the whole content line, which may be huge
            detail = detail[:120] + "\u2026"
        raise InputError(f"{where} is not a valid iCalendar file: {detail}") from None
    if not isinstance(calendar, Calendar):
        raise InputError(f"{where} is not a valid iCalendar file: it holds more than one calendar")
    _check_events(calendar, where)
    cancel_all = str(calendar.get("METHOD", "")).strip().upper() == "CANCEL"
    result = IcsDates()
    free: dict[str, None] = {}
    for event in _occurrences(calendar, where, first, last):
        start, end = _dates_touched(event.decoded("DTSTART"), _end(event))
        start, end = max(start, first), min(end, last)
        if start > end:
            continue  # outside the span (the query's margin for time zones)
        summary = _summary(event)
        if cancel_all or str(event.get("STATUS", "")).strip().upper() == "CANCELLED":
            result.cancelled += 1
        elif not count_free and _is_free(event):
            free.setdefault(summary or "(untitled)")
        else:
            result.spans.append(DateSpan(start, end, summary))
    result.free = list(free)
    result.spans.sort()
    return result


def _summary(event: Component) -> str:
    return " ".join(str(event.get("SUMMARY", "")).split())


def _is_free(event: Component) -> bool:
    """As Outlook reads it: its own busy status first, TRANSP only without one (MS-OXCICAL)."""
    for name in ("X-MICROSOFT-CDO-BUSYSTATUS", "X-MICROSOFT-MSNCALENDAR-BUSYSTATUS"):
        status = str(event.get(name, "")).strip().upper()
        if status == "FREE":
            return True
        if status in _BUSY:
            return False
    return str(event.get("TRANSP", "OPAQUE")).strip().upper() == "TRANSPARENT"


def _check_events(calendar: Calendar, where: str) -> None:
    """Each VEVENT readable before any is expanded: errors name the event by number and title."""
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        summary = _summary(event)
        name = f"{where}, event {number}" + (f" ({quoted(summary)[1:-1]})" if summary else "")
        try:
            start = event.decoded("DTSTART")
        except (KeyError, ValueError):
            start = None
        if not isinstance(start, date):  # icalendar hands back text it could not read
            raise InputError(f"{name} has no readable DTSTART")
        try:
            end = _end(event)
        except ValueError:
            raise InputError(f"{name} has an unreadable DTEND or DURATION") from None
        for prop in _ONCE:
            if isinstance(event.get(prop), list):
                raise InputError(f"{name} has more than one {prop}")
        for prop, problem in getattr(event, "errors", []):
            if str(prop).upper() in _RECURRENCE:
                raise InputError(f"{name}: its {str(prop).upper()} cannot be read ({problem})")
        first, last = _dates_touched(start, end)
        if last < first:
            raise InputError(f"{name} ends before it starts")
        if (last - first).days > MAX_EVENT_DAYS:
            raise InputError(f"{name} lasts over a year: is it the right event?")
        rules = event.get("RRULE", [])
        for rule in rules if isinstance(rules, list) else [rules]:
            _check_rule(rule, name)


def _check_rule(rule: Any, name: str) -> None:
    """Absences repeat at most daily; finer rules would expand to millions of occurrences."""
    frequency = [str(value).upper() for value in rule.get("FREQ", [])]
    if not frequency:
        raise InputError(f"{name}: its RRULE has no FREQ (how often it repeats)")
    times = 1
    for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        times *= max(1, len(rule.get(part, [])))
    if set(frequency) & _SUB_DAILY or times > 1:
        raise InputError(
            f"{name} repeats more than once a day ({rule.to_ical().decode()}): "
            "leave and closures repeat daily at most; is it the right file?"
        )
    from inspectcal.readers.recurrence import never_occurs

    reason = never_occurs(rule)
    if reason is not None:
        raise InputError(
            f"{name} repeats by a rule that can never occur ({rule.to_ical().decode()}: {reason}): "
            "is the rule typed right?"
        )


def _end(event: Component) -> date | None:
    end = event.decoded("DTEND") if "DTEND" in event else None
    if end is None and "DURATION" in event:
        duration = event.decoded("DURATION")
        if not isinstance(duration, timedelta):
            raise ValueError("DURATION")
        end = event.decoded("DTSTART") + duration
    if end is not None and not isinstance(end, date):
        raise ValueError("DTEND")
    return end


def _occurrences(calendar: Calendar, where: str, first: date, last: date) -> Iterator[Component]:
    """Every occurrence that may touch ``first``..``last``, as an event of its own; bounded.

    An event that does not repeat (and whose UID no other event shares) is its own only
    occurrence; the rest go to recurring-ical-events, each rule stopped after ``last``.
    """
    import recurring_ical_events  # type: ignore[import-untyped]

    from inspectcal.readers.recurrence import bound

    # The library returns every occurrence that overlaps the span (a long leave that began
    # before it too); two days' margin either side for occurrences in other time zones.
    start = datetime.combine(first - timedelta(days=2), time())
    stop = datetime.combine(last + timedelta(days=2), time())
    # The events were checked above; what the library still refuses is reported, never a traceback.
    problems = (recurring_ical_events.InvalidCalendar, ValueError, TypeError, AttributeError, KeyError)
    singles, repeating = _split(calendar)
    count = len(singles)
    if count > MAX_OCCURRENCES:
        raise InputError(
            f"{where} has over {MAX_OCCURRENCES:,} occurrences between {first.isoformat()} "
            f"and {last.isoformat()}: is it the right file?"
        )
    yield from singles
    for event in repeating.walk("VEVENT"):
        if "RRULE" in event:
            bound(event, last + timedelta(days=3))
    try:
        query = recurring_ical_events.of(repeating)
    except problems as error:
        raise InputError(f"{where} has an event whose repeats cannot be read: {error}") from None
    for series in query.series:
        try:
            for occurrence in series.between(start, stop):
                count += 1
                if count > MAX_OCCURRENCES:
                    raise InputError(
                        f"{where} has over {MAX_OCCURRENCES:,} occurrences between {first.isoformat()} "
                        f"and {last.isoformat()}: is it the right file?"
                    )
                yield occurrence.as_component(False)
        except problems as error:
            uid = getattr(series, "uid", None)
            which = f", event {quoted(str(uid))}" if uid else ""
            raise InputError(f"{where}{which}: cannot expand its repeats: {error}") from None


def _split(calendar: Calendar) -> tuple[list[Component], Calendar]:
    """The events that occur once, and a calendar of the rest for recurring-ical-events: all of
    it when the calendar names a zone for its floating times (X-WR-TIMEZONE), which the library
    applies to every event."""
    if "X-WR-TIMEZONE" in calendar:
        return [], calendar
    from collections import Counter

    from icalendar import Calendar

    events = calendar.walk("VEVENT")
    uids = Counter(str(event.get("UID", "")) for event in events)
    singles = [
        event
        for event in events
        if str(event.get("UID", ""))
        and uids[str(event.get("UID", ""))] == 1
        and not any(name in event for name in _REPEATS)
    ]
    chosen = {id(event) for event in singles}
    rest = Calendar()
    for name, value in calendar.items():
        rest[name] = value
    for component in calendar.subcomponents:
        if id(component) not in chosen:
            rest.add_component(component)
    return singles, rest


def _local(moment: datetime) -> datetime:
    return moment.astimezone(_LONDON) if moment.tzinfo is not None else moment


def _wall(moment: date) -> datetime:
    """UK wall-clock time, without a zone: zoned times converted, floating times as written."""
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time())
    return _local(moment).replace(tzinfo=None)


def _dates_touched(start: date, end: date | None) -> tuple[date, date]:
    """The first and last UK dates an event from ``start`` to ``end`` (exclusive) touches."""
    if isinstance(start, datetime):
        first = _wall(start)
        if end is None:
            return first.date(), first.date()
        last = _wall(end)
        if last > first and last.time() == time(0):
            last -= timedelta(microseconds=1)  # ends at midnight: the next day is free
        return first.date(), max(first, last).date()
    if end is None or end == start:
        return start, start
    return start, (end if not isinstance(end, datetime) else end.date()) - timedelta(days=1)
