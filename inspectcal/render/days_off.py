"""The days a calendar skips (bank holidays and closures) as a table, JSON or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from inspectcal.calendars import CalendarSource, Disagreement
from inspectcal.render import human_date
from inspectcal.render.rows import Column, Layout, Rows
from inspectcal.render.writer import write_rows
from inspectcal.workdays import NonWorkingDay


def _projected(day: NonWorkingDay, source: CalendarSource) -> bool:
    """A bank holiday in a year past the confirmed horizon: projected from the usual rules."""
    horizon = source.confirmed_through
    return not day.closure and horizon is not None and day.date.year > horizon


def days_off_rows(days: Sequence[NonWorkingDay], year: int, source: CalendarSource) -> Rows:
    closed = sum(1 for d in days if d.closure)  # the working days closures take out of the year
    notes = []
    if not days:
        notes.append("No weekday bank holidays or closures.")
    if any(_projected(d, source) for d in days):
        notes.append(
            f"Projected: bank holidays after {source.confirmed_through} follow the usual rules; "
            "one-off days are announced later."
        )
    cells = [
        [
            human_date(d.date),
            d.name + (" (closure)" if d.closure else "") + (" (projected)" if _projected(d, source) else ""),
        ]
        for d in days
    ]
    return Rows(
        json=[
            {
                "date": d.date.isoformat(),
                "name": d.name,
                "closure": d.closure,
                "projected": _projected(d, source),
            }
            for d in days
        ],
        csv_header=("date", "name", "closure", "projected"),
        csv_rows=[
            (
                d.date.isoformat(),
                d.name,
                "yes" if d.closure else "no",
                "yes" if _projected(d, source) else "no",
            )
            for d in days
        ],
        layouts=[Layout([Column("Date"), Column("Name", wrap=True)], cells)],
        before=[f"Days skipped in {year}: {source.describe(closed=closed)}"],
        notes=notes,
    )


def render_days_off(
    days: Sequence[NonWorkingDay], year: int, source: CalendarSource, fmt: str, stream: TextIO
) -> None:
    write_rows(days_off_rows(days, year, source), fmt, stream)


def disagreement_rows(found: Sequence[Disagreement], path: str) -> Rows:
    columns = [
        Column("Region"),
        Column("Date"),
        Column(f"In {path}", wrap=True),
        Column("Built in", wrap=True),
    ]
    cells = [[f.region, human_date(f.date), f.in_file or "-", f.built_in or "-"] for f in found]
    if found:
        notes = [f"{len(found)} weekday{'s disagree' if len(found) != 1 else ' disagrees'}."]
    else:
        notes = [f"No disagreements: {path} and the built-in bank holidays list the same weekdays."]
    return Rows(
        json=[
            {"region": f.region, "date": f.date.isoformat(), "in_file": f.in_file, "built_in": f.built_in}
            for f in found
        ],
        csv_header=("region", "date", "in_file", "built_in"),
        csv_rows=[(f.region, f.date.isoformat(), f.in_file, f.built_in) for f in found],
        layouts=[Layout(columns, cells)] if found else [],
        notes=notes,
    )


def render_disagreements(found: Sequence[Disagreement], path: str, fmt: str, stream: TextIO) -> None:
    write_rows(disagreement_rows(found, path), fmt, stream)
