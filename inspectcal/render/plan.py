"""The plan as rows: the one description its terminal table and Markdown are written from."""

from __future__ import annotations

from inspectcal.plan import Plan
from inspectcal.render import calendar_note, day_label, forecast_text, human_date, human_span, plan_heading
from inspectcal.render.json import plan_to_dict
from inspectcal.render.rows import Column, Layout, Rows

HEADER = ("start_day", "end_day", "start", "end", "id", "title", "who", "framework_status")
WHO_STYLE = {"ofsted": "cyan", "council": "green", "both": "magenta"}


def csv_rows(plan: Plan, *, with_notified: bool = False) -> list[tuple[str | int, ...]]:
    """The plan's CSV rows (no header); with a leading ``notified`` cell for batches."""
    lead = (plan.notified.isoformat(),) if with_notified else ()
    status = plan.framework.status
    return [
        (*lead, m.start_day, m.end_day, m.start.isoformat(), m.end.isoformat(), m.id, m.title, m.who, status)
        for m in plan.milestones
    ]


def _span_lines(m_start: str, m_end: str) -> str:
    return m_start if m_start == m_end else f"{m_start} -\n{m_end}"


def plan_rows(plan: Plan) -> Rows:
    columns = [
        Column("Day", justify="right"),
        Column("Date"),
        Column("Milestone", wrap=True),
        Column("Who", drop=1, styles=WHO_STYLE),
    ]

    def layout(dates: list[str]) -> Layout:
        return Layout(
            columns,
            [[day_label(m), when, m.title, m.who] for m, when in zip(plan.milestones, dates, strict=True)],
        )

    full = [human_span(m.start, m.end) for m in plan.milestones]
    # Narrower: a range's two ends on two lines.
    two_lines = [_span_lines(human_date(m.start), human_date(m.end)) for m in plan.milestones]
    forecast = forecast_text(plan)
    return Rows(
        json=plan_to_dict(plan),
        csv_header=HEADER,
        csv_rows=csv_rows(plan),
        layouts=[layout(full), layout(two_lines)],
        title=plan_heading(plan),
        notes=[*([forecast] if forecast else []), calendar_note(plan)],
    )
