"""The plan as month grids: Day numbers on working days, milestones, weekends, days off."""

from __future__ import annotations

import calendar as month_calendar
from datetime import date
from typing import TextIO

from rich.columns import Columns
from rich.console import Group
from rich.table import Table
from rich.text import Text

from inspectcal.plan import Plan
from inspectcal.render import (
    MONTH_NAMES,
    day_label,
    forecast_text,
    human_date,
    human_span,
    indicative_note,
    plan_heading,
)
from inspectcal.workdays import NonWorkingDay

_WHO_STYLE = {
    "ofsted": "bold white on blue",
    "council": "bold black on green",
    "both": "bold white on magenta",
}
# Working days inside a range (the case audit, the on-site fortnight...): a light shade of the
# same colour, and "=" after the Day number so that the range shows without colour too.
_RANGE_STYLE = {
    "ofsted": "black on light_sky_blue1",
    "council": "black on dark_sea_green2",
    "both": "black on plum2",
}


def _months(plan: Plan) -> list[tuple[int, int]]:
    first, last = plan.notified, plan.last
    result = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def _month_table(plan: Plan, year: int, month: int) -> Table:
    milestone_days: dict[date, str] = {}
    range_days: dict[date, str] = {}
    for m in plan.milestones:
        if m.start_day == m.end_day:
            milestone_days.setdefault(m.start, m.who)
        else:
            for _, day in plan.working_dates(m):
                range_days.setdefault(day, m.who)
    days_off = {off.date: off for off in plan.skipped}
    table = Table(title=f"{MONTH_NAMES[month - 1]} {year}", show_lines=False, padding=(0, 0), box=None)
    for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        table.add_column(name, justify="center", width=5)
    for week in month_calendar.Calendar().monthdatescalendar(year, month):
        cells: list[Text] = []
        for day in week:
            if day.month != month:
                cells.append(Text(""))
                continue
            cells.append(_cell(plan, day, milestone_days, range_days, days_off))
        table.add_row(*cells)
    return table


def _cell(
    plan: Plan,
    day: date,
    milestone_days: dict[date, str],
    range_days: dict[date, str],
    days_off: dict[date, NonWorkingDay],
) -> Text:
    label = f"{day.day:>2}"
    if day.weekday() >= 5:
        return Text(f"{label}\n", style="dim")
    if day in days_off:
        mark = "CL" if days_off[day].closure else "BH"
        return Text(f"{label}\n{mark}", style="bold red")
    if plan.notified <= day <= plan.last:
        number = plan.calendar.day_number(plan.notified, day)
        who = milestone_days.get(day)
        if who is not None:
            return Text(f"{label}\nD{number}*", style=_WHO_STYLE[who])
        who = range_days.get(day)
        if who is not None:
            return Text(f"{label}\nD{number}=", style=_RANGE_STYLE[who])
        return Text(f"{label}\nD{number}")
    return Text(f"{label}\n")


def build(plan: Plan) -> Group:
    grids = Columns([_month_table(plan, y, m) for y, m in _months(plan)], padding=(1, 3))
    legend = Table(box=None, show_header=False, padding=(0, 1))
    legend.add_column(no_wrap=True)
    legend.add_column(no_wrap=True)
    legend.add_column()
    for m in plan.milestones:
        days = "Day" if m.start_day == m.end_day else "Days"
        legend.add_row(
            Text(f"{days} {day_label(m)}", style=_WHO_STYLE[m.who] if m.start_day == m.end_day else ""),
            human_span(m.start, m.end),
            f"{m.title} ({m.who})",
        )
    for off in plan.skipped:
        kind = "closure" if off.closure else "bank holiday"
        legend.add_row(
            Text("CL" if off.closure else "BH", style="bold red"),
            human_date(off.date),
            f"{off.name} ({kind})",
        )
    key = Text(
        "D12 = Day 12 (working days only); D5* = a one-day milestone (coloured: blue Ofsted, "
        "green council, magenta both); D7= = a day inside a range (shaded the same way); "
        "BH bank holiday; CL closure; weekends dimmed."
    )
    notes = [Text(note) for note in (forecast_text(plan), indicative_note(plan.framework)) if note]
    return Group(Text(plan_heading(plan), style="bold"), grids, key, legend, *notes)


def render(plan: Plan, stream: TextIO) -> None:
    from inspectcal.render.table import console_for

    console_for(stream).print(build(plan))
