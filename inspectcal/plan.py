"""A plan: a framework's milestones turned into real dates on a working calendar."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from inspectcal.calendars import CalendarSource
from inspectcal.errors import InputError
from inspectcal.frameworks import Framework
from inspectcal.workdays import NonWorkingDay, WorkingCalendar

if TYPE_CHECKING:
    from inspectcal.record import Era


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
    link = framework.record
    if link is not None and framework.record_applies and link.parameter in spec.plus:
        raise InputError(
            f"--anchor {key}: its Day depends on the era of Ofsted's record, which depends on the "
            f"dates: anchor on an earlier milestone (e.g. onsite-start), or fix the gap with "
            f"--param {link.parameter}=N"
        )
    return spec.days(framework.parameters)[0]


def notified_from_anchor(calendar: WorkingCalendar, anchor: Anchor) -> date:
    """Day 1's date, given that Day ``anchor.day`` falls on ``anchor.date``."""
    calendar.require_working_day(anchor.date, role=f"the --anchor date (Day {anchor.day})")
    return calendar.add(anchor.date, -(anchor.day - 1))


class Forecast(NamedTuple):
    """When a milestone (ILACS publication) is likely, from Ofsted's record of past inspections.

    The milestone's own date is the era's target, the earliest likely date; ``median`` and
    ``p90`` are the dates by which half, and nine in ten, of the era's reports came out.
    """

    milestone: str
    earliest: date
    median: date
    p90: date
    basis: str  # "93 inspections published 2024-2025"
    era_start: date  # the era's first last-on-site day
    target: int  # working days, as are median_gap and p90_gap
    median_gap: int
    p90_gap: int
    note: str | None = None  # said when the inspection falls outside the record


class Plan(NamedTuple):
    framework: Framework
    notified: date
    source: CalendarSource
    milestones: tuple[Milestone, ...]
    skipped: tuple[NonWorkingDay, ...]  # bank holidays and closures inside the plan
    calendar: WorkingCalendar
    authority: str | None = None
    anchor: Anchor | None = None  # the known date the plan was computed from, if not Day 1
    forecast: Forecast | None = None  # the record's spread for one milestone (ILACS publication)

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

    def milestone_title(self, key: str) -> str:
        return next(m.title for m in self.milestones if m.id == key)

    @property
    def closed_days(self) -> int:
        """How many working days the council's closures take out of this plan."""
        return sum(1 for off in self.skipped if off.closure)

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
    framework, era = _with_era(framework, notified, calendar)
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
    forecast = None
    if era is not None:
        forecast = _forecast(framework, milestones, calendar, *era)
    return Plan(
        framework, notified, source, milestones, skipped, calendar, authority or None, anchor, forecast
    )


def _with_era(
    framework: Framework, notified: date, calendar: WorkingCalendar
) -> tuple[Framework, tuple[Era, str | None] | None]:
    """The framework with its record's era target as the gap, and the era (when a record applies).

    The era is the one in force on the milestone's own Day before the gap (for ILACS
    publication: the last on-site day).
    """
    link = framework.record
    if link is None or not framework.record_applies:
        return framework, None
    base_day = framework.milestone(link.milestone).start
    era, note = link.record.era_for(calendar.day_date(notified, base_day))
    figures = era.kinds.get(link.kind)
    if figures is None:
        return framework, None
    parameters = {**framework.parameters, link.parameter: figures.target}
    return framework._replace(parameters=parameters), (era, note)


def _forecast(
    framework: Framework,
    milestones: tuple[Milestone, ...],
    calendar: WorkingCalendar,
    era: Era,
    note: str | None,
) -> Forecast:
    link = framework.record
    assert link is not None
    figures = era.kinds[link.kind]
    milestone = next(m for m in milestones if m.id == link.milestone)
    base = calendar.add(milestone.start, -figures.target)  # the Day the gap counts from
    return Forecast(
        milestone=milestone.id,
        earliest=milestone.start,
        median=calendar.add(base, figures.median),
        p90=calendar.add(base, figures.p90),
        basis=figures.basis,
        era_start=era.start,
        target=figures.target,
        median_gap=figures.median,
        p90_gap=figures.p90,
        note=note,
    )
