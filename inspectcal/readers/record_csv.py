"""A record of inspections as CSV (``local_authority, framework, onsite_start, onsite_end,
published``), as ``inspectcal.record`` measures it. Errors name the file and line.

An area SEND record has no framework column (``local_authority, onsite_start, onsite_end,
published, report``): its rows are all of the framework ``area-send``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from inspectcal.errors import InputError, quoted

COLUMNS = ("local_authority", "framework", "onsite_start", "onsite_end", "published")
AREA_SEND = "area-send"  # the framework of every row of a record without a framework column
MAX_RECORD_BYTES = 20_000_000
_MAX_ROWS = 100_000


class RecordRow(NamedTuple):
    line: int
    authority: str
    kind: str  # the record's framework column ("standard" or "short"), or AREA_SEND
    onsite_start: date
    onsite_end: date
    published: date


def read_record_csv(path: Path) -> list[RecordRow]:
    """The rows of a record CSV (``-``: stdin); errors name the file and line."""
    from inspectcal.readers.base import named, read_text

    text = read_text(path, "record", limit=MAX_RECORD_BYTES)
    return parse_record_csv(text, named("record", path))


def parse_record_csv(text: str, where: str) -> list[RecordRow]:
    """Rows from CSV text; ``where`` names it in errors ("record x.csv")."""
    import csv  # deferred, as only the record command reads a CSV
    import io

    reader = csv.reader(io.StringIO(text))
    rows: list[RecordRow] = []
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        one_framework = "framework" not in header and "local_authority" in header
        columns = tuple(c for c in COLUMNS if c != "framework") if one_framework else COLUMNS
        missing = [column for column in columns if column not in header]
        if missing:
            raise InputError(
                f"{where}, line 1: the header needs the columns {', '.join(columns)} "
                f"(missing: {', '.join(missing)})"
            )
        place = {column: header.index(column) for column in columns}
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= _MAX_ROWS:
                raise InputError(f"{where} has over {_MAX_ROWS:,} rows: is it the right file?")
            if len(cells) < len(header):
                raise InputError(f"{where}, line {line}: expected {len(header)} cells, found {len(cells)}")
            value = {column: cells[index].strip() for column, index in place.items()}
            dates = []
            for column in ("onsite_start", "onsite_end", "published"):
                try:
                    dates.append(date.fromisoformat(value[column]))
                except ValueError:
                    raise InputError(
                        f"{where}, line {line}: {column} {quoted(value[column])} "
                        "is not a date like 2024-06-07"
                    ) from None
            start, end, published = dates
            if not start <= end < published:
                raise InputError(
                    f"{where}, line {line}: the dates must run onsite_start <= onsite_end < published, "
                    f"not {start.isoformat()}, {end.isoformat()}, {published.isoformat()}"
                )
            kind = AREA_SEND if one_framework else value["framework"].lower()
            if not kind:
                raise InputError(
                    f"{where}, line {line}: the framework cell is empty (e.g. standard or short)"
                )
            rows.append(RecordRow(line, value["local_authority"], kind, start, end, published))
    except csv.Error as error:
        raise InputError(f"{where}, line {reader.line_num}: not readable as CSV ({error})") from None
    if not rows:
        raise InputError(f"{where} has no rows below its header")
    return rows
