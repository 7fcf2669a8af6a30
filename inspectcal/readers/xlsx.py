"""A sheet of an Excel workbook (.xlsx), as a grid of cell values (openpyxl, read-only).

Call only after ``readers.office.office_kind`` has vetted the bytes (sizes, encryption).
Date cells come back as dates, numbers as numbers, text as typed; formulas give the value
Excel last computed. A merged range gives its value to every cell it covers, as Excel
shows it. Hidden rows and columns (hidden, in a collapsed group, or of zero height or width)
are left out, and the note says which. Reading stops at ``MAX_ROWS`` rows and
``MAX_COLUMNS`` columns.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inspectcal.errors import InputError, quoted
from inspectcal.readers.grid import MAX_ROWS, Cell, Grid, Uncalculated
from inspectcal.shims import sheet_parts

MAX_COLUMNS = 100
_MAX_MERGES = 10_000
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_MERGE_TAG = f"{_MAIN}mergeCell"
_CELL_TAG, _FORMULA_TAG, _INLINE_TAG = f"{_MAIN}c", f"{_MAIN}f", f"{_MAIN}is"
_ROW_TAG, _COLUMN_TAG = f"{_MAIN}row", f"{_MAIN}col"
_VALUE_TAGS = (f"{_MAIN}v", _INLINE_TAG)


def grid(data: bytes, where: str, sheet_name: str | None) -> tuple[Grid, str]:
    """The sheet Excel opens on (the active sheet, or else the first visible one), or the one
    named (case does not matter), and a note saying which sheet was read; rows numbered as in
    Excel. A hidden sheet is read only when named, and the note says it is hidden."""
    try:
        return _grid(data, where, sheet_name)
    except (InputError, MemoryError):
        raise
    except Exception as error:  # openpyxl fails in many ways on a damaged file: say so, once
        raise InputError(
            f"{where} cannot be read as an Excel workbook ({type(error).__name__}): is it damaged?"
        ) from None


def _grid(data: bytes, where: str, sheet_name: str | None) -> tuple[Grid, str]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = book.worksheets
        if not sheets:
            raise InputError(f"{where} has no worksheet")
        if sheet_name is None:
            sheet, chart = _opening_sheet(book, sheets, where)
        else:
            named = [s for s in sheets if s.title.casefold() == sheet_name.strip().casefold()]
            if not named:
                titles = ", ".join(quoted(s.title) for s in sheets)
                raise InputError(f"--sheet {quoted(sheet_name)}: {where} has no such sheet (it has {titles})")
            sheet = named[0]
        sheet_where = f"{where}, sheet {quoted(sheet.title)}"
        note = _sheet_note(sheet, sheets, where, named=sheet_name is not None)
        if sheet_name is None and chart is not None:
            note = (
                f"{where} opens on the chart sheet {quoted(chart)}; read sheet {quoted(sheet.title)}, "
                "its first visible worksheet (--sheet NAME reads another)"
            )
        rows: list[tuple[int, list[Cell]]] = []
        values = sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
        for number, row in enumerate(values, start=1):
            cells = [_cell(value) for value in row]
            if number > MAX_ROWS:
                if any(c is not None and c != "" for c in cells):
                    raise InputError(f"{sheet_where} has over {MAX_ROWS:,} rows: is it the right sheet?")
                break
            rows.append((number, cells))
        title = sheet.title
    finally:
        book.close()
    facts = _sheet_facts(data, title, sheet_where)
    _mark_uncalculated(rows, facts.uncalculated)
    _fill_merged(rows, facts.merged)
    rows, hidden = _shown(rows, facts)
    while rows and not any(c is not None and c != "" for c in rows[-1][1]):
        rows.pop()
    notes = (f"{sheet_where}: not read, as Excel does not show it: {hidden}",) if hidden else ()
    return Grid(sheet_where, "row", rows, notes), note


def _shown(rows: list[tuple[int, list[Cell]]], facts: _Facts) -> tuple[list[tuple[int, list[Cell]]], str]:
    """The rows and cells Excel shows, and what was left out, said for a note ("" for nothing)."""
    from openpyxl.utils.cell import get_column_letter

    filled = [(n, c) for n, c in rows if n in facts.hidden_rows and any(x is not None and x != "" for x in c)]
    shown = [(n, c) for n, c in rows if n not in facts.hidden_rows]
    columns = sorted(
        i for i in facts.hidden_columns if any(i <= len(c) and c[i - 1] not in (None, "") for _, c in shown)
    )
    for _, cells in shown:
        for index in columns:
            if index <= len(cells):
                cells[index - 1] = None
    parts = []
    if filled:
        listed = ", ".join(str(n) for n, _ in filled[:10]) + (
            f" and {len(filled) - 10} more" if len(filled) > 10 else ""
        )
        parts.append(f"hidden row{'s' if len(filled) != 1 else ''} {listed}")
    if columns:
        letters = ", ".join(get_column_letter(i) for i in columns)
        parts.append(f"hidden column{'s' if len(columns) != 1 else ''} {letters}")
    return shown, " and ".join(parts)


def _visible(sheet: Any) -> bool:
    return getattr(sheet, "sheet_state", "visible") == "visible"


def _opening_sheet(book: Any, sheets: list[Any], where: str) -> tuple[Any, str | None]:
    """The worksheet Excel shows on opening: the active one if visible, else the first visible
    one; and the title of the chart sheet it opens on, if it does (a chart has no cells)."""
    try:
        active = book.active
    except (IndexError, AttributeError):
        active = None
    if active is not None and _visible(active) and active in sheets:
        return active, None
    chart = str(active.title) if active is not None and active not in sheets and _visible(active) else None
    visible = [s for s in sheets if _visible(s)]
    if not visible:
        raise InputError(f"{where} has no visible sheet: name the one to read with --sheet NAME")
    return visible[0], chart


def _sheet_note(sheet: Any, sheets: list[Any], where: str, *, named: bool) -> str:
    title = quoted(sheet.title)
    if named:
        hidden = "" if _visible(sheet) else " (a hidden sheet: Excel does not show it)"
        return f"{where}: read sheet {title}, as --sheet asks{hidden}"
    if len(sheets) == 1:
        return f"{where}: read sheet {title}, its only sheet"
    return f"{where}: read sheet {title}, the one Excel opens on (--sheet NAME reads another)"


def _cell(value: Any) -> Cell:
    if value is None or (isinstance(value, str | int | float | date) and not isinstance(value, bool)):
        return value
    return str(value)


@dataclass
class _Facts:
    """What openpyxl's read-only mode does not give, read from the sheet's XML in a stream."""

    merged: list[str] = field(default_factory=list)  # A1:C1 refs
    uncalculated: list[tuple[str, str]] = field(default_factory=list)  # (ref, formula)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)  # 1-based


def _flag(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("1", "true")


def _zero(value: str | None) -> bool:
    try:
        return value is not None and float(value) == 0
    except ValueError:
        return False


def _sheet_facts(data: bytes, title: str, where: str) -> _Facts:
    """Read in a stream from the XML of the sheet ``title``: the ``A1:C1`` refs of its merged
    cells; the ``(ref, formula)`` of each formula cell with no value saved (a workbook written by a
    program that does not calculate, such as openpyxl), which ``data_only`` reads as empty; and
    its hidden rows and columns (hidden, collapsed into a group, or of zero height or width),
    which read-only mode does not load."""
    from xml.etree.ElementTree import ParseError, iterparse

    facts = _Facts()
    formula: str | None = None
    valued = False
    try:
        with (
            zipfile.ZipFile(io.BytesIO(data)) as archive,
            archive.open(_sheet_part(archive, title)) as source,
        ):
            for _, element in iterparse(source):
                tag = element.tag
                if tag == _MERGE_TAG:
                    facts.merged.append(element.get("ref", ""))
                    if len(facts.merged) > _MAX_MERGES:
                        raise InputError(
                            f"{where} has over {_MAX_MERGES:,} merged ranges: is it the right sheet?"
                        )
                elif tag == _FORMULA_TAG:
                    formula = "=" + (element.text or "")
                elif tag in _VALUE_TAGS:
                    valued = valued or bool(element.text) or tag == _INLINE_TAG
                elif tag == _CELL_TAG:
                    if formula is not None and not valued and len(facts.uncalculated) < MAX_ROWS:
                        facts.uncalculated.append((element.get("r", ""), formula))
                    formula, valued = None, False
                elif tag == _ROW_TAG:
                    _hidden_row(element, facts)
                elif tag == _COLUMN_TAG:
                    _hidden_columns(element, facts)
                element.clear()
    except (KeyError, ParseError, zipfile.BadZipFile, NotImplementedError) as error:
        raise InputError(
            f"{where} cannot be read ({type(error).__name__}): is the workbook damaged?"
        ) from None
    return facts


def _hidden_row(element: Any, facts: _Facts) -> None:
    height = element.get("ht")
    if _flag(element.get("hidden")) or _zero(height):
        number = element.get("r", "")
        if number.isdigit() and int(number) <= MAX_ROWS:
            facts.hidden_rows.add(int(number))


def _hidden_columns(element: Any, facts: _Facts) -> None:
    if not (
        _flag(element.get("hidden")) or (_flag(element.get("customWidth")) and _zero(element.get("width")))
    ):
        return
    first, last = element.get("min", ""), element.get("max", "")
    if first.isdigit() and last.isdigit():
        facts.hidden_columns.update(range(int(first), min(int(last), MAX_COLUMNS) + 1))


def _sheet_part(archive: zipfile.ZipFile, title: str) -> str:
    """The XML part of the sheet openpyxl read as ``title`` (a KeyError when there is none)."""
    return sheet_parts(archive)[title].lstrip("/")


def _mark_uncalculated(rows: list[tuple[int, list[Cell]]], cells: list[tuple[str, str]]) -> None:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    for ref, formula in cells:
        try:
            letters, row = coordinate_from_string(ref)
            column = column_index_from_string(letters)
        except (ValueError, TypeError):
            continue
        if not 1 <= row <= len(rows) or column > MAX_COLUMNS:
            continue
        values = rows[row - 1][1]
        values.extend([None] * (column - len(values)))
        if values[column - 1] is None:
            values[column - 1] = Uncalculated(formula)


def _fill_merged(rows: list[tuple[int, list[Cell]]], refs: list[str]) -> None:
    from openpyxl.utils.cell import range_boundaries

    for ref in refs:
        try:
            first_col, first_row, last_col, last_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue  # a malformed merge: its cells keep the values they hold
        if first_col is None or first_row is None or first_row > len(rows):
            continue
        last_row = min(last_row or first_row, len(rows))
        last_col = min(last_col or first_col, MAX_COLUMNS)
        anchor = rows[first_row - 1][1]
        value = anchor[first_col - 1] if first_col <= len(anchor) else None
        for index in range(first_row - 1, last_row):
            cells = rows[index][1]
            for column in range(first_col - 1, min(last_col, len(cells))):
                cells[column] = value
