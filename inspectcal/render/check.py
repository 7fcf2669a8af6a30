"""Timetable audit results as a table, JSON or CSV."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, TextIO

from inspectcal.check import Verdict
from inspectcal.render.csv import safe_cell
from inspectcal.render.json import dump


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    return {
        "line": verdict.row.line,
        "date": verdict.row.date_text,
        "day": verdict.row.day_text,
        "ok": verdict.ok,
        "expected_day": verdict.expected_label,
        "note": verdict.note,
        "activity": verdict.row.activity,
    }


def render(verdicts: Sequence[Verdict], fmt: str, stream: TextIO) -> None:
    rows = [verdict_to_dict(v) for v in verdicts]
    if fmt == "json":
        dump(rows, stream)
        return
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(("line", "date", "day", "ok", "expected_day", "note", "activity"))
        for r in rows:
            writer.writerow(
                (
                    r["line"],
                    safe_cell(r["date"]),
                    safe_cell(r["day"]),
                    "yes" if r["ok"] else "no",
                    r["expected_day"] or "",
                    safe_cell(r["note"]),
                    safe_cell(r["activity"]),
                )
            )
        return
    from rich.table import Table

    from inspectcal.render.table import console_for

    table = Table(header_style="bold")
    for column in ("Line", "Date", "Day", "Should be", "", "Activity"):
        table.add_column(column, no_wrap=column != "Activity")
    for r in rows:
        should = r["expected_day"] or "-"
        mark = "ok" if r["ok"] else "WRONG"
        activity = r["activity"] + (f" [{r['note']}]" if r["note"] else "")
        table.add_row(
            str(r["line"]), r["date"], r["day"], should, mark, activity, style=None if r["ok"] else "bold red"
        )
    console = console_for(stream)
    console.print(table)
    wrong = sum(1 for r in rows if not r["ok"])
    console.print(
        f"{wrong} of {len(rows)} rows disagree with the calendar."
        if wrong
        else f"All {len(rows)} rows agree with the calendar."
    )
