"""A record audit (``inspectcal ilacs-record``) as a table, JSON or CSV, and a record's eras."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from inspectcal.record import Audit, Record
from inspectcal.render.rows import Column, Layout, Rows
from inspectcal.render.writer import write_rows

_FIELDS = (
    "line",
    "local_authority",
    "framework",
    "onsite_start",
    "onsite_end",
    "published",
    "span",
    "gap",
    "target",
    "era_from",
    "ok",
    "flags",
)


def audit_to_dict(item: Audit) -> dict[str, Any]:
    row = item.measured.row
    return {
        "line": row.line,
        "local_authority": row.authority,
        "framework": row.kind,
        "onsite_start": row.onsite_start.isoformat(),
        "onsite_end": row.onsite_end.isoformat(),
        "published": row.published.isoformat(),
        "span": item.measured.span,
        "gap": item.measured.gap,
        "target": item.target,
        "era_from": item.era.isoformat() if item.era else None,
        "ok": not item.flags,
        "flags": list(item.flags),
    }


def audit_rows(audits: Sequence[Audit]) -> Rows:
    rows = [audit_to_dict(a) for a in audits]
    columns = [
        Column("Line", justify="right", drop=1),
        Column("Authority", wrap=True),
        Column("Framework", drop=4),
        Column("Last on site"),
        Column("Span", justify="right"),
        Column("Published", drop=2),
        Column("Gap", justify="right"),
        Column("Target", justify="right", drop=3),
        Column("Flags", wrap=True),
    ]
    cells = [
        [
            str(r["line"]),
            r["local_authority"],
            r["framework"],
            r["onsite_end"],
            str(r["span"]),
            r["published"],
            str(r["gap"]),
            "-" if r["target"] is None else str(r["target"]),
            "; ".join(r["flags"]) or "ok",
        ]
        for r in rows
    ]
    styles = [None if r["ok"] else "bold red" for r in rows]
    flagged = sum(1 for r in rows if not r["ok"])
    return Rows(
        json=rows,
        csv_header=_FIELDS,
        csv_rows=[
            [*(r[key] for key in _FIELDS[:-2]), "yes" if r["ok"] else "no", "; ".join(r["flags"])]
            for r in rows
        ],
        layouts=[Layout(columns, cells, styles)],
        notes=[
            f"{flagged} of {len(rows)} rows flagged: check them against their reports."
            if flagged
            else f"All {len(rows)} rows fit the frameworks and the record's era targets."
        ],
    )


def render_audit(audits: Sequence[Audit], fmt: str, stream: TextIO) -> None:
    write_rows(audit_rows(audits), fmt, stream)


def evidence_rows(record: Record, kind: str) -> list[dict[str, Any]]:
    """One framework's figures per era, for ``frameworks show``."""
    result = []
    for era in record.eras:
        figures = era.kinds.get(kind)
        if figures is None:
            continue
        result.append(
            {
                "from": era.start.isoformat(),
                "inspections": figures.inspections,
                "published": list(figures.published),
                "target": figures.target,
                "p10": figures.p10,
                "median": figures.median,
                "p90": figures.p90,
                "fastest": figures.fastest,
                "slowest": figures.slowest,
            }
        )
    return result
