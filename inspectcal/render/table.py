"""The plan as a Rich table for the terminal, and the layer every table shares.

Tables never truncate a cell. ``print_fitted`` takes a table's layouts in order of
preference (say, full dates, then shorter ones), tries each against the width, then drops
the least important columns one by one and says so in a note; when even the columns that
stay do not fit, it lists each row one column a line. Text wraps at spaces only,
never inside a word or a date. Output that is not a terminal is ``COLUMNS`` wide (80 when
unset, whatever terminal the command was started from) and has no trailing spaces.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from typing import TextIO, cast

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from inspectcal.plan import Plan
from inspectcal.render import output_width, wrap_line
from inspectcal.render.plan import plan_rows
from inspectcal.render.rows import KEEP, Column, Layout, Rows

__all__ = ["KEEP", "Column", "Layout", "console_for", "fit", "print_fitted", "print_rows", "render"]


class _NoTrailingSpaces(io.TextIOBase):
    """Writes whole lines to ``target`` with the spaces Rich pads them with removed."""

    def __init__(self, target: TextIO) -> None:
        self._target = target
        self._pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        for line in lines:
            self._target.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._target.write(self._pending.rstrip(" "))
            self._pending = ""
        self._target.flush()

    def isatty(self) -> bool:
        return False


def wants_colour(stream: TextIO) -> bool:
    """Colour for a terminal (``stream.isatty()``) that is not dumb; never when ``NO_COLOR`` is
    set (no-color.org); always when ``FORCE_COLOR`` is set (force-color.org), e.g. for ``less -R``.
    Either counts only when set to something, as both conventions say. Text for a file
    (``stream.to_file``, as the CLI's buffer for ``-o FILE`` says) is never coloured."""
    if getattr(stream, "to_file", False) or os.environ.get("NO_COLOR", ""):
        return False
    if os.environ.get("FORCE_COLOR", ""):
        return True
    return stream.isatty() and os.environ.get("TERM", "").lower() not in ("dumb", "unknown")


def console_for(stream: TextIO) -> Console:
    """A console that colours only what ``wants_colour``; plain text has no trailing spaces."""
    colour = wants_colour(stream)
    dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown", "")
    return Console(
        file=stream if colour else cast(TextIO, _NoTrailingSpaces(stream)),
        width=output_width(stream),
        color_system=("standard" if dumb else "auto") if colour else None,
        force_terminal=colour,
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


# -- tables that fit ------------------------------------------------------------------


def _widths(column: Column, cells: Iterable[str]) -> tuple[int, int]:
    """(narrowest, widest) the column can be without breaking a word (or, unwrapped, a line)."""
    lines = [line for cell in cells for line in cell.split("\n")]
    widest = max((cell_len(line) for line in lines), default=0)
    if not column.wrap:
        return widest, widest
    narrowest = max((cell_len(word) for line in lines for word in line.split(" ")), default=0)
    return narrowest, widest


def _wrapped(cell: str, width: int) -> str:
    """The cell's lines wrapped at spaces (never at KEEP) to ``width``."""
    lines = []
    for line in cell.split("\n"):
        current = ""
        for word in line.split(" "):
            if current and cell_len(current) + 1 + cell_len(word) > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        lines.append(current)
    return "\n".join(lines).replace(KEEP, " ")


def _allot(layout: Layout, width: int) -> list[int] | None:
    """Each column's width so that the table fits ``width``, or None when it cannot."""
    count = len(layout.columns)
    available = width - (3 * count + 1)  # a border and a space either side of every cell
    ranges = [
        _widths(column, [column.header, *(row[i] for row in layout.rows)])
        for i, column in enumerate(layout.columns)
    ]
    least = sum(low for low, _ in ranges)
    if least > available:
        return None
    spare = available - least
    wanted = [high - low for low, high in ranges]
    if sum(wanted) <= spare:
        return [high for _, high in ranges]
    total = sum(wanted)
    given = [spare * want // total for want in wanted]
    for i in sorted(range(count), key=lambda i: wanted[i] - given[i], reverse=True)[: spare - sum(given)]:
        given[i] += 1
    return [low + extra for (low, _), extra in zip(ranges, given, strict=True)]


def fit(layouts: Sequence[Layout], width: int) -> tuple[Layout, list[int], list[str]]:
    """The first layout that fits, else the last with columns dropped until it does.

    Returns the layout, its column widths and the names of the columns left out.
    """
    for layout in layouts:
        widths = _allot(layout, width)
        if widths is not None:
            return layout, widths, []
    layout, dropped = layouts[-1], list[str]()
    while True:
        widths = _allot(layout, width)
        if widths is not None:
            return layout, widths, dropped
        candidates = [i for i, c in enumerate(layout.columns) if c.drop]
        if not candidates:
            # Too narrow for even the essential columns: let them take what they need (the
            # terminal wraps the lines) rather than cut anything.
            narrowest = [
                _widths(c, [c.header, *(row[i] for row in layout.rows)])[0]
                for i, c in enumerate(layout.columns)
            ]
            return layout, narrowest, dropped
        index = max(candidates, key=lambda i: (layout.columns[i].drop, i))
        column = layout.columns[index]
        dropped.append(column.name or " ".join(column.header.split()))
        layout = layout.without(index)


def _fits(widths: Sequence[int], width: int) -> bool:
    return sum(widths) + 3 * len(widths) + 1 <= width


def print_fitted(
    console: Console, layouts: Sequence[Layout], *, title: str | None = None, more: str = "--format csv"
) -> None:
    """Print the best of ``layouts`` for the console's width, and a note for any column left out.

    When even the columns that are never left out do not fit, every row is listed instead,
    one column a line (``print_stacked``): nothing is cut or left out.
    """
    layout, widths, dropped = fit(layouts, console.width)
    if not _fits(widths, console.width):
        print_stacked(console, layouts[0], title=title)
        return
    table = Table(title=title, title_justify="left", header_style="bold")
    for column, width in zip(layout.columns, widths, strict=True):
        # Cells and headers arrive wrapped (see _wrapped): Rich must not wrap them again, nor cut them.
        header = _wrapped(column.header, width)
        table.add_column(header, justify=column.justify, width=width, no_wrap=True, overflow="fold")
    styles = list(layout.styles) or [None] * len(layout.rows)
    for row, style in zip(layout.rows, styles, strict=True):
        cells: list[str | Text] = []
        for column, cell, width in zip(layout.columns, row, widths, strict=True):
            text = _wrapped(cell, width)
            cells.append(Text(text, style=column.styles.get(cell, "")) if column.styles else text)
        table.add_row(*cells, style=style)
    console.print(table)
    if dropped:
        names = ", ".join(dropped)
        console.print(
            f"Left out to fit {console.width} columns: {names}. "
            f"Widen the window, or use {more} for every column."
        )


def print_stacked(console: Console, layout: Layout, *, title: str | None = None) -> None:
    """Each row as lines 'Header: cell', its first column unindented, the others under it."""
    width = console.width
    if title:
        console.print(Text(wrap_line(title, width), style="bold"))
    styles = list(layout.styles) or [None] * len(layout.rows)
    for row, style in zip(layout.rows, styles, strict=True):
        lines = []
        for index, (column, cell) in enumerate(zip(layout.columns, row, strict=True)):
            header = " ".join(column.header.split())
            indent = "" if index == 0 else "  "
            for number, part in enumerate(cell.split("\n")):
                text = f"{header}: {part}" if header and number == 0 else part
                lead = indent if number == 0 else indent + "  "
                lines.append(wrap_line(lead + text, width, indent + "  ").replace(KEEP, " "))
        console.print(Text("\n".join(lines), style=style or ""))
    console.print(f"Listed one column a line to fit {width} columns: widen the window for a table.")


def print_rows(rows: Rows, stream: TextIO) -> None:
    """``rows`` for the terminal: the lines before, the table fitted to the width, the notes.

    Lines wrap at spaces, never inside a date or a 'Day 12' (see wrap_line).
    """
    console = console_for(stream)
    for line in rows.before:
        console.print(wrap_line(line, console.width))
    if rows.layouts:
        print_fitted(console, rows.layouts, title=rows.title, more=rows.more)
    for note in rows.notes:
        console.print(wrap_line(note, console.width))


def render(plan: Plan, stream: TextIO) -> None:
    print_rows(plan_rows(plan), stream)
