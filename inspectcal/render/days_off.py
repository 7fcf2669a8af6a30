"""The days a calendar skips (bank holidays and closures) as a table, JSON or CSV."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from inspectcal.calendars import CalendarSource, Disagreement
from inspectcal.render import human_date
from inspectcal.render.csv import safe_cell
from inspectcal.render.json import dump
from inspectcal.workdays import NonWorkingDay


def _projected(day: NonWorkingDay, source: CalendarSource) -> bool:
    """A bank holiday in a year past the confirmed horizon: projected from the usual rules."""
    horizon = source.confirmed_through
    return not day.closure and horizon is not None and day.date.year > horizon


def render_days_off(
    days: Sequence[NonWorkingDay], year: int, source: CalendarSource, fmt: str, stream: TextIO
) -> None:
    if fmt == "json":
        rows = [
            {
                "date": d.date.isoformat(),
                "name": d.name,
                "closure": d.closure,
                "projected": _projected(d, source),
            }
            for d in days
        ]
        dump(rows, stream)
    elif fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(("date", "name", "closure", "projected"))
        for d in days:
            writer.writerow(
                (
                    d.date.isoformat(),
                    safe_cell(d.name),
                    "yes" if d.closure else "no",
                    "yes" if _projected(d, source) else "no",
                )
            )
    else:
        from inspectcal.render.table import Column, Layout, console_for, print_fitted

        columns = [Column("Date"), Column("Name", wrap=True)]
        cells = [
            [
                human_date(d.date),
                d.name
                + (" (closure)" if d.closure else "")
                + (" (projected)" if _projected(d, source) else ""),
            ]
            for d in days
        ]
        console = console_for(stream)
        closed = sum(1 for d in days if d.closure)  # the working days closures take out of the year
        console.print(f"Days skipped in {year}: {source.describe(closed=closed)}")
        print_fitted(console, [Layout(columns, cells)])
        if not days:
            console.print("No weekday bank holidays or closures.")
        if any(_projected(d, source) for d in days):
            console.print(
                f"Projected: bank holidays after {source.confirmed_through} follow the usual rules; "
                "one-off days are announced later."
            )


def render_disagreements(found: Sequence[Disagreement], path: str, fmt: str, stream: TextIO) -> None:
    rows = [
        {"region": f.region, "date": f.date.isoformat(), "in_file": f.in_file, "built_in": f.built_in}
        for f in found
    ]
    if fmt == "json":
        dump(rows, stream)
        return
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(("region", "date", "in_file", "built_in"))
        for r in rows:
            writer.writerow(
                (r["region"], r["date"], safe_cell(r["in_file"] or ""), safe_cell(r["built_in"] or ""))
            )
        return
    from inspectcal.render.table import Column, Layout, console_for, print_fitted

    console = console_for(stream)
    if not rows:
        console.print(f"No disagreements: {path} and the built-in bank holidays list the same weekdays.")
        return
    columns = [
        Column("Region"),
        Column("Date"),
        Column(f"In {path}", wrap=True),
        Column("Built in", wrap=True),
    ]
    cells = [[f.region, human_date(f.date), f.in_file or "-", f.built_in or "-"] for f in found]
    print_fitted(console, [Layout(columns, cells)])
    console.print(f"{len(rows)} weekday{'s' if len(rows) != 1 else ''} disagree.")
