"""A sheet of an Excel workbook (.xlsx), as a grid of cell values (openpyxl, read-only).

Call only after ``readers.office.office_kind`` has vetted the bytes (sizes, encryption).
Date cells come back as dates, numbers as numbers, text as typed; formulas give the value
Excel last computed. A merged range gives its value to every cell it covers, as Excel
shows it. Reading stops at ``MAX_ROWS`` rows and ``MAX_COLUMNS`` columns.
"""

from __future__ import annotations

import io
import zipfile
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
            sheet = _opening_sheet(book, sheets, where)
        else:
            named = [s for s in sheets if s.title.casefold() == sheet_name.strip().casefold()]
            if not named:
                titles = ", ".join(quoted(s.title) for s in sheets)
                raise InputError(f"--sheet {quoted(sheet_name)}: {where} has no such sheet (it has {titles})")
            sheet = named[0]
        sheet_where = f"{where}, sheet {quoted(sheet.title)}"
        note = _sheet_note(sheet, sheets, where, named=sheet_name is not None)
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
    merged, uncalculated = _sheet_facts(data, title, sheet_where)
    _mark_uncalculated(rows, uncalculated)
    _fill_merged(rows, merged)
    while rows and not any(c is not None and c != "" for c in rows[-1][1]):
        rows.pop()
    return Grid(sheet_where, "row", rows), note


def _visible(sheet: Any) -> bool:
    return getattr(sheet, "sheet_state", "visible") == "visible"


def _opening_sheet(book: Any, sheets: list[Any], where: str) -> Any:
    """The sheet Excel shows on opening: the active one if visible, else the first visible one."""
    try:
        active = book.active
    except (IndexError, AttributeError):
        active = None
    if active is not None and _visible(active):
        return active
    visible = [s for s in sheets if _visible(s)]
    if not visible:
        raise InputError(f"{where} has no visible sheet: name the one to read with --sheet NAME")
    return visible[0]


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


def _sheet_facts(data: bytes, title: str, where: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Read in a stream from the XML of the sheet ``title``: the ``A1:C1`` refs of its merged
    cells, and the ``(ref, formula)`` of each formula cell with no value saved (a workbook written by a
    program that does not calculate, such as openpyxl), which ``data_only`` reads as empty."""
    from xml.etree.ElementTree import ParseError, iterparse

    refs: list[str] = []
    uncalculated: list[tuple[str, str]] = []
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
                    refs.append(element.get("ref", ""))
                    if len(refs) > _MAX_MERGES:
                        raise InputError(
                            f"{where} has over {_MAX_MERGES:,} merged ranges: is it the right sheet?"
                        )
                elif tag == _FORMULA_TAG:
                    formula = "=" + (element.text or "")
                elif tag in _VALUE_TAGS:
                    valued = valued or bool(element.text) or tag == _INLINE_TAG
                elif tag == _CELL_TAG:
                    if formula is not None and not valued and len(uncalculated) < MAX_ROWS:
                        uncalculated.append((element.get("r", ""), formula))
                    formula, valued = None, False
                element.clear()
    except (KeyError, ParseError, zipfile.BadZipFile, NotImplementedError) as error:
        raise InputError(
            f"{where} cannot be read ({type(error).__name__}): is the workbook damaged?"
        ) from None
    return refs, uncalculated


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
