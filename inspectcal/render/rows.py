"""What a command prints as rows, described once for every format: ``Rows``.

A command describes its output as the JSON value (a documented shape), the CSV header and
rows, and the terminal table as columns and rows (``Layout``; narrower layouts after the
preferred one), with a title and notes. render/writer.py's ``write_rows`` writes it as a
table, JSON, CSV or Markdown. Nothing here imports rich.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

Justify = Literal["left", "right", "center"]
CsvCell = str | int | None
KEEP = "\xa0"  # between words a wrapped cell must keep on one line ("Mon\xa020\xa0Dec")


@dataclass(frozen=True)
class Column:
    """One column: ``wrap`` lets its text wrap at spaces; ``drop`` > 0 may be left out (highest first).

    ``styles`` colours a cell by its text (the terminal only), e.g. who acts.
    """

    header: str
    justify: Justify = "left"
    wrap: bool = False
    drop: int = 0
    name: str = ""  # how the note names the column when it is left out (default: the header)
    styles: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """A table as columns and rows of cells; ``styles`` styles whole rows (None: none).

    A highlighted row (one with a style) is in bold in Markdown: its first and last cells.
    """

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    styles: Sequence[str | None] = field(default_factory=tuple)

    def without(self, index: int) -> Layout:
        return replace(
            self,
            columns=[c for i, c in enumerate(self.columns) if i != index],
            rows=[[cell for i, cell in enumerate(row) if i != index] for row in self.rows],
        )


@dataclass(frozen=True)
class Rows:
    """What a command prints as rows, in every format it offers.

    ``layouts``: the terminal table, best first (see render/table.py's print_fitted);
    ``before``/``notes``: lines printed before and after it (Markdown: paragraphs after it);
    ``markdown``, ``markdown_notes``: the Markdown table and paragraphs, when they are not the
    first layout and the notes; ``more``: the format the note about a left-out column names.
    """

    json: object
    csv_header: Sequence[str]
    csv_rows: Sequence[Sequence[CsvCell]]
    layouts: Sequence[Layout] = ()
    title: str | None = None
    before: Sequence[str] = ()
    notes: Sequence[str] = ()
    markdown: Layout | None = None
    markdown_notes: Sequence[str] | None = None
    more: str = "--format csv"
