"""The tables of a Word document (.docx), as grids of cell text (python-docx).

Call only after ``readers.office.office_kind`` has vetted the bytes (sizes, encryption).
Cells read as Word shows them:

- merged cells: a cell merged across columns or down rows gives its text to every grid
  position it covers; a cell's paragraphs are its lines;
- content controls (``w:sdt``: repeating sections, date pickers, plain text) and custom XML
  (``w:customXml``) and smart tags around rows, cells, paragraphs or runs are read through,
  nested too;
- tracked insertions are read, tracked deletions (of text or of a whole row) are not;
- hidden text (Font > Hidden: ``w:vanish`` or ``w:specVanish``, on the run, or from its
  character or paragraph style) is left out, and the grid's notes say in which rows.

At most ``MAX_ROWS`` rows and ``MAX_COLUMNS`` columns are read, in time linear in the table.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
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

    document = Document(io.BytesIO(data))
    tags = _Tags(qn, _hidden_styles(document))
    result = []
    body = document.element.body
    table_tag = qn("w:tbl")
    # Every table Word shows in the body, in order (also inside content controls and text boxes),
    # but not a table nested in another table's cell.
    tables = [t for t in body.iter(table_tag) if next(t.iterancestors(table_tag), None) is None]
    for number, tbl in enumerate(tables, start=1):
        table_where = f"{where}, table {number}"
        rows: list[tuple[int, list[Cell]]] = []
        hidden_in: list[int] = []
        above: list[Cell] = []
        row_number = 0
        for tr in tags.children(tbl, tags.row):
            if tags.deleted_row(tr):
                continue  # a tracked deletion of the whole row: Word's final view does not show it
            row_number += 1
            if row_number > MAX_ROWS:
                raise InputError(f"{table_where} has over {MAX_ROWS:,} rows: is it the right table?")
            cells: list[Cell] = [None] * min(tr.grid_before, MAX_COLUMNS)
            hid = False
            for tc in tags.children(tr, tags.cell):
                if len(cells) >= MAX_COLUMNS:
                    break
                column = len(cells)
                if tc.vMerge == "continue":  # merged with the cell above: Word shows its text
                    text = above[column] if column < len(above) else None
                else:
                    lines = [_paragraph_text(p, tags) for p in tags.children(tc, tags.paragraph)]
                    hid = hid or any(hidden for _, hidden in lines)
                    text = "\n".join(line for line, _ in lines)
                cells += [text] * max(1, min(tc.grid_span, MAX_COLUMNS - column))
            if hid:
                hidden_in.append(row_number)
            rows.append((row_number, cells))
            above = cells
        notes = (_hidden_note(table_where, hidden_in),) if hidden_in else ()
        result.append(Grid(table_where, "row", rows, notes))
    return result


def _hidden_note(where: str, rows: list[int]) -> str:
    listed = ", ".join(str(r) for r in rows[:10]) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")
    plural = "s" if len(rows) != 1 else ""
    return f"{where}: text hidden in Word (Font > Hidden) was not read, in row{plural} {listed}"


def _hidden_styles(document: Any) -> dict[str, bool]:
    """Each style's hidden setting (Font > Hidden), through the styles it is based on; a style
    that says nothing either way is left out."""
    found: dict[str, bool] = {}
    for style in document.styles:
        current, steps = style, 0
        while current is not None and steps < 20:  # a loop of base styles is damage: give up
            font = getattr(current, "font", None)
            if font is None:
                break
            if font.hidden is not None:
                found[str(style.style_id)] = bool(font.hidden)
                break
            current, steps = current.base_style, steps + 1
    return found


class _Tags:
    def __init__(self, qn: Any, hidden_styles: dict[str, bool]) -> None:
        self.text = {
            qn("w:t"): None,
            qn("w:tab"): "\t",
            qn("w:br"): "\n",
            qn("w:cr"): "\n",
            qn("w:noBreakHyphen"): "-",
        }
        self.removed = (qn("w:del"), qn("w:moveFrom"))
        # Elements that wrap rows, cells, paragraphs or runs without changing what Word shows.
        self.wrappers = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")}
        self.row, self.cell, self.paragraph, self.run = qn("w:tr"), qn("w:tc"), qn("w:p"), qn("w:r")
        self.run_properties, self.paragraph_properties = qn("w:rPr"), qn("w:pPr")
        self.vanish, self.spec_vanish = qn("w:vanish"), qn("w:specVanish")
        self.run_style, self.paragraph_style = qn("w:rStyle"), qn("w:pStyle")
        self.row_properties, self.deleted = qn("w:trPr"), qn("w:del")
        self.val = qn("w:val")
        self.hidden_styles = hidden_styles

    def children(self, parent: Any, tag: str) -> Iterator[Any]:
        """``parent``'s children with ``tag``, also those inside content controls and custom XML."""
        for child in parent.iterchildren():
            if child.tag == tag:
                yield child
            elif child.tag in self.wrappers:
                yield from self.children(child, tag)

    def deleted_row(self, tr: Any) -> bool:
        properties = tr.find(self.row_properties)
        return properties is not None and properties.find(self.deleted) is not None

    def _on(self, element: Any) -> bool | None:
        if element is None:
            return None
        return element.get(self.val, "true").lower() not in ("0", "false", "off")

    def hidden(self, element: Any, paragraph_hidden: bool) -> bool:
        """Is the run holding this text hidden? Its own setting first, then its character
        style's, then its paragraph's style's (Word's order)."""
        run = element.getparent()
        if run is None or run.tag != self.run:
            return paragraph_hidden
        properties = run.find(self.run_properties)
        if properties is not None:
            if properties.find(self.spec_vanish) is not None:
                return True
            direct = self._on(properties.find(self.vanish))
            if direct is not None:
                return direct
            style = properties.find(self.run_style)
            by_style = self.hidden_styles.get(style.get(self.val, "")) if style is not None else None
            if by_style is not None:
                return by_style
        return paragraph_hidden

    def paragraph_hidden(self, paragraph: Any) -> bool:
        properties = paragraph.find(self.paragraph_properties)
        style = properties.find(self.paragraph_style) if properties is not None else None
        return style is not None and self.hidden_styles.get(style.get(self.val, ""), False)


def _paragraph_text(paragraph: Any, tags: _Tags) -> tuple[str, bool]:
    """The text Word shows, and whether any text was left out as hidden: tracked insertions,
    content controls and fields included, tracked deletions and hidden text left out
    (python-docx's own ``text`` reads only plain runs and links)."""
    parts = []
    left_out = False
    by_style = tags.paragraph_hidden(paragraph)
    for element in paragraph.iter(*tags.text):
        if next(element.iterancestors(*tags.removed), None) is not None:
            continue
        if tags.hidden(element, by_style):
            left_out = left_out or bool((element.text or "").strip())
            continue
        fixed = tags.text[element.tag]
        parts.append(element.text or "" if fixed is None else fixed)
    return "".join(parts), left_out
