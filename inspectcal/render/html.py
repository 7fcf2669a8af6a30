"""One self-contained HTML page: a plan for a briefing, or a window for the planning meeting.

The pages come from Jinja2 templates shipped in the package (``templates/``), with
autoescaping on: every piece of user text (an authority's name, a closure's or a leave
entry's name, a framework file's titles) is escaped. Inline CSS, the timeline SVG inline,
no scripts and nothing fetched; a Content-Security-Policy says so to the browser too.
Jinja2 is imported only here, that is only for ``--format html``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from inspectcal import __version__
from inspectcal.plan import Plan
from inspectcal.render import day_label, days_label, forecast_text, human_date, human_span, plan_heading
from inspectcal.render.month_grid import GridDay, grid_key, month_grids

if TYPE_CHECKING:
    from inspectcal.window import Candidate, Critical

_TEMPLATES = Path(__file__).parent / "templates"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WHO_LABEL = {"ofsted": "Ofsted", "council": "Council", "both": "Both"}


def _page(template: str, context: dict[str, Any]) -> str:
    import jinja2

    from inspectcal.cache import template_cache

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        bytecode_cache=template_cache(jinja2),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template(template).render(version=__version__, **context)


def _when(day: date) -> dict[str, str]:
    return {"iso": day.isoformat(), "human": human_date(day)}


def _framework(plan: Plan) -> dict[str, str]:
    framework = plan.framework
    return {
        "id": framework.id,
        "title": framework.title,
        "status": framework.status,
        "source": framework.source,
    }


def _horizon(plan: Plan) -> str:
    horizon = plan.source.confirmed_through
    if horizon is None:
        return "no bank holidays counted, so none to confirm"
    text = f"bank holidays confirmed to the end of {horizon}"
    if plan.projected_after is not None:
        text += "; later ones in this plan are projected from the usual rules"
    return text


def _months(plan: Plan) -> list[dict[str, Any]]:
    """The month grids (render/month_grid.py) as the template shows them."""

    def cell(day: GridDay) -> dict[str, Any]:
        if day.who is not None:  # style.css: m-ofsted for a one-day milestone, r-ofsted in a range
            css = f"{'m' if day.kind == 'milestone' else 'r'}-{day.who}"
        else:
            css = day.kind if day.kind in ("weekend", "off") else ""
        return {
            "number": day.day.day,
            "mark": day.mark,
            "letter": day.letter,
            "who": WHO_LABEL[day.who] if day.who else "",
            "css": css,
            "title": day.title,
        }

    return [
        {
            "caption": grid.caption,
            "weeks": [[None if d is None else cell(d) for d in week] for week in grid.weeks],
        }
        for grid in month_grids(plan)
    ]


def forecast_lines(plan: Plan) -> list[str]:
    """The publication forecast from Ofsted's record (ILACS), or why there is none; else nothing."""
    text = forecast_text(plan)
    return [text] if text else []


def plan_page(plan: Plan) -> str:
    from inspectcal.render.svg import timeline

    closures = sorted(plan.source.closure_days().items())
    anchor = None
    if plan.anchor is not None:
        anchor = f"Day {plan.anchor.day} on {human_date(plan.anchor.date)}"
    context = {
        "title": plan_heading(plan),
        "heading": plan_heading(plan),
        "framework": _framework(plan),
        "projected_after": plan.projected_after,
        "svg": _markup(timeline(plan, standalone=False)),
        "notified": _when(plan.notified),
        "rows": [
            {
                "id": m.id,
                "day_label": day_label(m),
                "start": {
                    "iso": m.start.isoformat(),
                    "human": human_date(m.start, year=m.start == m.end or m.start.year != m.end.year),
                },
                "end": _when(m.end),
                "title": m.title,
                "who": m.who,
                "who_label": WHO_LABEL[m.who],
            }
            for m in plan.milestones
        ],
        "forecast": forecast_lines(plan),
        "weekdays": [{"short": name[:3], "full": name} for name in _WEEKDAYS],
        "months": _months(plan),
        "grid_key": grid_key(("blue", "brown", "purple"), "darker grey", "light grey"),
        "skipped": [
            {**_when(off.date), "name": off.name, "kind": "closure" if off.closure else "bank holiday"}
            for off in plan.skipped
        ],
        "parameters": ", ".join(f"{k} = {v}" for k, v in sorted(plan.framework.parameters.items())),
        "calendar": plan.source.describe(),
        "region": plan.source.region.label
        + ("" if plan.source.bank_holidays else " (bank holidays not counted: --no-bank-holidays)"),
        "closures": [{**_when(day), "name": name} for day, name in closures],
        "horizon": _horizon(plan),
        "anchor": anchor,
    }
    return _page("plan.html.j2", context)


def render(plan: Plan, stream: TextIO) -> None:
    stream.write(plan_page(plan))


def _markup(svg: str) -> Any:
    """The timeline, already escaped by render/svg.py, marked safe for the template."""
    from markupsafe import Markup

    return Markup(svg)


def window_page(candidates: Sequence[Candidate], critical: Sequence[Critical]) -> str:
    from inspectcal.render.window import key_milestones, summary_lines

    if not candidates:
        from inspectcal.errors import InputError

        raise InputError("the window holds no working day to try as a notification date")
    first = candidates[0].plan
    last = candidates[-1].plan
    keys = key_milestones(candidates[0], critical)
    span = f"{human_date(first.notified)} and {human_date(last.notified)}"
    rows = []
    for candidate in candidates:
        year = candidate.plan.notified.year

        def short(day: date, year: int = year) -> dict[str, str]:
            return {"iso": day.isoformat(), "human": human_date(day, year=day.year != year)}

        rows.append(
            {
                "notified": _when(candidate.plan.notified),
                "cells": [
                    {"start": short(m.start), "end": short(m.end)}
                    for m in key_milestones(candidate, critical)
                ],
                "clashes": [
                    {"start": short(a), "end": short(b), "days": n, "milestone": name, "reason": reason}
                    for a, b, n, name, reason in _clash_runs(candidate)
                ],
            }
        )
    context = {
        "title": f"Notification window, {human_span(first.notified, last.notified)}: {first.framework.title}",
        "heading": f"If Ofsted calls between {span}: {first.framework.title}",
        "framework": _framework(first),
        "summary": summary_lines(candidates),
        "columns": [
            {
                "title": m.title,
                "days": days_label(m.start_day, m.end_day),
            }
            for m in keys
        ],
        "rows": rows,
        "calendar": first.source.describe(),
        "critical": ", ".join(f"{c.name} ({days_label(c.start_day, c.end_day)})" for c in critical),
        "horizon": _horizon(first),
    }
    return _page("window.html.j2", context)


def _clash_runs(candidate: Candidate) -> list[tuple[date, date, int, str, str]]:
    """Clashes as runs of consecutive working days per milestone and reason: (first, last, days, ...)."""
    calendar = candidate.plan.calendar
    runs: list[tuple[date, date, int, str, str]] = []
    ordered = sorted(candidate.clashes, key=lambda c: (c.milestone, c.reason, c.date))
    for clash in ordered:
        if runs:
            first, last, count, milestone, reason = runs[-1]
            if (milestone, reason) == (clash.milestone, clash.reason) and calendar.add(last, 1) == clash.date:
                runs[-1] = (first, clash.date, count + 1, milestone, reason)
                continue
        runs.append((clash.date, clash.date, 1, clash.milestone, clash.reason))
    return sorted(runs)
