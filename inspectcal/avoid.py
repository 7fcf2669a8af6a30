"""Dates to avoid (leave, half-term, shutdowns) and closures: a text file or an .ics file.

A file is told apart by its content: an iCalendar file starts with BEGIN:VCALENDAR (see
``inspectcal.readers.ics`` for how its events are read); anything else is one date or range a
line (``inspectcal.dates.date_lines``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inspectcal.dates import DateSpan, date_lines
from inspectcal.errors import InputError
from inspectcal.readers.ics import IcsDates, looks_like_ics

_MAX_ICS_BYTES = 20_000_000  # a year of a busy diary exported from Outlook is a few MB


def read_avoid_file(path: Path, first: date, last: date, *, count_free: bool = False) -> IcsDates:
    """The dates to keep clear from ``first`` to ``last`` (an .ics file is expanded over them)."""
    return _read_dates(path, "avoid file", first, last, count_free=count_free)


def read_closures_file(path: Path) -> list[DateSpan]:
    """A council's closures: every date of the file, or of its events (free or not) over the
    range the working calendar supports."""
    from inspectcal.calendars import FIRST_DATE, LAST_DATE

    return _read_dates(path, "closures file", FIRST_DATE, LAST_DATE, count_free=True).spans


def _read_dates(path: Path, what: str, first: date, last: date, *, count_free: bool) -> IcsDates:
    from inspectcal.readers.base import MAX_FILE_BYTES, read_text

    text = read_text(path, what, limit=_MAX_ICS_BYTES)
    where = f"{what} on stdin" if str(path) == "-" else f"{what} {path}"
    if looks_like_ics(text):
        from inspectcal.readers.ics import read_ics

        return read_ics(text, where, first, last, count_free=count_free)
    if len(text) > MAX_FILE_BYTES:
        raise InputError(f"{where} is over {MAX_FILE_BYTES // 1_000_000} MB: is it the right file?")
    return IcsDates(spans=date_lines(text, where))
