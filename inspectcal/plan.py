"""A plan: a framework's milestones turned into real dates on a working calendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from inspectcal.calendars import CalendarSource
from inspectcal.errors import InputError
from inspectcal.frameworks import Framework
from inspectcal.workdays import NonWorkingDay, WorkingCalendar

if TYPE_CHECKING:
    from inspectcal.elections import Lag, Pause
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
    # Elections: the pauses that moved the dates (each with the record's lag for its kind of
    # poll), the dates before the move, and an ordinary May poll the window crosses that no
    # --election named (the authority may hold one).
    moved_by: tuple[tuple[Pause, Lag], ...] = ()
    unmoved: tuple[date, date, date] | None = None  # earliest, median, p90
    may_matter: Pause | None = None


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
    elections: Sequence[date] = (),
) -> Plan:
    """Date every milestone of ``framework`` with Day 1 on ``notified``.

    ``elections``: polling days of polls the authority holds; with the general elections they
    hold back the forecast milestone (see :func:`hold_for_elections`).
    """
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
    forecast = None
    if era is not None:
        forecast = _forecast(framework, milestones, calendar, *era)
        forecast = hold_for_elections(forecast, framework, calendar, elections)
        milestones = _moved_to(milestones, forecast, notified, calendar)
    last = max(m.end for m in milestones)
    skipped = tuple(calendar.days_off_between(notified, last))
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
    parameters = {**framework.parameters, link.parameter: link.record.earliest_gap(figures)}
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
    gap = link.record.earliest_gap(figures)
    milestone = next(m for m in milestones if m.id == link.milestone)
    base = calendar.add(milestone.start, -gap)  # the Day the gap counts from
    return Forecast(
        milestone=milestone.id,
        earliest=milestone.start,
        median=calendar.add(base, figures.median),
        p90=calendar.add(base, figures.p90),
        basis=figures.basis,
        era_start=era.start,
        target=gap,
        median_gap=figures.median,
        p90_gap=figures.p90,
        note=note,
    )


def hold_for_elections(
    forecast: Forecast, framework: Framework, calendar: WorkingCalendar, polls: Sequence[date]
) -> Forecast:
    """The forecast moved past the pre-election periods that hold it (general elections, and the
    authority's own ``polls``), by the lags the record measured; and the ordinary May poll its
    window crosses, when no poll was given."""
    from inspectcal.elections import GENERAL, Lag, move_past, ordinary_polls_near, pauses_for

    link = framework.record
    assert link is not None
    lags = link.record.elections
    fallback = Lag(0, 0, 1, 1, 1)  # a record that measured none: the working day after the poll

    def lag_for(pause: Pause) -> Lag:
        return lags.get(pause.kind) or lags.get(GENERAL) or fallback

    pauses = pauses_for(polls)
    moved, crossed = [], {}
    for day, field in ((forecast.earliest, "first"), (forecast.median, "median"), (forecast.p90, "p90")):

        def lag_days(pause: Pause, field: str = field) -> int:
            return int(getattr(lag_for(pause), field))

        new, hit = move_past(day, pauses, lag_days, calendar.add)
        crossed.update({pause: lag_for(pause) for pause in hit})
        moved.append(new)
    if crossed:
        forecast = forecast._replace(
            earliest=moved[0],
            median=moved[1],
            p90=moved[2],
            moved_by=tuple(sorted(crossed.items(), key=lambda item: item[0].poll)),
            unmoved=(forecast.earliest, forecast.median, forecast.p90),
        )
    if not polls:
        near = ordinary_polls_near(forecast.earliest, forecast.p90)
        if near:
            forecast = forecast._replace(may_matter=near[0])
    return forecast


def _moved_to(
    milestones: tuple[Milestone, ...], forecast: Forecast, notified: date, calendar: WorkingCalendar
) -> tuple[Milestone, ...]:
    """The forecast's milestone on the forecast's (possibly held back) earliest date."""
    if forecast.unmoved is None:
        return milestones
    day = calendar.day_number(notified, forecast.earliest)
    return tuple(
        m._replace(start_day=day, end_day=day, start=forecast.earliest, end=forecast.earliest)
        if m.id == forecast.milestone
        else m
        for m in milestones
    )
