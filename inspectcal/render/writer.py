"""The one writer of every command's rows (render/rows.py): a terminal table, JSON, CSV or Markdown.

CSV cells are guarded against spreadsheet formulas here, and only here. Rich is imported
only for the terminal table: a json or csv run never pays for it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import TextIO

from inspectcal.render.rows import CsvCell, Rows

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
