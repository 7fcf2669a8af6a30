"""The one writer of every command's rows: a terminal table, JSON, CSV or Markdown.

A command describes what it prints as ``Rows``: the JSON value (a documented shape), the
CSV header and rows, and the terminal table as columns and rows (``Layout``; narrower
layouts after the preferred one), with a title and notes. ``write_rows`` turns that into
the format asked for. CSV cells are guarded against spreadsheet formulas here, and only
here. Nothing in this module imports rich: a json or csv run never pays for it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, TextIO

Justify = Literal["left", "right", "center"]
CsvCell = str | int | None

KEEP = "\xa0"  # between words a wrapped cell must keep on one line ("Mon\xa020\xa0Dec")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Neutralise free text that a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(rows: Sequence[Sequence[CsvCell]]) -> str:
    """CSV lines (``\\n``-ended): text cells guarded by ``safe_cell``, numbers as they are, None empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(
            ["" if cell is None else safe_cell(cell) if isinstance(cell, str) else cell for cell in row]
        )
    return buffer.getvalue()


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
    ``markdown``, ``markdown_notes``: the Markdown table and paragraphs when they are not the
    first layout and the notes; ``more``: the format
    the note about a left-out column points to.
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


def write_rows(rows: Rows, fmt: str, stream: TextIO) -> None:
    """``rows`` as ``fmt``: json, csv, markdown, or (anything else) the terminal table."""
    if fmt == "json":
        from inspectcal.render.json import dump

        dump(rows.json, stream)
    elif fmt == "csv":
        stream.write(csv_text([rows.csv_header, *rows.csv_rows]))
    elif fmt == "markdown":
        stream.write(markdown(rows))
    elif not rows.layouts:  # only lines of text: no need for rich
        from inspectcal.render import output_width, wrap_line

        width = output_width(stream)
        stream.write("".join(wrap_line(line, width) + "\n" for line in [*rows.before, *rows.notes]))
    else:
        from inspectcal.render.table import print_rows

        print_rows(rows, stream)


# -- Markdown ---------------------------------------------------------------------------

# Characters that Markdown (CommonMark, GitHub's tables) would read as emphasis, code, a link,
# strikethrough, HTML or a table cell's end; each is shown as itself after a backslash.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")


def markdown_text(text: str) -> str:
    """Text shown as typed in a Markdown table cell or paragraph: nothing in it formats."""
    return _SPECIAL.sub(lambda m: "\\" + m[0], text.replace("\n", " "))


_RULE = {"left": "---", "right": "---:", "center": ":---:"}


def markdown(rows: Rows) -> str:
    layout = rows.markdown or rows.layouts[0]
    out = [f"**{markdown_text(rows.title)}**\n\n"] if rows.title else []
    out.append("| " + " | ".join(markdown_text(c.header) for c in layout.columns) + " |\n")
    out.append("|" + "".join(_RULE[c.justify] + "|" for c in layout.columns) + "\n")
    styles = list(layout.styles) or [None] * len(layout.rows)
    for row, style in zip(layout.rows, styles, strict=True):
        shown = [markdown_text(cell) for cell in row]
        if style:  # in bold, as the terminal shows the row in colour
            shown[0], shown[-1] = f"**{shown[0]}**", f"**{shown[-1]}**"
        out.append("| " + " | ".join(shown) + " |\n")
    notes = rows.notes if rows.markdown_notes is None else rows.markdown_notes
    out.extend(f"\n{markdown_text(note)}\n" for note in notes)
    return "".join(out)
