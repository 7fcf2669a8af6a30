"""Which column holds the dates, and which the Days, when the header offers more than one.

The rule (docs/guide/check.md, "Which columns it reads"):

1. A candidate column whose cells under the header hold no date (or no Day) is not one:
   a "Day" column of weekday names beside a "Working day" column of numbers.
2. Of the candidates left, a column headed as the newer version (``revised``, ``new``,
   ``current``, ``actual``, ``updated``, ``amended``, ``rescheduled``, ``latest``) is read
   over the others, and a column headed as the older one (``original``, ``old``,
   ``planned``, ``previous``, ``initial``, ``provisional``, ``draft``, ``superseded``) is
   passed over; the note on stderr says which was read and which was not.
3. Otherwise the header is ambiguous: an error names the columns and the ``--columns`` fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime

from inspectcal.errors import InputError, quoted
from inspectcal.readers.grid import Cell, Grid

NEWER = re.compile(r"\b(?:revised|new|current|actual|updated|amended|rescheduled|latest)\b", re.I)
OLDER = re.compile(r"\b(?:original|old|planned|previous|initial|provisional|draft|superseded|was)\b", re.I)


def choose(
    texts: Sequence[str],
    candidates: list[int],
    holds: Callable[[int], int],
    what: str,
    where: str,
    other: str,
) -> tuple[int, str | None]:
    """The column to read of ``candidates`` (indexes into the header ``texts``), and a note
    saying why when it was chosen over another. ``holds(i)`` counts the cells of column ``i``
    that read as a ``what`` ("date" or "Day"); ``where`` names the header row in an error, and
    ``other`` is the other column for its ``--columns`` example (``day=Day no``)."""
    if len(candidates) == 1:
        return candidates[0], None
    filled = [i for i in candidates if holds(i) > 0]
    if len(filled) == 1:
        return filled[0], None
    pool = filled or candidates
    newer = [i for i in pool if NEWER.search(texts[i]) and not OLDER.search(texts[i])]
    older = [i for i in pool if OLDER.search(texts[i]) and not NEWER.search(texts[i])]
    rest = [i for i in pool if i not in older]
    chosen = newer[0] if len(newer) == 1 else rest[0] if len(rest) == 1 and older else None
    names = ", ".join(quoted(texts[i]) for i in pool)
    if chosen is None:
        raise InputError(
            f"{where}: the header has {len(pool)} {what} columns ({names}) and nothing says which is "
            f"current: name the one to check with --columns, e.g. --columns "
            f"'{'date' if what == 'date' else 'day'}={texts[pool[-1]]},{other}'"
        )
    others = ", ".join(quoted(texts[i]) for i in pool if i != chosen)
    return chosen, (
        f"read the {what}s in {quoted(texts[chosen])}, not {others}: a column headed revised, new, "
        "current or actual is read over one headed original, old, planned or previous "
        "(--columns names another)"
    )


# The tool's own plan as CSV (start_day,end_day,start,end,...) and as .xlsx (Start day, End day,
# Start, End, ...): a row's dates and Days are two columns each.
_PLAN_COLUMNS = (("start_day", "end_day", "start", "end"), ("start day", "end day", "start", "end"))


def plan_layout(grid: Grid) -> Grid:
    """``grid`` with the tool's own plan layout read as a Date and a Day column (``start..end``,
    ``first-last``) in place of its four start and end columns; any other grid as it is."""
    if not grid.rows:
        return grid
    number, header = grid.rows[0]
    texts = [str(c).strip().lower() if isinstance(c, str) else "" for c in header]
    for names in _PLAN_COLUMNS:
        if all(name in texts for name in names):
            first_day, last_day, start, end = (texts.index(name) for name in names)
            break
    else:
        return grid

    def joined(cells: Sequence[Cell], first: int, last: int, between: str) -> str:
        a, b = (_shown(cells[i]) if i < len(cells) else "" for i in (first, last))
        return a if b in ("", a) else f"{a}{between}{b}"

    gone = {first_day, last_day, start, end}
    renamed = ["" if i in gone else "Activity" if texts[i] == "title" else c for i, c in enumerate(header)]
    rows = [(number, ["Date", "Day", *renamed])]
    for line, cells in grid.rows[1:]:
        kept = [None if i in gone else c for i, c in enumerate(cells)]
        rows.append((line, [joined(cells, start, end, ".."), joined(cells, first_day, last_day, "-"), *kept]))
    return Grid(grid.where, grid.unit, rows, grid.notes)


def _shown(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return (cell.date() if isinstance(cell, datetime) else cell).isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
