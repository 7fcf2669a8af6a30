"""Timetable audit results as a table, JSON or CSV."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, TextIO

from inspectcal.check import Verdict
from inspectcal.frameworks import Framework
from inspectcal.render import indicative_note
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


def render(
    verdicts: Sequence[Verdict],
    fmt: str,
    stream: TextIO,
    *,
    unit: str = "line",
    framework: Framework | None = None,
) -> None:
    """``unit`` names what the row numbers count: "line" of a text file, "row" of a table.

    ``framework`` is the one the Days were counted with: an indicative one is labelled.
    """
    rows = [verdict_to_dict(v) for v in verdicts]
    status = framework.status if framework else ""
    if fmt == "json":
        dump(rows, stream)
        return
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(("line", "date", "day", "ok", "expected_day", "note", "activity", "framework_status"))
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
                    status,
                )
            )
        return
    from inspectcal.render.table import Column, Layout, console_for, print_fitted

    def layout(date_text: Any, should_header: str) -> Layout:
        columns = [
            Column(unit.capitalize(), justify="right", drop=1),
            Column("Date"),
            Column("Day"),
            Column(should_header, name="Should be"),
            Column(""),
            Column("Activity", wrap=True),
        ]
        table_rows = [
            [
                str(r["line"]),
                date_text(r["date"]),
                r["day"],
                r["expected_day"] or "-",
                "ok" if r["ok"] else "WRONG",
                r["activity"] + (f" [{r['note']}]" if r["note"] else ""),
            ]
            for r in rows
        ]
        return Layout(columns, table_rows, [None if r["ok"] else "bold red" for r in rows])

    def same(text: str) -> str:
        return text

    def ends_on_two_lines(text: str) -> str:
        return text.replace("..", "..\n", 1)

    console = console_for(stream)
    print_fitted(console, [layout(same, "Should be"), layout(ends_on_two_lines, "Should\nbe")])
    wrong = sum(1 for r in rows if not r["ok"])
    console.print(
        f"{wrong} of {len(rows)} rows disagree with the calendar."
        if wrong
        else f"All {len(rows)} rows agree with the calendar."
    )
    note = indicative_note(framework) if framework else None
    if note:
        console.print(note)
