"""Timetable audit results as a table, JSON or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from inspectcal.check import Verdict
from inspectcal.frameworks import Framework
from inspectcal.render import indicative_note
from inspectcal.render.rows import Column, Layout, Rows
from inspectcal.render.writer import write_rows

CSV_HEADER = ("line", "date", "day", "ok", "expected_day", "note", "activity", "framework_status")


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


def check_rows(
    verdicts: Sequence[Verdict], *, unit: str = "line", framework: Framework | None = None
) -> Rows:
    """``unit`` names what the row numbers count: "line" of a text file, "row" of a table.

    ``framework`` is the one the Days were counted with: an indicative one is labelled.
    """
    rows = [verdict_to_dict(v) for v in verdicts]
    status = framework.status if framework else ""
    csv_rows = [
        (
            r["line"],
            r["date"],
            r["day"],
            "yes" if r["ok"] else "no",
            r["expected_day"] or "",
            r["note"],
            r["activity"],
            status,
        )
        for r in rows
    ]

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

    wrong = sum(1 for r in rows if not r["ok"])
    summary = (
        f"{wrong} of {len(rows)} rows disagree with the calendar."
        if wrong
        else f"All {len(rows)} rows agree with the calendar."
    )
    note = indicative_note(framework) if framework else None
    return Rows(
        json=rows,
        csv_header=CSV_HEADER,
        csv_rows=csv_rows,
        layouts=[layout(same, "Should be"), layout(ends_on_two_lines, "Should\nbe")],
        notes=[summary, *([note] if note else [])],
    )


def render(
    verdicts: Sequence[Verdict],
    fmt: str,
    stream: TextIO,
    *,
    unit: str = "line",
    framework: Framework | None = None,
) -> None:
    write_rows(check_rows(verdicts, unit=unit, framework=framework), fmt, stream)
