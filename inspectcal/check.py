"""Auditing a timetable someone typed by hand: do its dates and Day labels agree?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from inspectcal.errors import InspectcalError, OutOfRangeError
from inspectcal.readers.timetable import Choice, Row, Timetable
from inspectcal.workdays import WorkingCalendar

__all__ = ["Choice", "Row", "Timetable", "Verdict", "check_rows", "read_timetable"]


@dataclass(frozen=True)
class Verdict:
    row: Row
    expected: tuple[int, int] | None  # None: no working day in the row's dates
    note: str  # why it disagrees, or ""

    @property
    def ok(self) -> bool:
        return self.expected == self.row.days and not self.note

    @property
    def expected_label(self) -> str | None:
        if self.expected is None:
            return None
        first, last = self.expected
        return str(first) if first == last else f"{first}-{last}"


def read_timetable(path: Path, choice: Choice | None = None) -> Timetable:
    """A timetable from a Word table, an Excel sheet, or a CSV or text file (see readers.timetable)."""
    from inspectcal.readers.timetable import read_timetable as read

    return read(path, choice or Choice())


def check_rows(
    rows: list[Row], calendar: WorkingCalendar, notified: date, *, where: str = "timetable", unit: str = "row"
) -> list[Verdict]:
    """Each row's verdict; an error about a row names it (``where``, ``unit`` and its number)."""
    verdicts = []
    for row in rows:
        try:
            verdicts.append(_check(row, calendar, notified))
        except InspectcalError as error:
            raise type(error)(f"{where}, {unit} {row.line}: {error}") from None
    return verdicts


def _check(row: Row, calendar: WorkingCalendar, notified: date) -> Verdict:
    notes = []
    for day in (row.start, row.end) if row.start != row.end else (row.start,):
        if not calendar.is_working_day(day):
            notes.append(f"{calendar.describe_non_working(day)}, not a working day")
    first = calendar.next_working_day(row.start)
    try:
        last = row.end if calendar.is_working_day(row.end) else calendar.add(row.end, -1)
    except OutOfRangeError:  # no working day before the row's end within the calendar's dates
        last = row.start - timedelta(days=1)
    if first > last:  # no working day at all in the row's dates
        return Verdict(row, None, "; ".join(notes))
    if first < notified:
        return Verdict(row, None, f"{row.start.isoformat()} is before Day 1 ({notified.isoformat()})")
    expected = (calendar.day_number(notified, first), calendar.day_number(notified, last))
    return Verdict(row, expected, "; ".join(notes))
