"""The record-audit command: measure Ofsted's own record of ILACS inspections."""

# No `from __future__ import annotations` here: Typer reads these annotations as objects.

from pathlib import Path
from typing import Annotated

import typer

from inspectcal.cli.app import command
from inspectcal.cli.build import calendar_from_options
from inspectcal.cli.defaults import DEFAULT_REGION
from inspectcal.cli.destination import OutputBuffer, emit, output_format
from inspectcal.cli.options import (
    BankHolidaysFile,
    CalendarOptions,
    Force,
    ListFormat,
    Output,
)


@command(
    "ilacs-record",
    epilog="Example: inspectcal ilacs-record ilacs-inspections-2018-2025.csv --format csv",
)
def ilacs_record(
    ctx: typer.Context,
    record: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="CSV of inspections: local_authority, framework, onsite_start, onsite_end, published.",
        ),
    ],
    *,
    eras: Annotated[
        bool,
        typer.Option(
            "--eras",
            help="Instead: derive the era table from FILE and print it as the package ships it "
            "(inspectcal/frameworks/records/ilacs.toml).",
        ),
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="TEXT", help="--eras: where FILE's rows come from (default: named)."
        ),
    ] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="Output format of the audit.")
    ] = ListFormat.table,
    output: Output = None,
    force: Force = False,
    bank_holidays_file: BankHolidaysFile = None,
) -> None:
    """Audit a record of ILACS (or area SEND) inspections: on-site span and publication gap, per row.

    A FILE without a framework column is a record of area SEND inspections (local_authority,
    onsite_start, onsite_end, published, report); --eras then prints records/area-send.toml.

    Span: working days on site, first and last day counted. Gap: working days after the last
    on-site day up to publication. A row is flagged when its span is not its framework's
    (10 standard, 5 short) or its gap is below the target of its era in the shipped table.
    Exit 1 if any row is flagged. Working days: Mon-Fri less bank holidays in England and Wales.
    """
    fmt = output_format(ctx, output, fmt)
    from inspectcal.frameworks import builtin_ids, load_framework, load_record
    from inspectcal.readers.record_csv import AREA_SEND, read_record_csv
    from inspectcal.record import audit, build_record, measure, record_to_toml

    england = CalendarOptions(DEFAULT_REGION, False, None, None, bank_holidays_file)
    _, calendar = calendar_from_options(england)
    measured = measure(read_record_csv(record), calendar)
    # A record without a framework column is area SEND's (record.py): its own table, one era.
    name = AREA_SEND if all(m.row.kind == AREA_SEND for m in measured) else "ilacs"
    if eras:
        import shlex

        text = source or (
            f"Ofsted's published {'area SEND' if name == AREA_SEND else 'ILACS'} inspection reports: "
            f"the on-site dates and publication date of each, from {record.name}"
        )
        command = f"inspectcal ilacs-record {shlex.quote(record.name)} --eras"
        if source:
            plain = not any(c in source for c in '"$`\\!')
            command += f' --source "{source}"' if plain else f" --source {shlex.quote(source)}"
        earliest = "p10" if name == AREA_SEND else "target"
        table = build_record(name, text, measured, calendar, earliest=earliest)
        emit(record_to_toml(table, command=command), output, force)
        _say_which_table_plans_read(output, name)
        return
    from inspectcal.render.record import render_audit

    spans = {}
    for ref in builtin_ids():
        framework = load_framework(ref)
        if framework.record is not None and framework.record.record.name == name:
            # On site from Day 6 to the Day the publication gap counts from (the last on-site day).
            first = framework.milestone("onsite-start").start
            last = framework.milestone(framework.record.milestone).start
            spans[framework.record.kind] = last - first + 1
    buffer = OutputBuffer(output)
    audits = audit(measured, load_record(name), spans)
    render_audit(audits, fmt.value, buffer)
    emit(buffer.getvalue(), output, force)
    if any(a.flags for a in audits):
        raise typer.Exit(1)


def _say_which_table_plans_read(output: str | None, name: str) -> None:
    """After writing an era table to a file: plans read the running package's own copy, which is
    that file only in a checkout installed editable; say so rather than let a refresh look done."""
    import sys

    from inspectcal.record import RECORDS_DIR

    if output is None or output == "-":
        return
    used = RECORDS_DIR / f"{name}.toml"
    if Path(output).resolve() == used.resolve():
        return
    sys.stderr.write(
        f"Note: plans read the era table at {used}, not {output}: reinstall inspectcal from the "
        "checkout that holds the new table (e.g. pip install --force-reinstall ., or pipx install "
        "--force .) for plans to use it\n"
    )
