"""The plan as an iCalendar file (RFC 5545) that Outlook, Google, Apple and Thunderbird import.

Each milestone is one all-day event (DTEND is the day after its last day, as RFC 5545 wants),
or with ``per_day`` one event per working day. UIDs depend on the authority (normalised), the
framework and the milestone but not on the dates; SEQUENCE rises with the export time, so a
client that honours UID and SEQUENCE takes a recomputed plan as the newer version of the same
events. There is no METHOD: the file is a plain snapshot (RFC 5545), which Outlook reads as
PUBLISH (MS-OXCICAL), and not an iTIP message that would need an ORGANIZER (RFC 5546).
Escaping and line folding are icalendar's.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from icalendar import Alarm, Calendar, Event

from inspectcal import __version__
from inspectcal.errors import InputError
from inspectcal.labels import clean_label, label_key
from inspectcal.plan import Milestone, Plan
from inspectcal.render import days_label, forecast_text, human_date, human_span

_CATEGORIES = {"ofsted": ["Ofsted"], "council": ["Council"], "both": ["Ofsted", "Council"]}
_WHO = {"ofsted": "Ofsted", "council": "the council", "both": "Ofsted and the council"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class IcsOptions:
    stamp: datetime = _EPOCH  # DTSTAMP: the time of export, passed in by the caller
    remind: timedelta | None = None  # an alarm this long before each event starts (negative: after)
    per_day: bool = False
    busy: bool = False
    calendar_name: str | None = None


_REMINDER_AT = re.compile(r"(\d{1,3})d@(\d{1,2}):(\d{2})")
_CALENDAR_NAME_REFUSED = ",;\\"


def parse_reminder(text: str) -> timedelta:
    """How long before an all-day event's start (midnight) its alarm fires; negative is after.

    ``1d``, ``2h``, ``1d12h``: that long before the event starts, so ``2h`` is 22:00 the
    evening before. ``1d@09:00``: at 09:00 one day before the event's first day. Either way
    the alarm is a TRIGGER relative to the start, which is how an all-day reminder at a time
    of day is written in RFC 5545. Never after the start: Outlook takes the absolute value of
    a TRIGGER duration (MS-OXCICAL, VALARM), so ``PT8H30M`` would fire at 15:30
    the day before there, not at 08:30 on the day.
    """
    from inspectcal.dates import parse_duration

    cleaned = text.strip().lower().replace(" ", "")
    if "@" not in cleaned:
        return parse_duration(text)
    match = _REMINDER_AT.fullmatch(cleaned)
    if match is None:
        raise InputError(
            f"cannot read '{text}' as a reminder: give whole days and a time of day, e.g. 1d@09:00 "
            "(or a duration such as 1d, 2h, 30m)"
        )
    days, hour, minute = (int(part) for part in match.groups())
    if hour > 23 or minute > 59:
        raise InputError(f"reminder '{text}': {hour:02d}:{minute:02d} is not a time of day (00:00 to 23:59)")
    if days > 366:
        raise InputError(f"reminder '{text}' is too far ahead: give at most 366 days")
    if days == 0 and (hour, minute) != (0, 0):
        raise InputError(
            f"reminder '{text}' falls after the event starts at midnight, which Outlook moves to "
            "the day before: give 1d@HH:MM (the day before) or more"
        )
    return timedelta(days=days) - timedelta(hours=hour, minutes=minute)


def clean_calendar_name(text: str) -> str:
    """A ``--calendar-name``: one clean line, without the characters some clients show escaped.

    X-WR-CALNAME is TEXT, so ``, ; \\`` are written escaped; Thunderbird shows such a name
    with its backslashes (``Kent\\, ILACS``). Refused, so the name reads as typed everywhere.
    """
    cleaned = clean_label(text, "--calendar-name")
    refused = sorted({char for char in cleaned if char in _CALENDAR_NAME_REFUSED})
    if refused:
        shown = " ".join(refused)
        raise InputError(
            f"--calendar-name cannot contain {shown} (some calendar apps show them with a backslash): "
            "use - or / instead"
        )
    return cleaned


def sequence_for(stamp: datetime) -> int:
    """SEQUENCE: whole minutes from 1970 to the export time, so each later export is newer.

    Fits RFC 5545's 32-bit INTEGER for millennia; two exports in the same minute share it,
    and then DTSTAMP tells them apart (RFC 5546 section 2.1.5).
    """
    return max(0, int((stamp - _EPOCH).total_seconds()) // 60)


def uid_for(plan: Plan, milestone_id: str, day: int | None = None) -> str:
    """Stable across re-plans of the same authority and framework; other authorities differ.

    The authority is compared as ``label_key`` has it (``Kent``, ``kent`` and ``Kent `` are
    one authority). 64 bits from two checksums of the authority and framework (hashlib would
    add 2 ms to every export); the milestone id is spelled out, so UIDs within a plan never
    collide, and a ``per_day`` event (``fieldwork-day11-...``) never shares a range's UID.
    """
    key = f"{label_key(plan.authority or '')}\x00{plan.framework.id}".encode()
    owner = f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"
    part = f"{milestone_id}-day{day}" if day is not None else milestone_id
    return f"{part}-{owner}@inspectcal"


def _summary(plan: Plan, text: str) -> str:
    return f"{plan.authority}: {text}" if plan.authority else text


def _description(plan: Plan, m: Milestone, start: date, end: date) -> str:
    lines = [
        m.title,
        f"{days_label(m.start_day, m.end_day)} ({human_span(m.start, m.end)}) of the {plan.framework.title} "
        f"[{plan.framework.id}], notified {human_date(plan.notified)}.",
        f"Who acts: {_WHO[m.who]}.",
        f"Working days: {plan.source.describe(closed=plan.closed_days)}.",
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
    event.add("sequence", sequence_for(options.stamp))
    event.add("dtstart", start)
    event.add("dtend", end + timedelta(days=1))
    event.add("summary", _summary(plan, summary))
    event.add("description", _description(plan, m, start, end))
    event.add("categories", _CATEGORIES[m.who])
    event.add("transp", "OPAQUE" if options.busy else "TRANSPARENT")
    # Outlook takes free/busy from this and falls back to TRANSP only without it (MS-OXCICAL).
    event.add("x-microsoft-cdo-busystatus", "BUSY" if options.busy else "FREE")
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
    if options.calendar_name:
        name = clean_calendar_name(options.calendar_name)
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
            summary = f"{days_label(m.start_day, m.end_day)}: {m.title}"
            calendar.add_component(
                _event(plan, m, options, uid=uid_for(plan, m.id), summary=summary, start=m.start, end=m.end)
            )
    return calendar


def render(plan: Plan, stream: TextIO, options: IcsOptions | None = None) -> None:
    stream.write(build_calendar(plan, options or IcsOptions()).to_ical().decode("utf-8"))
