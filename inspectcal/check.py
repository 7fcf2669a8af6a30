"""Auditing a timetable someone typed by hand: do its dates and Day labels agree?"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inspectcal.dates import parse_date_range
from inspectcal.errors import InputError, quoted
from inspectcal.readers.base import at, read_text
from inspectcal.workdays import WorkingCalendar

_DAY_LABEL = re.compile(r"\s*(?:days?\s*)?(\d+)\s*(?:-\s*(\d+))?\s*", re.I)


@dataclass(frozen=True)
class Row:
    line: int
    date_text: str
    day_text: str
    activity: str
    start: date
    end: date
    days: tuple[int, int]


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


def read_timetable(path: Path) -> list[Row]:
    """CSV with columns ``date`` and ``day`` (and optionally ``activity``)."""
    where = f"timetable {path}"
    text = read_text(path, "timetable")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        if "date" not in columns or "day" not in columns:
            raise InputError(
                f"{at(where, 1)}: the header needs columns 'date' and 'day' (and may have 'activity')"
            )
        for record in reader:
            row = _row(record, reader.line_num, where)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        raise InputError(f"{at(where, reader.reader.line_num)}: not readable as CSV ({error})") from None
    if not rows:
        raise InputError(f"timetable {path} has no rows under its header")
    return rows


def _row(record: dict[str | None, str | None], line: int, where: str) -> Row | None:
    values = {k.strip().lower(): (v or "").strip() for k, v in record.items() if isinstance(k, str)}
    if not any(values.values()):
        return None
    try:
        start, end = parse_date_range(values["date"])
    except InputError as error:
        raise InputError(f"{at(where, line)}: {error}") from None
    match = _DAY_LABEL.fullmatch(values["day"])
    first = int(match[1]) if match else 0
    last = int(match[2] or match[1]) if match else 0
    if match is None or first < 1 or last < first:
        raise InputError(f"{at(where, line)}: day {quoted(values['day'])} is not a Day like 25 or 6-10")
    return Row(line, values["date"], values["day"], values.get("activity", ""), start, end, (first, last))


def check_rows(rows: list[Row], calendar: WorkingCalendar, notified: date) -> list[Verdict]:
    return [_check(row, calendar, notified) for row in rows]


def _check(row: Row, calendar: WorkingCalendar, notified: date) -> Verdict:
    notes = []
    for day in (row.start, row.end) if row.start != row.end else (row.start,):
        if not calendar.is_working_day(day):
            notes.append(f"{calendar.describe_non_working(day)}, not a working day")
    first = calendar.next_working_day(row.start)
    last = row.end if calendar.is_working_day(row.end) else calendar.add(row.end, -1)
    if first > last:  # no working day at all in the row's dates
        return Verdict(row, None, "; ".join(notes))
    if first < notified:
        return Verdict(row, None, f"{row.start.isoformat()} is before Day 1 ({notified.isoformat()})")
    expected = (calendar.day_number(notified, first), calendar.day_number(notified, last))
    return Verdict(row, expected, "; ".join(notes))
