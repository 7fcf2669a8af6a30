"""Frameworks as a list or one framework's milestones: table, JSON or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from inspectcal.frameworks import Framework
from inspectcal.render import day_numbers
from inspectcal.render.rows import Column, Layout, Rows
from inspectcal.render.writer import write_rows


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


def list_rows(frameworks: Sequence[Framework]) -> Rows:
    rows = [framework_summary(f) for f in frameworks]
    columns = [
        Column("Id"),
        Column("Title", wrap=True),
        Column("Status"),
        Column("Milestones", justify="right", drop=1),
        Column("Days", justify="right", drop=2),
    ]
    cells = [[r["id"], r["title"], r["status"], str(r["milestones"]), str(r["last_day"])] for r in rows]
    return Rows(
        json=rows,
        csv_header=("id", "title", "status", "milestones", "last_day"),
        csv_rows=[(r["id"], r["title"], r["status"], r["milestones"], r["last_day"]) for r in rows],
        layouts=[Layout(columns, cells)],
        notes=[
            "Indicative frameworks are built from published guidance, not an Ofsted timetable: "
            "see 'inspectcal frameworks show ID'."
        ],
    )


def render_list(frameworks: Sequence[Framework], fmt: str, stream: TextIO) -> None:
    write_rows(list_rows(frameworks), fmt, stream)


def detail_rows(framework: Framework) -> Rows:
    detail = framework_detail(framework)
    milestones = detail["milestones"]
    columns = [
        Column("Day", justify="right"),
        Column("Id"),
        Column("Milestone", wrap=True),
        Column("Who", drop=1),
    ]
    cells = [[day_numbers(m["start_day"], m["end_day"]), m["id"], m["title"], m["who"]] for m in milestones]
    notes = []
    if framework.parameters:
        notes.append("Parameters: " + ", ".join(f"{k} = {v}" for k, v in framework.parameters.items()))
    if framework.critical:
        notes.append("Critical for clashes: " + ", ".join(framework.critical))
    if framework.source:
        notes.append(f"Source: {framework.source}")
    return Rows(
        json=detail,
        csv_header=("start_day", "end_day", "id", "title", "who"),
        csv_rows=[(m["start_day"], m["end_day"], m["id"], m["title"], m["who"]) for m in milestones],
        layouts=[Layout(columns, cells)],
        title=f"{framework.title} [{framework.id}], {framework.status}",
        notes=notes,
    )


def evidence_table(framework: Framework, record: dict[str, Any]) -> Rows:
    """The record's eras behind a forecast, as a table (in ``frameworks show``'s terminal output)."""
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
                day_numbers(first, last),
                str(era[earliest]),
                str(era["median"]),
                str(era["p90"]),
                f"{era['fastest']}-{era['slowest']}",
            ]
        )
    narrow = list(columns)  # a shorter header for the same count
    narrow[1] = Column("Reports", justify="right")
    falls_on = (
        "10th percentile (the record has no clear target: nine in ten reports came out on or after it)"
        if record["earliest"] == "p10"
        else "era's target (the most common gap)"
    )
    return Rows(
        json=record,  # the terminal's only: json and csv show the record in framework_detail
        csv_header=(),
        csv_rows=(),
        layouts=[Layout(columns, cells), Layout(narrow, cells)],
        title=f"Evidence: working days from the last on-site day to '{milestone.id}', by era "
        f"(Ofsted's record, {record['framework']} inspections)",
        notes=[
            f"The era is chosen by the inspection's last on-site day; '{milestone.id}' falls on the "
            f"{falls_on}, the earliest likely date. Median and 90% are the "
            f"gaps that half and nine in ten of the era's reports did not exceed. "
            f"--param {record['parameter']}=N fixes the gap instead. Source: {record['source']}.",
            election_evidence(record),
        ],
        more="--format json",
    )


def render_one(framework: Framework, fmt: str, stream: TextIO) -> None:
    """The framework's milestones; in the terminal, the record's eras after them."""
    write_rows(detail_rows(framework), fmt, stream)
    link = framework.record
    if fmt == "table" and link is not None:
        write_rows(evidence_table(framework, framework_detail(framework)["record"]), fmt, stream)


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
