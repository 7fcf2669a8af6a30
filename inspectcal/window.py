"""What-if windows: every working day in a range taken as a possible notification date."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from inspectcal.calendars import CalendarSource
from inspectcal.dates import DateSpan
from inspectcal.errors import InputError
from inspectcal.frameworks import Framework
from inspectcal.plan import Plan, build_plan
from inspectcal.workdays import WorkingCalendar

_MAX_CANDIDATES = 5_000


@dataclass(frozen=True)
class Critical:
    """A span of Days that leave must not touch: a milestone, or Days named by number."""

    name: str  # a milestone id, or "Day 7" / "Days 6-8"
    start_day: int
    end_day: int


@dataclass(frozen=True)
class Clash:
    date: date
    milestone: str
    reason: str  # what is avoided that day ("Director on leave")


@dataclass(frozen=True)
class Candidate:
    plan: Plan
    clashes: tuple[Clash, ...]


def parse_critical(framework: Framework, spec: str | None) -> list[Critical]:
    """``5,11-20`` or milestone ids; a Day spec that is exactly one milestone's takes its id.

    With no spec, the framework's own ``critical`` list (else every milestone).
    """
    resolved = framework.resolved_days()
    if spec is None:
        chosen = set(framework.critical) or {s.id for s, _, _ in resolved}
        return [Critical(s.id, start, end) for s, start, end in resolved if s.id in chosen]
    result = []
    for item in (part.strip() for part in spec.split(",")):
        if match := re.fullmatch(r"(\d+)(?:-(\d+))?", item):
            start = int(match[1])
            end = int(match[2] or match[1])
            if start < 1 or end < start:
                raise InputError(f"--critical '{item}' is not a Day or a range of Days like 11-20")
            exact = [s.id for s, a, b in resolved if (a, b) == (start, end)]
            label = (
                exact[0] if len(exact) == 1 else (f"Day {start}" if start == end else f"Days {start}-{end}")
            )
            result.append(Critical(label, start, end))
        elif item:
            spec_ = framework.milestone(item)
            start, end = spec_.days(framework.parameters)
            result.append(Critical(spec_.id, start, end))
        else:
            raise InputError(f"--critical '{spec}' has an empty item: write e.g. 5,11-20")
    return result


def candidate_dates(calendar: WorkingCalendar, first: date, last: date) -> list[date]:
    start = first
    if last < first:
        raise InputError(f"--to {last.isoformat()} is before --from {first.isoformat()}")
    if not calendar.is_working_day(first):
        first = calendar.add(first, 1)
    if first > last:
        raise InputError(
            f"--from {start.isoformat()} --to {last.isoformat()} holds no working day "
            f"(the next is {first.isoformat()}): give a range with at least one"
        )
    count = calendar.between(first, last) + 1
    if count > _MAX_CANDIDATES:
        raise InputError(f"the window holds {count:,} working days; give at most {_MAX_CANDIDATES:,}")
    return [calendar.add(first, n) for n in range(count)]


def window_span(
    calendar: WorkingCalendar, first: date, last: date, critical: Sequence[Critical]
) -> tuple[date, date]:
    """The dates any critical milestone of any candidate can fall on: where leave matters."""
    candidates = candidate_dates(calendar, first, last)
    if not candidates or not critical:
        return first, max(first, last)
    start = calendar.day_date(candidates[0], min(item.start_day for item in critical))
    end = calendar.day_date(candidates[-1], max(item.end_day for item in critical))
    return start, end


def clashes_for(plan: Plan, critical: Sequence[Critical], avoided: dict[date, str]) -> tuple[Clash, ...]:
    """Avoided dates on the working days of a critical milestone.

    A weekend, bank holiday or closure inside a milestone is no day of it (nobody works then),
    so leave that falls only there is no clash.
    """
    found = []
    calendar = plan.calendar
    for item in critical:
        start = calendar.day_date(plan.notified, item.start_day)
        end = calendar.day_date(plan.notified, item.end_day)
        for day in sorted(d for d in avoided if start <= d <= end and calendar.is_working_day(d)):
            found.append(Clash(day, item.name, avoided[day]))
    return tuple(sorted(found, key=lambda c: (c.date, c.milestone)))


def avoided_days(spans: Iterable[DateSpan]) -> dict[date, str]:
    days: dict[date, str] = {}
    for span in spans:
        for day in span.days():
            days.setdefault(day, span.name)
    return days


def window(
    framework: Framework,
    calendar: WorkingCalendar,
    source: CalendarSource,
    first: date,
    last: date,
    critical: Sequence[Critical],
    avoid: Iterable[DateSpan],
) -> Iterator[Candidate]:
    avoided = avoided_days(avoid)
    for notified in candidate_dates(calendar, first, last):
        plan = build_plan(framework, notified, calendar, source)
        yield Candidate(plan, clashes_for(plan, critical, avoided))


def clash_free_runs(candidates: Sequence[Candidate]) -> list[tuple[date, date, int]]:
    """Runs of consecutive candidates with no clash: (first, last, length), longest first."""
    runs = []
    for clear, group in groupby(candidates, key=lambda candidate: not candidate.clashes):
        if clear:
            members = list(group)
            runs.append((members[0].plan.notified, members[-1].plan.notified, len(members)))
    return sorted(runs, key=lambda run: (-run[2], run[0]))
