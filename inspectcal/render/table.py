"""The plan as a Rich table for the terminal, and the layer every table shares.

Tables never truncate a cell. ``print_fitted`` takes a table's layouts in order of
preference (say, full dates, then shorter ones), tries each against the width, then drops
the least important columns one by one and says so in a note. Text wraps at spaces only,
never inside a word or a date. Output that is not a terminal is ``COLUMNS`` wide (80 when
unset, whatever terminal the command was started from) and has no trailing spaces.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, TextIO, cast

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from inspectcal.plan import Plan
from inspectcal.render import calendar_note, day_label, forecast_text, human_date, output_width, plan_heading

_WHO_STYLE = {"ofsted": "cyan", "council": "green", "both": "magenta"}


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
    Either counts only when set to something, as both conventions say."""
    if os.environ.get("NO_COLOR", ""):
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

Justify = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Column:
    """One column: ``wrap`` lets its text wrap at spaces; ``drop`` > 0 may be left out (highest first)."""

    header: str
    justify: Justify = "left"
    wrap: bool = False
    drop: int = 0
    name: str = ""  # how the note names the column when it is left out (default: the header)


@dataclass(frozen=True)
class Layout:
    """A table as columns and rows of cells; ``styles`` styles whole rows (None: none)."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str | Text]]
    styles: Sequence[str | None] = field(default_factory=tuple)

    def without(self, index: int) -> Layout:
        return replace(
            self,
            columns=[c for i, c in enumerate(self.columns) if i != index],
            rows=[[cell for i, cell in enumerate(row) if i != index] for row in self.rows],
        )


def _plain(cell: str | Text) -> str:
    return cell.plain if isinstance(cell, Text) else cell


KEEP = "\xa0"  # between words a wrapped cell must keep on one line ("Mon\xa020\xa0Dec")


def _widths(column: Column, cells: Iterable[str | Text]) -> tuple[int, int]:
    """(narrowest, widest) the column can be without breaking a word (or, unwrapped, a line)."""
    lines = [line for cell in cells for line in _plain(cell).split("\n")]
    widest = max((cell_len(line) for line in lines), default=0)
    if not column.wrap:
        return widest, widest
    narrowest = max((cell_len(word) for line in lines for word in line.split(" ")), default=0)
    return narrowest, widest


def _wrapped(cell: str | Text, width: int) -> str | Text:
    """The cell's lines wrapped at spaces (never at KEEP) to ``width``."""
    if isinstance(cell, Text):
        return cell
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


def print_fitted(
    console: Console, layouts: Sequence[Layout], *, title: str | None = None, more: str = "--format csv"
) -> None:
    """Print the best of ``layouts`` for the console's width, and a note for any column left out."""
    layout, widths, dropped = fit(layouts, console.width)
    table = Table(title=title, title_justify="left", header_style="bold")
    if sum(widths) + 3 * len(widths) + 1 > console.width:
        table.width = sum(widths) + 3 * len(widths) + 1
    for column, width in zip(layout.columns, widths, strict=True):
        # Cells arrive wrapped (see _wrapped): Rich must not wrap them again, nor cut them.
        table.add_column(column.header, justify=column.justify, width=width, no_wrap=True, overflow="fold")
    styles = list(layout.styles) or [None] * len(layout.rows)
    for row, style in zip(layout.rows, styles, strict=True):
        table.add_row(*(_wrapped(cell, width) for cell, width in zip(row, widths, strict=True)), style=style)
    if table.width is not None:
        # Wider than the console: print it whole (the terminal wraps it) rather than cut it.
        console.print(table, width=table.width, crop=False)
    else:
        console.print(table)
    if dropped:
        names = ", ".join(dropped)
        console.print(
            f"Left out to fit {console.width} columns: {names}. "
            f"Widen the window, or use {more} for every column."
        )


# -- the plan ---------------------------------------------------------------------------


def _span_lines(start_text: str, end_text: str) -> str:
    return start_text if start_text == end_text else f"{start_text} -\n{end_text}"


def render(plan: Plan, stream: TextIO) -> None:
    columns = [
        Column("Day", justify="right"),
        Column("Date"),
        Column("Milestone", wrap=True),
        Column("Who", drop=1),
    ]
    whos = [Text(m.who, style=_WHO_STYLE.get(m.who, "")) for m in plan.milestones]

    def rows(date_text: list[str]) -> list[list[str | Text]]:
        return [
            [day_label(m), when, m.title, who]
            for m, when, who in zip(plan.milestones, date_text, whos, strict=True)
        ]

    from inspectcal.render import human_span

    full = [human_span(m.start, m.end) for m in plan.milestones]
    # Narrower: a range's two ends on two lines.
    stacked = [_span_lines(human_date(m.start), human_date(m.end)) for m in plan.milestones]
    console = console_for(stream)
    print_fitted(
        console,
        [Layout(columns, rows(full)), Layout(columns, rows(stacked))],
        title=plan_heading(plan),
    )
    forecast = forecast_text(plan)
    if forecast:
        console.print(forecast)
    console.print(calendar_note(plan))
