"""Options shared by the commands, and the helpers that turn them into library calls."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer

from inspectcal.errors import InputError, InspectcalError, OutOfRangeError

if TYPE_CHECKING:  # imported where used, to keep start-up light
    from inspectcal.calendars import CalendarSource, OfficialList
    from inspectcal.calendars import Region as BankHolidayRegion
    from inspectcal.frameworks import Framework
    from inspectcal.plan import Plan
    from inspectcal.workdays import WorkingCalendar

T = TypeVar("T")

# Help panels: options grouped by purpose (the public rich_help_panel of each option; app.py
# prints them as plain help sections, without importing Rich).
PLAN_PANEL = "What to plan"
CALENDAR_PANEL = "Working days: region, bank holidays, closures"
OUTPUT_PANEL = "Output"
ICS_PANEL = "Calendar file (--format ics)"
PANELS = (PLAN_PANEL, CALENDAR_PANEL, OUTPUT_PANEL, ICS_PANEL)


def _complete_regions(incomplete: str) -> list[tuple[str, str]]:
    from inspectcal.cli.complete import regions

    return regions(incomplete)


def complete_frameworks(incomplete: str) -> list[tuple[str, str]]:
    from inspectcal.cli.complete import frameworks

    return frameworks(incomplete)


def _complete_anchors(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from inspectcal.cli.complete import anchors

    return anchors(ctx, incomplete)


def _complete_params(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from inspectcal.cli.complete import params

    return params(ctx, incomplete)


def complete_critical(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from inspectcal.cli.complete import critical

    return critical(ctx, incomplete)


# -- options shared by every command that counts days ---------------------------

Region = Annotated[
    str,
    typer.Option(
        "--region",
        metavar="REGION",
        help="Bank holidays of: england-and-wales, scotland or northern-ireland, in any case; "
        "england, wales, scot and ni work too.",
        rich_help_panel=CALENDAR_PANEL,
        autocompletion=_complete_regions,
    ),
]
NoBankHolidays = Annotated[
    bool,
    typer.Option(
        "--no-bank-holidays",
        help="Count Monday to Friday only (skip no bank holidays).",
        rich_help_panel=CALENDAR_PANEL,
    ),
]
Closed = Annotated[
    list[str] | None,
    typer.Option(
        "--closed",
        metavar="DATE[..DATE]",
        help="A council closure day or range, e.g. 2010-12-29..2010-12-31 (repeatable).",
        rich_help_panel=CALENDAR_PANEL,
    ),
]
ClosuresFile = Annotated[
    Path | None,
    typer.Option(
        "--closures",
        metavar="FILE",
        help="File of closure dates or ranges, one per line ('# text' names them), or an .ics calendar.",
        rich_help_panel=CALENDAR_PANEL,
    ),
]
BankHolidaysFile = Annotated[
    Path | None,
    typer.Option(
        "--bank-holidays-file",
        metavar="FILE",
        help="Official bank holidays in the gov.uk JSON format; they replace the built-in ones "
        "for each year the file lists events in.",
        rich_help_panel=CALENDAR_PANEL,
    ),
]
Notified = Annotated[
    str,
    typer.Option(
        "--notified",
        "-n",
        metavar="DATE",
        help="The notification date: Day 1 ('-' reads one a line from stdin).",
        rich_help_panel=PLAN_PANEL,
    ),
]
PlanNotified = Annotated[
    str | None,
    typer.Option(
        "--notified",
        "-n",
        metavar="DATE",
        help="The notification date: Day 1 ('-' reads one a line from stdin).",
        rich_help_panel=PLAN_PANEL,
    ),
]
AnchorOption = Annotated[
    str | None,
    typer.Option(
        "--anchor",
        metavar="DAY=DATE",
        help="Instead of --notified: a known date on a known Day or milestone, "
        "e.g. 11=2010-03-08 or fieldwork-start=2010-03-08.",
        rich_help_panel=PLAN_PANEL,
        autocompletion=_complete_anchors,
    ),
]
FrameworkOption = Annotated[
    str,
    typer.Option(
        "--framework",
        "-f",
        metavar="ID|PATH",
        help="Built-in framework id or a .toml file ('-' reads stdin).",
        rich_help_panel=PLAN_PANEL,
        autocompletion=complete_frameworks,
    ),
]
Params = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        metavar="NAME=VALUE",
        help="Override a framework parameter (repeatable).",
        rich_help_panel=PLAN_PANEL,
        autocompletion=_complete_params,
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE instead of stdout ('-' is stdout).",
        rich_help_panel=OUTPUT_PANEL,
    ),
]
Force = Annotated[
    bool,
    typer.Option("--force", help="Replace the --output file if it exists.", rich_help_panel=OUTPUT_PANEL),
]


DEFAULT_REGION = "england-and-wales"


class CalendarOptions(NamedTuple):
    """The calendar options, as every command that counts days declares them.

    Each such command lists the five options in its own signature, from the aliases above:

        region: Region = DEFAULT_REGION,
        no_bank_holidays: NoBankHolidays = False,
        closed: Closed = None,
        closures: ClosuresFile = None,
        bank_holidays_file: BankHolidaysFile = None,

    and passes them on as ``CalendarOptions(region, no_bank_holidays, closed, closures,
    bank_holidays_file)``.
    """

    region: str = DEFAULT_REGION
    no_bank_holidays: bool = False
    closed: list[str] | None = None
    closures: Path | None = None
    bank_holidays_file: Path | None = None


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"
    svg = "svg"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


class ResultFormat(StrEnum):
    """date, day, add and between: a line each (tab-separated in a batch), or data."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


# -o FILE and --format: a file name ending in one of these names its format. Without --format
# the format is taken from it; a --format that says otherwise is refused (a Word file holding a
# text table, or an SVG file holding a Word document, is a broken file nobody is warned of).
FILE_FORMATS: dict[str, tuple[str, str]] = {
    ".json": ("json", "a JSON"),
    ".jsonl": ("jsonl", "a JSON Lines"),
    ".ndjson": ("jsonl", "a JSON Lines"),
    ".csv": ("csv", "a CSV"),
    ".md": ("markdown", "a Markdown"),
    ".markdown": ("markdown", "a Markdown"),
    ".ics": ("ics", "a calendar (.ics)"),
    ".svg": ("svg", "an SVG picture"),
    ".html": ("html", "a web page"),
    ".htm": ("html", "a web page"),
    ".xlsx": ("xlsx", "an Excel"),
    ".docx": ("docx", "a Word"),
}
BINARY_FORMATS = ("xlsx", "docx")


def settle_output_format(ctx: Any) -> None:
    """Make ``--format`` and the extension of ``-o FILE`` agree, before the command runs.

    ``ctx`` is the command's Click context, its ``params`` not yet passed to the command:
    a known extension sets the format when ``--format`` was not given; a contradiction
    (or a format the command cannot write) is bad input.
    """
    output, fmt = ctx.params.get("output"), ctx.params.get("fmt")
    if not output or output == "-":
        return
    if fmt is None:  # a command that writes only text (calendar's month grid)
        if Path(output).suffix.lower() in FILE_FORMATS:
            _, kind = FILE_FORMATS[Path(output).suffix.lower()]
            raise InputError(
                f"-o {output} is {kind} file name but '{ctx.command_path}' writes text: "
                "use a file name ending .txt"
            )
        return
    name = str(fmt.value if isinstance(fmt, StrEnum) else fmt)
    suffix = Path(output).suffix.lower()
    source = ctx.get_parameter_source("fmt")  # Click's ParameterSource
    given = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
    if suffix == ".txt" and name in BINARY_FORMATS:
        raise InputError(
            f"-o {output} is a text file name but --format {name} writes a binary file: "
            f"use a file name ending .{name}, or a text --format"
        )
    if suffix not in FILE_FORMATS:
        return
    wanted, kind = FILE_FORMATS[suffix]
    if wanted == name:
        return
    if given:
        raise InputError(
            f"-o {output} is {kind} file name but --format is {name}: "
            f"use --format {wanted}, or a file name ending {_extension(name)}"
        )
    choices = [str(c) for c in getattr(_format_param(ctx).type, "choices", ())]
    if wanted not in choices:
        raise InputError(
            f"-o {output} is {kind} file name but '{ctx.command_path}' cannot write {wanted}: "
            f"its --format is one of {', '.join(choices)}"
        )
    ctx.params["fmt"] = wanted


def _extension(fmt: str) -> str:
    """The usual file name ending of a format (``.txt`` for the text ones: table, text, line)."""
    return next((suffix for suffix, (name, _) in FILE_FORMATS.items() if name == fmt), ".txt")


def _format_param(ctx: Any) -> Any:
    return next(p for p in ctx.command.params if p.name == "fmt")


def today_date() -> date:
    return date.today()


def calendar_from_options(options: CalendarOptions) -> tuple[CalendarSource, WorkingCalendar]:
    """The calendar the options describe, and where its days off come from."""
    region, no_bank_holidays, closed, closures, bank_holidays_file = options
    from inspectcal.calendars import (
        CalendarSource,
        get_region,
        working_calendar,
    )
    from inspectcal.dates import parse_date_span

    chosen = get_region(region)
    if no_bank_holidays:
        _refuse_with_no_bank_holidays(chosen.key, bank_holidays_file)
    found = []
    for text in closed or []:
        try:
            found.append(parse_date_span(text))
        except InspectcalError as error:
            raise type(error)(f"--closed: {error}") from None
    if closures is not None:
        from inspectcal.avoid import read_closures_file

        found.extend(read_closures_file(closures))
    official = None
    if bank_holidays_file is not None:
        from inspectcal.calendars import read_official_file

        official = read_official_file(bank_holidays_file, chosen)
    elif not no_bank_holidays:
        official = stored_official(chosen)
    source = CalendarSource(chosen, not no_bank_holidays, tuple(found), official)
    if bank_holidays_file is not None:
        from inspectcal.calendars import official_warnings

        for message in official_warnings(source):
            sys.stderr.write(f"Warning: {message}\n")
    return source, working_calendar(source)


def stored_official(region: BankHolidayRegion) -> OfficialList | None:
    """The gov.uk list `holidays update` stored, for ``region``; a line when it is over a year old."""
    from inspectcal.govuk_list import read_stored

    stored = read_stored()
    if stored is None:
        return None
    if stored.is_stale(today_date()):
        sys.stderr.write(
            f"Warning: the bank holidays in use are the {stored.name}, over a year ago: "
            "run 'inspectcal holidays update' for any announced since\n"
        )
    return stored.for_region(region)


def _refuse_with_no_bank_holidays(region: str, bank_holidays_file: Path | None) -> None:
    """--no-bank-holidays skips no bank holidays: a file or region of them would be ignored."""
    if bank_holidays_file is not None:
        raise InputError(
            "--no-bank-holidays and --bank-holidays-file contradict each other: the file's bank "
            "holidays would be ignored; give one or the other"
        )
    if region != DEFAULT_REGION:
        raise InputError(
            f"--no-bank-holidays and --region {region} contradict each other: the region's bank "
            "holidays would be ignored; give one or the other"
        )


warned: set[int] = set()


def warn_if_projected(source: CalendarSource, *dates: date) -> None:
    """Say once, on stderr, when a result depends on bank holidays not yet announced."""
    horizon = source.confirmed_through
    if horizon is None or horizon in warned or not dates or max(dates).year <= horizon:
        return
    warned.add(horizon)
    sys.stderr.write(
        f"Warning: dates after {horizon} count bank holidays projected from the usual rules "
        f"({source.region.label}); one-off days are announced later, so check them again then\n"
    )


def framework_from_options(ref: str, params: list[str] | None) -> Framework:
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


def plan_from_options(
    framework: Framework,
    notified: str | None,
    anchor: str | None,
    calendar: WorkingCalendar,
    source: CalendarSource,
    name: str | None,
) -> Plan:
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
        known = Anchor(parse_anchor_day(framework, key), read_date(when, "--anchor"))
        try:
            day_one = notified_from_anchor(calendar, known)
        except OutOfRangeError:
            if not calendar.first <= known.date <= calendar.last:
                raise
            raise OutOfRangeError(
                f"--anchor {anchor}: Day 1, the notification date it implies ({known.day - 1} working "
                f"days before {known.date.isoformat()}), would fall before {calendar.first.isoformat()}, "
                "the first supported date"
            ) from None
    else:
        assert notified is not None
        day_one = read_date(notified, "--notified")
    return build_plan(framework, day_one, calendar, source, authority=name, anchor=known)


def planned(
    framework: str,
    param: list[str] | None,
    notified: str | None,
    anchor: str | None,
    name: str | None,
    calendar_options: CalendarOptions,
) -> Plan:
    """The plan that a command's framework, date and calendar options describe."""
    source, calendar = calendar_from_options(calendar_options)
    result = plan_from_options(
        framework_from_options(framework, param), notified, anchor, calendar, source, name
    )
    warn_if_projected(source, result.last)
    return result


def read_date(text: str, what: str) -> date:
    from inspectcal.dates import parse_date

    try:
        return parse_date(text, today=today_date())
    except InspectcalError as error:
        raise type(error)(f"{what}: {error}") from None


class OutputBuffer(io.StringIO):
    """A command's text, collected before any of it is written, that knows where it goes.

    ``isatty()`` is that of the destination (stdout for ``None`` or ``-``, never a file), so
    that Rich colours what goes to a terminal, and only that.
    """

    def __init__(self, output: str | None = None) -> None:
        super().__init__()
        self._terminal = (output is None or output == "-") and sys.stdout.isatty()

    def isatty(self) -> bool:
        return self._terminal


def emit(text: str, output: str | None, force: bool) -> None:
    from inspectcal.output import write_output

    write_output(text, output, force=force)


def stdin_items(
    read: Callable[[str], T], what: str = "--notified -"
) -> Iterator[tuple[int, T | InspectcalError]]:
    """(line number, ``read(line)`` or the error) for each stdin line but blanks and comments."""
    from inspectcal.readers.base import claim_stdin, stdin, stream_lines

    claim_stdin(what)
    for number, line in stream_lines(stdin(), "stdin"):
        if isinstance(line, InspectcalError):
            yield number, line
            continue
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            yield number, read(text)
        except InspectcalError as error:
            yield number, error


def stdin_dates() -> Iterator[tuple[int, date | InspectcalError]]:
    """(line number, date or the error reading it) for each stdin line but blanks and comments."""
    from inspectcal.dates import parse_date

    today = today_date()
    return stdin_items(lambda text: parse_date(text, today=today))


def run_batch(
    render: Callable[[Any], str],
    output: str | None = None,
    force: bool = False,
    *,
    header: Iterable[str] = (),
    items: Iterator[tuple[int, Any]] | None = None,
) -> None:
    """The one batch loop: ``render`` each stdin date and write it as it comes (constant memory).

    A line that cannot be read or done is reported on stderr with its number and the rest
    are still done; then exit 2 if any was bad.
    """
    from inspectcal.output import output_stream

    bad = 0
    rest = "the rest were done"
    try:
        with output_stream(output, force=force) as stream:
            stream.writelines(header)
            for number, day in stdin_dates() if items is None else items:
                try:
                    if isinstance(day, InspectcalError):
                        raise day
                    text = render(day)
                except InspectcalError as error:
                    report_bad_line(number, error)
                    bad += 1
                    continue
                stream.write(text)
    except BrokenPipeError:  # the reader went away: 0 as for every command, unless a line was bad
        if not bad:
            raise
        rest = "the reader of the output left before the rest were done"
    if bad:
        sys.stderr.write(f"Error: {bad} bad line{'s' if bad != 1 else ''} on stdin (see above); {rest}\n")
        raise typer.Exit(2)


def tab_line(compute: Callable[[date], list[str]]) -> Callable[[date], str]:
    """For ``run_batch``: a tab-separated line, the date and then what ``compute`` gives for it."""

    def render(day: date) -> str:
        return "\t".join([day.isoformat(), *compute(day)]) + "\n"

    return render


def report_bad_line(number: int, error: InspectcalError) -> None:
    from inspectcal.readers.base import at

    place = at("stdin", number)
    message = str(error) if str(error).startswith(f"{place}:") else f"{place}: {error}"
    sys.stderr.write(f"Error: {message}\n")


def export_time() -> datetime:
    """DTSTAMP: now, or SOURCE_DATE_EPOCH when set, for byte-for-byte reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{epoch}'") from None


def document_time() -> datetime:
    """Created/modified time of .xlsx/.docx files: SOURCE_DATE_EPOCH, else a fixed time.

    Never the clock: the same plan gives the same bytes, run after run.
    """
    if os.environ.get("SOURCE_DATE_EPOCH") is None:
        return datetime(1980, 1, 1, tzinfo=UTC)
    return export_time()


def emit_bytes(data: bytes, output: str | None, force: bool, what: str) -> None:
    """A binary file to ``--output``, or to stdout only when stdout is not a terminal."""
    from inspectcal.output import write_bytes

    if (output is None or output == "-") and sys.stdout.isatty():
        raise InputError(
            f"--format {what} makes a binary file, which a terminal cannot show: "
            f"give -o FILE.{what}, or redirect stdout to a file"
        )
    write_bytes(data, output, force=force)


def emit_result(
    record: dict[str, Any], shape: Any, fmt: ResultFormat, output: str | None, force: bool
) -> None:
    """One result of date, day, add or between, in ``fmt``, to --output or stdout."""
    from inspectcal.render.results import render_one

    emit(render_one(record, shape, fmt.value), output, force)


def run_result_batch(
    compute: Callable[[Any], dict[str, Any]],
    shape: Any,
    fmt: ResultFormat,
    output: str | None,
    force: bool,
    *,
    what: str = "--notified -",
    items: Iterator[tuple[int, Any]] | None = None,
) -> None:
    """date/day/add/between on stdin: one result a line (or CSV rows), with the batch rules of run_batch."""
    from inspectcal.render.results import batch_header, batch_line

    if fmt is ResultFormat.json:
        raise InputError(f"{what} reads stdin a line at a time: use --format text, jsonl or csv")
    run_batch(
        lambda item: batch_line(compute(item), shape, fmt.value),
        output,
        force,
        header=batch_header(shape, fmt.value),
        items=items,
    )


def read_date_and_number(text: str) -> tuple[date, int]:
    """A stdin line for ``add -``: a date, then a whole number (tab, comma or spaces between)."""
    import re

    match = re.fullmatch(r"(.*?)[\s,]+([-+]?\d+)", text)
    if match is None:
        raise InputError(f"{_quoted(text)} is not DATE N, e.g. 2010-02-22 39 (a tab or a comma also works)")
    return read_date(match[1], "DATE"), int(match[2])


def read_two_dates(text: str) -> tuple[date, date]:
    """A stdin line for ``between -``: two dates, split at the one place where both halves read."""
    import re

    from inspectcal.dates import parse_date

    today = today_date()
    found = set()
    for gap in re.finditer(r"\t|,|\s+", text):
        left, right = text[: gap.start()], text[gap.end() :]
        try:
            found.add((parse_date(left, today=today), parse_date(right, today=today)))
        except InspectcalError:
            continue
    if len(found) != 1:
        reason = "cannot read two dates in" if not found else "cannot tell where the first date ends in"
        raise InputError(f"{reason} {_quoted(text)}: write A and B with a tab or a comma between them")
    (pair,) = found
    return pair


def _quoted(text: str) -> str:
    from inspectcal.errors import quoted

    return quoted(text)
