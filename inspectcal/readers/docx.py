"""The tables of a Word document (.docx), as grids of cell text (python-docx).

Call only after ``readers.office.office_kind`` has vetted the bytes (sizes, encryption).
Merged cells read as Word shows them: a cell merged across columns or down rows gives its
text to every grid position it covers; a cell's paragraphs are its lines. At most
``MAX_ROWS`` rows and ``MAX_COLUMNS`` columns are read, in time linear in the table.
"""

from __future__ import annotations

import io
from typing import Any

from inspectcal.errors import InputError
from inspectcal.readers.grid import MAX_ROWS, Cell, Grid

MAX_COLUMNS = 100


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
    """Walk the table XML once: python-docx's own cell lookup for vertically merged cells
    looks upward cell by cell, which takes time quadratic in the rows."""
    from docx import Document
    from docx.oxml.ns import qn

    tags = _Tags(qn)
    result = []
    body = Document(io.BytesIO(data)).element.body
    table_tag = qn("w:tbl")
    # Every table Word shows in the body, in order (also inside content controls and text boxes),
    # but not a table nested in another table's cell.
    tables = [t for t in body.iter(table_tag) if next(t.iterancestors(table_tag), None) is None]
    for number, tbl in enumerate(tables, start=1):
        table_where = f"{where}, table {number}"
        rows: list[tuple[int, list[Cell]]] = []
        above: list[Cell] = []
        for row_number, tr in enumerate(tbl.iterchildren(qn("w:tr")), start=1):
            if row_number > MAX_ROWS:
                raise InputError(f"{table_where} has over {MAX_ROWS:,} rows: is it the right table?")
            cells: list[Cell] = [None] * min(tr.grid_before, MAX_COLUMNS)
            for tc in tr.iterchildren(qn("w:tc")):
                if len(cells) >= MAX_COLUMNS:
                    break
                column = len(cells)
                if tc.vMerge == "continue":  # merged with the cell above: Word shows its text
                    text = above[column] if column < len(above) else None
                else:
                    text = "\n".join(_paragraph_text(p, tags) for p in tc.p_lst)
                cells += [text] * max(1, min(tc.grid_span, MAX_COLUMNS - column))
            rows.append((row_number, cells))
            above = cells
        result.append(Grid(table_where, "row", rows))
    return result


class _Tags:
    def __init__(self, qn: Any) -> None:
        self.text = {
            qn("w:t"): None,
            qn("w:tab"): "\t",
            qn("w:br"): "\n",
            qn("w:cr"): "\n",
            qn("w:noBreakHyphen"): "-",
        }
        self.removed = (qn("w:del"), qn("w:moveFrom"))
        self.run = qn("w:r")
        self.vanish = f"{qn('w:rPr')}/{qn('w:vanish')}"
        self.val = qn("w:val")

    def hidden(self, element: Any) -> bool:
        """Is the run holding this text hidden (Font > Hidden, ``w:vanish``)? Word does not show it."""
        run = element.getparent()
        if run is None or run.tag != self.run:
            return False
        vanish = run.find(self.vanish)
        return vanish is not None and vanish.get(self.val, "true").lower() not in ("0", "false", "off")


def _paragraph_text(paragraph: Any, tags: _Tags) -> str:
    """The text Word shows: tracked insertions, content controls and fields included, tracked
    deletions and hidden text left out (python-docx's own ``text`` reads only plain runs and links)."""
    parts = []
    for element in paragraph.iter(*tags.text):
        if next(element.iterancestors(*tags.removed), None) is not None or tags.hidden(element):
            continue
        fixed = tags.text[element.tag]
        parts.append(element.text or "" if fixed is None else fixed)
    return "".join(parts)
