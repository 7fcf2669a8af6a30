"""One module per output format, each with ``render(plan, stream)``.

Modules are imported only when their format is asked for, so that a json run never
pays for importing rich (or icalendar).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

from inspectcal.dates import MONTH_ABBREVIATIONS

if TYPE_CHECKING:
    from inspectcal.elections import Pause
    from inspectcal.frameworks import Framework
    from inspectcal.plan import Milestone, Plan

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


_NARROWEST = 20  # below this no text is readable; a terminal reporting less is taken as 80


def output_width(stream: TextIO) -> int:
    """``COLUMNS`` when set; else the terminal's width when writing to one; else 80."""
    import io
    import os
    import sys

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= _NARROWEST:
        return int(columns)
    for candidate in (stream, sys.stdout):
        try:
            if candidate.isatty():
                found = os.get_terminal_size(candidate.fileno()).columns
                return found if found >= _NARROWEST else 80
        except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
            continue
    return 80


def wrap_line(text: str, width: int, indent: str = "") -> str:
    """``text`` wrapped at spaces to ``width`` (later lines indented by ``indent``), never inside
    a date ('Tue 9 Mar 2010') or a 'Day 12', and never cutting a word: nothing is lost."""
    import re
    import textwrap

    days, months = "|".join(_DAYS), "|".join(MONTH_ABBREVIATIONS)
    keep = re.compile(rf"\b(?:(?:{days}) \d{{1,2}} (?:{months})(?: \d{{4}})?|Days? \d+|\d+(?:\.\d+)? [KM]B)")
    held = keep.sub(lambda m: m.group(0).replace(" ", "\xa0"), text)
    lines = textwrap.wrap(
        held, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )
    return "\n".join(lines).replace("\xa0", " ") if lines else text


def get_renderer(fmt: str) -> Callable[[Plan, TextIO], None]:
    module = import_module(f"inspectcal.render.{fmt}")
    renderer: Callable[[Plan, TextIO], None] = module.render
    return renderer


def human_date(day: date, *, year: bool = True) -> str:
    """'Mon 22 Feb 2010' (English names whatever the locale)."""
    text = f"{_DAYS[day.weekday()]} {day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def human_span(start: date, end: date) -> str:
    """'Mon 8 Mar - Fri 19 Mar 2010'; the year is written once when both share it."""
    if start == end:
        return human_date(start)
    return f"{human_date(start, year=start.year != end.year)} - {human_date(end)}"


def day_numbers(start_day: int, end_day: int) -> str:
    """'5', or '11-20' for a range of Days."""
    return str(start_day) if start_day == end_day else f"{start_day}-{end_day}"


def days_label(start_day: int, end_day: int) -> str:
    """'Day 5', or 'Days 11-20' for a range: every output names Days this way."""
    word = "Day" if start_day == end_day else "Days"
    return f"{word} {day_numbers(start_day, end_day)}"


def day_label(milestone: Milestone) -> str:
    """The milestone's Day numbers: '5' or '11-20'."""
    return day_numbers(milestone.start_day, milestone.end_day)


def plan_heading(plan: Plan) -> str:
    who = f"{plan.authority}: " if plan.authority else ""
    heading = f"{who}{plan.framework.title}, notified {human_date(plan.notified)}"
    if plan.anchor is not None:
        heading += f" (from Day {plan.anchor.day} on {human_date(plan.anchor.date)})"
    return heading


def indicative_note(framework: Framework) -> str | None:
    """The label every output of an indicative framework carries; None for an authoritative one."""
    if framework.status == "authoritative":
        return None
    return (
        f"Indicative: {framework.title} is not an Ofsted timetable "
        f"(see 'inspectcal frameworks show {framework.id}')."
    )


def calendar_note(plan: Plan) -> str:
    """One sentence naming the calendar and what it skipped inside the plan."""
    note = f"Working days: {plan.source.describe(closed=plan.closed_days)}."
    if plan.skipped:
        skipped = "; ".join(f"{human_date(d.date)} {d.name}" for d in plan.skipped)
        note += f" Skipped: {skipped}."
    else:
        note += " No bank holidays or closures fall inside this plan."
    if plan.framework.status != "authoritative":
        note += f" Framework status: {plan.framework.status}. {plan.framework.source}"
    return note


def forecast_text(plan: Plan) -> str | None:
    """'Publication: earliest Fri 13 Feb 2026; half by ...; 9 in 10 by ... (basis).', or None.

    When --param fixed the gap the record would otherwise set, says so instead.
    """
    forecast = plan.forecast
    link = plan.framework.record
    if forecast is None:
        if link is None or plan.framework.record_applies:
            return None
        value = plan.framework.parameters[link.parameter]
        return (
            f"{plan.milestone_title(link.milestone)}: {link.parameter} = {value} set by --param, so "
            "no forecast from Ofsted's record is shown."
        )
    text = (
        f"{plan.milestone_title(forecast.milestone)}: earliest {human_date(forecast.earliest)}; "
        f"half by {human_date(forecast.median)}; 9 in 10 by {human_date(forecast.p90)} "
        f"(Ofsted's record: {forecast.basis}, era from {human_date(forecast.era_start)})."
    )
    if forecast.note:
        text += f" This inspection is {forecast.note}."
    for pause, lag in forecast.moved_by:
        text += (
            f" Held back by the {poll_name(pause)}: Ofsted publishes no report on the authority from "
            f"{human_date(pause.start)} to polling day ({pause.rule}; {pause.source}); held reports "
            f"came out {lag.first}, {lag.median} and {lag.p90} working days after the poll at the "
            f"soonest, by half and by nine in ten (Ofsted's record: {lag.held} reports over {lag.polls} "
            f"poll{'s' if lag.polls != 1 else ''})."
        )
    if forecast.unmoved is not None:
        earliest, median, p90 = (human_date(day) for day in forecast.unmoved)
        text += f" Without the pause: earliest {earliest}; half by {median}; 9 in 10 by {p90}."
    if forecast.may_matter is not None:
        pause = forecast.may_matter
        text += (
            f" If the authority holds a poll on {human_date(pause.poll)} (the ordinary day of local "
            f"elections), reports are held from {human_date(pause.start)}: give --election "
            f"{pause.poll.isoformat()}."
        )
    return text


def poll_name(pause: Pause) -> str:
    """'general election of Thu 4 Jul 2024' or 'poll of Thu 7 May 2026'."""
    what = "general election" if pause.kind == "general" else "poll"
    return f"{what} of {human_date(pause.poll)}"
