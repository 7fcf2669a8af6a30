"""CSV and text exports, as Excel and Word make them, as a grid of cell text.

- Encodings: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's "Unicode
  text"), else Windows-1252 (Excel's "CSV" in the UK), with a note saying it was assumed.
- Delimiters: comma, semicolon or tab, whichever the header line holds most of; Excel's
  ``sep=;`` first line names it outright.
- Cells in quotes may hold delimiters and line breaks; rows are numbered by the line each
  starts on.
"""

from __future__ import annotations

import csv
import io

from inspectcal.errors import InputError
from inspectcal.readers.base import BOMS, at, decode
from inspectcal.readers.grid import MAX_ROWS, Cell, Grid

_DELIMITERS = (",", ";", "\t")


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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    start = 1
    try:
        for record in reader:
            if len(rows) >= MAX_ROWS:
                raise InputError(f"{where} has over {MAX_ROWS:,} rows: is it the right file?")
            rows.append((start + offset, list(record)))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{at(where, start + offset)}: not readable as CSV ({error})") from None
    return Grid(where, "line", rows), notes


def _utf16_without_mark(data: bytes) -> bool:
    """Mostly-ASCII UTF-16: every other byte is NUL."""
    sample = data[:4000]
    half = len(sample) // 2
    return half >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) > half * 0.9
