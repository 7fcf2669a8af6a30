"""Where an inspection stands: several lines of text, one line, or JSON."""

from __future__ import annotations

from typing import TextIO

from inspectcal.render import day_label, human_date, human_span, indicative_note
from inspectcal.render.json import dump, milestone_to_dict
from inspectcal.status import Status, describe


def render(status: Status, fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        data = {
            "on": status.on.isoformat(),
            "day": status.day,
            "last_day": status.last_day,
            "notified": status.plan.notified.isoformat(),
            "framework_status": status.plan.framework.status,
            "summary": describe(status),
            "next_working_day": {"date": status.next_working_day.isoformat(), "day": status.next_day},
            "today": [milestone_to_dict(m) for m in status.today],
            "upcoming": [milestone_to_dict(m) for m in status.upcoming],
        }
        dump(data, stream)
        return
    note = indicative_note(status.plan.framework)
    if fmt == "line":
        stream.write(describe(status) + (" (indicative timetable)" if note else "") + "\n")
        return
    stream.write(f"{human_date(status.on)}: {describe(status)}\n")
    if status.today:
        stream.write("Today:\n")
        for m in status.today:
            stream.write(f"  Day {day_label(m):>5}  {m.title} ({m.who})\n")
    if status.upcoming:
        stream.write("Coming up:\n")
        for m in status.upcoming:
            stream.write(f"  Day {day_label(m):>5}  {human_span(m.start, m.end)}: {m.title} ({m.who})\n")
    if note:
        stream.write(note + "\n")
