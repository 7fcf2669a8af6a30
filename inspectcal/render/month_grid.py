"""The plan's months as grids of days: one model, drawn by the terminal (render/month.py)
and the HTML page (render/html.py).

Each day of a month is a ``GridDay``: its Day number on working days, whether a one-day
milestone falls on it or it lies inside a range, who acts then, or the day off it is. Its
``mark`` ('D5*', 'D7=', 'BH') and ``letter`` (who acts: 'O', 'C', 'B') say all of that in
text, so that nothing is told by colour alone; ``grid_key`` explains them.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal

from inspectcal.dates import MONTH_NAMES
from inspectcal.plan import Milestone, Plan
from inspectcal.render import human_date

WHO_LETTER = {"ofsted": "O", "council": "C", "both": "B"}


def grid_key(colours: tuple[str, str, str], days_off: str, weekends: str) -> str:
    """The key to the marks, with how each output colours them (Ofsted, council, both)."""
    ofsted, council, both = colours
    return (
        "D12 = Day 12; D5* = a one-day milestone; D7= = in a range (lighter). "
        f"Who acts: O Ofsted ({ofsted}), C council ({council}), B both ({both}). "
        f"BH bank holiday, CL closure ({days_off}); weekends {weekends}."
    )


Kind = Literal["weekend", "off", "milestone", "range", "working", "outside"]


@dataclass(frozen=True)
class GridDay:
    """One day of a month grid. ``kind``: 'milestone' (a one-day milestone), 'range' (a
    working day inside a longer one), 'working' (another Day of the plan), 'off' (a bank
    holiday or closure), 'weekend', or 'outside' (a weekday outside the plan)."""

    day: date
    kind: Kind
    number: int | None = None  # the Day number, on the plan's working days
    who: str | None = None  # ofsted, council or both: for a milestone or range day
    mark: str = ""  # the text under the date: 'D5*', 'D7=', 'D12', 'BH', 'CL' or ''
    title: str = ""  # in words: 'Mon 22 Feb 2010: Day 1, Notification ...'

    @property
    def letter(self) -> str:
        """Who acts on a milestone or range day: 'O' Ofsted, 'C' council, 'B' both; else ''."""
        return WHO_LETTER[self.who] if self.who else ""


@dataclass(frozen=True)
class MonthGrid:
    year: int
    month: int
    weeks: list[list[GridDay | None]]  # Monday to Sunday; None outside the month

    @property
    def caption(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"


def _marked(day: date, kind: Kind, number: int, m: Milestone, sign: str) -> GridDay:
    return GridDay(
        day, kind, number, m.who, f"D{number}{sign}", f"{human_date(day)}: Day {number}, {m.title}"
    )


def month_grids(plan: Plan) -> list[MonthGrid]:
    """Every month from the notification to the plan's last day, each a grid of weeks."""
    single: dict[date, Milestone] = {}
    ranges: dict[date, Milestone] = {}
    for m in plan.milestones:
        if m.start_day == m.end_day:
            single.setdefault(m.start, m)
        else:
            for _, day in plan.working_dates(m):
                ranges.setdefault(day, m)
    days_off = {off.date: off for off in plan.skipped}

    def grid_day(day: date) -> GridDay:
        when = human_date(day)
        if day.weekday() >= 5:
            return GridDay(day, "weekend", title=f"{when}: weekend")
        if day in days_off:
            off = days_off[day]
            kind = "closure" if off.closure else "bank holiday"
            return GridDay(
                day, "off", mark="CL" if off.closure else "BH", title=f"{when}: {off.name} ({kind})"
            )
        if not plan.notified <= day <= plan.last:
            return GridDay(day, "outside", title=when)
        number = plan.calendar.day_number(plan.notified, day)
        if day in single:
            return _marked(day, "milestone", number, single[day], "*")
        if day in ranges:
            return _marked(day, "range", number, ranges[day], "=")
        return GridDay(day, "working", number, mark=f"D{number}", title=f"{when}: Day {number}")

    grids = []
    year, month = plan.notified.year, plan.notified.month
    while (year, month) <= (plan.last.year, plan.last.month):
        weeks = [
            [grid_day(day) if day.month == month else None for day in week]
            for week in month_calendar.Calendar().monthdatescalendar(year, month)
        ]
        grids.append(MonthGrid(year, month, weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return grids
