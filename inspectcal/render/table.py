"""The plan as a Rich table for the terminal."""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from inspectcal.plan import Plan
from inspectcal.render import calendar_note, day_label, forecast_text, human_span, plan_heading

_WHO_STYLE = {"ofsted": "cyan", "council": "green", "both": "magenta"}


def console_for(stream: TextIO) -> Console:
    """A console that writes no ANSI codes when piped or when NO_COLOR is set."""
    plain = "NO_COLOR" in os.environ or not stream.isatty()
    return Console(
        file=stream,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def render(plan: Plan, stream: TextIO) -> None:
    table = Table(title=plan_heading(plan), title_justify="left", header_style="bold")
    table.add_column("Day", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Milestone")
    table.add_column("Who", no_wrap=True)
    for m in plan.milestones:
        who = Text(m.who, style=_WHO_STYLE.get(m.who, ""))
        table.add_row(day_label(m), human_span(m.start, m.end), m.title, who)
    console = console_for(stream)
    console.print(table)
    forecast = forecast_text(plan)
    if forecast:
        console.print(forecast)
    console.print(calendar_note(plan))
