"""The days a calendar skips (bank holidays and closures) as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import TextIO

from inspectcal.calendars import CalendarSource
from inspectcal.render import human_date
from inspectcal.render.csv import safe_cell
from inspectcal.workdays import NonWorkingDay


def render_days_off(
    days: Sequence[NonWorkingDay], year: int, source: CalendarSource, fmt: str, stream: TextIO
) -> None:
    if fmt == "json":
        rows = [{"date": d.date.isoformat(), "name": d.name, "closure": d.closure} for d in days]
        json.dump(rows, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    elif fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(("date", "name", "closure"))
        for d in days:
            writer.writerow((d.date.isoformat(), safe_cell(d.name), "yes" if d.closure else "no"))
    else:
        from rich.table import Table

        from inspectcal.render.table import console_for

        table = Table()
        table.add_column("Date", no_wrap=True)
        table.add_column("Name")
        for d in days:
            table.add_row(human_date(d.date), d.name + (" (closure)" if d.closure else ""))
        console = console_for(stream)
        console.print(f"Days skipped in {year}: {source.describe()}")
        console.print(table)
        if not days:
            console.print("No weekday bank holidays or closures.")
