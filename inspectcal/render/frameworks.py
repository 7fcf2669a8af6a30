"""Frameworks as a list or one framework's milestones: table, JSON or CSV."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, TextIO

from inspectcal.frameworks import Framework
from inspectcal.render.csv import safe_cell
from inspectcal.render.json import dump


def framework_summary(framework: Framework) -> dict[str, Any]:
    return {
        "id": framework.id,
        "title": framework.title,
        "status": framework.status,
        "source": framework.source,
        "milestones": len(framework.milestones),
        "last_day": framework.last_day,
        "parameters": dict(framework.parameters),
        "critical": list(framework.critical),
    }


def framework_detail(framework: Framework) -> dict[str, Any]:
    detail = framework_summary(framework)
    detail["milestones"] = [
        {"id": spec.id, "title": spec.title, "who": spec.who, "start_day": start, "end_day": end}
        for spec, start, end in framework.resolved_days()
    ]
    link = framework.record
    if link is not None:
        from inspectcal.render.record import evidence_rows

        detail["record"] = {
            "name": link.record.name,
            "framework": link.kind,
            "milestone": link.milestone,
            "parameter": link.parameter,
            "applies": framework.record_applies,
            "source": link.record.source,
            "eras": evidence_rows(link.record, link.kind),
            "earliest": link.record.earliest,
            "held_out": link.record.held_out,
            "elections": {kind: lag._asdict() for kind, lag in link.record.elections.items()},
        }
    return detail


def render_list(frameworks: Sequence[Framework], fmt: str, stream: TextIO) -> None:
    rows = [framework_summary(f) for f in frameworks]
    if fmt == "json":
        dump(rows, stream)
    elif fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(("id", "title", "status", "milestones", "last_day"))
        for row in rows:
            writer.writerow(
                (row["id"], safe_cell(row["title"]), row["status"], row["milestones"], row["last_day"])
            )
    else:
        from inspectcal.render.table import Column, Layout, console_for, print_fitted

        columns = [
            Column("Id"),
            Column("Title", wrap=True),
            Column("Status"),
            Column("Milestones", justify="right", drop=1),
            Column("Days", justify="right", drop=2),
        ]
        cells = [
            [row["id"], row["title"], row["status"], str(row["milestones"]), str(row["last_day"])]
            for row in rows
        ]
        console = console_for(stream)
        print_fitted(console, [Layout(columns, cells)])
        console.print(
            "Indicative frameworks are built from published guidance, not an Ofsted timetable: "
            "see 'inspectcal frameworks show ID'."
        )


def render_one(framework: Framework, fmt: str, stream: TextIO) -> None:
    detail = framework_detail(framework)
    if fmt == "json":
        dump(detail, stream)
        return
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(("start_day", "end_day", "id", "title", "who"))
        for m in detail["milestones"]:
            writer.writerow(
                (m["start_day"], m["end_day"], safe_cell(m["id"]), safe_cell(m["title"]), m["who"])
            )
        return
    from inspectcal.render.table import Column, Layout, console_for, print_fitted

    columns = [
        Column("Day", justify="right"),
        Column("Id"),
        Column("Milestone", wrap=True),
        Column("Who", drop=1),
    ]
    cells = [
        [
            str(m["start_day"]) if m["start_day"] == m["end_day"] else f"{m['start_day']}-{m['end_day']}",
            m["id"],
            m["title"],
            m["who"],
        ]
        for m in detail["milestones"]
    ]
    console = console_for(stream)
    print_fitted(
        console, [Layout(columns, cells)], title=f"{framework.title} [{framework.id}], {framework.status}"
    )
    if framework.parameters:
        console.print("Parameters: " + ", ".join(f"{k} = {v}" for k, v in framework.parameters.items()))
    if framework.critical:
        console.print("Critical for clashes: " + ", ".join(framework.critical))
    if framework.source:
        console.print(f"Source: {framework.source}")
    if "record" in detail:
        _print_evidence(console, framework, detail["record"])


def _print_evidence(console: Any, framework: Framework, record: dict[str, Any]) -> None:
    from inspectcal.render.table import Column, Layout, print_fitted

    milestone = framework.milestone(record["milestone"])
    earliest = "p10" if record["earliest"] == "p10" else "target"  # the figure the earliest date is
    columns = [
        Column("Era from"),
        Column("Inspections", justify="right"),
        Column("Published"),
        Column("10%" if earliest == "p10" else "Target", justify="right"),
        Column("Median", justify="right"),
        Column("90%", justify="right"),
        Column("Range", justify="right", drop=1),
    ]
    cells = []
    for era in record["eras"]:
        first, last = era["published"]
        cells.append(
            [
                era["from"],
                str(era["inspections"]),
                str(first) if first == last else f"{first}-{last}",
                str(era[earliest]),
                str(era["median"]),
                str(era["p90"]),
                f"{era['fastest']}-{era['slowest']}",
            ]
        )
    narrow = list(columns)  # a shorter header for the same count
    narrow[1] = Column("Reports", justify="right")
    print_fitted(
        console,
        [Layout(columns, cells), Layout(narrow, cells)],
        title=f"Evidence: working days from the last on-site day to '{milestone.id}', by era "
        f"(Ofsted's record, {record['framework']} inspections)",
        more="--format json",
    )
    falls_on = (
        "10th percentile (the record has no clear target: nine in ten reports came out on or after it)"
        if record["earliest"] == "p10"
        else "era's target (the most common gap)"
    )
    console.print(
        f"The era is chosen by the inspection's last on-site day; '{milestone.id}' falls on the "
        f"{falls_on}, the earliest likely date. Median and 90% are the "
        f"gaps that half and nine in ten of the era's reports did not exceed. "
        f"--param {record['parameter']}=N fixes the gap instead. Source: {record['source']}."
    )
    console.print(election_evidence(record))


def election_evidence(record: dict[str, Any]) -> str:
    """What the record shows of reports held back by elections (see inspectcal/elections.py)."""
    said = []
    for kind, lag in record["elections"].items():
        polls = "general elections" if kind == "general" else "May local polls"
        plural = "s" if lag["polls"] != 1 else ""
        said.append(
            f"{polls}: {lag['held']} reports held over {lag['polls']} poll{plural}, "
            f"out {lag['first']} (soonest), {lag['median']} (half) and {lag['p90']} (9 in 10) working days "
            "after the poll"
        )
    found = "; ".join(said) or "no report held by an election"
    return (
        f"Elections: Ofsted publishes no report on an authority in its pre-election period. In the record, "
        f"{found}. The {record['held_out']} reports held by general elections are left out of the eras. "
        "Forecasts move past general elections, and past a poll given with --election, by these lags."
    )
