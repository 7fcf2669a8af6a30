"""The options the commands share, declared once (Annotated aliases), their defaults and formats."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

from inspectcal.cli.defaults import DEFAULT_REGION

# Help panels: options grouped by purpose (each option's rich_help_panel). Typer shows them
# only in Rich help, which the CLI does not use (see app.py); they say what each option is for.
PLAN_PANEL = "What to plan"
CALENDAR_PANEL = "Working days: region, bank holidays, closures"
OUTPUT_PANEL = "Output"
ICS_PANEL = "Calendar file (--format ics)"


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
Election = Annotated[
    list[str] | None,
    typer.Option(
        "--election",
        metavar="DATE",
        help="The authority holds a poll that day: the publication forecast moves past its "
        "pre-election period (repeatable). General elections are built in.",
        rich_help_panel=PLAN_PANEL,
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
