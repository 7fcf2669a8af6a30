"""Commands that plan from one notification date or count days: plan, date, day, add, between, holidays."""

import io
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from inspectcal.cli.app import command, examples, subgroup
from inspectcal.cli.batch import (
    read_date_and_number,
    read_two_dates,
    run_batch,
    run_result_batch,
    stdin_items,
)
from inspectcal.cli.build import (
    calendar_from_options,
    framework_from_options,
    planned,
    read_date,
    read_polls,
    warn_if_projected,
)
from inspectcal.cli.defaults import DEFAULT_FRAMEWORK, DEFAULT_REGION
from inspectcal.cli.destination import OutputBuffer, emit, emit_bytes, emit_result, output_format
from inspectcal.cli.holidays_update import compare_stored, update
from inspectcal.cli.options import (
    ICS_PANEL,
    OUTPUT_PANEL,
    PLAN_PANEL,
    AnchorOption,
    BankHolidaysFile,
    CalendarOptions,
    Closed,
    ClosuresFile,
    Election,
    Force,
    FrameworkOption,
    ListFormat,
    NoBankHolidays,
    Notified,
    Output,
    Params,
    PlanFormat,
    PlanNotified,
    Region,
    ResultFormat,
)
from inspectcal.cli.timestamps import document_time, export_time, today_date
from inspectcal.errors import InputError

if TYPE_CHECKING:
    from inspectcal.plan import Plan
    from inspectcal.render.ics import IcsOptions

# -- commands -------------------------------------------------------------------

_NUMBER_ARGS = {"ignore_unknown_options": True}  # lets "-3" through as a number, not an option


@command(
    "plan",
    epilog=examples(
        "inspectcal plan --notified 2010-02-22",
        "inspectcal plan --notified 22/02/2010 --name Nottinghamshire --format json",
        "inspectcal plan --anchor fieldwork-start=2010-03-08 --region scotland",
        "inspectcal plan --notified 2010-02-22 --format ics --name Nottinghamshire -o plan.ics",
        "inspectcal plan --framework ilacs-standard --param publication_gap=21 --notified 2021-06-07",
    ),
)
def plan(
    ctx: typer.Context,
    *,
    notified: PlanNotified = None,
    anchor: AnchorOption = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="AUTHORITY",
            help="The local authority, shown in titles.",
            rich_help_panel=PLAN_PANEL,
        ),
    ] = None,
    framework: FrameworkOption = DEFAULT_FRAMEWORK,
    param: Params = None,
    election: Election = None,
    fmt: Annotated[
        PlanFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",  # the choices are in the help, which wraps (a metavar cannot)
            help="Output format: table, json, jsonl, csv, markdown, ics, svg, html, xlsx or docx "
            "(default: table, or what -o FILE's name says).",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = PlanFormat.table,
    output: Output = None,
    force: Force = False,
    remind: Annotated[
        str | None,
        typer.Option(
            "--remind",
            metavar="WHEN",
            help="ics: an alarm at a time of day some days before each event (1d@09:00), "
            "or this long before its start at midnight (1d, 2h, 30m).",
            rich_help_panel=ICS_PANEL,
        ),
    ] = None,
    per_day: Annotated[
        bool,
        typer.Option(
            "--per-day",
            help="ics: one event per working day of a range (weekends stay free).",
            rich_help_panel=ICS_PANEL,
        ),
    ] = False,
    busy: Annotated[
        bool,
        typer.Option(
            "--busy",
            help="ics: show events as busy (default: free, they block nobody's diary).",
            rich_help_panel=ICS_PANEL,
        ),
    ] = False,
    calendar_name: Annotated[
        str | None,
        typer.Option(
            "--calendar-name",
            metavar="TEXT",
            help="ics: name the calendar (Outlook then opens the file as a new calendar).",
            rich_help_panel=ICS_PANEL,
        ),
    ] = None,
    picture: Annotated[
        bool,
        typer.Option(
            "--picture", help="docx: add the timeline picture under the table.", rich_help_panel=OUTPUT_PANEL
        ),
    ] = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Date every milestone of an inspection from its notification date.

    --format xlsx and docx write files to edit in Excel or Word: give -o FILE, or redirect stdout.
    """
    fmt = output_format(ctx, output, fmt)
    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    ics = _ics_options(fmt, remind, per_day, busy, calendar_name)
    if picture and fmt is not PlanFormat.docx:
        raise InputError("--picture applies only to Word files: add --format docx")
    if name is not None:
        from inspectcal.labels import clean_label

        name = clean_label(name, "--name")
    if notified == "-":
        _plan_batch(framework, param, anchor, name, fmt, calendar_options, output, force, election)
        return
    result = planned(framework, param, notified, anchor, name, calendar_options, election)
    _write_plan(result, fmt, ics, output, force, picture=picture)
    if ics is not None and name is None:
        sys.stderr.write(
            f"Warning: without --name, every unnamed {result.framework.id} plan has these same "
            "event UIDs, so a calendar may take one inspection's events for another's: "
            "add --name AUTHORITY\n"
        )


def _write_plan(
    result: "Plan",
    fmt: PlanFormat,
    ics: "IcsOptions | None",
    output: str | None,
    force: bool,
    *,
    picture: bool = False,
) -> None:
    """One plan in the chosen format, to --output or stdout."""
    if fmt in (PlanFormat.xlsx, PlanFormat.docx):
        _plan_document(result, fmt, output, force, picture)
        return
    buffer = OutputBuffer(output)
    if ics is not None:
        from inspectcal.render.ics import render

        render(result, buffer, ics)
    else:
        from inspectcal.render import get_renderer

        get_renderer(fmt.value)(result, buffer)
    emit(buffer.getvalue(), output, force)


def _ics_options(
    fmt: PlanFormat, remind: str | None, per_day: bool, busy: bool, calendar_name: str | None
) -> "IcsOptions | None":
    """The calendar file's options for --format ics; for other formats, refuse ics-only options."""
    if fmt is not PlanFormat.ics:
        ics_only = {
            "--remind": remind is not None,
            "--per-day": per_day,
            "--busy": busy,
            "--calendar-name": calendar_name is not None,
        }
        misplaced = [option for option, given in ics_only.items() if given]
        if misplaced:
            raise InputError(f"{misplaced[0]} applies only to calendar files: add --format ics")
        return None
    from inspectcal.render.ics import IcsOptions, clean_calendar_name, parse_reminder

    alarm = None if remind is None else parse_reminder(remind)
    title = None if calendar_name is None else clean_calendar_name(calendar_name)
    return IcsOptions(export_time(), alarm, per_day, busy, title)


def _plan_document(result: "Plan", fmt: PlanFormat, output: str | None, force: bool, picture: bool) -> None:
    if fmt is PlanFormat.xlsx:
        from inspectcal.render.xlsx import plan_workbook

        data = plan_workbook(result, document_time())
    else:
        from inspectcal.render.docx import plan_document

        data = plan_document(result, document_time(), picture=picture)
    emit_bytes(data, output, force, fmt.value)


def _plan_batch(
    framework: str,
    param: list[str] | None,
    anchor: str | None,
    name: str | None,
    fmt: PlanFormat,
    calendar_options: CalendarOptions,
    output: str | None,
    force: bool,
    election: list[str] | None,
) -> None:
    """``plan --notified -``: a plan for each stdin date, one JSON line or CSV rows each."""
    chosen = framework_from_options(framework, param)
    source, calendar = calendar_from_options(calendar_options)
    polls = read_polls(election)
    if anchor is not None or fmt not in (PlanFormat.jsonl, PlanFormat.csv):
        raise InputError("--notified - reads one date a line from stdin: use it with --format jsonl or csv")
    render: Callable[[date], str]
    header: list[str] = []
    if fmt is PlanFormat.jsonl:
        from inspectcal.render.jsonl import JsonlWriter

        writer = JsonlWriter(chosen, calendar, source, name, polls)

        def render(day: date) -> str:
            buffer = io.StringIO()
            warn_if_projected(source, writer.write(day, buffer))
            return buffer.getvalue()
    else:
        from inspectcal.plan import build_plan
        from inspectcal.render.csv import HEADER, csv_line, rows

        header.append(csv_line(("notified", *HEADER)))

        def render(day: date) -> str:
            plan = build_plan(chosen, day, calendar, source, authority=name, elections=polls)
            warn_if_projected(source, plan.last)
            return rows(plan, with_notified=True)

    run_batch(render, output, force, header=header)


ResultFormatOption = Annotated[
    ResultFormat, typer.Option("--format", help="Output format.", rich_help_panel=OUTPUT_PANEL)
]


@command(
    "date",
    context_settings=_NUMBER_ARGS,
    epilog=examples(
        "inspectcal date 11 20 40 --notified 2010-02-22",
        "inspectcal date 40 --notified 2010-02-22 --region ni --format json",
        "printf '2010-02-22\\n2011-02-21\\n' | inspectcal date 11 40 --notified -",
    ),
)
def date_of_day(
    ctx: typer.Context,
    days: Annotated[
        list[int], typer.Argument(metavar="N...", help="Day numbers (Day 1 is the notification date).")
    ],
    *,
    notified: Notified,
    fmt: ResultFormatOption = ResultFormat.text,
    output: Output = None,
    force: Force = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Print the date of each Day N, one ISO date per line.

    With --notified - it reads notification dates from stdin, one a line, and prints for each
    a line of tab-separated dates: the notification date, then each Day N.
    """
    fmt = output_format(ctx, output, fmt)
    from inspectcal.render.results import DATE

    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    source, calendar = calendar_from_options(calendar_options)

    def dates_of(start: date) -> dict[str, Any]:
        found = [calendar.day_date(start, n) for n in days]
        warn_if_projected(source, *found)
        return {
            "notified": start.isoformat(),
            "days": [{"day": n, "date": d.isoformat()} for n, d in zip(days, found, strict=True)],
        }

    if notified == "-":
        run_result_batch(dates_of, DATE, fmt, output, force)
        return
    emit_result(dates_of(read_date(notified, "--notified")), DATE, fmt, output, force)


@command(
    "day",
    epilog=examples(
        "inspectcal day 2010-03-08 19/03/2010 --notified 2010-02-22",
        "inspectcal day 2010-04-20 --notified 2010-02-22 --format csv",
    ),
)
def day_of_date(
    ctx: typer.Context,
    dates: Annotated[list[str], typer.Argument(metavar="DATE...", help="Dates to number.")],
    *,
    notified: Notified,
    fmt: ResultFormatOption = ResultFormat.text,
    output: Output = None,
    force: Force = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Print the Day number of each date, one per line.

    With --notified - it reads notification dates from stdin, one a line, and prints for each
    a line of tab-separated values: the notification date, then each date's Day number.
    """
    fmt = output_format(ctx, output, fmt)
    from inspectcal.render.results import DAY

    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    source, calendar = calendar_from_options(calendar_options)
    wanted = [read_date(text, "DATE") for text in dates]
    warn_if_projected(source, *wanted)
    for when in wanted:
        if not calendar.is_working_day(when):
            following = calendar.next_working_day(when)
            raise InputError(
                f"{calendar.describe_non_working(when)}, not a working day, so it has no Day number; "
                f"the next working day is {following.isoformat()}"
            )

    def numbers_for(start: date) -> dict[str, Any]:
        return {
            "notified": start.isoformat(),
            "dates": [{"date": when.isoformat(), "day": calendar.day_number(start, when)} for when in wanted],
        }

    if notified == "-":
        run_result_batch(numbers_for, DAY, fmt, output, force)
        return
    emit_result(numbers_for(read_date(notified, "--notified")), DAY, fmt, output, force)


@command(
    "add",
    context_settings=_NUMBER_ARGS,
    epilog=examples(
        "inspectcal add 2010-02-22 39",
        "inspectcal add 2010-12-20 10 --closed 2010-12-29..2010-12-31",
        "printf '2010-02-22 39\\n2011-02-21 -5\\n' | inspectcal add -",
    ),
)
def add(
    ctx: typer.Context,
    start: Annotated[str, typer.Argument(metavar="DATE", help="The date to count from; '-' reads stdin.")],
    n: Annotated[
        int | None,
        typer.Argument(
            metavar="N", help="Working days to add (negative counts back); with DATE '-', for every line."
        ),
    ] = None,
    *,
    fmt: ResultFormatOption = ResultFormat.text,
    output: Output = None,
    force: Force = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Print the date N working days after DATE (like a spreadsheet's WORKDAY).

    With DATE '-' it reads stdin, a line each: "DATE N" (or just DATE when N is given), and
    prints a tab-separated line for each: the date, N and the result.
    """
    fmt = output_format(ctx, output, fmt)
    from inspectcal.render.results import ADD

    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    if start != "-" and n is None:
        raise InputError("give N, the working days to add, e.g. inspectcal add 2010-02-22 39")
    source, calendar = calendar_from_options(calendar_options)

    def added(pair: tuple[date, int]) -> dict[str, Any]:
        day, count = pair
        result = calendar.add(day, count)
        warn_if_projected(source, result)
        return {"start": day.isoformat(), "n": count, "date": result.isoformat()}

    if start == "-":
        fixed = n
        items = (
            stdin_items(read_date_and_number, "add -")
            if fixed is None
            else stdin_items(lambda text: (read_date(text, "DATE"), fixed), "add -")
        )
        run_result_batch(added, ADD, fmt, output, force, what="add -", items=items)
        return
    assert n is not None
    emit_result(added((read_date(start, "DATE"), n)), ADD, fmt, output, force)


@command(
    "between",
    epilog=examples(
        "inspectcal between 2010-02-22 2010-04-20",
        "inspectcal between 2010-02-22 2010-04-20 --inclusive --format json",
        "printf '2010-02-22,2010-04-20\\n' | inspectcal between -",
    ),
)
def between(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="A", help="The first date; '-' reads stdin.")],
    second: Annotated[
        str | None, typer.Argument(metavar="B", help="The second date; with A '-', for every line.")
    ] = None,
    *,
    inclusive: Annotated[
        bool, typer.Option("--inclusive", help="Count A as well (spreadsheet NETWORKDAYS).")
    ] = False,
    fmt: ResultFormatOption = ResultFormat.text,
    output: Output = None,
    force: Force = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Print the working days after A up to and including B (negative if B is before A).

    With A '-' it reads stdin, a line each: "A B" (tab or comma between them; or just A when B
    is given), and prints a tab-separated line for each: A, B and the count.
    """
    fmt = output_format(ctx, output, fmt)
    from inspectcal.render.results import BETWEEN

    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    if first != "-" and second is None:
        raise InputError("give B, the second date, e.g. inspectcal between 2010-02-22 2010-04-20")
    source, calendar = calendar_from_options(calendar_options)

    def counted(pair: tuple[date, date]) -> dict[str, Any]:
        a, b = pair
        warn_if_projected(source, a, b)
        return {
            "a": a.isoformat(),
            "b": b.isoformat(),
            "inclusive": inclusive,
            "working_days": calendar.between(a, b, inclusive=inclusive),
        }

    if first == "-":
        if second is None:
            items = stdin_items(read_two_dates, "between -")
        else:
            fixed = read_date(second, "B")
            items = stdin_items(lambda text: (read_date(text, "A"), fixed), "between -")
        run_result_batch(counted, BETWEEN, fmt, output, force, what="between -", items=items)
        return
    assert second is not None
    emit_result(counted((read_date(first, "A"), read_date(second, "B"))), BETWEEN, fmt, output, force)


# A group: today's listing is its callback, run when no subcommand follows (`holidays --year
# 2022`); `holidays update` fetches the gov.uk list (inspectcal.cli.holidays_update).
holidays_app = typer.Typer(
    add_completion=False,
    help="List the weekday bank holidays and closures that are skipped in a year.\n\n"
    "'holidays update' fetches the official list from gov.uk; every command then uses it.",
    rich_markup_mode=None,
    invoke_without_command=True,
    epilog=examples(
        "inspectcal holidays --year 2022",
        "inspectcal holidays --year 2022 --region scotland --format csv",
        "inspectcal holidays --year 2012 --format json",
    ),
)
subgroup("holidays", holidays_app)
holidays_app.command(
    "update",
    epilog=examples(
        "inspectcal holidays update",
        "inspectcal holidays update --url https://mirror.example.gov.uk/bank-holidays.json",
    ),
)(update)


@holidays_app.callback()
def holidays(
    ctx: typer.Context,
    *,
    year: Annotated[int | None, typer.Option("--year", help="Calendar year (default: this year).")] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="Output format.", rich_help_panel=OUTPUT_PANEL)
    ] = ListFormat.table,
    output: Output = None,
    force: Force = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
    compare: Annotated[
        Path | None,
        typer.Option(
            "--compare",
            metavar="FILE",
            help="Instead: list where a gov.uk-format file (or 'stored': the list 'holidays update' "
            "keeps) and the built-in data disagree (weekdays).",
        ),
    ] = None,
) -> None:
    """List the weekday bank holidays and closures that are skipped in a year.

    'holidays update' fetches the official list from gov.uk; every command then uses it.
    """
    if ctx.invoked_subcommand is not None:
        given = [
            p.opts[0]
            for p in ctx.command.params
            if getattr(ctx.get_parameter_source(p.name or ""), "name", "") == "COMMANDLINE"  # Click's enum
        ]
        if given:
            raise InputError(
                f"{given[0]} is for listing holidays: 'holidays update' takes only --url and --timeout"
            )
        return
    fmt = output_format(ctx, output, fmt)
    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    from inspectcal.render.days_off import render_days_off

    if compare is not None:
        from inspectcal.calendars import compare_official, get_region

        given = [
            name
            for name, used in (
                ("--year", year is not None),
                ("--region", get_region(region).key != DEFAULT_REGION),
                ("--no-bank-holidays", no_bank_holidays),
                ("--closed", bool(closed)),
                ("--closures", closures is not None),
                ("--bank-holidays-file", bank_holidays_file is not None),
            )
            if used
        ]
        if given:
            raise InputError(
                f"--compare covers every region and year of the file and counts no closures, so "
                f"{given[0]} would be ignored: give one or the other"
            )
        from inspectcal.render.days_off import render_disagreements

        buffer = OutputBuffer(output)
        if str(compare) == "stored":
            found, name = compare_stored()
        else:
            found, name = compare_official(compare), str(compare)
        render_disagreements(found, name, fmt.value, buffer)
        emit(buffer.getvalue(), output, force)
        return
    source, calendar = calendar_from_options(calendar_options)
    chosen = today_date().year if year is None else year
    if not calendar.first.year <= chosen <= calendar.last.year:
        raise InputError(
            f"--year {chosen} is outside the supported years {calendar.first.year} to {calendar.last.year}"
        )
    days = calendar.days_off_between(date(chosen, 1, 1), date(chosen, 12, 31))
    warn_if_projected(source, date(chosen, 1, 1))
    buffer = OutputBuffer(output)
    render_days_off(days, chosen, source, fmt.value, buffer)
    emit(buffer.getvalue(), output, force)
