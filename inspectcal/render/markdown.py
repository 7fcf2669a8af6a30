"""The plan as a Markdown table, to paste into a briefing note."""

from __future__ import annotations

import re
from typing import TextIO

from inspectcal.plan import Plan
from inspectcal.render import calendar_note, day_label, forecast_text, human_span, plan_heading

# Characters that Markdown (CommonMark, GitHub's tables) would read as emphasis, code, a link,
# strikethrough, HTML or a table cell's end; each is shown as itself after a backslash.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")


def escaped(text: str) -> str:
    """Text shown as typed in a Markdown table cell or paragraph: nothing in it formats."""
    return _SPECIAL.sub(lambda m: "\\" + m[0], text.replace("\n", " "))


def render(plan: Plan, stream: TextIO) -> None:
    stream.write(f"**{escaped(plan_heading(plan))}**\n\n")
    stream.write("| Day | Date | Milestone | Who |\n|---:|---|---|---|\n")
    for m in plan.milestones:
        stream.write(f"| {day_label(m)} | {human_span(m.start, m.end)} | {escaped(m.title)} | {m.who} |\n")
    forecast = forecast_text(plan)
    if forecast:
        stream.write(f"\n{escaped(forecast)}\n")
    stream.write(f"\n{escaped(calendar_note(plan))}\n")
