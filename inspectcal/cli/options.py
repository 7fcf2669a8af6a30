"""Options shared by the commands, and the helpers that turn them into library calls."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from inspectcal.errors import InputError, InspectcalError

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


CalendarArgs = tuple[str, bool, list[str] | None, Path | None, Path | None]
_CALENDAR_PARAMETERS = (
    ("region", Region, "england-and-wales"),
    ("no_bank_holidays", NoBankHolidays, False),
    ("closed", Closed, None),
    ("closures", ClosuresFile, None),
    ("bank_holidays_file", BankHolidaysFile, None),
)


class with_calendar_options:
    """Give a command the calendar options every command that counts days shares.

    Typer sees --region, --no-bank-holidays, --closed, --closures and --bank-holidays-file;
    the command receives them as one ``calendar_options`` tuple for calendar_from_options.
    The combined signature is worked out only when Typer asks for it, that is only for the
    command that runs (see ``_app_for``), to keep start-up light.
    """

    def __init__(self, command: Callable[..., None]) -> None:
        functools.update_wrapper(self, command)
        self._command = command

    @functools.cached_property
    def __signature__(self) -> inspect.Signature:
        signature = inspect.signature(self._command)  # annotations are objects: see days.py
        own = [p for p in signature.parameters.values() if p.name != "calendar_options"]
        if any(isinstance(p.annotation, str) for p in own):
            raise TypeError(
                f"{self._command.__name__}: its module must not use `from __future__ import annotations`"
            )
        shared = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
            for name, annotation, default in _CALENDAR_PARAMETERS
        ]
        return signature.replace(parameters=[*own, *shared])

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        options = tuple(kwargs.pop(name) for name, _, _ in _CALENDAR_PARAMETERS)
        self._command(*args, calendar_options=options, **kwargs)


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"
    svg = "svg"
    html = "html"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def today_date() -> date:
    return date.today()


def calendar_from_options(
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


warned: set[int] = set()


def warn_if_projected(source: Any, *dates: date) -> None:
    """Say once, on stderr, when a result depends on bank holidays not yet announced."""
    horizon = source.confirmed_through
    if horizon is None or horizon in warned or not dates or max(dates).year <= horizon:
        return
    warned.add(horizon)
    sys.stderr.write(
        f"Warning: dates after {horizon} count bank holidays projected from the usual rules "
        f"({source.region.label}); one-off days are announced later, so check them again then\n"
    )


def framework_from_options(ref: str, params: list[str] | None) -> Any:
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
    calendar_options: CalendarArgs,
) -> Any:
    """The plan that a command's framework, date and calendar options describe."""
    source, calendar = calendar_from_options(*calendar_options)
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


def emit(text: str, output: str | None, force: bool) -> None:
    from inspectcal.output import write_output

    write_output(text, output, force=force)


def stdin_dates() -> Iterator[tuple[int, str, date | InspectcalError]]:
    """(line number, text, date or the error reading it) for each non-blank stdin line."""
    from inspectcal.dates import parse_date

    today = today_date()
    for number, line in enumerate(sys.stdin, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            yield number, text, parse_date(text, today=today)
        except InspectcalError as error:
            yield number, text, error


def stream_lines(results: Iterator[str | None], output: str | None, force: bool) -> None:
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


def report_bad_line(number: int, error: InspectcalError) -> None:
    sys.stderr.write(f"Error: stdin line {number}: {error}\n")


def export_time() -> datetime:
    """DTSTAMP: now, or SOURCE_DATE_EPOCH when set, for byte-for-byte reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{epoch}'") from None


def per_stdin_date(compute: Any) -> Iterator[str | None]:
    """For each stdin date, a tab-separated line: the date, then what ``compute`` gives for it."""
    for number, _, day in stdin_dates():
        try:
            if isinstance(day, InspectcalError):
                raise day
            yield "\t".join([day.isoformat(), *compute(day)]) + "\n"
        except InspectcalError as error:
            report_bad_line(number, error)
            yield None
