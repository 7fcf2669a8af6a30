"""The plan as month grids: Day numbers on working days, milestones, weekends, days off."""

from __future__ import annotations

from typing import TextIO

from rich.columns import Columns
from rich.console import Group
from rich.table import Table
from rich.text import Text

from inspectcal.plan import Plan
from inspectcal.render import (
    days_label,
    forecast_text,
    human_span,
    indicative_note,
    plan_heading,
    wrap_line,
)
from inspectcal.render.month_grid import GridDay, MonthGrid, grid_key, month_grids

_WHO_STYLE = {
    "ofsted": "bold white on blue",
    "council": "bold black on green",
    "both": "bold white on magenta",
}
# Working days inside a range (the case audit, the on-site fortnight...): a light shade of the
# same colour (the mark says it too: "D7=O").
_RANGE_STYLE = {
    "ofsted": "black on light_sky_blue1",
    "council": "black on dark_sea_green2",
    "both": "black on plum2",
}


def _cell(grid_day: GridDay | None) -> Text:
    if grid_day is None:
        return Text("")
    # The same width with or without the letter, so that the dates line up.
    text = f"{grid_day.day.day:>2} {grid_day.letter or ' '}\n{grid_day.mark}"
    if grid_day.kind == "weekend":
        return Text(text, style="dim")
    if grid_day.kind == "off":
        return Text(text, style="bold red")
    if grid_day.who is not None:
        styles = _WHO_STYLE if grid_day.kind == "milestone" else _RANGE_STYLE
        return Text(text, style=styles[grid_day.who])
    return Text(text)


def _month_table(grid: MonthGrid) -> Table:
    table = Table(title=grid.caption, show_lines=False, padding=(0, 0), box=None)
    for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        table.add_column(name, justify="center", width=5)
    for week in grid.weeks:
        table.add_row(*(_cell(day) for day in week))
    return table


def _legend(plan: Plan, width: int) -> Table | Text:
    """Each milestone and day off: its Days, dates and title; below 60 columns as lines."""
    rows = []
    for m in plan.milestones:
        style = _WHO_STYLE[m.who] if m.start_day == m.end_day else ""
        rows.append((days_label(m.start_day, m.end_day), style, m.start, m.end, f"{m.title} ({m.who})"))
    for off in plan.skipped:
        kind = "closure" if off.closure else "bank holiday"
        rows.append(("CL" if off.closure else "BH", "bold red", off.date, off.date, f"{off.name} ({kind})"))
    if width < 60:
        lines = Text()
        for label, style, start, end, title in rows:
            lines.append(label, style=style)
            lines.append(wrap_line(f" {human_span(start, end)}", width - len(label), "  ") + "\n")
            lines.append(wrap_line(f"  {title}", width, "  ") + "\n")
        lines.rstrip()
        return lines
    legend = Table(box=None, show_header=False, padding=(0, 1))
    legend.add_column(no_wrap=True)
    legend.add_column(no_wrap=True)
    legend.add_column()
    for label, style, start, end, title in rows:
        legend.add_row(Text(label, style=style), human_span(start, end), title)
    return legend


def build(plan: Plan, width: int = 80) -> Group:
    grids = Columns([_month_table(grid) for grid in month_grids(plan)], padding=(1, 3))
    key = Text(grid_key(("blue", "green", "magenta"), "red", "dimmed"))
    notes = [Text(note) for note in (forecast_text(plan), indicative_note(plan.framework)) if note]
    return Group(Text(plan_heading(plan), style="bold"), grids, key, _legend(plan, width), *notes)


def render(plan: Plan, stream: TextIO) -> None:
    from inspectcal.render.table import console_for

    console = console_for(stream)
    console.print(build(plan, console.width))
