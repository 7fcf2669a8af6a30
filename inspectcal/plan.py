"""A plan: a framework's milestones turned into real dates on a working calendar."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from inspectcal.calendars import CalendarSource
from inspectcal.errors import InputError
from inspectcal.frameworks import Framework
from inspectcal.workdays import NonWorkingDay, WorkingCalendar


class Milestone(NamedTuple):
    id: str
    title: str
    who: str
    start_day: int
    end_day: int
    start: date
    end: date


class Anchor(NamedTuple):
    """A known date on a known Day, e.g. Day 11 (the first on-site day) from an inspection report."""

    day: int
    date: date


def parse_anchor_day(framework: Framework, key: str) -> int:
    """``11`` or a milestone id such as ``fieldwork-start`` (its first Day)."""
    key = key.strip()
    if key.lstrip("-").isdigit():
        day = int(key)
        if day < 1:
            raise InputError(f"--anchor: Day {day} does not exist: Days count from 1")
        return day
    spec = framework.milestone(key)
    return spec.days(framework.parameters)[0]


def notified_from_anchor(calendar: WorkingCalendar, anchor: Anchor) -> date:
    """Day 1's date, given that Day ``anchor.day`` falls on ``anchor.date``."""
    calendar.require_working_day(anchor.date, role=f"the --anchor date (Day {anchor.day})")
    return calendar.add(anchor.date, -(anchor.day - 1))


class Plan(NamedTuple):
    framework: Framework
    notified: date
    source: CalendarSource
    milestones: tuple[Milestone, ...]
    skipped: tuple[NonWorkingDay, ...]  # bank holidays and closures inside the plan
    calendar: WorkingCalendar
    authority: str | None = None
    anchor: Anchor | None = None  # the known date the plan was computed from, if not Day 1

    @property
    def last(self) -> date:
        return max(m.end for m in self.milestones)

    @property
    def projected_after(self) -> int | None:
        """The last confirmed bank-holiday year, when the plan runs past it; else None."""
        horizon = self.source.confirmed_through
        return horizon if horizon is not None and self.last.year > horizon else None

    def working_dates(self, milestone: Milestone) -> list[tuple[int, date]]:
        """Each Day of a milestone with its date: (11, 2010-03-08), (12, 2010-03-09), ..."""
        return [
            (day, self.calendar.day_date(self.notified, day))
            for day in range(milestone.start_day, milestone.end_day + 1)
        ]

    def skipped_between(self, start: date, end: date) -> list[NonWorkingDay]:
        return [off for off in self.skipped if start <= off.date <= end]


def build_plan(
    framework: Framework,
    notified: date,
    calendar: WorkingCalendar,
    source: CalendarSource,
    *,
    authority: str | None = None,
    anchor: Anchor | None = None,
) -> Plan:
    """Date every milestone of ``framework`` with Day 1 on ``notified``."""
    calendar.require_working_day(notified, role="the notification date (Day 1)")
    milestones = tuple(
        Milestone(
            spec.id,
            spec.title,
            spec.who,
            start_day,
            end_day,
            calendar.day_date(notified, start_day),
            calendar.day_date(notified, end_day),
        )
        for spec, start_day, end_day in framework.resolved_days()
    )
    last = max(m.end for m in milestones)
    skipped = tuple(calendar.days_off_between(notified, last))
    return Plan(framework, notified, source, milestones, skipped, calendar, authority or None, anchor)
