"""Where an inspection stands: several lines of text, one line, or JSON."""

from __future__ import annotations

from typing import TextIO

from inspectcal.render import (
    day_label,
    forecast_text,
    human_date,
    human_span,
    indicative_note,
    output_width,
    wrap_line,
)
from inspectcal.render.json import milestone_to_dict, with_forecast
from inspectcal.render.rows import Rows
from inspectcal.render.writer import write_rows
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
            "today": [with_forecast(status.plan, milestone_to_dict(m)) for m in status.today],
            "upcoming": [with_forecast(status.plan, milestone_to_dict(m)) for m in status.upcoming],
        }
        write_rows(Rows(json=data, csv_header=(), csv_rows=()), fmt, stream)
        return
    note = indicative_note(status.plan.framework)
    if fmt == "line":
        stream.write(describe(status) + (" (indicative timetable)" if note else "") + "\n")
        return
    width = output_width(stream)

    def line(text: str, indent: str = "") -> None:
        stream.write(wrap_line(text, width, indent) + "\n")

    line(f"{human_date(status.on)}: {describe(status)}")
    if status.today:
        stream.write("Today:\n")
        for m in status.today:
            line(f"  Day {day_label(m):>5}  {m.title} ({m.who})", " " * 13)
    if status.upcoming:
        stream.write("Coming up:\n")
        for m in status.upcoming:
            line(f"  Day {day_label(m):>5}  {human_span(m.start, m.end)}: {m.title} ({m.who})", " " * 13)
    forecast = status.plan.forecast
    if forecast is not None and status.on <= forecast.p90:
        # Publication's Day is only the earliest likely date: until nine in ten were out, say so.
        line(f"{forecast_text(status.plan)}")
    if note:
        line(note)
