"""Dates to avoid (leave, half-term, shutdowns): from the command line, a text file or an .ics file."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from inspectcal.dates import DateSpan, date_lines
from inspectcal.errors import InputError

_LONDON = ZoneInfo("Europe/London")
_MAX_EVENT_DAYS = 366


def read_avoid_file(path: Path) -> list[DateSpan]:
    """A text file (one date or range per line) or an iCalendar export, told apart by content."""
    from inspectcal.readers.base import MAX_FILE_BYTES, read_text

    text = read_text(path, "avoid file", limit=20_000_000)
    if text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return spans_from_ics(text, path)
    if len(text) > MAX_FILE_BYTES:
        raise InputError(f"avoid file {path} is over {MAX_FILE_BYTES // 1_000_000} MB: is it the right file?")
    return date_lines(text, f"avoid file {path}")


def spans_from_ics(text: str, path: Path) -> list[DateSpan]:
    """Every date each event touches: all-day, timed and multi-day events.

    All-day DTEND is exclusive (RFC 5545); a timed event that ends at midnight does not touch
    the next day. Times are read in the event's own zone, UTC times as UK local time.
    Recurring events count only their first occurrence.
    """
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except ValueError as error:
        raise InputError(f"avoid file {path} is not a valid iCalendar file: {error}") from None
    spans = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        summary = str(event.get("SUMMARY", "")).strip()
        where = f"avoid file {path}, event {number}" + (f" ({summary})" if summary else "")
        try:
            start_value = event.decoded("DTSTART")
        except (KeyError, ValueError):
            start_value = None
        if not isinstance(start_value, date):  # icalendar hands back text it could not read
            raise InputError(f"{where} has no readable DTSTART")
        try:
            end_value = event.decoded("DTEND") if "DTEND" in event else None
            duration = event.decoded("DURATION") if "DURATION" in event else None
        except ValueError:
            end_value = duration = "unreadable"
        if not isinstance(end_value, date | None) or not isinstance(duration, timedelta | None):
            raise InputError(f"{where} has an unreadable DTEND or DURATION")
        if end_value is None and duration is not None:
            end_value = start_value + duration
        first, last = _dates_touched(start_value, end_value)
        if last < first:
            raise InputError(f"{where} ends before it starts")
        if (last - first).days > _MAX_EVENT_DAYS:
            raise InputError(f"{where} lasts over a year: is it the right event?")
        spans.append(DateSpan(first, last, summary))
    return spans


def _local(moment: datetime) -> datetime:
    return moment.astimezone(_LONDON) if moment.tzinfo is not None else moment


def _dates_touched(start: date | datetime, end: date | datetime | None) -> tuple[date, date]:
    if isinstance(start, datetime):
        first = _local(start)
        if end is None:
            return first.date(), first.date()
        assert isinstance(end, datetime | date)
        last = _local(end) if isinstance(end, datetime) else datetime.combine(end, time())
        if last > first and last.time() == time(0):
            last -= timedelta(microseconds=1)  # ends at midnight: the next day is free
        return first.date(), max(first, last).date()
    if end is None or end == start:
        return start, start
    return start, (end if not isinstance(end, datetime) else end.date()) - timedelta(days=1)
