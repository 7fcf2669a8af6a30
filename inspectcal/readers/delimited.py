"""CSV and text exports, as Excel and Word make them, as a grid of cell text.

- Encodings: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's "Unicode
  text"), else Windows-1252 (Excel's "CSV" in the UK), with a note saying it was assumed.
- Delimiters: comma, semicolon or tab, whichever the header line holds most of; Excel's
  ``sep=;`` first line names it outright.
- Cells in quotes may hold delimiters and line breaks; rows are numbered by the line each
  starts on. A quote that is never closed, or a quoted cell over ``MAX_CELL_LINES`` lines or
  whose lines read as rows of the table, is an error naming the line where the cell starts:
  a stray quote would otherwise swallow the rows after it into one cell.
"""

from __future__ import annotations

import csv
import io
import re

from inspectcal.errors import InputError
from inspectcal.readers.base import BOMS, at, decode
from inspectcal.readers.grid import MAX_ROWS, Cell, Grid

_DELIMITERS = (",", ";", "\t")
MAX_CELL_LINES = 20  # lines one quoted cell may span: an activity of a few paragraphs
_BREAK = re.compile(r"\r\n|\r|\n")


def grid(data: bytes, where: str) -> tuple[Grid, list[str]]:
    """The rows of a delimited text, and notes on what was assumed to read it."""
    notes = []
    if not data.startswith(tuple(mark for mark, _ in BOMS)) and _utf16_without_mark(data):
        raise InputError(
            f"{where} looks like UTF-16 text without a byte-order mark: save it from Excel as "
            "Unicode text or as CSV UTF-8"
        )
    if not data.startswith(tuple(mark for mark, _ in BOMS)):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            notes.append(
                f"{where} is not UTF-8: read it as Windows-1252 (cp1252), as Excel saves CSV "
                "in the UK; check its dashes and accents, or save it as CSV UTF-8"
            )
    text = decode(data, where, fallback="cp1252", boms=BOMS)
    from inspectcal.readers import markdown

    if markdown.is_table(text):
        return markdown.grid(text, where), notes
    offset = 0
    first, _, rest = text.partition("\n")
    sep = first.strip().lower()
    if sep.startswith("sep=") and len(first.strip()) == 5:
        delimiter = first.strip()[4]
        text, offset = rest, 1
    else:
        header = next((line for line in text.splitlines() if line.strip()), "")
        counts = {d: header.count(d) for d in _DELIMITERS}
        delimiter = max(_DELIMITERS, key=lambda d: counts[d])  # ties: comma first
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[Cell]]] = []
    start = 1
    columns = 0  # cells in the first row (the header)
    try:
        for record in reader:
            if len(rows) >= MAX_ROWS:
                raise InputError(f"{where} has over {MAX_ROWS:,} rows: is it the right file?")
            _check_quoted_cells(record, start, columns, delimiter, where, offset)
            columns = columns or len(record)
            rows.append((start + offset, list(record)))
            start = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            line = start + offset + _cell_line(_from_line(text, start), delimiter)
            raise InputError(_unclosed(where, line)) from None
        raise InputError(f"{at(where, start + offset)}: not readable as CSV ({error})") from None
    return Grid(where, "line", rows), notes


def _unclosed(where: str, line: int) -> str:
    return (
        f'{at(where, line)}: a cell opens a quote (") that is never closed, so every line after it '
        "would be read as that one cell: remove the stray quote, or close it "
        '(a quote inside a cell is typed "")'
    )


def _check_quoted_cells(
    record: list[str], start: int, columns: int, delimiter: str, where: str, offset: int
) -> None:
    """A quoted cell across more lines than a cell holds, or whose lines read as rows of the
    table (as many delimiters as the header), is a stray quote closed by another one far below."""
    line = start + offset
    for cell in record:
        lines = _BREAK.split(cell)
        if len(lines) > 1:
            row_like = sum(1 for text in lines[1:] if _looks_like_row(text, columns, delimiter))
            if len(lines) > MAX_CELL_LINES or row_like >= 2:
                raise InputError(
                    f"{at(where, line)}: a quoted cell runs over {len(lines)} lines"
                    + (f", {row_like} of them laid out like rows of the table" if row_like >= 2 else "")
                    + ': is a quote (") stray or not closed? Remove it, or type a quote inside a cell as ""'
                )
        line += len(lines) - 1


# The start of a row: a date (22/02/2010, 2010-02-22, 22 Feb, Mon 22 ...) before the first delimiter.
_ROW_START = re.compile(r'\s*"?\s*(?:\d{1,2}[/.\- ]|\d{4}-|(?:mon|tue|wed|thu|fri)[a-z]*\.?\s+\d)', re.I)


def _looks_like_row(line: str, columns: int, delimiter: str) -> bool:
    """A line inside a quoted cell that is laid out like a row of the table: as many delimiters
    as the header, and a date before the first (prose with commas rarely starts with a date)."""
    return columns > 1 and line.count(delimiter) >= columns - 1 and _ROW_START.match(line) is not None


def _from_line(text: str, start: int) -> str:
    """The text from line ``start`` (1-based) on: the record that holds the unclosed quote."""
    matches = list(_BREAK.finditer(text))
    return text[matches[start - 2].end() :] if start >= 2 and len(matches) >= start - 1 else text


def _cell_line(record_text: str, delimiter: str) -> int:
    """How many lines into ``record_text`` the cell whose quote is never closed starts."""
    quoting = closed = False  # inside quotes; a quote just closed them (or is half of "")
    line = opened_at = 0
    at_cell_start = True
    tokens = r"\r\n|\r|\n|\"|" + re.escape(delimiter) + '|[^"\r\n' + re.escape(delimiter) + "]+"
    for match in re.finditer(tokens, record_text):
        token = match.group()
        if token == '"':
            if quoting:
                quoting, closed = False, True
            elif closed:  # the second quote of "": still inside the cell's quotes
                quoting, closed = True, False
            elif at_cell_start:
                quoting, opened_at = True, line
            at_cell_start = False
            continue
        closed = False
        if token in ("\r\n", "\r", "\n"):
            line += 1
            at_cell_start = not quoting
        else:
            at_cell_start = token == delimiter and not quoting
    return opened_at


def _utf16_without_mark(data: bytes) -> bool:
    """Mostly-ASCII UTF-16: every other byte is NUL."""
    sample = data[:4000]
    half = len(sample) // 2
    return half >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) > half * 0.9
