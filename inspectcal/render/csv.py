"""The plan as CSV: one row per milestone, safe to open in Excel."""

from __future__ import annotations

import csv
from typing import TextIO

from inspectcal.plan import Plan

HEADER = ("start_day", "end_day", "start", "end", "id", "title", "who")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Neutralise free text that a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(plan: Plan, stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    for m in plan.milestones:
        writer.writerow(
            (
                m.start_day,
                m.end_day,
                m.start.isoformat(),
                m.end.isoformat(),
                safe_cell(m.id),
                safe_cell(m.title),
                m.who,
            )
        )
