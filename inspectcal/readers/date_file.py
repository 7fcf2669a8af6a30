"""A file of dates (leave, closures): an iCalendar file, or one date or range a line.

A file is told apart by its content: an iCalendar file starts with BEGIN:VCALENDAR (see
``readers.ics`` for how its events are read); anything else is one date or range a line
(``inspectcal.dates.date_lines``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inspectcal.dates import date_lines
from inspectcal.errors import InputError
from inspectcal.readers.base import MAX_FILE_BYTES, named, read_text
from inspectcal.readers.ics import IcsDates, looks_like_ics

MAX_ICS_BYTES = 20_000_000  # a year of a busy diary exported from Outlook is a few MB


def read_date_file(path: Path, what: str, first: date, last: date, *, count_free: bool) -> IcsDates:
    """The dates of the file (``-``: stdin) from ``first`` to ``last``; ``what`` names it in
    messages ("closures file"). ``count_free``: also the .ics events shown as free time."""
    text = read_text(path, what, limit=MAX_ICS_BYTES)
    where = named(what, path)
    if looks_like_ics(text):
        from inspectcal.readers.ics import read_ics

        return read_ics(text, where, first, last, count_free=count_free)
    if len(text) > MAX_FILE_BYTES:
        raise InputError(f"{where} is over {MAX_FILE_BYTES // 1_000_000} MB: is it the right file?")
    return IcsDates(spans=date_lines(text, where))
