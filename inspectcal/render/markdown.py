"""The plan as a Markdown table, to paste into a briefing note."""

from __future__ import annotations

from typing import TextIO

from inspectcal.plan import Plan
from inspectcal.render import calendar_note, day_label, forecast_text, human_span, plan_heading


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render(plan: Plan, stream: TextIO) -> None:
    stream.write(f"**{_cell(plan_heading(plan))}**\n\n")
    stream.write("| Day | Date | Milestone | Who |\n|---:|---|---|---|\n")
    for m in plan.milestones:
        stream.write(f"| {day_label(m)} | {human_span(m.start, m.end)} | {_cell(m.title)} | {m.who} |\n")
    forecast = forecast_text(plan)
    if forecast:
        stream.write(f"\n{_cell(forecast)}\n")
    stream.write(f"\n{_cell(calendar_note(plan))}\n")
