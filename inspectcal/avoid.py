"""Dates to avoid (leave, half-term, shutdowns) and closures: a text file or an .ics file.

How such a file is read: ``inspectcal.readers.date_file``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inspectcal.dates import DateSpan
from inspectcal.readers.ics import IcsDates


def read_avoid_file(path: Path, first: date, last: date, *, count_free: bool = False) -> IcsDates:
    """The dates to keep clear from ``first`` to ``last`` (an .ics file is expanded over them)."""
    from inspectcal.readers.date_file import read_date_file

    return read_date_file(path, "avoid file", first, last, count_free=count_free)


def read_closures_file(path: Path) -> list[DateSpan]:
    """A council's closures: every date of the file, or of its events (free or not) over the
    range the working calendar supports."""
    from inspectcal.calendars import FIRST_DATE, LAST_DATE
    from inspectcal.readers.date_file import read_date_file

    return read_date_file(path, "closures file", FIRST_DATE, LAST_DATE, count_free=True).spans
