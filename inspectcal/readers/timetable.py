"""A timetable people typed, from a Word table, an Excel sheet, or CSV and text exports.

Every source becomes a ``Grid``: rows of cells, each row with the number the document shows
(the line of a text file, the row of a sheet, the row of a Word table). Then one set of rules
finds the header (a date-like column and a Day-like column, the activity optional, or the
columns named with ``--columns``) and reads each row below it:

- a blank row, a repeat of the header, or a heading (no date and no Day, one text across
  the row) is passed over;
- every other row must give a date or range and a Day label (``readers.typed``), or it is a
  problem naming the file, the table or sheet, and the row. Nothing is skipped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from inspectcal.errors import InputError, quoted
from inspectcal.readers.grid import Cell, Grid, Uncalculated
from inspectcal.readers.typed import (
    DAY_HINT,
    day_label_in_text,
    one_line,
    parse_day_label,
    parse_typed_range,
    parse_typed_range_after,
    to_be_confirmed,
)

_HEADER_SEARCH = 20  # rows from the top in which to look for the header


@dataclass(frozen=True)
class Row:
    line: int  # the line of a text file, the row of a sheet or Word table
    date_text: str
    day_text: str
    activity: str
    start: date
    end: date
    days: tuple[int, int]
    year_supplied: bool = False  # the date gave no year: the first such date on or after Day 1


@dataclass(frozen=True)
class Timetable:
    rows: list[Row]
    where: str
    unit: str
    notes: list[str] = field(default_factory=list)  # said on stderr: what was assumed
    unchecked: list[tuple[int, str]] = field(default_factory=list)  # (row, "TBC"): to be confirmed


@dataclass(frozen=True)
class Choice:
    """What the command line says about where the timetable is."""

    table: int | None = None  # --table N (Word), 1-based
    sheet: str | None = None  # --sheet NAME (Excel)
    columns: dict[str, str] = field(default_factory=dict)  # --columns date=...,day=...
    notified: date | None = None  # Day 1: dates that give no year are the first on or after it


_ROLES = ("date", "day", "activity")


def parse_columns(spec: str | None) -> dict[str, str]:
    """``date=When,day=Day no,activity=What`` (header texts, or column numbers from 1)."""
    if spec is None:
        return {}
    chosen: dict[str, str] = {}
    for part in spec.split(","):
        role, equals, name = part.partition("=")
        role = role.strip().lower()
        if not equals or role not in _ROLES or not name.strip():
            raise InputError(
                f"--columns {quoted(part.strip())} is not ROLE=HEADER with ROLE date, day or activity, "
                "e.g. --columns 'date=Date(s),day=Day no'"
            )
        if role in chosen:
            raise InputError(f"--columns names the {role} column twice")
        if name.strip().isdigit() and int(name) < 1:
            raise InputError(f"--columns {role}={name.strip()}: columns count from 1 (the first column is 1)")
        chosen[role] = name.strip()
    missing = [role for role in ("date", "day") if role not in chosen]
    if missing:
        raise InputError(f"--columns must name the {' and '.join(missing)} column too")
    return chosen


def read_timetable(path: Path, choice: Choice = Choice()) -> Timetable:
    """Read a .docx, .xlsx, CSV or text timetable (``-`` reads stdin), by its content."""
    from inspectcal.readers.base import MAX_FILE_BYTES, named, read_bytes
    from inspectcal.readers.office import MAX_OFFICE_BYTES, office_kind

    what = "timetable"
    where = named(what, path)
    data = read_bytes(path, what, limit=MAX_OFFICE_BYTES)
    kind = office_kind(data, where)
    if kind == "docx":
        if choice.sheet is not None:
            raise InputError(f"--sheet is for Excel files; {where} is a Word document (use --table N)")
        from inspectcal.readers import docx

        return _pick(docx.grids(data, where), choice, where, "table")
    if kind == "xlsx":
        if choice.table is not None:
            raise InputError(f"--table is for Word files; {where} is an Excel workbook (use --sheet NAME)")
        from inspectcal.readers import xlsx

        sheet_grid, note = xlsx.grid(data, where, choice.sheet)
        timetable = from_grid(sheet_grid, choice.columns, notified=choice.notified)
        return replace(timetable, notes=[note, *timetable.notes])
    if choice.table is not None or choice.sheet is not None:
        option = "--table" if choice.table is not None else "--sheet"
        raise InputError(f"{option} is for Word and Excel files; {where} is text")
    if len(data) > MAX_FILE_BYTES:  # the limit for text; Word and Excel files may be larger
        raise InputError(f"{where} is over {MAX_FILE_BYTES // 1_000_000} MB: is it the right file?")
    from inspectcal.readers import delimited

    grid, notes = delimited.grid(data, where)
    timetable = from_grid(grid, choice.columns, notified=choice.notified)
    return replace(timetable, notes=[*notes, *timetable.notes])


def _pick(grids: list[Grid], choice: Choice, where: str, what: str) -> Timetable:
    """The Word table asked for with --table, else the first whose header names the columns."""
    if not grids:
        raise InputError(f"{where} has no table: put the timetable in a Word table, or save it as CSV")
    if choice.table is not None:
        if not 1 <= choice.table <= len(grids):
            count = f"{len(grids)} {what}{'s' if len(grids) != 1 else ''}"
            raise InputError(f"--table {choice.table}: {where} has {count}")
        return from_grid(grids[choice.table - 1], choice.columns, notified=choice.notified)
    failures = []
    matching = []
    for number, grid in enumerate(grids, start=1):
        try:
            _header(grid, choice.columns)
        except _NoHeader as error:
            failures.append(str(error))
            continue
        matching.append(number)
    if not matching:
        if len(grids) == 1:
            raise InputError(failures[0])
        raise InputError(
            f"{where}: none of its {len(grids)} {what}s has a date column and a Day column; "
            f"choose one with --{what} N and name its columns with --columns date=...,day=..."
        )
    found = from_grid(grids[matching[0] - 1], choice.columns, notified=choice.notified)
    if len(grids) == 1:
        return found
    note = (
        f"{where} has {len(grids)} {what}s; read {what} {matching[0]}, the first with a date and a Day "
        f"column (--{what} N reads another)"
    )
    return replace(found, notes=[note, *found.notes])


class _NoHeader(InputError):
    """No header row with a date and a Day column."""


def from_grid(grid: Grid, columns: dict[str, str], *, notified: date | None = None) -> Timetable:
    """The timetable in a grid: find its header, then read every row under it. ``notified``
    (Day 1) dates a date that gives no year: the first such date on or after it."""
    if not columns:
        from inspectcal.readers.columns import plan_layout

        grid = plan_layout(grid)  # the tool's own plan, as CSV or .xlsx
    header_at, mapping = _header(grid, columns)
    widest = max((len(cells) for _, cells in grid.rows), default=0)
    for role, index in mapping.items():
        if index is not None and index >= widest and columns.get(role, "").isdigit():
            raise InputError(
                f"--columns {role}={columns[role]}: the table has {widest} column{'s' if widest != 1 else ''}"
            )
    day_in_activity = mapping["day"] is None
    chosen_notes = _choose_columns(grid, header_at, mapping, notified) if not columns else []
    rows: list[Row] = []
    unchecked: list[tuple[int, str]] = []
    problems: list[str] = []
    header_cells = [_text(c).lower() for c in grid.rows[header_at][1]]
    while header_cells and not header_cells[-1]:
        header_cells.pop()
    width = max(len(header_cells), *(i + 1 for i in mapping.values() if i is not None))
    first = header_at + 1
    numbered = columns and all(name.isdigit() for name in columns.values())
    if numbered and _reads_as_row(grid, header_at, mapping):
        first, header_cells = header_at, []  # columns named by number, and no header row at all
    for number, all_cells in grid.rows[first:]:
        cells = list(all_cells[:width])  # cells past the header's last column belong to no column
        texts = [_text(c) for c in cells]
        texts += [""] * (width - len(texts))
        repeat = header_cells and [t.lower() for t in texts[: len(header_cells)]] == header_cells
        if not any(texts) or repeat:
            continue
        date_cell = _get(cells, mapping["date"])
        day_cell = _get(cells, mapping["day"])
        activity = _get(cells, mapping.get("activity"))
        if _is_heading(texts):
            continue
        pending = [_text(c) for c in (date_cell, day_cell) if to_be_confirmed(_text(c))]
        if pending:  # "TBC": listed as not checked, not an error
            unchecked.append((number, one_line(pending[0])))
            continue
        if day_in_activity:
            try:
                day_cell = day_label_in_text(_text(activity))
            except InputError as error:
                problems.append(f"{grid.where}, {grid.unit} {number}: {error}")
                continue
            if day_cell is None and _text(date_cell):
                problems.append(
                    f"{grid.where}, {grid.unit} {number}: there is no Day column, and its activity text "
                    "has no '(Day N)' label: add one, or add a Day column"
                )
                continue
        if _text(date_cell) == "" and _text(day_cell) == "":
            problems.append(f"{grid.where}, {grid.unit} {number}: it has no date and no Day")
            continue
        try:
            rows.append(_row(number, date_cell, day_cell, activity, notified))
        except InputError as error:
            hint = ""
            if not columns and str(error).endswith(DAY_HINT):  # a word, not a misread label
                hint = "; if another column holds the Days, name both with --columns date=...,day=..."
            problems.append(f"{grid.where}, {grid.unit} {number}: {error}{hint}")
    if problems:
        more = len(problems) - 1
        tail = f" (and {more} more {grid.unit}{'s' if more != 1 else ''} that cannot be read)" if more else ""
        raise InputError(problems[0] + tail)
    if not rows and not unchecked:
        raise InputError(f"{grid.where} has no rows under its header")
    notes = [*grid.notes, *chosen_notes]
    if day_in_activity:
        name = one_line(_text(_get(grid.rows[header_at][1], mapping.get("activity"))))
        notes.append(
            f"{grid.where} has no Day column: each row's Day is the '(Day N)' label in its "
            f"{quoted(name)} text"
        )
    yearless = sum(row.year_supplied for row in rows)
    if yearless and notified is not None:
        shown = f"{notified:%a} {notified.day} {notified:%b %Y}"
        notes.append(
            f"{grid.where}: {yearless} date{'s give' if yearless != 1 else ' gives'} no year; "
            f"each is read as the first such date on or after Day 1 ({shown})"
        )
    return Timetable(rows, grid.where, grid.unit, notes, unchecked)


def _choose_columns(
    grid: Grid, header_at: int, mapping: dict[str, int | None], notified: date | None
) -> list[str]:
    """Of several columns headed like a date or a Day, the one to read (``readers.columns``):
    a council's "Day" column often holds weekday names, a revised timetable keeps its
    original dates beside the new ones. Notes say what was chosen over what."""
    from inspectcal.readers import columns

    number, header = grid.rows[header_at]
    texts = [one_line(_text(c)) for c in header]
    below = grid.rows[header_at + 1 : header_at + 1 + _DAY_SAMPLE]
    where = f"{grid.where}, {grid.unit} {number}"
    notes = []
    dates = [i for i, t in enumerate(texts) if _DATE_HEADER.search(t)]
    days = [i for i, t in enumerate(texts) if _DAY_HEADER.search(t) and i not in dates]
    for role, candidates, reads, what in (
        ("date", dates, lambda c: _is_date(c, notified), "date"),
        ("day", days, _is_day, "Day"),
    ):
        if mapping[role] is None or len(candidates) < 2:
            continue
        other_role = "day" if role == "date" else "date"
        other_index = mapping[other_role]
        other = f"{other_role}={texts[other_index]}" if other_index is not None else f"{other_role}=..."

        def holds(i: int, reads: Callable[[Cell], bool] = reads) -> int:
            return sum(reads(_get(cells, i)) for _, cells in below)

        chosen, note = columns.choose(texts, candidates, holds, what, where, other)
        if note:
            notes.append(f"{grid.where}: {note}")
        mapping[role] = chosen
        if mapping.get("activity") == chosen:
            mapping["activity"] = None
    return notes


_DAY_SAMPLE = 50  # rows read to choose between Day-like columns


def _is_date(cell: Cell, notified: date | None) -> bool:
    if isinstance(cell, date):
        return True
    if not isinstance(cell, str) or not cell.strip():
        return False
    try:
        parse_typed_range_after(cell, notified or date(2000, 1, 1))
    except InputError:
        return False
    return True


def _is_day(cell: Cell) -> bool:
    if isinstance(cell, bool | datetime | date):
        return False
    if isinstance(cell, int | float):
        return float(cell).is_integer() and cell >= 1
    if not cell:
        return False
    try:
        parse_day_label(cell)
    except InputError:
        return False
    return True


def _reads_as_row(grid: Grid, index: int, mapping: dict[str, int | None]) -> bool:
    number, cells = grid.rows[index]
    try:
        _row(number, _get(cells, mapping["date"]), _get(cells, mapping["day"]), None)
    except InputError:
        return False
    return True


def _is_heading(texts: list[str]) -> bool:
    """One text across the row (merged cells) or in its first cell only, and not a date or Day."""
    filled = [t for t in texts if t]
    if len(set(filled)) != 1 or not (len(filled) == len(texts) or (texts[0] and len(filled) == 1)):
        return False
    for parse in (parse_typed_range, parse_day_label):
        try:
            parse(filled[0])
        except InputError:
            continue
        return False
    return True


def _row(number: int, date_cell: Cell, day_cell: Cell, activity: Cell, notified: date | None = None) -> Row:
    for what, cell in (("date", date_cell), ("Day", day_cell)):
        if isinstance(cell, Uncalculated):
            raise InputError(cell.problem(what))
    if isinstance(date_cell, datetime):
        date_cell = date_cell.date()
    year_supplied = False
    if isinstance(date_cell, date):
        start = end = date_cell
        date_text = date_cell.isoformat()
    elif isinstance(date_cell, int | float):
        raise InputError(f"the date cell holds the number {date_cell:g}, not a date: format it as a date")
    else:
        date_text = _text(date_cell)
        start, end, year_supplied = parse_typed_range_after(date_text, notified)
    if isinstance(day_cell, datetime | date):
        shown = day_cell.strftime("%d/%m/%Y")
        raise InputError(
            f"the Day cell holds the date {shown}, not a Day: a spreadsheet may have turned a label "
            "such as 6-10 into a date; format the Day column as text and type it again"
        )
    if isinstance(day_cell, float) and day_cell.is_integer():
        day_cell = int(day_cell)
    if isinstance(day_cell, int):
        if day_cell < 1:
            raise InputError(f"day {day_cell} is not a Day: Days count from 1")
        days = (day_cell, day_cell)
        day_text = str(day_cell)
    else:
        day_text = _text(day_cell)
        try:
            days = parse_day_label(day_text)
        except InputError as error:
            if _EXCEL_DATE.fullmatch(one_line(day_text)):
                raise InputError(
                    f"{error}: a spreadsheet may have turned a label such as 6-10 into a date; "
                    "format the Day column as text and type it again"
                ) from None
            raise
    return Row(
        number,
        one_line(date_text),
        one_line(day_text),
        one_line(_text(activity)),
        start,
        end,
        days,
        year_supplied,
    )


# What Excel makes of "6-10" typed in a General cell, once saved as CSV: 06-Oct, 6-Oct-10, 06/10/2010.
_EXCEL_DATE = re.compile(r"\d{1,2}[-/ ](?:[A-Za-z]{3}|\d{1,2})(?:[-/ ]\d{2,4})?")


# -- the header ---------------------------------------------------------------------

_DATE_HEADER = re.compile(r"\bdates?\b|\bwhen\b", re.I)
_DAY_HEADER = re.compile(r"\bdays?\b|\bday\s*(?:no|number|#)", re.I)
_ACTIVITY_HEADER = re.compile(
    r"\b(?:activit(?:y|ies)|what|events?|milestones?|tasks?|descriptions?|actions?|details?|items?)\b", re.I
)


_CELLS_SHOWN = 3  # header cells quoted in an error: enough to recognise the row


def _header(grid: Grid, columns: dict[str, str]) -> tuple[int, dict[str, int | None]]:
    """The index of the header row in ``grid.rows`` and each role's column."""
    seen = []
    for index, (number, cells) in enumerate(grid.rows[:_HEADER_SEARCH]):
        texts = [one_line(_text(c)) for c in cells]
        if not any(texts):
            continue
        mapping = _named(texts, columns) if columns else _guessed(texts)
        if mapping is not None:
            return index, mapping
        seen.append((number, texts))
    if not seen:
        raise _NoHeader(f"{grid.where} is empty")
    if not columns and (found := _day_in_activity_header(grid)) is not None:
        return found
    number, texts = seen[0]
    named = [quoted(t, 12) for t in texts if t]
    more = f" and {len(named) - _CELLS_SHOWN} more" if len(named) > _CELLS_SHOWN else ""
    shown = ", ".join(named[:_CELLS_SHOWN]) + more or "nothing"
    if columns:
        wanted = ", ".join(f"{role}={quoted(name)}" for role, name in columns.items())
        raise _NoHeader(
            f"{grid.where}: no header row has the columns {wanted} ({grid.unit} {number} has {shown})"
        )
    has_date = any(_DATE_HEADER.search(t) for t in texts)
    has_day = any(_DAY_HEADER.search(t) and not _DATE_HEADER.search(t) for t in texts)
    missing = [name for name, found in (("date column", has_date), ("Day column", has_day)) if not found]
    raise _NoHeader(
        f"{grid.where}, {grid.unit} {number}: the header needs a date column and a Day column; "
        f"it has {shown}, with no {' and no '.join(missing)}: name them with --columns date=...,day=..."
    )


def _day_in_activity_header(grid: Grid) -> tuple[int, dict[str, int | None]] | None:
    """A header with a date and an activity column but no Day column, over rows whose activity
    text carries the Day as a label, ``... (Day 6-10)``, as councils publish timetables."""
    for index, (_, cells) in enumerate(grid.rows[:_HEADER_SEARCH]):
        texts = [one_line(_text(c)) for c in cells]
        dates = [i for i, t in enumerate(texts) if _DATE_HEADER.search(t)]
        activities = [i for i, t in enumerate(texts) if i not in dates and _ACTIVITY_HEADER.search(t)]
        if not dates or not activities:
            continue
        exact = [i for i in dates if texts[i].lower() in ("date", "dates")]
        below = grid.rows[index + 1 : index + 1 + _DAY_SAMPLE]
        for _, row in below:
            try:
                label = day_label_in_text(_text(_get(row, activities[0])))
            except InputError:
                label = "several"
            if label is not None:
                return index, {"date": (exact or dates)[0], "day": None, "activity": activities[0]}
        return None
    return None


def _guessed(texts: list[str]) -> dict[str, int | None] | None:
    date_columns = [i for i, t in enumerate(texts) if _DATE_HEADER.search(t)]
    day_columns = [i for i, t in enumerate(texts) if _DAY_HEADER.search(t) and i not in date_columns]
    if not date_columns or not day_columns:
        return None
    exact = [i for i in date_columns if texts[i].lower() in ("date", "dates")]
    date_column = (exact or date_columns)[0]
    day_column = day_columns[0]
    activity = [
        i for i, t in enumerate(texts) if i not in (date_column, day_column) and _ACTIVITY_HEADER.search(t)
    ]
    return {"date": date_column, "day": day_column, "activity": activity[0] if activity else None}


def _named(texts: list[str], columns: dict[str, str]) -> dict[str, int | None] | None:
    mapping: dict[str, int | None] = {"activity": None}
    lowered = [t.lower() for t in texts]
    for role, name in columns.items():
        if name.isdigit():
            mapping[role] = int(name) - 1
            continue
        if one_line(name).lower() not in lowered:
            return None
        mapping[role] = lowered.index(one_line(name).lower())
    return mapping


# -- cells --------------------------------------------------------------------------


def _get(cells: Sequence[Cell], index: int | None) -> Cell:
    if index is None or index >= len(cells):
        return None
    return cells[index]


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float):
        return f"{cell:g}"
    return str(cell).strip()
