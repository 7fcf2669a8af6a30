"""The tables of a Word document (.docx), as grids of cell text (python-docx).

Call only after ``readers.office.office_kind`` has vetted the bytes (sizes, encryption).
Merged cells read as Word shows them: a cell merged across columns or down rows gives its
text to every grid position it covers; a cell's paragraphs are its lines.
"""

from __future__ import annotations

import io

from inspectcal.errors import InputError
from inspectcal.readers.timetable import MAX_ROWS, Cell, Grid


def grids(data: bytes, where: str) -> list[Grid]:
    """One grid per top-level table, in document order; rows numbered from 1 (the header)."""
    try:
        return _grids(data, where)
    except (InputError, MemoryError):
        raise
    except Exception as error:  # python-docx fails in many ways on a damaged file: say so, once
        raise InputError(
            f"{where} cannot be read as a Word document ({type(error).__name__}): is it damaged?"
        ) from None


def _grids(data: bytes, where: str) -> list[Grid]:
    from docx import Document

    result = []
    for number, table in enumerate(Document(io.BytesIO(data)).tables, start=1):
        table_where = f"{where}, table {number}"
        rows: list[tuple[int, list[Cell]]] = []
        for row_number, row in enumerate(table.rows, start=1):
            if row_number > MAX_ROWS:
                raise InputError(f"{table_where} has over {MAX_ROWS:,} rows: is it the right table?")
            cells: list[Cell] = [None] * row.grid_cols_before
            cells += [cell.text for cell in row.cells]
            rows.append((row_number, cells))
        result.append(Grid(table_where, "row", rows))
    return result
