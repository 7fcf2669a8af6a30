"""Commands that plan from one notification date or count days: plan, date, day, add, between, holidays."""

# No `from __future__ import annotations` here: Typer reads these annotations as objects,
# and evaluating strings for every command would cost start-up time.

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from inspectcal.cli.app import app
from inspectcal.cli.options import (
    AnchorOption,
    CalendarArgs,
    Force,
    FrameworkOption,
    ListFormat,
    Notified,
    Output,
    Params,
    PlanFormat,
    PlanNotified,
    calendar_from_options,
    document_time,
    emit,
    emit_bytes,
    export_time,
    framework_from_options,
    per_stdin_date,
    planned,
    read_date,
    report_bad_line,
    stdin_dates,
    stream_lines,
    today_date,
    warn_if_projected,
    with_calendar_options,
)
from inspectcal.errors import InputError, InspectcalError

# -- commands -------------------------------------------------------------------

_NUMBER_ARGS = {"ignore_unknown_options": True}  # lets "-3" through as a number, not an option


@app.command(epilog="Example: inspectcal plan --notified 2010-02-22 --format json")
@with_calendar_options
def plan(
    *,
    notified: PlanNotified = None,
    anchor: AnchorOption = None,
    name: Annotated[
        str | None, typer.Option("--name", metavar="AUTHORITY", help="The local authority, shown in titles.")
    ] = None,
    framework: FrameworkOption = "slac-2009",
    param: Params = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", help="Output format.")] = PlanFormat.table,
    output: Output = None,
    force: Force = False,
    remind: Annotated[
        str | None,
        typer.Option(
            "--remind",
            metavar="DURATION",
            help="ics: an alarm this long before each event (1d, 2h, 30m).",
        ),
    ] = None,
    per_day: Annotated[
        bool,
        typer.Option(
            "--per-day",
            help="ics: one event per working day of a range (weekends stay free).",
        ),
    ] = False,
    busy: Annotated[
        bool,
        typer.Option(
            "--busy",
            help="ics: show events as busy (default: free, they block nobody's diary).",
        ),
    ] = False,
    calendar_name: Annotated[
        str | None,
        typer.Option(
            "--calendar-name",
            metavar="TEXT",
            help="ics: name the calendar (Outlook then opens the file as a new calendar).",
        ),
    ] = None,
    calendar_options: CalendarArgs,
) -> None:
    """Date every milestone of an inspection from its notification date.

    --format xlsx and docx write files to edit in Excel or Word: give -o FILE, or redirect stdout.
    """
    ics_only = {
        "--remind": remind is not None,
        "--per-day": per_day,
        "--busy": busy,
        "--calendar-name": calendar_name is not None,
    }
    misplaced = [option for option, given in ics_only.items() if given]
    if misplaced and fmt is not PlanFormat.ics:
        raise InputError(f"{misplaced[0]} applies only to calendar files: add --format ics")
    if notified == "-":
        chosen = framework_from_options(framework, param)
        source, calendar = calendar_from_options(*calendar_options)
        if anchor is not None or fmt not in (PlanFormat.jsonl, PlanFormat.csv):
            raise InputError(
                "--notified - reads one date a line from stdin: use it with --format jsonl or csv"
            )
        _plan_batch(chosen, calendar, source, name, fmt, output, force)
        return
    result = planned(framework, param, notified, anchor, name, calendar_options)
    if fmt in (PlanFormat.xlsx, PlanFormat.docx):
        _plan_document(result, fmt, output, force)
        return
    buffer = io.StringIO()
    if fmt is PlanFormat.ics:
        from inspectcal.dates import parse_duration
        from inspectcal.render.ics import IcsOptions, render

        alarm = None if remind is None else parse_duration(remind)
        options = IcsOptions(export_time(), alarm, per_day, busy, calendar_name)
        render(result, buffer, options)
    else:
        from inspectcal.render import get_renderer

        get_renderer(fmt.value)(result, buffer)
    emit(buffer.getvalue(), output, force)


def _plan_document(result: Any, fmt: PlanFormat, output: str | None, force: bool) -> None:
    if fmt is PlanFormat.xlsx:
        from inspectcal.render.xlsx import plan_workbook

        data = plan_workbook(result, document_time())
    else:
        from inspectcal.render.docx import plan_document

        data = plan_document(result, document_time())
    emit_bytes(data, output, force, fmt.value)


def _plan_batch(
    framework: Any,
    calendar: Any,
    source: Any,
    name: str | None,
    fmt: PlanFormat,
    output: str | None,
    force: bool,
) -> None:
    if fmt is PlanFormat.jsonl:
        from inspectcal.render.jsonl import JsonlWriter

        writer = JsonlWriter(framework, calendar, source, name)

        def render(day: date) -> str:
            buffer = io.StringIO()
            warn_if_projected(source, writer.write(day, buffer))
            return buffer.getvalue()
    else:
        from inspectcal.plan import build_plan
        from inspectcal.render.csv import HEADER, rows

        def render(day: date) -> str:
            plan = build_plan(framework, day, calendar, source, authority=name)
            warn_if_projected(source, plan.last)
            return rows(plan, with_notified=True)

    def results() -> Iterator[str | None]:
        if fmt is PlanFormat.csv:
            from inspectcal.render.csv import csv_line

            yield csv_line(("notified", *HEADER))
        for number, _, day in stdin_dates():
            try:
                if isinstance(day, InspectcalError):
                    raise day
                yield render(day)
            except InspectcalError as error:
                report_bad_line(number, error)
                yield None

    stream_lines(results(), output, force)


@app.command(
    "date", context_settings=_NUMBER_ARGS, epilog="Example: inspectcal date 11 20 40 --notified 2010-02-22"
)
@with_calendar_options
def date_of_day(
    days: Annotated[
        list[int], typer.Argument(metavar="N...", help="Day numbers (Day 1 is the notification date).")
    ],
    *,
    notified: Notified,
    calendar_options: CalendarArgs,
) -> None:
    """Print the date of each Day N, one ISO date per line.

    With --notified - it reads notification dates from stdin, one a line, and prints for each
    a line of tab-separated dates: the notification date, then each Day N.
    """
    source, calendar = calendar_from_options(*calendar_options)

    def dates_of(start: date) -> list[str]:
        found = [calendar.day_date(start, n) for n in days]
        warn_if_projected(source, *found)
        return [d.isoformat() for d in found]

    if notified == "-":
        stream_lines(per_stdin_date(dates_of), None, False)
        return
    emit("".join(f"{line}\n" for line in dates_of(read_date(notified, "--notified"))), None, False)


@app.command("day", epilog="Example: inspectcal day 2010-03-08 19/03/2010 --notified 2010-02-22")
@with_calendar_options
def day_of_date(
    dates: Annotated[list[str], typer.Argument(metavar="DATE...", help="Dates to number.")],
    *,
    notified: Notified,
    calendar_options: CalendarArgs,
) -> None:
    """Print the Day number of each date, one per line."""
    source, calendar = calendar_from_options(*calendar_options)
    wanted = [read_date(text, "DATE") for text in dates]
    warn_if_projected(source, *wanted)
    for when in wanted:
        if not calendar.is_working_day(when):
            following = calendar.next_working_day(when)
            raise InputError(
                f"{calendar.describe_non_working(when)}, not a working day, so it has no Day number; "
                f"the next working day is {following.isoformat()}"
            )

    def numbers_for(start: date) -> list[str]:
        return [str(calendar.day_number(start, when)) for when in wanted]

    if notified == "-":
        stream_lines(per_stdin_date(numbers_for), None, False)
        return
    emit("".join(f"{n}\n" for n in numbers_for(read_date(notified, "--notified"))), None, False)


@app.command(context_settings=_NUMBER_ARGS, epilog="Example: inspectcal add 2010-02-22 39")
@with_calendar_options
def add(
    start: Annotated[str, typer.Argument(metavar="DATE", help="The date to count from.")],
    n: Annotated[int, typer.Argument(metavar="N", help="Working days to add (negative counts back).")],
    *,
    calendar_options: CalendarArgs,
) -> None:
    """Print the date N working days after DATE (like a spreadsheet's WORKDAY)."""
    source, calendar = calendar_from_options(*calendar_options)
    result = calendar.add(read_date(start, "DATE"), n)
    warn_if_projected(source, result)
    emit(f"{result.isoformat()}\n", None, False)


@app.command(epilog="Example: inspectcal between 2010-02-22 2010-04-20")
@with_calendar_options
def between(
    first: Annotated[str, typer.Argument(metavar="A", help="The first date.")],
    second: Annotated[str, typer.Argument(metavar="B", help="The second date.")],
    *,
    inclusive: Annotated[
        bool, typer.Option("--inclusive", help="Count A as well (spreadsheet NETWORKDAYS).")
    ] = False,
    calendar_options: CalendarArgs,
) -> None:
    """Print the working days after A up to and including B (negative if B is before A)."""
    source, calendar = calendar_from_options(*calendar_options)
    a, b = read_date(first, "A"), read_date(second, "B")
    warn_if_projected(source, a, b)
    count = calendar.between(a, b, inclusive=inclusive)
    emit(f"{count}\n", None, False)


@app.command(epilog="Example: inspectcal holidays --year 2022 --format json")
@with_calendar_options
def holidays(
    *,
    year: Annotated[int | None, typer.Option("--year", help="Calendar year (default: this year).")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
    output: Output = None,
    force: Force = False,
    calendar_options: CalendarArgs,
    compare: Annotated[
        Path | None,
        typer.Option(
            "--compare",
            metavar="FILE",
            help="Instead: list where a gov.uk-format file and the built-in data disagree (weekdays).",
        ),
    ] = None,
) -> None:
    """List the weekday bank holidays and closures that are skipped in a year."""
    from inspectcal.render.days_off import render_days_off

    if compare is not None:
        from inspectcal.calendars import compare_official
        from inspectcal.render.days_off import render_disagreements

        buffer = io.StringIO()
        render_disagreements(compare_official(compare), str(compare), fmt.value, buffer)
        emit(buffer.getvalue(), output, force)
        return
    source, calendar = calendar_from_options(*calendar_options)
    chosen = today_date().year if year is None else year
    if not calendar.first.year <= chosen <= calendar.last.year:
        raise InputError(
            f"--year {chosen} is outside the supported years {calendar.first.year} to {calendar.last.year}"
        )
    days = calendar.days_off_between(date(chosen, 1, 1), date(chosen, 12, 31))
    buffer = io.StringIO()
    render_days_off(days, chosen, source, fmt.value, buffer)
    emit(buffer.getvalue(), output, force)
