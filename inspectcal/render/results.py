"""Results of the day-arithmetic commands (date, day, add, between): text, JSON, JSON Lines, CSV.

A result is a record (its JSON object) and a ``Shape``: how the record is written as lines
of text, as a tab-separated batch line, and as CSV rows under a header. In a batch (one
input a line from stdin) each record is one line of text, one JSON line or CSV rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from inspectcal.render.rows import CsvCell

Record = dict[str, Any]


class Shape(NamedTuple):
    header: tuple[str, ...]  # the CSV header
    rows: Callable[[Record], list[tuple[CsvCell, ...]]]  # CSV rows
    text: Callable[[Record], list[str]]  # one run's lines of text
    line: Callable[[Record], list[str]]  # a batch line's tab-separated fields


DATE = Shape(
    ("notified", "day", "date"),
    lambda r: [(r["notified"], d["day"], d["date"]) for d in r["days"]],
    lambda r: [d["date"] for d in r["days"]],
    lambda r: [r["notified"], *(d["date"] for d in r["days"])],
)
DAY = Shape(
    ("notified", "date", "day"),
    lambda r: [(r["notified"], d["date"], d["day"]) for d in r["dates"]],
    lambda r: [str(d["day"]) for d in r["dates"]],
    lambda r: [r["notified"], *(str(d["day"]) for d in r["dates"])],
)
ADD = Shape(
    ("start", "n", "date"),
    lambda r: [(r["start"], r["n"], r["date"])],
    lambda r: [r["date"]],
    lambda r: [r["start"], str(r["n"]), r["date"]],
)
BETWEEN = Shape(
    ("a", "b", "inclusive", "working_days"),
    lambda r: [(r["a"], r["b"], "yes" if r["inclusive"] else "no", r["working_days"])],
    lambda r: [str(r["working_days"])],
    lambda r: [r["a"], r["b"], str(r["working_days"])],
)


def _csv(rows: list[tuple[CsvCell, ...]]) -> str:
    from inspectcal.render.writer import csv_text

    return csv_text(rows)


def render_one(record: Record, shape: Shape, fmt: str) -> str:
    """One result: ``text`` (a line each), ``json``, ``jsonl`` (one line) or ``csv`` (with a header)."""
    if fmt == "json":
        import io

        from inspectcal.render.json import dump

        buffer = io.StringIO()
        dump(record, buffer)
        return buffer.getvalue()
    if fmt == "jsonl":
        return batch_line(record, shape, fmt)
    if fmt == "csv":
        return _csv([shape.header, *shape.rows(record)])
    return "".join(f"{line}\n" for line in shape.text(record))


def batch_header(shape: Shape, fmt: str) -> list[str]:
    return [_csv([shape.header])] if fmt == "csv" else []


def batch_line(record: Record, shape: Shape, fmt: str) -> str:
    """One batch result: a tab-separated line (``text``), a JSON line or CSV rows."""
    if fmt == "jsonl":
        import json

        return json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(shape.rows(record))
    return "\t".join(shape.line(record)) + "\n"
