"""The plan as CSV: one row per milestone, safe to open in Excel."""

from __future__ import annotations

import csv
import io
from typing import TextIO

from inspectcal.plan import Plan

HEADER = ("start_day", "end_day", "start", "end", "id", "title", "who", "framework_status")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Neutralise free text that a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_line(cells: tuple[object, ...]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def rows(plan: Plan, *, with_notified: bool = False) -> str:
    """The plan's rows without a header; with a leading ``notified`` cell for batches."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    lead = (plan.notified.isoformat(),) if with_notified else ()
    for m in plan.milestones:
        cells = (
            m.start_day,
            m.end_day,
            m.start.isoformat(),
            m.end.isoformat(),
            safe_cell(m.id),
            safe_cell(m.title),
        )
        writer.writerow((*lead, *cells, m.who, plan.framework.status))
    return buffer.getvalue()


def render(plan: Plan, stream: TextIO) -> None:
    stream.write(csv_line(HEADER) + rows(plan))
