"""The plan as CSV: one row per milestone, safe to open in Excel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from inspectcal.plan import Plan
from inspectcal.render.plan import HEADER, csv_rows
from inspectcal.render.rows import CsvCell
from inspectcal.render.writer import csv_text, safe_cell

__all__ = ["HEADER", "csv_line", "render", "rows", "safe_cell"]


def csv_line(cells: Sequence[CsvCell]) -> str:
    """One CSV line."""
    return csv_text([cells])


def rows(plan: Plan, *, with_notified: bool = False) -> str:
    """The plan's rows without a header; with a leading ``notified`` cell for batches."""
    return csv_text(csv_rows(plan, with_notified=with_notified))


def render(plan: Plan, stream: TextIO) -> None:
    stream.write(csv_text([HEADER, *csv_rows(plan)]))
