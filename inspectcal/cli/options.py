"""Options shared by the commands, and the helpers that turn them into library calls."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from inspectcal.errors import InputError, InspectcalError

if TYPE_CHECKING:  # imported where used, to keep start-up light
    from inspectcal.calendars import CalendarSource
    from inspectcal.frameworks import Framework
    from inspectcal.plan import Plan
    from inspectcal.workdays import WorkingCalendar

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
        help="File of closure dates or ranges, one per line ('# text' names them), or an .ics calendar.",
    ),
]
BankHolidaysFile = Annotated[
    Path | None,
    typer.Option(
        "--bank-holidays-file",
        metavar="FILE",
        help="Official bank holidays in the gov.uk JSON format; they replace the built-in ones "
        "for each year the file lists events in.",
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


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


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

    found = []
    for text in closed or []:
        try:
            found.append(parse_date_span(text))
        except InspectcalError as error:
            raise type(error)(f"--closed: {error}") from None
    if closures is not None:
        from inspectcal.avoid import read_closures_file

        found.extend(read_closures_file(closures))
    chosen = get_region(region)
    official = None
    if bank_holidays_file is not None:
        from inspectcal.calendars import read_official_file

        official = read_official_file(bank_holidays_file, chosen)
    source = CalendarSource(chosen, not no_bank_holidays, tuple(found), official)
    if official is not None:
        from inspectcal.calendars import official_warnings

        for message in official_warnings(source):
            sys.stderr.write(f"Warning: {message}\n")
    return source, working_calendar(source)


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
        day_one = notified_from_anchor(calendar, known)
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


def stdin_dates() -> Iterator[tuple[int, date | InspectcalError]]:
    """(line number, date or the error reading it) for each stdin line but blanks and comments."""
    from inspectcal.dates import parse_date
    from inspectcal.readers.base import stdin, stream_lines

    today = today_date()
    for number, line in stream_lines(stdin(), "stdin"):
        if isinstance(line, InspectcalError):
            yield number, line
            continue
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            yield number, parse_date(text, today=today)
        except InspectcalError as error:
            yield number, error


def run_batch(
    render: Callable[[date], str],
    output: str | None = None,
    force: bool = False,
    *,
    header: Iterable[str] = (),
) -> None:
    """The one batch loop: ``render`` each stdin date and write it as it comes (constant memory).

    A line that cannot be read or done is reported on stderr with its number and the rest
    are still done; then exit 2 if any was bad.
    """
    from inspectcal.output import output_stream

    bad = 0
    with output_stream(output, force=force) as stream:
        stream.writelines(header)
        for number, day in stdin_dates():
            try:
                if isinstance(day, InspectcalError):
                    raise day
                text = render(day)
            except InspectcalError as error:
                report_bad_line(number, error)
                bad += 1
                continue
            stream.write(text)
    if bad:
        sys.stderr.write(
            f"Error: {bad} bad line{'s' if bad != 1 else ''} on stdin (see above); the rest were done\n"
        )
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
