"""What-if windows as a table (clashing rows highlighted, with a summary), JSON or CSV."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TextIO

from inspectcal.plan import Milestone
from inspectcal.render import days_label, human_date, human_span, indicative_note
from inspectcal.render.json import milestone_to_dict
from inspectcal.render.rows import KEEP, Column, Layout, Rows
from inspectcal.render.writer import write_rows
from inspectcal.window import Candidate, Clash, Critical, clash_free_runs


def key_milestones(candidate: Candidate, critical: Sequence[Critical]) -> list[Milestone]:
    """The critical milestones and the last one (publication), in plan order."""
    names = {c.name for c in critical}
    last = max(candidate.plan.milestones, key=lambda m: (m.end_day, m.start_day))
    return [m for m in candidate.plan.milestones if m.id in names or m is last]


def _short_span(m: Milestone) -> str:
    if m.start == m.end:
        return human_date(m.start, year=False)
    return f"{human_date(m.start, year=False)} - {human_date(m.end, year=False)}"


def candidate_to_dict(candidate: Candidate) -> dict[str, Any]:
    return {
        "notified": candidate.plan.notified.isoformat(),
        "milestones": [milestone_to_dict(m) for m in candidate.plan.milestones],
        "framework_status": candidate.plan.framework.status,
        "clashes": [
            {"date": c.date.isoformat(), "milestone": c.milestone, "reason": c.reason}
            for c in candidate.clashes
        ],
    }


def clash_summary(candidate: Candidate, separator: str = "; ", keep: str = " ", reasons: bool = False) -> str:
    """'fieldwork: 5 days from Mon 20 Dec' per clashing milestone (dates in full in json/csv).

    ``keep`` joins the words of a date (a table keeps them on one line); ``reasons`` adds what
    is avoided those days, as given ('fieldwork: 5 days from Mon 20 Dec (Director on leave)').
    """
    by_milestone: dict[str, list[Clash]] = {}
    for clash in candidate.clashes:
        by_milestone.setdefault(clash.milestone, []).append(clash)
    parts = []
    for name, found in by_milestone.items():
        first = human_date(found[0].date, year=False).replace(" ", keep)
        part = f"{name}: {first}" if len(found) == 1 else f"{name}: {len(found)} days from {first}"
        why = list(dict.fromkeys(c.reason for c in found if c.reason))
        parts.append(f"{part} ({'; '.join(why)})" if reasons and why else part)
    return separator.join(parts)


def summary_lines(candidates: Sequence[Candidate]) -> list[str]:
    clashing = sum(1 for c in candidates if c.clashes)
    lines = [f"{clashing} of {len(candidates)} candidate notification dates clash."]
    runs = clash_free_runs(candidates)[:3]
    if runs:
        described = "; ".join(
            f"{human_span(first, last)} ({length} working day{'s' if length != 1 else ''})"
            for first, last, length in runs
        )
        lines.append(f"Longest clash-free runs: {described}.")
    else:
        lines.append("No clash-free notification date in this window.")
    return lines


def window_rows(candidates: Sequence[Candidate], critical: Sequence[Critical]) -> Rows:
    """The candidates as rows; the page for a browser is render/html.py's window_page."""
    keys = key_milestones(candidates[0], critical) if candidates else []
    critical_names = {c.name for c in critical}
    style = ["bold red" if c.clashes else None for c in candidates]
    summaries = [clash_summary(c, "\n", KEEP) or "-" for c in candidates]  # one line each

    def layout(
        notified: Callable[[date], str], span: Callable[[Milestone], str], header: Callable[[str], str]
    ) -> Layout:
        columns = [Column("notified\nDay 1")]
        for rank, m in enumerate(keys):
            # Milestones that are not critical (publication) go first, then the critical ones
            # from the right; the notified date and the clashes always stay.
            drop = len(keys) + 1 if m.id not in critical_names else len(keys) - rank
            columns.append(
                Column(f"{header(m.id)}\n{days_label(m.start_day, m.end_day)}", drop=drop, name=m.id)
            )
        columns.append(Column("clashes", wrap=True))
        rows = [
            [notified(c.plan.notified), *(span(m) for m in key_milestones(c, critical)), text]
            for c, text in zip(candidates, summaries, strict=True)
        ]
        return Layout(columns, rows, style)

    def no_weekday(day: date) -> str:
        return human_date(day, year=False).split(" ", 1)[1]

    def short_span(m: Milestone) -> str:
        start, end = no_weekday(m.start), no_weekday(m.end)
        return start if m.start == m.end else f"{start} -\n{end}"

    def same(text: str) -> str:
        return text

    def split_words(text: str) -> str:
        return text.replace("-", "-\n")

    def no_weekday_year(day: date) -> str:
        return human_date(day).split(" ", 1)[1]

    layouts = [
        # Years only in the first column: it keeps the row short enough for the clashes to show.
        layout(human_date, _short_span, same),
        layout(human_date, short_span, split_words),
        layout(no_weekday_year, short_span, split_words),
    ]
    markdown = Layout(
        [
            Column("Notified (Day 1)"),
            *(Column(f"{m.id} ({days_label(m.start_day, m.end_day)})") for m in keys),
            Column("Clashes"),
        ],
        [
            [
                human_date(c.plan.notified),
                *(_short_span(m) for m in key_milestones(c, critical)),
                clash_summary(c, reasons=True) or "-",
            ]
            for c in candidates
        ],
        style,
    )
    csv_header = ["notified"]
    for m in keys:  # snake_case like every other CSV header: setup_meeting_start, ...
        name = m.id.replace("-", "_")
        csv_header += [f"{name}_start", f"{name}_end"]
    csv_rows = []
    for candidate in candidates:
        row = [candidate.plan.notified.isoformat()]
        for m in key_milestones(candidate, critical):
            row += [m.start.isoformat(), m.end.isoformat()]
        clashes = "; ".join(f"{c.date.isoformat()} {c.milestone}" for c in candidate.clashes)
        csv_rows.append([*row, clashes, candidate.plan.framework.status])
    note = indicative_note(candidates[0].plan.framework) if candidates else None
    return Rows(
        json=[candidate_to_dict(c) for c in candidates],
        csv_header=[*csv_header, "clashes", "framework_status"],
        csv_rows=csv_rows,
        layouts=layouts,
        notes=[*summary_lines(candidates), *([note] if note else [])],
        markdown=markdown,
        markdown_notes=[" ".join(summary_lines(candidates)), *([note] if note else [])],
    )


def render(candidates: Sequence[Candidate], critical: Sequence[Critical], fmt: str, stream: TextIO) -> None:
    """json, csv, markdown or the terminal table."""
    write_rows(window_rows(candidates, critical), fmt, stream)
