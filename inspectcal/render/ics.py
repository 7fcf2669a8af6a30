"""The plan as an iCalendar file (RFC 5545) that Outlook, Google, Apple and Thunderbird import.

Each milestone is one all-day event (DTEND is the day after its last day, as RFC 5545 wants),
or with ``per_day`` one event per working day. UIDs depend on the authority, framework and
milestone but not on the dates, so a recomputed plan moves events instead of copying them.
Escaping and line folding are icalendar's.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from icalendar import Alarm, Calendar, Event, vText

from inspectcal import __version__
from inspectcal.plan import Milestone, Plan
from inspectcal.render import day_label, forecast_text, human_date, human_span

_CATEGORIES = {"ofsted": ["Ofsted"], "council": ["Council"], "both": ["Ofsted", "Council"]}
_WHO = {"ofsted": "Ofsted", "council": "the council", "both": "Ofsted and the council"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class IcsOptions:
    stamp: datetime = _EPOCH  # DTSTAMP: the time of export, passed in by the caller
    remind: timedelta | None = None  # an alarm this long before each event starts
    per_day: bool = False
    busy: bool = False
    calendar_name: str | None = None


def uid_for(plan: Plan, milestone_id: str, day: int | None = None) -> str:
    """Stable across re-plans of the same authority and framework; other authorities differ.

    64 bits from two checksums of the authority and framework (hashlib would add 2 ms to
    every export); the milestone id is spelled out, so UIDs within a plan never collide.
    """
    key = f"{plan.authority or ''}\x00{plan.framework.id}".encode()
    owner = f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"
    part = f"{milestone_id}-day{day}" if day is not None else milestone_id
    return f"{part}-{owner}@inspectcal"


def _summary(plan: Plan, text: str) -> str:
    return f"{plan.authority}: {text}" if plan.authority else text


def _description(plan: Plan, m: Milestone, start: date, end: date) -> str:
    days = "Day" if m.start_day == m.end_day else "Days"
    lines = [
        m.title,
        f"{days} {day_label(m)} ({human_span(m.start, m.end)}) of the {plan.framework.title} "
        f"[{plan.framework.id}], notified {human_date(plan.notified)}.",
        f"Who acts: {_WHO[m.who]}.",
        f"Working days: {plan.source.describe()}.",
    ]
    skipped = plan.skipped_between(start, end)
    if skipped:
        lines.append(
            "Skipped in these dates: " + "; ".join(f"{human_date(s.date)} {s.name}" for s in skipped) + "."
        )
    link = plan.framework.record
    if link is not None and link.milestone == m.id:
        forecast = forecast_text(plan)  # the spread from Ofsted's record, or why there is none
        if forecast:
            lines.append(forecast)
    if plan.framework.status != "authoritative":
        lines.append(f"Framework status: {plan.framework.status}. {plan.framework.source}")
    return "\n".join(lines)


def _event(
    plan: Plan, m: Milestone, options: IcsOptions, *, uid: str, summary: str, start: date, end: date
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", options.stamp)
    event.add("dtstart", start)
    event.add("dtend", end + timedelta(days=1))
    event.add("summary", _summary(plan, summary))
    event.add("description", _description(plan, m, start, end))
    event.add("categories", _CATEGORIES[m.who])
    event.add("transp", "OPAQUE" if options.busy else "TRANSPARENT")
    if options.remind is not None:
        # Sub-components serialise after the event's own properties, which Outlook 365 requires.
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -options.remind)
        alarm.add("description", _summary(plan, summary))
        event.add_component(alarm)
    return event


def build_calendar(plan: Plan, options: IcsOptions) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//inspectcal//inspectcal {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if options.calendar_name:
        # A calendar's name is one line; vText escapes commas, semicolons and backslashes.
        name = vText(" ".join(options.calendar_name.split()))
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    for m in plan.milestones:
        if options.per_day and m.start_day != m.end_day:
            count = m.end_day - m.start_day + 1
            for index, (day, when) in enumerate(plan.working_dates(m), start=1):
                summary = f"Day {day} ({index} of {count}): {m.title}"
                uid = uid_for(plan, m.id, day)
                calendar.add_component(
                    _event(plan, m, options, uid=uid, summary=summary, start=when, end=when)
                )
        else:
            days = "Day" if m.start_day == m.end_day else "Days"
            summary = f"{days} {day_label(m)}: {m.title}"
            calendar.add_component(
                _event(plan, m, options, uid=uid_for(plan, m.id), summary=summary, start=m.start, end=m.end)
            )
    return calendar


def render(plan: Plan, stream: TextIO, options: IcsOptions | None = None) -> None:
    stream.write(build_calendar(plan, options or IcsOptions()).to_ical().decode("utf-8"))
