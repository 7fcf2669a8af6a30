"""Commands for planning ahead and during an inspection: window, calendar, check, status, frameworks."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from inspectcal.cli.app import command, examples, subgroup
from inspectcal.cli.build import (
    calendar_from_options,
    framework_from_options,
    planned,
    read_date,
    warn_if_projected,
)
from inspectcal.cli.defaults import DEFAULT_FRAMEWORK, DEFAULT_REGION
from inspectcal.cli.destination import OutputBuffer, emit, emit_bytes, output_format
from inspectcal.cli.options import (
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
    Output,
    Params,
    PlanNotified,
    Region,
    complete_critical,
    complete_frameworks,
)
from inspectcal.cli.timestamps import document_time
from inspectcal.errors import InputError


class WindowFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class StatusFormat(StrEnum):
    text = "text"
    line = "line"
    json = "json"


@command(
    "window",
    epilog=examples(
        "inspectcal window --from 2010-12-01 --to 2011-01-31 --avoid 2010-12-20..2010-12-31",
        "inspectcal window --from 2010-12-13 --to 2011-01-07 --avoid 2011-01-10 --critical 5,11-20 "
        "--format csv",
        "inspectcal window --from 2010-12-13 --to 2010-12-24 --avoid 2010-12-20 --format markdown",
    ),
)
def window(
    ctx: typer.Context,
    *,
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="First possible notification date.")],
    end: Annotated[str, typer.Option("--to", metavar="DATE", help="Last possible notification date.")],
    framework: FrameworkOption = DEFAULT_FRAMEWORK,
    param: Params = None,
    avoid: Annotated[
        list[str] | None,
        typer.Option("--avoid", metavar="DATE[..DATE]", help="A date or range to keep clear (repeatable)."),
    ] = None,
    avoid_file: Annotated[
        list[Path] | None,
        typer.Option(
            "--avoid-file",
            metavar="FILE",
            help="Dates to keep clear: a text file (one date or range a line) or an .ics export.",
        ),
    ] = None,
    count_free: Annotated[
        bool,
        typer.Option(
            "--count-free",
            help="Also count .ics events marked free (TRANSP or Outlook's Free) as absences; "
            "cancelled ones never count.",
        ),
    ] = False,
    critical: Annotated[
        str | None,
        typer.Option(
            "--critical",
            metavar="SPEC",
            help="Milestones that must not clash, by Day or id, e.g. 5,11-20 (default: the framework's).",
            autocompletion=complete_critical,
        ),
    ] = None,
    fmt: Annotated[
        WindowFormat, typer.Option("--format", help="Output format.", rich_help_panel=OUTPUT_PANEL)
    ] = WindowFormat.table,
    output: Output = None,
    force: Force = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Try every working day in a range as the notification date, and find clashes with leave."""
    fmt = output_format(ctx, output, fmt)
    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    from inspectcal.avoid import read_avoid_file
    from inspectcal.dates import parse_date_span
    from inspectcal.render.window import render
    from inspectcal.window import parse_critical, window_span
    from inspectcal.window import window as what_if

    chosen = framework_from_options(framework, param)
    source, calendar = calendar_from_options(calendar_options)
    items = parse_critical(chosen, critical)
    first, last = read_date(start, "--from"), read_date(end, "--to")
    spans = [parse_date_span(text) for text in avoid or []]
    if avoid_file:
        looked_at = window_span(calendar, first, last, items)
        for path in avoid_file:
            found = read_avoid_file(path, *looked_at, count_free=count_free)
            spans.extend(found.spans)
            if found.free:
                _warn_free(path, found.free)
    candidates = list(what_if(chosen, calendar, source, first, last, items, spans))
    warn_if_projected(source, *(c.plan.last for c in candidates[-1:]))
    if fmt is WindowFormat.xlsx:
        from inspectcal.render.xlsx import window_workbook

        emit_bytes(window_workbook(candidates, items, document_time()), output, force, fmt.value)
        return
    if fmt is WindowFormat.html:
        from inspectcal.render.html import window_page

        emit(window_page(candidates, items), output, force)
        return
    buffer = OutputBuffer(output)
    render(candidates, items, fmt.value, buffer)
    emit(buffer.getvalue(), output, force)


def _warn_free(path: Path, titles: list[str]) -> None:
    import sys

    from inspectcal.errors import quoted

    count = len(titles)
    shown = "; ".join(quoted(title) for title in titles[:3]) + ("; ..." if count > 3 else "")
    sys.stderr.write(
        f"Warning: avoid file {path}: {count} event{'s' if count != 1 else ''} marked free "
        f"({shown}) {'were' if count != 1 else 'was'} not counted as absences: add --count-free "
        "to count them\n"
    )


@command(
    "calendar",
    epilog=examples(
        "inspectcal calendar --notified 2010-02-22",
        "inspectcal calendar --notified 2010-02-22 --svg inspection.svg",
    ),
)
def calendar_picture(
    ctx: typer.Context,
    *,
    notified: PlanNotified = None,
    anchor: AnchorOption = None,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="AUTHORITY", help="The local authority.", rich_help_panel=PLAN_PANEL),
    ] = None,
    framework: FrameworkOption = DEFAULT_FRAMEWORK,
    param: Params = None,
    election: Election = None,
    svg: Annotated[
        str | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            help="Write the plan as a timeline picture (SVG) instead; '-' is stdout.",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = None,
    output: Output = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace the --output or --svg file if it exists.", rich_help_panel=OUTPUT_PANEL
        ),
    ] = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Draw the plan as month grids: Day numbers, milestones, weekends and days off."""
    output_format(ctx, output, None)
    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    from inspectcal.labels import clean_label

    if name is not None:
        name = clean_label(name, "--name")
    result = planned(framework, param, notified, anchor, name, calendar_options, election)
    if svg is not None:
        if output is not None:
            raise InputError("give --svg FILE or --output FILE, not both: --svg writes the picture instead")
        from inspectcal.render.svg import timeline

        emit(timeline(result), svg, force)
        return
    from inspectcal.render import month

    buffer = OutputBuffer(output)
    month.render(result, buffer)
    emit(buffer.getvalue(), output, force)


@command(
    "check",
    epilog=examples(
        "inspectcal check examples/nottinghamshire-2010.csv --notified 2010-02-22",
        "inspectcal check - --notified 2010-02-22 --format csv < examples/nottinghamshire-2010.csv",
    ),
)
def check(
    ctx: typer.Context,
    timetable: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A Word (.docx) or Excel (.xlsx) file, or CSV or text with columns date and day "
            "(and activity); '-' reads stdin.",
        ),
    ],
    *,
    notified: PlanNotified = None,
    anchor: AnchorOption = None,
    framework: FrameworkOption = DEFAULT_FRAMEWORK,
    param: Params = None,
    table: Annotated[
        int | None,
        typer.Option(
            "--table",
            metavar="N",
            min=1,
            help="Word: read the Nth table (default: the first with a date and a Day column).",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", metavar="NAME", help="Excel: read this sheet (default: the one Excel opens on)."
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="ROLE=HEADER,...",
            help="Name the columns by header text or number, e.g. 'date=When,day=Day no,activity=What'.",
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", help="Output format.", rich_help_panel=OUTPUT_PANEL)
    ] = CheckFormat.table,
    output: Output = None,
    force: Force = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Check a hand-written timetable: do its dates and Day labels agree? Exit 1 if any row does not."""
    fmt = output_format(ctx, output, fmt)
    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    from inspectcal.check import Choice, check_rows, read_timetable
    from inspectcal.readers.timetable import parse_columns
    from inspectcal.render.check import render

    result = planned(framework, param, notified, anchor, None, calendar_options)
    choice = Choice(table, sheet, parse_columns(columns), notified=result.notified)
    found = read_timetable(timetable, choice)
    for note in found.notes:
        sys.stderr.write(f"Note: {note}\n")
    verdicts = check_rows(found.rows, result.calendar, result.notified, where=found.where, unit=found.unit)
    buffer = OutputBuffer(output)
    render(verdicts, fmt.value, buffer, unit=found.unit, framework=result.framework)
    emit(buffer.getvalue(), output, force)
    if found.unchecked:
        from inspectcal.errors import quoted

        count = len(found.unchecked)
        plural = "s" if count != 1 else ""
        listed = ", ".join(f"{found.unit} {number} ({quoted(text)})" for number, text in found.unchecked)
        sys.stderr.write(
            f"Note: {found.where}: {count} {found.unit}{plural} not checked, to be confirmed: {listed}\n"
        )
    if found.unchecked or not all(v.ok for v in verdicts):
        raise typer.Exit(1)


@command(
    "status",
    epilog=examples(
        "inspectcal status --notified 2010-02-22 --on 2010-03-09",
        "inspectcal status --notified 2010-02-22 --on 2010-03-09 --format line",
    ),
)
def status(
    ctx: typer.Context,
    *,
    notified: PlanNotified = None,
    anchor: AnchorOption = None,
    on: Annotated[str, typer.Option("--on", metavar="DATE", help="The date to report on.")] = "today",
    ahead: Annotated[
        int,
        typer.Option(
            "--ahead", metavar="N", min=0, max=1000, help="Show milestones in the next N working days."
        ),
    ] = 5,
    framework: FrameworkOption = DEFAULT_FRAMEWORK,
    param: Params = None,
    election: Election = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="Output format.", rich_help_panel=OUTPUT_PANEL)
    ] = StatusFormat.text,
    output: Output = None,
    force: Force = False,
    region: Region = DEFAULT_REGION,
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Say where the inspection stands on a date (default today) and what comes next."""
    fmt = output_format(ctx, output, fmt)
    calendar_options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
    from inspectcal.render.status import render
    from inspectcal.status import status_on

    result = planned(framework, param, notified, anchor, None, calendar_options, election)
    buffer = OutputBuffer(output)
    render(status_on(result, read_date(on, "--on"), ahead), fmt.value, buffer)
    emit(buffer.getvalue(), output, force)


frameworks_app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    help="List the inspection frameworks, or show one.",
    epilog=examples("inspectcal frameworks", "inspectcal frameworks show ilacs-standard"),
)
subgroup("frameworks", frameworks_app)


@frameworks_app.callback()
def frameworks(
    ctx: typer.Context,
    *,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="Output format.", rich_help_panel=OUTPUT_PANEL)
    ] = ListFormat.table,
    output: Output = None,
    force: Force = False,
) -> None:
    """List the built-in inspection frameworks (id, title, status, milestones)."""
    fmt = output_format(ctx, output, fmt)
    if ctx.invoked_subcommand is not None:
        return
    from inspectcal.frameworks import builtin_ids, load_framework
    from inspectcal.render.frameworks import render_list

    buffer = OutputBuffer(output)
    render_list([load_framework(ref) for ref in builtin_ids()], fmt.value, buffer)
    emit(buffer.getvalue(), output, force)


@frameworks_app.command(
    "show",
    epilog=examples(
        "inspectcal frameworks show ilacs-standard --param publication_gap=21",
        "inspectcal frameworks show slac-2009 --format csv",
    ),
)
def frameworks_show(
    ctx: typer.Context,
    framework: Annotated[
        str,
        typer.Argument(
            metavar="ID|PATH",
            help="Built-in framework id or a .toml file ('-' reads stdin).",
            autocompletion=complete_frameworks,
        ),
    ],
    *,
    param: Params = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="Output format.", rich_help_panel=OUTPUT_PANEL)
    ] = ListFormat.table,
    output: Output = None,
    force: Force = False,
) -> None:
    """Show one framework's milestones by Day, its status and where it comes from."""
    fmt = output_format(ctx, output, fmt)
    from inspectcal.render.frameworks import render_one

    buffer = OutputBuffer(output)
    render_one(framework_from_options(framework, param), fmt.value, buffer)
    emit(buffer.getvalue(), output, force)
