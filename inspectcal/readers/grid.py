"""What every table reader hands to ``readers.timetable``: a grid of cells.

``readers.docx``, ``readers.xlsx`` and ``readers.delimited`` each turn a document into
``Grid`` objects; ``readers.timetable`` reads the timetable out of one. Both sides import
these names from here, so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from inspectcal.errors import quoted

Cell = str | date | float | int | None

MAX_ROWS = 10_000  # rows of one table, sheet or text file


class Uncalculated(str):
    """A spreadsheet formula cell with no value saved: its text is the formula (``=A8+1``)."""

    __slots__ = ()

    def problem(self, what: str) -> str:
        return (
            f"the {what} cell holds the formula {quoted(str(self))} with no value saved (the program "
            "that wrote the file did not calculate it): open and save it in Excel, or type the value"
        )


@dataclass(frozen=True)
class Grid:
    where: str  # "timetable x.docx, table 2": how messages name the table
    unit: str  # "line" or "row"
    rows: Sequence[tuple[int, Sequence[Cell]]]
    notes: tuple[str, ...] = ()  # what was left out as the program does not show it (hidden text)
