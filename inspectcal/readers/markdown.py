"""A Markdown table (GitHub's pipe tables, as ``plan --format markdown`` writes), as a grid.

Only the table's lines are rows, numbered by their line in the file; the line of dashes under
the header is left out, and so is any text around the table. ``\\|`` is a pipe inside a cell,
and a backslash before any other punctuation shows it as itself (CommonMark).
"""

from __future__ import annotations

import re

from inspectcal.readers.base import split_lines
from inspectcal.readers.grid import MAX_ROWS, Cell, Grid

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_END = re.compile(r"(?<!\\)\|")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def is_table(text: str) -> bool:
    """Does the text hold a pipe table: a row of cells, then a line of dashes under it?"""
    previous = ""
    for number, line in enumerate(text.splitlines()):
        if number > 50:
            return False
        if _RULE.match(line) and _ROW.match(previous):
            return True
        if line.strip():
            previous = line
    return False


def grid(text: str, where: str) -> Grid:
    """The first pipe table of the text."""
    rows: list[tuple[int, list[Cell]]] = []
    started = False
    for number, line in split_lines(text, where, max_line=None):
        if _ROW.match(line) and not _RULE.match(line):
            if len(rows) < MAX_ROWS:
                rows.append((number, _cells(line)))
            started = True
        elif started and not _RULE.match(line):
            break  # the table ended
    return Grid(where, "line", rows)


def _cells(line: str) -> list[Cell]:
    inner = line.strip()[1:-1]
    return [_ESCAPE.sub(r"\1", cell).strip() for cell in _CELL_END.split(inner)]
