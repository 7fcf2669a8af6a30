"""Where an inspection stands on a given date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspectcal.plan import Milestone, Plan


@dataclass(frozen=True)
class Status:
    plan: Plan
    on: date
    day: int | None  # None on a day off, before Day 1 or after the last Day
    last_day: int
    reason: str | None  # why ``on`` is not worked, if it is not
    next_working_day: date
    next_day: int | None  # the Day number of next_working_day, if inside the plan
    today: tuple[Milestone, ...]
    upcoming: tuple[Milestone, ...]
    phase: Milestone | None  # the range milestone under way (the on-site fortnight, ...)

    @property
    def before_start(self) -> bool:
        return self.on < self.plan.notified

    @property
    def after_end(self) -> bool:
        return self.on > self.plan.last


def status_on(plan: Plan, on: date, ahead: int) -> Status:
    calendar = plan.calendar
    last_day = max(m.end_day for m in plan.milestones)
    reason = calendar.why_not_working(on)
    following = calendar.add(on, 1)
    day = None
    if reason is None and plan.notified <= on <= plan.last:
        day = calendar.day_number(plan.notified, on)
    next_day = (
        calendar.day_number(plan.notified, following) if plan.notified <= following <= plan.last else None
    )
    today = tuple(m for m in plan.milestones if day is not None and m.start_day <= day <= m.end_day)
    # "The next N working days": the Days after today (or after the last Day before a day off).
    base = day if day is not None else (next_day - 1 if next_day is not None else None)
    if base is None and on < plan.notified:
        base = 1 - calendar.between(on, plan.notified)
    upcoming: tuple[Milestone, ...] = ()
    if base is not None:
        upcoming = tuple(m for m in plan.milestones if base < m.start_day <= base + ahead)
    ranges = [m for m in today if m.start_day < m.end_day]
    phase = max(ranges, key=lambda m: (m.start_day, -m.end_day)) if ranges else None
    return Status(plan, on, day, last_day, reason, following, next_day, today, upcoming, phase)


def describe(status: Status) -> str:
    """One plain line: 'Day 12 of 40: Evidence gathering on site (day 2 of 10)'."""
    plan = status.plan
    if status.before_start:
        days = plan.calendar.between(status.on, plan.notified)
        plural = "s" if days != 1 else ""
        return f"Not started: Day 1 is {plan.notified.isoformat()}, {days} working day{plural} away"
    if status.after_end:
        return f"Finished: the last Day ({status.last_day}) was {plan.last.isoformat()}"
    if status.day is None:
        after = f", Day {status.next_day}" if status.next_day is not None else ""
        return (
            f"{plan.calendar.describe_non_working(status.on)}, not a working day; "
            f"next working day {status.next_working_day.isoformat()}{after}"
        )
    text = f"Day {status.day} of {status.last_day}"
    if status.phase is not None:
        m = status.phase
        text += f": {m.title} (day {status.day - m.start_day + 1} of {m.end_day - m.start_day + 1})"
    others = [m.title for m in status.today if m is not status.phase]
    if others:
        text += ("; " if status.phase else ": ") + "; ".join(others)
    return text
