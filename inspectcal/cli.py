"""The command-line interface: parse, call the library, render, and exit.

This is the only module that prints errors or chooses exit codes: every
InspectcalError becomes one line on stderr and its exit code (2 bad input,
1 failure to do the job); usage errors from the parser become one line and 2.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from inspectcal import __version__
from inspectcal.errors import InputError, InspectcalError


class InspectcalGroup(TyperGroup):
    """Runs a command and turns every failure into one line on stderr and an exit code."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        extra.pop("standalone_mode", None)
        _warned.clear()  # one warning per run, also when tests run many in one process
        code = 0
        try:
            result = super().main(args, prog_name or "inspectcal", standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except InspectcalError as error:
            _fail(str(error), error.exit_code)
        except typer.Abort:
            code = 130
        except BrokenPipeError:
            _quiet_broken_pipe()
            code = 1
        except Exception as error:  # click's usage errors, and anything unforeseen
            from typer._click.exceptions import ClickException, UsageError

            if isinstance(error, UsageError):
                hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
                _fail(f"{error.format_message()}{hint}", 2)
            if isinstance(error, ClickException):
                _fail(error.format_message(), error.exit_code)
            if os.environ.get("INSPECTCAL_DEBUG"):
                raise
            _fail(f"internal error ({type(error).__name__}: {error}); please report it", 1)
        sys.exit(code)


def _fail(message: str, code: int) -> None:
    sys.stderr.write(f"Error: {' '.join(message.split())}\n")
    sys.exit(code)


def _quiet_broken_pipe() -> None:
    # The reader (e.g. `head`) has gone: point stdout at /dev/null so that the
    # interpreter's final flush does not complain, and end without a message.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


app = typer.Typer(
    cls=InspectcalGroup,
    name="inspectcal",
    help="Working-day timelines for inspections of children's services in England.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help text: Rich-formatted help imports Rich and doubles the start-up time of --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"inspectcal {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    *,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Working-day timelines for inspections of children's services in England.

    Day 1 is the notification date; every later Day is a working day (Mon-Fri, less
    bank holidays and any council closures you give).
    """


# -- options shared by every command that counts days ---------------------------

Region = Annotated[
    str,
    typer.Option(
        "--region",
        metavar="REGION",
        help="Bank holidays of: england-and-wales, scotland or northern-ireland.",
    ),
]
NoBankHolidays = Annotated[
    bool,
    typer.Option(
        "--no-bank-holidays",
        help="Count Monday to Friday only (skip no bank holidays).",
    ),
]
Closed = Annotated[
    list[str] | None,
    typer.Option(
        "--closed",
        metavar="DATE[..DATE]",
        help="A council closure day or range, e.g. 2010-12-29..2010-12-31 (repeatable).",
    ),
]
ClosuresFile = Annotated[
    Path | None,
    typer.Option(
        "--closures",
        metavar="FILE",
        help="File of closure dates or ranges, one per line; '# text' names them.",
    ),
]
BankHolidaysFile = Annotated[
    Path | None,
    typer.Option(
        "--bank-holidays-file",
        metavar="FILE",
        help="Official bank holidays in the gov.uk JSON format; they replace the built-in ones "
        "for the years the file covers.",
    ),
]
Notified = Annotated[
    str,
    typer.Option("--notified", "-n", metavar="DATE", help="The notification date: Day 1."),
]
PlanNotified = Annotated[
    str | None,
    typer.Option("--notified", "-n", metavar="DATE", help="The notification date: Day 1."),
]
AnchorOption = Annotated[
    str | None,
    typer.Option(
        "--anchor",
        metavar="DAY=DATE",
        help="Instead of --notified: a known date on a known Day or milestone, "
        "e.g. 11=2010-03-08 or fieldwork-start=2010-03-08.",
    ),
]
FrameworkOption = Annotated[
    str,
    typer.Option("--framework", "-f", metavar="ID|PATH", help="Built-in framework id or a .toml file."),
]
Params = Annotated[
    list[str] | None,
    typer.Option("--param", metavar="NAME=VALUE", help="Override a framework parameter (repeatable)."),
]
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout ('-' is stdout)."),
]
Force = Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")]


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _today() -> date:
    return date.today()


def _calendar(
    region: str,
    no_bank_holidays: bool,
    closed: list[str] | None,
    closures: Path | None,
    bank_holidays_file: Path | None = None,
) -> tuple[Any, Any]:
    from inspectcal.calendars import (
        CalendarSource,
        get_region,
        working_calendar,
    )
    from inspectcal.dates import parse_date_span, read_date_file

    found = [parse_date_span(text) for text in closed or []]
    if closures is not None:
        found.extend(read_date_file(closures, "closures file"))
    chosen = get_region(region)
    official = None
    if bank_holidays_file is not None:
        from inspectcal.calendars import read_official_file

        official = read_official_file(bank_holidays_file, chosen)
    source = CalendarSource(chosen, not no_bank_holidays, tuple(found), official)
    return source, working_calendar(source)


_warned: set[int] = set()


def _warn_if_projected(source: Any, *dates: date) -> None:
    """Say once, on stderr, when a result depends on bank holidays not yet announced."""
    horizon = source.confirmed_through
    if horizon is None or horizon in _warned or not dates or max(dates).year <= horizon:
        return
    _warned.add(horizon)
    sys.stderr.write(
        f"Warning: dates after {horizon} count bank holidays projected from the usual rules "
        f"({source.region.label}); one-off days are announced later, so check them again then\n"
    )


def _framework(ref: str, params: list[str] | None) -> Any:
    from inspectcal.frameworks import load_framework

    chosen = load_framework(ref)
    overrides = {}
    for text in params or []:
        name, equals, value = text.partition("=")
        try:
            overrides[name.strip()] = int(value)
        except ValueError:
            equals = ""
        if not equals or not name.strip():
            raise InputError(
                f"--param '{text}' is not NAME=VALUE with a whole number, e.g. publication_gap=21"
            )
    return chosen.with_parameters(overrides) if overrides else chosen


def _build_plan(
    framework: Any, notified: str | None, anchor: str | None, calendar: Any, source: Any, name: str | None
) -> Any:
    """A plan from exactly one of --notified and --anchor."""
    from inspectcal.plan import Anchor, build_plan, notified_from_anchor, parse_anchor_day

    if (notified is None) == (anchor is None):
        raise InputError(
            "give either --notified DATE (Day 1) or --anchor DAY=DATE (a known date), not both"
            if notified is not None
            else "give the notification date with --notified DATE, or a known date with --anchor DAY=DATE"
        )
    known = None
    if anchor is not None:
        key, equals, when = anchor.partition("=")
        if not equals:
            raise InputError(
                f"--anchor '{anchor}' is not DAY=DATE, e.g. 11=2010-03-08 or fieldwork-start=2010-03-08"
            )
        known = Anchor(parse_anchor_day(framework, key), _date(when, "--anchor"))
        day_one = notified_from_anchor(calendar, known)
    else:
        assert notified is not None
        day_one = _date(notified, "--notified")
    return build_plan(framework, day_one, calendar, source, authority=name, anchor=known)


def _planned(
    framework: str,
    param: list[str] | None,
    notified: str | None,
    anchor: str | None,
    name: str | None,
    calendar_options: tuple[str, bool, list[str] | None, Path | None, Path | None],
) -> Any:
    """The plan that a command's framework, date and calendar options describe."""
    source, calendar = _calendar(*calendar_options)
    result = _build_plan(_framework(framework, param), notified, anchor, calendar, source, name)
    _warn_if_projected(source, result.last)
    return result


def _date(text: str, what: str) -> date:
    from inspectcal.dates import parse_date

    try:
        return parse_date(text, today=_today())
    except InspectcalError as error:
        raise type(error)(f"{what}: {error}") from None


def _emit(text: str, output: str | None, force: bool) -> None:
    from inspectcal.output import write_output

    write_output(text, output, force=force)


# -- commands -------------------------------------------------------------------

_NUMBER_ARGS = {"ignore_unknown_options": True}  # lets "-3" through as a number, not an option


@app.command(epilog="Example: inspectcal plan --notified 2010-02-22 --format json")
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
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Date every milestone of an inspection from its notification date."""
    ics_only = {
        "--remind": remind is not None,
        "--per-day": per_day,
        "--busy": busy,
        "--calendar-name": calendar_name is not None,
    }
    misplaced = [option for option, given in ics_only.items() if given]
    if misplaced and fmt is not PlanFormat.ics:
        raise InputError(f"{misplaced[0]} applies only to calendar files: add --format ics")
    chosen = _framework(framework, param)
    source, calendar = _calendar(region, no_bank_holidays, closed, closures, bank_holidays_file)
    if notified == "-":
        if anchor is not None or fmt not in (PlanFormat.jsonl, PlanFormat.csv):
            raise InputError(
                "--notified - reads one date a line from stdin: use it with --format jsonl or csv"
            )
        _plan_batch(chosen, calendar, source, name, fmt, output, force)
        return
    result = _build_plan(chosen, notified, anchor, calendar, source, name)
    _warn_if_projected(source, result.last)
    buffer = io.StringIO()
    if fmt is PlanFormat.ics:
        from inspectcal.dates import parse_duration
        from inspectcal.render.ics import IcsOptions, render

        alarm = None if remind is None else parse_duration(remind)
        options = IcsOptions(_export_time(), alarm, per_day, busy, calendar_name)
        render(result, buffer, options)
    else:
        from inspectcal.render import get_renderer

        get_renderer(fmt.value)(result, buffer)
    _emit(buffer.getvalue(), output, force)


def _stdin_dates() -> Iterator[tuple[int, str, date | InspectcalError]]:
    """(line number, text, date or the error reading it) for each non-blank stdin line."""
    from inspectcal.dates import parse_date

    today = _today()
    for number, line in enumerate(sys.stdin, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            yield number, text, parse_date(text, today=today)
        except InspectcalError as error:
            yield number, text, error


def _stream_lines(results: Iterator[str | None], output: str | None, force: bool) -> None:
    """Write each result as it comes (constant memory); None marks a bad line. Exit 2 if any."""
    from inspectcal.output import output_stream

    bad = 0
    with output_stream(output, force=force) as stream:
        for text in results:
            if text is None:
                bad += 1
            else:
                stream.write(text)
    if bad:
        sys.stderr.write(
            f"Error: {bad} bad line{'s' if bad != 1 else ''} on stdin (see above); the rest were done\n"
        )
        raise typer.Exit(2)


def _bad_line(number: int, error: InspectcalError) -> None:
    sys.stderr.write(f"Error: stdin line {number}: {error}\n")


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
            _warn_if_projected(source, writer.write(day, buffer))
            return buffer.getvalue()
    else:
        from inspectcal.plan import build_plan
        from inspectcal.render.csv import HEADER, rows

        def render(day: date) -> str:
            plan = build_plan(framework, day, calendar, source, authority=name)
            _warn_if_projected(source, plan.last)
            return rows(plan, with_notified=True)

    def results() -> Iterator[str | None]:
        if fmt is PlanFormat.csv:
            from inspectcal.render.csv import csv_line

            yield csv_line(("notified", *HEADER))
        for number, _, day in _stdin_dates():
            try:
                if isinstance(day, InspectcalError):
                    raise day
                yield render(day)
            except InspectcalError as error:
                _bad_line(number, error)
                yield None

    _stream_lines(results(), output, force)


def _export_time() -> datetime:
    """DTSTAMP: now, or SOURCE_DATE_EPOCH when set, for byte-for-byte reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{epoch}'") from None


@app.command(
    "date", context_settings=_NUMBER_ARGS, epilog="Example: inspectcal date 11 20 40 --notified 2010-02-22"
)
def date_of_day(
    days: Annotated[
        list[int], typer.Argument(metavar="N...", help="Day numbers (Day 1 is the notification date).")
    ],
    *,
    notified: Notified,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Print the date of each Day N, one ISO date per line.

    With --notified - it reads notification dates from stdin, one a line, and prints for each
    a line of tab-separated dates: the notification date, then each Day N.
    """
    source, calendar = _calendar(region, no_bank_holidays, closed, closures, bank_holidays_file)

    def dates_of(start: date) -> list[str]:
        found = [calendar.day_date(start, n) for n in days]
        _warn_if_projected(source, *found)
        return [d.isoformat() for d in found]

    if notified == "-":
        _stream_lines(_per_stdin_date(dates_of), None, False)
        return
    _emit("".join(f"{line}\n" for line in dates_of(_date(notified, "--notified"))), None, False)


def _per_stdin_date(compute: Any) -> Iterator[str | None]:
    """For each stdin date, a tab-separated line: the date, then what ``compute`` gives for it."""
    for number, _, day in _stdin_dates():
        try:
            if isinstance(day, InspectcalError):
                raise day
            yield "\t".join([day.isoformat(), *compute(day)]) + "\n"
        except InspectcalError as error:
            _bad_line(number, error)
            yield None


@app.command("day", epilog="Example: inspectcal day 2010-03-08 19/03/2010 --notified 2010-02-22")
def day_of_date(
    dates: Annotated[list[str], typer.Argument(metavar="DATE...", help="Dates to number.")],
    *,
    notified: Notified,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Print the Day number of each date, one per line."""
    source, calendar = _calendar(region, no_bank_holidays, closed, closures, bank_holidays_file)
    wanted = [_date(text, "DATE") for text in dates]
    _warn_if_projected(source, *wanted)
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
        _stream_lines(_per_stdin_date(numbers_for), None, False)
        return
    _emit("".join(f"{n}\n" for n in numbers_for(_date(notified, "--notified"))), None, False)


@app.command(context_settings=_NUMBER_ARGS, epilog="Example: inspectcal add 2010-02-22 39")
def add(
    start: Annotated[str, typer.Argument(metavar="DATE", help="The date to count from.")],
    n: Annotated[int, typer.Argument(metavar="N", help="Working days to add (negative counts back).")],
    *,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Print the date N working days after DATE (like a spreadsheet's WORKDAY)."""
    source, calendar = _calendar(region, no_bank_holidays, closed, closures, bank_holidays_file)
    result = calendar.add(_date(start, "DATE"), n)
    _warn_if_projected(source, result)
    _emit(f"{result.isoformat()}\n", None, False)


@app.command(epilog="Example: inspectcal between 2010-02-22 2010-04-20")
def between(
    first: Annotated[str, typer.Argument(metavar="A", help="The first date.")],
    second: Annotated[str, typer.Argument(metavar="B", help="The second date.")],
    *,
    inclusive: Annotated[
        bool, typer.Option("--inclusive", help="Count A as well (spreadsheet NETWORKDAYS).")
    ] = False,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Print the working days after A up to and including B (negative if B is before A)."""
    source, calendar = _calendar(region, no_bank_holidays, closed, closures, bank_holidays_file)
    a, b = _date(first, "A"), _date(second, "B")
    _warn_if_projected(source, a, b)
    count = calendar.between(a, b, inclusive=inclusive)
    _emit(f"{count}\n", None, False)


@app.command(epilog="Example: inspectcal holidays --year 2022 --format json")
def holidays(
    *,
    year: Annotated[int | None, typer.Option("--year", help="Calendar year (default: this year).")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
    output: Output = None,
    force: Force = False,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
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
        _emit(buffer.getvalue(), output, force)
        return
    source, calendar = _calendar(region, no_bank_holidays, closed, closures, bank_holidays_file)
    chosen = _today().year if year is None else year
    if not calendar.first.year <= chosen <= calendar.last.year:
        raise InputError(
            f"--year {chosen} is outside the supported years {calendar.first.year} to {calendar.last.year}"
        )
    days = calendar.days_off_between(date(chosen, 1, 1), date(chosen, 12, 31))
    buffer = io.StringIO()
    render_days_off(days, chosen, source, fmt.value, buffer)
    _emit(buffer.getvalue(), output, force)


class WindowFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class StatusFormat(StrEnum):
    text = "text"
    line = "line"
    json = "json"


@app.command(
    epilog="Example: inspectcal window --from 2010-12-01 --to 2011-01-31 --avoid 2010-12-20..2010-12-31"
)
def window(
    *,
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="First possible notification date.")],
    end: Annotated[str, typer.Option("--to", metavar="DATE", help="Last possible notification date.")],
    framework: FrameworkOption = "slac-2009",
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
    critical: Annotated[
        str | None,
        typer.Option(
            "--critical",
            metavar="SPEC",
            help="Milestones that must not clash, by Day or id, e.g. 5,11-20 (default: the framework's).",
        ),
    ] = None,
    fmt: Annotated[WindowFormat, typer.Option("--format", help="Output format.")] = WindowFormat.table,
    output: Output = None,
    force: Force = False,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Try every working day in a range as the notification date, and find clashes with leave."""
    from inspectcal.avoid import read_avoid_file
    from inspectcal.dates import parse_date_span
    from inspectcal.render.window import render
    from inspectcal.window import parse_critical
    from inspectcal.window import window as what_if

    chosen = _framework(framework, param)
    source, calendar = _calendar(region, no_bank_holidays, closed, closures, bank_holidays_file)
    spans = [parse_date_span(text) for text in avoid or []]
    for path in avoid_file or []:
        spans.extend(read_avoid_file(path))
    items = parse_critical(chosen, critical)
    first, last = _date(start, "--from"), _date(end, "--to")
    candidates = list(what_if(chosen, calendar, source, first, last, items, spans))
    _warn_if_projected(source, *(c.plan.last for c in candidates[-1:]))
    buffer = io.StringIO()
    render(candidates, items, fmt.value, buffer)
    _emit(buffer.getvalue(), output, force)


@app.command("calendar", epilog="Example: inspectcal calendar --notified 2010-02-22 --svg inspection.svg")
def calendar_picture(
    *,
    notified: PlanNotified = None,
    anchor: AnchorOption = None,
    name: Annotated[
        str | None, typer.Option("--name", metavar="AUTHORITY", help="The local authority.")
    ] = None,
    framework: FrameworkOption = "slac-2009",
    param: Params = None,
    svg: Annotated[
        str | None, typer.Option("--svg", metavar="FILE", help="Also write the picture as an SVG image.")
    ] = None,
    force: Force = False,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Draw the plan as month grids: Day numbers, milestones, weekends and days off."""
    from inspectcal.render import month

    calendar_options = (region, no_bank_holidays, closed, closures, bank_holidays_file)
    result = _planned(framework, param, notified, anchor, name, calendar_options)
    if svg is not None:
        _emit(month.svg(result), svg, force)
        return
    buffer = io.StringIO()
    month.render(result, buffer)
    _emit(buffer.getvalue(), None, False)


@app.command(epilog="Example: inspectcal check examples/nottinghamshire-2010.csv --notified 2010-02-22")
def check(
    timetable: Annotated[
        Path, typer.Argument(metavar="FILE", help="CSV with columns date, day (and activity).")
    ],
    *,
    notified: PlanNotified = None,
    anchor: AnchorOption = None,
    framework: FrameworkOption = "slac-2009",
    param: Params = None,
    fmt: Annotated[WindowFormat, typer.Option("--format", help="Output format.")] = WindowFormat.table,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Check a hand-written timetable: do its dates and Day labels agree? Exit 1 if any row does not."""
    from inspectcal.check import check_rows, read_timetable
    from inspectcal.render.check import render

    calendar_options = (region, no_bank_holidays, closed, closures, bank_holidays_file)
    result = _planned(framework, param, notified, anchor, None, calendar_options)
    verdicts = check_rows(read_timetable(timetable), result.calendar, result.notified)
    buffer = io.StringIO()
    render(verdicts, fmt.value, buffer)
    _emit(buffer.getvalue(), None, False)
    if not all(v.ok for v in verdicts):
        raise typer.Exit(1)


@app.command(epilog="Example: inspectcal status --notified 2010-02-22 --on 2010-03-09 --format line")
def status(
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
    framework: FrameworkOption = "slac-2009",
    param: Params = None,
    fmt: Annotated[StatusFormat, typer.Option("--format", help="Output format.")] = StatusFormat.text,
    region: Region = "england-and-wales",
    no_bank_holidays: NoBankHolidays = False,
    closed: Closed = None,
    closures: ClosuresFile = None,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Say where the inspection stands on a date (default today) and what comes next."""
    from inspectcal.render.status import render
    from inspectcal.status import status_on

    calendar_options = (region, no_bank_holidays, closed, closures, bank_holidays_file)
    result = _planned(framework, param, notified, anchor, None, calendar_options)
    buffer = io.StringIO()
    render(status_on(result, _date(on, "--on"), ahead), fmt.value, buffer)
    _emit(buffer.getvalue(), None, False)


frameworks_app = typer.Typer(
    cls=TyperGroup,
    rich_markup_mode=None,
    invoke_without_command=True,
    help="List the inspection frameworks, or show one.",
    epilog="Example: inspectcal frameworks show ilacs-standard",
)
app.add_typer(frameworks_app, name="frameworks")


@frameworks_app.callback()
def frameworks(
    ctx: typer.Context,
    *,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """List the built-in inspection frameworks (id, title, status, milestones)."""
    if ctx.invoked_subcommand is not None:
        return
    from inspectcal.frameworks import builtin_ids, load_framework
    from inspectcal.render.frameworks import render_list

    buffer = io.StringIO()
    render_list([load_framework(ref) for ref in builtin_ids()], fmt.value, buffer)
    _emit(buffer.getvalue(), None, False)


@frameworks_app.command(
    "show", epilog="Example: inspectcal frameworks show ilacs-standard --param publication_gap=21"
)
def frameworks_show(
    framework: Annotated[
        str, typer.Argument(metavar="ID|PATH", help="Built-in framework id or a .toml file.")
    ],
    *,
    param: Params = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """Show one framework's milestones by Day, its status and where it comes from."""
    from inspectcal.render.frameworks import render_one

    buffer = io.StringIO()
    render_one(_framework(framework, param), fmt.value, buffer)
    _emit(buffer.getvalue(), None, False)


def _app_for(argv: Sequence[str]) -> typer.Typer:
    """The app to run: for a plain command, one that builds only that command.

    Typer turns every command's signature into options on each run; doing that for one
    command instead of all of them is a fifth of the start-up time. Root help, the
    ``frameworks`` group and anything unusual get the full app.
    """
    from typer.main import get_command_name

    if not argv or argv[0].startswith("-"):
        return app
    chosen = [
        info
        for info in app.registered_commands
        if (info.name or get_command_name(info.callback.__name__ if info.callback else "")) == argv[0]
    ]
    if len(chosen) != 1:
        return app
    slim = typer.Typer(
        cls=InspectcalGroup,
        name="inspectcal",
        add_completion=False,
        rich_markup_mode=None,
        context_settings=app.info.context_settings,
    )
    slim.registered_callback = app.registered_callback
    slim.registered_commands = chosen
    return slim


def run() -> None:
    """Console-script entry point."""
    _app_for(sys.argv[1:])()
